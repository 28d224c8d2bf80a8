// Stand-ins for what the dev-machine round trip cannot reach from here (docs/ARCHITECTURE.md, "Test
// machines": no image registry, no snapshot archive, no PyPI), each made from real parts of this
// machine and cached between runs under a key of what it holds:
// - the official `python:X.Y.Z-slim-bookworm` image: a debootstrapped bookworm with this machine's
//   own CPython X.Y.Z build under /usr/local (its site-packages left behind), tagged with the
//   official name so that the generated FROM line builds unchanged;
// - snapshot.debian.org: a real apt repository over HTTP on 127.0.0.1, made with dpkg-scanpackages
//   from the .deb files the build needs — current versions fetched by apt from the Debian mirror,
//   versions the archive has replaced repacked from this machine's dpkg database (dpkg-repack) —
//   with every suite the source's sources name, signed with a throwaway key;
// - PyPI: wheels rebuilt from this machine's installed files (test/support/repack-wheels.py).
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runProcess } from '../../src/core/run-process.js';
import { ensureDebianBaseImage, imageExists, podman } from './podman.js';

/** Where the stand-ins are kept between runs (/var/tmp survives reboots of the test machine). */
export const CACHE = '/var/tmp/envdiff-dev-roundtrip';

/** Shared libraries the official python image's interpreter links (its Dockerfile's runtime deps). */
const PYTHON_RUNTIME_DEBS = [
  'ca-certificates',
  'netbase',
  'tzdata',
  'libssl3',
  'libffi8',
  'libsqlite3-0',
  'libbz2-1.0',
  'liblzma5',
  'libreadline8',
  'libncursesw6',
  'zlib1g',
  'libuuid1',
  'libgdbm6',
];

