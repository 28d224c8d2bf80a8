import { describe, expect, it } from 'vitest';
import type { PythonFacet } from '../../../src/facets/python/types.js';
import { comparePython } from '../../../src/facets/python/rules.js';
import { context, ruleIds } from '../../helpers/fingerprint.js';

// Interpreters installed on the dev machine (~/.pyenv/versions/*: 2.7.18, 3.10.13, 3.11.7 report
// these platform.python_version() values); PyPy's abi tag pp73 is from PEP 3149 / packaging tags.
function py(version: string, over: Partial<PythonFacet> = {}): PythonFacet {
  const [maj, min] = version.split('.');
  return { status: 'ok', version, implementation: 'CPython', abi: `cp${maj}${min}`, packages: [], ...over };
}

const ctx = context({}, {});

describe('python interpreter rules', () => {
  it('errors on a minor version change and names both ABIs', () => {
    const f = comparePython(py('3.11.7'), py('3.10.13'), ctx);
    expect(ruleIds(f)).toEqual(['python/minor-version']);
    expect(f[0]).toMatchObject({ severity: 'error', baseline: '3.11.7', target: '3.10.13' });
    expect(f[0]?.message).toContain('cp311 vs cp310');
  });

  it('errors on Python 2 vs 3', () => {
    const f = comparePython(py('3.11.7'), py('2.7.18', { abi: 'cp27mu' }), ctx);
    expect(ruleIds(f)).toEqual(['python/major-version']);
  });

  it('reports a patch release as info', () => {
    const f = comparePython(py('3.11.7'), py('3.11.9'), ctx);
    expect(ruleIds(f)).toEqual(['python/patch-version']);
    expect(f[0]?.severity).toBe('info');
  });

  it('errors on CPython vs PyPy', () => {
    const f = comparePython(py('3.10.13'), py('3.10.13', { implementation: 'PyPy', abi: 'pp73' }), ctx);
    expect(ruleIds(f)).toEqual(['python/implementation']);
  });

  it('errors on the same version with another ABI (free-threaded 3.13t)', () => {
    const f = comparePython(py('3.13.1'), py('3.13.1', { abi: 'cp313t' }), ctx);
    expect(ruleIds(f)).toEqual(['python/abi']);
    expect(f[0]).toMatchObject({ baseline: 'cp313', target: 'cp313t' });
  });

  it('finds nothing between identical interpreters', () => {
    expect(comparePython(py('3.11.7'), py('3.11.7'), ctx)).toEqual([]);
  });

  it('warns when the baseline ran in a conda env and the target does not', () => {
    const conda = py('3.11.7', {
      conda: { prefix: '~/miniconda3/envs/ml', packages: [{ name: 'mkl', version: '2023.1.0', build: 'h213fc3f_46344' }] },
    });
    const f = comparePython(conda, py('3.11.7'), ctx);
    expect(f.find((x) => x.ruleId === 'python/conda-env')?.severity).toBe('warning');
  });
});
