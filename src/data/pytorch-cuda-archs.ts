// The GPU architectures each PyTorch CUDA wheel is compiled for (TORCH_CUDA_ARCH_LIST of its
// build), per release line and CUDA label. A GPU whose compute capability none of them runs gets
// "no kernel image is available for execution on the device" although its driver and CUDA are fine.
// Sources, per row in `source`:
//  build-2.8: pytorch/pytorch:.ci/manywheel/build_cuda.sh at 00c7a380b8369d08e02dd400aa76dc6c0738b589
//    ("12.8) 7.0;7.5;8.0;8.6;9.0;10.0;12.0", "12.9) …;12.0+PTX", "12.6) 5.0;6.0;7.0;7.5;8.0;8.6;9.0")
//  discuss-2.8: "CUDA toolkit version and architecture support update: Maxwell and Pascal architecture
//    support removed in CUDA 12.8 and 12.9 builds" (https://dev-discuss.pytorch.org/t/cuda-toolkit-version-and-architecture-support-update-maxwell-and-pascal-architecture-support-removed-in-cuda-12-8-and-12-9-builds/3128, July 2025:
//    the PyTorch 2.8 support matrix, Volta kept in 12.8/12.9) and https://github.com/pytorch/pytorch/issues/157517
//  rfc-172352: https://github.com/pytorch/pytorch/issues/172352 (the 2.10/2.11 matrix: 12.6 Maxwell–Hopper,
//    12.8 Turing–Blackwell, 13.0 Turing–Blackwell with 12.0+PTX)
// `verified: false` marks single-source rows: the rule only warns on them.

export interface PytorchArchRow {
  /** PEP 440 range of torch releases the row describes. */
  torch: string;
  /** The local version label of the wheel (`+cu128`). */
  label: string;
  /** Compute capabilities compiled to machine code (SASS), "major.minor". */
  sass: readonly string[];
  /** The compute capability also shipped as PTX, which the driver compiles for newer GPUs. */
  ptx?: string;
  verified: boolean;
  source: string;
}

export const PYTORCH_CUDA_ARCHS: readonly PytorchArchRow[] = [
  {
    torch: '>=2.8,<2.9',
    label: 'cu126',
    sass: ['5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'],
    verified: true,
    source: 'build-2.8, discuss-2.8',
  },
  {
    torch: '>=2.8,<2.9',
    label: 'cu128',
    sass: ['7.0', '7.5', '8.0', '8.6', '9.0', '10.0', '12.0'],
    verified: true,
    source: 'build-2.8, discuss-2.8',
  },
  {
    torch: '>=2.8,<2.9',
    label: 'cu129',
    sass: ['7.0', '7.5', '8.0', '8.6', '9.0', '10.0', '12.0'],
    ptx: '12.0',
    verified: true,
    source: 'build-2.8, discuss-2.8',
  },
  {
    torch: '>=2.11,<2.12',
    label: 'cu126',
    sass: ['5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'],
    verified: false,
    source: 'rfc-172352',
  },
  {
    torch: '>=2.11,<2.12',
    label: 'cu128',
    sass: ['7.5', '8.0', '8.6', '9.0', '10.0', '12.0'],
    verified: false,
    source: 'rfc-172352',
  },
  {
    torch: '>=2.11,<2.12',
    label: 'cu130',
    sass: ['7.5', '8.0', '8.6', '9.0', '10.0', '12.0'],
    ptx: '12.0',
    verified: false,
    source: 'rfc-172352',
  },
];

function parseCc(cc: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(cc);
  return m === null ? undefined : [Number(m[1]), Number(m[2])];
}

/**
 * Does a build with these architectures run on a GPU of compute capability `cc`? Machine code for
 * X.y runs on X.z when z ≥ y, never across majors; PTX for X.y is compiled by the driver for any
 * newer GPU (CUDA C++ Programming Guide, "Binary Compatibility" and "PTX Compatibility":
 * https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#binary-compatibility).
 */
export function archListRuns(row: Pick<PytorchArchRow, 'sass' | 'ptx'>, cc: string): boolean {
  const dev = parseCc(cc);
  if (dev === undefined) return true;
  for (const a of row.sass) {
    const s = parseCc(a);
    if (s !== undefined && s[0] === dev[0] && s[1] <= dev[1]) return true;
  }
  const p = row.ptx === undefined ? undefined : parseCc(row.ptx);
  return p !== undefined && (p[0] < dev[0] || (p[0] === dev[0] && p[1] <= dev[1]));
}
