// `--format json`: the report's documented shape (schemas/report.schema.json), keys in a fixed
// order so that the same inputs give byte-identical output whatever order a rule built its objects
// in; findings in the one order of every report (orderWithCauses: each root cause followed by the
// findings whose `causedBy` names it, then the rest).
import { orderWithCauses, type Finding, type Report } from '../../core/findings.js';
import type { Renderer } from '../registry.js';

export function orderedFinding(f: Finding): Finding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    facet: f.facet,
    subject: f.subject,
    baseline: f.baseline,
    target: f.target,
    message: f.message,
    hint: f.hint,
    ...(f.causedBy ? { causedBy: { ruleId: f.causedBy.ruleId, subject: f.causedBy.subject } } : {}),
    ...(f.override ? { override: { from: f.override.from, by: f.override.by } } : {}),
  };
}

export function renderJson(report: Report): string {
  const out: Report = {
    baseline: { label: report.baseline.label },
    target: { label: report.target.label },
    summary: { error: report.summary.error, warning: report.summary.warning, info: report.summary.info },
    findings: orderWithCauses(report.findings).map(orderedFinding),
    // Present only when a policy ran, so that suppressions are never hidden.
    ...(report.suppressed
      ? {
          suppressed: report.suppressed.map((s) => ({
            ruleId: s.ruleId,
            subject: s.subject,
            ...(s.severity ? { severity: s.severity } : {}),
            by: s.by,
          })),
        }
      : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** This format, as the registry (src/report/registry.ts) loads it. */
export const render: Renderer = renderJson;
