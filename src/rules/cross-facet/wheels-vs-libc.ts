// Installed wheels against the target's C library, across facets: the baseline's python
// packages (their wheel tags) and the target's os facet (libc family and version). The judgment
// itself is shared with `check` (src/rules/wheel-compat.ts).
import type { Finding } from '../../core/findings.js';
import type { CompareContext } from '../../facets/index.js';
import { ON_TARGET } from '../where.js';
import { compareLibc } from '../../data/manylinux.js';
import { libcFindings, packageLibcNeed, WHEEL_RULES, type LibcVerdict } from '../wheel-compat.js';
import type { CrossFacetRule } from './types.js';

export { WHEEL_RULES } from '../wheel-compat.js';

/**
 * PEP 600 / PEP 656: an installed `manylinux_X_Y` wheel needs glibc ≥ X.Y, a `musllinux_X_Y` wheel
 * needs musl ≥ X.Y, and neither runs on the other libc. Reinstalling the same versions on the
 * target will fail or pick other builds.
 */
export function compareWheelsVsLibc(ctx: CompareContext): Finding[] {
  // The two os facets must both be there to compare (the engine reports them otherwise).
  if (ctx.baseline.facets.os?.status !== 'ok' || ctx.target.facets.os?.status !== 'ok') return [];
  const target = ctx.target.facets.os;
  const python = ctx.baseline.facets.python;
  const libc = target.libc;
  if (python?.status !== 'ok' || libc === undefined) return [];
  if (libc.family !== 'glibc' && libc.family !== 'musl') return [];
  const tooOld: LibcVerdict[] = [];
  const wrongLibc: LibcVerdict[] = [];
  for (const pkg of python.packages ?? []) {
    const need = packageLibcNeed(pkg);
    if (need === undefined) continue;
    if (need.family !== libc.family) wrongLibc.push({ pkg, need });
    else if (libc.version !== undefined && compareLibc(libc.version, need.version) < 0) tooOld.push({ pkg, need });
  }
  return libcFindings(tooOld, wrongLibc, libc, ON_TARGET);
}

export const wheelsVsLibc: CrossFacetRule = {
  name: 'wheels-vs-libc',
  catalog: Object.values(WHEEL_RULES),
  run: compareWheelsVsLibc,
};
