// The architecture check bites: a temporary src/ tree with one planted violation of each kind,
// each of which must be reported (and a clean twin of each, which must not).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkArchitecture, type Violation } from './check.js';

let dir = '';

/** A src/ tree of these files (a few clean modules are always there to import). */
function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'envdiff-arch-'));
  const base: Record<string, string> = {
    'core/text.ts': 'export const t = 1;\n',
    'core/run-process.ts': "import { spawn } from 'node:child_process';\nexport const r = spawn;\nexport const env = process.env;\n",
    'facets/types.ts': 'export type T = 1;\n',
    'facets/registry.ts': "export { osFacet } from './os/index.js';\n",
    'facets/os/index.ts': 'export const osFacet = 1;\n',
    'facets/python/index.ts': 'export const pythonFacet = 1;\n',
    'facets/shared/util.ts': 'export const u = 1;\n',
    'compare/engine.ts': 'export const e = 1;\n',
    'app/main.ts': 'export const m = 1;\n',
    'cli/main.ts': 'export const c = 1;\n',
  };
  for (const [path, text] of Object.entries({ ...base, ...files })) {
    const abs = join(dir, 'src', path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return join(dir, 'src');
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const PLANTED: readonly [string, string, string, Violation['kind']][] = [
  ['a static import upward', 'core/a.ts', "import { e } from '../compare/engine.js';\nexport const a = e;\n", 'upward'],
  ['an import type upward', 'core/a.ts', "import type { T } from '../facets/types.js';\nexport type A = T;\n", 'upward'],
  ['a double-quoted import upward', 'core/a.ts', 'import { m } from "../app/main.js";\nexport const a = m;\n', 'upward'],
  ['a dynamic import upward', 'facets/os/a.ts', 'export const a = () => import("../../app/main.js");\n', 'upward'],
  ['a dynamic import with a template literal', 'facets/os/a.ts', 'export const a = () => import(`../../cli/main.js`);\n', 'upward'],
  ['a dynamic import of a computed path', 'compare/a.ts', "const p = '../cli/main.js';\nexport const a = () => import(p);\n", 'unchecked'],
  ['a side-effect import upward', 'compare/a.ts', "import '../cli/main.js';\n", 'upward'],
  ['a re-export upward', 'core/a.ts', "export { e } from '../compare/engine.js';\n", 'upward'],
  ['a require upward', 'core/a.js', "const x = require('../app/main.js');\nmodule.exports = x;\n", 'upward'],
  ['an import = require upward', 'core/a.ts', "import x = require('../app/main.js');\nexport const a = x;\n", 'upward'],
  ['an import() type upward', 'core/a.ts', "export type A = import('../compare/engine.js').E;\n", 'upward'],
  [
    'a sideways import between layers of one rank',
    'compare/a.ts',
    "import { m } from '../report/x.js';\nexport const a = m;\n",
    'sideways',
  ],
  ['process.env in a facet', 'facets/os/a.ts', "export const home = process.env['HOME'];\n", 'impure'],
  ['globalThis.process in versioning', 'versioning/a.ts', 'export const p = globalThis.process;\n', 'impure'],
  ['node:fs in versioning', 'versioning/a.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'impure'],
  ['fs/promises in data', 'data/a.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n", 'impure'],
  ['child_process in a pure core module', 'core/a.ts', "import { execFile } from 'child_process';\nexport const x = execFile;\n", 'impure'],
  ['run-process in a facet', 'facets/os/a.ts', "import { r } from '../../core/run-process.js';\nexport const a = r;\n", 'impure'],
  ['a dynamic fs import in rules', 'rules/a.ts', "export const a = () => import('fs');\n", 'impure'],
  [
    'a facet importing another facet',
    'facets/os/a.ts',
    "import { pythonFacet } from '../python/index.js';\nexport const a = pythonFacet;\n",
    'cross-facet',
  ],
  ['a type import of another facet', 'facets/os/a.ts', "import type { X } from '../python/types.js';\nexport type A = X;\n", 'cross-facet'],
  [
    'facets/shared importing a facet',
    'facets/shared/a.ts',
    "import { osFacet } from '../os/index.js';\nexport const a = osFacet;\n",
    'cross-facet',
  ],
  ['a facet importing the registry', 'facets/os/a.ts', "import * as all from '../registry.js';\nexport const a = all;\n", 'cross-facet'],
  ['a file in no layer', 'misc/a.ts', 'export const a = 1;\n', 'unknown-layer'],
  ['a loose file in src/', 'a.ts', 'export const a = 1;\n', 'unknown-layer'],
];

describe('the architecture check reports each planted violation', () => {
  it.each(PLANTED)('%s', (_name, path, text, kind) => {
    const found = checkArchitecture(tree({ [path]: text }));
    expect(found.map((v) => `${v.file} ${v.kind}`)).toContain(`${path} ${kind}`);
  });

  it('and none in the clean tree it plants them in (run-process may use process and child_process)', () => {
    expect(checkArchitecture(tree({}))).toEqual([]);
  });

  it.each([
    [
      'a downward import',
      'compare/a.ts',
      "import { t } from '../core/text.js';\nimport type { T } from '../facets/types.js';\nexport const a = [t] as unknown as T;\n",
    ],
    [
      'a facet importing itself, shared and the facet types',
      'facets/os/a.ts',
      "import { osFacet } from './index.js';\nimport { u } from '../shared/util.js';\nimport type { T } from '../types.js';\nexport const a: T | number = osFacet + u;\n",
    ],
    [
      'a property named process',
      'facets/os/a.ts',
      'export const a = { process: 1 }.process;\ninterface P { process: number }\nexport type Q = P;\n',
    ],
    ['npm packages in a pure layer', 'versioning/a.ts', "import { parse } from 'yaml';\nexport const a = parse;\n"],
  ])('and not %s', (_name, path, text) => {
    expect(checkArchitecture(tree({ [path]: text }))).toEqual([]);
  });
});
