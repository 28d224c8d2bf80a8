// Runs the built CLI as a user would: a real `node bin/envdiff.js` process.
import { runProcess } from '../../src/core/run-process.js';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../bin/envdiff.js', import.meta.url));

export async function runEnvdiff(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const r = await runProcess(process.execPath, [CLI, ...args], {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    input: opts.input,
    timeoutMs: opts.timeoutMs ?? 180_000,
  });
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}
