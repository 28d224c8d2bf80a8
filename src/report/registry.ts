// THE list of report formats (`--format NAME`): one line each, in the order --help lists them.
// Adding a format is a file under src/report/formats/ exporting `render`, and one line here.
// Renderers load on demand: `compare` runs in CI on every push, and cli-table3 or the SARIF code
// should cost nothing when another format is asked for.
import type { Report } from '../core/findings.js';
import type { RenderOptions } from './common.js';

export type Renderer = (report: Report, opts: RenderOptions) => string;

export const FORMATS = {
  table: () => import('./formats/table.js'),
  json: () => import('./formats/json.js'),
  markdown: () => import('./formats/markdown.js'),
  sarif: () => import('./formats/sarif.js'),
  junit: () => import('./formats/junit.js'),
  github: () => import('./formats/github.js'),
  html: () => import('./formats/html.js'),
} satisfies Record<string, () => Promise<{ render: Renderer }>>;
