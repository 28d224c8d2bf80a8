// Hostile labels and subjects (newlines, |, <, ::, %, ESC, bidi overrides) must not break any format.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderGithub } from '../../src/report/formats/github.js';
import { escapeData, escapeMarkdown, escapeProperty } from '../../src/report/escape.js';
import { renderJson } from '../../src/report/formats/json.js';
import { renderJunit } from '../../src/report/formats/junit.js';
import { renderMarkdown } from '../../src/report/formats/markdown.js';
import { renderTable } from '../../src/report/formats/table.js';
import { HOSTILE, HOSTILE_SUBJECT, REPORT } from './report-fixtures.js';

const opts = { failOn: 'error' as const, color: false };

describe('hostile strings', () => {
  it('json: round-trips every string exactly', () => {
    expect(JSON.parse(renderJson(HOSTILE))).toEqual(HOSTILE);
  });

  it('table: one row per finding, no raw control characters, nothing starts a line with ::', () => {
    const out = renderTable(HOSTILE, opts);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    expect(out.split('\n').some((l) => l.startsWith('::'))).toBe(false);
    expect(out).toContain('evil|name\\n::error title=x::pwned <script>@team %0A,:\\u001b[31mred\\u202e');
    expect(out).toContain('dev|"prod"\\r\\n::warning::spoof <b>');
  });

  it('markdown: each table row keeps exactly five cells and no live HTML or mention', () => {
    const out = renderMarkdown(HOSTILE, opts);
    const rows = out.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows) {
      const cells = row.replace(/\\\|/g, '').split('|').length - 2;
      expect([4, 5]).toContain(cells);
    }
    expect(out).not.toMatch(/<script|<b>|<i>|@team/);
    expect(out).not.toContain('\r');
    expect(
      out
        .split('\n')
        .filter((l) => l.includes('::error'))
        .every((l) => l.startsWith('|')),
    ).toBe(true);
    expect(escapeMarkdown('a|b\nc')).toBe('a\\|b c');
    expect(escapeMarkdown('<x> & @y')).toBe('&lt;x&gt; &amp; &#64;y');
  });

  it('junit: well-formed XML whose attributes and text decode back to the findings', () => {
    const xml = renderJunit(HOSTILE, opts);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true }).parse(
      xml,
    ) as {
      testsuites: { testsuite: { name: string; testcase: { name: string; failure?: { '#text': string; message: string } }[] } };
    };
    const suite = doc.testsuites.testsuite;
    // Testcases in the order of their first finding (errors first), then the rules only a policy suppressed.
    expect(suite.testcase.map((t) => t.name)).toEqual(['python/package-missing', 'env/variable-changed', 'system/x']);
    expect(suite.testcase[0]!.failure!['#text']).toContain('line two | still two ]]> </failure>');
    expect(suite.name).toContain('::warning::spoof <b>');
  });

  it('github: only our own commands start lines; data and properties decode to the originals', () => {
    const out = renderGithub(HOSTILE, opts);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(HOSTILE.findings.length + HOSTILE.suppressed!.length + 1);
    expect(lines[0]!.startsWith('::error title=envdiff python/package-missing::')).toBe(true);
    expect(lines[1]!.startsWith('::notice title=envdiff env/variable-changed::')).toBe(true);
    for (const l of lines.slice(2)) expect(l.startsWith('envdiff: ')).toBe(true);
    const data = lines[0]!.slice(lines[0]!.indexOf('::', 2) + 2);
    const decoded = data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
    // ESC and the bidi override reach the log as visible escapes, never raw (issue #10).
    expect(decoded.startsWith(HOSTILE_SUBJECT.replace('\u001b', '\\u001b').replace('\u202e', '\\u202e'))).toBe(true);
  });

  it('github: escapes per actions/toolkit (data: % \\r \\n; properties also : and ,)', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    expect(renderGithub(REPORT, opts)).toContain('::error title=envdiff gpu/driver-too-old::driver: 550.54.15');
  });
});

describe('junit: fail-on decides failures', () => {
  const failures = (failOn: 'error' | 'warning' | 'info' | 'never'): number =>
    (renderJunit(REPORT, { failOn }).match(/<failure /g) ?? []).length;
  it.each([
    ['error', 2],
    ['warning', 3],
    ['info', 4],
    ['never', 0],
  ] as const)('fail-on %s → %i failing rules', (failOn, n) => {
    expect(failures(failOn)).toBe(n);
  });
});
