// Python packages whose published binaries need a CPU instruction-set extension: on a CPU without
// it, `import` dies with "Illegal instruction (core dumped)" instead of raising an error.
// Flags use Linux /proc/cpuinfo names (the cpu facet's `flags`).

export interface IsaRequirement {
  /** PEP 503 normalized name. */
  package: string;
  /** First version (PEP 440) whose binaries need the flags; undefined: every version. */
  since?: string;
  /** All of these are needed. */
  flags: readonly string[];
  /** error when two sources agree; warning for single-source rows. */
  severity: 'error' | 'warning';
  source: string;
}

export const ISA_REQUIREMENTS: readonly IsaRequirement[] = [
  // "Prebuilt binaries are now built against AVX instructions" from TensorFlow 1.6:
  // https://github.com/tensorflow/tensorflow/issues/17411 and /issues/47146.
  ...['tensorflow', 'tensorflow-cpu', 'tensorflow-gpu', 'tensorflow-intel'].map((name): IsaRequirement => ({
    package: name,
    since: '1.6',
    flags: ['avx'],
    severity: 'error',
    source: 'tensorflow/tensorflow#17411, #47146',
  })),
  // Polars' default wheels target CPUs with AVX2; `polars-lts-cpu` / `polars[rtcompat]` exist for
  // the rest (pola-rs/polars#27742 docs "legacy CPUs without AVX2 support"; a non-AVX crash of
  // 0.13.12 in pola-rs/polars#2922). The exact flag set per version is not pinned down: warn only.
  {
    package: 'polars',
    flags: ['avx2'],
    severity: 'warning',
    source: 'pola-rs/polars#27742, #2922',
  },
];
