import { describe, expect, it } from 'vitest';
import { compareFingerprints } from '../../src/compare/engine.js';
import { facetById, type FacetBase, type FacetId, type Facets } from '../../src/facets/index.js';
import type { Finding } from '../../src/core/findings.js';
import { sortFindings } from '../../src/core/findings.js';
import type { FacetModule } from '../../src/facets/types.js';
import type { CrossFacetRule } from '../../src/rules/cross-facet/index.js';
import { facetStatusRules } from '../../src/rules/facet-status.js';
import { finding, makeFingerprint } from './engine-helpers.js';

/** The registered facet `id` (its severities), with rules that record their calls and return the given findings. */
function recordingFacet(id: FacetId, out: Finding[] = []): FacetModule & { calls: [FacetBase, FacetBase][] } {
  const calls: [FacetBase, FacetBase][] = [];
  return {
    ...facetById(id)!,
    calls,
    rules: (a, b) => {
      calls.push([a, b]);
      return out;
    },
  };
}

const ABSENT = { status: 'absent' as const, reason: 'python3 not found on PATH' };
const ERROR = { status: 'error' as const, reason: 'probe timed out after 30 s' };

describe('compareFingerprints', () => {
  it('runs a facet’s rules when both sides are ok, with both facets and both fingerprints', () => {
    const f = finding({ ruleId: 'python/minor-version', severity: 'error' });
    const facet = recordingFacet('python', [f]);
    const a = makeFingerprint('dev', { python: { status: 'ok', version: '3.11.7' } });
    const b = makeFingerprint('qa', { python: { status: 'ok', version: '3.10.13' } });
    expect(compareFingerprints(a, b, [facet])).toEqual([f]);
    expect(facet.calls).toEqual([[a.facets.python, b.facets.python]]);
  });

  it.each<[string, Partial<Facets>, Partial<Facets>, string]>([
    [
      'baseline',
      { python: ERROR },
      {},
      'python could not be captured on the baseline (probe timed out after 30 s) while the target recorded it',
    ],
    [
      'target',
      {},
      { python: ERROR },
      'python could not be captured on the target (probe timed out after 30 s) while the baseline recorded it',
    ],
  ])('fails closed (not-captured, an error) when only the %s facet is an error', (_side, fa, fb, message) => {
    const facet = recordingFacet('python', [finding({ ruleId: 'python/x', severity: 'error' })]);
    const out = compareFingerprints(makeFingerprint('dev', fa), makeFingerprint('qa', fb), [facet]);
    expect(facet.calls).toHaveLength(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ ruleId: 'python/not-captured', severity: 'error', facet: 'python', subject: 'python' });
    expect(out[0]!.message).toBe(`${message}: whether they match cannot be told`);
  });

  it('names both reasons when both sides are errors', () => {
    const out = compareFingerprints(
      makeFingerprint('dev', { gpu: { status: 'error', reason: 'nvidia-smi: NVML mismatch' } }),
      makeFingerprint('qa', { gpu: { status: 'error', reason: 'permission denied' } }),
      [recordingFacet('gpu')],
    );
    expect(out.map((f) => f.message)).toEqual(['could not compare gpu: baseline: nvidia-smi: NVML mismatch; target: permission denied']);
  });

  it('treats an error on one side and absent on the other as not-captured (absent is a recorded fact), not as absent', () => {
    const out = compareFingerprints(makeFingerprint('dev', { r: ERROR }), makeFingerprint('qa', { r: ABSENT }), [recordingFacet('r')]);
    expect(out.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(['error r/not-captured']);
  });

  it.each<[FacetId, Finding['severity']]>([
    ['python', 'error'],
    ['gpu', 'error'],
    ['r', 'warning'],
    ['jvm', 'warning'],
    ['system', 'warning'],
    ['os', 'warning'],
    ['env', 'info'],
    ['lockfiles', 'info'],
  ])('reports %s present on the baseline, absent on the target, as %s', (id, severity) => {
    const facet = recordingFacet(id);
    const out = compareFingerprints(makeFingerprint('dev'), makeFingerprint('qa', { [id]: ABSENT }), [facet]);
    expect(facet.calls).toHaveLength(0);
    expect(out).toEqual([
      expect.objectContaining({ ruleId: `${id}/absent-on-target`, severity, facet: id, baseline: 'present', target: 'absent' }),
    ]);
    expect(out[0]!.message).toContain('python3 not found on PATH');
  });

  it('reports a facet only the target has as info', () => {
    const out = compareFingerprints(makeFingerprint('dev', { gpu: ABSENT }), makeFingerprint('qa'), [recordingFacet('gpu')]);
    expect(out).toEqual([expect.objectContaining({ ruleId: 'gpu/absent-on-baseline', severity: 'info' })]);
  });

  it('says nothing when both sides lack the facet, and does not run its rules', () => {
    const facet = recordingFacet('jvm', [finding({ ruleId: 'jvm/x', severity: 'error' })]);
    expect(compareFingerprints(makeFingerprint('dev', { jvm: ABSENT }), makeFingerprint('qa', { jvm: ABSENT }), [facet])).toEqual([]);
    expect(facet.calls).toHaveLength(0);
  });

  it('treats a facet missing from the fingerprint as "could not tell"', () => {
    const b = makeFingerprint('qa');
    delete (b.facets as Partial<Facets>).cpu;
    const out = compareFingerprints(makeFingerprint('dev'), b, [recordingFacet('cpu')]);
    expect(out).toEqual([
      expect.objectContaining({
        ruleId: 'cpu/not-captured',
        severity: 'error',
        message:
          'cpu could not be captured on the target (facet missing from the fingerprint) while the baseline recorded it: whether they match cannot be told',
      }),
    ]);
  });

  it('turns a rule that throws into a not-compared error instead of losing the facet', () => {
    const facet: FacetModule = {
      ...facetById('system')!,
      rules: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'map')");
      },
    };
    const out = compareFingerprints(makeFingerprint('dev'), makeFingerprint('qa'), [facet]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ ruleId: 'system/not-compared', severity: 'error' });
    expect(out[0]!.message).toContain("rules failed: Cannot read properties of undefined (reading 'map')");
  });

  it('sorts by severity, facet, subject, rule id whatever order the rules return', () => {
    const fs = [
      finding({ ruleId: 'system/package-minor', severity: 'info', subject: 'zlib1g' }),
      finding({ ruleId: 'python/package-major', severity: 'warning', subject: 'numpy' }),
      finding({ ruleId: 'python/package-missing', severity: 'error', subject: 'torch' }),
      finding({ ruleId: 'gpu/driver-too-old', severity: 'error', subject: 'driver' }),
      finding({ ruleId: 'python/package-major', severity: 'warning', subject: 'pandas' }),
      finding({ ruleId: 'python/package-extra', severity: 'warning', subject: 'numpy' }),
    ];
    const expected = [
      'error gpu driver gpu/driver-too-old',
      'error python torch python/package-missing',
      'warning python numpy python/package-extra',
      'warning python numpy python/package-major',
      'warning python pandas python/package-major',
      'info system zlib1g system/package-minor',
    ];
    const key = (f: Finding): string => `${f.severity} ${f.facet} ${f.subject} ${f.ruleId}`;
    const facets: FacetModule[] = [recordingFacet('python', fs.slice(0, 3)), recordingFacet('system', fs.slice(3))];
    expect(compareFingerprints(makeFingerprint('dev'), makeFingerprint('qa'), facets).map(key)).toEqual(expected);
    expect(sortFindings([...fs].reverse()).map(key)).toEqual(expected);
  });

  it('orders by code units, not by locale (byte-identical output everywhere)', () => {
    const out = sortFindings([
      finding({ ruleId: 'python/x', severity: 'info', subject: 'a' }),
      finding({ ruleId: 'python/x', severity: 'info', subject: 'B' }),
      finding({ ruleId: 'python/x', severity: 'info', subject: 'Ä' }),
    ]);
    expect(out.map((f) => f.subject)).toEqual(['B', 'a', 'Ä']);
  });

  it('gives byte-identical output for the same inputs', () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      finding({ ruleId: `python/r${i % 3}`, severity: (['error', 'warning', 'info'] as const)[i % 3]!, subject: `pkg${(i * 7) % 11}` }),
    );
    const run = (list: Finding[]): string =>
      JSON.stringify(compareFingerprints(makeFingerprint('dev'), makeFingerprint('qa'), [recordingFacet('python', list)]));
    expect(run(many)).toBe(run([...many].reverse()));
  });

  it('uses the real facet registry by default', () => {
    const allAbsent = Object.fromEntries(
      ['os', 'kernel', 'cpu', 'gpu', 'python', 'r', 'jvm', 'system', 'env', 'lockfiles'].map((id) => [id, ABSENT]),
    ) as unknown as Partial<Facets>;
    expect(compareFingerprints(makeFingerprint('dev', allAbsent), makeFingerprint('qa', allAbsent))).toEqual([]);
    const out = compareFingerprints(makeFingerprint('dev', allAbsent), makeFingerprint('qa', { ...allAbsent, python: ERROR }));
    expect(out.map((f) => f.ruleId)).toEqual(['python/not-captured']);
  });
});

