// What `compare`, `check` and `dockerfile --verify` share once they hold findings: the --format and
// --fail-on checks (before any file is read), the report with its summary, the rendering for
// stdout, and the exit code.
import { EnvdiffError } from '../core/errors.js';
import type { FailOn, Finding, Report } from '../core/findings.js';
import { isReportFormat, renderReport, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { failsAt } from '../report/common.js';
import { TOOL_VERSION } from '../core/version.js';

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

function isFailOn(s: string): s is FailOn {
  return (FAIL_ON as readonly string[]).includes(s);
}

/** The format (default table) and --fail-on as given, or an EnvdiffError naming the choices. */
export function checkReportChoices(format: string = 'table', failOn?: string): { format: ReportFormat; failOn?: FailOn } {
  if (!isReportFormat(format)) {
    throw new EnvdiffError(`unknown format "${format}"`, `use one of: ${REPORT_FORMATS.join(', ')}`);
  }
  if (failOn !== undefined && !isFailOn(failOn)) {
    throw new EnvdiffError(`unknown --fail-on "${failOn}"`, `use one of: ${FAIL_ON.join(', ')}`);
  }
  return { format, failOn };
}

/** NO_COLOR (set and non-empty) wins, then FORCE_COLOR, then whether stdout is a terminal. */
export function defaultColor(env: NodeJS.ProcessEnv = process.env, isTty = process.stdout.isTTY === true): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTty;
}

/** A report of these findings, with the count of each severity. */
export function buildReport(baselineLabel: string, targetLabel: string, findings: Finding[], suppressed?: Report['suppressed']): Report {
  const summary: Report['summary'] = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return {
    baseline: { label: baselineLabel },
    target: { label: targetLabel },
    summary,
    findings,
    ...(suppressed ? { suppressed } : {}),
  };
}

/** The report as stdout shows it: colour by default on a terminal, wrapped to its width (or `width`). */
export function renderForStdout(
  format: ReportFormat,
  report: Report,
  opts: { failOn: FailOn; color?: boolean; targetPath: string; toolVersion?: string; width?: number },
): Promise<string> {
  return renderReport(format, report, {
    failOn: opts.failOn,
    color: opts.color ?? defaultColor(),
    width: opts.width ?? (process.stdout.isTTY ? process.stdout.columns : undefined),
    targetPath: opts.targetPath,
    toolVersion: opts.toolVersion ?? TOOL_VERSION,
  });
}

/** 1 when a finding is at or above failOn, else 0. */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): 0 | 1 {
  return findings.some((f) => failsAt(f.severity, failOn)) ? 1 : 0;
}
