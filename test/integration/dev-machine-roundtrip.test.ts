// The closed loop on the machine the tests run on — a real, messy dev machine, not a clean
// container: `envdiff capture` of this machine → `envdiff dockerfile` → `podman build` →
// `envdiff dockerfile --verify` (a capture inside the image, compared). What cannot be reached
// from here is stood in for by real parts (test/support/dev-machine.ts): the official python
// image by this machine's own CPython on a debootstrapped bookworm, tagged with the official name;
// the snapshot archive by a signed apt repository over HTTP on 127.0.0.1 (--apt-mirror) holding
// the .debs apt resolves for the pins, the versions Debian replaced repacked from this machine;
// PyPI by wheels rebuilt from the installed files (--pip-find-links, --pip-no-index).
// Skipped only where podman is absent; in CI podmanWorks() fails instead. Slow the first time
// (debootstrap, apt downloads, dpkg-repack, wheels: cached under /var/tmp by what they hold).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Fingerprint } from '../../src/facets/index.js';
import { generateDockerfile } from '../../src/dockerfile/generate.js';
import { distroArchive } from '../../src/facets/system/dockerfile-apt.js';
import { userPackages, hostOnlyReason } from '../../src/facets/system/dockerfile.js';
import { INSTALLER_TOOLS } from '../../src/facets/python/dockerfile.js';
import { platformOnlyRule } from '../../src/data/platform-only-python.js';
import { runEnvdiff } from '../support/cli.js';
import { podman, podmanWorks, runInImage } from '../support/podman.js';
import { ensurePythonStandIn, ensureWheels, hostDebianSources, startAptMirror, type AptMirror } from '../support/dev-machine.js';

const HAVE_PODMAN = podmanWorks();
const TAG = 'localhost/envdiff-test/dev-roundtrip:latest';
const work = mkdtempSync('/var/tmp/envdiff-dev-roundtrip-run-');
let mirror: AptMirror | undefined;

/** `name=version` arguments of the Dockerfile's apt-get install. */
function aptPins(dockerfile: string): string[] {
  const run = /apt-get install -y --no-install-recommends --allow-downgrades \\\n([\s\S]*?)\n && rm -rf/.exec(dockerfile)?.[1] ?? '';
  return run
    .split('\n')
    .map((l) => l.replace(/\\$/, '').trim())
    .filter(Boolean);
}

