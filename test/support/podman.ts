// Real podman for tests: small Debian images made by debootstrap from the machine's Debian mirror
// (no registry is reachable on the test machines: docs/ARCHITECTURE.md, "Test machines"), cached between test
// files by a fixed tag that encodes what the image holds, and rebuilt only when it is missing.
// .ci/setup-podman.sh installs podman/runc/debootstrap and writes the containers.conf they need.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runProcess, type ProcessResult } from '../../src/core/run-process.js';

export const PODMAN = 'podman';

/** Debian packages in the test image: python3 plus a few Python libraries Debian packages. */
export const DEBIAN_PYTHON_PACKAGES = ['python3', 'python3-numpy', 'python3-yaml', 'python3-six'] as const;

const SUITE = 'bookworm';

/** True when podman is installed and its engine answers (setup-podman.sh has run). */
export function podmanWorks(): boolean {
  const r = spawnSync(PODMAN, ['info', '--format', '{{.Host.OCIRuntime.Name}}'], { encoding: 'utf8', timeout: 30_000 });
  // In CI these suites must run, never skip: .ci/run installs podman, so a failure here is a bug.
  if (r.status !== 0 && process.env.CI) throw new Error(`podman does not work in CI: ${String(r.stderr).trim()}`);
  return r.status === 0;
}

/** Runs podman with argv (never a shell); throws with podman's stderr when it fails. */
export async function podman(args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  const r = await runProcess(PODMAN, args, { input: opts.input, timeoutMs: opts.timeoutMs ?? 300_000 });
  if (r.exitCode !== 0) throw new Error(`podman ${args.join(' ')} failed (${describeExit(r)}): ${r.stderr.trim()}`);
  return r.stdout;
}

export async function imageExists(ref: string): Promise<boolean> {
  const r = await runProcess(PODMAN, ['image', 'exists', ref], { timeoutMs: 30_000 });
  return r.exitCode === 0;
}

/**
 * Debian bookworm minbase with python3 and DEBIAN_PYTHON_PACKAGES, as
 * `localhost/envdiff-test/bookworm-python:<hash>`. About 40 s to build once; reused after.
 */
export function ensureDebianPythonImage(): Promise<string> {
  return ensureDebootstrapImage('bookworm-python', DEBIAN_PYTHON_PACKAGES);
}

/**
 * Debian 11 (bullseye) minbase with its python3 (3.9) and python3-six: an older glibc (2.31) and
 * an older Python than this machine, for real cross-distro compare scenarios.
 */
export function ensureBullseyePythonImage(): Promise<string> {
  return ensureDebootstrapImage('bullseye-python', ['python3', 'python3-six'], 'bullseye');
}

/** Debian bookworm minbase without extras (a base for Dockerfile builds). */
export function ensureDebianBaseImage(): Promise<string> {
  return ensureDebootstrapImage('bookworm-minbase', []);
}

/**
 * An image made from BASE by a Containerfile of `RUN` steps (e.g. `apt-get install` from the
 * Debian mirror, which podman build reaches), tagged `localhost/envdiff-test/<name>:<hash>` where
 * the hash covers the base tag and every step: a changed step never reuses a stale image, and an
 * unchanged one is built once and reused by every later run (a few seconds per apt step).
 */
export async function ensureDerivedImage(name: string, base: string, runSteps: readonly string[]): Promise<string> {
  return ensureBuiltImage(
    name,
    base,
    runSteps.map((step) => `RUN ${step}`),
  );
}

