// The lists derived from the target registry (./registry.ts).
import * as Registered from './registry.js';
import type { TargetDef } from './types.js';

export type { ParseTargetOptions, TargetDef, Transport } from './types.js';

/** Every registered target, in their order. */
export const TARGETS: readonly TargetDef[] = Object.values<TargetDef>(Registered).sort((a, b) => a.order - b.order);

/** Fingerprints not captured from a target: `envdiff import` of reports other tools wrote (src/app/import.ts). */
const NOT_TARGETS = ['import'];

/** Every target.kind a fingerprint may record. */
export const TARGET_KINDS: readonly string[] = [...TARGETS.flatMap((t) => t.kinds), ...NOT_TARGETS];

/** "use local, docker:IMAGE, podman:IMAGE, … or k8s:[NAMESPACE/]POD[:CONTAINER]". */
export const SYNTAX_HINT = (() => {
  const all = TARGETS.flatMap((t) => t.syntax);
  return `use ${all.slice(0, -1).join(', ')} or ${all[all.length - 1] ?? ''}`;
})();
