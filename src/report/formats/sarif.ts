// `--format sarif`: SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)
// for GitHub code scanning and other SARIF viewers. One reportingDescriptor per rule id (§3.49),
// results with level error/warning/note (§3.27.10). Findings a policy suppressed stay in the log
// as results with an external suppression (§3.35), which viewers show as dismissed.
// test/report/sarif.test.ts validates the output against the official schema (schemas/vendor/).
import type { Report, Severity } from '../../core/findings.js';
import { ruleById } from '../../rules/catalog.js';
import type { RenderOptions } from '../common.js';
import type { Renderer } from '../registry.js';
import { TOOL_HOMEPAGE } from '../../core/version.js';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note' | 'none';
  message: { text: string };
  locations?: unknown[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'external'; justification: string }[];
  properties: Record<string, unknown>;
}

/** `python/minor-version` → `python: minor version`: a readable name for a rule id the catalog does not know. */
function describeRule(ruleId: string): string {
  const [facet, name] = ruleId.split('/', 2);
  return name ? `${facet}: ${name.replace(/-/g, ' ')}` : ruleId;
}

/**
 * A reportingDescriptor (§3.49) from the rule catalog (src/rules/catalog.ts): its title, its help
 * and its default severity. An id the catalog does not know (a finding from elsewhere) gets a name
 * made from the id and the level of its first finding.
 */
function describeRuleFully(id: string, seenLevel: Severity): Record<string, unknown> {
  const rule = ruleById(id);
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: rule?.title ?? describeRule(id) },
    ...(rule ? { help: { text: rule.help } } : {}),
    defaultConfiguration: { level: LEVEL[rule?.severity ?? seenLevel] },
    properties: { tags: [rule?.facet ?? id.split('/')[0] ?? id] },
  };
}

/** SARIF's artifactLocation.uri is a URI reference: encode a file path into one. */
function toUriReference(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

export function renderSarif(report: Report, opts: RenderOptions): string {
  const ruleIds: string[] = [];
  const defaultLevel = new Map<string, Severity>();
  // The catalog gives each rule its default level. For an id it does not know: findings arrive
  // sorted by severity, so the first one seen is its highest level; a policy override is a
  // run-time reconfiguration, so the default is the level before it.
  for (const f of report.findings) {
    if (!defaultLevel.has(f.ruleId)) {
      defaultLevel.set(f.ruleId, f.override?.from ?? f.severity);
      ruleIds.push(f.ruleId);
    }
  }
  for (const s of report.suppressed ?? []) {
    if (!defaultLevel.has(s.ruleId)) {
      defaultLevel.set(s.ruleId, s.severity ?? 'warning');
      ruleIds.push(s.ruleId);
    }
  }
  const index = new Map(ruleIds.map((id, i) => [id, i]));

  const location = (subject: string, facet: string): unknown[] => {
    const logical = { logicalLocations: [{ name: subject, fullyQualifiedName: `${facet}/${subject}`, kind: 'module' }] };
    if (!opts.targetPath) return [logical];
    // Code scanning wants a physical location; the target fingerprint is the artifact at fault.
    return [
      {
        physicalLocation: { artifactLocation: { uri: toUriReference(opts.targetPath) }, region: { startLine: 1 } },
        ...logical,
      },
    ];
  };

  const results: SarifResult[] = report.findings.map((f) => {
    const text = `${f.subject}: ${f.message}` + (f.hint ? ` Hint: ${f.hint}` : '');
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text },
      locations: location(f.subject, f.facet),
      partialFingerprints: { 'envdiffFinding/v1': `${f.ruleId}|${f.subject}` },
      properties: {
        facet: f.facet,
        subject: f.subject,
        severity: f.severity,
        baseline: f.baseline,
        target: f.target,
        hint: f.hint,
        ...(f.override ? { override: { from: f.override.from, by: f.override.by } } : {}),
      },
    };
  });
  for (const s of report.suppressed ?? []) {
    results.push({
      ruleId: s.ruleId,
      ruleIndex: index.get(s.ruleId)!,
      level: s.severity ? LEVEL[s.severity] : 'none',
      message: { text: `${s.subject}: suppressed by ${s.by}` },
      partialFingerprints: { 'envdiffFinding/v1': `${s.ruleId}|${s.subject}` },
      suppressions: [{ kind: 'external', justification: s.by }],
      properties: { subject: s.subject, ...(s.severity ? { severity: s.severity } : {}) },
    });
  }

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'envdiff',
            ...(opts.toolVersion ? { version: opts.toolVersion } : {}),
            informationUri: TOOL_HOMEPAGE,
            rules: ruleIds.map((id) => describeRuleFully(id, defaultLevel.get(id)!)),
          },
        },
        automationDetails: { id: 'envdiff/compare/' },
        results,
        properties: { baseline: report.baseline.label, target: report.target.label, summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** This format, as the registry (src/report/registry.ts) loads it. */
export const render: Renderer = renderSarif;
