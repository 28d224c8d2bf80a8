import { describe, expect, it } from 'vitest';
import type { SystemFacet } from '../../../src/facets/system/types.js';
import { compareSystem } from '../../../src/facets/system/rules.js';
import { context, ruleIds } from '../../helpers/fingerprint.js';

const ctx = context({}, {});

describe('system rules', () => {
  it('does not compare package names across package managers', () => {
    const deb: SystemFacet = { status: 'ok', manager: 'dpkg', packages: [{ name: 'libc6', version: '2.36-9+deb12u14', arch: 'amd64' }] };
    const rpm: SystemFacet = { status: 'ok', manager: 'rpm', packages: [{ name: 'glibc', version: '2.34-100.el9', arch: 'x86_64' }] };
    const f = compareSystem(deb, rpm, ctx);
    expect(ruleIds(f)).toEqual(['system/manager']);
    expect(f[0]).toMatchObject({ severity: 'warning', baseline: 'dpkg', target: 'rpm' });
  });
});

describe('dpkg multiarch', () => {
  it('compares a package installed for two architectures per architecture', async () => {
    const { compareSystem } = await import('../../../src/facets/system/rules.js');
    // SYNTHETIC lists; the names and versions are Debian 12's libc6.
    const base = {
      status: 'ok' as const,
      manager: 'dpkg' as const,
      packages: [
        { name: 'libc6', version: '2.36-9+deb12u14', arch: 'amd64' },
        { name: 'libc6', version: '2.36-9+deb12u14', arch: 'i386' },
      ],
    };
    const target = {
      status: 'ok' as const,
      manager: 'dpkg' as const,
      packages: [{ name: 'libc6', version: '2.36-9+deb12u14', arch: 'amd64' }],
    };
    const findings = compareSystem(base, target, {} as never);
    expect(findings.map((f) => [f.ruleId, f.subject])).toEqual([['system/package-missing', 'libc6:i386']]);
    expect(compareSystem(base, base, {} as never)).toEqual([]);
  });
});
