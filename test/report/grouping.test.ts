// Many findings of one rule (101 missing packages after a Python upgrade) must not bury the one
// finding that explains them, in any format a person reads; and nothing may be lost on the way.
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/core/findings.js';
import { renderReport } from '../../src/report/index.js';

function missing(name: string, override = false): Finding {
  return {
    ruleId: 'python/package-missing',
    severity: 'error',
    facet: 'python',
    subject: name,
    baseline: '1.0.0',
    target: null,
    message: `${name} 1.0.0 is installed on the baseline but not on the target.`,
    hint: `Install it on the target: pip install "${name}==1.0.0"`,
    ...(override ? { override: { from: 'warning' as const, by: 'team.yml severity[0]: every package counts' } } : {}),
  };
}

const names = Array.from({ length: 30 }, (_, i) => `pkg-${String(i).padStart(2, '0')}`);
const minor: Finding = {
  ruleId: 'python/minor-version',
  severity: 'error',
  facet: 'python',
  subject: 'python',
  baseline: '3.11.7',
  target: '3.10.13',
  message: 'Python 3.11.7 here, 3.10.13 there',
  hint: 'install Python 3.11 on the target',
};
// Sorted as the engine sorts them: "pkg-…" subjects come before "python".
const REPORT: Report = {
  baseline: { label: 'py311' },
  target: { label: 'py310' },
  summary: { error: 31, warning: 0, info: 0 },
  findings: [...names.map((n) => missing(n)), minor],
};
const opts = { failOn: 'error' as const, color: false };

describe('a rule with many findings', () => {
  it('markdown: the lone finding comes first, the many are folded into one <details> and all listed', async () => {
    const md = await renderReport('markdown', REPORT, opts);
    expect(md.indexOf('python/minor-version')).toBeLessThan(md.indexOf('pkg-00'));
    expect(md).toMatch(
      /<details><summary><code>python\/package-missing<\/code> error, 30 findings: pkg-00 1\.0\.0, .* and 24 more<\/summary>/,
    );
    for (const n of names) expect(md).toContain(`| ${n} |`);
    expect(md.match(/<details>/g)).toHaveLength(md.match(/<\/details>/g)!.length);
  });

  it('markdown: a summary is HTML-escaped, not Markdown-escaped (Markdown is not parsed inside <summary>)', async () => {
    const hostile = names.map((n) => missing(`${n}<b>@team`));
    const md = await renderReport('markdown', { ...REPORT, findings: hostile }, opts);
    const summary = /<summary>(.*)<\/summary>/.exec(md)![1]!;
    expect(summary).toContain('pkg-00&lt;b&gt;&#64;team');
    expect(summary).not.toContain('\\');
  });

  it('github: at most 10 annotations of a kind, the explaining one among them, every finding in the log', async () => {
    const out = await renderReport('github', REPORT, opts);
    const errors = out.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.length).toBeLessThanOrEqual(10);
    expect(errors.some((l) => l.includes('python/minor-version'))).toBe(true);
    expect(errors.some((l) => l.includes('title=envdiff python/package-missing (30)'))).toBe(true);
    for (const n of names) expect(out).toMatch(new RegExp(`^envdiff: error python/package-missing ${n}: `, 'm'));
  });

  it('table and github: a policy override on grouped findings is still shown', async () => {
    const overridden = { ...REPORT, findings: [...names.map((n) => missing(n, true)), minor] };
    const table = await renderReport('table', overridden, opts);
    expect(table).toContain('severity warning → error by team.yml severity[0]: every package counts');
    const github = await renderReport('github', overridden, opts);
    expect(github).toContain('Policy: severity warning → error by team.yml severity[0]: every package counts');
    const md = await renderReport('markdown', overridden, opts);
    expect(md).toMatch(/<summary>.*policy: severity warning → error by team\.yml severity\[0\]/);
  });

  it('table: the "each finding, one per row" note only when a row groups findings', async () => {
    const five = {
      ...REPORT,
      summary: { error: 5, warning: 0, info: 0 },
      findings: ['a', 'b', 'c', 'd', 'e'].map((r) => ({ ...minor, ruleId: `python/${r}`, subject: r })),
    };
    expect(await renderReport('table', five, opts)).not.toContain('one per row');
    expect(await renderReport('table', REPORT, opts)).toContain('one per row');
  });
});

