// Engines, ssh and kubectl say what went wrong on stderr; a reason quotes one line of it.

/** The first non-empty line, trimmed, at most 300 characters ('no message' when there is none). */
export function firstLine(text: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return line ? line.slice(0, 300) : 'no message';
}

/**
 * The last non-empty line that is not `noise` (a tool's verdict comes last, after warnings or log
 * lines that only repeat it), trimmed, at most 300 characters; firstLine() when none is left.
 */
export function lastLine(text: string, noise?: RegExp): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !noise?.test(l));
  return lines.length ? lines[lines.length - 1]!.slice(0, 300) : firstLine(text);
}
