// x86-64 microarchitecture levels (x86-64 psABI), as /proc/cpuinfo flag names.
// Sources: the x86-64 psABI level table (https://gitlab.com/x86-psABIs/x86-64-ABI, as cited in
// https://github.com/JuliaCI/julia-buildkite/issues/298), https://github.com/HenrikBengtsson/x86-64-level,
// and the glibc commit adding BMI1/BMI2 to v3
// (https://www.sourceware.org/ml/glibc-cvs/2022q4/080837.html).
// Each level lists only what it adds; a CPU is at level N when it has every flag of levels 1..N.
// Each entry is a set of alternatives: Linux and macOS spell some features differently, and
// cpu/parse.ts maps macOS names to the Linux ones before this table is used.

export interface X86LevelRow {
  level: 1 | 2 | 3 | 4;
  /** psABI feature → the flag names that show it (any one is enough). */
  requires: Record<string, readonly string[]>;
}

export const X86_LEVELS: readonly X86LevelRow[] = [
  {
    level: 1,
    // OSFXSR and SCE are not shown in /proc/cpuinfo: every x86-64 kernel enables them.
    requires: {
      CMOV: ['cmov'],
      CX8: ['cx8'],
      FPU: ['fpu'],
      FXSR: ['fxsr'],
      MMX: ['mmx'],
      SSE: ['sse'],
      SSE2: ['sse2'],
    },
  },
  {
    level: 2,
    requires: {
      CMPXCHG16B: ['cx16'],
      'LAHF-SAHF': ['lahf_lm'],
      POPCNT: ['popcnt'],
      SSE3: ['pni'], // Linux calls SSE3 "pni" (Prescott New Instructions)
      SSE4_1: ['sse4_1'],
      SSE4_2: ['sse4_2'],
      SSSE3: ['ssse3'],
    },
  },
  {
    level: 3,
    requires: {
      AVX: ['avx'],
      AVX2: ['avx2'],
      BMI1: ['bmi1'],
      BMI2: ['bmi2'],
      F16C: ['f16c'],
      FMA: ['fma'],
      LZCNT: ['abm'], // Linux shows LZCNT as "abm" (advanced bit manipulation)
      MOVBE: ['movbe'],
      OSXSAVE: ['xsave', 'osxsave'], // Linux lists xsave only when the OS enabled it
    },
  },
  {
    level: 4,
    requires: {
      AVX512F: ['avx512f'],
      AVX512BW: ['avx512bw'],
      AVX512CD: ['avx512cd'],
      AVX512DQ: ['avx512dq'],
      AVX512VL: ['avx512vl'],
    },
  },
];

/** The highest level whose flags (and those of every lower level) are all present. */
export function x86LevelOf(flags: ReadonlySet<string>): 1 | 2 | 3 | 4 | undefined {
  let reached: 1 | 2 | 3 | 4 | undefined;
  for (const row of X86_LEVELS) {
    const ok = Object.values(row.requires).every((alts) => alts.some((f) => flags.has(f)));
    if (!ok) break;
    reached = row.level;
  }
  return reached;
}
