// `--format markdown`: a pull-request comment. Summary first; then the root causes (a table), each
// followed by what it explains folded into a <details> block (101 missing packages after a Python
// upgrade sit under python/major-version, not above it); then the rest, one table per severity
// (info folded into <details>, it is rarely what a reviewer needs first), and what a policy
// suppressed. Within a severity, a rule with many findings (common.ts groupFindings) gets its own
// folded <details> block after the table. Cells are escaped for GitHub Flavored Markdown: `|` would
// end the cell and a newline the row (GFM spec, "Tables (extension)"), `<` could open HTML, `@`
// would notify users.
import type { Finding, Report, Severity } from '../../core/findings.js';
import {
  SEVERITIES,
  consequenceCount,
  countSummary,
  consequenceRules,
  describeInGroup,
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
import { escapeHtml, escapeMarkdown } from '../escape.js';
import { pushAll } from '../../core/arrays.js';

const TITLES: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Info' };
// Below the root causes, the findings no cause explains.
const OTHER_TITLES: Readonly<Record<Severity, string>> = { error: 'Other errors', warning: 'Other warnings', info: 'Other info' };

// GitHub refuses a comment body over 65,536 characters. Folded groups are the bulk of a large
// report, so they are written with less detail, step by step, until the report fits; the
// findings above them (the ones that explain the rest) are always kept whole.
const COMMENT_LIMIT = 65_536;
type GroupDetail = 'table' | 'list' | number;
const DETAIL_STEPS: readonly GroupDetail[] = ['table', 'list', 50, 10, 0];

export function renderMarkdown(report: Report, opts: RenderOptions): string {
  let text = '';
  for (const detail of DETAIL_STEPS) {
    text = renderWith(report, opts, detail);
    if (text.length <= COMMENT_LIMIT) return text;
  }
  return text;
}

function renderWith(report: Report, opts: RenderOptions, detail: GroupDetail): string {
  const out: string[] = [];
  out.push(`## envdiff: ${escapeMarkdown(report.baseline.label)} → ${escapeMarkdown(report.target.label)}`);
  out.push('');
  const failing = failCount(report, opts.failOn);
  const verdict =
    opts.failOn === 'never'
      ? 'not gating (fail-on never)'
      : failing > 0
        ? `**fails**: ${failing} finding${failing === 1 ? '' : 's'} at or above \`${opts.failOn}\``
        : `passes at fail-on \`${opts.failOn}\``;
  out.push(`**${countSummary(report.summary)}** — ${verdict}`);

  if (report.findings.length === 0) {
    out.push('', 'No differences found.');
  }
  const entries = groupWithCauses(report.findings);
  const causes = entries.filter((e) => e.consequences.length > 0);
  if (causes.length > 0) {
    out.push('', `### Root causes (${causes.length})`, '', CAUSE_HEAD, CAUSE_RULE);
    for (const e of causes) out.push(causeRow(e));
    for (const e of causes) out.push('', ...consequencesBlock(e, detail));
  }
  for (const sev of SEVERITIES) {
    const groups = entries.filter((e) => e.consequences.length === 0 && e.group[0]!.severity === sev).map((e) => e.group);
    if (groups.length === 0) continue;
    const count = groups.reduce((n, g) => n + g.length, 0);
    const heading = causes.length > 0 ? `${OTHER_TITLES[sev]} (${count})` : `${TITLES[sev]} (${count})`;
    out.push('');
    if (sev === 'info') out.push(`<details><summary>${heading}</summary>`, '');
    else out.push(`### ${heading}`, '');
    const singles = groups.filter((g) => g.length === 1).map((g) => g[0]!);
    if (singles.length > 0) {
      out.push(TABLE_HEAD, TABLE_RULE);
      for (const f of singles) out.push(row(f));
    }
    let blankBefore = singles.length > 0;
    for (const group of groups.filter((g) => g.length > 1)) {
      if (blankBefore) out.push('');
      pushAll(out, groupBlock(group, detail));
      blankBefore = true;
    }
    if (sev === 'info') out.push('', '</details>');
  }

  if (report.suppressed && report.suppressed.length > 0) {
    out.push('', `<details><summary>Suppressed by policy (${report.suppressed.length})</summary>`, '');
    out.push('| Rule | Subject | Severity | By |', '| --- | --- | --- | --- |');
    for (const s of report.suppressed) {
      const cells = [s.ruleId, s.subject, s.severity ?? '', s.by].map(escapeMarkdown);
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

const TABLE_HEAD = '| Rule | Subject | Baseline | Target | Details |';
const TABLE_RULE = '| --- | --- | --- | --- | --- |';
const NAMES_SHOWN = 6;

/**
 * One rule's many findings, folded: the summary names the rule, the count and the first few; the
 * body is a full table, a short list, or the first N of that list (see DETAIL_STEPS).
 */
function groupBlock(group: readonly Finding[], detail: GroupDetail): string[] {
  const first = group[0]!;
  const names = groupNames(group, NAMES_SHOWN);
  const ruleId = escapeHtml(first.ruleId);
  const notes = groupOverrideNotes(group)
    .map((n) => ` (policy: ${escapeHtml(n)})`)
    .join('');
  const out = [
    `<details><summary><code>${ruleId}</code> ${first.severity}, ${group.length} findings: ${escapeHtml(names.join(', '))}${notes}</summary>`,
    '',
  ];
  if (detail === 'table') {
    out.push(TABLE_HEAD, TABLE_RULE);
    for (const f of group) out.push(row(f));
  } else {
    out.push(`*e.g.* ${escapeMarkdown(first.message)}`, '');
    const shown = detail === 'list' ? group : group.slice(0, detail);
    for (const f of shown) out.push(`- ${escapeMarkdown(describeInGroup(f))}`);
    if (shown.length < group.length) {
      out.push(
        `- … and ${group.length - shown.length} more: the report was shortened to fit a pull-request comment (\`--format json\` lists every finding)`,
      );
    }
  }
  out.push('', '</details>');
  return out;
}

const CAUSE_HEAD = '| Severity | Rule | Subject | Baseline | Target | Details |';
const CAUSE_RULE = '| --- | --- | --- | --- | --- | --- |';

function ruleCell(ruleId: string): string {
  return `\`${ruleId.replace(/[^a-z0-9/._-]/gi, '?')}\``;
}

/** A root cause: its message, its hint (one step for everything under it), how much follows. */
function causeRow(entry: ReportEntry): string {
  const f = entry.group[0]!;
  const n = consequenceCount(entry);
  let details = escapeMarkdown(f.message);
  if (f.hint) details += `<br>*Hint:* ${escapeMarkdown(f.hint)}`;
  const note = overrideNote(f);
  if (note) details += `<br>*Policy:* ${escapeMarkdown(note)}`;
  details += `<br>${n} finding${n === 1 ? ' follows' : 's follow'} from it (below)`;
  const cells = [
    f.severity,
    ruleCell(f.ruleId),
    escapeMarkdown(f.subject),
    escapeMarkdown(showValue(f.baseline)),
    escapeMarkdown(showValue(f.target)),
    details,
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * What follows from one cause, folded: the summary names the cause and counts per rule; the body
 * is a full table, a short list, or the first N of that list (see DETAIL_STEPS). Each finding
 * keeps its own severity; the cause's hint covers them, so none is repeated here.
 */
function consequencesBlock(entry: ReportEntry, detail: GroupDetail): string[] {
  const cause = entry.group[0]!;
  const all = entry.consequences.flat();
  const n = consequenceCount(entry);
  const summary = `${n} finding${n === 1 ? '' : 's'} under <code>${escapeHtml(cause.ruleId)}</code> (${escapeHtml(cause.subject)}): ${escapeHtml(consequenceRules(entry))}`;
  const out = [`<details><summary>${summary}</summary>`, ''];
  if (detail === 'table') {
    out.push(CAUSE_HEAD, CAUSE_RULE);
    for (const f of all) {
      let details = escapeMarkdown(f.message);
      const note = overrideNote(f);
      if (note) details += `<br>*Policy:* ${escapeMarkdown(note)}`;
      const cells = [
        f.severity,
        ruleCell(f.ruleId),
        escapeMarkdown(f.subject),
        escapeMarkdown(showValue(f.baseline)),
        escapeMarkdown(showValue(f.target)),
        details,
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  } else {
    const shown = detail === 'list' ? all : all.slice(0, detail);
    for (const f of shown) out.push(`- ${f.severity} ${ruleCell(f.ruleId)} ${escapeMarkdown(describeInGroup(f))}`);
    if (shown.length < all.length) {
      out.push(
        `- … and ${all.length - shown.length} more: the report was shortened to fit a pull-request comment (\`--format json\` lists every finding)`,
      );
    }
  }
  out.push('', '</details>');
  return out;
}

function row(f: Finding): string {
  let details = escapeMarkdown(f.message);
  if (f.hint) details += `<br>*Hint:* ${escapeMarkdown(f.hint)}`;
  const note = overrideNote(f);
  if (note) details += `<br>*Policy:* ${escapeMarkdown(note)}`;
  const cells = [
    ruleCell(f.ruleId),
    escapeMarkdown(f.subject),
    escapeMarkdown(showValue(f.baseline)),
    escapeMarkdown(showValue(f.target)),
    details,
  ];
  return `| ${cells.join(' | ')} |`;
}

/** This format, as the registry (src/report/registry.ts) loads it. */
export const render: Renderer = renderMarkdown;
