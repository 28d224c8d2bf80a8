// What a command is, declared once: its arguments, options, examples and what it runs. The
// argument parser (commander, src/cli/program.ts), `--help`, did-you-mean and the completion
// scripts (src/cli/completion.ts) are all built from these declarations, so a command or a flag
// is added in one place: a file under src/cli/commands/ and one line in its index.
import type { ExitCode } from '../core/errors.js';

/** The command's name, as users type it (the npm package is envdiff-ml). */
export const PROGRAM = 'envdiff';

/** What the completion scripts offer for a value: files, directories, nothing, or fixed words. */
export type Completion = 'file' | 'dir' | 'none' | 'target' | readonly string[];

export interface OptionSpec {
  /** The long name without dashes (`output`); the parsed value is found under it. */
  name: string;
  /** One-letter alias (`o` for `-o`). */
  short?: string;
  /** Placeholder of the value (`FILE`); an option without one is a boolean flag. */
  value?: string;
  description: string;
  /** The accepted values: checked by the parser, listed by --help and offered by completion. */
  choices?: readonly string[];
  /** The default as --help shows it (the value itself is applied by the command). */
  defaultText?: string;
  /** May be given several times (`--target A --target B`); the value is then an array. */
  repeatable?: boolean;
  /** Takes several values after one flag (`--lock a.txt b.txt`); the value is an array. */
  variadic?: boolean;
  /** What completion offers for the value; default: files when the option takes a value. */
  complete?: Completion;
  /**
   * Checks and converts the value as it is parsed; throws EnvdiffError for a bad one.
   * `flag` is how the user wrote the option (`--timeout`).
   */
  parse?: (value: string, flag: string) => unknown;
  /** Accepted but not shown in --help (kept for compatibility). */
  hidden?: boolean;
}

export interface ArgumentSpec {
  name: string;
  description: string;
  required: boolean;
  /** Takes the rest of the arguments (`TARGET…`). */
  variadic?: boolean;
  complete?: Completion;
}

/** What a command's run() receives: its arguments and options as the parser left them. */
export interface CommandInput {
  args: string[];
  opts: Record<string, unknown>;
}

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** A few more lines for the command's own --help. */
  description?: string;
  args: readonly ArgumentSpec[];
  options: readonly OptionSpec[];
  /** At least two: the command line and what it does. Shown by --help. */
  examples: readonly (readonly [command: string, what: string])[];
  /** Parses nothing: it gets parsed input, calls one app function, prints, returns the exit code. */
  run(input: CommandInput): Promise<ExitCode>;
}
