// `--format github`: GitHub Actions workflow commands, one annotation per finding
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
// Escaping follows actions/toolkit packages/core/src/command.ts: data escapes % \r \n,
// property values also : and , — so a subject with a newline cannot start a command of its own.
import type { Report, Severity } from '../core/types.js';
import { countSummary, failCount, overrideNote, showValue, type RenderOptions } from './common.js';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

// Other controls (ESC, NUL) are not part of the protocol but would reach the log: make them visible.
// eslint-disable-next-line no-control-regex
const OTHER_CONTROLS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function controls(s: string): string {
  return s.replace(OTHER_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeData(s: string): string {
  return controls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Plain log lines carry labels too; they must stay one line that does not start with `::`. */
function plain(s: string): string {
  return controls(s).replace(/\r\n?|\n/g, '\\n');
}

export function renderGithub(report: Report, opts: RenderOptions): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    let text = `${f.subject}: ${showValue(f.baseline)} → ${showValue(f.target)}: ${f.message}`;
    if (f.hint) text += `\nHint: ${f.hint}`;
    const note = overrideNote(f);
    if (note) text += `\nPolicy: ${note}`;
    lines.push(`::${COMMAND[f.severity]} title=${escapeProperty(`envdiff ${f.ruleId}`)}::${escapeData(text)}`);
  }
  for (const s of report.suppressed ?? []) {
    lines.push(plain(`envdiff: suppressed ${s.ruleId} (${s.subject}) by ${s.by}`));
  }
  const failing = failCount(report, opts.failOn);
  lines.push(
    plain(
      `envdiff: ${report.baseline.label} → ${report.target.label}: ${countSummary(report.summary)}` +
        (opts.failOn === 'never' ? ' (fail-on never)' : `; ${failing} at or above ${opts.failOn}`),
    ),
  );
  return `${lines.join('\n')}\n`;
}
