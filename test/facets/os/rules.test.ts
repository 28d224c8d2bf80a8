import { describe, expect, it } from 'vitest';
import type { OsFacet } from '../../../src/facets/os/types.js';
import type { PythonFacet } from '../../../src/facets/python/types.js';
import { compareOs as compareOsOnly } from '../../../src/facets/os/rules.js';
import { compareWheelsVsLibc } from '../../../src/rules/cross-facet/wheels-vs-libc.js';
import { context, ruleIds, withCrossFacet } from '../../helpers/fingerprint.js';

// The os facet's rules and the installed wheels' libc needs (a cross-facet rule), as the engine runs them.
const compareOs = withCrossFacet('os', compareOsOnly, compareWheelsVsLibc);

// The envdiff dev machine: /etc/os-release of Debian 12 and `ldd --version` → "GLIBC 2.36-9+deb12u14".
const debian12: OsFacet = {
  status: 'ok',
  name: 'linux',
  arch: 'x86_64',
  distro: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', idLike: [] },
  libc: { family: 'glibc', version: '2.36' },
};

function os(over: Partial<OsFacet>): OsFacet {
  return { ...debian12, ...over };
}

// Tag lines copied from the WHEEL files in ~/.pyenv/versions/3.11.7/lib/python3.11/site-packages
// on the dev machine (real wheels installed by pip from PyPI).
const realPython: PythonFacet = {
  status: 'ok',
  version: '3.11.7',
  implementation: 'CPython',
  packages: [
    { name: 'cryptography', version: '48.0.0', tags: ['cp311-abi3-manylinux_2_34_x86_64'] },
    {
      name: 'markupsafe',
      version: '3.0.3',
      tags: ['cp311-cp311-manylinux_2_17_x86_64', 'cp311-cp311-manylinux2014_x86_64', 'cp311-cp311-manylinux_2_28_x86_64'],
    },
    { name: 'numpy', version: '2.4.6', tags: ['cp311-cp311-manylinux_2_27_x86_64', 'cp311-cp311-manylinux_2_28_x86_64'] },
    { name: 'orjson', version: '3.8.3', tags: ['cp311-cp311-manylinux_2_28_x86_64'] },
    { name: 'pip', version: '23.2.1', tags: ['py3-none-any'] },
    { name: 'rpds-py', version: '0.30.0', tags: ['cp311-cp311-manylinux_2_17_x86_64', 'cp311-cp311-manylinux2014_x86_64'] },
  ],
};

