// Where each installed package came from: the probe against apt's other account of the same
// sources (`apt-cache madison` lists every version each source offers), and the sources parser on
// real vendor files.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import type { SystemFacet } from '../../../src/facets/system/types.js';
import { runProcess } from '../../../src/core/run-process.js';
import { parseSystem } from '../../../src/facets/system/parse.js';
import {
  listFilePrefix,
  maskUserinfo,
  parseApkRepositories,
  parseAptLists,
  parseAptSources,
  parseRpmRepos,
  originOf,
} from '../../../src/facets/system/apt.js';
import { runProbe, SHELLS } from '../../helpers/probe-shells.js';

const HAVE_APT = existsSync('/usr/bin/apt-cache') && existsSync('/usr/bin/dpkg-query');

describe.skipIf(!HAVE_APT)('apt origins with the real apt', () => {
  it('a hand-installed package is `archive` exactly when apt-cache madison lists its installed version', async () => {
    const { section } = await runProbe('system', SHELLS[0]);
    const facet = parseSystem(section, {});
    expect(facet.status, facet.reason).toBe('ok');
    const manual = facet.packages!.filter((p) => p.manual && p.arch !== 'i386');
    expect(manual.length).toBeGreaterThan(10);
    expect(manual.every((p) => p.origin !== undefined)).toBe(true);
    const r = await runProcess('apt-cache', ['madison', ...manual.map((p) => p.name)], { env: { ...process.env, LC_ALL: 'C' } });
    // `   curl | 7.88.1-10+deb12u15 | http://deb.debian.org/debian bookworm/main amd64 Packages`
    const offered = new Set(
      r.stdout
        .split('\n')
        .map((l) => l.split('|').map((f) => f.trim()))
        .filter((f) => f.length === 3 && / Packages$/.test(f[2]!))
        .map((f) => `${f[0]}=${f[1]}`),
    );
    for (const p of manual) {
      expect(p.origin!.kind === 'archive', `${p.name} ${p.version}: ${JSON.stringify(p.origin)}`).toBe(
        offered.has(`${p.name}=${p.version}`),
      );
    }
    // Every source apt reads is recorded, and every list apt fetched has its Release date.
    expect(facet.sources!.length).toBeGreaterThan(0);
    expect(facet.releases!.length).toBeGreaterThan(0);
    for (const rel of facet.releases!) expect(rel.date, `${rel.uri} ${rel.dist}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('apt origins on fixtures', () => {
  it('superseded when a source offers a newer version, local when none offers it or a newer one', () => {
    // From the dev machine's lists (fixtures/system/debian-12-apt-origins).
    const sources = parseAptSources(
      [
        '@@file /etc/apt/sources.list.d/debian.sources',
        'Types: deb',
        'URIs: http://deb.debian.org/debian',
        'Suites: bookworm bookworm-updates',
        'Components: main',
        '',
        'Types: deb',
        'URIs: http://deb.debian.org/debian-security',
        'Suites: bookworm-security',
        'Components: main',
      ].join('\n'),
    );
    const lists = parseAptLists(
      [
        '@@file deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4',
        'curl 7.88.1-10+deb12u5',
        'nodejs 18.20.4+dfsg-1~deb12u3',
        'less 590-2.1~deb12u2',
        '@@file deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4',
        'curl 7.88.1-10+deb12u15',
        'less 590-2.1~deb12u2',
        '@@file some.other.host_dists_x_main_binary-amd64_Packages',
        'kubectl 1:528.0.0-0',
      ].join('\n'),
      sources,
    )!;
    const policy = { get: (n: string) => lists.get(n) };
    const names = new Map([['http://deb.debian.org/debian bookworm', 'Debian']]);
    expect(originOf(policy.get('curl'), '7.88.1-10+deb12u14', names)).toEqual({
      kind: 'superseded',
      uri: 'http://deb.debian.org/debian',
      dist: 'bookworm',
      component: 'main',
      origin: 'Debian',
      newer: '7.88.1-10+deb12u15',
    });
    // NodeSource's nodejs is newer than anything Debian offers: not a Debian version Debian replaced.
    expect(originOf(policy.get('nodejs'), '20.20.2-1nodesource1+repack1', names)).toEqual({ kind: 'local' });
    expect(originOf(policy.get('less'), '590-2.1~deb12u2', names)).toMatchObject({ kind: 'archive', dist: 'bookworm-security' });
    // A list no configured source names is not apt's: its packages are offered by nobody.
    expect(originOf(policy.get('kubectl'), '1:528.0.0-0', names)).toEqual({ kind: 'local' });
    expect(parseAptLists('', sources)).toBeUndefined();
    // One list its decompressor could not read: no origins rather than wrong ones.
    expect(
      parseAptLists(
        '@@unreadable deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.zst\n@@file deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4\ncurl 7.88.1-10+deb12u5',
        sources,
      ),
    ).toBeUndefined();
    expect(originOf(undefined, '1.0', names)).toEqual({ kind: 'local' });
  });

  it('the Debian 12 capture: vendor packages local, replaced versions superseded with when they were unpacked', () => {
    const fx = JSON.parse(
      readFileSync(new URL('../../../fixtures/system/debian-12-apt-origins/expected.json', import.meta.url), 'utf8'),
    ) as SystemFacet;
    const byName = new Map(fx.packages!.map((p) => [p.name, p]));
    expect(byName.get('google-cloud-cli')!.origin).toEqual({ kind: 'local' });
    expect(byName.get('kubectl')!.origin).toEqual({ kind: 'local' });
    expect(byName.get('jq')!.origin).toMatchObject({ kind: 'superseded', installedAt: '2026-05-09T07:29:10Z' });
    expect(fx.releases!.find((r) => r.dist === 'bookworm-security')).toMatchObject({
      uri: 'http://deb.debian.org/debian-security',
      origin: 'Debian',
      codename: 'bookworm-security',
      date: '2026-11-30T00:22:33Z',
    });
  });

  it('sources: one-line entries with options, deb822 stanzas, disabled stanzas, credentials masked', () => {
    // The first two files verbatim from the dev machine's /etc/apt/sources.list.d (Google Cloud SDK
    // and NodeSource, as their install guides write them); the third is SYNTHETIC (credentials, options).
    const text = [
      '@@file /etc/apt/sources.list.d/google-cloud-sdk.list',
      'deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main',
      '@@file /etc/apt/sources.list.d/nodesource.sources',
      'Types: deb',
      'URIs: https://deb.nodesource.com/node_20.x',
      'Suites: nodistro',
      'Components: main',
      'Architectures: amd64',
      'Signed-By: /usr/share/keyrings/nodesource.gpg',
      '',
      '@@file /etc/apt/sources.list.d/private.list',
      '# a comment',
      'deb [arch=amd64 signed-by=/etc/apt/keyrings/corp.gpg] https://user:s3cret@apt.corp.example/debian bookworm main contrib',
      '@@file /etc/apt/sources.list.d/off.sources',
      'Enabled: no',
      'Types: deb',
      'URIs: http://example.org/off',
      'Suites: x',
      '',
    ].join('\n');
    const sources = parseAptSources(text);
    expect(sources).toEqual([
      {
        file: '/etc/apt/sources.list.d/google-cloud-sdk.list',
        types: ['deb'],
        uris: ['https://packages.cloud.google.com/apt'],
        suites: ['cloud-sdk-bookworm'],
        components: ['main'],
      },
      {
        file: '/etc/apt/sources.list.d/nodesource.sources',
        types: ['deb'],
        uris: ['https://deb.nodesource.com/node_20.x'],
        suites: ['nodistro'],
        components: ['main'],
        signedBy: '/usr/share/keyrings/nodesource.gpg',
        architectures: ['amd64'],
      },
      {
        file: '/etc/apt/sources.list.d/private.list',
        types: ['deb'],
        uris: ['https://***@apt.corp.example/debian'],
        suites: ['bookworm'],
        components: ['main', 'contrib'],
        signedBy: '/etc/apt/keyrings/corp.gpg',
        architectures: ['amd64'],
      },
    ]);
    expect(JSON.stringify(sources)).not.toContain('s3cret');
    expect(maskUserinfo('https://tok@host/x')).toBe('https://***@host/x');
    // A password holding `@`: masked up to the last `@` before the host, no tail left.
    expect(maskUserinfo('https://user:p@ss123@host/debian')).toBe('https://***@host/debian');
  });

  it('list file names as apt writes them', () => {
    expect(listFilePrefix('http://deb.debian.org/debian', 'bookworm')).toBe('deb.debian.org_debian_dists_bookworm_');
    expect(listFilePrefix('https://deb.nodesource.com/node_20.x', 'nodistro')).toBe('deb.nodesource.com_node%5f20.x_dists_nodistro_');
    expect(listFilePrefix('http://127.0.0.1:8080/repo', './')).toBe('127.0.0.1:8080_repo_._');
  });

  it('apk repository lines and yum/dnf .repo sections as sources', () => {
    // apk: the two lines Alpine 3.19 images ship, and a tagged line as users add them (SYNTHETIC mix).
    expect(
      parseApkRepositories(
        [
          'https://dl-cdn.alpinelinux.org/alpine/v3.19/main',
          'https://dl-cdn.alpinelinux.org/alpine/v3.19/community',
          '#http://dl-cdn.alpinelinux.org/alpine/edge/testing',
          '@edge https://tok@dl-cdn.alpinelinux.org/alpine/edge/community',
          '',
        ].join('\n'),
      ).map((s) => [s.uris[0], s.suites]),
    ).toEqual([
      ['https://dl-cdn.alpinelinux.org/alpine/v3.19/main', []],
      ['https://dl-cdn.alpinelinux.org/alpine/v3.19/community', []],
      ['https://***@dl-cdn.alpinelinux.org/alpine/edge/community', ['@edge']],
    ]);
    // yum: SYNTHETIC, in yum.conf(5)'s [repository] syntax: a disabled section, a mirrorlist, a
    // continued baseurl, a gpgkey.
    const repos = parseRpmRepos(
      [
        '@@file /etc/yum.repos.d/vendor.repo',
        '[vendor-stable]',
        'name=Vendor stable',
        'baseurl=https://user:pw@repo.vendor.example/el9/$basearch',
        '        https://mirror.vendor.example/el9/$basearch',
        'enabled=1',
        'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-vendor',
        '',
        '[vendor-testing]',
        'baseurl=https://repo.vendor.example/testing',
        'enabled=0',
        '@@file /etc/yum.repos.d/base.repo',
        '[baseos]',
        'mirrorlist=https://mirrors.example.org/mirrorlist?repo=BaseOS-9',
      ].join('\n'),
    );
    expect(repos).toEqual([
      {
        file: '/etc/yum.repos.d/vendor.repo',
        types: ['rpm-md'],
        uris: ['https://***@repo.vendor.example/el9/$basearch', 'https://mirror.vendor.example/el9/$basearch'],
        suites: ['vendor-stable'],
        components: [],
        signedBy: 'file:///etc/pki/rpm-gpg/RPM-GPG-KEY-vendor',
      },
      {
        file: '/etc/yum.repos.d/base.repo',
        types: ['rpm-md'],
        uris: ['https://mirrors.example.org/mirrorlist?repo=BaseOS-9'],
        suites: ['baseos'],
        components: [],
      },
    ]);
  });
});
