// Instruction sets the installed Python packages need (src/data/isa-requirements.ts) against this
// machine's own CPU flags, or the flags its x86-64 level guarantees (src/rules/isa-support.ts).
import type { Finding } from '../../core/findings.js';
import type { Fingerprint } from '../../facets/index.js';
import { HERE } from '../cuda-support.js';
import { cpuFlags, isaFindings } from '../isa-support.js';
import type { ConsistencyRule } from './types.js';

export function checkCpuIsa(fp: Fingerprint): Finding[] {
  const cpu = fp.facets.cpu;
  const py = fp.facets.python;
  if (cpu?.status !== 'ok' || py?.status !== 'ok') return [];
  // A Python of another architecture (x86_64 under Rosetta 2 on an arm64 Mac) sees the CPU the
  // translator emulates, not the flags the cpu probe read.
  return isaFindings(py.packages ?? [], cpuFlags(cpu), HERE);
}

export const cpuIsa: ConsistencyRule = {
  name: 'cpu-isa',
  catalog: [],
  run: checkCpuIsa,
};
