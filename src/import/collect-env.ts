// PyTorch's environment report, `python -m torch.utils.collect_env`
// (https://github.com/pytorch/pytorch/blob/main/torch/utils/collect_env.py). One layout per era,
// all `Key: value` lines plus a few blocks (fixtures/import/collect-env/*):
//   PyTorch version: 0.4.0a0                         torch 0.4–1.6: `Is debug build: No`,
//   [pip] numpy (1.14.2)                               pip's legacy list format, no ROCm/Clang lines
//   PyTorch version: 1.12.1+cu116                    torch 1.7+: `ROCM used to build PyTorch`,
//   GPU models and configuration:                      `[pip3] numpy==1.23.3`, `Python platform:`
//   GPU 0: NVIDIA GeForce RTX 3090
//   cuDNN version: Probably one of the following:
//   /usr/lib/x86_64-linux-gnu/libcudnn.so.8.4.1
//   CPU:                                             torch 2.x: lscpu (Linux), wmic fields
//   Model name:  AMD Ryzen 9 7950X 16-Core Processor   (Windows), one line (macOS)
//   Is XPU available: False                          torch 2.5+
//   [conda] pytorch  2.2.2  py3.12_cuda12.1_cudnn8.9.2_0  pytorch
// Values the script prints when it could not tell: `N/A`, `None`, `No CUDA`, `Could not collect`.
// "CUDA runtime version" is `nvcc --version` (collect_env's get_running_cuda_version), so it is the
// toolkit, not the CUDA the driver supports (which the report does not give). The pip and conda
// lists are filtered by collect_env to names it finds relevant (torch, numpy, triton, mypy …): they
// are a sample of the environment, not all of it (meta.packagesFiltered says so).
import type { CpuFacet } from '../facets/cpu/types.js';
import type { GpuFacet } from '../facets/gpu/types.js';
import type { OsFacet } from '../facets/os/types.js';
import type { CondaPackage, PythonFacet, PythonPackage } from '../facets/python/types.js';
import { normalizePypiName } from '../core/names.js';
import { byName, linuxDistroFromName, lines, osNameOf } from './text.js';
import type { ImportedFacets, ImportInput, ImportOutcome, ImportParser, ImportProblem } from './types.js';

const KEYS = [
  'PyTorch version',
  'Is debug build',
  'CUDA used to build PyTorch',
  'ROCM used to build PyTorch',
  'OS',
  'GCC version',
  'Clang version',
  'CMake version',
  'Libc version',
  'Python version',
  'Python platform',
  'Is CUDA available',
  'CUDA runtime version',
  'CUDA_MODULE_LOADING set to',
  'GPU models and configuration',
  'Nvidia driver version',
  'cuDNN version',
  'HIP runtime version',
  'MIOpen runtime version',
  'Is XNNPACK available',
  'Is XPU available',
  'Caching allocator config',
  'CPU',
  'Versions of relevant libraries',
] as const;
const KEY_LINE = new RegExp(`^(${KEYS.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}):\\s?(.*)$`);

/** What collect_env prints for "could not tell"; never a value. */
function known(v: string | undefined): string | undefined {
  const t = v?.trim();
  if (!t || /^(N\/A|None|No CUDA|Could not collect|Not Found)$/i.test(t)) return undefined;
  return t;
}

export function detectCollectEnv(input: ImportInput): boolean {
  const t = input.text;
  return /^PyTorch version: /m.test(t) && (/^Is debug build: /m.test(t) || /^Versions of relevant libraries:/m.test(t));
}

interface Fields {
  values: Map<string, { value: string; line: number }>;
  gpuLines: string[];
  cudnnPaths: string[];
  cpuLines: string[];
  libLines: { text: string; line: number }[];
}

function collect(all: string[]): Fields {
  const f: Fields = { values: new Map(), gpuLines: [], cudnnPaths: [], cpuLines: [], libLines: [] };
  let block: 'gpu' | 'cudnn' | 'cpu' | 'libs' | undefined;
  all.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    const key = KEY_LINE.exec(line);
    if (key && !(block === 'cpu' && key[1] !== 'Versions of relevant libraries')) {
      const [, name, value] = key;
      if (!f.values.has(name!)) f.values.set(name!, { value: value!, line: i + 1 });
      block =
        name === 'GPU models and configuration'
          ? 'gpu'
          : name === 'cuDNN version'
            ? 'cudnn'
            : name === 'CPU'
              ? 'cpu'
              : name === 'Versions of relevant libraries'
                ? 'libs'
                : undefined;
      if (block === 'cudnn' && value && !/^Probably one of the following/.test(value)) block = undefined;
      return;
    }
    if (block === 'gpu') {
      if (/^GPU \d+:/.test(line.trim())) f.gpuLines.push(line.trim());
      else if (line.trim() === '') block = f.gpuLines.length ? undefined : 'gpu';
      else block = undefined;
    } else if (block === 'cudnn') {
      if (line.trim() && (line.startsWith('/') || /^[A-Za-z]:\\/.test(line))) f.cudnnPaths.push(line.trim());
      else block = undefined;
    } else if (block === 'cpu') {
      if (line.trim() === '') block = undefined;
      else f.cpuLines.push(line);
    } else if (block === 'libs') {
      if (/^\[(pip3?|conda)\]/.test(line)) f.libLines.push({ text: line, line: i + 1 });
      else if (line.trim() !== '') block = undefined;
    }
  });
  return f;
}