function sh(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.slice(0, 6).join(' ')} failed (${r.status ?? r.signal}): ${(r.stderr ?? '').slice(-2000)}`);
  return r.stdout;
}

function key(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
}

/**
 * `docker.io/library/python:<version>-slim-bookworm` stood in for by a local build: debootstrapped
 * bookworm + the runtime libraries + this machine's pyenv CPython <version> under /usr/local.
 */
export async function ensurePythonStandIn(version: string, pyenvRoot: string): Promise<string> {
  const tag = `docker.io/library/python:${version}-slim-bookworm`;
  const base = await ensureDebianBaseImage();
  const stamp = key([base, version, statSync(join(pyenvRoot, 'bin', 'python3')).mtimeMs.toString(), ...PYTHON_RUNTIME_DEBS]);
  if (await imageExists(tag)) {
    const label = await podman(['image', 'inspect', '--format', '{{ index .Config.Labels "io.envdiff.test.standin" }}', tag]);
    if (label.trim() === stamp) return tag;
  }
  const ctx = join(CACHE, `python-ctx-${stamp}`);
  rmSync(ctx, { recursive: true, force: true });
  mkdirSync(ctx, { recursive: true });
  const minor = version.split('.').slice(0, 2).join('.');
  // The interpreter and its standard library, not what was pip-installed into it, nor its tests.
  cpSync(pyenvRoot, join(ctx, 'python'), {
    recursive: true,
    // python3 → python3.11 stays a relative link (Node resolves links to absolute paths otherwise).
    verbatimSymlinks: true,
    filter: (src) => {
      const rel = src.slice(pyenvRoot.length);
      return !(
        rel.startsWith(`/lib/python${minor}/site-packages/`) ||
        rel.startsWith(`/lib/python${minor}/test/`) ||
        rel.includes('/__pycache__')
      );
    },
  });
  writeFileSync(
    join(ctx, 'Containerfile'),
    [
      `FROM ${base}`,
      `RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${PYTHON_RUNTIME_DEBS.join(' ')} >/dev/null && rm -rf /var/lib/apt/lists/*`,
      'COPY python/ /usr/local/',
      'RUN ldconfig && /usr/local/bin/python3 -c "import ssl, sqlite3, ctypes, venv"',
      'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8',
      `LABEL io.envdiff.test.standin=${stamp}`,
      'CMD ["python3"]',
      '',
    ].join('\n'),
  );
  try {
    await podman(['build', '--pull=never', '--quiet', '--network=host', '-t', tag, ctx], { timeoutMs: 1_200_000 });
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
  return tag;
}

/** Wheels of `name==version` specs rebuilt from SITE_PACKAGES into a cached folder; returns it. */
export function ensureWheels(sitePackages: string, specs: readonly string[]): string {
  const dir = join(CACHE, `wheels-${key([sitePackages, ...[...specs].sort()])}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  sh('/usr/bin/python3', [new URL('./repack-wheels.py', import.meta.url).pathname, sitePackages, tmp, ...specs]);
  writeFileSync(join(tmp, '.complete'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

export interface AptMirror {
  url: string;
  /** The public keyring that signs it (binary, for Signed-By). */
  keyring: string;
  /** The .deb files it serves. */
  debs: number;
  stop(): Promise<void>;
}

/**
 * A signed apt repository serving PINS (`name=version`, and their dependencies as apt in BASE
 * resolves them) under every suite of SUITES, over HTTP on 127.0.0.1.
 * REPACK: installed packages whose version no archive offers any more, rebuilt by dpkg-repack.
 */
export async function startAptMirror(opts: {
  base: string;
  pins: readonly string[];
  repack: readonly string[];
  suites: readonly string[];
  hostSources: { name: string; content: string };
}): Promise<AptMirror> {
  const stamp = key([opts.base, ...opts.pins, '--', ...opts.repack, '--', ...opts.suites]);
  const root = join(CACHE, `apt-${stamp}`);
  const pool = join(root, 'pool');
  // The repacked versions depend only on which packages (this machine's installed versions).
  const replaced = join(CACHE, `replaced-${key(opts.repack)}`);
  if (!existsSync(join(root, '.complete'))) {
    mkdirSync(replaced, { recursive: true });
    rmSync(pool, { recursive: true, force: true });
    mkdirSync(pool, { recursive: true });
    // Versions the archive replaced: rebuilt from this machine's installed files (gzip -1: this is
    // a test fixture, not an archive; a run cut short keeps what it repacked).
    for (const name of opts.repack) {
      if (readdirSync(replaced).some((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'))) continue;
      // Built aside and moved in whole: a run cut short never leaves a truncated .deb behind.
      const tmp = join(replaced, '.tmp');
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp);
      sh('dpkg-repack', ['--deb-option=-Zgzip', '--deb-option=-z1', name], { cwd: tmp });
      for (const f of readdirSync(tmp)) if (f.endsWith('.deb')) renameSync(join(tmp, f), join(replaced, f));
      rmSync(tmp, { recursive: true, force: true });
    }
    sh('sh', ['-c', 'dpkg-scanpackages --multiversion . /dev/null > Packages 2>/dev/null'], { cwd: replaced });
    // Everything else the pins need, as apt in the base image resolves it: the Debian mirror this
    // machine uses, plus the repacked versions; apt downloads the closure into the pool.
    writeFileSync(join(root, 'host.sources'), opts.hostSources.content);
    writeFileSync(join(root, 'replaced.list'), 'deb [trusted=yes] file:/replaced ./\n');
    const script = [
      'set -e',
      `cp /work/host.sources /etc/apt/sources.list.d/${opts.hostSources.name}`,
      'cp /work/replaced.list /etc/apt/sources.list.d/replaced.list',
      'rm -f /etc/apt/sources.list',
      'apt-get update -qq',
      `DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --download-only --no-install-recommends --allow-downgrades -o Dir::Cache::archives=/pool/ ${opts.pins.join(' ')}`,
    ].join('\n');
    await podman(
      [
        'run',
        '--rm',
        '--network=host',
        '-v',
        `${root}:/work`,
        '-v',
        `${replaced}:/replaced`,
        '-v',
        `${pool}:/pool`,
        opts.base,
        'sh',
        '-c',
        script,
      ],
      { timeoutMs: 1_800_000 },
    );
    for (const f of readdirSync(replaced)) if (f.endsWith('.deb')) cpSync(join(replaced, f), join(pool, f));
    rmSync(join(pool, 'partial'), { recursive: true, force: true });
    rmSync(join(pool, 'lock'), { force: true });
    writeFileSync(join(root, '.complete'), '');
  }
  // The index and its signature: a fresh throwaway key each run (never a key of this machine).
  const site = join(root, 'site');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(pool, join(site, 'pool'), { recursive: true });
  const packages = sh('dpkg-scanpackages', ['--multiversion', 'pool', '/dev/null'], { cwd: site });
  const gnupg = join(root, 'gnupg');
  rmSync(gnupg, { recursive: true, force: true });
  mkdirSync(gnupg, { mode: 0o700 });
  const gpgEnv = { ...process.env, GNUPGHOME: gnupg };
  sh(
    'gpg',
    [
      '--batch',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      '',
      '--quick-gen-key',
      'envdiff test mirror <mirror@127.0.0.1>',
      'rsa2048',
      'sign',
      'never',
    ],
    {
      env: gpgEnv,
    },
  );
  const keyring = join(root, 'mirror.gpg');
  writeFileSync(keyring, spawnSync('gpg', ['--export'], { env: gpgEnv }).stdout);
  const date = new Date().toUTCString();
  for (const suite of opts.suites) {
    const dir = join(site, 'dists', suite);
    mkdirSync(join(dir, 'main', 'binary-amd64'), { recursive: true });
    writeFileSync(join(dir, 'main', 'binary-amd64', 'Packages'), packages);
    const sha = createHash('sha256').update(packages).digest('hex');
    const release = [
      'Origin: envdiff-test-mirror',
      'Label: envdiff-test-mirror',
      `Suite: ${suite}`,
      `Codename: ${suite}`,
      `Date: ${date}`,
      'Architectures: amd64 all',
      'Components: main',
      'SHA256:',
      ` ${sha} ${Buffer.byteLength(packages)} main/binary-amd64/Packages`,
      '',
    ].join('\n');
    writeFileSync(join(dir, 'Release'), release);
    sh(
      'gpg',
      [
        '--batch',
        '--yes',
        '--pinentry-mode',
        'loopback',
        '--passphrase',
        '',
        '--clearsign',
        '-o',
        join(dir, 'InRelease'),
        join(dir, 'Release'),
      ],
      {
        env: gpgEnv,
      },
    );
  }
  const port = await freePort();
  const server = spawn('/usr/bin/python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', site, String(port)], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    const r = await runProcess(
      '/usr/bin/python3',
      ['-c', `import urllib.request; urllib.request.urlopen("http://127.0.0.1:${port}/dists/${opts.suites[0]}/Release")`],
      {
        timeoutMs: 10_000,
      },
    );
    if (r.exitCode === 0) break;
    await new Promise((res) => setTimeout(res, 200));
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    keyring,
    debs: readdirSync(pool).filter((f) => f.endsWith('.deb')).length,
    stop: async () => {
      server.kill('SIGTERM');
      await new Promise((res) => server.once('exit', res));
      rmSync(gnupg, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** The host's apt sources for the Debian archive, as the download step inside the base image uses them. */
export function hostDebianSources(): { name: string; content: string } {
  const file = '/etc/apt/sources.list.d/debian.sources';
  if (existsSync(file)) return { name: 'debian.sources', content: readFileSync(file, 'utf8') };
  return { name: 'host.list', content: readFileSync('/etc/apt/sources.list', 'utf8') };
}
