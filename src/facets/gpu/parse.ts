// gpu parser: the gpu probe's sections (probes/gpu.sh) → GpuFacet. Pure; never throws.
//
// Real input (utkuozdemir/nvidia_gpu_exporter internal/captures/*, masked by that project):
//   ### nvidia-smi            (probe: `rc=N`, then only the version line of the banner)
//   | NVIDIA-SMI 590.48.01              Driver Version: 590.48.01      CUDA Version: 13.1     |
//   (driver 610 renamed them: "KMD Version: 610.43.02     CUDA UMD Version: 13.3")
//   ### nvidia-smi-query      (`--format=csv,nounits` keeps the header; columns are found by name)
//   index, name, driver_version, memory.total [MiB], compute_cap, mig.mode.current
//   0, NVIDIA H100 80GB HBM3, 590.48.01, 81559, 9.0, Disabled
//   ### nvidia-smi-q-x.xml    (`nvidia-smi -q -x`, only the elements read here, no UUIDs or bus
//                              ids: when the query fails, and for MIG instances; ./nvidia-smi-xml.ts)
//   ### nvcc
//   Cuda compilation tools, release 12.1, V12.1.105
//   ### cudnn-header
//   #define CUDNN_MAJOR 8
// Failures, verbatim from nvidia-smi:
//   NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure …
//   No devices were found
//   Field "compute_cap" is not a valid field to query.     (driver 470; exit 2)
//
// Decisions: toolkit.nvcc is the full "V" version (12.1.105), because CUDA's driver table
// distinguishes updates of one minor release (src/data/cuda-driver-floors.ts); the major.minor is its prefix.
// "No devices were found" is `absent` (the driver answered: there is no GPU); a driver that does
// not answer is `error`. A driver that answers while its devices cannot be listed is `ok` with
// `devicesError` and no `devices`: unknown, never zero. A compute capability the driver does not
// report is derived from the product name and marked `computeCapabilityFrom: "name"`. GPU UUIDs,
// serials and bus ids are never read, even when present, and are cut out of error messages.
import type { GpuDevice, GpuFacet } from './types.js';
import { splitSubsections, type ProbeSection } from '../../core/sections.js';
import { computeCapabilityOfName } from '../../data/compute-capability.js';
import type { ParseContext } from '../types.js';
import { readNvidiaSmiXml } from './nvidia-smi-xml.js';

/** The probe's query field lists, longest first (probes/gpu.sh), for header-less CSV. */
const QUERY_FIELD_LISTS: readonly (readonly string[])[] = [
  ['index', 'name', 'driver_version', 'memory.total', 'compute_cap', 'mig.mode.current'],
  ['index', 'name', 'driver_version', 'memory.total', 'mig.mode.current'],
  ['index', 'name', 'driver_version', 'memory.total'],
];

const NVIDIA_FAILURES: readonly RegExp[] = [
  /NVIDIA-SMI has failed[^\n]*/,
  /Failed to initialize NVML[^\n]*/,
  /Unable to determine the device handle[^\n]*/,
  /Driver\/library version mismatch[^\n]*/,
];

export function parseGpu(section: ProbeSection, _ctx: ParseContext): GpuFacet {
  // 143: the bundle's watchdog killed the probe (src/core/sections.ts) — "could not tell".
  if (section.exitCode === 143) {
    return { status: 'error', reason: 'gpu probe was killed by the per-probe time limit' };
  }
  try {
    return parseGpuText(section.text);
  } catch (e) {
    return { status: 'error', reason: `gpu: could not parse probe output (${(e as Error).message})` };
  }
}

/** A probe sub-section may start with `rc=N` (the command's exit status). */
function splitRc(body: string): { rc?: number; text: string } {
  const m = /^rc=(\d+)\n?/.exec(body);
  return m ? { rc: Number(m[1]), text: body.slice(m[0].length) } : { text: body };
}

/** PCI bus ids (`00000000:01:00.0`, `0000:3B:00.0`) identify a machine: never in a reason. */
function withoutBusIds(text: string): string {
  return text.replace(/[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-9a-f]/gi, '<bus id>');
}

