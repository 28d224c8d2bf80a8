// `--target` syntax → a Transport, dispatched through the target registry (./registry.ts): the
// part before the first `:` names the target, the registered target checks the rest.
import { EnvdiffError } from '../../core/errors.js';
import { SYNTAX_HINT, TARGETS } from './index.js';
import { shown } from './syntax.js';
import type { ParseTargetOptions, Transport } from './types.js';

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
