// The Dockerfile's apt choices from recorded origins, on the real dev-machine capture
// (fixtures/dockerfile/debian-12-apt-origins): what is kept, from which sources, what is left out
// and why. The vendor case adds a recorded vendor source to that capture (SYNTHETIC, said where).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Fingerprint } from '../../src/facets/index.js';
import type { SystemFacet } from '../../src/facets/system/types.js';
import { generateDockerfile } from '../../src/dockerfile/generate.js';
import { runDockerfile, summaryLine } from '../../src/app/dockerfile.js';
import { EnvdiffError } from '../../src/core/errors.js';
import { installBursts, snapshotStamp } from '../../src/facets/system/dockerfile-apt.js';
import { userPackages } from '../../src/facets/system/dockerfile.js';

const FIXTURE = new URL('../../fixtures/dockerfile/debian-12-apt-origins/fingerprint.json', import.meta.url);
const load = (): Fingerprint => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fingerprint;
const sysOf = (fp: Fingerprint) => fp.facets.system as SystemFacet & { status: 'ok' };

/** `name=version` pins of the apt-get install line. */
function pinsOf(dockerfile: string): Map<string, string> {
  const run = /apt-get install -y --no-install-recommends --allow-downgrades \\\n([\s\S]*?)\n && rm -rf/.exec(dockerfile)?.[1] ?? '';
  return new Map(
    run
      .split('\n')
      .map((l) => l.replace(/\\$/, '').trim())
      .filter(Boolean)
      .map((a) => a.split('=') as [string, string]),
  );
}

