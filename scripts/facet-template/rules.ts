// __ID__ rules: a different version of `__ID__` on the target.
import { defineRules, finding, type Finding } from '../../core/findings.js';
import type { CompareContext } from '../types.js';
import type { __Id__Facet } from './types.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const __CONST___RULES = defineRules('__ID__', {
  version: {
    severity: 'warning',
    title: '__ID__ version differs',
    help: 'Another version of __ID__ may behave differently; install the baseline’s version on the target.',
  },
});

export function compare__Id__(baseline: __Id__Facet, target: __Id__Facet, _ctx: CompareContext): Finding[] {
  if (baseline.version === undefined || target.version === undefined || baseline.version === target.version) return [];
  return [
    finding(__CONST___RULES.version, {
      subject: '__ID__',
      baseline: baseline.version,
      target: target.version,
      message: `__ID__ is "${baseline.version}" here and "${target.version}" there`,
      hint: 'install the baseline’s version of __ID__ on the target',
    }),
  ];
}
