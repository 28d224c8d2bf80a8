// Builds fingerprints for rule tests: every facet "absent" unless the test gives it.
// The facet values the tests pass are real captured strings, each with its origin beside it.
import type { Finding } from '../../src/core/findings.js';
import type { Facets, Fingerprint } from '../../src/facets/index.js';
import type { CompareContext } from '../../src/facets/types.js';

export function fingerprint(label: string, facets: Partial<Facets>): Fingerprint {
  const absent = { status: 'absent' as const };
  return {
    schemaVersion: 1,
    tool: { name: 'envdiff', version: '0.0.0-test' },
    capturedAt: '2025-01-01T00:00:00Z',
    label,
    target: { kind: 'local', ref: label },
    facets: {
      os: absent,
      kernel: absent,
      cpu: absent,
      gpu: absent,
      python: absent,
      r: absent,
      jvm: absent,
      system: absent,
      env: absent,
      lockfiles: absent,
      ...facets,
    },
  };
}

export function context(baseline: Partial<Facets>, target: Partial<Facets>): CompareContext {
  return { baseline: fingerprint('dev', baseline), target: fingerprint('qa', target) };
}

export function ruleIds(findings: readonly { ruleId: string }[]): string[] {
  return findings.map((f) => f.ruleId).sort();
}

/**
 * A facet's own rules followed by a cross-facet rule that reads the same facet, over the two
 * given facet values: `withCrossFacet('os', compareOs, compareWheelsVsLibc)(debian, alpine, ctx)`
 * is what the engine reports for those two os facets and the rest of ctx.
 */
export function withCrossFacet<K extends keyof Facets, F extends NonNullable<Facets[K]>>(
  id: K,
  own: (a: F, b: F, ctx: CompareContext) => Finding[],
  cross: (ctx: CompareContext) => Finding[],
): (a: F, b: F, ctx: CompareContext) => Finding[] {
  return (a, b, ctx) => {
    const both: CompareContext = {
      baseline: { ...ctx.baseline, facets: { ...ctx.baseline.facets, [id]: a } },
      target: { ...ctx.target, facets: { ...ctx.target.facets, [id]: b } },
    };
    return [...own(a, b, both), ...cross(both)];
  };
}
