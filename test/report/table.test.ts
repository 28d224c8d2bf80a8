// The table renderer draws cli-table3's layout itself (cli-table3 is too slow for thousands of
// rows); cli-table3 stays the oracle: the same cells must give the same bytes.
import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../helpers/ansi.js';
import { displayWidth, drawTable, renderTable } from '../../src/report/formats/table.js';
import { REPORT } from './report-fixtures.js';

function cliTable3(head: string[], rows: string[][]): string {
  const t = new Table({ head, style: { head: [], border: [], compact: false } });
  for (const r of rows) t.push(r);
  return t.toString();
}

describe('table layout matches cli-table3', () => {
  it.each<[string, string[], string[][]]>([
    [
      'ascii',
      ['a', 'bb'],
      [
        ['1', '22'],
        ['333', ''],
      ],
    ],
    [
      'multi-line cells',
      ['severity', 'message'],
      [
        ['error', 'line one\nhint: two'],
        ['info', 'x'],
      ],
    ],
    [
      'wide and combining characters',
      ['name', 'value'],
      [
        ['数据科学', 'e\u0301te\u0301'],
        ['🐍 python', '→ —'],
      ],
    ],
    [
      'ANSI colour',
      ['severity', 'x'],
      [
        ['\u001b[1;31merror\u001b[0m', 'a'],
        ['\u001b[36minfo\u001b[0m', '\u001b[2mdim\u001b[0m\nplain'],
      ],
    ],
  ])('%s', (_name, head, rows) => {
    expect(drawTable(head, rows)).toBe(cliTable3(head, rows));
  });

  it('measures display width', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('数据')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\u001b[31mred\u001b[0m')).toBe(3);
  });

  it('gives many findings of one rule one row naming the first few, and keeps the rest one per row', () => {
    const many = { ...REPORT, findings: Array.from({ length: 5000 }, (_, i) => ({ ...REPORT.findings[i % 4]!, subject: `pkg-${i}` })) };
    const out = renderTable(many, { failOn: 'error', color: false });
    const ruleIds = new Set(REPORT.findings.slice(0, 4).map((f) => `${f.severity}/${f.ruleId}`));
    expect(out.match(/\d+ subjects/g)).toHaveLength(ruleIds.size);
    expect(out).toContain('1250 subjects');
    expect(out).toContain('pkg-0');
    expect(out).toMatch(/and 1242 more/);
    expect(out).not.toContain('pkg-4999');
    expect(out).toContain('Each finding, one per row: --format json');

    const few = { ...REPORT, findings: REPORT.findings.slice(0, 4) };
    const plain = renderTable(few, { failOn: 'error', color: false });
    expect(plain).not.toMatch(/\d+ subjects/);
    for (const f of few.findings) expect(plain).toContain(f.subject);
  });
});

describe('table width on a terminal', () => {
  const words = (s: string) =>
    stripAnsi(s)
      .split(/[\s│┃]+/)
      .filter((w) => /[a-z0-9]/i.test(w));

  it('wraps the message column to fit the terminal, losing no word', () => {
    const wide = renderTable(REPORT, { failOn: 'error', color: false });
    const fitted = renderTable(REPORT, { failOn: 'error', color: false, width: 120 });
    const tableLines = fitted.split('\n').filter((l) => /^[┌├│└]/.test(l));
    expect(Math.max(...wide.split('\n').map(displayWidth))).toBeGreaterThan(120);
    for (const line of tableLines) expect(displayWidth(line)).toBeLessThanOrEqual(120);
    expect(new Set(words(fitted))).toEqual(new Set(words(wide)));
    // Too narrow for six columns: each finding is stacked (no column headings), losing no word.
    const narrow = renderTable(REPORT, { failOn: 'error', color: false, width: 40 });
    const headings = new Set(['severity', 'rule', 'subject', 'baseline', 'target', 'message']);
    const wideWords = new Set(words(wide));
    expect(words(narrow).filter((w) => !wideWords.has(w))).toEqual([]);
    expect([...wideWords].filter((w) => !headings.has(w) && !words(narrow).includes(w))).toEqual([]);
    for (const line of narrow.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(40);
  });

  it('keeps the paint of a wrapped hint on every piece', () => {
    const fitted = renderTable(REPORT, { failOn: 'error', color: true, width: 90 });
    for (const line of fitted.split('\n')) {
      const opens = line.split('\u001b[').length - 1 - (line.split('\u001b[0m').length - 1);
      const closes = line.split('\u001b[0m').length - 1;
      expect(opens).toBe(closes);
    }
  });
});
