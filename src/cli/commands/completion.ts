import type { Shell } from '../completion.js';
import { PROGRAM, type CommandSpec } from '../spec.js';

// The same list as SHELLS in ../completion.js, which loads only when a script is asked for.
const SHELL_NAMES = ['bash', 'zsh', 'fish'] as const;

export const completion: CommandSpec = {
  name: 'completion',
  summary: 'print a completion script for bash, zsh or fish',
  args: [{ name: 'shell', description: `one of ${SHELL_NAMES.join(', ')}`, required: true, complete: SHELL_NAMES }],
  options: [],
  examples: [
    ['source <(envdiff completion bash)', 'complete envdiff commands, options and their values in this bash session'],
    ['envdiff completion fish > ~/.config/fish/completions/envdiff.fish', 'install it for fish for good'],
  ],
  async run({ args }) {
    const shell = args[0]!;
    const [{ completionScript, SHELLS }, { COMMANDS }, { EnvdiffError }, { printable }] = await Promise.all([
      import('../completion.js'),
      import('./index.js'),
      import('../../core/errors.js'),
      import('../options.js'),
    ]);
    if (!(SHELLS as readonly string[]).includes(shell)) {
      throw new EnvdiffError(`completion: unknown shell '${printable(shell)}'`, `use one of ${SHELLS.join(', ')}`);
    }
    process.stdout.write(completionScript(shell as Shell, { program: PROGRAM, commands: COMMANDS }));
    return 0;
  },
};
