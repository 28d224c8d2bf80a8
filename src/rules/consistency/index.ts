// The rules of `envdiff check` that read one fingerprint for what its installed software needs
// and its machine does not provide. Adding one: a file here exporting a ConsistencyRule, and its
// name in this list.
import { sortFindings, type Finding } from '../../core/findings.js';
import type { Fingerprint } from '../../facets/index.js';
import { cpuIsa } from './cpu-isa.js';
import { gpuStack } from './gpu-stack.js';
import { jvmSpark } from './jvm-spark.js';
import { pythonRequirements } from './python-requirements.js';
import { rPackages } from './r-packages.js';
import type { ConsistencyRule } from './types.js';
import { wheelTags } from './wheel-tags.js';

export type { ConsistencyRule } from './types.js';

export const CONSISTENCY_RULES: readonly ConsistencyRule[] = [pythonRequirements, wheelTags, cpuIsa, gpuStack, rPackages, jvmSpark];

/** Every consistency rule over one fingerprint, in the one finding order. */
export function checkConsistency(fp: Fingerprint): Finding[] {
  return sortFindings(CONSISTENCY_RULES.flatMap((rule) => rule.run(fp)));
}
