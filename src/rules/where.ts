// Whose machine a finding speaks of: the target of `compare`, or the one machine `check` reads.
// The judgments both commands share (./cuda-support.ts, ./wheel-compat.ts, ./isa-support.ts) take
// it, so that one judgment reads right in either report.

export interface Where {
  /** "the target", "this machine" */
  machine: string;
  /** "the target's", "this machine's" */
  machines: string;
}

export const ON_TARGET: Where = { machine: 'the target', machines: "the target's" };
export const HERE: Where = { machine: 'this machine', machines: "this machine's" };
