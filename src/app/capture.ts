// `envdiff capture`: choose the transport, capture, and write the fingerprint (atomically with -o).
import { resolve } from 'node:path';
import { EnvdiffError } from '../core/errors.js';
import { writeFileAtomic } from '../core/write-file-atomic.js';
import { captureFingerprint, type CaptureEvent } from '../capture/capture.js';
import { localTransport } from '../capture/targets/local.js';
import type { Transport } from '../capture/targets/types.js';
import type { Fingerprint } from '../facets/index.js';
import type { LockfilesFacet } from '../facets/lockfiles/types.js';

export interface CaptureCommandOptions {
  output?: string;
  label?: string;
  target?: string;
  python?: string;
  lock?: string[];
  lockRecursive?: boolean;
  noLock?: boolean;
  engine?: 'docker' | 'podman';
  pull?: boolean;
  context?: string;
  timeoutSec?: number;
  probeTimeoutSec?: number;
  cwd?: string;
  /** Progress as the capture goes (see CaptureEvent). */
  onProgress?: (event: CaptureEvent) => void;
}

export interface CaptureResult {
  /** The fingerprint as JSON text when no -o was given (else empty). */
  output: string;
  written?: string;
  fingerprint: Fingerprint;
}

export async function runCapture(opts: CaptureCommandOptions): Promise<CaptureResult> {
  const transport = await resolveTransport(opts);
  // Lockfiles are read here while the probes run on the target.
  const lockfiles = captureLocks(opts);
  // A rejected promise must not go unhandled while the capture is still running.
  lockfiles.catch(() => undefined);
  const fp: Fingerprint = await captureFingerprint({
    transport,
    label: opts.label,
    python: opts.python,
    timeoutMs: opts.timeoutSec !== undefined ? opts.timeoutSec * 1000 : undefined,
    probeTimeoutSec: opts.probeTimeoutSec,
    lockfiles,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const text = JSON.stringify(fp, null, 2) + '\n';
  if (opts.output) {
    try {
      writeFileAtomic(opts.output, text);
    } catch (err) {
      throw new EnvdiffError(
        `cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        'check that the directory exists and is writable',
      );
    }
    return { output: '', written: opts.output, fingerprint: fp };
  }
  return { output: text, fingerprint: fp };
}

async function resolveTransport(opts: CaptureCommandOptions): Promise<Transport> {
  const spec = opts.target ?? 'local';
  if (spec === 'local') return localTransport();
  const { parseTarget } = await import('../capture/targets/parse-target.js');
  return parseTarget(spec, { engine: opts.engine, pull: opts.pull, context: opts.context });
}

async function captureLocks(opts: CaptureCommandOptions): Promise<LockfilesFacet | undefined> {
  if (opts.noLock) return undefined;
  const named = opts.lock !== undefined && opts.lock.length > 0;
  // The lockfiles in the current directory belong to this machine's project, not to an image or
  // host captured from here: for another target they are recorded only when named with --lock.
  if (!named && (opts.target ?? 'local') !== 'local') {
    return { status: 'absent', reason: 'lockfiles are read from this machine only when named with --lock for another target' };
  }
  const { captureLockfiles } = await import('../capture/lockfiles.js');
  return captureLockfiles({
    paths: named ? opts.lock : undefined,
    cwd: resolve(opts.cwd ?? process.cwd()),
    recursive: opts.lockRecursive,
  });
}
