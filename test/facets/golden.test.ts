// THE golden test: walks every fixture folder of every registered facet (the one layout of
// test/helpers/fixtures.ts), parses it with the facet's own parser and checks it against its
// expected.json and the facet's schema; and every lock file fixture against the lock file kinds
// and the lockfiles schema. A new facet's fixtures are walked without touching this file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { captureLockfiles } from '../../src/capture/lockfiles.js';
import { FACETS, LOCK_KINDS } from '../../src/facets/index.js';
import { loadFixtures } from '../helpers/fixtures.js';
import { REPO } from '../helpers/paths.js';

const schema = JSON.parse(readFileSync(join(REPO, 'schemas', 'fingerprint.schema.json'), 'utf8')) as { $id: string };
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormatsModule as unknown as { default: (a: Ajv2020) => void }).default(ajv);
ajv.addSchema(schema);

function schemaProblems(facet: string, value: unknown): string[] {
  const validate = ajv.getSchema(`${schema.$id}#/$defs/${facet}`);
  if (!validate) return [`no $def for ${facet}`];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

const dirs = (path: string): string[] =>
  existsSync(path)
    ? readdirSync(path)
        .filter((f) => statSync(join(path, f)).isDirectory())
        .sort()
    : [];

/** fixtures/ holds one folder per facet, plus the inputs of the Dockerfile and policy tests. */
const NOT_FACETS = new Set(['dockerfile', 'policy', 'import']);

/** Real samples collected ahead of the code that reads them (none at present). */
const NOT_YET_READ = /^$/;

describe('fixtures/ has one folder per facet', () => {
  it('names only registered facets (and the dockerfile and policy inputs)', () => {
    const ids = new Set<string>(FACETS.map((f) => f.id));
    for (const d of dirs(join(REPO, 'fixtures'))) expect(ids.has(d) || NOT_FACETS.has(d), `fixtures/${d}`).toBe(true);
  });
});

for (const facet of FACETS.filter((f) => f.parser)) {
  describe(`${facet.id} fixtures`, () => {
    const fixtures = loadFixtures(facet.id).filter((f) => !NOT_YET_READ.test(f.name));

    it('has at least one scenario', () => {
      expect(fixtures.length).toBeGreaterThan(0);
    });

    for (const fx of fixtures) {
      it(`${fx.name}: says where it came from, and parses to expected.json, which the schema allows`, async () => {
        const source = join(REPO, 'fixtures', facet.id, fx.name, 'SOURCE.md');
        expect(existsSync(source), `${source}`).toBe(true);
        expect(readFileSync(source, 'utf8').length, 'SOURCE.md says more than a title').toBeGreaterThan(80);
        expect(fx.expected, 'expected.json').toBeDefined();
        const parsed = (await facet.parser!())(fx.section, fx.context);
        expect(parsed).toEqual(fx.expected);
        expect(schemaProblems(facet.id, fx.expected)).toEqual([]);
      });
    }
  });
}

describe('lockfiles fixtures (fixtures/lockfiles/<kind>/<scenario>/)', () => {
  const base = join(REPO, 'fixtures', 'lockfiles');
  const scenarios = dirs(base)
    .flatMap((kind) => dirs(join(base, kind)).map((s) => `${kind}/${s}`))
    .filter((s) => !NOT_YET_READ.test(s));
  const kinds = new Set(LOCK_KINDS.map((k) => k.kind));

  it('has scenarios', () => {
    expect(scenarios.length).toBeGreaterThan(10);
  });

  for (const scenario of scenarios) {
    it(`${scenario}: says where it came from, reads as registered kinds, and the schema allows it`, async () => {
      const source = join(base, scenario, 'SOURCE.md');
      expect(existsSync(source)).toBe(true);
      expect(readFileSync(source, 'utf8').length).toBeGreaterThan(80);
      // Every file of the scenario, named as with --lock (some carry names only --lock reads).
      const dir = join(base, scenario);
      const paths = readdirSync(dir).filter((f) => f !== 'SOURCE.md' && statSync(join(dir, f)).isFile());
      const facet = await captureLockfiles({ cwd: dir, paths });
      expect(facet.status, facet.reason).toBe('ok');
      for (const file of facet.files ?? []) {
        expect(file.status, file.reason).toBe('ok');
        expect(kinds.has(file.kind), file.kind).toBe(true);
      }
      expect(schemaProblems('lockfiles', facet)).toEqual([]);
    });
  }
});
