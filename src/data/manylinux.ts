// Wheel platform tags → the C library they need.
// Sources: PEP 600 §"Legacy manylinux tags" (python/peps@ba4deeb peps/pep-0600.rst): manylinux1 =
// manylinux_2_5, manylinux2010 = manylinux_2_12, manylinux2014 = manylinux_2_17; a
// `manylinux_X_Y_<arch>` wheel runs on glibc ≥ X.Y (pypa/manylinux@ad3c453 README.rst).
// PEP 656 (peps/pep-0656.rst): `musllinux_X_Y_<arch>` needs musl ≥ X.Y; a manylinux wheel never
// runs on musl and a musllinux wheel never runs on glibc.

export const LEGACY_MANYLINUX_GLIBC: Readonly<Record<string, string>> = {
  manylinux1: '2.5',
  manylinux2010: '2.12',
  manylinux2014: '2.17',
};

export interface WheelLibcNeed {
  family: 'glibc' | 'musl';
  /** Minimum libc version, major.minor. */
  version: string;
  /** The platform tag it came from, e.g. manylinux_2_28_x86_64. */
  platform: string;
}

/**
 * The libc need of one wheel tag. Accepts a full `py-abi-platform` triple or just the platform, and
 * compressed tag sets (`manylinux_2_17_x86_64.manylinux2014_x86_64`): returns the weakest need,
 * because a wheel tagged with several platforms runs wherever any of them does.
 * undefined for tags that say nothing about libc (any, macosx_*, win_*, linux_*).
 */
export function wheelLibcNeed(tag: string): WheelLibcNeed | undefined {
  const platformPart = tag.split('-').pop() ?? '';
  let best: WheelLibcNeed | undefined;
  for (const platform of platformPart.split('.')) {
    const need = platformLibcNeed(platform);
    if (need === undefined) continue;
    if (best === undefined || compareLibc(need.version, best.version) < 0) best = need;
  }
  return best;
}

function platformLibcNeed(platform: string): WheelLibcNeed | undefined {
  const modern = /^(manylinux|musllinux)_(\d+)_(\d+)_/.exec(platform);
  if (modern !== null) {
    return {
      family: modern[1] === 'manylinux' ? 'glibc' : 'musl',
      version: `${modern[2]}.${modern[3]}`,
      platform,
    };
  }
  const legacy = /^(manylinux(?:1|2010|2014))_/.exec(platform);
  const version = legacy?.[1] === undefined ? undefined : LEGACY_MANYLINUX_GLIBC[legacy[1]];
  return version === undefined ? undefined : { family: 'glibc', version, platform };
}

/** Numeric major.minor order for libc versions ("2.5" < "2.17"). */
export function compareLibc(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
