// Small text helpers every layer shares: a locale-independent order, short lists for table
// cells, and making control characters visible in one-line messages and comments.

/** Plain code-unit order, never localeCompare, so output does not depend on the ICU locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "a, b, c and 4 more": long lists stay readable in a table cell. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

// C0 controls, DEL, C1 controls (U+0085 ends a line for Python's str.splitlines(), so for pip),
// the Unicode line and paragraph separators and the bidi overrides of "Trojan Source"
// (CVE-2021-42574): each ends a line or reorders one somewhere. src/core/escape.ts has the
// escaping of each sink; this is the terminal's, for one-line messages and comments.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Does the text hold a control character (or a Unicode line separator)? */
export function hasControlChars(text: string): boolean {
  LINE_BREAKING.lastIndex = 0;
  return LINE_BREAKING.test(text);
}

/**
 * Control characters (a newline ends a message line, a Dockerfile comment or an instruction)
 * shown as `\xNN` text, so that text from a captured machine or the command line stays on one
 * line. Reports escape for their own sinks (src/report/escape.ts).
 */
export function printable(text: string): string {
  return text.replace(LINE_BREAKING, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

/**
 * A JSON.parse error without the input V8 quotes into it (`Unexpected token 'r', "root:$6$SE"... is
 * not valid JSON`): the file may be anything the user pointed at (/etc/shadow), and its first bytes
 * must not be printed.
 */
export function jsonErrorWithoutInput(message: string): string {
  return message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
}
