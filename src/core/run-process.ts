// Runs one program with stdin text and collects its output; failures come back as values.
// Every program runs in a process group of its own, which is killed when it ends (so nothing it
// forked outlives it), on a timeout (SIGTERM first, so that the probe bundle's trap removes its
// work dir, then SIGKILL) and when envdiff itself is interrupted (stopAllProcesses, called by the
// signal handlers of src/cli/signals.ts).
import { spawn } from 'node:child_process';

/** Grace between SIGTERM and SIGKILL: long enough for the bundle's trap to remove its work dir. */
const KILL_GRACE_MS = 2_000;

/** The longest delay a Node timer holds (a longer one fires after 1 ms). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The process groups still running, by leader pid. */
const live = new Set<number>();

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole process group, so a hanging grandchild goes too.
    process.kill(-pid, signal);
  } catch {
    /* the group is gone already */
  }
}

/**
 * Stops every process group envdiff started and still runs: SIGTERM now, SIGKILL after the
 * grace. Resolves when they are all gone (or were sent SIGKILL).
 */
export async function stopAllProcesses(): Promise<void> {
  const groups = [...live];
  for (const pid of groups) signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + KILL_GRACE_MS;
  while (groups.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT: not installed). */
  spawnError?: NodeJS.ErrnoException;
}

export interface RunOptions {
  input?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Bytes of stdout kept at most; a flooding program is cut off beyond it. */
  maxBuffer?: number;
  /** Called with each piece of stderr as it arrives (progress reported by the program). */
  onStderr?: (text: string) => void;
}

export function runProcess(file: string, args: readonly string[], opts: RunOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const maxBuffer = opts.maxBuffer ?? 256 * 1024 * 1024;
    let child;
    try {
      child = spawn(file, args, {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: opts.env ?? process.env,
        cwd: opts.cwd,
        detached: process.platform !== 'win32',
      });
    } catch (err) {
      resolve({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, spawnError: err as NodeJS.ErrnoException });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    const pid = child.pid;
    if (pid) live.add(pid);
    const killTree = () => {
      if (pid) signalGroup(pid, 'SIGKILL');
      else child.kill('SIGKILL');
    };
    let graceTimer: NodeJS.Timeout | undefined;
    const timer = opts.timeoutMs
      ? setTimeout(
          () => {
            timedOut = true;
            // SIGTERM first: the probe bundle's trap kills its probes and removes its work dir.
            if (pid) signalGroup(pid, 'SIGTERM');
            graceTimer = setTimeout(killTree, KILL_GRACE_MS);
            // Node's timers hold 2^31-1 ms at most; a longer one would fire at once.
          },
          Math.min(opts.timeoutMs, MAX_TIMER_MS),
        )
      : undefined;
    child.stdout.on('data', (d: Buffer) => {
      outBytes += d.length;
      if (outBytes <= maxBuffer) out.push(d);
      else killTree();
    });
    child.stderr.on('data', (d: Buffer) => {
      errBytes += d.length;
      if (errBytes <= 1024 * 1024) err.push(d);
      opts.onStderr?.(d.toString('utf8'));
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e;
    });
    child.stdin.on('error', () => {
      /* the program may exit before reading all input (EPIPE): its exit status tells the story */
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      // Whatever the program left running in its group (a daemon a probed program forked, a
      // watchdog's sleep) ends with it.
      if (pid) {
        signalGroup(pid, 'SIGKILL');
        live.delete(pid);
      }
      resolve({
        exitCode: code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        spawnError,
      });
    });
    child.stdin.end(opts.input ?? '');
  });
}
