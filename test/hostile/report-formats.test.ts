// Property: a report whose every string is hostile (labels, subjects, versions, messages, hints,
// policy reasons) renders in every format to the same STRUCTURE as the same report with plain
// strings, read back by each format's own parser: JSON.parse (and the exact values), an XML parser
// for JUnit, commonmark (the CommonMark reference parser) for Markdown, the workflow-command line
// grammar for GitHub annotations, JSON for SARIF. No extra line, element, annotation, link or HTML
// node; no raw control, C1 or bidi character in what reaches a terminal or a CI log.
import { Parser as MarkdownParser, type Node } from 'commonmark';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/findings.js';
import { renderGithub } from '../../src/report/formats/github.js';
import { renderJson } from '../../src/report/formats/json.js';
import { renderJunit } from '../../src/report/formats/junit.js';
import { renderMarkdown } from '../../src/report/formats/markdown.js';
import { renderSarif } from '../../src/report/formats/sarif.js';
import { renderTable } from '../../src/report/formats/table.js';
import { REPORT } from '../report/report-fixtures.js';
import { hostileString, RUNS } from './arbitraries.js';

const opts = { failOn: 'error' as const, color: false };
// eslint-disable-next-line no-control-regex -- the test looks for raw control characters
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** REPORT with every string field replaced by `text(i)`. */
function withStrings(text: (i: number) => string): Report {
  let i = 0;
  const t = () => text(i++);
  return {
    baseline: { label: t() },
    target: { label: t() },
    summary: REPORT.summary,
    findings: REPORT.findings.map((f) => ({
      ...f,
      subject: t(),
      baseline: f.baseline === null ? null : t(),
      target: f.target === null ? null : t(),
      message: t(),
      hint: t(),
      ...(f.override ? { override: { from: f.override.from, by: t() } } : {}),
    })),
    suppressed: REPORT.suppressed!.map((s) => ({ ...s, subject: t(), by: t() })),
  };
}

/** Node types of a CommonMark document, in document order. */
function markdownShape(md: string): string[] {
  const walker = new MarkdownParser().parse(md).walker();
  const types: string[] = [];
  for (let e = walker.next(); e; e = walker.next()) if (e.entering) types.push(shapeOf(e.node));
  return types;
}

function shapeOf(node: Node): string {
  // Text nodes merge differently around escapes: their number is not structure, their kind is.
  return node.type === 'html_inline' || node.type === 'html_block' ? `${node.type}:${node.literal ?? ''}` : node.type;
}

/** A parsed document with every string leaf replaced by S: its structure. */
function structure(value: unknown): unknown {
  if (typeof value === 'string') return 'S';
  if (Array.isArray(value)) return value.map(structure);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structure(v)]));
  return value;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
});

describe('hostile report strings through every format', () => {
  const plain = withStrings((i) => `plain${i}`);
  const plainMarkdown = markdownShape(renderMarkdown(plain, opts)).filter((t) => t !== 'text');
  const plainJunit = structure(xml.parse(renderJunit(plain, opts)));
  const plainSarif = structure(JSON.parse(renderSarif(plain, opts)));
  const plainAnnotations = renderGithub(plain, opts)
    .split('\n')
    .filter((l) => l.startsWith('::')).length;

  it('each format reads back with the structure of the plain report', () => {
    fc.assert(
      fc.property(fc.array(hostileString, { minLength: 40, maxLength: 40 }), (strings) => {
        // Letters around each value, so that emphasis delimiters in the format stay flanked as in the plain report.
        const report = withStrings((i) => `a${strings[i % strings.length]!}z`);
        expect(JSON.parse(renderJson(report))).toEqual(report);

        const junit = renderJunit(report, opts);
        expect(XMLValidator.validate(junit)).toBe(true);
        expect(structure(xml.parse(junit))).toEqual(plainJunit);

        expect(markdownShape(renderMarkdown(report, opts)).filter((t) => t !== 'text')).toEqual(plainMarkdown);

        const github = renderGithub(report, opts);
        expect(github).not.toMatch(RAW_UNSAFE);
        expect(github.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(plainAnnotations);

        const sarif = JSON.parse(renderSarif(report, opts)) as { runs: { results: { message: { text: string } }[] }[] };
        expect(structure(sarif)).toEqual(plainSarif);
        for (const r of sarif.runs[0]!.results) expect(r.message.text).not.toMatch(RAW_UNSAFE);

        expect(renderTable(report, opts)).not.toMatch(RAW_UNSAFE);
      }),
      RUNS,
    );
  });
});