function firstLine(text: string): string {
  return withoutBusIds((text.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 200));
}

function parseGpuText(text: string): GpuFacet {
  const subs = splitSubsections(text);
  const extras = readToolkit(subs);
  const smi = subs.get('nvidia-smi');
  const xml = subs.get(XML_SECTION);
  if (smi !== undefined) return withExtras(readNvidia(smi, subs.get('nvidia-smi-query'), xml), extras);
  // A saved `nvidia-smi -q -x` alone (the fixtures' form): everything comes from it.
  if (xml !== undefined) return withExtras(readXmlAlone(xml), extras);
  const profiler = subs.get('system_profiler');
  if (profiler !== undefined) return withExtras(readSystemProfiler(profiler), extras);
  const os = subs.get('uname-s')?.trim();
  const reason = os === 'Darwin' ? 'no GPU reported by system_profiler' : 'no nvidia-smi on PATH';
  return withExtras({ status: 'absent', reason }, extras);
}

const XML_SECTION = 'nvidia-smi-q-x.xml';

function readNvidia(smiBody: string, queryBody: string | undefined, xmlBody: string | undefined): GpuFacet {
  const { rc, text } = splitRc(smiBody);
  if (rc === 124 || rc === 137 || rc === 143) {
    return { status: 'error', reason: 'nvidia-smi did not answer within 10 s and was killed (wedged driver?)' };
  }
  for (const re of NVIDIA_FAILURES) {
    const m = re.exec(text);
    if (m) return { status: 'error', reason: `nvidia-smi: ${withoutBusIds(m[0].trim())}` };
  }
  if (/No devices were found/.test(text)) {
    return { status: 'absent', reason: 'nvidia-smi: No devices were found' };
  }
  if (rc !== undefined && rc !== 0) {
    return { status: 'error', reason: `nvidia-smi exited ${rc}: ${firstLine(text) || 'no output'}` };
  }

  const driverVersion = /(?:Driver|KMD) Version:\s*([0-9][0-9.]*)/.exec(text)?.[1];
  const cuda = /CUDA (?:UMD )?Version:\s*([0-9][0-9.]*)/.exec(text)?.[1];
  const query = queryBody !== undefined ? readQuery(queryBody) : undefined;
  const xml = xmlBody !== undefined ? readXml(xmlBody) : undefined;
  const listed = typeof query === 'object' ? query : undefined;
  const version = driverVersion ?? listed?.driver ?? (typeof xml === 'object' ? xml.driverVersion : undefined);
  let devices: GpuDevice[] | undefined;
  let devicesError: string | undefined;
  if (listed) {
    devices = withMigInstances(listed.devices, typeof xml === 'object' ? xml.devices : undefined);
  } else if (typeof xml === 'object' && xml.devices.length > 0) {
    devices = xml.devices;
  } else {
    // The driver answered (its banner was read) but its devices could not be listed: unknown, not none.
    const why = [
      typeof query === 'string' ? query : 'nvidia-smi --query-gpu printed nothing',
      typeof xml === 'string' ? `nvidia-smi -q -x: ${xml}` : undefined,
    ];
    devicesError = why.filter(Boolean).join('; ');
  }
  if (!version && !devices?.length) {
    return {
      status: 'error',
      reason: `could not read nvidia-smi output: ${firstLine(text) || 'empty'}${devicesError ? ` (${devicesError})` : ''}`,
    };
  }
  const out: GpuFacet = { status: 'ok', driver: { vendor: 'nvidia', ...(version ? { version } : {}) } };
  if (cuda) out.cudaDriverVersion = cuda;
  else if (typeof xml === 'object' && xml.cudaDriverVersion) out.cudaDriverVersion = xml.cudaDriverVersion;
  if (devices) out.devices = devices;
  if (devicesError) out.devicesError = devicesError;
  return out;
}

