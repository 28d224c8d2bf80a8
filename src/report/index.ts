// One entry point for every report format. Renderers load on demand: `compare` runs in CI on
// every push, and cli-table3 or the SARIF code should cost nothing when another format is asked.
import type { Report } from '../core/types.js';
import type { RenderOptions } from './common.js';

export type { RenderOptions } from './common.js';

export const REPORT_FORMATS = ['table', 'json', 'markdown', 'sarif', 'junit', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

export async function renderReport(format: ReportFormat, report: Report, opts: RenderOptions): Promise<string> {
  switch (format) {
    case 'table':
      return (await import('./table.js')).renderTable(report, opts);
    case 'json':
      return (await import('./json.js')).renderJson(report);
    case 'markdown':
      return (await import('./markdown.js')).renderMarkdown(report, opts);
    case 'sarif':
      return (await import('./sarif.js')).renderSarif(report, opts);
    case 'junit':
      return (await import('./junit.js')).renderJunit(report, opts);
    case 'github':
      return (await import('./github.js')).renderGithub(report, opts);
  }
}
