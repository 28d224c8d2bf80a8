// vitest globalSetup (vitest.config.ts): the suite runs with a TMPDIR of its own and a marker in
// the environment every process it starts inherits; after the last test, no such process and no
// envdiff temp entry may remain (test/support/suite-leftovers.ts), or the run fails.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envdiffTempEntries, markedProcesses, RUN_MARK } from './suite-leftovers.js';

let dir = '';
let token = '';

export function setup(): void {
  // A short name: tests put temp paths into labels and lines with length limits.
  dir = mkdtempSync(join(tmpdir(), 'ed'));
  // Searchable by all, as /tmp is (not listable): munged refuses a socket under a folder others
  // cannot enter ("execute permissions for all required"), and the Slurm tests put theirs here.
  chmodSync(dir, 0o711);
  token = randomBytes(8).toString('hex');
  process.env['TMPDIR'] = dir;
  process.env[RUN_MARK] = token;
}

export async function teardown(): Promise<void> {
  const exclude = new Set([process.pid]);
  const find = () => [...markedProcesses(token, exclude), ...envdiffTempEntries(dir).map((p) => `temp ${p}`)];
  // Exit hooks of helpers (containers, daemons) may take a moment after the last worker ended.
  let left = find();
  for (let i = 0; i < 60 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 500));
    left = find();
  }
  // The run's TMPDIR goes in any case: the error below names what was left.
  rmSync(dir, { recursive: true, force: true });
  if (left.length > 0) {
    // vitest prints a teardown error but would still exit 0: the exit code says it too.
    process.exitCode = 1;
    throw new Error(`envdiff's test suite left these behind:\n${left.join('\n')}`);
  }
}
