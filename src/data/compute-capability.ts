// GPU compute capability (SM) → the CUDA release that first compiles native code for it, and the
// release that dropped it. Sources, per row in `source`:
//  cmake: pytorch/pytorch cmake/Modules_CUDA_fix/upstream/FindCUDA/select_compute_arch.cmake
//  cmake-mr: https://gitlab.kitware.com/cmake/cmake/-/merge_requests/8031
//  cufft: https://docs.nvidia.com/cuda/archive/12.6.3/cufft/deprecated-functionality.html
//  pt157517: https://github.com/pytorch/pytorch/issues/157517 (quotes the CUDA 13.0 release notes)
//  cudecomp97: https://github.com/NVIDIA/cuDecomp/pull/97 ("CUDA 13.0 dropped … Volta (SM70), but not Turing (SM75)")
//  llama2239: https://github.com/abetlen/llama-cpp-python/pull/2239 (sm_75 oldest in CUDA 13)
//  blog129: https://developer.nvidia.com/blog/nvidia-blackwell-and-nvidia-cuda-12-9-introduce-family-specific-architecture-features
// `verified: false` marks rows with a single or "well known" source: rules only warn on them,
// since a row needs a second source before a rule may call a mismatch an error.

export interface ComputeCapabilityRow {
  /** "8.6" form, as nvidia-smi --query-gpu=compute_cap prints it. */
  cc: string;
  arch: string;
  examples: string;
  /** First CUDA release with native code for this SM; undefined when older than the table cares about. */
  minCuda?: string;
  /** First CUDA release that can no longer build for it. */
  removedIn?: string;
  verified: boolean;
  source: string;
}

export const COMPUTE_CAPABILITIES: readonly ComputeCapabilityRow[] = [
  { cc: '3.0', arch: 'Kepler', examples: 'GTX 680, K10', removedIn: '11.0', verified: true, source: 'cufft' },
  { cc: '3.5', arch: 'Kepler', examples: 'K40', removedIn: '12.0', verified: true, source: 'cufft, cmake-mr, cmake' },
  { cc: '3.7', arch: 'Kepler', examples: 'K80', removedIn: '12.0', verified: true, source: 'cufft, cmake-mr' },
  { cc: '5.0', arch: 'Maxwell', examples: 'GTX 750', removedIn: '13.0', verified: true, source: 'pt157517' },
  { cc: '5.2', arch: 'Maxwell', examples: 'GTX 980, M40', removedIn: '13.0', verified: true, source: 'pt157517' },
  { cc: '5.3', arch: 'Maxwell', examples: 'Jetson Nano', removedIn: '13.0', verified: true, source: 'pt157517' },
  { cc: '6.0', arch: 'Pascal', examples: 'P100', minCuda: '8.0', removedIn: '13.0', verified: true, source: 'cmake, pt157517' },
  { cc: '6.1', arch: 'Pascal', examples: 'GTX 1080, P40', minCuda: '8.0', removedIn: '13.0', verified: true, source: 'cmake, pt157517' },
  { cc: '6.2', arch: 'Pascal', examples: 'Jetson TX2', minCuda: '8.0', removedIn: '13.0', verified: true, source: 'cmake, pt157517' },
  { cc: '7.0', arch: 'Volta', examples: 'V100', minCuda: '9.0', removedIn: '13.0', verified: true, source: 'cmake, cudecomp97' },
  {
    cc: '7.2',
    arch: 'Volta',
    examples: 'Jetson Xavier',
    minCuda: '10.0',
    removedIn: '13.0',
    verified: false,
    source: 'well known; pt157517',
  },
  { cc: '7.5', arch: 'Turing', examples: 'T4, RTX 2080', minCuda: '10.0', verified: false, source: 'well known; llama2239' },
  { cc: '8.0', arch: 'Ampere', examples: 'A100, A30', minCuda: '11.0', verified: true, source: 'cmake' },
  { cc: '8.6', arch: 'Ampere', examples: 'A10, A40, RTX 3090', minCuda: '11.1', verified: true, source: 'cmake' },
  { cc: '8.7', arch: 'Ampere', examples: 'Jetson Orin', minCuda: '11.4', verified: true, source: 'cmake-mr' },
  { cc: '8.9', arch: 'Ada Lovelace', examples: 'L4, L40, RTX 4090', minCuda: '11.8', verified: true, source: 'cmake' },
  { cc: '9.0', arch: 'Hopper', examples: 'H100, H200', minCuda: '11.8', verified: true, source: 'cmake' },
  { cc: '10.0', arch: 'Blackwell', examples: 'B200, GB200', minCuda: '12.8', verified: true, source: 'cmake, pt157517' },
  // sm_101 (Thor) was renamed sm_110 in CUDA 13.0 (cuRANDDx 0.2.x release notes).
  { cc: '10.1', arch: 'Blackwell', examples: 'Jetson Thor', minCuda: '12.8', removedIn: '13.0', verified: false, source: 'cmake' },
  { cc: '11.0', arch: 'Blackwell', examples: 'Jetson Thor', minCuda: '13.0', verified: false, source: 'cuRANDDx notes' },
  { cc: '10.3', arch: 'Blackwell', examples: 'B300, GB300', minCuda: '12.9', verified: false, source: 'blog129' },
  { cc: '12.0', arch: 'Blackwell', examples: 'RTX 5090, RTX PRO 6000', minCuda: '12.8', verified: true, source: 'cmake, pt157517' },
  { cc: '12.1', arch: 'Blackwell', examples: 'GB10 (DGX Spark)', minCuda: '12.9', verified: false, source: 'blog129' },
];

