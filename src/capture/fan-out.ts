// Runs a fan-out target's plan (src/capture/targets/types.ts, FanOutPlan): list the members, run the
// probe bundle on all of them in one go through the engine's own fan-out (one srun), split the
// output per member, retry alone the members that gave nothing (one broken node must not cost the
// others their fingerprints), and assemble one fingerprint per member. Each member either has a
// fingerprint or a reason, never both.
import { EnvdiffError } from '../core/errors.js';
import { runProcess, type ProcessResult } from '../core/run-process.js';
import type { Fingerprint } from '../facets/index.js';
import type { LockfilesFacet } from '../facets/lockfiles/types.js';
import { assembleFingerprint, loadAssembleTools } from './capture.js';
import { buildProbeBundle } from './probe-bundle.js';
import type { FanOutMember, FanOutPlan, MemberOutput } from './targets/types.js';

export interface FanOutOptions {
  python?: string;
  probeTimeoutSec?: number;
  /** For the whole fan-out run (and for each retry). */
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Members run at once when each runs alone (k8s pods). */
  jobs?: number;
}

export interface MemberResult {
  member: FanOutMember;
  fingerprint?: Fingerprint;
  error?: EnvdiffError;
}

const LOCKFILES_ABSENT: LockfilesFacet = {
  status: 'absent',
  reason: 'lockfiles are read from this machine only when named with --lock for another target',
};

export async function captureFanOut(plan: FanOutPlan, opts: FanOutOptions): Promise<MemberResult[]> {
  const run = (cmd: { file: string; args: string[] }, input?: string) =>
    runProcess(cmd.file, cmd.args, { input, timeoutMs: opts.timeoutMs, ...(opts.env ? { env: opts.env } : {}) });
  const listed = await run(plan.list);
  if (listed.spawnError || listed.timedOut || listed.exitCode !== 0) {
    const why = listed.spawnError
      ? {
          message: `cannot capture ${plan.kind}:${plan.ref}: '${plan.list.file}' could not be run (${listed.spawnError.code ?? listed.spawnError.message})`,
          hint: `install ${plan.list.file}`,
        }
      : plan.explainFailure(listed.exitCode, listed.timedOut ? 'timed out' : listed.stderr);
    throw new EnvdiffError(why.message, why.hint);
  }
  const members = plan.members(listed.stdout);
  const usable = members.filter((m) => m.unavailable === undefined);
  const bundle = buildProbeBundle({ python: opts.python, probeTimeoutSec: opts.probeTimeoutSec ?? 30 });
  const script = plan.wrap ? plan.wrap(bundle) : bundle;
  const tools = await loadAssembleTools();

  const outputs = new Map<string, MemberOutput>();
  const failures = new Map<string, { message: string; hint: string }>();
  const outputOf = (name: string, r: ProcessResult): MemberOutput | undefined =>
    plan.split
      ? plan.split(r.stdout).get(name)
      : r.spawnError || r.timedOut
        ? undefined
        : { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  const runAlone = async (m: FanOutMember): Promise<void> => {
    const one = await run(plan.runOne(m.name), script);
    const out = outputOf(m.name, one);
    if (out) outputs.set(m.name, out);
    else if (one.timedOut) failures.set(m.name, timedOut(plan, m, opts.timeoutMs));
    else
      failures.set(m.name, plan.explainMemberFailure?.(m.name, one.exitCode, one.stderr) ?? plan.explainFailure(one.exitCode, one.stderr));
  };
  if (plan.runAll && usable.length > 0) {
    const all = await run(plan.runAll(usable.map((m) => m.name)), script);
    for (const [name, out] of plan.split?.(all.stdout) ?? []) outputs.set(name, out);
    const missing = usable.filter((m) => !outputs.has(m.name));
    if (missing.length > 0 && usable.length > 1) {
      // The step as a whole failed (a node's slurmd gone cancels every task): each alone.
      await Promise.all(missing.map(runAlone));
    } else if (missing.length > 0) {
      failures.set(
        missing[0]!.name,
        all.timedOut ? timedOut(plan, missing[0]!, opts.timeoutMs) : plan.explainFailure(all.exitCode, all.stderr),
      );
    }
  } else {
    await mapLimit(usable, Math.max(1, opts.jobs ?? 4), runAlone);
  }

  const results: MemberResult[] = [];
  for (const member of members) {
    if (member.unavailable !== undefined) {
      results.push({
        member,
        error: new EnvdiffError(
          `cannot capture ${plan.kind}:${member.ref}: ${member.unavailable}`,
          'bring the node back, or leave it out of the node list',
        ),
      });
      continue;
    }
    const out = outputs.get(member.name);
    if (!out) {
      const why = failures.get(member.name) ?? { message: `cannot capture ${plan.kind}:${member.ref}: no output`, hint: 'check the node' };
      results.push({ member, error: new EnvdiffError(why.message, why.hint) });
      continue;
    }
    try {
      const fingerprint = await assembleFingerprint(
        { kind: plan.kind, ref: member.ref, explainFailure: (code, stderr) => plan.explainFailure(code, stderr) },
        out,
        {
          label: member.label ?? member.name,
          lockfiles: LOCKFILES_ABSENT,
          probeTimeoutSec: opts.probeTimeoutSec,
          ...(opts.now ? { now: opts.now } : {}),
        },
        tools,
      );
      results.push({ member, fingerprint });
    } catch (err) {
      if (!(err instanceof EnvdiffError)) throw err;
      results.push({ member, error: err });
    }
  }
  return results;
}

function timedOut(plan: FanOutPlan, m: FanOutMember, timeoutMs: number): { message: string; hint: string } {
  return {
    message: `capturing ${plan.kind}:${m.ref} did not finish within ${Math.round(timeoutMs / 1000)} s`,
    hint: 'the node hangs or is very slow; raise --timeout or check the node',
  };
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
