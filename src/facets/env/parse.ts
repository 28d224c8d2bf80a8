// Parses the env probe (probes/env.sh). Real sample (envdiff dev machine, dash):
//   ### vars
//   hex LC_ALL 432e5554462d38
//   hex OMP_NUM_THREADS 34
//   hex PATH 2f7573722f62696e3a2f62696e
// `raw NAME value` lines come from targets without od. The allow-list and the secret filter are
// applied again here: a fingerprint never holds a secret-looking name, whatever the probe sent.
import type { EnvFacet } from './types.js';
import { describeExit, splitSubsections, type ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';
import { isAllowedEnvName } from './allow-list.js';
import { redactHome } from '../shared/redact-home.js';
import { hasMaskedSecret, maskSecrets } from '../../core/secrets.js';

// Secret values inside allowed variables are masked by the one rule of src/core/secrets.ts: the
// user-info of a URL up to its last `@` (a proxy, an index: https://user:pw@host, and
// https://TOKEN@host as GitHub and GitLab tokens are passed), the value of a NAME=value pair whose
// NAME looks secret (-Djavax.net.ssl.keyStorePassword=… or -Dmy.pwd=… in JAVA_TOOL_OPTIONS,
// spark.hadoop.fs.s3a.secret.key=… in PYSPARK_SUBMIT_ARGS, ?access_token=… in a URL) and GPU UUIDs
// (CUDA_VISIBLE_DEVICES=GPU-…). probes/env.sh applies the same rules with sed before the value
// leaves the target.
export const redactSecretValues = maskSecrets;
export { hasMaskedSecret };

function decodeHex(hex: string): string | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  return Buffer.from(hex, 'hex').toString('utf8');
}

export function parseEnv(section: ProbeSection, ctx: ParseContext): EnvFacet {
  const subs = splitSubsections(section.text);
  const body = subs.get('vars');
  if (body === undefined) {
    return { status: 'error', reason: `env probe printed no vars section ${describeExit(section)}` };
  }
  const vars: Record<string, string> = {};
  let bad = 0;
  for (const line of body.split('\n')) {
    if (!line.trim()) continue;
    const m = /^(hex|raw) ([^ ]+) ?(.*)$/.exec(line);
    if (!m) {
      bad++;
      continue;
    }
    const [, kind, name, rest] = m as unknown as [string, string, string, string];
    const value = kind === 'hex' ? decodeHex(rest) : rest;
    if (value === undefined) {
      bad++;
      continue;
    }
    if (!isAllowedEnvName(name)) continue;
    vars[name] = redactSecretValues(redactHome(value, ctx.home));
  }
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(vars).sort()) sorted[k] = vars[k]!;
  const facet: EnvFacet = { status: 'ok', vars: sorted };
  if (bad > 0 && Object.keys(sorted).length === 0) {
    return { status: 'error', reason: `env probe output not understood (${bad} unreadable lines)` };
  }
  return facet;
}