describe('compareFingerprints: cross-facet rules and facets added later', () => {
  const cross = (out: Finding[] | (() => never)) => {
    const calls: unknown[] = [];
    const rule: CrossFacetRule & { calls: unknown[] } = {
      name: 'planted',
      catalog: [facetStatusRules(facetById('gpu')!).notCompared],
      calls,
      run: (ctx) => {
        calls.push(ctx);
        return typeof out === 'function' ? out() : out;
      },
    };
    return rule;
  };

  it('runs each cross-facet rule once, whatever the facets, and keeps its findings in order', () => {
    const f = finding({ ruleId: 'gpu/driver-too-old', severity: 'error', subject: 'driver' });
    const rule = cross([f]);
    const out = compareFingerprints(makeFingerprint('dev'), makeFingerprint('qa', { python: ABSENT }), [recordingFacet('python')], [rule]);
    expect(rule.calls).toHaveLength(1);
    expect(out).toEqual([f, expect.objectContaining({ ruleId: 'python/absent-on-target' })]);
  });

  it('turns a cross-facet rule that throws into not-compared on its facet', () => {
    const out = compareFingerprints(
      makeFingerprint('dev'),
      makeFingerprint('qa'),
      [],
      [
        cross(() => {
          throw new Error('boom');
        }),
      ],
    );
    expect(out).toEqual([expect.objectContaining({ ruleId: 'gpu/not-compared', severity: 'error' })]);
    expect(out[0]!.message).toContain('planted rules failed: boom');
  });

  it('says nothing of an optional facet that neither fingerprint has, and "could not tell" when one lacks it', () => {
    const later: FacetModule = { ...facetById('kernel')!, id: 'later', required: false, rules: () => [] };
    expect(compareFingerprints(makeFingerprint('dev'), makeFingerprint('qa'), [later], [])).toEqual([]);
    const withLater = makeFingerprint('qa');
    (withLater.facets as unknown as Record<string, unknown>)['later'] = { status: 'ok' };
    expect(compareFingerprints(makeFingerprint('dev'), withLater, [later], []).map((f) => f.ruleId)).toEqual(['later/not-captured']);
  });
});
