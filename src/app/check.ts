// `envdiff check FINGERPRINT`: lock files against the installed packages inside one fingerprint.
// Exit 1 when a finding is at or above failOn (default error); bad input throws EnvdiffError (2).
import { EnvdiffError } from '../core/errors.js';
import type { FailOn, Report } from '../core/types.js';
import { checkLockfiles } from '../lockfiles/check.js';
import { isReportFormat, renderReport, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { failsAt } from '../report/common.js';
import { defaultColor } from './compare.js';
import { loadFingerprint } from './load-fingerprint.js';

export interface CheckOptions {
  fingerprintPath: string;
  format?: ReportFormat | string;
  failOn?: FailOn | string;
  color?: boolean;
  toolVersion?: string;
}

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

export async function runCheck(opts: CheckOptions): Promise<{ output: string; exitCode: 0 | 1; report: Report }> {
  const format = opts.format ?? 'table';
  if (!isReportFormat(format)) {
    throw new EnvdiffError(`unknown format "${format}"`, `use one of: ${REPORT_FORMATS.join(', ')}`);
  }
  if (opts.failOn !== undefined && !(FAIL_ON as readonly string[]).includes(opts.failOn)) {
    throw new EnvdiffError(`unknown --fail-on "${opts.failOn}"`, `use one of: ${FAIL_ON.join(', ')}`);
  }
  const failOn = (opts.failOn as FailOn | undefined) ?? 'error';
  const fp = await loadFingerprint(opts.fingerprintPath);
  if (fp.facets.lockfiles?.status !== 'ok') {
    throw new EnvdiffError(
      `${opts.fingerprintPath} has no lock files to check (lockfiles: ${fp.facets.lockfiles?.status ?? 'missing'})`,
      'capture with --lock FILE (or from the project folder) so that the fingerprint holds the lock file',
    );
  }
  const findings = checkLockfiles(fp);
  const summary: Report['summary'] = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  // One fingerprint: the lock files are the baseline, the installed environment the target.
  const report: Report = { baseline: { label: `${fp.label} (lock files)` }, target: { label: fp.label }, summary, findings };
  const output = await renderReport(format, report, {
    failOn,
    color: opts.color ?? defaultColor(),
    width: process.stdout.isTTY ? process.stdout.columns : undefined,
    targetPath: opts.fingerprintPath,
    ...(opts.toolVersion ? { toolVersion: opts.toolVersion } : {}),
  });
  return { output, exitCode: findings.some((f) => failsAt(f.severity, failOn)) ? 1 : 0, report };
}
