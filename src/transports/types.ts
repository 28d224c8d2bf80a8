import type { TargetKind } from '../core/types.js';

/** How to reach a target: one argv that reads the probe bundle on stdin (`sh -s`). */
export interface Transport {
  kind: TargetKind;
  /** The target as the user wrote it after the kind, e.g. the image name. */
  ref: string;
  /** Program and arguments; never passed through a local shell. */
  command: { file: string; args: string[] };
  /**
   * Turns a failed run (non-zero exit with no probe output) into one clear reason + hint,
   * e.g. "image not present" or "authentication refused".
   */
  explainFailure(exitCode: number | null, stderr: string): { message: string; hint: string };
}