/** `rc=N` then the filtered XML; a string says why it gave nothing. */
function readXml(body: string): ReturnType<typeof readNvidiaSmiXml> {
  const { rc, text } = splitRc(body);
  if (rc !== undefined && rc !== 0) return `exited ${rc}: ${firstLine(text) || 'no output'}`;
  const read = readNvidiaSmiXml(text);
  return typeof read === 'string' ? withoutBusIds(read) : read;
}

function readXmlAlone(body: string): GpuFacet {
  const xml = readXml(body);
  if (typeof xml === 'string') return { status: 'error', reason: `nvidia-smi -q -x: ${xml}` };
  const out: GpuFacet = { status: 'ok', driver: { vendor: 'nvidia', ...(xml.driverVersion ? { version: xml.driverVersion } : {}) } };
  if (xml.cudaDriverVersion) out.cudaDriverVersion = xml.cudaDriverVersion;
  out.devices = xml.devices;
  return out;
}

/** The query's devices, each with the MIG instances `-q -x` lists for the GPU at its index. */
function withMigInstances(devices: GpuDevice[], fromXml: readonly GpuDevice[] | undefined): GpuDevice[] {
  if (!fromXml) return devices;
  return devices.map((d) => {
    const x = fromXml.find((e) => e.index === d.index && e.name === d.name);
    return x?.migDevices ? { ...d, migDevices: x.migDevices } : d;
  });
}

function cell(v: string | undefined): string | undefined {
  const t = v?.trim();
  if (!t || /^\[?N\/A\]?$/i.test(t) || /^\[.*\]$/.test(t)) return undefined;
  return t;
}

/** `--query-gpu` CSV, with or without header and units. */
function readQuery(body: string): { devices: GpuDevice[]; driver?: string } | string {
  const { rc, text } = splitRc(body);
  if (rc !== undefined && rc !== 0) return `nvidia-smi --query-gpu exited ${rc}: ${firstLine(text) || 'no output'}`;
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // nvidia-smi that answered its banner lists at least one GPU ("No devices were found" otherwise).
  if (lines.length === 0) return 'nvidia-smi --query-gpu printed nothing';
  let header: string[];
  let rows = lines;
  if (/^[A-Za-z]/.test(lines[0]!)) {
    header = lines[0]!.split(',').map((h) => h.trim().replace(/\s*\[[^\]]*\]$/, ''));
    rows = lines.slice(1);
  } else {
    const width = lines[0]!.split(',').length;
    const list = QUERY_FIELD_LISTS.find((l) => l.length === width);
    if (!list) return `nvidia-smi --query-gpu printed ${width} columns, not a field list the probe asks for: ${firstLine(text)}`;
    header = [...list];
  }
  const col = (name: string) => header.indexOf(name);
  const iIndex = col('index');
  const iName = col('name') >= 0 ? col('name') : col('gpu_name');
  const iMem = col('memory.total');
  const iCap = col('compute_cap');
  const iMig = col('mig.mode.current');
  const iDriver = col('driver_version');
  if (iName < 0) return `nvidia-smi --query-gpu printed no name column: ${firstLine(text)}`;
  const devices: GpuDevice[] = [];
  let driver: string | undefined;
  for (const [n, row] of rows.entries()) {
    const cells = row.split(',');
    // A row of another width is not what the query prints (a cut line): the list is not trusted.
    if (cells.length !== header.length) return `nvidia-smi --query-gpu printed a row that is not a device record: ${firstLine(row)}`;
    const name = cell(cells[iName]);
    if (!name) continue;
    const index = iIndex >= 0 ? Number.parseInt(cells[iIndex] ?? '', 10) : n;
    const dev: GpuDevice = { index: Number.isFinite(index) ? index : n, name };
    const mem = iMem >= 0 ? /^(\d+)/.exec(cell(cells[iMem]) ?? '')?.[1] : undefined;
    if (mem) dev.memoryMiB = Number(mem);
    const cap = iCap >= 0 ? cell(cells[iCap]) : undefined;
    if (cap && /^\d+\.\d+$/.test(cap)) dev.computeCapability = cap;
    else {
      // A driver that refuses compute_cap (470), or answers [N/A]: NVIDIA's table by product name.
      const derived = computeCapabilityOfName(name);
      if (derived) {
        dev.computeCapability = derived;
        dev.computeCapabilityFrom = 'name';
      }
    }
    const mig = iMig >= 0 ? cell(cells[iMig]) : undefined;
    if (mig) dev.migMode = mig.toLowerCase();
    driver ??= iDriver >= 0 ? cell(cells[iDriver]) : undefined;
    devices.push(dev);
  }
  if (devices.length === 0) return `nvidia-smi --query-gpu listed no device: ${firstLine(text)}`;
  devices.sort((a, b) => a.index - b.index);
  return { devices, ...(driver ? { driver } : {}) };
}

