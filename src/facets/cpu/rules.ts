// CPU rules: instruction sets the baseline had and the target lacks. Code compiled for AVX2 or
// AVX-512 does not fail politely on an older CPU: it dies with "Illegal instruction".
// (Which installed packages need a missing flag reads the python facet too:
// src/rules/cross-facet/isa-needs.ts.)
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { byCodeUnit, listSome } from '../../core/text.js';
import { normalizeArch } from '../../data/arch.js';
import type { CompareContext } from '../types.js';
import type { CpuFacet } from './types.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const CPU_RULES = defineRules('cpu', {
  'x86-level': {
    severity: 'warning',
    title: 'Target CPU is an older x86-64 level',
    help: 'Binaries built for x86-64-v3 or v4 (AVX2, AVX-512) do not fail politely on an older CPU: they die with "Illegal instruction". Install generic builds on the target, or use a newer CPU.',
  },
  'missing-isa': {
    severity: 'warning',
    title: 'Target CPU lacks instruction sets the baseline has',
    help: 'Compiled numeric code (BLAS, TensorFlow, custom extensions) may select AVX2, FMA, AVX-512 or SVE; on a CPU without them it crashes with "Illegal instruction". cpu/isa-required-by-package names the installed packages known to need them.',
  },
  model: {
    severity: 'info',
    title: 'CPU model differs',
    help: 'Speed differs, and so may the last bits of floating-point results (other vector widths, other reduction orders).',
  },
  'fewer-cores': {
    severity: 'info',
    title: 'Target has fewer logical cores',
    help: 'Data loaders and thread pools sized for the baseline may oversubscribe the target; size them from os.cpu_count().',
  },
  'less-memory': {
    severity: 'info',
    title: 'Target has less memory',
    help: 'A job that fits in memory on the baseline may be killed by the OOM killer on the target.',
  },
});

/**
 * Flags that compiled numeric code selects (x86-64 psABI levels v2–v4, ./x86-levels.ts, plus
 * the ARM vector extensions). Other flags (virtualisation, power management) do not change what
 * runs.
 */
const RELEVANT_FLAGS: ReadonlySet<string> = new Set([
  'sse4_1',
  'sse4_2',
  'ssse3',
  'popcnt',
  'avx',
  'avx2',
  'fma',
  'f16c',
  'bmi1',
  'bmi2',
  'movbe',
  'avx_vnni',
  'amx_bf16',
  'amx_int8',
  'amx_tile',
  // ARM: NEON (asimd) and the scalable vector extensions.
  'asimd',
  'sve',
  'sve2',
  'asimddp',
  'bf16',
  'i8mm',
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
      finding(CPU_RULES['x86-level'], {
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
  const missing = targetFlags.size === 0 ? [] : (baseline.flags ?? []).filter((f) => isRelevant(f) && !targetFlags.has(f)).sort(byCodeUnit);
  if (missing.length > 0) {
    findings.push(
      finding(CPU_RULES['missing-isa'], {
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
      finding(CPU_RULES.model, {
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
      finding(CPU_RULES['fewer-cores'], {
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
      finding(CPU_RULES['less-memory'], {
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
