// ANSI colour codes in terminal output, for tests that compare painted and plain text.

// eslint-disable-next-line no-control-regex -- matching ESC is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** The text without its ANSI SGR codes (colours, bold, reset). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
