// `--format markdown`: a pull-request comment. Summary first, then one table per severity
// (info folded into <details>, it is rarely what a reviewer needs first), then what a policy
// suppressed. Cells are escaped for GitHub Flavored Markdown: `|` would end the cell and a
// newline the row (GFM spec, "Tables (extension)"), `<` could open HTML, `@` would notify users.
import type { Finding, Report, Severity } from '../core/types.js';
import { SEVERITIES, countSummary, failCount, overrideNote, showValue, visible, type RenderOptions } from './common.js';

const TITLES: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/** Text safe inside a GFM table cell or heading: one line, no markup, no HTML, no mentions. */
export function escapeMarkdown(s: string): string {
  // Backslash escapes first: the entities added next contain `#`, which must stay unescaped.
  return visible(s.replace(/\r\n?|\n/g, ' '))
    .replace(/[\\`*_[\]|~#!(){}]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;');
}

export function renderMarkdown(report: Report, opts: RenderOptions): string {
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
  for (const sev of SEVERITIES) {
    const list = report.findings.filter((f) => f.severity === sev);
    if (list.length === 0) continue;
    const heading = `${TITLES[sev]} (${list.length})`;
    out.push('');
    if (sev === 'info') out.push(`<details><summary>${heading}</summary>`, '');
    else out.push(`### ${heading}`, '');
    out.push('| Rule | Subject | Baseline | Target | Details |', '| --- | --- | --- | --- | --- |');
    for (const f of list) out.push(row(f));
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

function row(f: Finding): string {
  let details = escapeMarkdown(f.message);
  if (f.hint) details += `<br>*Hint:* ${escapeMarkdown(f.hint)}`;
  const note = overrideNote(f);
  if (note) details += `<br>*Policy:* ${escapeMarkdown(note)}`;
  const cells = [
    `\`${f.ruleId.replace(/[^a-z0-9/._-]/gi, '?')}\``,
    escapeMarkdown(f.subject),
    escapeMarkdown(showValue(f.baseline)),
    escapeMarkdown(showValue(f.target)),
    details,
  ];
  return `| ${cells.join(' | ')} |`;
}
