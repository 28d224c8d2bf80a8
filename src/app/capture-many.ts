// `envdiff capture --target T1 --target T2 … -o DIR/` and `--targets FILE`: one fingerprint per
// target in DIR/<label>.json. At most `jobs` targets run at once; each has its own --timeout; a
// target that fails is a line in the summary, never the end of the others. A fan-out target
// (slurm:PARTITION) is one job whose engine runs every node, and gives one file per node.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { EnvdiffError } from '../core/errors.js';
import { printable } from '../core/text.js';
import { writeFileAtomic } from '../core/write-file-atomic.js';
import type { InventoryEntry } from '../capture/targets/inventory.js';
import type { Fingerprint } from '../facets/index.js';
import { describeFailures, runCapture } from './capture.js';

export interface CaptureManyOptions {
  /** `--target` values, in order. */
  targets: string[];
  /** `--targets FILE`. */
  targetsFile?: string;
  /** `-o DIR/`. */
  outputDir: string;
  jobs?: number;
  python?: string;
  engine?: 'docker' | 'podman';
  pull?: boolean;
  context?: string;
  timeoutSec?: number;
  probeTimeoutSec?: number;
  /** Told after each target (or node) is done. */
  onProgress?: (state: { captured: number; failed: number; total: number }) => void;
}

export interface TargetOutcome {
  label: string;
  target: string;
  written?: string;
  /** The failure, one line (without `envdiff: `). */
  error?: string;
  /** Facets that could not be captured on a written target. */
  warnings: string[];
}

export interface CaptureManyResult {
  outcomes: TargetOutcome[];
  captured: number;
  failed: number;
}

export const DEFAULT_JOBS = 4;

/** Several targets: more than one --target, a --targets file, or one target that stands for many (slurm:P, k8s:NS/-l S). */
export function isManyTargets(targets: readonly string[], targetsFile: string | undefined): boolean {
  return targets.length > 1 || targetsFile !== undefined || /^slurm:|^k8s:[^/]*\/-l|^k8s-job:/.test(targets[0] ?? '');
}

export async function runCaptureMany(opts: CaptureManyOptions): Promise<CaptureManyResult> {
  const entries: InventoryEntry[] = opts.targets.map((spec) => ({ spec }));
  if (opts.targetsFile !== undefined) entries.push(...(await readTargetsFile(opts.targetsFile)));
  if (entries.length === 0)
    throw new EnvdiffError('capture: --targets names no target', 'give --target T or a --targets file with one target per line');
  const dir = prepareOutputDir(opts.outputDir);
  const { parseFanOut, parseTarget } = await import('../capture/targets/parse-target.js');
  // Every target is checked before any runs: a typo in line 37 of an inventory stops the capture at once.
  const plans = entries.map((e) => {
    const targetOpts = { engine: opts.engine, pull: opts.pull, context: opts.context, ...(e.ssh ? { sshOptions: e.ssh } : {}) };
    const fanOut = parseFanOut(e.spec, targetOpts);
    if (!fanOut && e.spec !== 'local') parseTarget(e.spec, targetOpts);
    return { entry: e, fanOut };
  });

  const files = new FileNames();
  const outcomes: TargetOutcome[] = [];
  let total = plans.length;
  let captured = 0;
  let failed = 0;
  const record = (o: TargetOutcome): void => {
    outcomes.push(o);
    if (o.error !== undefined) failed++;
    else captured++;
    opts.onProgress?.({ captured, failed, total });
  };
  const write = (fp: Fingerprint): string => {
    const path = join(dir, `${files.take(fp.label)}.json`);
    writeFileAtomic(path, JSON.stringify(fp, null, 2) + '\n');
    return path;
  };
  const timeoutMs = (opts.timeoutSec ?? 120) * 1000;

  await mapLimit(plans, Math.max(1, opts.jobs ?? DEFAULT_JOBS), async ({ entry, fanOut }) => {
    if (fanOut) {
      const { captureFanOut } = await import('../capture/fan-out.js');
      let results;
      try {
        results = await captureFanOut(fanOut, { python: opts.python, probeTimeoutSec: opts.probeTimeoutSec, timeoutMs, jobs: opts.jobs });
      } catch (err) {
        if (!(err instanceof EnvdiffError)) throw err;
        record({ label: entry.spec, target: entry.spec, error: err.toLine().replace(/^envdiff: /, ''), warnings: [] });
        return;
      }
      total += results.length - 1;
      for (const r of results) {
        const target = `${fanOut.kind}:${r.member.ref}`;
        if (r.fingerprint)
          record({ label: r.fingerprint.label, target, written: write(r.fingerprint), warnings: describeFailures(r.fingerprint) });
        else record({ label: r.member.label ?? r.member.name, target, error: r.error!.toLine().replace(/^envdiff: /, ''), warnings: [] });
      }
      return;
    }
    try {
      const result = await runCapture({
        target: entry.spec,
        label: entry.label,
        python: opts.python,
        engine: opts.engine,
        pull: opts.pull,
        context: opts.context,
        ...(entry.ssh ? { sshOptions: entry.ssh } : {}),
        timeoutSec: opts.timeoutSec,
        probeTimeoutSec: opts.probeTimeoutSec,
        noLock: entry.spec !== 'local',
      });
      record({ label: result.fingerprint.label, target: entry.spec, written: write(result.fingerprint), warnings: result.failures });
    } catch (err) {
      if (!(err instanceof EnvdiffError)) throw err;
      record({ label: entry.label ?? entry.spec, target: entry.spec, error: err.toLine().replace(/^envdiff: /, ''), warnings: [] });
    }
  });
  return { outcomes, captured, failed };
}

async function readTargetsFile(path: string): Promise<InventoryEntry[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new EnvdiffError(
      `--targets ${printable(path)}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(err)})`}`,
      'give a file with one target per line, an Ansible inventory or an ssh_config',
    );
  }
  const { parseInventory } = await import('../capture/targets/inventory.js');
  return parseInventory(text, path, resolve(path));
}

/** `-o DIR/`: an existing directory, or a path ending in `/` that is created. */
function prepareOutputDir(dir: string): string {
  const info = statSync(dir, { throwIfNoEntry: false });
  if (info?.isDirectory()) return dir;
  if (info) {
    throw new EnvdiffError(`capture: -o ${printable(dir)} is a file; several targets are written into a directory`, 'write -o DIR/');
  }
  if (!dir.endsWith('/')) {
    throw new EnvdiffError(
      `capture: several targets need -o DIR/ (a directory), not -o ${printable(dir)}`,
      `write -o ${printable(dir)}/ to create it`,
    );
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new EnvdiffError(
      `capture: cannot create ${printable(dir)} (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      'check the path and its permissions',
    );
  }
  return dir;
}

/** Labels → file names: safe characters only, unique (a second `qa` is `qa-2`). */
export class FileNames {
  private readonly taken = new Set<string>();

  take(label: string): string {
    const base =
      label
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .replace(/^[.-]+/, '_')
        .slice(0, 120) || 'target';
    let name = base;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}

/** FN over ITEMS, at most LIMIT at a time, in order of start. */
async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}
