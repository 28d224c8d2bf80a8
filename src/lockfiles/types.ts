// What every lock file parser returns, and the error a parser throws when the whole file is
// unreadable (truncated TOML, corrupt JSON): capture turns that into the file's `status: error`.
import type { LockedPackage } from '../core/types.js';

export interface LockProblem {
  line: number;
  message: string;
}

export interface ParsedLock {
  packages: LockedPackage[];
  problems: LockProblem[];
  meta?: Record<string, string>;
}

export interface LockParseContext {
  /** The file's path as reported (relative to the capture's cwd); used in messages. */
  path: string;
  /**
   * Reads a file the lock refers to (a `-r` include, sbt's project/build.properties), resolved
   * relative to `from` (a path as reported; default the lock file itself). Returns the text and its
   * reported path, or undefined when it does not exist. Absent: references are not followed.
   */
  readRelated?: (relativePath: string, from?: string) => { text: string; path: string } | undefined;
}

export type LockParser = (text: string, ctx: LockParseContext) => ParsedLock;

/** The whole file could not be read as its format: the entry gets status "error" and this reason. */
export class LockParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockParseError';
  }
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
