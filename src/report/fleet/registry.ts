// THE list of fleet report formats (`compare BASELINE T1 T2 …`): one line each. A fleet report
// (src/core/fleet.ts) groups targets with identical findings; each format shows the groups, and
// the formats with one entry per target (junit, sarif, html) show every target. `github` has no
// fleet form: its annotations point at one target's findings.
import type { FleetReport } from '../../core/fleet.js';
import type { RenderOptions } from '../common.js';

export type FleetRenderer = (report: FleetReport, opts: RenderOptions) => string;

export const FLEET_FORMATS = {
  table: () => import('./table.js'),
  json: () => import('./json.js'),
  markdown: () => import('./markdown.js'),
  sarif: () => import('./sarif.js'),
  junit: () => import('./junit.js'),
  html: () => import('../formats/html.js'),
} satisfies Record<string, () => Promise<{ renderFleet: FleetRenderer }>>;

export type FleetFormat = keyof typeof FLEET_FORMATS;

export function isFleetFormat(s: string): s is FleetFormat {
  return Object.hasOwn(FLEET_FORMATS, s);
}
