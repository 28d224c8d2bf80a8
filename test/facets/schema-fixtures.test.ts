// The fingerprint schema covers every field the parsers emit, and no more: each facet $def is
// closed (unevaluatedProperties / additionalProperties false), so a parser that emits a field the
// schema does not name — or a misspelt one — fails here instead of passing silently. Every
// fixture's expected.json, and what the facet's parser makes of every fixture, must validate
// against that facet's $def.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FACETS } from '../../src/facets/registry.js';
import { checkFingerprint } from '../../src/core/fingerprint-schema.js';
import { captureLockfiles } from '../../src/lockfiles/capture.js';
import { ROOT } from './fixture-helpers.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'fingerprint.schema.json'), 'utf8')) as { $id: string };
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
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

// Raw tool output files whose probe sub-section has another name than the file.
const SUBSECTION_OF_FILE: Readonly<Record<string, string>> = {
  'container-manifest-2': 'rpm', // fixtures/system/mariner-2.0-rpm-manifest
  installed: 'apk-installed', // fixtures/system/alpine-3.19-apk-db
};

function sectionText(dir: string): string {
  if (existsSync(join(dir, 'probe.txt'))) return readFileSync(join(dir, 'probe.txt'), 'utf8');
  if (existsSync(join(dir, 'section.txt'))) return readFileSync(join(dir, 'section.txt'), 'utf8');
  return readdirSync(dir)
    .filter((f) => f !== 'expected.json' && f !== 'SOURCE.md')
    .sort()
    .map((f) => `### ${SUBSECTION_OF_FILE[f] ?? f}\n${readFileSync(join(dir, f), 'utf8').replace(/\n$/, '')}`)
    .join('\n');
}

const FACET_FIXTURES = ['os', 'kernel', 'cpu', 'gpu', 'python', 'r', 'jvm', 'system', 'env'];

describe('every facet fixture validates against its facet $def', () => {
  for (const facet of FACET_FIXTURES) {
    const base = join(ROOT, 'fixtures', facet);
    // fixtures/gpu/nvidia-smi-xml-* are import samples (test/import/golden.test.ts), not probe sections.
    const names = readdirSync(base, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('nvidia-smi-xml-'))
      .map((d) => d.name)
      .sort();
    const parse = FACETS.find((f) => f.id === facet)!.parse!;
    for (const name of names) {
      const dir = join(base, name);
      it(`${facet}/${name}`, () => {
        const exp = join(dir, 'expected.json');
        const expected = existsSync(exp) ? (JSON.parse(readFileSync(exp, 'utf8')) as { status: string }) : undefined;
        if (expected) expect(problems(facet, expected)).toEqual([]);
        const parsed = parse({ id: facet, exitCode: 0, text: sectionText(dir), stderr: '' }, { home: '/root' });
        // Fixtures of broken tools (a driver that is not loaded) are meant to parse to "error".
        expect(parsed.status, parsed.reason).toBe(expected?.status ?? (name === 'no-interpreter' ? 'absent' : 'ok'));
        expect(problems(facet, parsed)).toEqual([]);
      });
    }
  }
});

describe('the lockfiles facet of every lock file fixture validates against its $def', () => {
  const base = join(ROOT, 'fixtures', 'lockfiles');
  for (const name of readdirSync(base, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    it(name, async () => {
      const facet = await captureLockfiles({ cwd: join(base, name), recursive: true });
      expect(facet.status, facet.reason).toBe('ok');
      expect(problems('lockfiles', facet)).toEqual([]);
    });
  }
});

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

  it('names the unknown field in checkFingerprint\'s message', () => {
    const fp = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'dockerfile', 'linux-cpu-debian-12', 'fingerprint.json'), 'utf8'));
    expect(checkFingerprint(fp)).toEqual([]);
    fp.facets.kernel.hostname = 'build-01';
    expect(checkFingerprint(fp)).toEqual([{ path: '/facets/kernel', message: 'must NOT have unevaluated properties (hostname)' }]);
  });
});
