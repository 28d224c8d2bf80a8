// Which instruction sets installed Python packages need (src/data/isa-requirements.ts) against a
// CPU's flags: the one judgment behind `compare`'s isa-needs rule (the baseline's packages on the
// target's CPU: src/rules/cross-facet/isa-needs.ts) and `check`'s (this machine's packages on its
// own CPU: src/rules/consistency/cpu-isa.ts).
import { defineRules, finding, type Finding } from '../core/findings.js';
import { ISA_REQUIREMENTS } from '../data/isa-requirements.js';
import type { CpuFacet } from '../facets/cpu/types.js';
import { X86_LEVELS } from '../facets/cpu/x86-levels.js';
import type { PythonPackage } from '../facets/python/types.js';
import { pep440 } from '../versioning/pep440/index.js';
import type { Where } from './where.js';

export const ISA_RULES = defineRules('cpu', {
  'isa-required-by-package': {
    severity: 'error',
    title: 'An installed package needs an instruction set the CPU lacks',
    help: 'Importing it crashes with "Illegal instruction" (TensorFlow ≥ 1.6 needs AVX, for example). Run on a CPU with the instruction set, or install a build made for older CPUs. The severity per package comes from src/data/isa-requirements.ts.',
    reads: ['python', 'cpu', 'os'],
    source: 'https://github.com/tensorflow/tensorflow/issues/17411',
  },
});

/**
 * The CPU's flags, or, when only its x86-64 level is known, the flags that level guarantees
 * (src/facets/cpu/x86-levels.ts). An empty set means "not read" (macOS on Apple silicon), never
 * "no features": callers skip the check then.
 */
export function cpuFlags(cpu: CpuFacet): ReadonlySet<string> {
  const flags = new Set(cpu.flags ?? []);
  if (flags.size === 0 && cpu.x86Level !== undefined) {
    for (const row of X86_LEVELS) {
      if (row.level > cpu.x86Level) break;
      for (const alternatives of Object.values(row.requires)) flags.add(alternatives[0]!);
    }
  }
  return flags;
}

/** One finding per installed package (and table row) whose flags the CPU lacks. */
export function isaFindings(packages: readonly PythonPackage[], flags: ReadonlySet<string>, where: Where): Finding[] {
  if (flags.size === 0) return [];
  const findings: Finding[] = [];
  for (const pkg of packages) {
    for (const req of ISA_REQUIREMENTS) {
      if (req.package !== pkg.name) continue;
      if (req.since !== undefined && pep440.compare(pkg.version, req.since) < 0) continue;
      const lacking = req.flags.filter((f) => !flags.has(f));
      if (lacking.length === 0) continue;
      findings.push(
        finding(ISA_RULES['isa-required-by-package'], {
          severity: req.severity,
          subject: pkg.name,
          baseline: `${pkg.name} ${pkg.version} needs ${req.flags.join(' ')}`,
          target: `no ${lacking.join(' ')}`,
          message: `${pkg.name} ${pkg.version} needs ${lacking.join(', ')}, which ${where.machines} CPU lacks: importing it crashes with "Illegal instruction" (${req.source})`,
          hint: `run on a CPU with ${lacking.join(', ')}, or install a build made for older CPUs`,
        }),
      );
    }
  }
  return findings;
}
