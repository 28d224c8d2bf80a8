// The version scheme registry is complete: one line per folder under src/versioning/, each
// scheme under its own id, each ecosystem read by one scheme, each scheme with a contract table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMES, schemeForEcosystem } from '../../src/versioning/index.js';
import { REPO } from '../helpers/paths.js';
import { TABLES } from './tables.js';

const DIR = join(REPO, 'src', 'versioning');

describe('the version scheme registry', () => {
  it('has one line per scheme folder, naming its folder', () => {
    const folders = readdirSync(DIR)
      .filter((f) => statSync(join(DIR, f)).isDirectory())
      .sort();
    const lines = readFileSync(join(DIR, 'registry.ts'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('export'));
    const named = lines.map((l) => /from '\.\/([a-z0-9-]+)\/index\.js';$/.exec(l)?.[1]).sort();
    expect(named).toEqual(folders);
    expect(Object.keys(SCHEMES).sort()).toEqual(folders);
    for (const [id, scheme] of Object.entries(SCHEMES)) expect(scheme.id).toBe(id);
  });

  it('gives every scheme a table for the contract test', () => {
    expect(Object.keys(TABLES).sort()).toEqual(Object.keys(SCHEMES).sort());
  });

  it('lets each ecosystem be read by one scheme only, and unknown ones by loose', () => {
    const all = Object.values(SCHEMES).flatMap((s) => s.ecosystems);
    expect(new Set(all).size).toBe(all.length);
    for (const s of Object.values(SCHEMES)) for (const e of s.ecosystems) expect(schemeForEcosystem(e)).toBe(s);
    expect(schemeForEcosystem('no-such-ecosystem').id).toBe('loose');
    expect(schemeForEcosystem('pypi').id).toBe('pep440');
    expect(schemeForEcosystem('deb').id).toBe('dpkg');
  });
});
