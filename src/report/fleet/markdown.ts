// `--format markdown` for a fleet (a pull-request comment or a job summary): the headline, a table
// of groups, then each group's findings as the two-way Markdown report writes them, one heading
// level down, under the group's heading.
import type { FleetReport } from '../../core/fleet.js';
import { targetReport } from '../../core/fleet.js';
import { countSummary } from '../common.js';
import { escapeMarkdown } from '../escape.js';
import { renderMarkdown } from '../formats/markdown.js';
import { fleetHeadline, groupHeading, groupTargets } from './common.js';
import type { FleetRenderer } from './registry.js';

export const renderFleet: FleetRenderer = (report: FleetReport, opts) => {
  const out: string[] = [];
  out.push(`## envdiff fleet: baseline ${escapeMarkdown(report.baseline.label)}`, '');
  out.push(`**${escapeMarkdown(fleetHeadline(report, opts.failOn))}**`, '');
  out.push('| Targets | Count | Findings |', '| --- | --- | --- |');
  for (const g of report.groups) {
    const what = g.findings.length === 0 ? 'identical to the baseline' : countSummary(g.summary);
    out.push(`| ${escapeMarkdown(groupTargets(g))} | ${g.targets.length} | ${what} |`);
  }
  for (const group of report.groups) {
    if (group.findings.length === 0 && !group.suppressed?.length) continue;
    out.push('', `### ${groupHeading(group, escapeMarkdown)}`, '');
    const body = renderMarkdown(targetReport(report, group, group.targets[0]!), opts).split('\n');
    // Drop the two-way title (it names one target) and move every heading one level down.
    for (const line of body.slice(2)) out.push(line.startsWith('#') ? `#${line}` : line);
    if (out[out.length - 1] === '') out.pop();
  }
  return `${out.join('\n')}\n`;
};
