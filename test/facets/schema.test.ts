// The fingerprint schema covers every field the parsers emit, and no more: each facet $def is
// closed (unevaluatedProperties / additionalProperties false), so a parser that emits a field the
// schema does not name — or a misspelt one — fails instead of passing silently. (Every fixture's
// expected.json and parse validate against their facet's $def in test/facets/golden.test.ts.)
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { checkFingerprint } from '../../src/core/fingerprint-schema.js';
import { ROOT } from '../helpers/fixtures.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'fingerprint.schema.json'), 'utf8')) as { $id: string };
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormatsModule as unknown as { default: (a: Ajv2020) => void }).default(ajv);
ajv.addSchema(schema);
const defOf = (facet: string) => {
  const v = ajv.getSchema(`${schema.$id}#/$defs/${facet}`);
  if (!v) throw new Error(`no $def for ${facet}`);
  return v;
};
const problems = (facet: string, value: unknown): string[] => {
  const v = defOf(facet);
  return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
};

describe('the facet $defs are closed', () => {
  it.each([
    ['cpu', { status: 'ok', model: 'x', memorybytes: 1 }],
    ['os', { status: 'ok', libc: { family: 'glibc', version: '2.36', vendor: 'gnu' } }],
    ['python', { status: 'ok', version: '3.11.7', packages: [{ name: 'six', version: '1.16.0', instaler: 'pip' }] }],
    ['gpu', { status: 'absent', reason: 'no nvidia-smi', devices: [{ index: 0, name: 'A100', uuid: 'GPU-1' }] }],
    ['system', { status: 'ok', manager: 'dpkg', packages: [{ name: 'a', version: '1', epoch: '1' }] }],
  ])('%s with an unknown field is rejected', (facet, value) => {
    expect(problems(facet, value)).not.toEqual([]);
  });

  it("names the unknown field in checkFingerprint's message", () => {
    const fp = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'dockerfile', 'linux-cpu-debian-12', 'fingerprint.json'), 'utf8'));
    expect(checkFingerprint(fp)).toEqual([]);
    fp.facets.kernel.hostname = 'build-01';
    expect(checkFingerprint(fp)).toEqual([{ path: '/facets/kernel', message: 'must NOT have unevaluated properties (hostname)' }]);
  });
});
