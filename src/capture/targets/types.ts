// What a target is: a way to run the probe bundle somewhere (`sh -s` reading it on stdin), and
// the `--target` syntax that names it. One file per target under src/capture/targets/, one line
// in ./registry.ts; parse-target.ts dispatches through the registry.
import type { Engine } from './engine.js';
import type { SshOptions } from './ssh.js';
import type { StaticRead } from './static.js';

/** How to reach a target: one argv that reads the probe bundle on stdin (`sh -s`). */
export interface Transport {
  /** Recorded as the fingerprint's target.kind: one of a registered target's `kinds`. */
  kind: string;
  /** The target as the user wrote it after the kind, e.g. the image name. */
  ref: string;
  /** Program and arguments; never passed through a local shell. */
  command: { file: string; args: string[] };
  /**
   * Turns a failed run (non-zero exit with no probe output) into one clear reason + hint,
   * e.g. "image not present" or "authentication refused".
   */
  explainFailure(exitCode: number | null, stderr: string): { message: string; hint: string };
  /**
   * Static targets (./static/): the image's files are read instead of running `command`, and this
   * gives what the probes would have printed. Throws EnvdiffError when the image cannot be read.
   */
  static?: () => Promise<StaticRead>;
}

export interface ParseTargetOptions {
  /** `--engine`: which engine runs `container:NAME` (default: detected, see engine.ts). */
  engine?: Engine;
  /** `--pull`: let `docker:`/`podman:` pull the image (default: local images only). */
  pull?: boolean;
  /** `--context`: the kubeconfig context for `k8s:` targets. */
  context?: string;
  sshOptions?: SshOptions;
  /** Where to look for docker/podman/ssh/kubectl (PATH) and docker settings; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** What a target's parser gets: its prefix, the rest after `prefix:`, and the whole spec for messages. */
export interface TargetSpec {
  prefix: string;
  rest: string;
  spec: string;
  opts: ParseTargetOptions;
  env: NodeJS.ProcessEnv;
  /** Every target's syntax, for hints. */
  hint: string;
}

export interface TargetDef {
  /** Its place in --help and hints: ascending. */
  order: number;
  /** The prefixes it parses: `docker` and `podman` for `docker:IMAGE`/`podman:IMAGE`; `local` takes no argument. */
  prefixes: readonly string[];
  /** The target.kind values its fingerprints record (the fingerprint schema's enum derives from them). */
  kinds: readonly string[];
  /** How to write it: `docker:IMAGE`, `ssh:[USER@]HOST[:PORT]`. */
  syntax: readonly string[];
  /** The transport; throws EnvdiffError (one line, exit 2) when the spec is not usable. */
  parse(target: TargetSpec): Transport;
  /** For a target that stands for several machines: how to capture them all (see FanOutPlan); undefined when this spec names one. */
  fanOut?(target: TargetSpec): FanOutPlan | undefined;
}

/** One member's bundle output, split out of a fan-out run. */
export interface MemberOutput {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** A member of a fan-out target (a Slurm node, a pod): its name (the default label) and ref. */
export interface FanOutMember {
  name: string;
  /** Its label when not its name (a pod's single container: the pod's name). */
  label?: string;
  /** Recorded as target.ref of its fingerprint. */
  ref: string;
  /** Why it cannot be captured now (a node down): reported failed without being asked. */
  unavailable?: string;
}

/**
 * A target that stands for several machines (`slurm:PARTITION`): a command lists the members,
 * one run of the engine's own fan-out captures them all (`runAll`), its output is split per
 * member, and members that gave nothing are retried alone (`runOne`). All argv, never a shell.
 */
export interface FanOutPlan {
  kind: string;
  ref: string;
  list: { file: string; args: string[] };
  /** The members from the list command's stdout; throws EnvdiffError when there are none. */
  members(stdout: string): FanOutMember[];
  /** One run for every member (the engine fans out: srun); without it, each member runs alone (`runOne`), --jobs at a time. */
  runAll?(names: readonly string[]): { file: string; args: string[] };
  runOne(name: string): { file: string; args: string[] };
  /** The script the engine sends each member, around the probe bundle (default: the bundle itself). */
  wrap?(bundle: string): string;
  /** Each member's output from a run's stdout (default: the run's own stdout, stderr and exit code are the member's). */
  split?(stdout: string): Map<string, MemberOutput>;
  /** A member's own failure, for plans whose members run alone. */
  explainMemberFailure?(name: string, exitCode: number | null, stderr: string): { message: string; hint: string };
  explainFailure(exitCode: number | null, stderr: string): { message: string; hint: string };
}