// `system_profiler SPDisplaysDataType` (filtered by the probe to GPU lines):
//   Chipset Model: Radeon Pro Vega 64 / VRAM (Total): 16 GB / Vendor: AMD (0x1002)
//   Chipset Model: Apple M1 Pro / Total Number of Cores: 16 / Vendor: Apple (0x106b)
function readSystemProfiler(body: string): GpuFacet {
  const devices: GpuDevice[] = [];
  let vendor: string | undefined;
  for (const raw of body.split('\n')) {
    const m = /^\s*([A-Za-z][A-Za-z ()]*?):\s*(.*?)\s*$/.exec(raw);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'Chipset Model' && value) devices.push({ index: devices.length, name: value });
    const dev = devices.at(-1);
    if (!dev) continue;
    if (key === 'Vendor' && value)
      vendor ??= value
        .replace(/\s*\(0x[0-9a-f]+\)$/i, '')
        .replace(/^sppci_vendor_/i, '')
        .toLowerCase();
    const vram = /^(\d+)\s*(MB|GB)$/i.exec(key.startsWith('VRAM') ? value : '');
    if (vram) dev.memoryMiB = Number(vram[1]) * (vram[2]!.toUpperCase() === 'GB' ? 1024 : 1);
  }
  if (devices.length === 0) return { status: 'absent', reason: 'no GPU reported by system_profiler' };
  return { status: 'ok', driver: { vendor: vendor ?? 'apple' }, devices };
}

interface Toolkit {
  nvcc?: string;
  cudnn?: string;
}

function readToolkit(subs: Map<string, string>): Toolkit {
  const out: Toolkit = {};
  // "Cuda compilation tools, release 12.1, V12.1.105"
  const nvcc = /release (\d+\.\d+)(?:, V(\d+\.\d+\.\d+))?/.exec(subs.get('nvcc') ?? '');
  if (nvcc) out.nvcc = nvcc[2] ?? nvcc[1];
  const header = subs.get('cudnn-header') ?? '';
  const part = (n: string) => new RegExp(`^#define CUDNN_${n}\\s+(\\d+)`, 'm').exec(header)?.[1];
  if (part('MAJOR') && part('MINOR')) {
    out.cudnn = [part('MAJOR'), part('MINOR'), part('PATCHLEVEL')].filter(Boolean).join('.');
  } else {
    // libcudnn.so.9.5.0 (the file the SONAME libcudnn.so.9 links to): take the longest version.
    const versions = [...(subs.get('cudnn-libs') ?? '').matchAll(/libcudnn\.so\.(\d+(?:\.\d+)*)/g)].map((m) => m[1]!);
    const best = versions.sort((a, b) => b.split('.').length - a.split('.').length || compareDotted(b, a))[0];
    if (best) out.cudnn = best;
  }
  return out;
}

function compareDotted(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function withExtras(f: GpuFacet, t: Toolkit): GpuFacet {
  const out: GpuFacet = { status: f.status };
  if (f.reason !== undefined) out.reason = f.reason;
  if (f.driver !== undefined) out.driver = f.driver;
  if (f.cudaDriverVersion !== undefined) out.cudaDriverVersion = f.cudaDriverVersion;
  if (f.devices !== undefined) out.devices = f.devices;
  if (f.devicesError !== undefined) out.devicesError = f.devicesError;
  if (t.nvcc) out.toolkit = { nvcc: t.nvcc };
  if (t.cudnn) out.cudnn = t.cudnn;
  return out;
}
