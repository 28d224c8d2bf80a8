// Helpers every report format shares: severity order, summary wording, and making hostile text
// (labels and subjects come from the captured machines) harmless before a format escapes it.
import type { FailOn, Finding, Report, Severity } from '../core/findings.js';
import { foldCauses, SEVERITY_RANK } from '../core/findings.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface RenderOptions {
  failOn: FailOn;
  /** ANSI colour; only the table format uses it. */
  color?: boolean;
  toolVersion?: string;
  /** The target fingerprint as given on the command line; SARIF results point at it. */
  targetPath?: string;
  /** Terminal columns (a TTY's width): the table wraps its message column to fit. */
  width?: number;
}

/** Does a finding of this severity fail the run under failOn? */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] <= SEVERITY_RANK[failOn];
}

export function countSummary(summary: Report['summary']): string {
  const e = summary.error;
  const w = summary.warning;
  return `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${summary.info} info`;
}

export function failCount(report: Report, failOn: FailOn): number {
  return report.findings.filter((f) => failsAt(f.severity, failOn)).length;
}

export function overrideNote(f: Finding): string | undefined {
  return f.override ? `severity ${f.override.from} → ${f.severity} by ${f.override.by}` : undefined;
}

export function showValue(v: string | null): string {
  return v === null ? '—' : v;
}

/**
 * Findings of one rule and severity, when there are more than GROUP_AT of them, go together: 120
 * "package missing" findings that no root cause explains (the same interpreter on both sides)
 * would bury every other finding. The table gives such a group one row, markdown one <details>
 * block, github one annotation (GitHub shows only 10 error, 10 warning and 10 notice annotations
 * per step: actions/toolkit:docs/problem-matchers.md, "Limitations"). Groups keep the place of
 * their first finding. Findings a root cause explains are folded under it instead (groupWithCauses).
 */
export const GROUP_AT = 4;

export function groupFindings(findings: readonly Finding[]): Finding[][] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.severity}\u0000${f.ruleId}`;
    const list = byRule.get(key);
    if (list) list.push(f);
    else byRule.set(key, [f]);
  }
  const out: Finding[][] = [];
  const emitted = new Set<string>();
  for (const f of findings) {
    const key = `${f.severity}\u0000${f.ruleId}`;
    const list = byRule.get(key)!;
    if (list.length <= GROUP_AT) out.push([f]);
    else if (!emitted.has(key)) {
      emitted.add(key);
      out.push(list);
    }
  }
  return out;
}

/** What a report shows as one unit: a finding (or one rule's many), with what follows from it. */
export interface ReportEntry {
  /** One finding, or the findings of one rule and severity shown together (more than GROUP_AT). */
  group: Finding[];
  /**
   * When group[0] is a root cause: the findings it explains (causedBy), one list per rule and
   * severity, each list in the place of its first finding. Empty otherwise.
   */
  consequences: Finding[][];
}

/**
 * The findings as every format a person reads shows them: root causes first, each with its
 * consequences folded under it, then the rest grouped by rule as groupFindings does. Follows
 * foldCauses (src/core/findings.ts), so the order is the same whatever order the findings come in;
 * nothing is dropped.
 */
export function groupWithCauses(findings: readonly Finding[]): ReportEntry[] {
  const entries: ReportEntry[] = [];
  const rest: Finding[] = [];
  for (const fold of foldCauses(findings)) {
    if (fold.consequences.length > 0) entries.push({ group: [fold.finding], consequences: groupByRule(fold.consequences) });
    else rest.push(fold.finding);
  }
  for (const group of groupFindings(rest)) entries.push({ group, consequences: [] });
  return entries;
}

/** Under a cause every rule's findings share one place, however few: the cause's hint covers them. */
function groupByRule(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.severity}\u0000${f.ruleId}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()];
}

/** How many findings an entry's consequences hold. */
export function consequenceCount(entry: ReportEntry): number {
  return entry.consequences.reduce((n, g) => n + g.length, 0);
}

/** "python/package-missing ×101, python/package-major ×2": the rules under a cause, with counts. */
export function consequenceRules(entry: ReportEntry): string {
  return entry.consequences.map((g) => `${g[0]!.ruleId} ×${g.length}`).join(', ');
}

/** "103 findings follow from it: python/package-missing ×101, python/package-major ×2". */
export function describeConsequences(entry: ReportEntry): string {
  const n = consequenceCount(entry);
  return `${n} finding${n === 1 ? ' follows' : 's follow'} from it: ${consequenceRules(entry)}`;
}

/** "numpy 1.26.4 → 2.0.0", "torch 2.1.1" (missing on the target): one finding in a list of a group. */
export function describeInGroup(f: Finding): string {
  const b = f.baseline === null ? '' : ` ${f.baseline}`;
  const t = f.target === null ? '' : f.baseline === null ? ` ${f.target}` : ` → ${f.target}`;
  return `${f.subject}${b}${t}`;
}

/** The first `shown` findings of a group described, then one "and N more" entry for the rest. */
export function groupNames(group: readonly Finding[], shown: number, more = ''): string[] {
  const names = group.slice(0, shown).map(describeInGroup);
  if (group.length > shown) names.push(`and ${group.length - shown} more${more}`);
  return names;
}

/** The policy notes of a group, each distinct one once (a group may mix overridden and plain findings). */
export function groupOverrideNotes(group: readonly Finding[]): string[] {
  const notes = new Map<string, number>();
  for (const f of group) {
    const note = overrideNote(f);
    if (note) notes.set(note, (notes.get(note) ?? 0) + 1);
  }
  return [...notes].map(([note, n]) => (n === group.length ? note : `${note} (${n} of ${group.length})`));
}
