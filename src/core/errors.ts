// One error type for failures of the run itself (bad input, unreachable target).
// Problems with one facet are data (status/reason), never an EnvdiffError.

export type ExitCode = 0 | 1 | 2;

export class EnvdiffError extends Error {
  readonly hint: string;
  readonly exitCode: ExitCode;

  constructor(message: string, hint: string, exitCode: ExitCode = 2) {
    super(message);
    this.name = 'EnvdiffError';
    this.hint = hint;
    this.exitCode = exitCode;
  }

  /** One line for stderr: what is wrong, then what to do. */
  toLine(): string {
    return this.hint ? `envdiff: ${this.message} — ${this.hint}` : `envdiff: ${this.message}`;
  }
}
