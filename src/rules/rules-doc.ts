// docs/rules/<facet>.md, generated from the rule catalog (`npm run docs:rules`), one page per facet
// so that a new facet adds a page and changes none; test/rules/rules-doc.test.ts fails when a
// committed page is stale. docs/RULES.md is the hand-written index. Pure: the catalog in, Markdown out.
import type { RuleDef } from '../core/findings.js';

const LINK = /[|\\]/g;

/** The marker on the first lines of every generated page: `npm run docs:rules` replaces only those. */
export const GENERATED_MARK =
  '<!-- Generated from the rule catalog (src/rules/catalog.ts) by `npm run docs:rules`. Do not edit by hand. -->';

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(LINK, (c) => `\\${c}`);
}

export interface RulesPage {
  /** Relative to docs/rules/: `<facet>.md`. */
  file: string;
  text: string;
}

/** What the causality table (src/rules/causality.ts) says, as far as the pages need it. */
export interface CauseLinkDoc {
  name: string;
  causes: readonly RuleDef[];
  consequences: readonly RuleDef[];
  why: string;
}

/**
 * One page per facet that has rules, in facet order; rules by id. A page whose rules explain
 * others (`causes`) says which, and why, below its table.
 */
export function renderRulesPages(
  rules: readonly RuleDef[],
  facetOrder: readonly string[],
  causes: readonly CauseLinkDoc[] = [],
): RulesPage[] {
  const facets = [...facetOrder, ...[...new Set(rules.map((r) => r.facet))].filter((f) => !facetOrder.includes(f)).sort()];
  const pages: RulesPage[] = [];
  for (const facet of facets) {
    const own = rules.filter((r) => r.facet === facet);
    if (own.length === 0) continue;
    const lines = [
      `# Rules: ${facet}`,
      '',
      GENERATED_MARK,
      '',
      'Default severities: `error` will break or change results, `warning` may, `info` differs harmlessly.',
      'A policy file can change any of them ([RULES.md](../RULES.md) says how).',
      '',
      '| rule | severity | what | reads | why it matters |',
      '| --- | --- | --- | --- | --- |',
    ];
    for (const r of own) {
      const why = r.source === undefined ? r.help : `${r.help} Source: ${r.source}`;
      lines.push(`| \`${r.id}\` | ${r.severity} | ${cell(r.title)} | ${r.reads.join(', ')} | ${cell(why)} |`);
    }
    const links = causes.filter((l) => l.causes.some((r) => r.facet === facet));
    if (links.length > 0) {
      lines.push(
        '',
        '## Root causes',
        '',
        'A finding of one of these rules explains findings of others: every report shows those under it, each with',
        'its own severity (`causedBy` in the JSON report), and the cause’s hint is the one step that fixes them.',
        'The first of the causes present is the one a finding goes under.',
        '',
      );
      const ids = (list: readonly RuleDef[]): string => list.map((r) => `\`${r.id}\``).join(', ');
      for (const l of links) lines.push(`- **${l.name}**: ${ids(l.causes)} explain ${ids(l.consequences)}: ${cell(l.why)}.`);
    }
    lines.push('');
    pages.push({ file: `${facet}.md`, text: lines.join('\n') });
  }
  return pages;
}
