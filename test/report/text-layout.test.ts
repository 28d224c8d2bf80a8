// Wrapping and shortening for the terminal; the report fixtures are SYNTHETIC (report-fixtures.ts).
import { describe, expect, it } from 'vitest';
import { displayWidth, shortenMiddle, wrapLine, wrapText } from '../../src/report/text-layout.js';
import { fitColumns, renderTable } from '../../src/report/formats/table.js';
import { REPORT } from './report-fixtures.js';

describe('shortenMiddle', () => {
  const PATH = '/usr/local/cuda-12.1/bin:/opt/conda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  it.each([8, 20, 41, 60])('keeps both ends within %i columns', (max) => {
    const s = shortenMiddle(PATH, max);
    expect(displayWidth(s)).toBeLessThanOrEqual(max);
    expect(s).toContain('…');
    expect(PATH.startsWith(s.split('…')[0]!)).toBe(true);
    expect(PATH.endsWith(s.split('…')[1]!)).toBe(true);
  });
  it('leaves what fits alone, and counts wide characters as two columns', () => {
    expect(shortenMiddle('3.11.7', 6)).toBe('3.11.7');
    const wide = shortenMiddle('数据科学数据科学', 9);
    expect(displayWidth(wide)).toBeLessThanOrEqual(9);
  });
});

describe('wrapLine / wrapText', () => {
  it('breaks at spaces only, and keeps an indent on the first piece', () => {
    const text = '  numpy is 2.0.2 here but requirements.txt locks 1.26.4 (major difference)';
    const pieces = wrapLine(text, 30);
    expect(pieces[0]!.startsWith('  numpy')).toBe(true);
    for (const p of pieces) expect(displayWidth(p)).toBeLessThanOrEqual(30);
    expect(pieces.join(' ').replace(/\s+/g, ' ').trim()).toBe(text.trim());
  });
  it('cuts only a word longer than the whole line', () => {
    const pieces = wrapLine('see https://example.invalid/a/very/long/path/that/cannot/fit', 20);
    for (const p of pieces) expect(displayWidth(p)).toBeLessThanOrEqual(20);
    expect(pieces[0]).toBe('see');
  });
  it('indents continuation lines', () => {
    expect(wrapText('one two three four five six', 12, '    ')).toEqual(['one two', '    three', '    four', '    five six']);
  });
});

describe('the table at a width', () => {
  const head = ['severity', 'rule', 'subject', 'baseline', 'target', 'message'];
  it('gives the short columns their full width and the message the rest', () => {
    const rows = [['error', 'python/minor-version', 'python', '3.11.7', '3.10.13', 'Python 3.11 on the baseline, 3.10 on the target']];
    const widths = fitColumns(head, rows, 120)!;
    expect(widths.slice(0, 5)).toEqual([8, 20, 7, 8, 7]);
    expect(widths[5]).toBe(rows[0]![5]!.length);
    expect(fitColumns(head, rows, 100)![5]).toBe(100 - 19 - (8 + 20 + 7 + 8 + 7));
  });
  it('stacks the findings when six columns cannot fit', () => {
    const rows = [['error', 'python/minor-version', 'python', '3.11.7', '3.10.13', 'Python 3.11 on the baseline']];
    expect(fitColumns(head, rows, 60)).toBeUndefined();
    const out = renderTable(REPORT, { failOn: 'error', color: false, width: 60 });
    expect(out).not.toMatch(/[│┌└]/);
    expect(out).toMatch(/^error gpu\/driver-too-old — driver$/m);
    expect(out).toMatch(/^ {2}550\.54\.15 → 525\.60\.13$/m);
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });
  it('draws a table when it fits, every line within the width', () => {
    const out = renderTable(REPORT, { failOn: 'error', color: false, width: 110 });
    expect(out).toMatch(/^┌/m);
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(110);
  });
});
