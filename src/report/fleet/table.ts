// `--format table` for a fleet: the headline, then one block per group — which targets, their
// counts, and the group's findings drawn by the two-way table (its title line replaced), so that
// causes come first and wide values wrap exactly as in `compare A B`.
import type { FleetReport } from '../../core/fleet.js';
import { targetReport } from '../../core/fleet.js';
import { visible } from '../escape.js';
import { renderTable } from '../formats/table.js';
import { wrapText } from '../text-layout.js';
import { fleetHeadline, groupHeading } from './common.js';
import type { FleetRenderer } from './registry.js';

export const renderFleet: FleetRenderer = (report: FleetReport, opts) => {
  const lines: string[] = [];
  const push = (line: string, indent = ''): void => {
    if (opts.width) lines.push(...wrapText(line, opts.width, indent));
    else lines.push(line);
  };
  push(`envdiff fleet: baseline ${visible(report.baseline.label)} — ${fleetHeadline(report, opts.failOn)}`, '  ');
  for (const group of report.groups) {
    lines.push('');
    push(groupHeading(group, visible), '  ');
    if (group.findings.length === 0 && !group.suppressed?.length) continue;
    const body = renderTable(targetReport(report, group, group.targets[0]!), opts).split('\n');
    // The two-way title names one target; the group heading above names them all.
    let start = 1;
    while (start < body.length && body[start]!.startsWith('  ')) start++;
    lines.push(...body.slice(start, body[body.length - 1] === '' ? -1 : undefined));
  }
  return `${lines.join('\n')}\n`;
};
