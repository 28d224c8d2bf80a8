// `envdiff capture`: choose the transport, capture, and write the fingerprint (atomically with -o).
// Fails closed: an input the user named (--python PATH, --lock FILE) that cannot be used stops the
// capture with exit 2 and no fingerprint; a facet that fails on its own stays `status: error` in
// the fingerprint and is named in `failures`, which the command prints one line each.
import { resolve } from 'node:path';
import { EnvdiffError } from '../core/errors.js';
import { printable } from '../core/text.js';
import { checkOutputPath, writeFileAtomic } from '../core/write-file-atomic.js';
import { captureFingerprint, type CaptureEvent } from '../capture/capture.js';
import { localTransport } from '../capture/targets/local.js';
import type { SshOptions } from '../capture/targets/ssh.js';
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
  /** ssh options for this target (from an inventory: key file, -o options, -F config). */
  sshOptions?: SshOptions;
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
  /** What could not be captured, one line each (without the `envdiff: ` prefix): facets and lock files with status error. */
  failures: string[];
}

/** `label`'s maxLength in src/facets/fingerprint.base.schema.json. */
export const MAX_LABEL_LENGTH = 200;

export async function runCapture(opts: CaptureCommandOptions): Promise<CaptureResult> {
  // The fingerprint schema's limit (src/facets/fingerprint.base.schema.json): said now, in one line.
  if (opts.label !== undefined && opts.label.length > MAX_LABEL_LENGTH) {
    throw new EnvdiffError(
      `capture: --label is ${opts.label.length} characters long; a label has at most ${MAX_LABEL_LENGTH}`,
      'give a shorter --label',
    );
  }
  // Before anything runs: a device, FIFO or symlink at -o, or a --lock file as -o, is refused.
  if (opts.output) checkOutputPath(opts.output, opts.noLock ? [] : (opts.lock ?? []).map((l) => resolve(opts.cwd ?? process.cwd(), l)));
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
  refuseUnusableNamedInputs(opts, fp);
  const failures = describeFailures(fp);
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
    return { output: '', written: opts.output, fingerprint: fp, failures };
  }
  return { output: text, fingerprint: fp, failures };
}

/**
 * What the user named must be what was captured: a typo in --python, an interpreter that crashes
 * or hangs, or a --lock file that is missing or unreadable would otherwise give a fingerprint
 * without it, and a comparison against it could pass. The interpreter is the one on the target
 * (local, a container, an ssh host), as the python probe looked it up there.
 */
function refuseUnusableNamedInputs(opts: CaptureCommandOptions, fp: Fingerprint): void {
  const python = fp.facets.python;
  if (opts.python !== undefined && python?.status !== 'ok') {
    throw new EnvdiffError(
      `capture: --python ${printable(opts.python)} cannot be used: ${printable(python?.reason ?? `python facet ${python?.status ?? 'missing'}`)}`,
      'give the path of a working interpreter on the target, or leave --python out to use python3',
    );
  }
  if (opts.lock !== undefined && opts.lock.length > 0 && !opts.noLock) {
    const broken = (fp.facets.lockfiles?.files ?? []).filter((f) => f.status !== 'ok');
    if (broken.length > 0) {
      const first = broken[0]!;
      const more = broken.length > 1 ? ` (and ${broken.length - 1} more --lock file${broken.length > 2 ? 's' : ''})` : '';
      throw new EnvdiffError(
        `capture: --lock ${printable(first.path)} cannot be used: ${printable(first.reason ?? 'unreadable')}${more}`,
        'give lock files that exist and are complete, or leave --lock out to record those found in the current folder',
      );
    }
  }
}

/** One line per facet, and per lock file, that could not be captured: printed on stderr so that nobody misses one. */
export function describeFailures(fp: Fingerprint): string[] {
  const lines: string[] = [];
  for (const [id, facet] of Object.entries(fp.facets as unknown as Record<string, { status?: string; reason?: string }>)) {
    if (facet?.status === 'error') lines.push(`${id} could not be captured: ${printable(facet.reason ?? 'no reason given')}`);
  }
  for (const file of fp.facets.lockfiles?.files ?? []) {
    if (file.status === 'error')
      lines.push(`lock file ${printable(file.path)} could not be read: ${printable(file.reason ?? 'no reason given')}`);
  }
  return lines;
}

async function resolveTransport(opts: CaptureCommandOptions): Promise<Transport> {
  const spec = opts.target ?? 'local';
  if (spec === 'local') return localTransport();
  const { parseTarget } = await import('../capture/targets/parse-target.js');
  return parseTarget(spec, {
    engine: opts.engine,
    pull: opts.pull,
    context: opts.context,
    ...(opts.sshOptions ? { sshOptions: opts.sshOptions } : {}),
  });
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
