// The CLI is thin: parse options, call one app function, print, return an exit code.
// Commands are declared in src/cli/commands/ (one file each); src/cli/program.ts turns the
// declarations into the parser, its help and did-you-mean. Failures of the run are EnvdiffErrors,
// caught here once and printed as one line (exit 2).
import { EnvdiffError, type ExitCode } from '../core/errors.js';
import { printable } from '../core/text.js';
import { COMMANDS } from './commands/index.js';
import { parseFast, type Parsed } from './fast-parse.js';

export async function main(argv: string[]): Promise<ExitCode> {
  try {
    const fast = parseFast(COMMANDS, argv);
    if (fast) return await fast.spec.run({ args: fast.args, opts: fast.opts });

    // Everything else — help, --version, typos, missing arguments — is commander's to answer.
    const { buildProgram, ParseStop } = await import('./program.js');
    let parsed: Parsed | undefined;
    const program = buildProgram(COMMANDS, (p) => {
      parsed = p;
    });
    if (argv.length === 0) {
      process.stdout.write(program.helpInformation());
      return 2;
    }
    const args = normalize(argv);
    try {
      program.parse(args, { from: 'user' });
    } catch (err) {
      if (err instanceof ParseStop) return err.exitCode;
      throw err;
    }
    if (!parsed) return 0;
    const { spec, args: positional, opts } = parsed;
    return await spec.run({ args: positional, opts });
  } catch (err) {
    if (err instanceof EnvdiffError) {
      // Messages quote paths, file contents, policy keys and targets: one line, no raw escape sequence.
      process.stderr.write(printable(err.toLine()) + '\n');
      return err.exitCode;
    }
    // Not ours: still one line and exit 2, with the detail only when asked for.
    process.stderr.write(
      `envdiff: unexpected failure: ${printable(String((err as Error)?.message ?? err))} — set ENVDIFF_DEBUG=1 for details\n`,
    );
    if (process.env.ENVDIFF_DEBUG) process.stderr.write(String((err as Error)?.stack) + '\n');
    return 2;
  }
}

/**
 * -V was the version flag before -v; it still is. `help X` is `X --help` for a command X, and an
 * unknown X is run as a command, so that it gets commander's did-you-mean, not the general help.
 */
function normalize(argv: string[]): string[] {
  if (argv[0] === '-V') return ['--version', ...argv.slice(1)];
  if (argv[0] === 'help' && argv.length === 2) {
    return COMMANDS.some((c) => c.name === argv[1]) ? [argv[1]!, '--help'] : [argv[1]!];
  }
  return argv;
}
