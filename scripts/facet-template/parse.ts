// __ID__ parser: the __ID__ probe's sections (probes/__ID__.sh) → __Id__Facet. Pure; never throws.
//
// Input (SYNTHETIC, as the probe prints it; fixtures/__ID__/ holds the cases):
//   ### path
//   /usr/local/bin/__ID__
//   ### version
//   __ID__ 1.2.3
import { splitSubsections, type ProbeSection } from '../../core/sections.js';
import { redactHome } from '../shared/redact-home.js';
import type { ParseContext } from '../types.js';
import type { __Id__Facet } from './types.js';

export function parse__Id__(section: ProbeSection, ctx: ParseContext): __Id__Facet {
  const parts = splitSubsections(section.text);
  if (parts.has('absent')) return { status: 'absent', reason: '__ID__ not found on PATH' };
  const path = parts.get('path')?.trim();
  const version = parts.get('version')?.split('\n')[0]?.trim();
  if (!path)
    return {
      status: 'error',
      reason: `__ID__: the probe printed no path${section.stderr ? ` (${section.stderr.trim().split('\n').pop()})` : ''}`,
    };
  return { status: 'ok', path: redactHome(path, ctx.home), ...(version ? { version } : {}) };
}
