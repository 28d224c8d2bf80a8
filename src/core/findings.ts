// Findings: what a rule reports, how a rule is declared (once, in a catalog), the one builder
// that turns a declared rule and the facts of one case into a finding, and the one order every
// command and report relies on: root causes first, each followed by what it explains, then the
// rest. The shape is the JSON report's (docs/ARCHITECTURE.md, "Findings").
import { byCodeUnit } from './text.js';

export type Severity = 'error' | 'warning' | 'info';

/** `--fail-on`: the lowest severity that makes `compare` exit 1; `never` always exits 0. */
export type FailOn = Severity | 'never';

/** The finding that explains this one: packages missing because the Python minor changed, … */
export interface CausedBy {
  ruleId: string;
  subject: string;
}

export interface Finding {
  /** `<facet>/<kebab-name>`, stable: policies and SARIF refer to it. */
  ruleId: string;
  severity: Severity;
  /** The facet the rule belongs to (the part of ruleId before the slash). */
  facet: string;
  subject: string;
  baseline: string | null;
  target: string | null;
  message: string;
  hint: string;
  /**
   * The finding that explains this one (set by the causality pass, src/rules/causality.ts): reports
   * show this finding under that one (orderWithCauses, foldCauses).
   */
  causedBy?: CausedBy;
  /** Set when a policy changed this finding's severity. */
  override?: { from: Severity; by: string };
}

export interface Report {
  baseline: { label: string };
  target: { label: string };
  summary: Record<Severity, number>;
  findings: Finding[];
  /** Findings a policy suppressed: shown, never silently dropped. */
  suppressed?: { ruleId: string; subject: string; severity?: Severity; by: string }[];
}

/** A rule as its catalog declares it: the one place its id, default severity and texts live. */
export interface RuleDef {
  /** `<facet>/<kebab-name>`. */
  id: string;
  facet: string;
  /** The severity findings of this rule get unless the case grades them otherwise. */
  severity: Severity;
  /** One line: what differs (SARIF shortDescription, docs/rules/). */
  title: string;
  /** Why it matters and what to do about it, in a few sentences. */
  help: string;
  /** The facets whose data the rule reads (more than its own for cross-facet rules). */
  reads: readonly string[];
  /** Where the fact the rule relies on is documented: a specification, vendor notes, source code. */
  source?: string;
}

export interface RuleSpec {
  severity: Severity;
  title: string;
  help: string;
  /** Default: the rule's own facet only. */
  reads?: readonly string[];
  /** The primary source of the fact it checks (a URL, or a specification and section). */
  source?: string;
}

/**
 * Declares a facet's rules: `defineRules('os', { arch: {…} })` gives `{ arch: RuleDef }` with id
 * `os/arch`. The keys are the kebab-case names after the slash.
 */
export function defineRules<const K extends string>(facet: string, specs: Readonly<Record<K, RuleSpec>>): Readonly<Record<K, RuleDef>> {
  const out = {} as Record<K, RuleDef>;
  for (const name of Object.keys(specs) as K[]) {
    const spec = specs[name];
    out[name] = {
      id: `${facet}/${name}`,
      facet,
      severity: spec.severity,
      title: spec.title,
      help: spec.help,
      reads: spec.reads ?? [facet],
      ...(spec.source === undefined ? {} : { source: spec.source }),
    };
  }
  return out;
}

export interface FindingInput {
  subject: string;
  baseline: string | null | undefined;
  target: string | null | undefined;
  message: string;
  hint: string;
  /** Only when this case is graded differently from the rule's default. */
  severity?: Severity;
  causedBy?: CausedBy;
}

/** The one way to build a finding: id, facet and default severity come from the rule's declaration. */
export function finding(rule: RuleDef, input: FindingInput): Finding {
  return {
    ruleId: rule.id,
    severity: input.severity ?? rule.severity,
    facet: rule.facet,
    subject: input.subject,
    // The JSON report has no undefined: a side without a value is null.
    baseline: input.baseline ?? null,
    target: input.target ?? null,
    message: input.message,
    hint: input.hint,
    ...(input.causedBy ? { causedBy: { ruleId: input.causedBy.ruleId, subject: input.causedBy.subject } } : {}),
  };
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Severity, facet, subject, ruleId, then the remaining fields as tie-breakers. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    byCodeUnit(a.facet, b.facet) ||
    byCodeUnit(a.subject, b.subject) ||
    byCodeUnit(a.ruleId, b.ruleId) ||
    byCodeUnit(a.baseline ?? '', b.baseline ?? '') ||
    byCodeUnit(a.target ?? '', b.target ?? '') ||
    byCodeUnit(a.message, b.message)
  );
}

/** The findings in compareFindings order, causes ignored: the same inputs give the same array. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** A root cause and the findings it explains (directly or through another consequence). */
export interface CauseFold {
  finding: Finding;
  /** In compareFindings order; empty for a finding that explains nothing. */
  consequences: Finding[];
}

/**
 * The findings as reports show them: every finding whose `causedBy` names a finding of this list
 * is folded under its root cause (a chain a → b → c folds c and b under a). Causes come first,
 * each by compareFindings (severity, facet, subject), then the findings that neither explain nor
 * are explained. A `causedBy` that names a finding not in the list (a policy suppressed the
 * cause) leaves the finding among the rest. Nothing is dropped: every finding appears once.
 */
export function foldCauses(findings: readonly Finding[]): CauseFold[] {
  const sorted = sortFindings(findings);
  const index = new Map<Finding, number>(sorted.map((f, i) => [f, i]));
  // The first finding (in order) of each rule and subject: what a causedBy names.
  const named = new Map<string, Finding>();
  for (const f of sorted) {
    const key = causeKey(f.ruleId, f.subject);
    if (!named.has(key)) named.set(key, f);
  }
  const rootOf = (f: Finding): Finding => {
    const chain: Finding[] = [f];
    let current = f;
    for (;;) {
      const up = current.causedBy ? named.get(causeKey(current.causedBy.ruleId, current.causedBy.subject)) : undefined;
      if (up === undefined) return current;
      const seen = chain.indexOf(up);
      if (seen >= 0) {
        // A loop (a explains b explains a): its first member in order is the root, from wherever it is entered.
        return chain.slice(seen).reduce((a, b) => (index.get(a)! <= index.get(b)! ? a : b));
      }
      chain.push(up);
      current = up;
    }
  };
  const consequences = new Map<Finding, Finding[]>();
  const roots: Finding[] = [];
  for (const f of sorted) {
    const root = rootOf(f);
    if (root === f) roots.push(f);
    else {
      const list = consequences.get(root);
      if (list) list.push(f);
      else consequences.set(root, [f]);
    }
  }
  const causes = roots.filter((r) => consequences.has(r)).map((r) => ({ finding: r, consequences: consequences.get(r)! }));
  const rest = roots.filter((r) => !consequences.has(r)).map((r) => ({ finding: r, consequences: [] }));
  return [...causes, ...rest];
}

/**
 * THE order of findings in every report and format: each root cause followed by its consequences,
 * causes first, then the rest, each part by compareFindings (see foldCauses). The same inputs give
 * the same array, and ordering an ordered list changes nothing.
 */
export function orderWithCauses(findings: readonly Finding[]): Finding[] {
  return foldCauses(findings).flatMap((c) => [c.finding, ...c.consequences]);
}

function causeKey(ruleId: string, subject: string): string {
  return `${ruleId}\u0000${subject}`;
}
