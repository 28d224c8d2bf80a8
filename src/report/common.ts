// Helpers every report format shares: severity order, summary wording, and making hostile text
// (labels and subjects come from the captured machines) harmless before a format escapes it.
import type { FailOn, Finding, Report, Severity } from '../core/types.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export interface RenderOptions {
  failOn: FailOn;
  /** ANSI colour; only the table format uses it. */
  color?: boolean;
  toolVersion?: string;
  /** The target fingerprint as given on the command line; SARIF results point at it. */
  targetPath?: string;
}

/** Does a finding of this severity fail the run under failOn? */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && RANK[severity] <= RANK[failOn];
}

export function countSummary(summary: Report['summary']): string {
  const e = summary.error;
  const w = summary.warning;
  return `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${summary.info} info`;
}

export function failCount(report: Report, failOn: FailOn): number {
  return report.findings.filter((f) => failsAt(f.severity, failOn)).length;
}

export function overrideNote(f: Finding): string | undefined {
  return f.override ? `severity ${f.override.from} → ${f.severity} by ${f.override.by}` : undefined;
}

export function showValue(v: string | null): string {
  return v === null ? '—' : v;
}

// C0/C1 controls, DEL, line/paragraph separators and the bidi overrides of "Trojan Source"
// (CVE-2021-42574): none may reach a terminal, a log or a PR comment unescaped.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Every unsafe character as a visible escape (`\n`, `\u001b`), so text stays on one line. */
export function visible(s: string): string {
  return s.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Like visible(), but keeps line breaks (normalized to \n) for formats that show several lines. */
export function visibleKeepLines(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(visible)
    .join('\n');
}
