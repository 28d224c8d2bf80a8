// CPU rules: instruction sets the baseline had and the target lacks. Code compiled for AVX2 or
// AVX-512 does not fail politely on an older CPU: it dies with "Illegal instruction".
import type { CpuFacet, Finding } from '../../core/types.js';
import { ISA_REQUIREMENTS } from '../../data/isa-requirements.js';
import { getScheme } from '../../versioning/index.js';
import { byCodeUnit, listSome, makeFinding, normalizeArch } from '../rule-helpers.js';
import type { CompareContext } from '../types.js';

/**
 * Flags that compiled numeric code selects (x86-64 psABI levels v2–v4, compat-facts.md §4, plus
 * the ARM vector extensions). Other flags (virtualisation, power management) do not change what
 * runs.
 */
const RELEVANT_FLAGS: ReadonlySet<string> = new Set([
  'sse4_1', 'sse4_2', 'ssse3', 'popcnt', 'avx', 'avx2', 'fma', 'f16c', 'bmi1', 'bmi2', 'movbe',
  'avx_vnni', 'amx_bf16', 'amx_int8', 'amx_tile',
  // ARM: NEON (asimd) and the scalable vector extensions.
  'asimd', 'sve', 'sve2', 'asimddp', 'bf16', 'i8mm',
]);

function isRelevant(flag: string): boolean {
  return RELEVANT_FLAGS.has(flag) || flag.startsWith('avx512');
}

export function compareCpu(baseline: CpuFacet, target: CpuFacet, ctx: CompareContext): Finding[] {
  // Across architectures every flag differs; os/arch already reports the one fact that matters.
  const archA = ctx.baseline.facets.os?.status === 'ok' ? normalizeArch(ctx.baseline.facets.os.arch) : undefined;
  const archB = ctx.target.facets.os?.status === 'ok' ? normalizeArch(ctx.target.facets.os.arch) : undefined;
  if (archA !== undefined && archB !== undefined && archA !== archB) return [];

  const findings: Finding[] = [];
  if (baseline.x86Level !== undefined && target.x86Level !== undefined && target.x86Level < baseline.x86Level) {
    findings.push(
      makeFinding({
        ruleId: 'cpu/x86-level',
        severity: 'warning',
        facet: 'cpu',
        subject: 'x86-64 level',
        baseline: `x86-64-v${baseline.x86Level}`,
        target: `x86-64-v${target.x86Level}`,
        message: `the target CPU is x86-64-v${target.x86Level}, older than x86-64-v${baseline.x86Level} here: binaries built for v${baseline.x86Level} crash with "Illegal instruction"`,
        hint: 'install generic builds on the target (pip/conda select per CPU at install time), or use a newer CPU',
      }),
    );
  }

  const targetFlags = new Set(target.flags ?? []);
  // An empty flag list means "not read" (e.g. macOS on Apple silicon), not "no features".
  const missing =
    targetFlags.size === 0 ? [] : (baseline.flags ?? []).filter((f) => isRelevant(f) && !targetFlags.has(f)).sort(byCodeUnit);
  const required = targetFlags.size === 0 ? [] : packagesNeedingMissingFlags(targetFlags, ctx);
  findings.push(...required);
  if (missing.length > 0) {
    findings.push(
      makeFinding({
        ruleId: 'cpu/missing-isa',
        severity: 'warning',
        facet: 'cpu',
        subject: 'instruction sets',
        baseline: missing.join(' '),
        target: null,
        message: `the target CPU lacks ${listSome(missing, 6)}, present here; code compiled for them crashes with "Illegal instruction"`,
        hint: 'check that compiled packages (BLAS, TensorFlow, custom extensions) were built for a baseline the target CPU has',
      }),
    );
  }

  if (baseline.model !== undefined && target.model !== undefined && baseline.model !== target.model) {
    findings.push(
      makeFinding({
        ruleId: 'cpu/model',
        severity: 'info',
        facet: 'cpu',
        subject: 'cpu model',
        baseline: baseline.model,
        target: target.model,
        message: `CPU model differs: ${baseline.model} here, ${target.model} there; speed and the last bits of float results may differ`,
        hint: 'nothing to do unless you compare timings or bit-exact results',
      }),
    );
  }
  if (baseline.logicalCores !== undefined && target.logicalCores !== undefined && target.logicalCores < baseline.logicalCores) {
    findings.push(
      makeFinding({
        ruleId: 'cpu/fewer-cores',
        severity: 'info',
        facet: 'cpu',
        subject: 'logical cores',
        baseline: String(baseline.logicalCores),
        target: String(target.logicalCores),
        message: `the target has fewer logical cores (${target.logicalCores} vs ${baseline.logicalCores}): data loaders and thread pools sized here may oversubscribe it`,
        hint: 'size n_jobs / num_workers from os.cpu_count() rather than a fixed number',
      }),
    );
  }
  if (baseline.memoryBytes !== undefined && target.memoryBytes !== undefined && target.memoryBytes < baseline.memoryBytes) {
    findings.push(
      makeFinding({
        ruleId: 'cpu/less-memory',
        severity: 'info',
        facet: 'cpu',
        subject: 'memory',
        baseline: gib(baseline.memoryBytes),
        target: gib(target.memoryBytes),
        message: `the target has less memory (${gib(target.memoryBytes)} vs ${gib(baseline.memoryBytes)}): jobs that fit here may be killed for memory there`,
        hint: 'check the peak memory of your job against the target, or request a bigger machine',
      }),
    );
  }
  return findings;
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** ISA_REQUIREMENTS (src/data/isa-requirements.ts) against the baseline's installed Python packages. */
function packagesNeedingMissingFlags(targetFlags: ReadonlySet<string>, ctx: CompareContext): Finding[] {
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
        makeFinding({
          ruleId: 'cpu/isa-required-by-package',
          severity: req.severity,
          facet: 'cpu',
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
