// Minimum NVIDIA driver per CUDA Toolkit release.
// Source: NVIDIA CUDA Toolkit Release Notes, Table 3 "CUDA Toolkit and Corresponding Driver
// Versions" (https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/index.html, 13.2 Update 2
// edition); 11.x–12.0 cross-checked against pmeier/light-the-torch `light_the_torch/_cb.py`.
// Minor-version compatibility floors: the same page's Table 2 and the CUDA Compatibility guide
// (https://docs.nvidia.com/deploy/cuda-compatibility/minor-version-compatibility.html):
// "13.x >= 580; 12.x >= 525; 11.x >= 450 (450.80.02 Linux / 452.39 Windows)". uv's
// `LINUX_CUDA_DRIVERS` encodes the same Linux floors (Cu12x → 525.60.13).
// Updating the table is a data change: add a row, keep the newest first.

export interface CudaDriverFloor {
  /** CUDA Toolkit release, major.minor (the GA of that line, or its update). */
  cuda: string;
  /** `GA`, `Update 1`, … as named in Table 3. */
  release: string;
  linux: string;
  /** null where NVIDIA no longer bundles a Windows driver (13.1 onwards). */
  windows: string | null;
}

export const CUDA_DRIVER_FLOORS: readonly CudaDriverFloor[] = [
  { cuda: '13.2', release: 'Update 2', linux: '595.71.05', windows: null },
  { cuda: '13.2', release: 'Update 1', linux: '595.58.03', windows: null },
  { cuda: '13.2', release: 'GA', linux: '595.45.04', windows: null },
  { cuda: '13.1', release: 'Update 1', linux: '590.48.01', windows: null },
  { cuda: '13.1', release: 'GA', linux: '590.44.01', windows: null },
  { cuda: '13.0', release: 'Update 2', linux: '580.95.05', windows: null },
  { cuda: '13.0', release: 'Update 1', linux: '580.82.07', windows: null },
  { cuda: '13.0', release: 'GA', linux: '580.65.06', windows: null },
  { cuda: '12.9', release: 'Update 1', linux: '575.57.08', windows: '576.57' },
  { cuda: '12.9', release: 'GA', linux: '575.51.03', windows: '576.02' },
  { cuda: '12.8', release: 'Update 1', linux: '570.124.06', windows: '572.61' },
  { cuda: '12.8', release: 'GA', linux: '570.26', windows: '570.65' },
  { cuda: '12.6', release: 'Update 3', linux: '560.35.05', windows: '561.17' },
  { cuda: '12.6', release: 'Update 2', linux: '560.35.03', windows: '560.94' },
  { cuda: '12.6', release: 'Update 1', linux: '560.35.03', windows: '560.94' },
  { cuda: '12.6', release: 'GA', linux: '560.28.03', windows: '560.76' },
  { cuda: '12.5', release: 'Update 1', linux: '555.42.06', windows: '555.85' },
  { cuda: '12.5', release: 'GA', linux: '555.42.02', windows: '555.85' },
  { cuda: '12.4', release: 'Update 1', linux: '550.54.15', windows: '551.78' },
  { cuda: '12.4', release: 'GA', linux: '550.54.14', windows: '551.61' },
  { cuda: '12.3', release: 'Update 1', linux: '545.23.08', windows: '546.12' },
  { cuda: '12.3', release: 'GA', linux: '545.23.06', windows: '545.84' },
  { cuda: '12.2', release: 'Update 2', linux: '535.104.05', windows: '537.13' },
  { cuda: '12.2', release: 'Update 1', linux: '535.86.09', windows: '536.67' },
  { cuda: '12.2', release: 'GA', linux: '535.54.03', windows: '536.25' },
  { cuda: '12.1', release: 'Update 1', linux: '530.30.02', windows: '531.14' },
  { cuda: '12.1', release: 'GA', linux: '530.30.02', windows: '531.14' },
  { cuda: '12.0', release: 'Update 1', linux: '525.85.12', windows: '528.33' },
  { cuda: '12.0', release: 'GA', linux: '525.60.13', windows: '527.41' },
  { cuda: '11.8', release: 'GA', linux: '520.61.05', windows: '520.06' },
  { cuda: '11.7', release: 'Update 1', linux: '515.48.07', windows: '516.31' },
  { cuda: '11.7', release: 'GA', linux: '515.43.04', windows: '516.01' },
  { cuda: '11.6', release: 'Update 1', linux: '510.47.03', windows: '511.65' },
  { cuda: '11.6', release: 'GA', linux: '510.39.01', windows: '511.23' },
  { cuda: '11.5', release: 'GA', linux: '495.29.05', windows: '496.04' },
  { cuda: '11.4', release: 'Update 3', linux: '470.82.01', windows: '472.50' },
  { cuda: '11.4', release: 'Update 1', linux: '470.57.02', windows: '471.41' },
  { cuda: '11.4', release: 'GA', linux: '470.42.01', windows: '471.11' },
  { cuda: '11.3', release: 'GA', linux: '465.19.01', windows: '465.89' },
  { cuda: '11.2', release: 'Update 1', linux: '460.32.03', windows: '461.09' },
  { cuda: '11.2', release: 'GA', linux: '460.27.03', windows: '460.82' },
  { cuda: '11.1', release: 'Update 1', linux: '455.32', windows: '456.81' },
  { cuda: '11.1', release: 'GA', linux: '455.23', windows: '456.38' },
  { cuda: '11.0', release: 'Update 1', linux: '450.51.06', windows: '451.82' },
  { cuda: '11.0', release: 'GA', linux: '450.51.05', windows: '451.48' },
  { cuda: '10.2', release: 'GA', linux: '440.33', windows: '441.22' },
  { cuda: '10.1', release: 'GA', linux: '418.39', windows: '418.96' },
  { cuda: '10.0', release: 'GA', linux: '410.48', windows: '411.31' },
  { cuda: '9.2', release: 'GA', linux: '396.26', windows: '397.44' },
  { cuda: '9.1', release: 'GA', linux: '390.46', windows: '391.29' },
  { cuda: '9.0', release: 'GA', linux: '384.81', windows: '385.54' },
  { cuda: '8.0', release: 'GA', linux: '367.48', windows: '369.30' },
];

