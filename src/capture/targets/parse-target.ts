// `--target` syntax → a Transport, dispatched through the target registry (./registry.ts): the
// part before the first `:` names the target, the registered target checks the rest.
import { EnvdiffError } from '../../core/errors.js';
import { SYNTAX_HINT, TARGETS } from './index.js';
import { shown } from './syntax.js';
import type { FanOutPlan, ParseTargetOptions, Transport } from './types.js';

export type { ParseTargetOptions } from './types.js';

export function parseTarget(spec: string, opts: ParseTargetOptions = {}): Transport {
  const env = opts.env ?? process.env;
  const colon = spec.indexOf(':');
  const prefix = colon < 0 ? spec : spec.slice(0, colon);
  const rest = colon < 0 ? '' : spec.slice(colon + 1);
  const target = TARGETS.find((t) => t.prefixes.includes(prefix));
  // `local` takes no argument: `local:x` is not a target.
  if (!target || (prefix === 'local' && colon >= 0)) throw new EnvdiffError(`unknown target '${shown(spec)}'`, SYNTAX_HINT);
  return target.parse({ prefix, rest, spec, opts, env, hint: SYNTAX_HINT });
}

/** The fan-out plan of a target that stands for several machines (slurm:PARTITION), else undefined. */
export function parseFanOut(spec: string, opts: ParseTargetOptions = {}): FanOutPlan | undefined {
  const env = opts.env ?? process.env;
  const colon = spec.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = spec.slice(0, colon);
  const target = TARGETS.find((t) => t.prefixes.includes(prefix));
  if (!target?.fanOut) return undefined;
  return target.fanOut({ prefix, rest: spec.slice(colon + 1), spec, opts, env, hint: SYNTAX_HINT });
}
