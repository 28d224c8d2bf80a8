// `-` as a file argument: the content comes on stdin (`envdiff capture | envdiff show -`).
import { EnvdiffError } from './errors.js';

export const STDIN_PATH = '-';

/** All of stdin as text; a terminal on stdin is refused (nothing was piped in). */
export async function readStdin(what: string, example: string): Promise<string> {
  if (process.stdin.isTTY) {
    throw new EnvdiffError(`- reads ${what} from stdin, but stdin is a terminal`, `pipe one in, e.g. ${example}`);
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  } catch (err) {
    throw new EnvdiffError(`cannot read stdin (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, `pipe ${what} in`);
  }
  return Buffer.concat(chunks).toString('utf8');
}
