// What each import kind must get right, asserted on the real samples (fixtures/import/**), plus
// the edges the samples do not show, as small synthetic strings (named so in each test).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMPORT_PARSERS, detectImportKind, importBytes, importText } from '../../src/import/index.js';
import { parsePurl } from '../../src/import/purl.js';
import { decodeBytes, makeInput, maskCredentials } from '../../src/import/text.js';
import type { ImportOutcome, ImportResult } from '../../src/import/types.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

function load(path: string): ImportResult {
  const o = importBytes(readFileSync(join(FIXTURES, path)));
  if (!o || 'error' in o) throw new Error(`${path}: ${JSON.stringify(o)}`);
  return o;
}
const pkg = (r: ImportResult, name: string) => r.facets.python?.packages?.find((p) => p.name === name);

describe('collect_env', () => {
  it('torch 1.12 on Linux: torch and CUDA build, driver, three GPUs by index, nvcc, cuDNN not collected', () => {
    const r = load('import/collect-env/torch-1.12-linux-3x3090-cu116/collect_env.txt');
    expect(r.meta).toMatchObject({ torchVersion: '1.12.1+cu116', cudaUsedToBuildTorch: '11.6', cudaAvailable: 'True' });
    expect(r.facets.gpu?.driver).toEqual({ vendor: 'nvidia', version: '515.65.01' });
    expect(r.facets.gpu?.devices).toEqual([0, 1, 2].map((index) => ({ index, name: 'NVIDIA GeForce RTX 3090' })));
    expect(r.facets.gpu?.toolkit).toEqual({ nvcc: '11.6.124' });
    expect(r.facets.gpu?.cudnn).toBeUndefined(); // "cuDNN version: Could not collect"
    expect(r.facets.os).toMatchObject({
      name: 'linux',
      arch: 'x86_64',
      distro: { id: 'ubuntu', versionId: '22.04' },
      libc: { family: 'glibc', version: '2.35' },
    });
    expect(pkg(r, 'torch')?.version).toBe('1.12.1+cu116');
  });

  it('cuDNN from the library file names: 8.9.7 (seven paths), 7.1.2 (static .a ignored)', () => {
    expect(load('import/collect-env/torch-2.2-linux-arch-lscpu-conda/collect_env.txt').facets.gpu?.cudnn).toBe('8.9.7');
    expect(load('import/collect-env/torch-0.4-linux-cuda9-2x-m60-ci/collect_env.txt').facets.gpu?.cudnn).toBe('7.1.2');
  });

  it('torch 2.x lscpu block gives the CPU model, vendor, cores and flags; conda lines keep build and channel', () => {
    const r = load('import/collect-env/torch-2.2-linux-arch-lscpu-conda/collect_env.txt');
    expect(r.facets.cpu).toMatchObject({ model: 'AMD Ryzen 9 7950X 16-Core Processor', vendor: 'AuthenticAMD', logicalCores: 32 });
    expect(r.facets.cpu?.flags).toContain('avx512f');
    expect(r.facets.python?.conda?.packages).toContainEqual({
      name: 'pytorch',
      version: '2.2.2',
      build: 'py3.12_cuda12.1_cudnn8.9.2_0',
      channel: 'pytorch',
    });
    expect(r.facets.python?.version).toBe('3.12.2');
  });

  it('the oldest layout: legacy `[pip] numpy (1.14.2)` lines, `Is debug build: No`', () => {
    const r = load('import/collect-env/torch-0.5-macos-10.13-pip-legacy/collect_env.txt');
    expect(pkg(r, 'numpy')?.version).toBe('1.15.0');
    expect(r.meta['torchDebugBuild']).toBe('No');
    expect(r.facets.os?.name).toBe('darwin');
  });

  it('macOS arm64 and Windows: the platform line decides the OS', () => {
    expect(load('import/collect-env/torch-1.12-macos-12-arm64/collect_env.txt').facets.os).toEqual({
      status: 'ok',
      name: 'darwin',
      arch: 'arm64',
    });
    const win = load('import/collect-env/torch-1.5-windows-quadro-no-os/collect_env.txt');
    expect(win.facets.os).toBeUndefined(); // "OS: Could not collect" and no platform line: not guessed
    expect(win.facets.gpu?.devices).toEqual([{ index: 0, name: 'Quadro P1000' }]);
  });

  it('torch not importable: `N/A` is never taken for a version', () => {
    const r = load('import/collect-env/torch-missing-macos-10.15-py27/collect_env.txt');
    expect(r.meta['torchVersion']).toBeUndefined();
    expect(r.facets.gpu).toBeUndefined();
    expect(pkg(r, 'torch')?.version).toBe('1.7.0.dev20200803');
  });
});

