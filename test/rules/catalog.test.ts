// The rule catalog: every rule declared once, complete, and every declaration reachable from it.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareFingerprints } from '../../src/compare/engine.js';
import type { RuleDef } from '../../src/core/findings.js';
import { FACETS } from '../../src/facets/index.js';
import { RULES, ruleById } from '../../src/rules/catalog.js';
import { checkLockfiles } from '../../src/rules/lock-check.js';
import { REPO } from '../helpers/paths.js';
import { readFileSync } from 'node:fs';
import type { Fingerprint } from '../../src/facets/index.js';

const FACET_IDS = new Set<string>(FACETS.map((f) => f.id));

function isRuleDef(v: unknown): v is RuleDef {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r['id'] === 'string' &&
    typeof r['facet'] === 'string' &&
    typeof r['title'] === 'string' &&
    typeof r['help'] === 'string' &&
    Array.isArray(r['reads'])
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? (f === 'generated' ? [] : sources(p)) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the rule catalog', () => {
  it('declares each rule once, completely, under its facet', () => {
    expect(RULES.length).toBeGreaterThan(100);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id, r.id).toMatch(/^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.id.startsWith(`${r.facet}/`), r.id).toBe(true);
      expect(FACET_IDS.has(r.facet), r.id).toBe(true);
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.title.trim(), r.id).not.toBe('');
      expect(r.title, r.id).not.toMatch(/\n|\.$/);
      expect(r.help.length, r.id).toBeGreaterThan(20);
      expect(r.reads, r.id).toContain(r.facet);
      for (const f of r.reads) expect(FACET_IDS.has(f), `${r.id} reads ${f}`).toBe(true);
    }
  });

  it('holds every rule declared anywhere in src/ (a declaration the catalog misses would be invisible to SARIF, policies and docs)', async () => {
    const declared: string[] = [];
    for (const file of sources(join(REPO, 'src'))) {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== 'object' || value === null) continue;
        const defs = isRuleDef(value) ? [value] : Object.values(value).filter(isRuleDef);
        for (const d of defs) {
          declared.push(d.id);
          expect(ruleById(d.id), `${relative(REPO, file)} ${name}: ${d.id}`).toEqual(d);
        }
      }
    }
    // The facets' own catalogs, the cross-facet rules and the lock file check are all declared as exports.
    expect(declared).toEqual(
      expect.arrayContaining(['os/arch', 'gpu/driver-too-old', 'cpu/isa-required-by-package', 'lockfiles/not-installed']),
    );
  });

  it('names every rule id the engine and `check` report on the real fingerprints in fixtures/', () => {
    const dir = join(REPO, 'fixtures', 'dockerfile');
    const fps = readdirSync(dir).map((d) => JSON.parse(readFileSync(join(dir, d, 'fingerprint.json'), 'utf8')) as Fingerprint);
    const seen = new Set<string>();
    for (const a of fps) {
      for (const f of checkLockfiles(a)) seen.add(f.ruleId);
      for (const b of fps) for (const f of compareFingerprints(a, b)) seen.add(f.ruleId);
    }
    expect(seen.size).toBeGreaterThan(20);
    for (const id of seen) expect(ruleById(id), id).toBeDefined();
  });
});
