// Findings: what a rule reports, how a rule is declared (once, in a catalog), the one builder
// that turns a declared rule and the facts of one case into a finding, and the one order every
// command and report relies on. The shape is the JSON report's (docs/ARCHITECTURE.md, "Findings").
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
  /** Set by rules that know the finding explaining this one; reports do not order by it yet. */
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

/** The findings in compareFindings order: the same inputs give the same array. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
