// `--format github`: GitHub Actions workflow commands, one annotation per finding
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions), except that
// GitHub shows only 10 annotations of each kind per step: a root cause gets one annotation that
// counts what follows from it (its consequences are plain log lines after it), and among the
// rest a rule with many findings gets one annotation listing them (common.ts groupWithCauses).
// So 101 "package missing" findings never hide the python/major-version one that explains them,
// and every finding is still in the log.
// Escaping: src/report/escape.ts (actions/toolkit's rules for data and properties).
import type { Finding, Report, Severity } from '../../core/findings.js';
import {
  consequenceCount,
  countSummary,
  describeConsequences,
  failCount,
  groupNames,
  groupOverrideNotes,
  groupWithCauses,
  overrideNote,
  showValue,
  type RenderOptions,
  type ReportEntry,
} from '../common.js';
import type { Renderer } from '../registry.js';
import { escapeData, escapeProperty, plainLogLine as plain } from '../escape.js';
import { pushAll } from '../../core/arrays.js';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

const NAMES_SHOWN = 20;

function annotation(f: Finding): string {
  let text = `${f.subject}: ${showValue(f.baseline)} → ${showValue(f.target)}: ${f.message}`;
  if (f.hint) text += `\nHint: ${f.hint}`;
  const note = overrideNote(f);
  if (note) text += `\nPolicy: ${note}`;
  return `::${COMMAND[f.severity]} title=${escapeProperty(`envdiff ${f.ruleId}`)}::${escapeData(text)}`;
}

function logLine(f: Finding, cause?: Finding): string {
  const because = cause ? ` (follows from ${cause.ruleId})` : '';
  return plain(
    `envdiff: ${f.severity} ${f.ruleId} ${f.subject}: ${showValue(f.baseline)} → ${showValue(f.target)}: ${f.message}${because}`,
  );
}

/** A root cause: one annotation that counts its consequences, then each of them in the log. */
function causeAnnotation(entry: ReportEntry): string[] {
  const f = entry.group[0]!;
  let text = `${f.subject}: ${showValue(f.baseline)} → ${showValue(f.target)}: ${f.message}`;
  if (f.hint) text += `\nHint: ${f.hint}`;
  const note = overrideNote(f);
  if (note) text += `\nPolicy: ${note}`;
  text += `\n${describeConsequences(entry)} (listed in the log)`;
  const n = consequenceCount(entry);
  const title = `envdiff ${f.ruleId} (+${n} that follow${n === 1 ? 's' : ''} from it)`;
  return [
    `::${COMMAND[f.severity]} title=${escapeProperty(title)}::${escapeData(text)}`,
    ...entry.consequences.flat().map((c) => logLine(c, f)),
  ];
}

function groupAnnotation(group: readonly Finding[]): string[] {
  const first = group[0]!;
  const names = groupNames(group, NAMES_SHOWN, ' (listed in the log)');
  let text = `${group.length} findings: ${names.join(', ')}\ne.g. ${first.message}`;
  if (first.hint) text += `\nHint: ${first.hint}`;
  for (const note of groupOverrideNotes(group)) text += `\nPolicy: ${note}`;
  const title = `envdiff ${first.ruleId} (${group.length})`;
  return [`::${COMMAND[first.severity]} title=${escapeProperty(title)}::${escapeData(text)}`, ...group.map((f) => logLine(f))];
}

export function renderGithub(report: Report, opts: RenderOptions): string {
  const lines: string[] = [];
  for (const entry of groupWithCauses(report.findings)) {
    if (entry.consequences.length > 0) pushAll(lines, causeAnnotation(entry));
    else if (entry.group.length === 1) lines.push(annotation(entry.group[0]!));
    else pushAll(lines, groupAnnotation(entry.group));
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
