// `envdiff check FINGERPRINT`: lock files against the installed packages inside one fingerprint.
// Exit 1 when a finding is at or above failOn (default error); bad input throws EnvdiffError (2).
import { EnvdiffError } from '../core/errors.js';
import type { FailOn, Report } from '../core/findings.js';
import { checkLockfiles } from '../rules/lock-check.js';
import { buildReport, checkReportChoices, exitCodeFor, renderForStdout } from './findings-report.js';
import { loadFingerprint } from './load-fingerprint.js';

export interface CheckOptions {
  fingerprintPath: string;
  /** One of REPORT_FORMATS, as the user wrote it: checked before any file is read. */
  format?: string;
  failOn?: string;
  color?: boolean;
  toolVersion?: string;
  /** Columns for the table (default: the terminal's when stdout is one). */
  width?: number;
}

export async function runCheck(opts: CheckOptions): Promise<{ output: string; exitCode: 0 | 1; report: Report; failOn: FailOn }> {
  const choices = checkReportChoices(opts.format, opts.failOn);
  const failOn = choices.failOn ?? 'error';
  const fp = await loadFingerprint(opts.fingerprintPath);
  if (fp.facets.lockfiles?.status !== 'ok') {
    throw new EnvdiffError(
      `${opts.fingerprintPath} has no lock files to check (lockfiles: ${fp.facets.lockfiles?.status ?? 'missing'})`,
      'capture with --lock FILE (or from the project folder) so that the fingerprint holds the lock file',
    );
  }
  const findings = checkLockfiles(fp);
  // One fingerprint: the lock files are the baseline, the installed environment the target.
  const report = buildReport(`${fp.label} (lock files)`, fp.label, findings);
  const output = await renderForStdout(choices.format, report, {
    failOn,
    color: opts.color,
    targetPath: opts.fingerprintPath,
    toolVersion: opts.toolVersion,
    width: opts.width,
  });
  return { output, exitCode: exitCodeFor(findings, failOn), report, failOn };
}
