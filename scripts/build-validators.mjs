// Compiles the JSON Schemas in schemas/ into standalone validator modules (ajv standalone).
// Why: compiling the fingerprint schema at run time costs ~80 ms, twice the start-up of Node
// itself, and `envdiff compare` must stay within a few Node start-ups. The output goes to
// src/generated/ (git-ignored) so both tsc (allowJs) and vitest see it.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';

const schemas = [
  ['fingerprint', 'schemas/fingerprint.schema.json', { strict: false }],
  // verbose: policy errors carry their parent schema, so an unknown key can list the allowed ones.
  ['policy', 'schemas/policy.schema.json', { strict: true, strictRequired: false, verbose: true }],
];

mkdirSync('src/generated', { recursive: true });
for (const [name, path, options] of schemas) {
  if (!existsSync(path)) continue;
  const ajv = new Ajv2020({ allErrors: true, ...options, code: { source: true, esm: true } });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
  writeFileSync(`src/generated/${name}-validator.js`, `// generated from ${path} by scripts/build-validators.mjs\n` +
      // ajv's ESM output still calls require() for formats and runtime helpers.
      `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n` +
      standaloneCode(ajv, validate).replace(/^"use strict";/, ''));
  writeFileSync(
    `src/generated/${name}-validator.d.ts`,
    `import type { ErrorObject } from 'ajv';\ndeclare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };\nexport default validate;\n`,
  );
}
