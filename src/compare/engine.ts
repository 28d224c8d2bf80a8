// The compare engine: runs every facet's rules over two fingerprints and orders the findings.
// A facet that could not be read on either side is reported (`<facet>/not-compared`), never
// skipped in silence: DESIGN.md says "could not tell" must never pass for "no difference".
import type { FacetBase, FacetId, Fingerprint, Finding, Severity } from '../core/types.js';
import { FACETS } from '../facets/registry.js';
import { sortFindings } from '../facets/rule-helpers.js';
import type { CompareContext, FacetModule } from '../facets/types.js';

/**
 * Severity when a facet is present on the baseline and absent on the target. The code written
 * on the baseline runs on the target, so missing Python or a missing GPU stops ML code outright;
 * R and the JVM are often side tools (notebooks, Spark jobs), so they may break; the rest only
 * lose facts (an empty env allow-list, no lock files given) and are worth a look.
 */
const ABSENT_ON_TARGET: Readonly<Record<FacetId, Severity>> = {
  os: 'warning',
  kernel: 'warning',
  cpu: 'warning',
  gpu: 'error',
  python: 'error',
  r: 'warning',
  jvm: 'warning',
  system: 'warning',
  env: 'info',
  lockfiles: 'info',
};

const ABSENT_HINTS: Readonly<Partial<Record<FacetId, string>>> = {
  gpu: 'the target has no usable GPU: CUDA builds of torch/tensorflow fall back to CPU or fail to import',
  python: 'install the baseline Python version on the target, or capture the right interpreter with --python',
  r: 'install R on the target if any step of the pipeline calls Rscript',
  jvm: 'install a JDK on the target if the pipeline runs Spark or Scala code',
};

/**
 * Compares two fingerprints; the result is sorted and the same inputs give the same array.
 * `facets` defaults to the registry; tests pass their own modules to pin the engine's behaviour.
 */
export function compareFingerprints(
  baseline: Fingerprint,
  target: Fingerprint,
  facets: readonly FacetModule[] = FACETS,
): Finding[] {
  const ctx: CompareContext = { baseline, target };
  const findings: Finding[] = [];
  for (const facet of facets) {
    findings.push(...compareFacet(facet.id, facet.rules, baseline, target, ctx));
  }
  return sortFindings(findings);
}

function compareFacet(
  id: FacetId,
  rules: ((a: FacetBase, b: FacetBase, ctx: CompareContext) => Finding[]) | undefined,
  baseline: Fingerprint,
  target: Fingerprint,
  ctx: CompareContext,
): Finding[] {
  const a = readFacet(baseline, id);
  const b = readFacet(target, id);

  if (a.status === 'error' || b.status === 'error') {
    return [notCompared(id, a, b)];
  }
  if (a.status === 'absent' && b.status === 'absent') return [];
  if (a.status === 'ok' && b.status === 'absent') {
    return [absentFinding(id, 'target', b.reason)];
  }
  if (a.status === 'absent' && b.status === 'ok') {
    return [absentFinding(id, 'baseline', a.reason)];
  }
  if (!rules) return [];
  try {
    return rules(a, b, ctx);
  } catch (err) {
    // A rule that throws on unexpected data must not hide the whole facet: say so instead.
    const reason = `rules failed: ${err instanceof Error ? err.message : String(err)}`;
    return [notCompared(id, { status: 'error', reason }, { status: 'error', reason })];
  }
}

/** A facet the fingerprint lacks entirely counts as "could not tell", never as absent. */
function readFacet(fp: Fingerprint, id: FacetId): FacetBase {
  const facet = (fp.facets as unknown as Record<string, FacetBase | undefined>)[id];
  if (!facet || typeof facet !== 'object') return { status: 'error', reason: 'facet missing from the fingerprint' };
  if (facet.status !== 'ok' && facet.status !== 'absent' && facet.status !== 'error') {
    return { status: 'error', reason: `unknown status ${JSON.stringify(facet.status)}` };
  }
  return facet;
}

function describeSide(f: FacetBase): string {
  if (f.status === 'error') return `error: ${f.reason ?? 'no reason given'}`;
  return f.status;
}

function notCompared(id: FacetId, a: FacetBase, b: FacetBase): Finding {
  const sides: string[] = [];
  if (a.status === 'error') sides.push(`baseline: ${a.reason ?? 'no reason given'}`);
  if (b.status === 'error' && !(a.status === 'error' && a.reason === b.reason)) {
    sides.push(`target: ${b.reason ?? 'no reason given'}`);
  }
  return {
    ruleId: `${id}/not-compared`,
    severity: 'warning',
    facet: id,
    subject: id,
    baseline: describeSide(a),
    target: describeSide(b),
    message: `could not compare ${id}: ${sides.join('; ')}`,
    hint: 'fix the capture of this facet (see the reason) and capture again; until then this facet is unchecked',
  };
}

function absentFinding(id: FacetId, missingOn: 'target' | 'baseline', reason: string | undefined): Finding {
  const why = reason ? ` (${reason})` : '';
  if (missingOn === 'target') {
    return {
      ruleId: `${id}/absent-on-target`,
      severity: ABSENT_ON_TARGET[id],
      facet: id,
      subject: id,
      baseline: 'present',
      target: 'absent',
      message: `${id} is present on the baseline but absent on the target${why}`,
      hint: ABSENT_HINTS[id] ?? `check whether anything on the target relies on ${id}`,
    };
  }
  // Present only on the target: the baseline's code cannot depend on it, so this is harmless.
  return {
    ruleId: `${id}/absent-on-baseline`,
    severity: 'info',
    facet: id,
    subject: id,
    baseline: 'absent',
    target: 'present',
    message: `${id} is absent on the baseline but present on the target${why}`,
    hint: 'nothing to do unless the target is meant to mirror the baseline exactly',
  };
}
