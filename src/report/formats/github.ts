// `--format github`: GitHub Actions workflow commands, one annotation per finding
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions), except that a
// rule with many findings gets one annotation listing them (common.ts groupFindings): GitHub
// shows only 10 annotations of each kind per step, and 101 "package missing" annotations would
// hide the python/minor-version one that explains them. Each grouped finding is still printed
// as a plain log line after its annotation, so the log stays complete.
// Escaping: src/report/escape.ts (actions/toolkit's rules for data and properties).
import type { Finding, Report, Severity } from '../../core/findings.js';
import {
  countSummary,
  failCount,
  groupFindings,
  groupNames,
  groupOverrideNotes,
  overrideNote,
  showValue,
  type RenderOptions,
} from '../common.js';
import type { Renderer } from '../registry.js';
import { escapeData, escapeProperty, plainLogLine as plain } from '../escape.js';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

const NAMES_SHOWN = 20;

function annotation(f: Finding): string {
  let text = `${f.subject}: ${showValue(f.baseline)} → ${showValue(f.target)}: ${f.message}`;
  if (f.hint) text += `\nHint: ${f.hint}`;
  const note = overrideNote(f);
  if (note) text += `\nPolicy: ${note}`;
  return `::${COMMAND[f.severity]} title=${escapeProperty(`envdiff ${f.ruleId}`)}::${escapeData(text)}`;
}

function groupAnnotation(group: readonly Finding[]): string[] {
  const first = group[0]!;
  const names = groupNames(group, NAMES_SHOWN, ' (listed in the log)');
  let text = `${group.length} findings: ${names.join(', ')}\ne.g. ${first.message}`;
  if (first.hint) text += `\nHint: ${first.hint}`;
  for (const note of groupOverrideNotes(group)) text += `\nPolicy: ${note}`;
  const title = `envdiff ${first.ruleId} (${group.length})`;
  return [
    `::${COMMAND[first.severity]} title=${escapeProperty(title)}::${escapeData(text)}`,
    ...group.map((f) =>
      plain(`envdiff: ${f.severity} ${f.ruleId} ${f.subject}: ${showValue(f.baseline)} → ${showValue(f.target)}: ${f.message}`),
    ),
  ];
}

export function renderGithub(report: Report, opts: RenderOptions): string {
  const lines: string[] = [];
  for (const group of groupFindings(report.findings)) {
    if (group.length === 1) lines.push(annotation(group[0]!));
    else lines.push(...groupAnnotation(group));
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

/** This format, as the registry (src/report/registry.ts) loads it. */
export const render: Renderer = renderGithub;
