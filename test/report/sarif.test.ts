// SARIF output validated against the official SARIF 2.1.0 schema (schemas/vendor/sarif-2.1.0,
// from oasis-tcs/sarif-spec). The schema is draft-07, so ajv's default build reads it.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../src/report/formats/sarif.js';
import { ruleById } from '../../src/rules/catalog.js';
import { CAUSES, EMPTY, HOSTILE, HOSTILE_SUBJECT, REPORT } from './report-fixtures.js';
import { visible } from '../../src/core/escape.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/vendor/sarif-2.1.0/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormatsModule as unknown as { default: (a: Ajv) => void }).default(ajv);
const validate = ajv.compile(schema);

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      suppressions?: unknown[];
      properties: Record<string, unknown>;
    }[];
  }[];
}

function render(report = REPORT, targetPath: string | undefined = 'fp/qa.json'): SarifLog {
  const text = renderSarif(report, { failOn: 'error', toolVersion: '0.1.0', ...(targetPath ? { targetPath } : {}) });
  return JSON.parse(text) as SarifLog;
}

describe('sarif', () => {
  it.each([
    ['findings', REPORT],
    ['no findings', EMPTY],
    ['hostile strings', HOSTILE],
    ['a root cause and its consequences', CAUSES],
  ])('validates against the official SARIF 2.1.0 schema: %s', (_name, report) => {
    const log = render(report);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });

  it('puts the root cause first; each consequence carries causedBy and names the cause in its message and a related location', () => {
    const results = render(CAUSES).runs[0]!.results as (SarifLog['runs'][0]['results'][0] & {
      relatedLocations?: { logicalLocations: { fullyQualifiedName: string }[]; message: { text: string } }[];
    })[];
    expect(results[0]!.ruleId).toBe('python/minor-version');
    expect(results[0]!.properties['causedBy']).toBeUndefined();
    const consequences = results.filter((r) => r.properties['causedBy'] !== undefined);
    expect(consequences).toHaveLength(7);
    // …and they follow their cause, before the findings no cause explains.
    expect(results.slice(1, 8)).toEqual(consequences);
    for (const r of consequences) {
      expect(r.properties['causedBy']).toEqual({ ruleId: 'python/minor-version', subject: 'python' });
      expect(r.message.text).toContain('Follows from python/minor-version (python).');
      expect(r.relatedLocations![0]!.logicalLocations[0]!.fullyQualifiedName).toBe('python/python');
      expect(r.relatedLocations![0]!.message.text).toContain('python/minor-version');
    }
  });

  it('still validates without a target path (logical locations only)', () => {
    expect(validate(render(REPORT, undefined))).toBe(true);
  });

  it('the schema really rejects a broken log (the check above can fail)', () => {
    const log = render() as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('has one reportingDescriptor per rule id, and each result points at its own', () => {
    const run = render().runs[0]!;
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([
      'gpu/driver-too-old',
      'python/minor-version',
      'python/package-major',
      'system/package-patch',
      'system/package-missing',
    ]);
    for (const r of run.results) expect(ids[r.ruleIndex]).toBe(r.ruleId);
  });

  it("maps severities to error/warning/note and takes each rule's default level from the catalog", () => {
    const run = render().runs[0]!;
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note', 'warning']);
    // gpu/driver-too-old is declared `error` (src/rules/cross-facet/cuda-stack.ts), whatever a policy made of this finding.
    expect(run.tool.driver.rules[0]!.defaultConfiguration.level).toBe('error');
    expect(run.results[0]!.properties['override']).toEqual({ from: 'warning', by: 'policy.yml severity[0]: GPU drift blocks release' });
  });

  it("describes each rule with the catalog's title and help", () => {
    const rules = render().runs[0]!.tool.driver.rules as unknown as {
      id: string;
      shortDescription: { text: string };
      help?: { text: string };
    }[];
    const minor = rules.find((r) => r.id === 'python/minor-version')!;
    expect(minor.shortDescription.text).toBe(ruleById('python/minor-version')!.title);
    expect(minor.help?.text).toBe(ruleById('python/minor-version')!.help);
  });

  it('names a rule the catalog does not know after its id, with the level of its first finding', () => {
    const report = {
      ...EMPTY,
      findings: [{ ...REPORT.findings[0]!, ruleId: 'custom/made-up', severity: 'warning' as const, override: undefined }],
    };
    const rule = render(report).runs[0]!.tool.driver.rules[0] as unknown as {
      shortDescription: { text: string };
      help?: unknown;
      defaultConfiguration: { level: string };
    };
    expect(rule.shortDescription.text).toBe('custom: made up');
    expect(rule.help).toBeUndefined();
    expect(rule.defaultConfiguration.level).toBe('warning');
  });

  it('keeps suppressed findings as results with an external suppression', () => {
    const last = render().runs[0]!.results.at(-1)!;
    expect(last.ruleId).toBe('system/package-missing');
    expect(last.suppressions).toEqual([{ kind: 'external', justification: 'policy.yml ignore[0]: base image' }]);
  });

  it('carries hostile subjects verbatim in its properties, and visibly escaped in the text viewers show', () => {
    const r = render(HOSTILE).runs[0]!.results[0]!;
    expect(r.properties['subject']).toBe(HOSTILE_SUBJECT);
    expect(r.message.text.startsWith(visible(HOSTILE_SUBJECT))).toBe(true);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
    expect(r.message.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});
