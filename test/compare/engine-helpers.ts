// Builds fingerprints for engine/report tests. These are SYNTHETIC inputs made in code (not
// fixtures): the engine's behaviour depends on facet statuses, not on what a real machine holds.
import type { Facets, Fingerprint } from '../../src/facets/index.js';
import type { Finding } from '../../src/core/findings.js';

export function makeFingerprint(label: string, facets: Partial<Facets> = {}): Fingerprint {
  const ok = { status: 'ok' as const };
  return {
    schemaVersion: 1,
    tool: { name: 'envdiff', version: '0.1.0' },
    capturedAt: '2024-05-01T12:00:00Z',
    label,
    target: { kind: 'local', ref: 'local' },
    facets: {
      os: ok,
      kernel: ok,
      cpu: ok,
      gpu: ok,
      python: ok,
      r: ok,
      jvm: ok,
      system: ok,
      env: ok,
      lockfiles: ok,
      ...facets,
    },
  };
}

export function finding(over: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity'>): Finding {
  const facet = over.ruleId.split('/')[0] as Finding['facet'];
  return {
    facet,
    subject: facet,
    baseline: null,
    target: null,
    message: `${over.ruleId} differs`,
    hint: '',
    ...over,
  };
}
