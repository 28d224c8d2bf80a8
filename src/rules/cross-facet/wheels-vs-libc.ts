// Installed wheels against the target's C library, across facets: the baseline's python
// packages (their wheel tags) and the target's os facet (libc family and version).
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { listSome } from '../../core/text.js';
import { wheelLibcNeed, type WheelLibcNeed } from '../../data/manylinux.js';
import type { CompareContext } from '../../facets/index.js';
import type { PythonPackage } from '../../facets/python/types.js';
import { getScheme } from '../../versioning/index.js';
import type { CrossFacetRule } from './types.js';

export const WHEEL_RULES = defineRules('os', {
  'glibc-too-old-for-wheels': {
    severity: 'error',
    title: 'Installed wheels need a newer C library than the target has',
    help: 'A manylinux_X_Y wheel needs glibc ≥ X.Y (PEP 600) and a musllinux_X_Y wheel musl ≥ X.Y (PEP 656): reinstalling the same versions on the target fails or picks other builds. Use a target base with a newer libc, or pin versions that publish wheels for the target’s.',
    reads: ['python', 'os'],
  },
  'wheel-libc-mismatch': {
    severity: 'error',
    title: 'Installed wheels are built for the other C library',
    help: 'manylinux wheels do not run on musl (Alpine) and musllinux wheels do not run on glibc. Use a glibc base image, or reinstall the packages on the target so that pip picks matching wheels.',
    reads: ['python', 'os'],
  },
});

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
  const tooOld: { pkg: PythonPackage; need: WheelLibcNeed }[] = [];
  const wrongLibc: { pkg: PythonPackage; need: WheelLibcNeed }[] = [];
  const loose = getScheme('loose');
  for (const pkg of python.packages ?? []) {
    const need = packageLibcNeed(pkg);
    if (need === undefined) continue;
    if (need.family !== libc.family) wrongLibc.push({ pkg, need });
    else if (libc.version !== undefined && loose.compare(libc.version, need.version) < 0) tooOld.push({ pkg, need });
  }
  const findings: Finding[] = [];
  const targetLibc = libc.version === undefined ? libc.family : `${libc.family} ${libc.version}`;
  if (tooOld.length > 0) {
    // Name the most demanding wheels first: they tell the user how new the target must be.
    tooOld.sort((x, y) => loose.compare(y.need.version, x.need.version) || (x.pkg.name < y.pkg.name ? -1 : 1));
    const highest = tooOld[0]?.need.version ?? '';
    const names = tooOld.map(({ pkg, need }) => `${pkg.name} ${pkg.version} (${need.family} ≥ ${need.version})`);
    findings.push(
      finding(WHEEL_RULES['glibc-too-old-for-wheels'], {
        subject: 'python wheels',
        baseline: `${libc.family} ≥ ${highest}`,
        target: targetLibc,
        message: `${tooOld.length} installed wheel(s) need a newer ${libc.family} than the target's ${libc.version}: ${listSome(names)}`,
        hint: `use a target base with ${libc.family} ≥ ${highest}, or pin versions that publish wheels for ${libc.family} ${libc.version}`,
      }),
    );
  }
  if (wrongLibc.length > 0) {
    const names = wrongLibc.map(({ pkg, need }) => `${pkg.name} ${pkg.version} (${need.platform})`);
    const needed = wrongLibc[0]?.need.family ?? '';
    findings.push(
      finding(WHEEL_RULES['wheel-libc-mismatch'], {
        subject: 'python wheels',
        baseline: needed,
        target: targetLibc,
        message: `${wrongLibc.length} installed wheel(s) are built for ${needed} but the target uses ${libc.family}: ${listSome(names)}`,
        hint:
          libc.family === 'musl'
            ? 'use a glibc base image (e.g. python:3.x-slim) instead of Alpine, or expect slow source builds'
            : 'reinstall these packages on the target so that pip picks manylinux wheels',
      }),
    );
  }
  return findings;
}

/** A wheel carrying several tags runs wherever any of them does: its need is the weakest one. */
function packageLibcNeed(pkg: PythonPackage): WheelLibcNeed | undefined {
  let best: WheelLibcNeed | undefined;
  for (const tag of pkg.tags ?? []) {
    const need = wheelLibcNeed(tag);
    if (need === undefined) continue;
    if (best === undefined) best = need;
    else if (need.family === best.family && getScheme('loose').compare(need.version, best.version) < 0) best = need;
  }
  return best;
}

export const wheelsVsLibc: CrossFacetRule = {
  name: 'wheels-vs-libc',
  catalog: Object.values(WHEEL_RULES),
  run: compareWheelsVsLibc,
};
