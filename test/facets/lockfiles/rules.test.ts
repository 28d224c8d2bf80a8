import { describe, expect, it } from 'vitest';
import type { LockfileEntry, LockfilesFacet } from '../../../src/facets/lockfiles/types.js';
import { compareLockfiles } from '../../../src/facets/lockfiles/rules.js';
import { context, ruleIds } from '../../helpers/fingerprint.js';

// Synthetic lock file entries (not captured): the rules only read path, sha256, status and packages.
function lock(path: string, sha256: string, packages: LockfileEntry['packages'], status: LockfileEntry['status'] = 'ok'): LockfileEntry {
  return { path, kind: 'requirements', sha256, status, packages };
}
const facet = (...files: LockfileEntry[]): LockfilesFacet => ({ status: 'ok', files });
const ctx = context({}, {});

describe('lockfiles rules', () => {
  it('warns on a changed lock file and grades each moved pin by its scheme', () => {
    const a = lock('requirements.txt', 'a'.repeat(64), [
      { name: 'numpy', version: '1.26.4', ecosystem: 'pypi' },
      { name: 'pandas', version: '2.2.1', ecosystem: 'pypi' },
      { name: 'Requests', version: '2.31.0', ecosystem: 'pypi' },
      { name: 'scipy', specifier: '>=1.10', ecosystem: 'pypi' },
      { name: 'tqdm', version: '4.66.2', ecosystem: 'pypi' },
    ]);
    const b = lock('requirements.txt', 'b'.repeat(64), [
      { name: 'numpy', version: '2.0.0', ecosystem: 'pypi' },
      { name: 'pandas', version: '2.2.2', ecosystem: 'pypi' },
      { name: 'requests', version: '2.31.0', ecosystem: 'pypi' },
      { name: 'scipy', specifier: '>=1.11', ecosystem: 'pypi' },
      { name: 'torch', version: '2.3.1', ecosystem: 'pypi' },
    ]);
    const f = compareLockfiles(facet(a), facet(b), ctx);
    const by = Object.fromEntries(f.map((x) => [x.subject, x]));
    expect(by['requirements.txt']).toMatchObject({ ruleId: 'lockfiles/changed', severity: 'warning' });
    expect(by['requirements.txt: numpy']).toMatchObject({
      ruleId: 'lockfiles/pin-changed',
      severity: 'warning',
      baseline: '1.26.4',
      target: '2.0.0',
    });
    expect(by['requirements.txt: pandas']).toMatchObject({ ruleId: 'lockfiles/pin-changed', severity: 'info' });
    expect(by['requirements.txt: scipy']).toMatchObject({ baseline: '>=1.10', target: '>=1.11' });
    expect(by['requirements.txt: tqdm']?.ruleId).toBe('lockfiles/pin-removed');
    expect(by['requirements.txt: torch']?.ruleId).toBe('lockfiles/pin-added');
    // Requests vs requests: one package under PEP 503.
    expect(Object.keys(by).some((s) => /requests/i.test(s))).toBe(false);
  });

  it('reports files on one side only as info, and equal files not at all', () => {
    const same = lock('uv.lock', 'c'.repeat(64), []);
    const f = compareLockfiles(
      facet(same, lock('renv.lock', 'd'.repeat(64), [])),
      facet(same, lock('poetry.lock', 'e'.repeat(64), [])),
      ctx,
    );
    expect(ruleIds(f)).toEqual(['lockfiles/only-in-baseline', 'lockfiles/only-in-target']);
    expect(f.every((x) => x.severity === 'info')).toBe(true);
  });

  it('does not compare pins of a lock file that could not be read', () => {
    const a = lock('poetry.lock', 'a'.repeat(64), [{ name: 'numpy', version: '1.26.4', ecosystem: 'pypi' }]);
    const b = lock('poetry.lock', 'b'.repeat(64), [], 'error');
    expect(ruleIds(compareLockfiles(facet(a), facet(b), ctx))).toEqual(['lockfiles/changed']);
  });
});
