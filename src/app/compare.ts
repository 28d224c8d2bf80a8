// `envdiff compare BASELINE TARGET`: load both fingerprints (and a policy), compare, apply the
// policy, render. Exit 1 when a finding is at or above failOn; bad input throws EnvdiffError (2).
import { EnvdiffError } from '../core/errors.js';
import type { FailOn, Finding, Report } from '../core/types.js';
import { compareFingerprints } from '../compare/engine.js';
import { isReportFormat, renderReport, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { failsAt } from '../report/common.js';
import { loadFingerprint } from './load-fingerprint.js';

export interface CompareOptions {
  baselinePath: string;
  targetPath: string;
  policyPath?: string;
  /** From --fail-on; wins over the policy's failOn; default error. */
  failOn?: FailOn | string;
  format?: ReportFormat | string;
  /** Colour for the table; default: stdout is a TTY and NO_COLOR is unset (https://no-color.org). */
  color?: boolean;
  toolVersion?: string;
}

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

function isFailOn(s: string): s is FailOn {
  return (FAIL_ON as readonly string[]).includes(s);
}

/** NO_COLOR (set and non-empty) wins, then FORCE_COLOR, then whether stdout is a terminal. */
export function defaultColor(env: NodeJS.ProcessEnv = process.env, isTty = process.stdout.isTTY === true): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTty;
}

export interface CompareResult {
  output: string;
  exitCode: 0 | 1;
  /** Diagnostics for stderr, one line each (without the `envdiff: ` prefix): policy entries that matched nothing. */
  messages: string[];
}

export async function runCompare(opts: CompareOptions): Promise<CompareResult> {
  const format = opts.format ?? 'table';
  if (!isReportFormat(format)) {
    throw new EnvdiffError(`unknown format "${format}"`, `use one of: ${REPORT_FORMATS.join(', ')}`);
  }
  if (opts.failOn !== undefined && !isFailOn(opts.failOn)) {
    throw new EnvdiffError(`unknown --fail-on "${opts.failOn}"`, `use one of: ${FAIL_ON.join(', ')}`);
  }
  const policyModule = opts.policyPath ? import('../compare/policy.js') : undefined;
  const [baseline, target, policy] = await Promise.all([
    loadFingerprint(opts.baselinePath),
    loadFingerprint(opts.targetPath),
    policyModule && opts.policyPath ? policyModule.then((m) => m.loadPolicy(opts.policyPath!)) : undefined,
  ]);

  let findings: Finding[] = compareFingerprints(baseline, target);
  let suppressed: Report['suppressed'];
  const messages: string[] = [];
  if (policy && policyModule) {
    messages.push(...(await policyModule).unmatchedEntries(findings, policy).map((line) => `warning: ${line}`));
    const applied = (await policyModule).applyPolicy(findings, policy);
    findings = applied.findings;
    suppressed = applied.suppressed;
  }
  const failOn: FailOn = (opts.failOn as FailOn | undefined) ?? policy?.failOn ?? 'error';

  const summary: Report['summary'] = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  const report: Report = {
    baseline: { label: baseline.label },
    target: { label: target.label },
    summary,
    findings,
    ...(suppressed ? { suppressed } : {}),
  };
  const output = await renderReport(format, report, {
    failOn,
    color: opts.color ?? defaultColor(),
    width: process.stdout.isTTY ? process.stdout.columns : undefined,
    targetPath: opts.targetPath,
    ...(opts.toolVersion ? { toolVersion: opts.toolVersion } : {}),
  });
  const exitCode = findings.some((f) => failsAt(f.severity, failOn)) ? 1 : 0;
  return { output, exitCode, messages };
}
