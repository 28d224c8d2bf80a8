// `envdiff check FINGERPRINT`: inside one fingerprint, its lock files against the installed
// packages, and what the installed software needs against what the machine provides (the
// consistency rules, src/rules/consistency/). Exit 1 when a finding is at or above failOn
// (default error); bad input throws EnvdiffError (2).
import { EnvdiffError } from '../core/errors.js';
import { sortFindings, type FailOn, type Report } from '../core/findings.js';
import { checkConsistency } from '../rules/consistency/index.js';
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
  // No lock file is fine (the consistency rules still run); one that could not be read is not.
  if (fp.facets.lockfiles?.status === 'error') {
    throw new EnvdiffError(
      `${opts.fingerprintPath} has no lock files to check (lockfiles: error${fp.facets.lockfiles.reason ? `: ${fp.facets.lockfiles.reason}` : ''})`,
      'capture with --lock FILE (or from the project folder) so that the fingerprint holds the lock file',
    );
  }
  // The lock file check loads every version scheme: only when there is a lock file to check.
  const locked = fp.facets.lockfiles?.status === 'ok' ? (await import('../rules/lock-check.js')).checkLockfiles(fp) : [];
  const findings = sortFindings([...locked, ...checkConsistency(fp)]);
  // One fingerprint: what is declared (lock files, each package's requirements) is the baseline,
  // the installed environment and its machine the target.
  const report = buildReport(`${fp.label} (declared)`, fp.label, findings);
  const output = await renderForStdout(choices.format, report, {
    failOn,
    color: opts.color,
    targetPath: opts.fingerprintPath,
    toolVersion: opts.toolVersion,
    width: opts.width,
  });
  return { output, exitCode: exitCodeFor(findings, failOn), report, failOn };
}
