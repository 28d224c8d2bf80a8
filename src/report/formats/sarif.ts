// `--format sarif`: SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)
// for GitHub code scanning and other SARIF viewers. One reportingDescriptor per rule id (§3.49),
// results with level error/warning/note (§3.27.10), in the one order of every report
// (orderWithCauses: root causes first, each followed by what it explains). SARIF has no link from
// one result to another, so a consequence carries its cause as the JSON report does, in its
// property bag (§3.8: `properties.causedBy`), and names it in its message and in a related
// location (§3.27.22) at the cause's logical location. Findings a policy suppressed stay in the log
// as results with an external suppression (§3.35), which viewers show as dismissed.
// test/report/sarif.test.ts validates the output against the official schema (schemas/vendor/).
import { orderWithCauses, SEVERITY_RANK, type Finding, type Report, type Severity } from '../../core/findings.js';
import { ruleById } from '../../rules/catalog.js';
import type { RenderOptions } from '../common.js';
import type { Renderer } from '../registry.js';
import { TOOL_HOMEPAGE } from '../../core/version.js';
import { sarifText } from '../escape.js';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note' | 'none';
  message: { text: string };
  locations?: unknown[];
  relatedLocations?: unknown[];
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
  const findings = orderWithCauses(report.findings);
  const ruleIds: string[] = [];
  const defaultLevel = new Map<string, Severity>();
  // The catalog gives each rule its default level. For an id it does not know: the highest level
  // of its findings; a policy override is a run-time reconfiguration, so the level before it.
  for (const f of findings) {
    const level = f.override?.from ?? f.severity;
    const seen = defaultLevel.get(f.ruleId);
    if (seen === undefined) ruleIds.push(f.ruleId);
    if (seen === undefined || SEVERITY_RANK[level] < SEVERITY_RANK[seen]) defaultLevel.set(f.ruleId, level);
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

  // The finding a causedBy names: the first of that rule and subject (as src/core/findings.ts folds them).
  const named = new Map<string, Finding>();
  for (const f of findings) if (!named.has(`${f.ruleId}\u0000${f.subject}`)) named.set(`${f.ruleId}\u0000${f.subject}`, f);

  const results: SarifResult[] = findings.map((f) => {
    const cause = f.causedBy ? named.get(`${f.causedBy.ruleId}\u0000${f.causedBy.subject}`) : undefined;
    const because = f.causedBy ? ` Follows from ${f.causedBy.ruleId} (${f.causedBy.subject}).` : '';
    const text = `${f.subject}: ${f.message}${because}` + (f.hint ? ` Hint: ${f.hint}` : '');
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: sarifText(text) },
      locations: location(f.subject, f.facet),
      ...(cause
        ? {
            relatedLocations: [
              {
                id: 1,
                logicalLocations: [{ name: cause.subject, fullyQualifiedName: `${cause.facet}/${cause.subject}`, kind: 'module' }],
                message: { text: sarifText(`The cause, ${cause.ruleId}: ${cause.message}`) },
              },
            ],
          }
        : {}),
      partialFingerprints: { 'envdiffFinding/v1': `${f.ruleId}|${f.subject}` },
      properties: {
        facet: f.facet,
        subject: f.subject,
        severity: f.severity,
        baseline: f.baseline,
        target: f.target,
        hint: f.hint,
        ...(f.causedBy ? { causedBy: { ruleId: f.causedBy.ruleId, subject: f.causedBy.subject } } : {}),
        ...(f.override ? { override: { from: f.override.from, by: f.override.by } } : {}),
      },
    };
  });
  for (const s of report.suppressed ?? []) {
    results.push({
      ruleId: s.ruleId,
      ruleIndex: index.get(s.ruleId)!,
      level: s.severity ? LEVEL[s.severity] : 'none',
      message: { text: sarifText(`${s.subject}: suppressed by ${s.by}`) },
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
