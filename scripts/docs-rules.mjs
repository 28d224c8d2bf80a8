// `npm run docs:rules`: writes docs/rules/<facet>.md from the rule catalog (run after `npm run build`)
// and removes generated pages whose facet has no rules any more. docs/RULES.md is written by hand.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const [{ RULES }, { FACETS }, { renderRulesPages, GENERATED_MARK }, { CAUSE_LINKS }] = await Promise.all([
  load('rules/catalog.js'),
  load('facets/index.js'),
  load('rules/rules-doc.js'),
  load('rules/causality.js'),
]);
const dir = join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const pages = renderRulesPages(
  RULES,
  FACETS.map((f) => f.id),
  CAUSE_LINKS,
);
const keep = new Set(pages.map((p) => p.file));
for (const f of readdirSync(dir)) {
  if (!keep.has(f) && f.endsWith('.md') && readFileSync(join(dir, f), 'utf8').includes(GENERATED_MARK)) rmSync(join(dir, f));
}
for (const p of pages) writeFileSync(join(dir, p.file), p.text);
