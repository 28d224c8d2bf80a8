// Builds fingerprints for rule tests: every facet "absent" unless the test gives it.
// The facet values the tests pass are real captured strings, each with its origin beside it.
import type { Facets, Fingerprint } from '../../src/core/types.js';
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
