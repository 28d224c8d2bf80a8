// Instruction sets installed packages need, across facets: the baseline's python packages
// (src/data/isa-requirements.ts) against the target's cpu flags.
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { normalizeArch } from '../../data/arch.js';
import { ISA_REQUIREMENTS } from '../../data/isa-requirements.js';
import type { CompareContext } from '../../facets/index.js';
import { getScheme } from '../../versioning/index.js';
import type { CrossFacetRule } from './types.js';

export const ISA_RULES = defineRules('cpu', {
  'isa-required-by-package': {
    severity: 'error',
    title: 'An installed package needs an instruction set the target CPU lacks',
    help: 'Importing it crashes with "Illegal instruction" (TensorFlow ≥ 1.6 needs AVX, for example). Run on a CPU with the instruction set, or install a build made for older CPUs. The severity per package comes from src/data/isa-requirements.ts.',
    reads: ['python', 'cpu', 'os'],
  },
});

/** ISA_REQUIREMENTS (src/data/isa-requirements.ts) against the baseline's installed Python packages. */
export function compareIsaNeeds(ctx: CompareContext): Finding[] {
  const cpuA = ctx.baseline.facets.cpu;
  const cpuB = ctx.target.facets.cpu;
  if (cpuA?.status !== 'ok' || cpuB?.status !== 'ok') return [];
  // Across architectures every flag differs; os/arch already reports the one fact that matters.
  const archA = ctx.baseline.facets.os?.status === 'ok' ? normalizeArch(ctx.baseline.facets.os.arch) : undefined;
  const archB = ctx.target.facets.os?.status === 'ok' ? normalizeArch(ctx.target.facets.os.arch) : undefined;
  if (archA !== undefined && archB !== undefined && archA !== archB) return [];
  const targetFlags = new Set(cpuB.flags ?? []);
  // An empty flag list means "not read" (e.g. macOS on Apple silicon), not "no features".
  if (targetFlags.size === 0) return [];
  const python = ctx.baseline.facets.python;
  if (python?.status !== 'ok') return [];
  const pep440 = getScheme('pep440');
  const findings: Finding[] = [];
  for (const pkg of python.packages ?? []) {
    for (const req of ISA_REQUIREMENTS) {
      if (req.package !== pkg.name) continue;
      if (req.since !== undefined && pep440.compare(pkg.version, req.since) < 0) continue;
      const lacking = req.flags.filter((f) => !targetFlags.has(f));
      if (lacking.length === 0) continue;
      findings.push(
        finding(ISA_RULES['isa-required-by-package'], {
          severity: req.severity,
          subject: pkg.name,
          baseline: `${pkg.name} ${pkg.version} needs ${req.flags.join(' ')}`,
          target: `no ${lacking.join(' ')}`,
          message: `${pkg.name} ${pkg.version} needs ${lacking.join(', ')}, which the target CPU lacks: importing it crashes with "Illegal instruction" (${req.source})`,
          hint: `run on a CPU with ${lacking.join(', ')}, or install a build made for older CPUs`,
        }),
      );
    }
  }
  return findings;
}

export const isaNeeds: CrossFacetRule = {
  name: 'isa-needs',
  catalog: Object.values(ISA_RULES),
  run: compareIsaNeeds,
};
