// Small pieces every facet's rules share: building a finding, listing a few names, arch names,
// and the one order of findings that compare, check and every report rely on.
import type { FacetId, Finding, Severity } from '../core/types.js';

export interface FindingInput {
  ruleId: string;
  severity: Severity;
  facet: FacetId;
  subject: string;
  baseline: string | null | undefined;
  target: string | null | undefined;
  message: string;
  hint: string;
}

/** A finding with undefined sides written as null (the JSON report has no undefined). */
export function makeFinding(input: FindingInput): Finding {
  return {
    ruleId: input.ruleId,
    severity: input.severity,
    facet: input.facet,
    subject: input.subject,
    baseline: input.baseline ?? null,
    target: input.target ?? null,
    message: input.message,
    hint: input.hint,
  };
}

/** "a, b, c and 4 more": long lists stay readable in a table cell. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * `uname -m` spellings of one architecture mapped to one name: Linux says aarch64 where macOS
 * says arm64, and amd64 is the Debian/Go name of x86_64.
 */
const ARCH_ALIASES: Readonly<Record<string, string>> = {
  aarch64: 'arm64',
  arm64: 'arm64',
  amd64: 'x86_64',
  x86_64: 'x86_64',
  x64: 'x86_64',
  i386: 'x86',
  i486: 'x86',
  i586: 'x86',
  i686: 'x86',
  armv7l: 'armv7',
  armhf: 'armv7',
};

export function normalizeArch(arch: string | undefined): string | undefined {
  if (arch === undefined) return undefined;
  const a = arch.trim().toLowerCase();
  return ARCH_ALIASES[a] ?? a;
}

/** Plain code-unit order, never localeCompare, so output does not depend on the ICU locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Severity, facet, subject, ruleId (DESIGN.md), then the remaining fields as tie-breakers. */
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
