// The report format registry is complete: one line per file under src/report/formats/, each file
// exporting `render`, each format with golden output in test/report/__golden__/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/report/registry.js';
import { REPORT_FORMATS, isReportFormat } from '../../src/report/index.js';
import { REPO } from '../helpers/paths.js';
import { GOLDEN_EXTENSION } from './report-fixtures.js';

describe('the report format registry', () => {
  it('has one line per format file, each exporting render', async () => {
    const files = readdirSync(join(REPO, 'src', 'report', 'formats'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect([...REPORT_FORMATS].sort()).toEqual(files);
    const lines = readFileSync(join(REPO, 'src', 'report', 'registry.ts'), 'utf8')
      .split('\n')
      .filter((l) => /^ {2}[a-z]+: \(\) => import/.test(l));
    expect(lines).toHaveLength(files.length);
    for (const name of REPORT_FORMATS) expect(typeof (await FORMATS[name]()).render, name).toBe('function');
    expect(isReportFormat('table')).toBe(true);
    expect(isReportFormat('toString')).toBe(false);
  });

  it('gives every format golden output', () => {
    for (const name of REPORT_FORMATS) {
      for (const kind of ['report', 'empty']) {
        expect(existsSync(join(REPO, 'test', 'report', '__golden__', `${kind}.${GOLDEN_EXTENSION[name]}`)), `${kind} ${name}`).toBe(true);
      }
    }
  });
});
