// The CUDA stack, across facets: the CUDA the baseline's Python packages were built for
// (src/rules/cuda-build.ts) against the target's GPU and driver (NVIDIA's driver floors and
// compute capabilities: src/data/cuda-driver-floors.ts, src/data/compute-capability.ts).
import { finding, type Finding } from '../../core/findings.js';
import { listSome } from '../../core/text.js';
import type { CompareContext } from '../../facets/index.js';
import { findCudaBuild } from '../cuda-build.js';
import { checkComputeCapability, checkDriver, CUDA_STACK_RULES, hasGpu } from '../cuda-support.js';
import { ON_TARGET } from '../where.js';
import type { CrossFacetRule } from './types.js';

export { CUDA_STACK_RULES } from '../cuda-support.js';

/**
 * When both Python facets were captured, or both GPU facets: a bare GPU host with no Python yet
 * is still checked against the baseline's build. When the target has neither Python nor a GPU,
 * gpu/absent-on-target and python/absent-on-target already say what matters.
 */
function comparable(ctx: CompareContext): boolean {
  const ok = (fp: CompareContext['baseline'], id: 'python' | 'gpu') => fp.facets[id]?.status === 'ok';
  return (ok(ctx.baseline, 'python') && ok(ctx.target, 'python')) || (ok(ctx.baseline, 'gpu') && ok(ctx.target, 'gpu'));
}

/**
 * The baseline's CUDA build (python packages or nvcc) against the target's GPU and driver. Only
 * when the baseline really ran on a GPU: a CUDA build of torch on a CPU-only laptop runs on the
 * CPU, and will do the same on a CPU-only target.
 */
export function compareCudaStack(ctx: CompareContext): Finding[] {
  const gpuA = ctx.baseline.facets.gpu;
  if (gpuA?.status !== 'ok' || !hasGpu(gpuA)) return [];
  const need = findCudaBuild(ctx.baseline);
  if (need === undefined) return [];
  const gpuB = ctx.target.facets.gpu;
  if (gpuB === undefined || gpuB.status === 'error') return []; // could not tell: the engine says so
  const devicesB = gpuB.status === 'ok' ? (gpuB.devices ?? []) : [];
  if (gpuB.status !== 'ok' || !hasGpu(gpuB)) {
    if (need.packages.length === 0) return []; // nvcc alone: gpu/absent-on-target already says enough
    return [
      finding(CUDA_STACK_RULES['cuda-build-without-gpu'], {
        subject: 'cuda',
        baseline: `CUDA ${need.cuda} (${need.evidence})`,
        target: 'no GPU',
        message: `CUDA builds are installed and ran on a GPU here (${listSome(need.packages)}), but the target has no GPU: they fall back to the CPU or fail`,
        hint: 'run the target on a GPU node (and a container with --gpus / the NVIDIA runtime), or install CPU builds (torch +cpu)',
      }),
    ];
  }
  // What will run there: the target's own CUDA build when it has one (a +cu118 build chosen for
  // an older driver is fine; the package rules report that it differs), else the baseline's.
  const own = findCudaBuild(ctx.target, false);
  const runs = own === undefined ? need : { ...own, evidence: `${own.evidence} on the target` };
  const findings: Finding[] = [];
  const driverFinding = checkDriver(
    runs,
    gpuB,
    ctx.target.facets.os?.status === 'ok' && ctx.target.facets.os.name === 'windows' ? 'windows' : 'linux',
    ON_TARGET,
  );
  if (driverFinding !== undefined) findings.push(driverFinding);
  findings.push(...checkComputeCapability(runs, devicesB));
  return findings;
}

export const cudaStack: CrossFacetRule = {
  name: 'cuda-stack',
  catalog: Object.values(CUDA_STACK_RULES),
  run: (ctx) => (comparable(ctx) ? compareCudaStack(ctx) : []),
};
