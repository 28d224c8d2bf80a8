// Parses the env probe (probes/env.sh). Real sample (envdiff dev machine, dash):
//   ### vars
//   hex LC_ALL 432e5554462d38
//   hex OMP_NUM_THREADS 34
//   hex PATH 2f7573722f62696e3a2f62696e
// `raw NAME value` lines come from targets without od. The allow-list and the secret filter are
// applied again here: a fingerprint never holds a secret-looking name, whatever the probe sent.
import type { EnvFacet } from '../../core/types.js';
import { splitSubsections, type ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';
import { isAllowedEnvName } from './allow-list.js';
import { redactHome } from './redact.js';

/** user:password@ in a URL-valued variable (a proxy, an index) is a secret too. */
function redactUrlCredentials(value: string): string {
  return value.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]*:[^/\s@]*@/gi, '$1***@');
}

function decodeHex(hex: string): string | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  return Buffer.from(hex, 'hex').toString('utf8');
}

export function parseEnv(section: ProbeSection, ctx: ParseContext): EnvFacet {
  const subs = splitSubsections(section.text);
  const body = subs.get('vars');
  if (body === undefined) {
    const tail = section.stderr.trim().split('\n').slice(-2).join(' | ');
    return { status: 'error', reason: `env probe printed no vars section (exit ${section.exitCode})${tail ? `: ${tail}` : ''}` };
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
    vars[name] = redactUrlCredentials(redactHome(value, ctx.home));
  }
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(vars).sort()) sorted[k] = vars[k]!;
  const facet: EnvFacet = { status: 'ok', vars: sorted };
  if (bad > 0 && Object.keys(sorted).length === 0) {
    return { status: 'error', reason: `env probe output not understood (${bad} unreadable lines)` };
  }
  return facet;
}
