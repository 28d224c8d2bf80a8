// What the Slurm cluster and the ssh fleet leave when a test never calls stop(): nothing once the
// test process exits (exit hooks), and nothing after the next start when the process was killed
// outright (SIGKILL: no hook can run; the next start reaps what dead owners left). Each case runs
// a fixture in a vitest of its own, so that its worker process really ends.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { podman, podmanWorks } from '../support/podman.js';
import { reapOrphans } from '../support/owned.js';
import { slurmAvailable } from '../support/slurm.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = fileURLToPath(new URL('./fixtures/vitest.config.ts', import.meta.url));

interface Started {
  workerPid: number;
  pids: number[];
  containers: string[];
  dirs: string[];
}

/** A pid that still runs: not gone, and not a zombie waiting for its new parent to reap it. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function leftovers(s: Started): Promise<string[]> {
  const names = new Set((await podman(['ps', '-a', '--format', '{{.Names}}'])).split('\n'));
  return [
    ...s.containers.filter((c) => names.has(c)).map((c) => `container ${c}`),
    ...s.pids.filter(running).map((p) => `pid ${p}`),
    ...s.dirs.filter((d) => existsSync(d)).map((d) => `dir ${d}`),
  ];
}

function runFixture(mode: 'exit' | 'kill', out: string): Started {
  // Not envdiff's runProcess: it ends the child's whole process group when the child exits (what a
  // capture wants, src/core/run-process.ts), which would end the daemons a killed owner leaves —
  // the very case this test is about.
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', CONFIG], {
    cwd: ROOT,
    env: { ...process.env, ENVDIFF_FIXTURE_MODE: mode, ENVDIFF_FIXTURE_OUT: out },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (!existsSync(out))
    throw new Error(`the fixture did not start (exit ${String(r.status)}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return JSON.parse(readFileSync(out, 'utf8')) as Started;
}

describe.skipIf(!podmanWorks() || !slurmAvailable())('nothing is left behind (a fixture in its own vitest)', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'envdiff-leftovers-'));
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('a test that never calls stop(): the exit hooks remove daemons, containers and temp dirs', async () => {
    const started = runFixture('exit', join(work, 'exit.json'));
    expect(started.containers).toHaveLength(3);
    expect(started.pids).toHaveLength(2);
    // The container removal is detached from the exiting worker: it may take a moment.
    await expect.poll(() => leftovers(started), { timeout: 60_000, interval: 500 }).toEqual([]);
  });

  it('a killed test run: everything stays until the next start reaps it', async () => {
    const started = runFixture('kill', join(work, 'kill.json'));
    expect(running(started.workerPid)).toBe(false);
    // SIGKILL: no hook ran, the daemons and containers still run — the case the reaper is for.
    expect(await leftovers(started)).toEqual([
      ...started.containers.map((c) => `container ${c}`),
      ...started.pids.map((p) => `pid ${p}`),
      ...started.dirs.map((d) => `dir ${d}`),
    ]);
    // What startSlurmCluster and startSshFleet call first.
    const reaped = [...reapOrphans('envdiff-slurm-'), ...reapOrphans('envdiff-sshfleet-')];
    expect(reaped).toEqual(expect.arrayContaining([...started.containers, ...started.dirs]));
    await expect.poll(() => leftovers(started), { timeout: 60_000, interval: 500 }).toEqual([]);
  });
});