describe.skipIf(!HAVE_PODMAN)('this dev machine: capture → Dockerfile → podman build → verify', () => {
  afterAll(async () => {
    await mirror?.stop();
    await podman(['rmi', '-f', TAG]).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  test('every pin installs from the sources it configures; 0 error findings for what was kept; the rest named', async () => {
    const ctx = join(work, 'ctx');
    mkdirSync(ctx, { recursive: true });
    const fpPath = join(work, 'dev.json');
    const cap = await runEnvdiff(['capture', '--label', 'dev', '--no-lock', '-o', fpPath], { timeoutMs: 300_000 });
    expect(cap.exitCode, cap.stderr).toBe(0);
    const fp = JSON.parse(readFileSync(fpPath, 'utf8')) as Fingerprint;
    const sys = fp.facets.system;
    const py = fp.facets.python;
    expect(sys.status).toBe('ok');
    expect(py.status).toBe('ok');
    if (sys.status !== 'ok' || py.status !== 'ok') return;
    expect(
      sys.packages!.some((p) => p.origin !== undefined),
      'apt origins recorded',
    ).toBe(true);

    // The base the generator picks for a Python not from the distro, stood in for by this machine's own build.
    const planned = generateDockerfile(fp, { aptMirror: 'http://127.0.0.1:9/', pipFindLinks: ['wheels'], pipNoIndex: true });
    expect(planned.plan.image).toBe(`python:${py.version}-slim-bookworm`);
    const pyRoot = dirname(dirname(py.executable!.replace(/^~(?=\/)/, homedir())));
    const base = await ensurePythonStandIn(py.version!, pyRoot);

    // PyPI: the requirements and the installer tools, as wheels rebuilt from the installed files.
    const reqs = planned.files
      .find((f) => f.kind === 'requirements')!
      .content.split('\n')
      .filter((l) => /^[a-z0-9].*==/i.test(l));
    const tools = (py.packages ?? [])
      .filter((p) => (INSTALLER_TOOLS as readonly string[]).includes(p.name))
      .map((p) => `${p.name}==${p.version}`);
    const minor = py.version!.split('.').slice(0, 2).join('.');
    cpSync(ensureWheels(join(pyRoot, 'lib', `python${minor}`, 'site-packages'), [...reqs, ...tools]), join(ctx, 'wheels'), {
      recursive: true,
    });

    // The snapshot archive: a signed repository of what the pins need, over HTTP on 127.0.0.1.
    const pins = aptPins(planned.dockerfile);
    const byName = new Map(sys.packages!.map((p) => [p.name, p]));
    const repack = pins.map((a) => a.split('=')[0]!).filter((n) => byName.get(n)?.origin?.kind === 'superseded');
    const suites = [
      ...new Set(
        (sys.sources ?? [])
          .filter((s) => s.uris.some((u) => distroArchive(fp, u.replace(/\/+$/, '')) !== undefined))
          .flatMap((s) => s.suites),
      ),
    ];
    mirror = await startAptMirror({ base, pins, repack, suites, hostSources: hostDebianSources() });
    cpSync(mirror.keyring, join(ctx, 'mirror.gpg'));
    const aptArgs = ['--apt-mirror', mirror.url, '--apt-mirror-key', 'mirror.gpg', '--pip-find-links', 'wheels', '--pip-no-index'];

    const gen = await runEnvdiff(['dockerfile', fpPath, '-o', 'Dockerfile', ...aptArgs], { cwd: ctx });
    expect(gen.exitCode, gen.stderr).toBe(0);
    const summary = gen.stderr.split('\n').find((l) => l.startsWith('envdiff: kept '));
    expect(summary).toBeDefined();
    const dockerfile = readFileSync(join(ctx, 'Dockerfile'), 'utf8');
    expect(aptPins(dockerfile)).toEqual(pins);

    // podman reaches the mirror on 127.0.0.1 through the host's network.
    await podman(['build', '--pull=never', '--network=host', '--quiet', '-t', TAG, ctx], { timeoutMs: 3_000_000 });

    // Every pin is installed in the image at exactly its version.
    const installed = new Set((await runInImage(TAG, ['dpkg-query', '-W', '-f=${Package}=${Version}\n'])).split('\n'));
    for (const pin of pins) expect(installed.has(pin), pin).toBe(true);

    const verify = await runEnvdiff(['dockerfile', fpPath, '--verify', TAG, '--engine', 'podman', ...aptArgs], {
      cwd: ctx,
      timeoutMs: 600_000,
    });
    console.log(`${verify.stdout}\n${verify.stderr}`);
    expect(verify.exitCode, verify.stderr).toBe(0);
    expect(verify.stderr).toContain(summary!);

    // The counts the issue asks for.
    const user = userPackages(fp).filter((p) => !hostOnlyReason(p.name));
    const reachable = user.filter((p) => {
      const o = p.origin;
      if (!o || o.kind === 'local') return false;
      if (o.uri && distroArchive(fp, o.uri)) return true;
      return o.kind === 'archive' && (sys.sources ?? []).some((s) => s.uris.some((u) => u.replace(/\/+$/, '') === o.uri));
    });
    const pinned = new Set(pins.map((a) => a.split('=')[0]));
    const keptReachable = reachable.filter((p) => pinned.has(p.name));
    const indexPython = (py.packages ?? []).filter((p) => !p.directUrl && !platformOnlyRule(p.name) && p.version !== '');
    const reqNames = new Set([...reqs, ...tools].map((r) => r.split('==')[0]));
    const keptPython = indexPython.filter((p) => reqNames.has(p.name));
    const leftOut = user.filter((p) => !pinned.has(p.name));
    console.log(
      [
        summary,
        `apt: ${keptReachable.length}/${reachable.length} hand-installed packages apt can reach kept (${((100 * keptReachable.length) / Math.max(reachable.length, 1)).toFixed(1)}%), ${pins.length - keptReachable.length} more pinned (dependencies, needs)`,
        `python: ${keptPython.length}/${indexPython.length} index-installable packages kept`,
        `left out: ${leftOut.map((p) => `${p.name} ${p.version} (${p.origin?.kind ?? 'no origin'}${p.origin?.uri ? ` ${p.origin.uri}` : ''})`).join(', ')}`,
        `mirror: ${mirror.debs} .deb files (${repack.length} repacked from this machine)`,
      ].join('\n'),
    );
    expect(keptReachable.length / reachable.length).toBeGreaterThanOrEqual(0.95);
    expect(keptPython.length).toBe(indexPython.length);
  }, 3_600_000);
});