describe('sessionInfo()', () => {
  it('R 4.4 on Apple silicon: version, platform, arm64, macOS release, attached and namespace packages', () => {
    const r = load('import/session-info/r-4.4-macos-sequoia-arm64/sessionInfo.txt');
    expect(r.facets.r).toMatchObject({ version: '4.4.2', platform: 'aarch64-apple-darwin20' });
    expect(r.facets.os).toMatchObject({ name: 'darwin', arch: 'arm64', distro: { id: 'macos', versionId: '15.1' } });
    const packages = r.facets.r!.packages!;
    expect(packages).toContainEqual({ name: 'emmeans', version: '1.10.3' }); // other attached
    expect(packages).toContainEqual({ name: 'tidyselect', version: '1.2.1' }); // loaded via a namespace
    expect(packages).toContainEqual({ name: 'stats', version: '4.4.2', repository: 'base' }); // attached base
    expect(r.meta['attachedPackages']?.split(' ')).toContain('tidyverse');
  });

  it('R 2.15 on Windows: no "Running under" line; base packages in the namespace list keep R\'s version', () => {
    const r = load('import/session-info/r-2.15-windows-x64/sessionInfo.txt');
    expect(r.facets.r?.version).toBe('2.15.3');
    expect(r.facets.os).toEqual({ status: 'ok', name: 'windows', arch: 'x86_64' });
    expect(r.facets.r?.packages).toContainEqual({ name: 'tools', version: '2.15.3', repository: 'base' });
    expect(r.facets.r?.packages).toContainEqual({ name: 'rCharts', version: '0.1.1' });
  });

  it('finds the report inside a console transcript and after knitr prefixes (synthetic `## ` copy of a real report)', () => {
    const console = load('import/session-info/r-3.3-macos-yosemite-console/sessionInfo.txt');
    expect(console.facets.r?.version).toBe('3.3.2');
    const real = readFileSync(join(FIXTURES, 'import/session-info/r-2.15-windows-x64/sessionInfo.txt'), 'utf8');
    const knitr = real
      .split('\n')
      .map((l) => (l ? `## ${l}` : '##'))
      .join('\n');
    const o = importText(knitr) as ImportResult;
    expect(o.kind).toBe('session-info');
    expect(o.facets.r?.packages).toEqual(load('import/session-info/r-2.15-windows-x64/sessionInfo.txt').facets.r?.packages);
  });
});

