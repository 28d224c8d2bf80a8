// The facet registry is complete: its folders, its one line per facet, the probes, the fixtures,
// the tests and the assembled schema agree, so that "a facet is a folder" holds.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_IDS as BUNDLED_PROBES } from '../../src/capture/probe-bundle.js';
import { FACETS, PROBE_IDS } from '../../src/facets/index.js';
import { REPO } from '../helpers/paths.js';

const dirs = (path: string): string[] =>
  readdirSync(path)
    .filter((f) => statSync(join(path, f)).isDirectory())
    .sort();

/** The ids the registry file names, one `export { xFacet } from './x/index.js';` line each. */
function registryLines(): string[] {
  const text = readFileSync(join(REPO, 'src', 'facets', 'registry.ts'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.startsWith('export'))
    .map((l) => {
      const m = /^export \{ (\w+)Facet \} from '\.\/([a-z0-9-]+)\/index\.js';$/.exec(l);
      expect(m, `registry line: ${l}`).not.toBeNull();
      return m![2]!;
    });
}

const camel = (id: string): string => id.replace(/-(.)/g, (_m, c: string) => c.toUpperCase());

describe('the facet registry', () => {
  const ids = FACETS.map((f) => f.id);

  it('has one line per folder under src/facets/ (shared/ holds what facets share)', () => {
    const folders = dirs(join(REPO, 'src', 'facets')).filter((d) => d !== 'shared');
    expect([...registryLines()].sort()).toEqual(folders);
    expect([...ids].sort()).toEqual(folders);
    for (const l of readFileSync(join(REPO, 'src', 'facets', 'registry.ts'), 'utf8')
      .split('\n')
      .filter((x) => x.startsWith('export'))) {
      const id = /'\.\/([a-z0-9-]+)\//.exec(l)![1]!;
      expect(l, 'the export is named after the folder').toContain(`{ ${camel(id)}Facet }`);
    }
  });

  it('orders the fingerprint by each facet’s own order, with no two alike', () => {
    const orders = FACETS.map((f) => f.order);
    expect(new Set(orders).size).toBe(orders.length);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    // schemaVersion 1's facets keep their order (fingerprints stay byte-compatible).
    expect(ids.filter((id) => FACETS.find((f) => f.id === id)!.required)).toEqual([
      'os',
      'kernel',
      'cpu',
      'gpu',
      'python',
      'r',
      'jvm',
      'system',
      'env',
      'lockfiles',
    ]);
  });

  it('has a probe for exactly the facets with a parser, and the bundle sends exactly those', () => {
    const probes = readdirSync(join(REPO, 'probes'))
      .filter((f) => f.endsWith('.sh') && !f.startsWith('_'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(probes).toEqual([...PROBE_IDS].sort());
    expect(PROBE_IDS).toEqual(FACETS.filter((f) => f.parser).map((f) => f.id));
    // The bundle's list is derived at build time (scripts/build-schemas.mjs): it must not be stale.
    expect(BUNDLED_PROBES).toEqual(PROBE_IDS);
  });

  it.each(FACETS.map((f) => f.id))('%s: folder, schema fragment, fixtures and tests share its id', (id) => {
    const facet = FACETS.find((f) => f.id === id)!;
    for (const file of ['index.ts', 'types.ts', 'rules.ts', 'schema.json']) {
      expect(existsSync(join(REPO, 'src', 'facets', id, file)), `src/facets/${id}/${file}`).toBe(true);
    }
    if (facet.parser) expect(existsSync(join(REPO, 'src', 'facets', id, 'parse.ts')), `src/facets/${id}/parse.ts`).toBe(true);
    if (facet.dockerfile) expect(existsSync(join(REPO, 'src', 'facets', id, 'dockerfile.ts')), `src/facets/${id}/dockerfile.ts`).toBe(true);
    expect(dirs(join(REPO, 'fixtures', id)).length, `fixtures/${id}/`).toBeGreaterThan(0);
    expect(existsSync(join(REPO, 'test', 'facets', id)), `test/facets/${id}/`).toBe(true);
    for (const rule of facet.catalog) expect(rule.facet, rule.id).toBe(id);
  });

  it('is what the assembled fingerprint schema holds', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'schemas', 'fingerprint.schema.json'), 'utf8')) as {
      properties: { facets: { properties: Record<string, unknown>; required: string[] } };
      $defs: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties.facets.properties)).toEqual(ids);
    expect(schema.properties.facets.required).toEqual(FACETS.filter((f) => f.required).map((f) => f.id));
    for (const id of ids) {
      const fragment = JSON.parse(readFileSync(join(REPO, 'src', 'facets', id, 'schema.json'), 'utf8')) as Record<string, unknown>;
      const { $defs: _own, ...def } = fragment;
      expect(schema.$defs[id], id).toEqual(def);
    }
  });
});
