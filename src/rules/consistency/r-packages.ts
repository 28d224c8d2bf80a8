// R packages against the R that loads them: the R version that installed each (DESCRIPTION
// `Built:`) and the R its Depends asks for, judged as R itself judges them when it loads a package
// (wch/r-source:src/library/base/R/library.R `testRversion` and
// wch/r-source:src/library/base/R/namespace.R `loadNamespace`, https://github.com/wch/r-source):
//   built before R 4.0.0, loaded by R ≥ 4.0.0  → stop("package %s was installed before R 4.0.0: please re-install it")
//   Depends: R (op x) not met                    → stop("This is R %s, package %s needs %s %s")
//   built under a newer R                        → warning("package %s was built under R version %s")
import { defineRules, finding, type Finding } from '../../core/findings.js';
import type { Fingerprint } from '../../facets/index.js';
import { r as rScheme } from '../../versioning/r/index.js';
import type { ConsistencyRule } from './types.js';

const R_SOURCE = 'https://github.com/wch/r-source/blob/trunk/src/library/base/R/library.R (testRversion)';

export const R_CHECK_RULES = defineRules('r', {
  'built-under-other-r': {
    severity: 'warning',
    title: 'A package was installed by another R version than the one running',
    help: 'DESCRIPTION `Built:` names the R that installed it. An error across majors (R refuses: "was installed before R 4.0.0: please re-install it"), a warning when it was built by a newer R (R warns "was built under R version": it may use C entry points this R lacks), info for an older minor of the same major (compiled code keeps working within a major). Reinstall it with this R: install.packages() or update.packages(checkBuilt = TRUE).',
    reads: ['r'],
    source: R_SOURCE,
  },
  'r-version-too-old': {
    severity: 'error',
    title: 'A package needs a newer R than the one running',
    help: 'Its Depends names R (>= x) and this R is older: library() stops with "This is R x, package y needs >= z". Install the R version it needs, or an older release of the package.',
    reads: ['r'],
    source: R_SOURCE,
  },
});

const scheme = rScheme;

/** `>= 4.1.0` against the running R; undefined when the requirement does not read as `op version`. */
function rDependsHolds(requirement: string, r: string): boolean | undefined {
  const m = /^(>=|<=|>|<|==|!=)\s*([\d.-]+)$/.exec(requirement.trim());
  if (m === null) return undefined;
  const c = scheme.compare(r, m[2]!);
  switch (m[1]) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '==':
      return c === 0;
    default:
      return c !== 0;
  }
}

export function checkRPackages(fp: Fingerprint): Finding[] {
  const r = fp.facets.r;
  if (r?.status !== 'ok' || r.version === undefined) return [];
  const running = r.version;
  const [rMajor = 0, rMinor = 0] = running.split('.').map(Number);
  const out: Finding[] = [];
  for (const p of r.packages ?? []) {
    // Base packages are part of R itself.
    if (p.repository === 'base') continue;
    if (p.rDepends !== undefined && rDependsHolds(p.rDepends, running) === false) {
      out.push(
        finding(R_CHECK_RULES['r-version-too-old'], {
          subject: p.name,
          baseline: `R ${p.rDepends}`,
          target: `R ${running}`,
          message: `${p.name} ${p.version} needs R ${p.rDepends}, this is R ${running}: library(${p.name}) stops with "This is R ${running}, package ‘${p.name}’ needs ${p.rDepends}"`,
          hint: `install R ${p.rDepends.replace(/^[<>=!]+\s*/, '')} or newer, or a release of ${p.name} that supports R ${running}`,
        }),
      );
    }
    if (p.built === undefined) continue;
    const [bMajor = 0, bMinor = 0] = p.built.split('.').map(Number);
    if (bMajor === rMajor && bMinor === rMinor) continue;
    const severity = bMajor !== rMajor ? 'error' : bMinor > rMinor ? 'warning' : 'info';
    const reinstall = `reinstall it with this R: install.packages("${p.name}")`;
    out.push(
      finding(R_CHECK_RULES['built-under-other-r'], {
        severity,
        subject: p.name,
        baseline: `built under R ${p.built}`,
        target: `R ${running}`,
        message:
          severity === 'error'
            ? `${p.name} ${p.version} was installed by R ${p.built}, this is R ${running}: R refuses to load it ("package ‘${p.name}’ was installed before R ${rMajor}.0.0: please re-install it")`
            : severity === 'warning'
              ? `${p.name} ${p.version} was built under R ${p.built}, newer than this R ${running}: R warns when loading it, and compiled code may call what this R lacks`
              : `${p.name} ${p.version} was built under R ${p.built}, an older minor than this R ${running}: it loads, compiled code included`,
        hint: severity === 'info' ? `nothing to do; ${reinstall} to match` : reinstall,
      }),
    );
  }
  return out;
}

export const rPackages: ConsistencyRule = {
  name: 'r-packages',
  catalog: Object.values(R_CHECK_RULES),
  run: checkRPackages,
};
