// Instruction sets installed packages need, across facets: the baseline's python packages
// (src/data/isa-requirements.ts) against the target's cpu flags; the judgment is shared with
// `check` (src/rules/isa-support.ts).
import type { Finding } from '../../core/findings.js';
import { normalizeArch } from '../../data/arch.js';
import type { CompareContext } from '../../facets/index.js';
import { ON_TARGET } from '../where.js';
import { ISA_RULES, isaFindings } from '../isa-support.js';
import type { CrossFacetRule } from './types.js';

export { ISA_RULES } from '../isa-support.js';

/** ISA_REQUIREMENTS (src/data/isa-requirements.ts) against the baseline's installed Python packages. */
export function compareIsaNeeds(ctx: CompareContext): Finding[] {
  const cpuA = ctx.baseline.facets.cpu;
  const cpuB = ctx.target.facets.cpu;
  if (cpuA?.status !== 'ok' || cpuB?.status !== 'ok') return [];
  // Across architectures every flag differs; os/arch already reports the one fact that matters.
  const archA = ctx.baseline.facets.os?.status === 'ok' ? normalizeArch(ctx.baseline.facets.os.arch) : undefined;
  const archB = ctx.target.facets.os?.status === 'ok' ? normalizeArch(ctx.target.facets.os.arch) : undefined;
  if (archA !== undefined && archB !== undefined && archA !== archB) return [];
  const python = ctx.baseline.facets.python;
  if (python?.status !== 'ok') return [];
  // An empty flag list means "not read" (e.g. macOS on Apple silicon), not "no features".
  return isaFindings(python.packages ?? [], new Set(cpuB.flags ?? []), ON_TARGET);
}

export const isaNeeds: CrossFacetRule = {
  name: 'isa-needs',
  catalog: Object.values(ISA_RULES),
  run: compareIsaNeeds,
};
