// One entry point for every report format, from the format registry (./registry.ts).
import type { Report } from '../core/findings.js';
import type { RenderOptions } from './common.js';
import { FORMATS } from './registry.js';

export type { RenderOptions } from './common.js';

export type ReportFormat = keyof typeof FORMATS;

export const REPORT_FORMATS = Object.keys(FORMATS) as readonly ReportFormat[];

export function isReportFormat(s: string): s is ReportFormat {
  return Object.hasOwn(FORMATS, s);
}

export async function renderReport(format: ReportFormat, report: Report, opts: RenderOptions): Promise<string> {
  return (await FORMATS[format]()).render(report, opts);
}