function parseOs(osLine: string | undefined, platform: string | undefined, libc: string | undefined): OsFacet | undefined {
  const os: OsFacet = { status: 'ok' };
  const arch = osLine ? /\((x86_64|arm64|aarch64|i386|i686|ppc64le|s390x|AMD64|64-bit)\)\s*$/.exec(osLine)?.[1] : undefined;
  const pretty = osLine?.replace(/\s*\([^)]*\)\s*$/, '').trim();
  // `Linux-5.15.0-56-generic-x86_64-with-glibc2.35`, `macOS-12.5-arm64-arm-64bit`, `Windows-10-10.0.22000-SP0`
  if (platform) {
    os.name = osNameOf(platform);
    const m = /^(?:Linux|macOS|Darwin)-.*?-(x86_64|aarch64|arm64|ppc64le|s390x|i686)(?:-|$)/.exec(platform);
    if (m) os.arch = m[1];
  }
  if (!os.name && pretty)
    os.name = /^(Mac OSX|macOS)\b/.test(pretty) ? 'darwin' : /^Microsoft Windows\b/.test(pretty) ? 'windows' : 'linux';
  if (!os.arch && arch && !/bit$/.test(arch)) os.arch = arch === 'AMD64' ? 'x86_64' : arch;
  if (os.name === 'linux' && pretty) {
    const distro = linuxDistroFromName(pretty);
    if (distro) os.distro = distro;
  }
  const glibc = /^glibc-(\d+\.\d+)/.exec(libc ?? '')?.[1] ?? /with-glibc(\d+\.\d+)/.exec(platform ?? '')?.[1];
  if (glibc) os.libc = { family: 'glibc', version: glibc };
  return os.name || os.arch ? os : undefined;
}

function parseCpu(block: string[]): CpuFacet | undefined {
  if (block.length === 0) return undefined;
  const field = (re: RegExp) => block.map((l) => re.exec(l)?.[1]?.trim()).find((v) => v);
  // lscpu `Model name:  …`; Windows wmic `Name=…` (torch 2.0–2.4) or `Name: …` (2.5+); macOS one line
  const model =
    field(/^Model name:\s*(.+)$/) ??
    field(/^Name\s*[=:]\s*(.+)$/) ??
    (block.length === 1 && !block[0]!.includes(':') ? block[0]!.trim() : undefined);
  const vendor = field(/^Vendor ID:\s*(.+)$/) ?? field(/^Manufacturer\s*[=:]\s*(.+)$/);
  const cores = Number(field(/^CPU\(s\):\s*(\d+)$/));
  const flags = field(/^Flags:\s*(.+)$/);
  if (!model && !vendor) return undefined;
  return {
    status: 'ok',
    ...(model ? { model } : {}),
    ...(vendor ? { vendor } : {}),
    ...(Number.isInteger(cores) && cores > 0 ? { logicalCores: cores } : {}),
    ...(flags ? { flags: [...new Set(flags.split(/\s+/))].sort() } : {}),
  };
}

/** The cuDNN the report names: a version, or the version in a library file name. */
function parseCudnn(value: string | undefined, paths: string[]): string | undefined {
  const v = known(value);
  if (v && !/^Probably one of the following/.test(v) && !v.includes('/') && !v.includes('\\')) return v;
  const files = [...(v ? [v] : []), ...paths];
  // libcudnn.so.8.4.1 (Linux), cudnn64_7.dll / cudnn_ops_train64_8.dll (Windows: the major only)
  const full = files.map((p) => /libcudnn\.so\.(\d+(?:\.\d+)*)$/.exec(p)?.[1]).find((x) => x);
  if (full) return full;
  return files.map((p) => /cudnn[a-z_]*64_(\d+)\.dll$/i.exec(p)?.[1]).find((x) => x);
}

function parseGpu(f: Fields, meta: Record<string, string>): GpuFacet | undefined {
  const gpu: GpuFacet = { status: 'ok' };
  const driver = known(f.values.get('Nvidia driver version')?.value);
  const inline = known(f.values.get('GPU models and configuration')?.value);
  const listed = f.gpuLines.length ? f.gpuLines : inline && /^GPU \d+:/.test(inline) ? [inline] : [];
  const devices = listed
    .map((l) => /^GPU (\d+):\s*(.+?)(?:\s+\(UUID: [^)]*\))?$/.exec(l))
    .filter((m) => m)
    .map((m) => ({ index: Number(m![1]), name: m![2]! }));
  // ROCm builds print the device name alone (`AMD Radeon RX 7900 XTX (gfx1100)`, `Device 66a1`).
  if (devices.length === 0 && inline && !/^GPU \d+:/.test(inline)) devices.push({ index: 0, name: inline });
  if (driver) gpu.driver = { vendor: 'nvidia', version: driver };
  else if (devices.length && known(f.values.get('HIP runtime version')?.value)) gpu.driver = { vendor: 'amd' };
  if (devices.length) gpu.devices = devices;
  const nvcc = known(f.values.get('CUDA runtime version')?.value);
  if (nvcc && /^\d+(\.\d+)+$/.test(nvcc)) gpu.toolkit = { nvcc };
  const cudnn = parseCudnn(f.values.get('cuDNN version')?.value, f.cudnnPaths);
  if (cudnn) gpu.cudnn = cudnn;
  const hip = known(f.values.get('HIP runtime version')?.value);
  if (hip) meta['hipRuntimeVersion'] = hip;
  return gpu.driver || gpu.devices || gpu.toolkit || gpu.cudnn ? gpu : undefined;
}

