// A fleet report: one baseline against many targets. Each target's findings (the two-way report of
// compare) are grouped with those of every other target whose findings are the same, so that
// 200 nodes read as "197 identical to the baseline; 2 (qa-07, qa-19): driver 535 < 550 — error;
// 1 (qa-31): python 3.10". The grouper is fed one target at a time: the caller streams the target
// files and keeps nothing of a target but its label, its summary and its group's key.
// The JSON shape is docs/FLEET.md's `{baseline, targets:[{label, summary}], groups:[{targets, summary, findings}]}`.
import { orderWithCauses, SEVERITY_RANK, type Finding, type Report, type Severity } from './findings.js';
import { byCodeUnit } from './text.js';

export interface FleetTarget {
  label: string;
  summary: Record<Severity, number>;
  /** The file the target was read from (SARIF and JUnit point at it). Not part of the JSON report. */
  path?: string;
}

export interface FleetGroup {
  /** Labels, in the order the targets were given. */
  targets: string[];
  summary: Record<Severity, number>;
  /** The findings every target of the group has, in the one order (orderWithCauses). Empty: identical to the baseline. */
  findings: Finding[];
  suppressed?: Report['suppressed'];
}

export interface FleetReport {
  baseline: { label: string };
  targets: FleetTarget[];
  groups: FleetGroup[];
}

/** Collects targets one at a time; `report()` gives the groups in their order. */
export class FleetGrouper {
  private readonly groups = new Map<string, FleetGroup>();
  private readonly targets: FleetTarget[] = [];
  private readonly labels = new Set<string>();

  /**
   * Adds one target's two-way report. A label already taken (two files captured with the same
   * label) is made unique with the file name, then a number: each target stays one row.
   */
  add(report: Report, path?: string): FleetTarget {
    const label = this.uniqueLabel(report.target.label, path);
    const findings = orderWithCauses(report.findings);
    const key = groupKey(findings, report.suppressed);
    let group = this.groups.get(key);
    if (!group) {
      group = { targets: [], summary: { ...report.summary }, findings, ...(report.suppressed ? { suppressed: report.suppressed } : {}) };
      this.groups.set(key, group);
    }
    group.targets.push(label);
    const target: FleetTarget = { label, summary: { ...report.summary }, ...(path !== undefined ? { path } : {}) };
    this.targets.push(target);
    return target;
  }

  report(baselineLabel: string): FleetReport {
    return { baseline: { label: baselineLabel }, targets: [...this.targets], groups: orderGroups([...this.groups.values()]) };
  }

  private uniqueLabel(label: string, path: string | undefined): string {
    let candidate = label;
    if (this.labels.has(candidate) && path !== undefined) candidate = `${label} (${path})`;
    for (let n = 2; this.labels.has(candidate); n++) candidate = `${label} #${n}`;
    this.labels.add(candidate);
    return candidate;
  }
}

/** Two targets are in one group when their ordered findings (and suppressions) are the same, field by field. */
function groupKey(findings: readonly Finding[], suppressed: Report['suppressed']): string {
  return JSON.stringify([
    findings.map((f) => [
      f.ruleId,
      f.severity,
      f.facet,
      f.subject,
      f.baseline,
      f.target,
      f.message,
      f.hint,
      f.causedBy?.ruleId ?? null,
      f.causedBy?.subject ?? null,
      f.override?.from ?? null,
      f.override?.by ?? null,
    ]),
    (suppressed ?? []).map((s) => [s.ruleId, s.subject, s.severity ?? null, s.by]),
  ]);
}

/** The worst severity of a group; undefined when it has no finding. */
export function worstSeverity(summary: Record<Severity, number>): Severity | undefined {
  return (['error', 'warning', 'info'] as const).find((s) => summary[s] > 0);
}

/**
 * The group identical to the baseline first (the headline: "37 identical"), then the others by
 * worst severity, then the most targets, then the first label: the same inputs give the same order.
 */
export function orderGroups(groups: FleetGroup[]): FleetGroup[] {
  const rank = (g: FleetGroup): number => {
    const worst = worstSeverity(g.summary);
    return g.findings.length === 0 ? -1 : worst === undefined ? 3 : SEVERITY_RANK[worst];
  };
  return groups.sort(
    (a, b) => rank(a) - rank(b) || b.targets.length - a.targets.length || byCodeUnit(a.targets[0] ?? '', b.targets[0] ?? ''),
  );
}

/** The two-way report of one target, from its group: what JUnit, SARIF and HTML render per target. */
export function targetReport(fleet: FleetReport, group: FleetGroup, label: string): Report {
  return {
    baseline: { label: fleet.baseline.label },
    target: { label },
    summary: { ...group.summary },
    findings: group.findings,
    ...(group.suppressed ? { suppressed: group.suppressed } : {}),
  };
}

/** Each target with its group, in the order the targets were given. */
export function targetsWithGroups(fleet: FleetReport): { target: FleetTarget; group: FleetGroup }[] {
  const groupOf = new Map<string, FleetGroup>();
  for (const g of fleet.groups) for (const label of g.targets) groupOf.set(label, g);
  return fleet.targets.map((target) => ({ target, group: groupOf.get(target.label)! }));
}
