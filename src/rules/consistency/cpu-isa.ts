// Instruction sets the installed Python packages need (src/data/isa-requirements.ts) against this
// machine's own CPU flags, or the flags its x86-64 level guarantees (src/rules/isa-support.ts).
import type { Finding } from '../../core/findings.js';
import { normalizeArch } from '../../data/arch.js';
import type { Fingerprint } from '../../facets/index.js';
import { HERE } from '../where.js';
import { cpuFlags, isaFindings } from '../isa-support.js';
import type { ConsistencyRule } from './types.js';

export function checkCpuIsa(fp: Fingerprint): Finding[] {
  const cpu = fp.facets.cpu;
  const py = fp.facets.python;
  if (cpu?.status !== 'ok' || py?.status !== 'ok') return [];
  // The table names x86 flags (AVX, AVX2): an arm64 machine runs the packages' arm64 builds.
  const os = fp.facets.os?.status === 'ok' ? fp.facets.os : undefined;
  const arch = normalizeArch(os?.arch);
  const x86 = arch === undefined ? cpu.x86Level !== undefined : arch === 'x86_64' || arch === 'x86';
  if (!x86) return [];
  return isaFindings(py.packages ?? [], cpuFlags(cpu), HERE);
}

export const cpuIsa: ConsistencyRule = {
  name: 'cpu-isa',
  catalog: [],
  run: checkCpuIsa,
};
