// Property: every lock file parser and every import parser, fed hostile text built around real
// line shapes of its format, either reads it or says why (LockParseError, an import `error`):
// never another exception, never a hang, and nothing it returns keeps a credential the text held.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCK_KINDS } from '../../src/facets/index.js';
import { LockParseError } from '../../src/facets/shared/lockfile.js';
import { IMPORT_PARSERS } from '../../src/import/index.js';
import { makeInput } from '../../src/import/text.js';
import { hostileString, RUNS } from './arbitraries.js';

// Line shapes of the formats (requirements, TOML, YAML, JSON, XML, sessionInfo, pip freeze),
// joined with hostile strings and a credential that must not survive.
const SHAPES = [
  'numpy==1.26.4',
  '--extra-index-url https://__token__:SECRET@pypi.example/simple',
  'pkg @ git+https://user:SECRET@github.com/org/repo.git',
  '[[package]]',
  'name = "numpy"',
  'version = "1.26.4"',
  '  - numpy=1.26.4=py311h64a7726_0',
  '  - pip:',
  '{"Packages": {',
  '"version": "1.26.4"',
  '<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency>',
  'R version 4.3.2 (2023-10-31)',
  '[1] stats     graphics',
  'torch==2.2.0+cu121',
  '\\',
  '# comment',
];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...SHAPES), hostileString), { minLength: 1, maxLength: 30 })
  .chain((parts) =>
    fc
      .array(fc.constantFrom('\n', '\r\n', '\r', '\x85', '\u2028', ' '), { minLength: parts.length, maxLength: parts.length })
      .map((seps) => parts.map((p, i) => p + seps[i]).join('')),
  );

describe('every parser on hostile text', () => {
  it.each(LOCK_KINDS.map((k) => [k.kind, k] as const))('lock file kind %s: reads it or says why', async (_kind, def) => {
    const parse = await def.load();
    fc.assert(
      fc.property(hostileText, (text) => {
        try {
          const parsed = parse(text, { path: 'lock' });
          expect(Array.isArray(parsed.packages)).toBe(true);
          JSON.stringify(parsed);
        } catch (err) {
          expect(err, String(err)).toBeInstanceOf(LockParseError);
        }
      }),
      RUNS,
    );
  });

  it.each(IMPORT_PARSERS.map((p) => [p.kind, p] as const))(
    'import kind %s: reads it or says why, and masks credentials',
    (_kind, parser) => {
      fc.assert(
        fc.property(hostileText, (text) => {
          const input = makeInput(text);
          if (!parser.detect(input)) return;
          const out = parser.parse(input);
          expect(JSON.stringify(out)).not.toContain('SECRET');
        }),
        RUNS,
      );
    },
  );
});
