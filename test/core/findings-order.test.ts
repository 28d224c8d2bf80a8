// The one order of every report: root causes first, each followed by what it explains, then the
// rest. The findings are SYNTHETIC (made in code): the order is a pure function of them.
import { describe, expect, it } from 'vitest';
import { foldCauses, orderWithCauses, sortFindings, type Finding, type Severity } from '../../src/core/findings.js';

function f(ruleId: string, subject: string, severity: Severity, causedBy?: [string, string]): Finding {
  return {
    ruleId,
    severity,
    facet: ruleId.split('/')[0]!,
    subject,
    baseline: 'a',
    target: 'b',
    message: `${ruleId} ${subject}`,
    hint: '',
    ...(causedBy ? { causedBy: { ruleId: causedBy[0], subject: causedBy[1] } } : {}),
  };
}

const key = (x: Finding): string => `${x.ruleId} ${x.subject}`;

const minor = f('python/minor-version', 'python', 'error');
const missing = ['attrs', 'numpy', 'six'].map((n) => f('python/package-missing', n, 'error', ['python/minor-version', 'python']));
const pip = f('python/package-minor', 'pip', 'warning', ['python/minor-version', 'python']);
const noGpu = f('gpu/absent-on-target', 'gpu', 'error');
const cudaBuild = f('gpu/cuda-build-without-gpu', 'cuda', 'error', ['gpu/absent-on-target', 'gpu']);
const torch = f('python/package-local-label', 'torch', 'error', ['gpu/cuda-build-without-gpu', 'cuda']);
const tz = f('env/timezone', 'TZ', 'info');
const driftError = f('cpu/x86-level', 'x86-64 level', 'error');
const ALL = [minor, ...missing, pip, noGpu, cudaBuild, torch, tz, driftError];

/** Every order of a list of up to 5 elements, and a few rotations and reversals of a longer one. */
function shuffles(list: readonly Finding[]): Finding[][] {
  const out: Finding[][] = [[...list], [...list].reverse()];
  for (let i = 1; i < list.length; i++) out.push([...list.slice(i), ...list.slice(0, i)]);
  return out;
}

describe('orderWithCauses', () => {
  it('puts each root cause first, its consequences right after it, then the rest by severity, facet, subject', () => {
    expect(orderWithCauses(ALL).map(key)).toEqual([
      // causes by severity, facet, subject: gpu before python
      'gpu/absent-on-target gpu',
      'gpu/cuda-build-without-gpu cuda',
      // torch is explained by cuda-build-without-gpu, itself explained by absent-on-target: the root gathers both
      'python/package-local-label torch',
      'python/minor-version python',
      'python/package-missing attrs',
      'python/package-missing numpy',
      'python/package-missing six',
      'python/package-minor pip',
      // the rest: an error comes before an info whatever their facets
      'cpu/x86-level x86-64 level',
      'env/timezone TZ',
    ]);
  });

  it('gives the same array whatever order the findings come in, and ordering twice changes nothing', () => {
    const expected = orderWithCauses(ALL);
    for (const input of shuffles(ALL)) expect(orderWithCauses(input)).toEqual(expected);
    expect(orderWithCauses(expected)).toEqual(expected);
  });

  it('without any causedBy it is exactly the plain order (sortFindings)', () => {
    const plain = [tz, driftError, minor, noGpu];
    expect(orderWithCauses(plain)).toEqual(sortFindings(plain));
  });

  it('a consequence whose cause is not in the list (a policy suppressed it) stays among the rest, in its place', () => {
    const out = orderWithCauses([...missing, tz, driftError]);
    expect(out.map(key)).toEqual([
      'cpu/x86-level x86-64 level',
      'python/package-missing attrs',
      'python/package-missing numpy',
      'python/package-missing six',
      'env/timezone TZ',
    ]);
  });

  it('a loop of causes (a explains b explains a) loses nothing and folds under one of them', () => {
    const a = f('os/arch', 'arch', 'error', ['os/platform', 'os']);
    const b = f('os/platform', 'os', 'error', ['os/arch', 'arch']);
    const self = f('os/distro', 'distro', 'warning', ['os/distro', 'distro']);
    const folded = foldCauses([b, self, a]);
    expect(folded).toEqual([
      { finding: a, consequences: [b] },
      { finding: self, consequences: [] },
    ]);
    expect(orderWithCauses([a, b, self])).toEqual(orderWithCauses([self, b, a]));
  });
});

describe('foldCauses', () => {
  it('lists every finding exactly once: each cause with its consequences, then the rest with none', () => {
    const folded = foldCauses(ALL);
    expect(folded.map((x) => [key(x.finding), x.consequences.length])).toEqual([
      ['gpu/absent-on-target gpu', 2],
      ['python/minor-version python', 4],
      ['cpu/x86-level x86-64 level', 0],
      ['env/timezone TZ', 0],
    ]);
    const all = folded.flatMap((x) => [x.finding, ...x.consequences]);
    expect(all).toHaveLength(ALL.length);
    expect(new Set(all)).toEqual(new Set(ALL));
  });
});
