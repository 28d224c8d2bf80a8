// What the whole test suite may not leave behind (issue #10): a process started during the run
// (every one carries the run's marker in its environment, set before the first test), or a temp
// entry envdiff makes — the probe bundle's work dir (`mktemp -d`: tmp.XXXXXXXXXX, or
// envdiff.PID) and the atomic writes' temp files (.envdiff-<hex>.tmp/.bak) — in the run's own
// TMPDIR. test/support/suite-global-setup.ts checks it after the last test; test/hostile/leftovers.test.ts
// proves the check finds what it looks for.
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export const RUN_MARK = 'ENVDIFF_TEST_RUN';

/** Entries envdiff creates in a temp dir, anywhere below it. */
const ENVDIFF_TEMP = /^(?:tmp\.[A-Za-z0-9]{10}|envdiff\.\d+|\.envdiff-[0-9a-f]{12}\.(?:tmp|bak))$/;

/** Processes other than `exclude` whose environment holds `RUN_MARK=token`, as `pid cmdline`. */
export function markedProcesses(token: string, exclude: ReadonlySet<number>): string[] {
  const needle = `${RUN_MARK}=${token}`;
  const out: string[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || exclude.has(Number(d))) continue;
    try {
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${d}/stat`, 'utf8'))) continue; // a zombie is gone, waiting to be reaped
      if (!readFileSync(`/proc/${d}/environ`, 'latin1').split('\0').includes(needle)) continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ').trim();
      // vitest itself and its workers end after this check.
      if (/node_modules\/(vitest|tinypool)|vitest\.mjs/.test(cmd)) continue;
      out.push(`pid ${d}: ${cmd.slice(0, 200)}`);
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return out;
}

/** envdiff's temp entries below `dir`. */
export function envdiffTempEntries(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(d, e.name);
      if (ENVDIFF_TEMP.test(e.name)) out.push(path);
      else if (e.isDirectory() && !e.isSymbolicLink() && depth < 6) walk(path, depth + 1);
    }
  };
  walk(dir, 0);
  return out;
}
