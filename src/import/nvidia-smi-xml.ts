// `nvidia-smi -q -x` saved to a file: read by the gpu facet's own reader
// (src/facets/gpu/nvidia-smi-xml.ts), which the gpu probe uses too, so a report imported and the
// same machine captured give the same gpu facet.
import { NVIDIA_SMI_XML_ROOT, readNvidiaSmiXml } from '../facets/gpu/nvidia-smi-xml.js';
import type { GpuFacet } from '../facets/gpu/types.js';
import type { ImportInput, ImportOutcome, ImportParser } from './types.js';

export function detectNvidiaSmiXml(input: ImportInput): boolean {
  return NVIDIA_SMI_XML_ROOT.test(input.text);
}

export function parseNvidiaSmiXml(input: ImportInput): ImportOutcome {
  const read = readNvidiaSmiXml(input.text);
  if (typeof read === 'string') return { kind: 'nvidia-smi-xml', error: read };
  const gpu: GpuFacet = { status: 'ok' };
  if (read.driverVersion) gpu.driver = { vendor: 'nvidia', version: read.driverVersion };
  if (read.cudaDriverVersion) gpu.cudaDriverVersion = read.cudaDriverVersion;
  if (read.devices.length) gpu.devices = read.devices;
  return {
    kind: 'nvidia-smi-xml',
    facets: { gpu },
    problems: read.problems.map((message) => ({ message })),
    meta: read.dtd ? { dtd: read.dtd } : {},
  };
}

export const nvidiaSmiXmlParser: ImportParser = {
  kind: 'nvidia-smi-xml',
  title: 'nvidia-smi -q -x report',
  detect: detectNvidiaSmiXml,
  parse: parseNvidiaSmiXml,
};