/** "sm_86", "86", "8.6" → "8.6"; undefined for anything else. */
export function normalizeComputeCapability(value: string): string | undefined {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/^sm_?/, '')
    .replace(/[a-z]+$/, '');
  if (/^\d+\.\d+$/.test(v)) return `${Number(v.split('.')[0])}.${Number(v.split('.')[1])}`;
  if (/^\d{2,3}$/.test(v)) return `${Number(v.slice(0, -1))}.${v.slice(-1)}`;
  return undefined;
}

export function findComputeCapability(value: string): ComputeCapabilityRow | undefined {
  const cc = normalizeComputeCapability(value);
  return cc === undefined ? undefined : COMPUTE_CAPABILITIES.find((row) => row.cc === cc);
}

/**
 * Compute capability from the product name nvidia-smi prints, for drivers that refuse
 * `--query-gpu=compute_cap` (added in driver 510; 470 answers `Field "compute_cap" is not a valid
 * field to query.` and exits 2: huggingface/candle#733, canonical/inference-snaps#128) and for
 * `nvidia-smi -q -x`, which has no such element. Source: NVIDIA's "CUDA GPUs — Compute Capability"
 * tables, https://developer.nvidia.com/cuda-gpus and https://developer.nvidia.com/cuda-legacy-gpus.
 * First match wins; the patterns are written against the names nvidia-smi prints ("Tesla K80",
 * "NVIDIA A100-SXM4-40GB", "GeForce GTX 1070", "NVIDIA GeForce RTX 2080", "NVIDIA RTX 4000 SFF Ada
 * Generation"). A name no row matches ("Graphics Device", printed by drivers older than the GPU)
 * gets no compute capability: never a guess.
 */
export const COMPUTE_CAPABILITY_BY_NAME: readonly (readonly [RegExp, string])[] = [
  [/\bRTX PRO \d+ Blackwell\b|\bRTX 50[5-9]0\b/i, '12.0'],
  [/\bGB10\b/, '12.1'],
  [/\bG?B300\b/, '10.3'],
  [/\bG?B[12]00\b/, '10.0'],
  [/\bG?H(100|200|800|20)\b/, '9.0'],
  [/\bL(4|20|40S?)\b|\bRTX 40[5-9]0\b|\bAda Generation\b|\bRTX \d{4}( SFF)? Ada\b/i, '8.9'],
  [/\bOrin\b/i, '8.7'],
  [/\bRTX 30[5-9]0\b|\bA(2|10G?|16|40)\b|\bRTX A\d{4}\b/, '8.6'],
  [/\bA(100|30|800)\b/, '8.0'],
  [/\bT4\b|\bRTX 20[6-8]0\b|\bGTX 16[5-6]0\b|\bTITAN RTX\b|\bQuadro RTX\b|\bT(400|600|1000|1200)\b/, '7.5'],
  [/\bXavier\b/i, '7.2'],
  [/\bV100\b|\bTITAN V\b|\bGV100\b/, '7.0'],
  [/\bTX2\b/, '6.2'],
  [/\bP100\b|\bGP100\b/, '6.0'],
  [/\bGTX 10[5-8]0\b|\bGT 10[13]0\b|\bP(4|6|40)\b|\bTITAN X \(Pascal\)|\bTITAN Xp\b|\bQuadro P\d{3,4}\b/, '6.1'],
  [/\bGTX 9[5-8]0\b|\bGTX TITAN X\b|\bM(4|6|40|60)\b|\bQuadro M(2000|4000|5000|6000)\b/, '5.2'],
  [/\bGTX 750\b|\bM10\b|\bQuadro K(620|1200|2200)\b/, '5.0'],
  [/\bK80\b/, '3.7'],
  [/\bK(20X?|40)[cmst]?\b|\bK6000\b|\bGTX 780\b|\bGTX TITAN( Black| Z)?$/, '3.5'],
  [/\bK10\b|\bGTX 6[6-9]0\b|\bGTX 7[67]0\b|\bQuadro K(4000|5000)\b/, '3.0'],
];

/** The compute capability NVIDIA lists for a product name, or undefined when no row names it. */
export function computeCapabilityOfName(name: string): string | undefined {
  return COMPUTE_CAPABILITY_BY_NAME.find(([re]) => re.test(name))?.[1];
}

/** The device's compute capability as captured, else as its product name says (COMPUTE_CAPABILITY_BY_NAME). */
export function computeCapabilityOf(device: { name: string; computeCapability?: string }): string | undefined {
  if (device.computeCapability !== undefined) return normalizeComputeCapability(device.computeCapability);
  return computeCapabilityOfName(device.name);
}