describe('pip freeze', () => {
  it('Colab: wheel and sdist URLs give their version (%2B decoded), a VCS reference has none, names are PEP 503', () => {
    const r = load('import/pip-freeze/colab-2025-08-runtime/pip-freeze.txt');
    expect(pkg(r, 'torch')).toMatchObject({ version: '2.6.0+cu124', directUrl: { url: expect.stringContaining('download.pytorch.org') } });
    expect(pkg(r, 'google-colab')).toEqual({
      name: 'google-colab',
      version: '1.0.0',
      directUrl: { url: 'file:///colabtools/dist/google_colab-1.0.0.tar.gz' },
    });
    expect(pkg(r, 'lightgbm')?.version).toBe('4.5.0');
    expect(pkg(r, 'jupyter-kernel-gateway')?.directUrl?.vcs).toBe('git');
    expect(r.problems).toHaveLength(1); // one summary line for all unversioned references
  });

  it('editable VCS checkout: `-e git+…#egg=` names the package and marks it editable', () => {
    const r = load('import/pip-freeze/local-venv-3.11-editable-vcs-file/pip-freeze.txt');
    expect(pkg(r, 'demo-editable-vcs')?.directUrl).toMatchObject({ editable: true, vcs: 'git' });
    expect(pkg(r, 'demo-local')?.directUrl?.url).toBe('file:///tmp/envdiff-pip-demo/src/localdir');
  });

  it('credentials in a direct URL never reach the result (synthetic line)', () => {
    const o = importText(
      'privpkg @ https://deploy:s3cr3t-token@pypi.example.com/privpkg-1.0-py3-none-any.whl\nsix==1.16.0\n',
    ) as ImportResult;
    expect(JSON.stringify(o)).not.toContain('s3cr3t');
    expect(pkg(o, 'privpkg')).toMatchObject({
      version: '1.0',
      directUrl: { url: 'https://***@pypi.example.com/privpkg-1.0-py3-none-any.whl' },
    });
  });

  it('a home directory in a file URL is written ~, as the capture writes it (synthetic lines)', () => {
    const o = importText(
      '-e git+file:///home/ana/src/tool@0123abc#egg=tool\nlib @ file:///Users/ana/wheels/lib-2.0-py3-none-any.whl\n',
    ) as ImportResult;
    expect(pkg(o, 'tool')?.directUrl?.url).toBe('git+file://~/src/tool@0123abc');
    expect(pkg(o, 'lib')?.directUrl?.url).toBe('file://~/wheels/lib-2.0-py3-none-any.whl');
    expect(JSON.stringify(o)).not.toContain('ana');
  });

  it.each([
    ['a range', 'numpy>=1.26\n'],
    ['an option line', '-r base.txt\nsix==1.16.0\n'],
    ['a hash option', 'six==1.16.0 --hash=sha256:abc\n'],
    ['an environment marker', 'six==1.16.0 ; python_version < "3.12"\n'],
    ["pip-compile's indented comment", 'six==1.16.0\n    # via -r requirements.in\n'],
    ['an index URL', '--index-url https://example.com/simple\nsix==1.16.0\n'],
    ['only comments', '# nothing here\n'],
  ])('a requirements file with %s is not pip freeze output (synthetic)', (_, text) => {
    expect(detectImportKind(text)).toBeUndefined();
  });
});

describe('pip list --format=json and pip inspect', () => {
  it('pip list: editable_project_location becomes an editable file URL; old pip key order is fine', () => {
    const r = load('import/pip-list-json/local-venv-3.11-editable/pip-list.json');
    expect(pkg(r, 'demo-editable-vcs')?.directUrl).toEqual({
      url: 'file:///tmp/envdiff-pip-demo/venv/src/demo-editable-vcs',
      editable: true,
    });
    expect(load('import/pip-list-json/local-python-2.7-pip-19/pip-list.json').facets.python?.packages).toEqual([
      { name: 'pip', version: '19.2.3' },
      { name: 'setuptools', version: '41.2.0' },
    ]);
  });

  it('pip inspect: direct_url per PEP 610, installer, the interpreter from "environment"', () => {
    const r = load('import/pip-inspect/local-venv-3.11-editable-vcs/pip-inspect.json');
    expect(pkg(r, 'demo-vcs')).toEqual({
      name: 'demo-vcs',
      version: '1.2.0',
      installer: 'pip',
      directUrl: { url: 'file:///tmp/envdiff-pip-demo/src/vcs', vcs: 'git' },
    });
    expect(r.facets.python).toMatchObject({ version: '3.11.7', implementation: 'CPython' });
    expect(r.facets.os).toEqual({ status: 'ok', name: 'linux', arch: 'x86_64' });
    const debian = load('import/pip-inspect/local-debian-12-system-python/pip-inspect.json');
    expect(debian.facets.python?.packages?.every((p) => p.installer === undefined)).toBe(true);
  });

  it('pip inspect report versions other than "1" are refused, as the spec asks (synthetic)', () => {
    const o = importText(JSON.stringify({ version: '2', pip_version: '30.0', installed: [] }));
    expect(o).toEqual({ kind: 'pip-inspect', error: 'pip inspect report version "2" is not supported (only "1")' });
  });
});