describe('apt origins in the Dockerfile (real dev-machine capture)', () => {
  const fp = load();
  const sys = sysOf(fp);
  const user = userPackages(fp);

  test('auto (the default): every pin comes from the distro archive; snapshots at the recorded Release dates', () => {
    const gen = generateDockerfile(fp);
    const pins = pinsOf(gen.dockerfile);
    const byName = new Map(sys.packages!.map((p) => [p.name, p]));
    for (const [name, version] of pins) {
      const p = byName.get(name)!;
      expect(p.version, name).toBe(version);
      expect(['archive', 'superseded'], `${name}: ${JSON.stringify(p.origin)}`).toContain(p.origin!.kind);
      expect(p.origin!.uri, name).toMatch(/\/debian(-security)?$/);
    }
    // Every hand-installed package is either pinned or left out by name.
    const left = new Set(gen.omissions.filter((o) => o.facet === 'system').map((o) => o.subject));
    for (const p of user) expect(pins.has(p.name) || left.has(p.name), p.name).toBe(true);
    // Replaced versions are kept (the snapshot of when they were unpacked has them).
    const superseded = user.filter((p) => p.origin?.kind === 'superseded');
    expect(superseded.length).toBeGreaterThan(0);
    for (const p of superseded) expect(pins.get(p.name), p.name).toBe(p.version);
    // The sources file: one snapshot per archive at its newest recorded Release date, and the unpack bursts.
    const sources = gen.files.find((f) => f.kind === 'apt-sources')!;
    for (const archive of ['debian', 'debian-security']) {
      const newest = sys
        .releases!.filter((r) => r.uri.endsWith(`/${archive}`))
        .map((r) => r.date!)
        .sort()
        .pop()!;
      expect(sources.content).toContain(`URIs: http://snapshot.debian.org/archive/${archive}/${snapshotStamp(newest)}/`);
    }
    // (over every pinned replaced version: the hand-installed ones and the dependencies pinned with them)
    const pinnedSuperseded = [...pins.keys()].map((n) => byName.get(n)!).filter((p) => p.origin?.kind === 'superseded');
    for (const t of installBursts(pinnedSuperseded.map((p) => p.origin!.installedAt!))) {
      expect(sources.content).toContain(`/debian/${snapshotStamp(t)}/`);
    }
    expect(sources.content).toContain('Check-Valid-Until: no');
    expect(gen.dockerfile).toContain('COPY envdiff-apt.sources /etc/apt/sources.list.d/envdiff.sources');
    expect(gen.dockerfile).toContain('rm -f /etc/apt/sources.list /etc/apt/sources.list.d/debian.sources');
    // Packages no source offers: left out by name and version, with their reason; no name guessing.
    const local = user.filter((p) => p.origin?.kind === 'local');
    expect(local.map((p) => p.name)).toEqual(expect.arrayContaining(['google-cloud-cli', 'kubectl', 'nodejs']));
    for (const p of local) {
      expect(gen.omissions).toContainEqual(
        expect.objectContaining({ facet: 'system', subject: p.name, group: 'offered by no apt source' }),
      );
      expect(gen.dockerfile.replace(/\n# /g, ' ')).toContain(`${p.name} ${p.version}`);
    }
    expect(gen.kept.apt).toBe(user.filter((p) => pins.has(p.name)).length);
    expect(summaryLine(gen)).toMatch(
      new RegExp(
        `^envdiff: kept ${gen.kept.apt} apt / ${gen.kept.python} Python / 0 R packages, left out ${gen.omissions.length} \\(\\d+ offered by no apt source, `,
      ),
    );
  });

  test('off: replaced versions are left out with the newer version named; the base image keeps its sources', () => {
    const gen = generateDockerfile(fp, { aptSnapshot: 'off' });
    const superseded = user.filter((p) => p.origin?.kind === 'superseded');
    for (const p of superseded) {
      expect(gen.omissions).toContainEqual(
        expect.objectContaining({
          subject: p.name,
          group: 'replaced in the archive (--apt-snapshot off)',
          why: expect.stringContaining(p.origin!.newer!),
        }),
      );
    }
    expect(gen.files.some((f) => f.kind === 'apt-sources')).toBe(false);
    expect(gen.dockerfile).not.toContain('snapshot.debian.org/archive');
  });

  test('a timestamp: one snapshot per archive at that time', () => {
    const gen = generateDockerfile(fp, { aptSnapshot: '20260101T000000Z' });
    const sources = gen.files.find((f) => f.kind === 'apt-sources')!.content;
    expect(sources.match(/^URIs: .*$/gm)).toEqual([
      'URIs: http://snapshot.debian.org/archive/debian/20260101T000000Z/',
      'URIs: http://snapshot.debian.org/archive/debian-security/20260101T000000Z/',
    ]);
  });

  test('--apt-mirror replaces the archive, suites kept; --apt-mirror-key signs it', () => {
    const gen = generateDockerfile(fp, { aptMirror: 'http://127.0.0.1:8080/debian', aptMirrorKey: 'keys/mirror.gpg' });
    const sources = gen.files.find((f) => f.kind === 'apt-sources')!.content;
    expect(sources.match(/^URIs: .*$/gm)).toEqual(['URIs: http://127.0.0.1:8080/debian', 'URIs: http://127.0.0.1:8080/debian']);
    expect(sources.match(/^Suites: .*$/gm)).toEqual(['Suites: bookworm bookworm-updates', 'Suites: bookworm-security']);
    expect(sources).toContain('Signed-By: /etc/apt/keyrings/envdiff/mirror.gpg');
    expect(gen.dockerfile).toContain('COPY keys/mirror.gpg /etc/apt/keyrings/envdiff/mirror.gpg');
    expect(gen.contextFiles).toEqual(['keys/mirror.gpg']);
  });

  test('a vendor package whose source was recorded: its stanza recreated, the keyring from the build context', () => {
    // SYNTHETIC: the capture as it would be had NodeSource's source still been enabled (its stanza is
    // the one the dev machine had, disabled, in /etc/apt/sources.list.d/nodesource.sources).
    const withVendor = load();
    const s = sysOf(withVendor);
    s.sources = [
      ...s.sources!,
      {
        file: '/etc/apt/sources.list.d/nodesource.sources',
        types: ['deb'],
        uris: ['https://deb.nodesource.com/node_20.x'],
        suites: ['nodistro'],
        components: ['main'],
        signedBy: '/usr/share/keyrings/nodesource.gpg',
        architectures: ['amd64'],
      },
    ];
    const node = s.packages!.find((p) => p.name === 'nodejs')!;
    node.origin = { kind: 'archive', uri: 'https://deb.nodesource.com/node_20.x', dist: 'nodistro', component: 'main' };
    const gen = generateDockerfile(withVendor);
    expect(pinsOf(gen.dockerfile).get('nodejs')).toBe(node.version);
    const sources = gen.files.find((f) => f.kind === 'apt-sources')!.content;
    expect(sources).toContain(
      [
        'Types: deb',
        'URIs: https://deb.nodesource.com/node_20.x',
        'Suites: nodistro',
        'Components: main',
        'Architectures: amd64',
        'Signed-By: /etc/apt/keyrings/envdiff/nodesource.gpg',
      ].join('\n'),
    );
    expect(gen.dockerfile).toContain('COPY envdiff-apt-keys/nodesource.gpg /etc/apt/keyrings/envdiff/nodesource.gpg');
    expect(gen.dockerfile).toMatch(/Keyrings: put envdiff-apt-keys\/nodesource.gpg in the build context/);
    expect(gen.contextFiles).toEqual(['envdiff-apt-keys/nodesource.gpg']);
    // Its source not recorded (as on the real capture): left out, named with its origin.
    s.sources = s.sources.filter((x) => !x.uris[0]!.includes('nodesource'));
    const without = generateDockerfile(withVendor);
    expect(without.omissions).toContainEqual(
      expect.objectContaining({
        subject: 'nodejs',
        group: 'vendor source not recorded',
        why: expect.stringContaining('https://deb.nodesource.com/node_20.x nodistro'),
      }),
    );
  });

  test('the CLI: one summary line, the keyrings it needs, bad apt options exit 2 before writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-apt-'));
    const fpPath = join(dir, 'fp.json');
    writeFileSync(fpPath, JSON.stringify(fp));
    const r = await runDockerfile({ fingerprintPath: fpPath, outPath: join(dir, 'ctx', 'Dockerfile') });
    expect(r.exitCode).toBe(0);
    expect(r.messages!.filter((m) => m.startsWith('envdiff: kept '))).toHaveLength(1);
    expect(readFileSync(join(dir, 'ctx', 'envdiff-apt.sources'), 'utf8')).toContain('snapshot.debian.org');
    for (const bad of [{ aptSnapshot: 'yesterday' }, { aptMirror: 'http://x/ $(id)' }, { aptMirror: 'ftp://x' }]) {
      await expect(runDockerfile({ fingerprintPath: fpPath, outPath: join(dir, 'bad', 'Dockerfile'), ...bad })).rejects.toBeInstanceOf(
        EnvdiffError,
      );
      expect(existsSync(join(dir, 'bad'))).toBe(false);
    }
    await expect(
      runDockerfile({
        fingerprintPath: fpPath,
        outPath: join(dir, 'ctx', 'Dockerfile'),
        aptMirror: 'http://127.0.0.1/',
        aptMirrorKey: join(dir, 'k.gpg'),
      }),
    ).rejects.toThrow(/outside the build context/);
    await expect(
      runDockerfile({
        fingerprintPath: fpPath,
        outPath: join(dir, 'ctx', 'Dockerfile'),
        aptMirror: 'http://127.0.0.1/',
        aptMirrorKey: join(dir, 'ctx', 'none.gpg'),
      }),
    ).rejects.toThrow(/no such file/);
  });
});
