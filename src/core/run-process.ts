// Runs one program with stdin text and collects its output; failures come back as values.
import { spawn } from 'node:child_process';

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
    const killTree = () => {
      try {
        // Negative pid: the whole process group, so a hanging grandchild goes too.
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          killTree();
        }, opts.timeoutMs)
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