describe('conda', () => {
  it('explicit: md5, bare and prefixed sha256 anchors, comments between URLs, the platform header', () => {
    const r = load('import/conda-explicit/cep-23-example-md5-sha256/spec-file.txt');
    expect(r.meta).toEqual({ platform: 'osx-arm64', checksums: '14 of 16' });
    expect(r.facets.python?.conda?.packages).toContainEqual({
      name: 'python',
      version: '3.12.3',
      build: 'h4a7b5fc_0_cpython',
      channel: 'conda-forge',
    });
    expect(r.facets.python?.version).toBe('3.12.3');
  });

  it('explicit: channels from both Anaconda hosts (synthetic two-line file)', () => {
    const o = importText('@EXPLICIT\nhttps://repo.anaconda.com/pkgs/main/linux-64/blas-1.0-mkl.conda\nnot a url\n') as ImportResult;
    expect(o.facets.python?.conda?.packages).toEqual([{ name: 'blas', version: '1.0', build: 'mkl', channel: 'pkgs/main' }]);
    expect(o.problems).toEqual([{ line: 3, message: 'not a conda package URL: "not a url"' }]);
  });

  it('env export: UTF-16 with BOM from PowerShell, the home directory in the prefix written ~', () => {
    const r = load('import/conda-env-export/windows-utf16-powershell/environment.yml');
    expect(r.facets.python?.conda?.prefix).toBe('~\\Anaconda3\\envs\\sez');
    expect(r.facets.python?.version).toBe('3.8.11');
    expect(JSON.stringify(r)).not.toContain('eric');
  });

  it('env export: --no-builds pins have no build; the pip section is read as pip freeze', () => {
    const r = load('import/conda-env-export/windows-no-builds/environment.yml');
    expect(r.facets.python?.conda?.packages?.every((p) => p.build === undefined)).toBe(true);
    const pip = load('import/conda-env-export/osx-arm64-miniforge-pip-prefix/environment.yml');
    expect(pkg(pip, 'opencv-python')?.version).toBe('4.5.5.64');
    expect(pip.facets.python?.conda?.packages).toContainEqual({ name: 'x264', version: '1!161.3030', build: 'h3422bc3_1' });
  });

  it('a hand-written environment.yml (ranges, bare names) is not an export; `variables:` are never read (synthetic)', () => {
    expect(detectImportKind('name: dev\ndependencies:\n  - python=3.11\n  - numpy>=1.26\n  - pandas\n')).toBeUndefined();
    const o = importText('name: x\ndependencies:\n  - python=3.11.5=h1_0\nvariables:\n  API_TOKEN: hunter2\n') as ImportResult;
    expect(o.kind).toBe('conda-env-export');
    expect(JSON.stringify(o)).not.toContain('hunter2');
  });
});

describe('nvidia-smi -q -x', () => {
  it('MIG: the A100 and its two MIG instances with their memory and SM counts', () => {
    const r = load('gpu/nvidia-smi-xml-a100-mig-510/nvidia-smi-q-x.xml');
    const [a100] = r.facets.gpu!.devices!;
    expect(a100).toMatchObject({
      index: 0,
      name: 'NVIDIA A100-SXM4-40GB',
      memoryMiB: 40960,
      migMode: 'enabled',
      computeCapability: '8.0',
      computeCapabilityFrom: 'name',
    });
    expect(a100!.migDevices).toEqual([
      { index: 0, gpuInstanceId: 1, computeInstanceId: 0, memoryMiB: 19968, multiprocessorCount: 42 },
      { index: 1, gpuInstanceId: 2, computeInstanceId: 0, memoryMiB: 19968, multiprocessorCount: 42 },
    ]);
    expect(r.facets.gpu).toMatchObject({ driver: { vendor: 'nvidia', version: '510.47.03' }, cudaDriverVersion: '11.6' });
  });

  it('"Not Found" is no CUDA version; a trimmed report (attached 6, listed 2) is said, not refused', () => {
    const k80 = load('gpu/nvidia-smi-xml-k80x4-430/nvidia-smi-q-x.xml');
    expect(k80.facets.gpu?.cudaDriverVersion).toBeUndefined();
    expect(k80.facets.gpu?.devices?.map((d) => d.index)).toEqual([0, 1, 2, 3]);
    const gtx = load('gpu/nvidia-smi-xml-gtx1070x2-384/nvidia-smi-q-x.xml');
    expect(gtx.problems).toEqual([{ message: '<attached_gpus> says 6 but 2 <gpu> elements are listed' }]);
  });

  it('never carries UUIDs, serials or bus ids into the result', () => {
    for (const s of ['nvidia-smi-xml-k80x4-430', 'nvidia-smi-xml-rtx2080-windows-516', 'nvidia-smi-xml-a100-mig-535']) {
      const xml = readFileSync(join(FIXTURES, 'gpu', s, 'nvidia-smi-q-x.xml'), 'utf8');
      const uuid = /<uuid>(GPU-[^<]+)<\/uuid>/.exec(xml)![1]!;
      const out = JSON.stringify(load(`gpu/${s}/nvidia-smi-q-x.xml`));
      expect(out).not.toContain(uuid);
      expect(out).not.toMatch(/0000:0[0-9A-F]:00\.0|<serial>|GPU-[0-9a-f]{8}/);
    }
  });

  it('broken XML is one error sentence (synthetic)', () => {
    const o = importText('<?xml version="1.0" ?>\n<nvidia_smi_log><driver_version>535</driver_version>');
    expect(o).toMatchObject({ kind: 'nvidia-smi-xml', error: expect.stringMatching(/^not well-formed XML: /) });
  });
});

