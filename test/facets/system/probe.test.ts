// The system facet against the real dpkg database here, and against public RPM and apk data.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { runProcess } from '../../../src/core/run-process.js';
import { parseSystem } from '../../../src/facets/system/parse.js';
import { runProbe, SHELLS, sectionOf, toolsOnlyPath } from '../../helpers/probe-shells.js';

const HAVE_DPKG = existsSync('/usr/bin/dpkg-query');
const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/system/${path}`, import.meta.url), 'utf8');

describe.skipIf(!HAVE_DPKG)('system probe with the real dpkg', () => {
  for (const shell of SHELLS) {
    it(`under ${shell.name}: every installed package of dpkg-query -W, same versions`, async () => {
      const { section } = await runProbe('system', shell);
      const facet = parseSystem(section, {});
      expect(facet.status, facet.reason).toBe('ok');
      expect(facet.manager).toBe('dpkg');
      // The reference: dpkg-query's own list, keeping what dpkg calls installed (status i, W, t);
      // removed-but-configured (rc) and half-installed entries are not packages a rebuild installs.
      const r = await runProcess('dpkg-query', ['-W', '-f=${Package}\t${Architecture}\t${Version}\t${db:Status-Abbrev}\n'], {});
      const ref = r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t'))
        .filter((f) => 'iWt'.includes(f[3]!.charAt(1)))
        .map((f) => `${f[0]}:${f[1]}=${f[2]}`)
        .sort();
      const ours = facet.packages!.map((p) => `${p.name}:${p.arch}=${p.version}`).sort();
      expect(ours).toEqual(ref);
      expect(ours.length).toBeGreaterThan(100);
    });
  }

  it('marks manual exactly what apt-mark showmanual lists', async () => {
    const { section } = await runProbe('system', SHELLS[0]);
    const facet = parseSystem(section, {});
    const r = await runProcess('apt-mark', ['showmanual'], {});
    const manual = new Set(
      r.stdout
        .trim()
        .split('\n')
        .map((n) => n.replace(/:.*$/, '')),
    );
    const ours = facet
      .packages!.filter((p) => p.manual)
      .map((p) => p.name)
      .sort();
    expect(ours).toEqual([...manual].sort());
    expect(facet.packages!.find((p) => p.name === 'dpkg')).toMatchObject({ manual: false, priority: 'required' });
  });

  it('is absent with no package manager', async () => {
    const { section } = await runProbe('system', SHELLS[1], { env: { PATH: toolsOnlyPath() } });
    // /lib/apk/db and rpm manifests do not exist on Debian: nothing answers.
    expect(parseSystem(section, {})).toEqual({ status: 'absent', reason: 'no dpkg, rpm, apk or brew package database' });
  });
});

describe('parseSystem on fixtures', () => {
  it('Debian 12 dpkg capture: 750 installed, 104 manual, sorted', () => {
    const f = parseSystem(sectionOf('system', fixture('debian-12-dpkg/probe.txt')), {});
    expect(f.status).toBe('ok');
    expect(f.packages).toHaveLength(750);
    expect(f.packages!.filter((p) => p.manual)).toHaveLength(104);
    expect(f.packages![0]).toEqual({ name: 'adduser', version: '3.134', arch: 'all', manual: false, priority: 'important' });
    const names = f.packages!.map((p) => p.name);
    expect(names).toEqual([...names].sort());
  });

  it('Mariner 2.0 rpm manifest: epoch kept in the version', () => {
    const f = parseSystem(sectionOf('system', `### rpm\n${fixture('mariner-2.0-rpm-manifest/rpm')}`), {});
    expect(f).toEqual({
      status: 'ok',
      manager: 'rpm',
      packages: [
        { name: 'filesystem', version: '1.1-9.cm2', arch: 'x86_64' },
        { name: 'glibc', version: '2.35-2.cm2', arch: 'x86_64' },
        { name: 'mariner-release', version: '2.0-12.cm2', arch: 'noarch' },
        { name: 'openssl-libs', version: '1.1.1k-15.cm2', arch: 'x86_64' },
        { name: 'vim', version: '2:9.0-1.cm2', arch: 'x86_64' },
      ],
    });
  });

  it('Alpine apk database (whole file, and the P/V/A lines the probe keeps)', () => {
    const db = fixture('alpine-3.19-apk-db/apk-installed');
    const expected = [
      { name: 'bash', version: '5.2.21-r0', arch: 'x86_64' },
      { name: 'busybox-binsh', version: '1.36.1-r15', arch: 'x86_64' },
      { name: 'musl', version: '1.2.4_git20230717-r4', arch: 'x86_64' },
      { name: 'readline', version: '8.2.1-r2', arch: 'x86_64' },
    ];
    expect(parseSystem(sectionOf('system', `### apk-installed\n${db}`), {}).packages).toEqual(expected);
    const kept = db
      .split('\n')
      .filter((l) => /^([PVA]:|$)/.test(l))
      .join('\n');
    expect(parseSystem(sectionOf('system', `### apk-installed\n${kept}`), {}).packages).toEqual(expected);
  });

  it('apk info -v and brew list --versions lines', () => {
    // Synthetic lines in the two tools' formats (name-version-rN; name version…).
    expect(parseSystem(sectionOf('system', '### apk-info\nca-certificates-bundle-20230506-r0\nmusl-1.2.4-r2'), {}).packages).toEqual([
      { name: 'ca-certificates-bundle', version: '20230506-r0' },
      { name: 'musl', version: '1.2.4-r2' },
    ]);
    expect(parseSystem(sectionOf('system', '### brew\npython@3.11 3.11.6_1 3.11.7\nxz 5.4.5'), {}).packages).toEqual([
      { name: 'python@3.11', version: '3.11.7' },
      { name: 'xz', version: '5.4.5' },
    ]);
  });

  it('dpkg entries that are not installed are left out; manual unknown without apt data', () => {
    // Synthetic dpkg-query lines: rc (removed, config files left), half-installed, triggers-pending.
    const text = '### dpkg\nold\t1.0\tamd64\trc \toptional\nhalf\t2.0\tamd64\tiH \toptional\ntrig\t3.0\tamd64\tit \toptional';
    expect(parseSystem(sectionOf('system', text), {}).packages).toEqual([
      { name: 'trig', version: '3.0', arch: 'amd64', priority: 'optional' },
    ]);
  });

  it.each([
    ['empty', ''],
    ['dpkg garbage', '### dpkg\nthis is not dpkg output'],
    ['rpm garbage', '### rpm\n\u0000\u0001'],
  ])('%s → error with a reason', (_n, text) => {
    const f = parseSystem(sectionOf('system', text, 2), {});
    expect(f.status).toBe('error');
    expect(f.reason).toBeTruthy();
  });
});
