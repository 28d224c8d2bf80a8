// The repository explains itself: a path a comment or doc names (src/…, docs/…, fixtures/…, a
// Markdown file) exists in the repository, and nothing points at documents kept outside it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.js';

const ROOTS = ['src', 'test', 'scripts', 'probes', 'bench', '.ci', 'docs'];
const FILES = ['README.md', 'CONTRIBUTING.md', 'package.json', 'eslint.config.js', 'vitest.config.ts'];
const SKIP = new Set(['node_modules', 'generated', '__golden__', '__fixtures__']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (SKIP.has(f)) return [];
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mjs|js|sh|md|json)$|^run$/.test(f) ? [p] : [];
  });
}

const files = [
  ...ROOTS.filter((r) => existsSync(join(REPO, r))).flatMap((r) => walk(join(REPO, r))),
  ...FILES.map((f) => join(REPO, f)).filter(existsSync),
];

/**
 * A repository path as prose writes it: `src/facets/os/rules.ts`, `fixtures/os/`, `docs/RULES.md`.
 * A path of another repository is written `owner/repo:path` and is not checked.
 */
const PATH = /(?<![\w./:-])((?:src|test|fixtures|docs|schemas|probes|scripts|bench|\.ci)\/[A-Za-z0-9_.\-/]*[A-Za-z0-9_/])/g;
/** Placeholders in the scaffold and in prose: src/facets/NAME/, probes/__ID__.sh, the scaffold test's demo facet. */
const PLACEHOLDER = /__ID__|\/NAME\b|\/demo\b/;
/** File names every scenario folder has (fixtures/<facet>/<scenario>/SOURCE.md). */
const PER_FOLDER = new Set(['SOURCE.md']);
const MD = /(?<![\w./-])([A-Z][A-Z_]*\.md)\b/g;
/** Documents that lived outside the repository; nothing may point at them. */
const OUTSIDE = /\/work\/shared|compat-facts|knowledge\/machine|\bDESIGN\.md|\bSTYLE\.md/;

/** Something in the repository starts with this path (`dir/prefix` of a glob `dir/prefix*`). */
function globMatches(prefix: string): boolean {
  const dir = join(REPO, prefix.slice(0, prefix.lastIndexOf('/')));
  const start = prefix.slice(prefix.lastIndexOf('/') + 1);
  return existsSync(dir) && readdirSync(dir).some((f) => f.startsWith(start));
}

describe('references inside the repository', () => {
  it('name paths that exist', () => {
    const missing: string[] = [];
    for (const file of files) {
      const rel = relative(REPO, file);
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(PATH)) {
            if (PLACEHOLDER.test(m[1]!)) continue;
            const path = m[1]!.replace(/\.js$/, existsSync(join(REPO, m[1]!)) ? '.js' : '.ts');
            // A glob (`fixtures/gpu/nvidia-smi-xml-*`, `schemas/vendor/cyclonedx-1.*`) names what it matches.
            const glob = /^[-.]?\*/.test(line.slice(m.index + m[0].length));
            if (glob ? !globMatches(m[1]!) : !existsSync(join(REPO, path))) missing.push(`${rel}:${i + 1} ${m[1]}`);
          }
          for (const m of line.matchAll(MD))
            if (!PER_FOLDER.has(m[1]!) && !existsSync(join(REPO, m[1]!)) && !existsSync(join(REPO, 'docs', m[1]!)))
              missing.push(`${rel}:${i + 1} ${m[1]}`);
        });
    }
    expect(missing).toEqual([]);
  });

  it('point at nothing outside it', () => {
    const outside = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => (OUTSIDE.test(line) ? `${relative(REPO, file)}:${i + 1}` : ''))
        .filter(Boolean),
    );
    expect(outside.filter((l) => !l.startsWith('test/architecture/references.test.ts'))).toEqual([]);
  });
});
