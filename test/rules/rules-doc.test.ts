// docs/RULES.md is generated from the catalog: stale documentation fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACETS } from '../../src/facets/index.js';
import { RULES } from '../../src/rules/catalog.js';
import { renderRulesDoc } from '../../src/rules/rules-doc.js';
import { REPO } from '../helpers/paths.js';

describe('docs/RULES.md', () => {
  const rendered = renderRulesDoc(
    RULES,
    FACETS.map((f) => f.id),
  );

  it('is what `npm run docs:rules` writes from the catalog (run it after changing a rule)', () => {
    expect(readFileSync(join(REPO, 'docs', 'RULES.md'), 'utf8')).toBe(rendered);
  });

  it('lists every rule once, under its facet', () => {
    for (const r of RULES) expect(rendered.split(`| \`${r.id}\` |`).length - 1, r.id).toBe(1);
  });

  it('keeps a table cell on one row whatever a help text holds', () => {
    const doc = renderRulesDoc(
      [{ id: 'x/y', facet: 'x', severity: 'info', title: 'a | b', help: 'line\nbreak \\ here', reads: ['x'] }],
      ['x'],
    );
    expect(doc).toContain('| `x/y` | info | a \\| b | x | line break \\\\ here |');
  });
});
