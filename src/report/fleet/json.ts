// `--format json` for a fleet: `{baseline, targets:[{label, summary}], groups:[{targets, summary,
// findings}]}` (docs/FLEET.md), keys in a fixed order and findings as the two-way JSON report
// writes them, so that the same inputs give byte-identical output.
import type { FleetReport } from '../../core/fleet.js';
import { orderedFinding } from '../formats/json.js';
import type { FleetRenderer } from './registry.js';

export const renderFleet: FleetRenderer = (report: FleetReport) => {
  const out = {
    baseline: { label: report.baseline.label },
    targets: report.targets.map((t) => ({
      label: t.label,
      summary: { error: t.summary.error, warning: t.summary.warning, info: t.summary.info },
    })),
    groups: report.groups.map((g) => ({
      targets: [...g.targets],
      summary: { error: g.summary.error, warning: g.summary.warning, info: g.summary.info },
      findings: g.findings.map(orderedFinding),
      ...(g.suppressed
        ? {
            suppressed: g.suppressed.map((s) => ({
              ruleId: s.ruleId,
              subject: s.subject,
              ...(s.severity ? { severity: s.severity } : {}),
              by: s.by,
            })),
          }
        : {}),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
};
