// Policy globs (`rule: "python/*"`, `subject: "torch*"`), matched in time linear in the pattern
// times the text, never exponential: a backtracking matcher (picomatch compiles to a RegExp) runs
// for minutes on `*a*a*a*a*a*a*a*a*a*a*a*a*b` against a long subject, and a policy file is input.
// The classic two-pointer wildcard match (one saved position for the last `*`; see
// https://research.swtch.com/glob) over these tokens:
//   `*` (and `**`) any text, `/` included — rule ids and lock file subjects contain slashes;
//   `?` one character; `[abc]`, `[a-z]`, `[!x]` / `[^x]` one character of a class;
//   `{a,b}` alternatives (expanded, at most MAX_ALTERNATIVES); `\x` the character x itself.
// Everything else is itself (so src/app/accept.ts's escaped literals still match only themselves).

/** Expanded `{…}` alternatives per glob at most: a policy cannot make one entry cost millions. */
export const MAX_ALTERNATIVES = 256;
/** Characters per glob at most. */
export const MAX_GLOB_LENGTH = 1000;

type Token =
  { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; ranges: [string, string][] };

export class GlobError extends Error {}

/** A matcher for one glob; throws GlobError when the glob is too long or has too many alternatives. */
export function compileGlob(glob: string): (text: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`the glob is longer than ${MAX_GLOB_LENGTH} characters`);
  const alternatives = expandBraces(glob).map(tokenize);
  return (text) => {
    const chars = Array.from(text);
    return alternatives.some((tokens) => matchTokens(tokens, chars));
  };
}

function expandBraces(glob: string): string[] {
  let out = [''];
  let i = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) {
      out = out.map((o) => o + glob.slice(i, i + 2));
      i += 2;
      continue;
    }
    if (c === '{') {
      const end = closingBrace(glob, i);
      if (end > 0) {
        const parts = splitTopLevel(glob.slice(i + 1, end)).flatMap(expandBraces);
        if (parts.length > 1 || glob.slice(i + 1, end).includes(',')) {
          const next: string[] = [];
          for (const o of out) for (const p of parts) next.push(o + p);
          if (next.length > MAX_ALTERNATIVES) throw new GlobError(`the glob expands to more than ${MAX_ALTERNATIVES} alternatives`);
          out = next;
          i = end + 1;
          continue;
        }
      }
    }
    out = out.map((o) => o + c);
    i++;
  }
  return out;
}

function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function tokenize(glob: string): Token[] {
  const chars = Array.from(glob);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) tokens.push({ kind: 'char', c: chars[++i]! });
    else if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const cls = readClass(chars, i);
      if (cls) {
        tokens.push(cls.token);
        i = cls.end;
      } else tokens.push({ kind: 'char', c });
    } else tokens.push({ kind: 'char', c });
  }
  return tokens;
}

function readClass(chars: string[], open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  let first = true;
  for (; i < chars.length; i++) {
    let c = chars[i]!;
    if (c === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    first = false;
    if (c === '\\' && i + 1 < chars.length) c = chars[++i]!;
    if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
      let hi = chars[i + 2]!;
      i += 2;
      if (hi === '\\' && i + 1 < chars.length) hi = chars[++i]!;
      ranges.push([c, hi]);
    } else ranges.push([c, c]);
  }
  return undefined;
}

function matchOne(t: Token, c: string): boolean {
  switch (t.kind) {
    case 'char':
      return t.c === c;
    case 'any':
      return true;
    case 'class': {
      const inside = t.ranges.some(([lo, hi]) => lo <= c && c <= hi);
      return inside !== t.negated;
    }
    case 'star':
      return false;
  }
}

/** Two pointers and one saved `*` position: O(pattern × text) at worst, no recursion. */
function matchTokens(tokens: readonly Token[], text: readonly string[]): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const tok = tokens[p];
    if (tok !== undefined && tok.kind === 'star') {
      starP = p++;
      starT = t;
    } else if (tok !== undefined && matchOne(tok, text[t]!)) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (tokens[p]?.kind === 'star') p++;
  return p === tokens.length;
}
