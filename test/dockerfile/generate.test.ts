// The generator's decisions, on small inline fingerprints. SYNTHETIC inputs, built here on purpose
// (each varies one fact); real captures are in fixtures/dockerfile and golden.test.ts.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Facets, Fingerprint } from '../../src/facets/index.js';
import type { PythonPackage } from '../../src/facets/python/types.js';
import type { SystemPackage } from '../../src/facets/system/types.js';
import { generateDockerfile } from '../../src/dockerfile/generate.js';
import { fingerprintDigest } from '../../src/dockerfile/digest.js';
import { planBase } from '../../src/dockerfile/base.js';
import { runDockerfile } from '../../src/app/dockerfile.js';
import { EnvdiffError } from '../../src/core/errors.js';

const A = { status: 'absent' as const, reason: 'not part of this synthetic case' };
function fp(facets: Partial<Facets>, label = 'synthetic'): Fingerprint {
  return {
    schemaVersion: 1,
    tool: { name: 'envdiff', version: '0.1.0' },
    capturedAt: '2025-01-01T00:00:00.000Z',
    label,
    target: { kind: 'local', ref: 'localhost' },
    facets: {
      os: { status: 'ok', name: 'linux', arch: 'x86_64', distro: { id: 'debian', versionId: '12', idLike: [], codename: 'bookworm' } },
      kernel: A,
      cpu: A,
      gpu: A,
      python: A,
      r: A,
      jvm: A,
      system: A,
      env: { status: 'ok', vars: {} },
      lockfiles: A,
      ...facets,
    },
  };
}
const py = (packages: PythonPackage[], extra: object = {}) => ({
  status: 'ok' as const,
  executable: '/usr/bin/python3.11',
  version: '3.11.2',
  implementation: 'CPython',
  virtualEnv: '~/proj/.venv',
  packages,
  ...extra,
});
const pip = (name: string, version: string, extra: Partial<PythonPackage> = {}): PythonPackage => ({
  name,
  version,
  installer: 'pip',
  ...extra,
});
const req = (f: Fingerprint, opts = {}) => generateDockerfile(f, opts).files.find((x) => x.kind === 'requirements')?.content ?? '';

describe('base image', () => {
  test.each([
    ['torch +cu121', [pip('torch', '2.1.0+cu121')], 'nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04'],
    ['torch +cu124', [pip('torch', '2.5.1+cu124')], 'nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04'],
    ['nvidia runtime wheel only', [pip('nvidia-cuda-runtime-cu12', '12.8.90')], 'nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04'],
    ['Debian’s own Python', [pip('six', '1.16.0')], 'debian:bookworm-slim'],
  ])('%s', (_what, packages, image) => {
    expect(planBase(fp({ python: py(packages) })).image).toBe(image);
  });

  test('a pyenv Python gets the python image of the source’s Debian release', () => {
    const plan = planBase(fp({ python: py([], { executable: '~/.pyenv/versions/3.11.7/bin/python3.11', version: '3.11.7' }) }));
    expect(plan.image).toBe('python:3.11.7-slim-bookworm');
    expect(plan.python).toBe('image');
  });

  test('R alone → rocker/r-ver, Java alone → eclipse-temurin', () => {
    expect(planBase(fp({ r: { status: 'ok', version: '4.3.1', packages: [] } })).image).toBe('rocker/r-ver:4.3.1');
    expect(planBase(fp({ jvm: { status: 'ok', java: { version: '11.0.21' } } })).image).toBe('eclipse-temurin:11');
    expect(planBase(fp({ jvm: { status: 'ok', java: { version: '1.8.0_392' } } })).image).toBe('eclipse-temurin:8');
  });

  test('--base replaces FROM only and says what it replaced', () => {
    const g = generateDockerfile(fp({ python: py([]) }), { base: 'localhost/mine:1' });
    expect(g.dockerfile).toContain('FROM --platform=linux/amd64 localhost/mine:1\n');
    expect(g.dockerfile).toContain('envdiff would pick debian:bookworm-slim');
  });

  test('an Apple Silicon Mac maps to linux/arm64 with a note; --platform overrides', () => {
    const mac = fp({
      os: { status: 'ok', name: 'darwin', arch: 'arm64' },
      python: py([], { executable: '/opt/homebrew/bin/python3.12', version: '3.12.4' }),
    });
    const g = generateDockerfile(mac);
    expect(g.dockerfile).toContain('FROM --platform=linux/arm64 python:3.12.4-slim-bookworm');
    expect(g.dockerfile).toMatch(/Apple Silicon Mac: linux\/arm64 runs natively/);
    expect(generateDockerfile(mac, { platform: 'linux/amd64' }).dockerfile).toContain('FROM --platform=linux/amd64 ');
  });
});

