// The compare engine: runs every facet's rules over two fingerprints, then every cross-facet rule
// once (src/rules/cross-facet/), then the causality pass once over all of their findings
// (src/rules/causality.ts: which finding explains which), and orders them, causes first. A facet
// that could not be read is reported, never skipped in silence: "could not tell" must never pass
// for "no difference". On one side only (the other recorded it) it is an error,
// `<facet>/not-captured`: the gate fails closed. On both sides it is `<facet>/not-compared`.
import { finding, orderWithCauses, type Finding, type Severity } from '../core/findings.js';
import { FACETS, type CompareContext, type FacetBase, type FacetModule, type Fingerprint } from '../facets/index.js';
import { CAUSE_LINKS, linkCauses, type CauseLink } from '../rules/causality.js';
import { CROSS_FACET_RULES, type CrossFacetRule } from '../rules/cross-facet/index.js';
import { facetStatusRules } from '../rules/facet-status.js';
import { pushAll } from '../core/arrays.js';

/**
 * Compares two fingerprints; the result is in orderWithCauses order (root causes first, each
 * followed by what it explains) and the same inputs give the same array. `facets`, `crossFacet`
 * and `causes` default to the registries; tests pass their own to pin the engine's behaviour.
 */
export function compareFingerprints(
  baseline: Fingerprint,
  target: Fingerprint,
  facets: readonly FacetModule[] = FACETS,
  crossFacet: readonly CrossFacetRule[] = CROSS_FACET_RULES,
  causes: readonly CauseLink[] = CAUSE_LINKS,
): Finding[] {
  const ctx: CompareContext = { baseline, target };
  const findings: Finding[] = [];
  for (const facet of facets) pushAll(findings, compareFacet(facet, ctx));
  for (const rule of crossFacet) pushAll(findings, runCrossFacet(rule, ctx));
  return orderWithCauses(linkCauses(findings, ctx, causes));
}

function compareFacet(facet: FacetModule, ctx: CompareContext): Finding[] {
  const a = readFacet(ctx.baseline, facet);
  const b = readFacet(ctx.target, facet);
  // A facet added after a fingerprint was written is simply not in it: nothing to compare.
  if (a === undefined && b === undefined) return [];
  const sa = a ?? missing();
  const sb = b ?? missing();

  if (sa.status === 'error' && sb.status === 'error') return [notCompared(facet, sa, sb)];
  if (sa.status === 'error' || sb.status === 'error') return [notCaptured(facet, sa, sb)];
  if (sa.status === 'absent' && sb.status === 'absent') return [];
  if (sa.status === 'ok' && sb.status === 'absent') return [absentFinding(facet, 'target', sb.reason)];
  if (sa.status === 'absent' && sb.status === 'ok') return [absentFinding(facet, 'baseline', sa.reason)];
  if (!facet.rules) return [];
  try {
    return facet.rules(sa, sb, ctx);
  } catch (err) {
    // A rule that throws on unexpected data must not hide the whole facet: say so instead.
    const reason = `rules failed: ${err instanceof Error ? err.message : String(err)}`;
    return [notCompared(facet, { status: 'error', reason }, { status: 'error', reason }, 'error')];
  }
}

function runCrossFacet(rule: CrossFacetRule, ctx: CompareContext): Finding[] {
  try {
    return rule.run(ctx);
  } catch (err) {
    const owner = FACETS.find((f) => f.id === rule.catalog[0]?.facet);
    if (!owner) throw err;
    const reason = `${rule.name} rules failed: ${err instanceof Error ? err.message : String(err)}`;
    return [notCompared(owner, { status: 'error', reason }, { status: 'error', reason }, 'error')];
  }
}

function missing(): FacetBase {
  return { status: 'error', reason: 'facet missing from the fingerprint' };
}

/**
 * The facet's value, or undefined when the fingerprint lacks it. A facet the schema requires
 * counts as "could not tell" when it is missing; so does an unknown status.
 */
function readFacet(fp: Fingerprint, facet: FacetModule): FacetBase | undefined {
  const value = (fp.facets as unknown as Record<string, FacetBase | undefined>)[facet.id];
  if (!value || typeof value !== 'object') return facet.required ? missing() : undefined;
  if (value.status !== 'ok' && value.status !== 'absent' && value.status !== 'error') {
    return { status: 'error', reason: `unknown status ${JSON.stringify(value.status)}` };
  }
  return value;
}

function describeSide(f: FacetBase): string {
  if (f.status === 'error') return `error: ${f.reason ?? 'no reason given'}`;
  return f.status;
}

/** One side could not be read while the other recorded the facet: the gate cannot tell, so it fails. */
function notCaptured(facet: FacetModule, a: FacetBase, b: FacetBase): Finding {
  const broken = a.status === 'error' ? 'baseline' : 'target';
  const other = broken === 'baseline' ? b : a;
  const reason = (broken === 'baseline' ? a : b).reason ?? 'no reason given';
  const recorded = other.status === 'ok' ? 'recorded it' : `recorded it as absent${other.reason ? ` (${other.reason})` : ''}`;
  return finding(facetStatusRules(facet).notCaptured, {
    subject: facet.id,
    baseline: describeSide(a),
    target: describeSide(b),
    message: `${facet.id} could not be captured on the ${broken} (${reason}) while the ${broken === 'baseline' ? 'target' : 'baseline'} ${recorded}: whether they match cannot be told`,
    hint: `fix the ${broken}'s capture of ${facet.id} (see the reason) and capture again; a policy may lower ${facet.id}/not-captured if this facet does not matter here`,
  });
}

function notCompared(facet: FacetModule, a: FacetBase, b: FacetBase, severity?: Severity): Finding {
  const sides: string[] = [];
  if (a.status === 'error') sides.push(`baseline: ${a.reason ?? 'no reason given'}`);
  if (b.status === 'error' && !(a.status === 'error' && a.reason === b.reason)) {
    sides.push(`target: ${b.reason ?? 'no reason given'}`);
  }
  return finding(facetStatusRules(facet).notCompared, {
    subject: facet.id,
    baseline: describeSide(a),
    target: describeSide(b),
    message: `could not compare ${facet.id}: ${sides.join('; ')}`,
    hint: 'fix the capture of this facet (see the reason) and capture again; until then this facet is unchecked',
    ...(severity ? { severity } : {}),
  });
}

function absentFinding(facet: FacetModule, missingOn: 'target' | 'baseline', reason: string | undefined): Finding {
  const why = reason ? ` (${reason})` : '';
  const rules = facetStatusRules(facet);
  if (missingOn === 'target') {
    return finding(rules.absentOnTarget, {
      subject: facet.id,
      baseline: 'present',
      target: 'absent',
      message: `${facet.id} is present on the baseline but absent on the target${why}`,
      hint: facet.absentHint ?? `check whether anything on the target relies on ${facet.id}`,
    });
  }
  // Present only on the target: the baseline's code cannot depend on it, so this is harmless.
  return finding(rules.absentOnBaseline, {
    subject: facet.id,
    baseline: 'absent',
    target: 'present',
    message: `${facet.id} is absent on the baseline but present on the target${why}`,
    hint: 'nothing to do unless the target is meant to mirror the baseline exactly',
  });
}