/** As ensureDerivedImage, with whole Containerfile instructions (`ENV …`, `RUN …`) after FROM BASE. */
export async function ensureBuiltImage(name: string, base: string, instructions: readonly string[]): Promise<string> {
  const containerfile = [`FROM ${base}`, ...instructions, ''].join('\n');
  const hash = createHash('sha256').update(containerfile).digest('hex').slice(0, 10);
  const tag = `localhost/envdiff-test/${name}:${hash}`;
  if (await imageExists(tag)) return tag;
  return withLock(`envdiff-image-${name}`, async () => {
    if (await imageExists(tag)) return tag;
    const dir = mkdtempSync(join(tmpdir(), `envdiff-build-${name}-`));
    try {
      writeFileSync(join(dir, 'Containerfile'), containerfile);
      await podman(['build', '--pull=never', '--quiet', '-f', join(dir, 'Containerfile'), '-t', tag, dir], { timeoutMs: 900_000 });
      return tag;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** `apt-get install` of PACKAGES without recommends, leaving no apt lists behind (a RUN step). */
export function aptInstallStep(packages: readonly string[]): string {
  return `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')} >/dev/null && rm -rf /var/lib/apt/lists/*`;
}

/** An image with no shell at all: one text file from a scratch tar. */
export async function ensureNoShellImage(): Promise<string> {
  const tag = 'localhost/envdiff-test/no-shell:1';
  if (await imageExists(tag)) return tag;
  const dir = mkdtempSync(join(tmpdir(), 'envdiff-noshell-'));
  try {
    writeFileSync(join(dir, 'hello.txt'), 'this image has no /bin/sh\n');
    const tar = spawnSync('tar', ['-C', dir, '-cf', '-', 'hello.txt']);
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr.toString()}`);
    runImport(tar.stdout, tag, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return tag;
}

/** Starts a long-running container from IMAGE; returns its name. Remove with removeContainer. */
export async function startContainer(image: string, name: string): Promise<string> {
  await removeContainer(name);
  await podman(['run', '-d', '--network=none', '--name', name, image, 'sleep', 'infinity'], { timeoutMs: 120_000 });
  return name;
}

export async function removeContainer(name: string): Promise<void> {
  await runProcess(PODMAN, ['rm', '-f', '-t', '0', name], { timeoutMs: 60_000 });
}

/** Runs a command in a throwaway container from IMAGE (to query the image independently). */
export function runInImage(image: string, argv: string[]): Promise<string> {
  return podman(['run', '--rm', '--network=none', '--pull=never', image, ...argv], { timeoutMs: 120_000 });
}

async function ensureDebootstrapImage(name: string, includes: readonly string[], suite: string = SUITE): Promise<string> {
  const mirror = debianMirror();
  // The tag says what is inside, so a changed package list never reuses a stale image.
  const hash = createHash('sha256')
    .update([suite, 'minbase', ...includes].join('\n'))
    .digest('hex')
    .slice(0, 10);
  const tag = `localhost/envdiff-test/${name}:${hash}`;
  if (await imageExists(tag)) return tag;
  // Test files and other engineers' runs may ask at the same time: one builds, others wait.
  return withLock(`envdiff-image-${name}`, async () => {
    if (await imageExists(tag)) return tag;
    const root = mkdtempSync(join('/var/tmp', `envdiff-rootfs-${name}-`));
    try {
      const args = ['--variant=minbase'];
      if (includes.length > 0) args.push(`--include=${includes.join(',')}`);
      args.push(suite, root, mirror);
      const r = await runProcess('debootstrap', args, { timeoutMs: 900_000 });
      if (r.exitCode !== 0) {
        const log = join(root, 'debootstrap', 'debootstrap.log');
        const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : r.stderr.slice(-2000);
        throw new Error(`debootstrap ${suite} from ${mirror} failed (${describeExit(r)}):\n${tail}`);
      }
      // Smaller image, and no downloaded .debs or apt lists that would differ between builds.
      for (const sub of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
        const dir = join(root, sub);
        if (!existsSync(dir)) continue;
        for (const entry of readdirSync(dir)) {
          if (entry !== 'partial' && entry !== 'lock') rmSync(join(dir, entry), { recursive: true, force: true });
        }
      }
      const tar = spawnSync('tar', ['--numeric-owner', '-C', root, '-cf', '-', '.'], { maxBuffer: 2 * 1024 ** 3 });
      if (tar.status !== 0) throw new Error(`tar of ${root} failed: ${tar.stderr.toString()}`);
      runImport(tar.stdout, tag, ['CMD ["/bin/bash"]']);
      return tag;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

// Synchronous: the tar is binary stdin, which runProcess (text input) does not carry.
function runImport(tar: Buffer, tag: string, changes: string[]): void {
  const args = ['import', '--quiet'];
  for (const c of changes) args.push('--change', c);
  args.push('-', tag);
  const r = spawnSync(PODMAN, args, { input: tar, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
  if (r.status !== 0) throw new Error(`podman import ${tag} failed: ${r.stderr?.toString() ?? r.error?.message}`);
}

/** The Debian mirror apt uses on this machine (deb822 .sources or one-line .list), else deb.debian.org. */
export function debianMirror(): string {
  const files: string[] = [];
  for (const dir of ['/etc/apt/sources.list.d']) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) files.push(join(dir, f));
  }
  files.push('/etc/apt/sources.list');
  for (const file of files) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.sources')) {
      // deb822 stanzas: the one whose Suites include bookworm (not bookworm-security).
      for (const stanza of text.split(/\n\s*\n/)) {
        const uris = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
        const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1]?.split(/\s+/) ?? [];
        if (uris && suites.includes(SUITE) && /debian\/?$/.test(uris)) return uris;
      }
    } else {
      for (const line of text.split('\n')) {
        const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line.trim());
        if (m && m[2] === SUITE && /debian\/?$/.test(m[1]!)) return m[1]!;
      }
    }
  }
  return 'http://deb.debian.org/debian';
}

/** A cross-process lock (mkdir is atomic); a lock older than 20 minutes is taken as stale. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = join(tmpdir(), `${name}.lock`);
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(dir).mtimeMs > 20 * 60_000) rmSync(dir, { recursive: true, force: true });
      } catch {
        /* released meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${dir}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeExit(r: ProcessResult): string {
  if (r.timedOut) return 'timed out';
  if (r.spawnError) return r.spawnError.message;
  return r.signal ? `signal ${r.signal}` : `exit ${r.exitCode}`;
}