describe('python packages', () => {
  test('the closure is pinned with --no-deps; platform-only, editable and local installs are left out with why', () => {
    const f = fp({
      python: py([
        pip('appnope', '0.1.4'),
        pip('numpy', '1.26.4'),
        pip('pyobjc-framework-cocoa', '10.3'),
        pip('pywin32', '306'),
        pip('mine', '0.1', { directUrl: { url: 'file:///~/src/mine', editable: true } }),
        pip('pip', '24.0'),
        pip('setuptools', '69.5.1'),
      ]),
    });
    const g = generateDockerfile(f);
    expect(
      req(f)
        .split('\n')
        .filter((l) => l && !l.startsWith('#')),
    ).toEqual(['numpy==1.26.4']);
    expect(g.dockerfile).toContain('python -m pip install --no-deps pip==24.0 setuptools==69.5.1');
    expect(g.dockerfile).toContain('pip install --no-deps --requirement /opt/envdiff/envdiff-requirements.txt');
    expect(g.omissions.map((o) => o.subject).sort()).toEqual(['appnope', 'mine', 'pyobjc-framework-cocoa', 'pywin32']);
    expect(g.dockerfile).toMatch(/Left out: appnope 0\.1\.4 \(macOS App Nap/);
    expect(g.dockerfile.replace(/\n# /g, ' ')).toMatch(/mine 0\.1 \(editable install from file:\/\/\/~\/src\/mine\)/);
  });

  test('PyTorch local versions bring their index; --pip-index-url, extra indexes, find-links and --no-index pass through', () => {
    const f = fp({ python: py([pip('torch', '2.3.1+cpu'), pip('torchvision', '0.18.1+cpu')]) });
    const text = req(f, {
      pipIndexUrl: 'https://pypi.corp/simple',
      pipExtraIndexUrls: ['https://x/simple'],
      pipFindLinks: ['wheels', 'https://h/links'],
      pipNoIndex: true,
    });
    expect(text.split('\n').filter((l) => l.startsWith('--'))).toEqual([
      '--index-url https://pypi.corp/simple',
      '--extra-index-url https://download.pytorch.org/whl/cpu',
      '--extra-index-url https://x/simple',
      '--find-links /opt/envdiff/find-links/1/',
      '--find-links https://h/links',
      '--no-index',
    ]);
    expect(generateDockerfile(f, { pipFindLinks: ['wheels'] }).dockerfile).toContain('COPY wheels/ /opt/envdiff/find-links/1/');
  });

  test('the system Python keeps apt’s packages to apt and pip-installs the rest past PEP 668', () => {
    const f = fp({ python: py([{ name: 'numpy', version: '1.24.2' }, pip('rich', '13.7.1')], { virtualEnv: null }) });
    const g = generateDockerfile(f);
    expect(req(f)).toContain('rich==13.7.1');
    expect(req(f)).not.toContain('numpy');
    expect(g.dockerfile).toContain('python3.11 -m pip install --no-deps --break-system-packages');
  });
});

describe('system packages', () => {
  const sys = (packages: SystemPackage[]) => ({ status: 'ok' as const, manager: 'dpkg' as const, packages });
  test('manual, non-base packages pinned on the same release; host-only and other-source ones left out', () => {
    const g = generateDockerfile(
      fp({
        system: sys([
          { name: 'bash', version: '5.2.15-2+b7', manual: true, priority: 'required' },
          { name: 'curl', version: '7.88.1-10+deb12u5', manual: true, priority: 'optional', arch: 'amd64' },
          { name: 'libcurl4', version: '7.88.1-10+deb12u5', manual: false, priority: 'optional' },
          { name: 'linux-image-amd64', version: '6.1.76-1', manual: true, priority: 'optional' },
          { name: 'nodejs', version: '20.11.0-1nodesource1', manual: true, priority: 'optional' },
          { name: 'wine32', version: '8.0~repack-4', manual: true, priority: 'optional', arch: 'i386' },
        ]),
      }),
    );
    const install = /apt-get install -y --no-install-recommends \\\n((?:\s+\S+ \\\n)+)/.exec(g.dockerfile)?.[1] ?? '';
    expect(
      install
        .trim()
        .split(/\s*\\\s*/)
        .filter(Boolean),
    ).toEqual(['curl=7.88.1-10+deb12u5']);
    expect(g.omissions.map((o) => o.subject).sort()).toEqual(['linux-image-amd64', 'nodejs', 'wine32']);
  });

  test('on another release the pins are listed, not installed', () => {
    const g = generateDockerfile(
      fp({
        os: { status: 'ok', name: 'linux', arch: 'x86_64', distro: { id: 'fedora', versionId: '40', idLike: [] } },
        system: sys([{ name: 'curl', version: '7.88.1-10+deb12u5', manual: true, priority: 'optional' }]),
      }),
    );
    expect(g.dockerfile).not.toContain('curl=');
    expect(g.dockerfile).toMatch(/Not installed: 1 packages installed by hand .*: curl\./s);
  });
});

describe('environment', () => {
  test('behaviour-changing variables kept; device selection, host paths and secrets left out; locales generated', () => {
    const g = generateDockerfile(
      fp({
        env: {
          status: 'ok',
          vars: {
            CUDA_VISIBLE_DEVICES: '0',
            LANG: 'de_DE.UTF-8',
            LD_LIBRARY_PATH: '~/cuda/lib64',
            OMP_NUM_THREADS: '8',
            TZ: 'Europe/Berlin',
            HF_TOKEN: 'x',
          },
        },
      }),
    );
    expect(g.dockerfile).toContain('ENV LANG="de_DE.UTF-8" \\\n    OMP_NUM_THREADS="8" \\\n    TZ="Europe/Berlin"');
    expect(g.dockerfile).toContain('RUN localedef -i de_DE -c -f UTF-8 de_DE.UTF-8');
    expect(g.dockerfile).toMatch(/apt-get install[^]*\blocales\b[^]*\btzdata\b/);
    expect(g.omissions.filter((o) => o.facet === 'env').map((o) => o.subject)).toEqual([
      'CUDA_VISIBLE_DEVICES',
      'HF_TOKEN',
      'LD_LIBRARY_PATH',
    ]);
  });
});

describe('digest and determinism', () => {
  test('the digest ignores capturedAt and key order, and changes with content', () => {
    const a = fp({ python: py([pip('numpy', '1.26.4')]) });
    const b = JSON.parse(
      JSON.stringify({
        facets: a.facets,
        label: a.label,
        capturedAt: '2030-01-01T00:00:00Z',
        target: a.target,
        tool: a.tool,
        schemaVersion: 1,
      }),
    ) as Fingerprint;
    expect(fingerprintDigest(b)).toBe(fingerprintDigest(a));
    expect(fingerprintDigest(fp({ python: py([pip('numpy', '1.26.3')]) }))).not.toBe(fingerprintDigest(a));
  });
});

describe('runDockerfile', () => {
  test('writes the Dockerfile and its requirements file side by side, nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-df-app-'));
    writeFileSync(join(dir, 'fp.json'), JSON.stringify(fp({ python: py([pip('numpy', '1.26.4')]) })));
    const r = await runDockerfile({ fingerprintPath: join(dir, 'fp.json'), outPath: join(dir, 'out', 'Dockerfile'), cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['Dockerfile', 'envdiff-requirements.txt']);
    expect(readFileSync(join(dir, 'out', 'Dockerfile'), 'utf8')).toContain('COPY envdiff-requirements.txt /opt/envdiff/');
  });

  test('a find-links folder outside the build context is bad input (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-df-app-'));
    writeFileSync(join(dir, 'fp.json'), JSON.stringify(fp({ python: py([pip('numpy', '1.26.4')]) })));
    const run = runDockerfile({
      fingerprintPath: join(dir, 'fp.json'),
      outPath: join(dir, 'ctx', 'Dockerfile'),
      pipFindLinks: ['/elsewhere/wheels'],
      cwd: dir,
    });
    await expect(run).rejects.toBeInstanceOf(EnvdiffError);
    await expect(run).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('outside the build context') });
  });
});