describe('markdown within a pull-request comment', () => {
  const report = (n: number): Report => {
    const findings = [minor, ...Array.from({ length: n }, (_, i) => missing(`package-with-a-long-name-${String(i).padStart(5, '0')}`))];
    return { baseline: { label: 'dev' }, target: { label: 'qa' }, summary: { error: findings.length, warning: 0, info: 0 }, findings };
  };

  it('keeps every finding in a full table while the report is small', async () => {
    const md = await renderReport('markdown', report(30), { failOn: 'error', color: false });
    expect(md).toContain('| `python/package-missing` | package-with-a-long-name-00029 |');
    expect(md).not.toMatch(/shortened/);
  });

  it('shortens folded groups, never the findings above them, to stay under 65,536 characters', async () => {
    const md = await renderReport('markdown', report(6000), { failOn: 'error', color: false });
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toContain('`python/minor-version`');
    expect(md).toMatch(/and \d+ more: the report was shortened to fit a pull-request comment/);
    expect(md).toContain('package-with-a-long-name-00000');
  });
});

describe('what follows from a root cause, folded under it', () => {
  const explained = (name: string): Finding => ({ ...missing(name), causedBy: { ruleId: 'python/minor-version', subject: 'python' } });

  it('markdown: shortened to fit a pull-request comment, the cause and its hint always whole', async () => {
    const findings = [
      minor,
      ...Array.from({ length: 6000 }, (_, i) => explained(`package-with-a-long-name-${String(i).padStart(5, '0')}`)),
    ];
    const report: Report = {
      baseline: { label: 'py311' },
      target: { label: 'py310' },
      summary: { error: 6001, warning: 0, info: 0 },
      findings,
    };
    const md = await renderReport('markdown', report, opts);
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toContain(
      '| error | `python/minor-version` | python | 3.11.7 | 3.10.13 | Python 3.11.7 here, 3.10.13 there<br>*Hint:* install Python 3.11 on the target<br>6000 findings follow from it (below) |',
    );
    expect(md).toMatch(
      /<summary>6000 findings under <code>python\/minor-version<\/code> \(python\): python\/package-missing ×6000<\/summary>/,
    );
    expect(md).toMatch(/and \d+ more: the report was shortened to fit a pull-request comment/);
  });

  it('table and github: a policy note on a consequence is still shown', async () => {
    const noted = { ...explained('pkg-x'), override: { from: 'warning' as const, by: 'team.yml severity[0]: every package counts' } };
    const report: Report = { ...REPORT, findings: [minor, noted] };
    expect(await renderReport('table', report, opts)).toContain('severity warning → error by team.yml severity[0]: every package counts');
    expect(await renderReport('table', report, { ...opts, width: 80 })).toContain('severity warning → error by team.yml');
    const github = await renderReport('github', report, opts);
    expect(github.split('\n')[0]).toMatch(/^::error title=envdiff python\/minor-version \(\+1 that follows from it\)::/);
    expect(github).toContain('(follows from python/minor-version)');
  });

  it('github: one annotation for the cause, however many follow from it; each of them in the log', async () => {
    const report: Report = { ...REPORT, findings: [minor, ...names.map(explained)] };
    const out = await renderReport('github', report, opts);
    const annotations = out.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toContain('30 findings follow from it: python/package-missing ×30 (listed in the log)');
    for (const n of names)
      expect(out).toMatch(new RegExp(`^envdiff: error python/package-missing ${n}: .*\\(follows from python/minor-version\\)$`, 'm'));
  });
});
