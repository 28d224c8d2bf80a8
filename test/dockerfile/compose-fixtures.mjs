// Rebuilds the two COMPOSED source fingerprints of fixtures/dockerfile (linux-cuda-ubuntu-22.04-h100,
// macos-intel-laptop) from real parsed fixtures of other facets and real package lists published
// by public projects. Each fixture's SOURCE.md names every part. Run: node test/dockerfile/compose-fixtures.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const read = (p) => JSON.parse(readFileSync(new URL(`../../fixtures/${p}/expected.json`, import.meta.url), 'utf8'));
const absent = (reason) => ({ status: 'absent', reason });
const freeze = (text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z0-9_.-]+==\S+$/.test(l))
    .map((l) => {
      const [name, version] = l.split('==');
      return { name: name.replace(/[-_.]+/g, '-').toLowerCase(), version, installer: 'pip' };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function fingerprint(label, facets) {
  return {
    schemaVersion: 1,
    tool: { name: 'envdiff', version: '0.1.0' },
    capturedAt: '1970-01-01T00:00:00.000Z',
    label,
    target: { kind: 'local', ref: 'localhost' },
    facets,
  };
}

// ommaheshwari/PMCSimulator Requirements.py @ 5dba8e1cc0cabac7156eb99d45d21f10501bc2f0, verbatim.
const PMC = `torch==2.5.1+cu121
numpy==1.26.3
pandas==2.2.3
cachetools==5.5.0
colorama==0.4.6
contourpy==1.3.1
cycler==0.12.1
filelock==3.13.1
fonttools==4.55.1
fsspec==2024.2.0
imageio==2.36.1
Jinja2==3.1.3
kiwisolver==1.4.7
lazy_loader==0.4
MarkupSafe==2.1.5
matplotlib==3.9.3
mpmath==1.3.0
networkx==3.2.1
nvidia-ml-py==12.535.161
nvitop==1.3.2
packaging==24.2
pillow==10.2.0
psutil==6.1.0
pyparsing==3.2.0
python-dateutil==2.9.0.post0
pytz==2024.2
SciencePlots==2.1.1
scikit-image==0.24.0
scipy==1.14.1
setuptools==70.0.0
six==1.16.0
sympy==1.13.1
termcolor==2.5.0
tifffile==2024.9.20
typing_extensions==4.9.0
tzdata==2024.2
windows-curses==2.4.0`;

const os = read('os/ubuntu-22.04');
const cuda = fingerprint('gpu-h100', {
  os: { ...os, arch: 'x86_64' },
  kernel: read('kernel/ubuntu-22.04-h100-host'),
  cpu: absent('not part of the composed sources'),
  gpu: read('gpu/nvidia-smi-h100-590'),
  python: {
    status: 'ok',
    executable: '/usr/bin/python3.10',
    version: '3.10.12',
    implementation: 'CPython',
    abi: 'cp310',
    platform: 'linux-x86_64',
    virtualEnv: '~/venv',
    conda: null,
    packages: freeze(PMC),
  },
  r: absent('no Rscript on PATH'),
  jvm: absent('no java on PATH'),
  system: absent('not part of the composed sources'),
  env: absent('not part of the composed sources'),
  lockfiles: absent('no lockfile found or given'),
});

// pytorch/pytorch#121067 (comment of 2024-10-22): collect_env on macOS 14.5 x86_64, pyenv 3.10.13 in a venv.
const mac = fingerprint('macbook', {
  os: { ...read('os/macos-10.15-catalina'), arch: 'x86_64' },
  kernel: absent('not part of the composed sources'),
  cpu: read('cpu/macos-mojave-skylake'),
  gpu: absent('no nvidia-smi on PATH'),
  python: {
    status: 'ok',
    executable: '~/.pyenv/versions/3.10.13/bin/python3.10',
    version: '3.10.13',
    implementation: 'CPython',
    abi: 'cp310',
    platform: 'macosx-14.5-x86_64',
    virtualEnv: '~/Voyager2/venv',
    conda: null,
    packages: freeze('mypy-extensions==1.0.0\nnumpy==1.26.4\nonnxruntime==1.19.2\ntorch==2.2.2'),
  },
  r: absent('no Rscript on PATH'),
  jvm: absent('no java on PATH'),
  system: absent('no dpkg, rpm or apk'),
  env: absent('not part of the composed sources'),
  lockfiles: absent('no lockfile found or given'),
});

for (const [dir, fp] of [
  ['linux-cuda-ubuntu-22.04-h100', cuda],
  ['macos-intel-laptop', mac],
]) {
  const d = new URL(`../../fixtures/dockerfile/${dir}/`, import.meta.url);
  mkdirSync(d, { recursive: true });
  writeFileSync(new URL('fingerprint.json', d), JSON.stringify(fp, null, 2) + '\n');
}
