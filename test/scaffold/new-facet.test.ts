// "A facet is a folder": `npm run new:facet -- demo` in a clone of this repository writes the
// facet's own files, changes ONE line of one existing hand-written file (src/facets/registry.ts),
// writes docs/rules/demo.md (generated: one page per facet), and the result builds and
// passes the new facet's tests and the registry, golden, catalog and docs tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripAnsi } from '../helpers/ansi.js';
import { REPO } from '../helpers/paths.js';

/** The environment for commands in the clone, without this vitest run's own variables. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'TEST') env[k] = v;
  return env;
}

const HAS_GIT = existsSync(join(REPO, '.git'));

describe.skipIf(!HAS_GIT)('npm run new:facet -- demo, in a clone', () => {
  let dir = '';
  let scaffold = '';
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { cwd: dir, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-scaffold-'));
    execFileSync('git', ['clone', '--quiet', REPO, dir]);
    // The clone shares this checkout's installed dependencies instead of installing its own.
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    scaffold = run('npm', ['run', '--silent', 'new:facet', '--', 'demo']);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('changes exactly one line of one existing hand-written file: the registry', () => {
    const numstat = run('git', ['diff', '--numstat'])
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    const byFile = new Map(numstat.map(([added, removed, file]) => [file, { added: Number(added), removed: Number(removed) }]));
    expect([...byFile.keys()]).toEqual(['src/facets/registry.ts']);
    expect(byFile.get('src/facets/registry.ts')).toEqual({ added: 1, removed: 0 });
    expect(run('git', ['diff', 'src/facets/registry.ts'])).toContain("+export { demoFacet } from './demo/index.js';");
    // The rules pages are generated from the catalog, one per facet: the new facet gets its own.
    expect(readFileSync(join(dir, 'docs', 'rules', 'demo.md'), 'utf8')).toContain('| `demo/version` | warning |');
  });

  it('writes the facet only where a facet lives: its folder, probe, fixtures and tests', () => {
    const untracked = run('git', ['ls-files', '--others', '--exclude-standard'])
      .trim()
      .split('\n')
      .filter((f) => f !== 'node_modules');
    expect(untracked.length).toBeGreaterThan(10);
    for (const f of untracked)
      expect(f, f).toMatch(/^(src\/facets\/demo\/|probes\/demo\.sh$|fixtures\/demo\/|test\/facets\/demo\/|docs\/rules\/demo\.md$)/);
    expect(scaffold).toContain("wrote 15 files for facet 'demo'");
  });

  it('builds, and passes the new facet’s tests and the registry, golden, catalog and docs tests', () => {
    const out = run('npx', [
      'vitest',
      'run',
      'test/facets/demo',
      'test/facets/registry.test.ts',
      'test/facets/golden.test.ts',
      'test/rules/catalog.test.ts',
      'test/rules/rules-doc.test.ts',
    ]);
    // execFileSync throws when vitest exits non-zero; the summary names every file as passed.
    expect(stripAnsi(out)).toMatch(/Test Files\s+6 passed \(6\)/);
  }, 300_000);

  it('captures the new facet on this machine, after the others', () => {
    const fp = JSON.parse(run('node', ['bin/envdiff.js', 'capture', '--no-lock'])) as { facets: Record<string, { status: string }> };
    expect(Object.keys(fp.facets).at(-1)).toBe('demo');
    expect(['ok', 'absent']).toContain(fp.facets['demo']!.status);
  }, 120_000);

  it('refuses a name that is taken or not a facet name, with one line', () => {
    for (const name of ['demo', 'os', 'Bad_Name', 'shared']) {
      let stderr = '';
      try {
        run('node', ['scripts/new-facet.mjs', name, '--no-build']);
      } catch (err) {
        stderr = String((err as { stderr?: string }).stderr);
      }
      expect(stderr, name).toMatch(/^new:facet: .+\n$/);
    }
  });
});
