// docs/RULES.md, generated from the rule catalog (`npm run docs:rules`); test/rules/rules-doc.test.ts
// fails when the committed file is stale. Pure: the catalog in, Markdown out.
import type { RuleDef } from '../core/findings.js';

const LINK = /[|\\]/g;

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(LINK, (c) => `\\${c}`);
}

/** The Markdown of docs/RULES.md: one table per facet, rules by id. */
export function renderRulesDoc(rules: readonly RuleDef[], facetOrder: readonly string[]): string {
  const lines = [
    '# Rules',
    '',
    '<!-- Generated from the rule catalog (src/rules/catalog.ts) by `npm run docs:rules`. Do not edit by hand. -->',
    '',
    'Every rule `envdiff compare` and `envdiff check` can report, with its default severity: `error`',
    'will break or change results, `warning` may, `info` differs harmlessly. Some rules grade a case',
    'below or above their default (the help says when); a policy file can change any severity',
    '(see the README, "Policy"). Rule ids are stable: policies and SARIF refer to them.',
    '',
  ];
  for (const facet of facetOrder) {
    const own = rules.filter((r) => r.facet === facet);
    if (own.length === 0) continue;
    lines.push(`## ${facet}`, '', '| rule | severity | what | reads | why it matters |', '| --- | --- | --- | --- | --- |');
    for (const r of own) {
      lines.push(`| \`${r.id}\` | ${r.severity} | ${cell(r.title)} | ${r.reads.join(', ')} | ${cell(r.help)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
