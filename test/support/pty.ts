// Runs the built CLI inside a real pseudo-terminal of a given size: util-linux `script` allocates
// the pty (stdout, stderr and stdin are all the terminal) and `stty` sets its columns, as a
// terminal emulator would. Output comes back with the terminal's \r\n line ends turned into \n.
import { spawnSync } from 'node:child_process';
import { CLI } from './cli.js';

export function ptyAvailable(): boolean {
  return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
}

const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function runInPty(
  args: string[],
  opts: { columns: number; cwd?: string; env?: NodeJS.ProcessEnv },
): { exitCode: number | null; output: string } {
  const command = `stty cols ${opts.columns} rows 50; exec ${[process.execPath, CLI, ...args].map(sh).join(' ')}`;
  // -e: script exits with the child's status; -q: no "Script started" lines; /dev/null: no log file.
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
  return { exitCode: r.status, output: (r.stdout ?? '').replace(/\r\n/g, '\n') };
}
