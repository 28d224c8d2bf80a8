// Each format's exact output on a fixed report, against files in __golden__/.
// After an intended change: UPDATE_GOLDEN=1 npx vitest run test/report, then review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReport, REPORT_FORMATS } from '../../src/report/index.js';
import { stripAnsi } from '../helpers/ansi.js';
import { CAUSES, EMPTY, GOLDEN_EXTENSION, REPORT } from './report-fixtures.js';

function golden(name: string, actual: string): void {
  const url = new URL(`__golden__/${name}`, import.meta.url);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(url, actual);
  if (!existsSync(url)) throw new Error(`missing golden file ${name}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

describe('report formats: golden output', () => {
  for (const format of REPORT_FORMATS) {
    it(`${format}: findings, an override and a suppression`, async () => {
      const out = await renderReport(format, REPORT, { failOn: 'error', color: false, toolVersion: '0.1.0', targetPath: 'fp/qa.json' });
      golden(`report.${GOLDEN_EXTENSION[format]}`, out);
    });
    it(`${format}: no findings`, async () => {
      const out = await renderReport(format, EMPTY, { failOn: 'error', color: false, toolVersion: '0.1.0', targetPath: 'fp/qa.json' });
      golden(`empty.${GOLDEN_EXTENSION[format]}`, out);
    });
    it(`${format}: a root cause first, what follows from it folded under it, then the rest`, async () => {
      const out = await renderReport(format, CAUSES, { failOn: 'error', color: false, toolVersion: '0.1.0', targetPath: 'fp/py310.json' });
      golden(`causes.${GOLDEN_EXTENSION[format]}`, out);
    });
    it(`${format}: the same report renders byte-identically twice`, async () => {
      const opts = { failOn: 'warning' as const, color: false };
      expect(await renderReport(format, REPORT, opts)).toBe(await renderReport(format, structuredClone(REPORT), opts));
    });
  }

  it.each([80, 160])('table at %i columns: consequences folded under their cause, stacked or boxed', async (width) => {
    const out = await renderReport('table', CAUSES, { failOn: 'error', color: false, width });
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
    golden(`causes.table-${width}.txt`, out);
  });

  it('table: colour only when asked, and then on the severity cells', async () => {
    const plain = await renderReport('table', REPORT, { failOn: 'error', color: false });
    const colour = await renderReport('table', REPORT, { failOn: 'error', color: true });
    expect(plain).not.toContain('\u001b');
    expect(colour).toContain('\u001b[1;31merror\u001b[0m');
    expect(colour).toContain('\u001b[33mwarning\u001b[0m');
    expect(stripAnsi(colour)).toBe(plain);
  });
});
