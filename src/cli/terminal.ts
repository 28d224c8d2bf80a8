// What the CLI needs to know about where its output goes.
import { printable } from '../core/text.js';

/** Columns the default table may use: the terminal's, else COLUMNS (piped or redirected), else 80. */
export function outputWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const columns = Number(env['COLUMNS']);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return 80;
}

export function isTerminal(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}

/** One diagnostic line on stderr, prefixed as every envdiff line is. */
export function note(line: string): void {
  process.stderr.write(`envdiff: ${printable(line)}\n`);
}
