// `envdiff compare BASELINE TARGET`: load both fingerprints (and a policy), compare, apply the
// policy, render. Exit 1 when a finding is at or above failOn; bad input throws EnvdiffError (2).
import type { FailOn, Finding, Report } from '../core/findings.js';
import { compareFingerprints } from '../compare/engine.js';
import { buildReport, checkReportChoices, exitCodeFor, renderForStdout } from './findings-report.js';
import { loadFingerprint } from './load-fingerprint.js';
import { checkModelAgainst, mlmodelPath } from './model-baseline.js';

export { defaultColor } from './findings-report.js';

export interface CompareOptions {
  baselinePath: string;
  targetPath: string;
  policyPath?: string;
  /** From --fail-on; wins over the policy's failOn; default error. */
  failOn?: string;
  /** One of REPORT_FORMATS, as the user wrote it: checked before any file is read. */
  format?: string;
  /** Colour for the table; default: stdout is a TTY and NO_COLOR is unset (https://no-color.org). */
  color?: boolean;
  toolVersion?: string;
  /** Columns for the table (default: the terminal's when stdout is one). */
  width?: number;
}

export interface CompareResult {
  output: string;
  exitCode: 0 | 1;
  /** Diagnostics for stderr, one line each (without the `envdiff: ` prefix): policy entries that matched nothing. */
  messages: string[];
  /** The report behind the output (for --accept and the GitHub step summary). */
  report: Report;
  failOn: FailOn;
}

export async function runCompare(opts: CompareOptions): Promise<CompareResult> {
  const choices = checkReportChoices(opts.format, opts.failOn);
  const policyModule = opts.policyPath ? import('../compare/policy.js') : undefined;
  // An MLflow model directory as the baseline: can the target load it (src/app/model-baseline.ts)?
  const model = mlmodelPath(opts.baselinePath);
  const [baseline, target, policy] = await Promise.all([
    model ? undefined : loadFingerprint(opts.baselinePath),
    loadFingerprint(opts.targetPath),
    policyModule && opts.policyPath ? policyModule.then((m) => m.loadPolicy(opts.policyPath!)) : undefined,
  ]);
  const fromModel = model ? await checkModelAgainst(model, target) : undefined;

  let findings: Finding[] = fromModel ? fromModel.findings : compareFingerprints(baseline!, target);
  let suppressed: Report['suppressed'];
  const messages: string[] = [];
  if (policy && policyModule) {
    messages.push(...(await policyModule).unmatchedEntries(findings, policy).map((line) => `warning: ${line}`));
    const applied = (await policyModule).applyPolicy(findings, policy);
    findings = applied.findings;
    suppressed = applied.suppressed;
  }
  const failOn: FailOn = choices.failOn ?? policy?.failOn ?? 'error';

  const report = buildReport(fromModel ? fromModel.label : baseline!.label, target.label, findings, suppressed);
  const output = await renderForStdout(choices.format, report, {
    failOn,
    color: opts.color,
    targetPath: opts.targetPath,
    toolVersion: opts.toolVersion,
    width: opts.width,
  });
  return { output, exitCode: exitCodeFor(findings, failOn), messages, report, failOn };
}
