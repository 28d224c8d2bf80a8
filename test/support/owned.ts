// Things a test starts outside its own process — podman containers, host daemons, their temp
// dirs — belong to the test process that started them. Each is recorded with that process's pid
// (a podman label on containers, an owner.json in the temp dir for daemons), removed by the
// helper's stop(), by an exit hook when a test forgot or crashed, and — when a run was killed
// before either could run (SIGKILL, a lost CI runner) — by the next run, which reaps what owners
// that are no longer alive left behind. Nothing is ever removed by a broad name match.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PODMAN } from './podman.js';

/** The podman label that names the pid of the test process owning a container. */
export const OWNER_LABEL = 'envdiff-test.owner';

/** `podman run` arguments that mark a container as owned by this process. */
export function ownerLabelArgs(): string[] {
  return ['--label', `${OWNER_LABEL}=${process.pid}`];
}

/** A daemon this process started: its pid and the command name /proc/PID/comm must show. */
export interface OwnedDaemon {
  pid: number;
  comm: string;
}

/** What a helper's temp dir holds so that a later run can clean up after a killed one. */
export interface OwnerRecord {
  ownerPid: number;
  daemons: OwnedDaemon[];
  containers: string[];
}

export function writeOwnerRecord(dir: string, record: Omit<OwnerRecord, 'ownerPid'>): void {
  const full: OwnerRecord = { ownerPid: process.pid, ...record };
  writeFileSync(join(dir, 'owner.json'), `${JSON.stringify(full, null, 2)}\n`);
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Kills a daemon only while its pid still names the program it was (a pid can be reused once the
 * daemon is gone). Synchronous, so that it also works from an exit hook.
 */
export function killDaemon(d: OwnedDaemon, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!pidAlive(d.pid)) return;
  let comm = '';
  try {
    comm = readFileSync(`/proc/${d.pid}/comm`, 'utf8').trim();
  } catch {
    return;
  }
  if (comm !== d.comm) return;
  try {
    process.kill(d.pid, signal);
  } catch {
    /* exited meanwhile */
  }
}

/** Removes containers by exact name, synchronously (also from an exit hook); missing ones are fine. */
export function removeContainersSync(names: readonly string[]): void {
  if (names.length === 0) return;
  spawnSync(PODMAN, ['rm', '-f', '-t', '0', '--ignore', ...names], { stdio: 'ignore', timeout: 120_000 });
}

/**
 * Starts `podman rm` for NAMES in a session of its own and does not wait: from an exit hook, the
 * removal then finishes even when the test runner kills this process right after (it may, once a
 * worker's tests are done), and the hook itself stays fast.
 */
export function removeContainersDetached(names: readonly string[]): void {
  if (names.length === 0) return;
  try {
    spawn(PODMAN, ['rm', '-f', '-t', '0', '--ignore', ...names], { detached: true, stdio: 'ignore' }).unref();
  } catch {
    /* podman gone: the next run's reapOrphans gets them */
  }
}

/**
 * Removes what dead owners left: temp dirs named PREFIX* under the temp dir with an owner.json
 * whose owner is gone (their daemons killed, their containers removed), and every container
 * labelled with an owner pid that is no longer alive. Returns what it removed, for a log line.
 */
export function reapOrphans(prefix: string): string[] {
  const removed: string[] = [];
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(prefix)) continue;
    const dir = join(tmpdir(), entry);
    const file = join(dir, 'owner.json');
    if (!existsSync(file)) continue;
    let record: OwnerRecord;
    try {
      record = JSON.parse(readFileSync(file, 'utf8')) as OwnerRecord;
    } catch {
      continue;
    }
    if (pidAlive(record.ownerPid)) continue;
    for (const d of record.daemons) killDaemon(d);
    removeContainersSync(record.containers);
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir, ...record.containers);
  }
  const ps = spawnSync(
    PODMAN,
    ['ps', '-a', '--filter', `label=${OWNER_LABEL}`, '--format', `{{.Names}}\t{{index .Labels "${OWNER_LABEL}"}}`],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const orphans: string[] = [];
  for (const line of (ps.stdout ?? '').split('\n')) {
    const [name, owner] = line.split('\t');
    if (!name || !owner || !/^\d+$/.test(owner)) continue;
    if (!pidAlive(Number(owner))) orphans.push(name);
  }
  removeContainersSync(orphans);
  return [...removed, ...orphans];
}

const cleanups = new Set<() => void>();
let hooked = false;

/**
 * Runs FN (synchronous, and quick: the process may be killed soon after) when this process exits
 * or is told to stop (SIGINT, SIGTERM, SIGHUP), unless the returned function is called first (what
 * stop() does once it has cleaned up).
 */
export function onProcessExit(fn: () => void): () => void {
  cleanups.add(fn);
  if (!hooked) {
    hooked = true;
    process.on('exit', runCleanups);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const handler = (): void => {
        runCleanups();
        // Then die of the same signal, as the process would have without this handler.
        process.removeListener(signal, handler);
        process.kill(process.pid, signal);
      };
      process.on(signal, handler);
    }
  }
  return () => {
    cleanups.delete(fn);
  };
}

function runCleanups(): void {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {
      /* best effort: the next run's reapOrphans gets the rest */
    }
  }
}
