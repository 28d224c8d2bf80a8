// `--format sarif` for a fleet: one SARIF run per target (SARIF 2.1.0 §3.14: a log holds several
// runs), each exactly the run of the two-way report for that target, its results pointing at that
// target's fingerprint file. Each run gets its own automationDetails category (§3.17:
// "envdiff/compare/<label>/"), since GitHub code scanning refuses several runs of one tool under
// one category.
import { targetReport, targetsWithGroups, type FleetReport } from '../../core/fleet.js';
import { renderSarif } from '../formats/sarif.js';
import type { FleetRenderer } from './registry.js';

export const renderFleet: FleetRenderer = (report: FleetReport, opts) => {
  let log: { runs: { automationDetails: { id: string } }[] } | undefined;
  const runs: unknown[] = [];
  for (const { target, group } of targetsWithGroups(report)) {
    const one = JSON.parse(
      renderSarif(targetReport(report, group, target.label), {
        ...opts,
        ...(target.path !== undefined ? { targetPath: target.path } : {}),
      }),
    ) as { runs: { automationDetails: { id: string } }[] };
    const run = one.runs[0]!;
    run.automationDetails = { id: `envdiff/compare/${target.label.replace(/[^A-Za-z0-9._-]+/g, '_')}/` };
    runs.push(run);
    log ??= one;
  }
  return `${JSON.stringify({ ...log, runs }, null, 2)}\n`;
};