describe('SBOMs', () => {
  it('CycloneDX 1.4/1.5/1.6 from cyclonedx-py give the same 31 PyPI packages', () => {
    const lists = ['1.4', '1.5', '1.6'].map(
      (v) => load(`import/cyclonedx/cdx-${v}-cyclonedx-py-pypi-extras/bom.json`).facets.python?.packages,
    );
    expect(lists[0]).toHaveLength(31);
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[2]).toEqual(lists[0]);
  });

  it('rpm epoch and arch from purl qualifiers; the operating-system component is the distro', () => {
    const r = load('import/cyclonedx/cdx-1.5-trivy-centos-7-rpm/bom.json');
    expect(r.facets.system).toEqual({
      status: 'ok',
      manager: 'rpm',
      packages: [
        { name: 'bash', version: '4.2.46-31.el7', arch: 'x86_64' },
        { name: 'openssl-libs', version: '1:1.0.2k-16.el7', arch: 'x86_64' },
      ],
    });
    expect(r.facets.os).toMatchObject({ name: 'linux', distro: { id: 'centos', versionId: '7.6.1810' } });
  });

  it('a real ML image: Debian packages and PyPI packages, npm counted and left out; SPDX and CycloneDX agree', () => {
    const cdx = load('import/cyclonedx/cdx-1.6-trivy-ml-image-deb-pypi/bom.json');
    const spdx = load('import/spdx/spdx-2.3-trivy-ml-image-deb-pypi/spdx.json');
    expect(cdx.facets.system?.manager).toBe('dpkg');
    expect(cdx.meta['skipped']).toBe('20 npm');
    expect(spdx.facets.system?.packages).toEqual(cdx.facets.system?.packages);
    expect(spdx.facets.python?.packages).toEqual(cdx.facets.python?.packages);
    expect(pkg(cdx, 'pytorch-lightning')).toBeDefined();
  });

  it('conda purls keep build and channel; an empty BOM is an empty result, not an error', () => {
    const r = load('import/spdx/spdx-2.3-trivy-conda/spdx.json');
    expect(r.facets.python?.conda?.packages?.map((p) => p.name)).toEqual(['openssl', 'pip']);
    expect(load('import/cyclonedx/cdx-1.6-trivy-empty/bom.json').facets).toEqual({});
  });

  it('unsupported versions are refused by name (synthetic)', () => {
    expect(importText('{"bomFormat":"CycloneDX","specVersion":"2.0"}')).toEqual({
      kind: 'cyclonedx',
      error: 'CycloneDX specVersion "2.0" is not supported (1.x only)',
    });
    expect(importText('{"spdxVersion":"SPDX-3.0","packages":[]}')).toEqual({
      kind: 'spdx',
      error: 'SPDX-3.0 is not supported (SPDX 2.x JSON only)',
    });
  });
});