describe('os rules', () => {
  it('treats aarch64 and arm64 as one architecture', () => {
    const f = compareOs(os({ arch: 'aarch64' }), os({ arch: 'arm64' }), context({}, {}));
    expect(ruleIds(f)).not.toContain('os/arch');
  });

  it('reports x86_64 vs arm64 as an error with both values', () => {
    const f = compareOs(debian12, os({ arch: 'aarch64' }), context({}, {}));
    const arch = f.find((x) => x.ruleId === 'os/arch');
    expect(arch).toMatchObject({ severity: 'error', baseline: 'x86_64', target: 'aarch64' });
  });

  it('reports glibc vs musl as an error', () => {
    const alpine = os({ distro: { id: 'alpine', versionId: '3.19.1', idLike: [] }, libc: { family: 'musl', version: '1.2.4' } });
    const f = compareOs(debian12, alpine, context({}, {}));
    expect(f.find((x) => x.ruleId === 'os/libc-family')?.severity).toBe('error');
    expect(f.find((x) => x.ruleId === 'os/distro')?.severity).toBe('warning');
  });

  it('grades distro releases: Debian 12 → 11 warning, 12.4 → 12.5 info, Ubuntu 22.04 → 22.10 warning', () => {
    const d11 = compareOs(
      debian12,
      os({ distro: { id: 'debian', versionId: '11', idLike: [] }, libc: { family: 'glibc', version: '2.31' } }),
      context({}, {}),
    );
    expect(d11.find((x) => x.ruleId === 'os/distro')?.severity).toBe('warning');
    expect(d11.find((x) => x.ruleId === 'os/libc-version')?.severity).toBe('warning');

    const point = compareOs(
      os({ distro: { id: 'debian', versionId: '12.4', idLike: [] } }),
      os({ distro: { id: 'debian', versionId: '12.5', idLike: [] } }),
      context({}, {}),
    );
    expect(ruleIds(point)).toEqual(['os/distro-point-release']);
    expect(point[0]?.severity).toBe('info');

    const ubuntu = compareOs(
      os({ distro: { id: 'ubuntu', versionId: '22.04', idLike: ['debian'] }, libc: { family: 'glibc', version: '2.35' } }),
      os({ distro: { id: 'ubuntu', versionId: '22.10', idLike: ['debian'] }, libc: { family: 'glibc', version: '2.36' } }),
      context({}, {}),
    );
    expect(ubuntu.find((x) => x.ruleId === 'os/distro')?.severity).toBe('warning');
    expect(ubuntu.find((x) => x.ruleId === 'os/libc-version')?.severity).toBe('info');
  });

  it('finds nothing between identical OS facets', () => {
    expect(compareOs(debian12, debian12, context({ python: realPython }, {}))).toEqual([]);
  });

  it('flags wheels that need a newer glibc than the target has, most demanding first', () => {
    // Ubuntu 20.04 has glibc 2.31 (mayeut/pep600_compliance): cryptography needs 2.34, numpy 2.27 is fine
    // because numpy also carries manylinux_2_27; orjson needs 2.28 → fine; rpds-py 2.17 fine.
    const focal = os({ distro: { id: 'ubuntu', versionId: '20.04', idLike: ['debian'] }, libc: { family: 'glibc', version: '2.31' } });
    const f = compareOs(debian12, focal, context({ python: realPython }, {}));
    const wheels = f.find((x) => x.ruleId === 'os/glibc-too-old-for-wheels');
    expect(wheels?.severity).toBe('error');
    expect(wheels?.target).toBe('glibc 2.31');
    expect(wheels?.baseline).toBe('glibc ≥ 2.34');
    expect(wheels?.message).toContain('cryptography 48.0.0 (glibc ≥ 2.34)');
    expect(wheels?.message).not.toContain('numpy');
    expect(wheels?.message).not.toContain('rpds-py');
  });

  it('counts the rest when many wheels are too new (CentOS 7, glibc 2.17)', () => {
    const centos7 = os({ distro: { id: 'centos', versionId: '7', idLike: ['rhel'] }, libc: { family: 'glibc', version: '2.17' } });
    const f = compareOs(debian12, centos7, context({ python: realPython }, {}));
    const wheels = f.find((x) => x.ruleId === 'os/glibc-too-old-for-wheels');
    // cryptography 2.34, orjson 2.28, numpy 2.27, markupsafe 2.17 (ok), rpds-py 2.17 (ok).
    expect(wheels?.message).toMatch(/^3 installed wheel/);
    expect(wheels?.message).toContain('cryptography');
    expect(wheels?.message).toContain('numpy');
  });

  it('reads the legacy manylinux1 alias as glibc 2.5 (PEP 600)', () => {
    const py: PythonFacet = { ...realPython, packages: [{ name: 'old', version: '1.0', tags: ['cp36-cp36m-manylinux1_x86_64'] }] };
    const ancient = os({ libc: { family: 'glibc', version: '2.4' } });
    const f = compareOs(debian12, ancient, context({ python: py }, {}));
    expect(f.find((x) => x.ruleId === 'os/glibc-too-old-for-wheels')?.baseline).toBe('glibc ≥ 2.5');
  });

  it('flags manylinux wheels on a musl target and musllinux wheels on a glibc target', () => {
    const alpine = os({ distro: { id: 'alpine', versionId: '3.19.1', idLike: [] }, libc: { family: 'musl', version: '1.2.4' } });
    const toMusl = compareOs(debian12, alpine, context({ python: realPython }, {}));
    const mismatch = toMusl.find((x) => x.ruleId === 'os/wheel-libc-mismatch');
    expect(mismatch?.severity).toBe('error');
    expect(mismatch?.message).toMatch(/^5 installed wheel\(s\) are built for glibc/);

    const muslPython: PythonFacet = {
      ...realPython,
      packages: [{ name: 'numpy', version: '2.4.6', tags: ['cp311-cp311-musllinux_1_2_x86_64'] }],
    };
    const toGlibc = compareOs(alpine, debian12, context({ python: muslPython }, {}));
    expect(toGlibc.find((x) => x.ruleId === 'os/wheel-libc-mismatch')?.message).toContain('musllinux_1_2_x86_64');
  });

  it('skips the wheel check when the baseline python could not be read', () => {
    const focal = os({ libc: { family: 'glibc', version: '2.31' } });
    const f = compareOs(debian12, focal, context({ python: { status: 'error', reason: 'x' } }, {}));
    expect(ruleIds(f)).toEqual(['os/libc-version']);
  });

  it('reports a different operating system instead of a libc family', () => {
    const mac = os({ name: 'darwin', arch: 'arm64', distro: { id: 'macos', versionId: '14.5', idLike: [] }, libc: { family: 'darwin' } });
    const f = compareOs(mac, debian12, context({}, {}));
    expect(ruleIds(f)).toEqual(['os/arch', 'os/distro', 'os/platform']);
  });
});
