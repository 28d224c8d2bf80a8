// The facet rules hand their package lists to comparePackageSets with the right facet and
// ecosystem: a moved package shows up under that facet with both versions.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { comparePython } from '../../../src/facets/python/rules.js';
import { compareR } from '../../../src/facets/r/rules.js';
import { compareSystem } from '../../../src/facets/system/rules.js';
import { context } from '../../helpers/fingerprint.js';

const ctx = context({}, {});

function about(findings: readonly Finding[], name: string): Finding | undefined {
  return findings.find((f) => f.subject.includes(name) && f.baseline !== null && f.target !== null);
}

describe('package sets per facet', () => {
  it('python: pypi packages and conda packages', () => {
    const a = {
      status: 'ok' as const,
      version: '3.11.7',
      packages: [{ name: 'numpy', version: '1.26.4' }],
      conda: { prefix: '~/envs/a', packages: [{ name: 'mkl', version: '2023.1.0' }] },
    };
    const b = {
      status: 'ok' as const,
      version: '3.11.7',
      packages: [{ name: 'numpy', version: '2.0.0' }],
      conda: { prefix: '~/envs/b', packages: [{ name: 'mkl', version: '2024.0.0' }] },
    };
    const f = comparePython(a, b, ctx);
    expect(about(f, 'numpy')).toMatchObject({ facet: 'python', baseline: '1.26.4', target: '2.0.0' });
    expect(about(f, 'mkl')).toMatchObject({ facet: 'python', baseline: '2023.1.0', target: '2024.0.0' });
  });

  it('r: CRAN packages', () => {
    const f = compareR(
      { status: 'ok', version: '4.2.2', packages: [{ name: 'data.table', version: '1.14.6' }] },
      { status: 'ok', version: '4.2.2', packages: [{ name: 'data.table', version: '1.15.4' }] },
      ctx,
    );
    expect(about(f, 'data.table')).toMatchObject({ facet: 'r', baseline: '1.14.6', target: '1.15.4' });
  });

  it('system: dpkg packages compared with the dpkg scheme', () => {
    // libc6 versions as Debian 12 (dev machine) and Debian 12 before a point release ship them.
    const f = compareSystem(
      { status: 'ok', manager: 'dpkg', packages: [{ name: 'libc6', version: '2.36-9+deb12u14' }] },
      { status: 'ok', manager: 'dpkg', packages: [{ name: 'libc6', version: '2.36-9+deb12u4' }] },
      ctx,
    );
    expect(about(f, 'libc6')).toMatchObject({ facet: 'system', baseline: '2.36-9+deb12u14', target: '2.36-9+deb12u4' });
  });
});