describe('purl', () => {
  // Examples from the purl specification (PURL-SPECIFICATION.rst, "Some purl examples").
  it.each([
    [
      'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie',
      { type: 'deb', namespace: 'debian', name: 'curl', version: '7.50.3-1', qualifiers: { arch: 'i386', distro: 'jessie' } },
    ],
    ['pkg:pypi/django@1.11.1', { type: 'pypi', name: 'django', version: '1.11.1', qualifiers: {} }],
    [
      'pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25',
      { type: 'rpm', namespace: 'fedora', name: 'curl', version: '7.50.3-1.fc25', qualifiers: { arch: 'i386', distro: 'fedora-25' } },
    ],
    [
      'pkg:golang/google.golang.org/genproto#googleapis/api/annotations',
      { type: 'golang', namespace: 'google.golang.org', name: 'genproto', qualifiers: {}, subpath: 'googleapis/api/annotations' },
    ],
    [
      'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64',
      { type: 'deb', namespace: 'debian', name: 'libc6', version: '2.36-9+deb12u4', qualifiers: { arch: 'amd64' } },
    ],
  ])('%s', (text, expected) => {
    expect(parsePurl(text)).toEqual(expected);
  });

  it.each(['', 'pkg:', 'pkg:pypi', 'npm/foo@1', 'pkg:pypi/%E0%A4%A@1'])('"%s" is not a purl', (text) => {
    expect(parsePurl(text)).toBeUndefined();
  });
});

describe('text decoding and robustness', () => {
  it.each([
    ['https://user:pw@host/simple', 'https://***@host/simple'],
    ['git+https://ghp_abc123@github.com/org/repo@v1', 'git+https://***@github.com/org/repo@v1'],
    ['https://host/pkg.whl?access_token=abc&x=1', 'https://host/pkg.whl?access_token=***&x=1'],
    [
      'https://files.pythonhosted.org/packages/x/torch-2.3.1.whl#sha256=ab',
      'https://files.pythonhosted.org/packages/x/torch-2.3.1.whl#sha256=ab',
    ],
    [
      'file:///home/conda/feedstock_root/build_artifacts/certifi_1/work',
      'file:///home/conda/feedstock_root/build_artifacts/certifi_1/work',
    ],
  ])('maskCredentials(%s)', (input, masked) => {
    expect(maskCredentials(input)).toBe(masked);
  });

  it('UTF-16 LE/BE and UTF-8 byte-order marks are decoded', () => {
    const text = 'R version 4.1.2 (2021-11-01)\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    for (const b of [le, be, bom8]) expect(decodeBytes(b)).toBe(text);
  });

  // Garbage of the shapes each detector keys on; every parser must answer, never throw.
  const hostile = [
    '',
    '\u0000\u0001\u0002',
    '{"bomFormat":"CycloneDX","specVersion":"1.5","components":[null,5,{"purl":"pkg:%%%"},{"components":"x"}]}',
    '{"spdxVersion":"SPDX-2.3","packages":[{"externalRefs":"nope"},7]}',
    '{"version":"1","pip_version":"1","installed":[null,{"metadata":5}],"environment":[]}',
    '[{"name":"a","version":"1"},{"name":5}]',
    '<nvidia_smi_log><gpu><product_name><![CDATA[x]]></product_name><mig_devices>z</mig_devices></gpu></nvidia_smi_log>',
    'PyTorch version: $(rm -rf /)\nIs debug build: `id`\nGPU models and configuration: \nGPU x: \u202e\nVersions of relevant libraries:\n[pip3] \n[conda] x\n',
    'R version 9.9.9 (x)\nattached base packages:\n[1]\nother attached packages:\n[1] _ a_ _b\n',
    '@EXPLICIT\n' + 'x'.repeat(200_000),
    'name: x\ndependencies:\n  - a=1\n  - pip: 5\n',
    'name: [unclosed\ndependencies: {',
  ];
  it.each(hostile.map((t, i) => [i, t] as const))('hostile input %i: every parser returns a value', (_, text) => {
    const input = makeInput(text);
    for (const p of IMPORT_PARSERS) {
      let outcome: ImportOutcome | undefined;
      expect(() => {
        p.detect(input);
        outcome = p.parse(input);
      }, p.kind).not.toThrow();
      expect(outcome!.kind).toBe(p.kind);
      if (!('error' in outcome!)) expect(Array.isArray(outcome!.problems)).toBe(true);
    }
    expect(() => importText(text)).not.toThrow();
  });
});
