// `npm run docs:rules`: writes docs/RULES.md from the rule catalog (run after `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const [{ RULES }, { FACETS }, { renderRulesDoc }] = await Promise.all([
  load('rules/catalog.js'),
  load('facets/index.js'),
  load('rules/rules-doc.js'),
]);
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(
  join(root, 'docs', 'RULES.md'),
  renderRulesDoc(
    RULES,
    FACETS.map((f) => f.id),
  ),
);
