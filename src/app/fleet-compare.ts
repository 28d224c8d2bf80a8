// `envdiff compare BASELINE T1 T2 …` (or a directory of fingerprints): each target against the
// baseline, then targets with the same findings grouped (src/core/fleet.ts). Targets are read,
// compared and dropped one at a time, so a fleet of thousands never holds more than one target
// fingerprint in memory. Exit 1 when any target has a finding at or above failOn.
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvdiffError } from '../core/errors.js';
import type { FailOn, Finding, Report } from '../core/findings.js';
import { FleetGrouper, type FleetReport } from '../core/fleet.js';
import type { Fingerprint } from '../facets/index.js';
import { printable } from '../core/text.js';
import { compareFingerprints } from '../compare/engine.js';
import { STDIN_PATH } from '../core/read-stdin.js';
import { FLEET_FORMATS, isFleetFormat } from '../report/fleet/registry.js';
import { failsAt } from '../report/common.js';
import { TOOL_VERSION } from '../core/version.js';
import { buildReport, defaultColor } from './findings-report.js';
import { loadFingerprint } from './load-fingerprint.js';

export interface FleetCompareOptions {
  baselinePath: string;
  /** Files and directories (every *.json in a directory, sorted by name; the baseline itself skipped). */
  targetPaths: string[];
  policyPath?: string;
  failOn?: string;
  format?: string;
  color?: boolean;
  width?: number;
}

export interface FleetCompareResult {
  output: string;
  exitCode: 0 | 1;
  messages: string[];
  report: FleetReport;
  failOn: FailOn;
}

const READ_AHEAD = 4;

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

/** True when the targets make a fleet: more than one, or a directory. */
export async function isFleet(targetPaths: readonly string[]): Promise<boolean> {
  if (targetPaths.length !== 1) return true;
  const only = targetPaths[0]!;
  if (only === STDIN_PATH) return false;
  return (await stat(only).catch(() => undefined))?.isDirectory() === true;
}

export async function runFleetCompare(opts: FleetCompareOptions): Promise<FleetCompareResult> {
  const format = opts.format ?? 'table';
  if (!isFleetFormat(format)) {
    throw new EnvdiffError(`unknown format "${format}" for a fleet compare`, `use one of: ${Object.keys(FLEET_FORMATS).join(', ')}`);
  }
  if (opts.failOn !== undefined && !(FAIL_ON as readonly string[]).includes(opts.failOn)) {
    throw new EnvdiffError(`unknown --fail-on "${opts.failOn}"`, `use one of: ${FAIL_ON.join(', ')}`);
  }
  if (opts.targetPaths.includes(STDIN_PATH)) {
    throw new EnvdiffError('compare: a fleet target cannot come from stdin (-)', 'give the target fingerprints as files or a directory');
  }
  const policyModule = opts.policyPath ? await import('../compare/policy.js') : undefined;
  const [baseline, policy] = await Promise.all([loadFingerprint(opts.baselinePath), policyModule?.loadPolicy(opts.policyPath!)]);
  const files = await listTargets(opts.baselinePath, opts.targetPaths);

  const grouper = new FleetGrouper();
  const unmatched = new Map<string, number>();
  // Reading is the slow part of a big fleet: the next few files are read while one is compared,
  // and each is dropped once compared (memory stays flat however many targets there are).
  const loads: (Promise<Fingerprint> | undefined)[] = [];
  const load = (i: number): void => {
    if (i >= files.length) return;
    const p = loadFingerprint(files[i]!);
    p.catch(() => undefined); // rejected before its turn: handled when awaited
    loads[i] = p;
  };
  for (let i = 0; i < READ_AHEAD; i++) load(i);
  for (const [i, file] of files.entries()) {
    const target = await loads[i]!;
    loads[i] = undefined;
    load(i + READ_AHEAD);
    let findings: Finding[] = compareFingerprints(baseline, target);
    let suppressed: Report['suppressed'];
    if (policy && policyModule) {
      for (const line of policyModule.unmatchedEntries(findings, policy)) unmatched.set(line, (unmatched.get(line) ?? 0) + 1);
      const applied = policyModule.applyPolicy(findings, policy);
      findings = applied.findings;
      suppressed = applied.suppressed;
    }
    grouper.add(buildReport(baseline.label, target.label, findings, suppressed), file);
  }
  // A policy entry is stale for the fleet only when it matched no target at all.
  const messages = [...unmatched].filter(([, n]) => n === files.length).map(([line]) => `warning: ${line}`);
  const failOn: FailOn = (opts.failOn as FailOn | undefined) ?? policy?.failOn ?? 'error';
  const report = grouper.report(baseline.label);
  const render = (await FLEET_FORMATS[format]()).renderFleet;
  const output = render(report, {
    failOn,
    color: opts.color ?? defaultColor(),
    width: opts.width ?? (process.stdout.isTTY ? process.stdout.columns : undefined),
    toolVersion: TOOL_VERSION,
  });
  const failing = report.groups.some((g) => g.findings.some((f) => failsAt(f.severity, failOn)));
  return { output, exitCode: failing ? 1 : 0, messages, report, failOn };
}

/** The target files, in the order given; a directory gives its *.json files sorted by name. */
async function listTargets(baselinePath: string, paths: readonly string[]): Promise<string[]> {
  const baselineReal = baselinePath === STDIN_PATH ? undefined : await realpath(baselinePath).catch(() => undefined);
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw new EnvdiffError(
        `${printable(path)}: ${err.code === 'ENOENT' ? 'no such file or directory' : `cannot read it (${err.code ?? err.message})`}`,
        'give target fingerprints written by `envdiff capture -o FILE` (or a directory of them)',
      );
    });
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort();
    const dirReal = await realpath(path).catch(() => path);
    let added = 0;
    for (const name of names) {
      const file = join(path, name);
      if (baselineReal !== undefined && join(dirReal, name) === baselineReal) continue;
      files.push(file);
      added++;
    }
    if (added === 0) {
      throw new EnvdiffError(
        `${printable(path)}: the directory holds no target fingerprint (*.json)`,
        'capture targets into it with `envdiff capture --target … -o DIR/`',
      );
    }
  }
  return files;
}
