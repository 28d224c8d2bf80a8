// NVIDIA driver versions as nvidia-smi prints them: `535.104.05`, `470.82.01`, and two-field
// releases such as `570.26` or `455.32` (NVIDIA CUDA Toolkit Release Notes, Table 3,
// https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/; src/data/cuda-driver-floors.ts). The
// first field is the driver branch: a change there is
// what decides which CUDA toolkits run, so it grades as major.
import type { VersionDiff, VersionScheme } from '../types.js';
import { compareNumbers, gradeRelease, matchComparators, parseComparators, PLAIN_RELATIONS } from '../shared.js';
import { compareLoose, diffLoose } from '../loose/index.js';

const DRIVER = /^\d+\.\d+(?:\.\d+)?$/;

function fields(version: string): number[] | null {
  const v = version.trim();
  return DRIVER.test(v) ? v.split('.').map(Number) : null;
}

function compare(a: string, b: string): number {
  const fa = fields(a);
  const fb = fields(b);
  if (!fa || !fb) return compareLoose(a, b);
  return compareNumbers(fa, fb);
}

function diff(a: string, b: string): VersionDiff {
  const fa = fields(a);
  const fb = fields(b);
  if (!fa || !fb) return diffLoose(a, b);
  return gradeRelease(fa, fb) ?? 'none';
}

// A range may name just the branch (`>=525, <580`, the minor-version-compatibility floors).
const RANGE_VERSION = /^\d+(?:\.\d+){0,2}$/;

function compareForRange(version: string, bound: string): number {
  return compareNumbers(version.trim().split('.').map(Number), bound.split('.').map(Number));
}

export const nvidiaDriver: VersionScheme<'nvidia-driver'> = {
  id: 'nvidia-driver',
  ecosystems: [],
  isValid: (version) => DRIVER.test(version.trim()),
  compare,
  diff,
  matches(version, range) {
    const comparators = parseComparators(
      range,
      Object.keys(PLAIN_RELATIONS).filter((o) => o !== ''),
    );
    if (!comparators || !fields(version) || comparators.some((c) => !RANGE_VERSION.test(c.version))) return undefined;
    return matchComparators(version, comparators, PLAIN_RELATIONS, compareForRange);
  },
  release: fields,
};