function parseLibraries(f: Fields, problems: ImportProblem[]): { pip: PythonPackage[]; conda: CondaPackage[] } {
  const pip = new Map<string, PythonPackage>();
  const conda: CondaPackage[] = [];
  for (const { text, line } of f.libLines) {
    const m = /^\[(pip3?|conda)\]\s+(.*)$/.exec(text);
    const body = m?.[2]?.trim() ?? '';
    if (!m || /^Could not collect$/.test(body)) continue;
    if (m[1] !== 'conda') {
      // `numpy==1.23.3` (pip freeze form) or `numpy (1.14.2)` (pip list legacy form, torch ≤ 1.0)
      const p = /^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$/.exec(body) ?? /^([A-Za-z0-9][A-Za-z0-9._-]*) \((\S+)\)$/.exec(body);
      if (!p) {
        problems.push({ line, message: `cannot read the pip line "${text.slice(0, 120)}"` });
        continue;
      }
      const name = normalizePypiName(p[1]!);
      if (!pip.has(name)) pip.set(name, { name, version: p[2]! });
      continue;
    }
    // `numpy  1.23.3  pypi_0  pypi`, `pytorch 1.11.0 py3.9_cuda11.3_cudnn8_0 pytorch`, legacy `torch 0.4.0a0 <pip>`
    const cols = body.split(/\s+/);
    if (cols.length < 2) {
      problems.push({ line, message: `cannot read the conda line "${text.slice(0, 120)}"` });
      continue;
    }
    const [name, version, build, channel] = cols;
    conda.push({
      name: name!.toLowerCase(),
      version: version!,
      ...(build && build !== '<pip>' ? { build } : {}),
      ...(channel ? { channel } : build === '<pip>' || build === 'pypi_0' ? { channel: 'pypi' } : {}),
    });
  }
  return { pip: [...pip.values()].sort(byName), conda: conda.sort(byName) };
}

export function parseCollectEnv(input: ImportInput): ImportOutcome {
  const all = lines(input.text);
  const f = collect(all);
  if (!f.values.has('PyTorch version')) return { kind: 'collect-env', error: 'no "PyTorch version:" line: not a collect_env report' };
  const problems: ImportProblem[] = [];
  const meta: Record<string, string> = {};
  const get = (k: (typeof KEYS)[number]) => known(f.values.get(k)?.value);
  const setMeta = (k: string, v: string | undefined) => {
    if (v) meta[k] = v;
  };
  setMeta('torchVersion', get('PyTorch version'));
  setMeta('torchDebugBuild', get('Is debug build'));
  setMeta('cudaUsedToBuildTorch', get('CUDA used to build PyTorch'));
  setMeta('rocmUsedToBuildTorch', get('ROCM used to build PyTorch'));
  setMeta('cudaAvailable', get('Is CUDA available'));
  setMeta('xpuAvailable', get('Is XPU available'));

  const facets: ImportedFacets = {};
  const os = parseOs(get('OS'), get('Python platform'), get('Libc version'));
  if (os) facets.os = os;
  const cpu = parseCpu(f.cpuLines);
  if (cpu) facets.cpu = cpu;
  const gpu = parseGpu(f, meta);
  if (gpu) facets.gpu = gpu;

  const python: PythonFacet = { status: 'ok' };
  // `3.9.13 (main, Apr  5 2022, 06:56:58)  [GCC 7.5.0] (64-bit runtime)`; torch ≤ 1.6 printed `3.6`
  const pyVersion = /^(\d+\.\d+(?:\.\d+)?(?:[a-z]+\d*)?)/.exec(get('Python version') ?? '')?.[1];
  if (pyVersion) python.version = pyVersion;
  const libs = parseLibraries(f, problems);
  if (libs.pip.length) {
    python.packages = libs.pip;
    meta['packagesFiltered'] = 'collect_env lists only the packages whose names it finds relevant';
  }
  if (libs.conda.length) python.conda = { prefix: '', packages: libs.conda };
  if (python.version || python.packages || python.conda) facets.python = python;
  return { kind: 'collect-env', facets, problems, meta };
}

export const collectEnvParser: ImportParser = {
  kind: 'collect-env',
  title: 'PyTorch collect_env report',
  detect: detectCollectEnv,
  parse: parseCollectEnv,
};
