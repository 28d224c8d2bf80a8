// docs/rules/<facet>.md are generated from the catalog: stale documentation fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACETS } from '../../src/facets/index.js';
import { RULES } from '../../src/rules/catalog.js';
import { CAUSE_LINKS } from '../../src/rules/causality.js';
import { GENERATED_MARK, renderRulesPages } from '../../src/rules/rules-doc.js';
import { REPO } from '../helpers/paths.js';

describe('docs/rules/', () => {
  const pages = renderRulesPages(
    RULES,
    FACETS.map((f) => f.id),
    CAUSE_LINKS,
  );
  const dir = join(REPO, 'docs', 'rules');

  it('holds what `npm run docs:rules` writes from the catalog (run it after changing a rule)', () => {
    for (const p of pages) {
      expect(existsSync(join(dir, p.file)), p.file).toBe(true);
      expect(readFileSync(join(dir, p.file), 'utf8'), p.file).toBe(p.text);
    }
    const generated = readdirSync(dir).filter((f) => readFileSync(join(dir, f), 'utf8').includes(GENERATED_MARK));
    expect(generated.sort()).toEqual(pages.map((p) => p.file).sort());
  });

  it('lists every rule once, on its facet’s page', () => {
    const all = pages.map((p) => p.text).join('\n');
    for (const r of RULES) {
      expect(all.split(`| \`${r.id}\` |`).length - 1, r.id).toBe(1);
      expect(pages.find((p) => p.file === `${r.facet}.md`)?.text, r.id).toContain(`| \`${r.id}\` |`);
    }
  });

  it('says on the page of each cause which rules its findings explain', () => {
    for (const link of CAUSE_LINKS) {
      const page = pages.find((p) => p.file === `${link.causes[0]!.facet}.md`)!.text;
      expect(page).toContain(`- **${link.name}**: \`${link.causes[0]!.id}\``);
      for (const r of link.consequences) expect(page.slice(page.indexOf(`- **${link.name}**`)).split('\n')[0]).toContain(`\`${r.id}\``);
    }
  });

  it('keeps a table cell on one row whatever a help text holds', () => {
    const [page] = renderRulesPages(
      [{ id: 'x/y', facet: 'x', severity: 'info', title: 'a | b', help: 'line\nbreak \\ here', reads: ['x'] }],
      ['x'],
    );
    expect(page?.text).toContain('| `x/y` | info | a \\| b | x | line break \\\\ here |');
  });
});