/** Table 2: the oldest driver of a CUDA major line that runs any minor of it (with a reduced feature set). */
export interface MinorCompatFloor {
  cudaMajor: number;
  linux: string;
  windows: string | null;
}

export const CUDA_MINOR_COMPAT_FLOORS: readonly MinorCompatFloor[] = [
  { cudaMajor: 13, linux: '580', windows: null },
  // The compatibility guide gives ">= 525" for both OSes; 525.60.13 is the Linux 12.0 GA driver (uv uses it).
  { cudaMajor: 12, linux: '525.60.13', windows: '525' },
  { cudaMajor: 11, linux: '450.80.02', windows: '452.39' },
];

export type DriverOs = 'linux' | 'windows';

/**
 * The lowest driver that runs the given CUDA major.minor at full feature set: the GA row of that
 * line. A torch `+cu121` label or a `nvidia-cuda-runtime-cu12==12.1.105` wheel does not say which
 * update it was built with, so the GA floor is the one that cannot raise a false error.
 * undefined when the line is not in Table 3.
 */
export function cudaDriverFloor(cuda: string, os: DriverOs): string | undefined {
  const line = majorMinor(cuda);
  if (line === undefined) return undefined;
  const rows = CUDA_DRIVER_FLOORS.filter((row) => row.cuda === line);
  const ga = rows[rows.length - 1]; // newest first, so the last row of a line is its GA
  if (ga === undefined) return undefined;
  return os === 'linux' ? ga.linux : (ga.windows ?? undefined);
}

export function cudaMinorCompatFloor(cuda: string, os: DriverOs): string | undefined {
  const major = Number.parseInt(cuda, 10);
  const row = CUDA_MINOR_COMPAT_FLOORS.find((r) => r.cudaMajor === major);
  if (row === undefined) return undefined;
  return os === 'linux' ? row.linux : (row.windows ?? undefined);
}

/** "12.1.105" → "12.1"; "12" → "12.0"; anything else → undefined. */
export function majorMinor(version: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (m === null) return undefined;
  return `${Number(m[1])}.${Number(m[2] ?? '0')}`;
}
