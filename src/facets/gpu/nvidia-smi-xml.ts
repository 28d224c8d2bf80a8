// `nvidia-smi -q -x`: the full device query as XML (root <nvidia_smi_log>, DTDs nvsmi_device_v9 …
// v13 shipped with the driver; NVIDIA's nvidia-smi documentation: https://docs.nvidia.com/deploy/nvidia-smi/).
// THE reader of it: the gpu probe's fallback when `--query-gpu` fails (and its source of MIG
// instances), and `envdiff import` of a saved report (src/import/nvidia-smi-xml.ts).
// Fixtures: fixtures/gpu/nvidia-smi-xml-* (drivers 384 to 595, Linux and Windows, two with MIG).
//   <nvidia_smi_log>
//     <driver_version>535.54.03</driver_version>
//     <cuda_version>12.2</cuda_version>            absent before ~410; "Not Found" when libcuda failed
//     <gpu id="00000000:01:00.0">
//       <product_name>NVIDIA A100-SXM4-40GB</product_name>
//       <mig_mode><current_mig>Enabled</current_mig>…</mig_mode>
//       <mig_devices><mig_device><index>0</index><gpu_instance_id>3</gpu_instance_id>
//         <compute_instance_id>0</compute_instance_id>
//         <device_attributes><shared><multiprocessor_count>14</multiprocessor_count>…
//         <fb_memory_usage><total>19968 MiB</total>…</mig_device></mig_devices>
//       <fb_memory_usage><total>40960 MiB</total>…
// A device's index is its position in the report: nvidia-smi numbers GPUs in the order it lists
// them (PCI bus order). UUIDs, serial numbers, bus ids, processes and utilisation are never read.
// The XML has no compute capability: it is derived from the product name (src/data/compute-capability.ts).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { computeCapabilityOfName } from '../../data/compute-capability.js';
import type { GpuDevice, MigDevice } from './types.js';

export interface NvidiaSmiXml {
  driverVersion?: string;
  cudaDriverVersion?: string;
  devices: GpuDevice[];
  /** What could not be read, for import's problem list. */
  problems: string[];
  /** The DTD the report names (`nvsmi_device_v12.dtd`). */
  dtd?: string;
}

export const NVIDIA_SMI_XML_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE\s+nvidia_smi_log[^>]*>\s*)?<nvidia_smi_log[\s>]/;

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(node: unknown, ...path: string[]): string | undefined {
  let cur: unknown = node;
  for (const p of path) {
    if (!isNode(cur)) return undefined;
    cur = cur[p];
  }
  if (typeof cur === 'string' || typeof cur === 'number') {
    const t = String(cur).trim();
    return t && !/^(N\/A|Not Found|\[N\/A\]|\[Not Supported\]|Unknown Error)$/i.test(t) ? t : undefined;
  }
  return undefined;
}

/** `40960 MiB` → 40960. */
function mib(value: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*MiB$/.exec(value ?? '');
  return m ? Number(m[1]) : undefined;
}

function int(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Reads the report; a string says why it is not one. Never throws. */
export function readNvidiaSmiXml(xml: string): NvidiaSmiXml | string {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`;
  const doc = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: false,
    isArray: (name) => name === 'gpu' || name === 'mig_device',
  }).parse(xml) as Node;
  const log = doc['nvidia_smi_log'];
  if (!isNode(log)) return 'no <nvidia_smi_log> element: not nvidia-smi -q -x output';
  const out: NvidiaSmiXml = { devices: [], problems: [] };
  const dtd = /<!DOCTYPE\s+nvidia_smi_log\s+SYSTEM\s+"([^"]+)"/.exec(xml)?.[1];
  if (dtd) out.dtd = dtd;
  const driver = text(log, 'driver_version');
  if (driver) out.driverVersion = driver;
  const cuda = text(log, 'cuda_version');
  if (cuda && /^\d+\.\d+/.test(cuda)) out.cudaDriverVersion = cuda;
  else if (typeof log['cuda_version'] === 'string')
    out.problems.push(`<cuda_version> says "${log['cuda_version'].slice(0, 40)}", not a version`);
  const gpus = Array.isArray(log['gpu']) ? (log['gpu'] as unknown[]) : [];
  gpus.forEach((g, index) => {
    const name = text(g, 'product_name');
    if (!name) {
      out.problems.push(`<gpu> number ${index} has no <product_name>`);
      return;
    }
    const device: GpuDevice = { index, name };
    const memory = mib(text(g, 'fb_memory_usage', 'total'));
    if (memory !== undefined) device.memoryMiB = memory;
    const cc = computeCapabilityOfName(name);
    if (cc) {
      device.computeCapability = cc;
      device.computeCapabilityFrom = 'name';
    }
    const mig = text(g, 'mig_mode', 'current_mig');
    if (mig) device.migMode = mig.toLowerCase();
    const migNodes =
      isNode(g) && isNode(g['mig_devices']) && Array.isArray(g['mig_devices']['mig_device'])
        ? (g['mig_devices']['mig_device'] as unknown[])
        : [];
    const migDevices: MigDevice[] = [];
    migNodes.forEach((m, i) => {
      const d: MigDevice = { index: int(text(m, 'index')) ?? i };
      const gi = int(text(m, 'gpu_instance_id'));
      const ci = int(text(m, 'compute_instance_id'));
      const mem = mib(text(m, 'fb_memory_usage', 'total'));
      const sm = int(text(m, 'device_attributes', 'shared', 'multiprocessor_count'));
      if (gi !== undefined) d.gpuInstanceId = gi;
      if (ci !== undefined) d.computeInstanceId = ci;
      if (mem !== undefined) d.memoryMiB = mem;
      if (sm !== undefined) d.multiprocessorCount = sm;
      migDevices.push(d);
    });
    if (migDevices.length) device.migDevices = migDevices;
    out.devices.push(device);
  });
  const attached = int(text(log, 'attached_gpus'));
  if (attached !== undefined && attached !== gpus.length)
    out.problems.push(`<attached_gpus> says ${attached} but ${gpus.length} <gpu> elements are listed`);
  if (!out.driverVersion && out.devices.length === 0) return 'neither a driver version nor a GPU in the report';
  return out;
}
