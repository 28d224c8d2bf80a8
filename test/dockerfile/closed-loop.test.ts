// The closed loop of the README's "Dockerfile" section, for real: a dev environment → capture → generated
// Dockerfile → `podman build --pull=never` → capture inside the built image → compare with the
// source: no error-level finding. Prints what differed. Needs root podman (.ci/setup-podman.sh)
// and the Debian mirror (debootstrap, apt-get inside RUN); no PyPI: the Python packages are tiny
// wheels this test builds offline with Debian's pip, handed to the build with --pip-find-links.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { Fingerprint } from '../../src/facets/index.js';
import { captureFingerprint } from '../../src/capture/capture.js';
import { imageTransport } from '../../src/capture/targets/image.js';
import { runProcess } from '../../src/core/run-process.js';
import { runDockerfile } from '../../src/app/dockerfile.js';
import { ensureDebianBaseImage, ensureDebianPythonImage, podman, podmanWorks } from '../support/podman.js';

const HAVE_PODMAN = podmanWorks();
const TAG = 'localhost/envdiff-test/df-loop';
const work = mkdtempSync(join(tmpdir(), 'envdiff-df-loop-'));
const created: string[] = [];

/** Three pure-Python projects, one of them depending on another (the closure is installed --no-deps). */
const PROJECTS: Record<string, { version: string; requires?: string }> = {
  'envdiff-demo-core': { version: '1.2.3' },
  'envdiff-demo-plugin': { version: '0.4.0', requires: 'envdiff-demo-core>=1.0' },
  'envdiff_demo.extra': { version: '2024.1.post1' },
};

async function buildWheels(dir: string): Promise<void> {
  const src = join(work, 'src');
  for (const [name, p] of Object.entries(PROJECTS)) {
    const d = join(src, name);
    const mod = name.replace(/[-.]/g, '_');
    mkdirSync(join(d, mod), { recursive: true });
    writeFileSync(join(d, mod, '__init__.py'), `VERSION = ${JSON.stringify(p.version)}\n`);
    writeFileSync(
      join(d, 'setup.py'),
      `from setuptools import setup\nsetup(name=${JSON.stringify(name)}, version=${JSON.stringify(p.version)}, packages=[${JSON.stringify(mod)}]${
        p.requires ? `, install_requires=[${JSON.stringify(p.requires)}]` : ''
      })\n`,
    );
  }
  // Debian's pip and wheel, offline: no index, no build isolation (setuptools/wheel come from Debian).
  const r = await runProcess(
    '/usr/bin/python3',
    [
      '-m',
      'pip',
      'wheel',
      '--no-index',
      '--no-build-isolation',
      '--no-deps',
      '--wheel-dir',
      dir,
      ...Object.keys(PROJECTS).map((n) => join(src, n)),
    ],
    { timeoutMs: 180_000, env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
  );
  if (r.exitCode !== 0) throw new Error(`pip wheel failed: ${r.stderr}`);
}

async function build(context: string, tag: string): Promise<void> {
  await podman(['build', '--pull=never', '--quiet', '-t', tag, context], { timeoutMs: 900_000 });
  created.push(tag);
}

async function captureImage(image: string, label: string, python?: string): Promise<Fingerprint> {
  return captureFingerprint({ transport: imageTransport('podman', image), label, python, timeoutMs: 180_000 });
}

function show(title: string, findings: Finding[]): void {
  const lines = findings.map((f) => `  ${f.severity.padEnd(7)} ${f.ruleId} ${f.subject}: ${f.baseline ?? '—'} → ${f.target ?? '—'}`);
  console.log(`${title}: ${findings.length} findings\n${lines.join('\n')}`);
}

async function generateAndBuild(source: Fingerprint, name: string, extra: { wheels?: string } = {}): Promise<Finding[]> {
  const context = join(work, `ctx-${name}`);
  mkdirSync(context, { recursive: true });
  const fpPath = join(context, 'source.json');
  writeFileSync(fpPath, JSON.stringify(source, null, 2));
  if (extra.wheels) cpSync(extra.wheels, join(context, 'wheels'), { recursive: true });
  const base = await ensureDebianBaseImage();
  const result = await runDockerfile({
    fingerprintPath: fpPath,
    outPath: join(context, 'Dockerfile'),
    base,
    ...(extra.wheels ? { pipFindLinks: [join(context, 'wheels')], pipNoIndex: true } : {}),
  });
  expect(result.exitCode).toBe(0);
  await build(context, `${TAG}-${name}:latest`);
  // `envdiff dockerfile SOURCE --verify IMAGE`: captures inside the image and compares.
  const verified = await runDockerfile({ fingerprintPath: fpPath, verifyImage: `${TAG}-${name}:latest`, engine: 'podman' });
  const findings = verified.findings ?? [];
  show(`${name}: source vs rebuilt image`, findings);
  expect(verified.exitCode).toBe((verified.differs ?? []).some((f) => f.severity === 'error') ? 1 : 0);
  // The image's digest label matches the source: no line saying it was generated from another one.
  expect((verified.messages ?? []).filter((m) => m.includes('another fingerprint'))).toEqual([]);
  return findings;
}

describe.skipIf(!HAVE_PODMAN)('closed loop: capture → Dockerfile → podman build → capture → compare', () => {
  let wheels: string;
  beforeAll(async () => {
    wheels = join(work, 'wheels');
    await buildWheels(wheels);
  }, 300_000);
  afterAll(async () => {
    for (const tag of created) await runProcess('podman', ['rmi', '-f', tag], { timeoutMs: 120_000 });
    rmSync(work, { recursive: true, force: true });
  });

  test('a virtualenv of Debian’s Python with local wheels, plus Debian packages', async () => {
    // The dev environment: Debian bookworm with python3 (+ numpy, yaml, six from apt) and a venv
    // made with /usr/bin/python3 holding the three local wheels.
    const devCtx = join(work, 'dev');
    mkdirSync(devCtx, { recursive: true });
    cpSync(wheels, join(devCtx, 'wheels'), { recursive: true });
    writeFileSync(
      join(devCtx, 'Containerfile'),
      [
        `FROM ${await ensureDebianPythonImage()}`,
        'RUN apt-get update && apt-get install -y --no-install-recommends python3-venv && rm -rf /var/lib/apt/lists/*',
        'COPY wheels /tmp/wheels',
        'RUN python3 -m venv /opt/dev-venv && /opt/dev-venv/bin/pip install --no-index --find-links /tmp/wheels envdiff-demo-core envdiff-demo-plugin envdiff-demo.extra && rm -rf /tmp/wheels',
        '',
      ].join('\n'),
    );
    await build(devCtx, `${TAG}-dev:latest`);
    const source = await captureImage(`${TAG}-dev:latest`, 'dev', '/opt/dev-venv/bin/python');
    expect(source.facets.python.status).toBe('ok');
    expect(source.facets.python.virtualEnv).toBe('/opt/dev-venv');
    const names = (source.facets.python.packages ?? []).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['envdiff-demo-core', 'envdiff-demo-plugin', 'envdiff-demo-extra']));

    const findings = await generateAndBuild(source, 'venv', { wheels });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  }, 1_200_000);

  test('Debian’s system Python with its packages from apt', async () => {
    const source = await captureImage(await ensureDebianPythonImage(), 'debian-python');
    expect(source.facets.python.status).toBe('ok');
    expect(source.facets.python.virtualEnv).toBeNull();
    const findings = await generateAndBuild(source, 'system');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  }, 1_200_000);
});
