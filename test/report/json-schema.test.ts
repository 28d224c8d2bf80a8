// `--format json` follows schemas/report.schema.json: the golden reports, a hostile one and a
// finding with causedBy validate, and the schema really rejects a broken report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/formats/json.js';
import { REPO } from '../helpers/paths.js';
import { EMPTY, HOSTILE, REPORT } from './report-fixtures.js';

const schema = JSON.parse(readFileSync(join(REPO, 'schemas', 'report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

describe('the json report schema', () => {
  it.each([
    ['findings', REPORT],
    ['no findings', EMPTY],
    ['hostile strings', HOSTILE],
  ])('holds the json report: %s', (_name, report) => {
    expect(validate(JSON.parse(renderJson(report))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('holds a finding that names its cause, and the json report keeps causedBy, right after its cause', () => {
    const [first, ...rest] = REPORT.findings;
    const report = { ...REPORT, findings: [{ ...first!, causedBy: { ruleId: 'python/minor-version', subject: 'python' } }, ...rest] };
    const out = JSON.parse(renderJson(report)) as { findings: { ruleId: string; causedBy?: unknown }[] };
    expect(out.findings.map((f) => f.ruleId).slice(0, 2)).toEqual(['python/minor-version', first!.ruleId]);
    expect(out.findings[1]!.causedBy).toEqual({ ruleId: 'python/minor-version', subject: 'python' });
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a report with an unknown severity or a missing field', () => {
    const out = JSON.parse(renderJson(REPORT)) as { findings: Record<string, unknown>[] };
    out.findings[0]!['severity'] = 'fatal';
    expect(validate(out)).toBe(false);
    const again = JSON.parse(renderJson(REPORT)) as { findings: Record<string, unknown>[] };
    delete again.findings[0]!['hint'];
    expect(validate(again)).toBe(false);
  });
});
