// Hostile strings for the property suite: what a capture of someone else's machine, an edited
// fingerprint or a crafted file name may hold. Each piece aims at one consumer's idea of a line
// break, a control or markup: pip (Python's str.splitlines(): \v \f \x1c-\x1e \x85 \u2028 \u2029),
// Docker (\n and a trailing \), terminals (C0, C1, ESC sequences, bidi overrides), XML, Markdown,
// GitHub workflow commands and sh.
import fc from 'fast-check';

export const HOSTILE_PIECES = [
  '\n',
  '\r',
  '\r\n',
  '\v',
  '\f',
  '\x1c',
  '\x1d',
  '\x1e',
  '\x85',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u2066',
  '\u2069',
  '\x1b[31m',
  '\x1b]8;;https://evil.invalid\x07',
  '\x00',
  '\x7f',
  '\x9b',
  '\\',
  '"',
  "'",
  '`',
  '$(touch /tmp/envdiff-pwned)',
  '${HOME}',
  ';',
  '|',
  '&',
  '<script>',
  ']]>',
  '&amp;',
  '@team',
  '::error::pwned',
  '%0A',
  '#',
  '--index-url=https://evil.invalid/simple',
  '-i https://evil.invalid/',
  'RUN touch /tmp/envdiff-pwned',
  ' ',
  '\t',
  '*',
  '[x](https://evil.invalid)',
  '\ud800',
];

/** A string made of hostile pieces and ordinary text, up to a few hundred characters. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

/** A hostile string that holds at least one line break some consumer honours. */
export const lineBreaking: fc.Arbitrary<string> = fc
  .tuple(hostileString, fc.constantFrom('\n', '\r', '\v', '\f', '\x1c', '\x85', '\u2028', '\u2029'), hostileString)
  .map(([a, b, c]) => a + b + c);

/** How many runs each property makes: enough to meet every piece, few enough for 2 shared cores. */
export const RUNS = { numRuns: 120 };
