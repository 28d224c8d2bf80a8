// Lock file rules across two fingerprints: which lock files changed, how their pins moved, what
// they declare besides pins (the Python they require, R and its repositories, Scala and sbt, conda
// platforms and channels), and whether a file could be read on both sides. Pins and declared
// runtimes are graded with the same severities as the captured facts they stand for: a pin moving
// from NumPy 1 to 2 is the same error as an installed NumPy doing so.
// (Lock file against installed packages within one fingerprint, `envdiff check`, reads the python,
// r and jvm facets too: src/rules/lock-check.ts.)
import { defineRules, finding, SEVERITY_RANK, type Finding, type Severity } from '../../core/findings.js';
import { normalizePypiName } from '../../core/names.js';
import { byCodeUnit, listSome } from '../../core/text.js';
import { getScheme, schemeForEcosystem, type VersionDiff } from '../../versioning/index.js';
import { declaredRuntimes, lowestAdmitted, scalaBinaryVersion, scalaSuffixMix } from '../shared/declared-runtimes.js';
import { pinnedTwice, type LockedPackage, type LockfileEntry } from '../shared/lockfile.js';
import { gradeVersionChange, type PackageEcosystem } from '../shared/package-sets.js';
import type { CompareContext } from '../types.js';
import type { LockfilesFacet } from './types.js';
import { pushAll } from '../../core/arrays.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module. `scala-suffix-mix` and
// `pinned-twice` are reported by `envdiff check` too.
export const LOCKFILES_RULES = defineRules('lockfiles', {
  changed: {
    severity: 'warning',
    title: 'A lock file differs between the two environments',
    help: 'The two sides were captured with different versions of the same lock file (its sha256 differs). Deploy from the lock file you tested with: commit it, and build from that commit.',
  },
  'file-not-captured': {
    severity: 'error',
    title: 'A lock file could be read on one side only',
    help: 'One side recorded the lock file and the other could not read it (missing, unreadable, or not a file of its kind): what it locks there cannot be told, so the gate fails. Fix the file and capture again; a policy may lower this rule.',
  },
  'only-in-baseline': {
    severity: 'info',
    title: 'A lock file was captured on the baseline only',
    help: 'Capture both environments with the same --lock files to compare their pins.',
  },
  'only-in-target': {
    severity: 'info',
    title: 'A lock file was captured on the target only',
    help: 'Capture both environments with the same --lock files to compare their pins.',
  },
  'pin-added': {
    severity: 'info',
    title: 'A package is locked in the target’s lock file only',
    help: 'Regenerate the lock file from the same requirements on both sides.',
  },
  'pin-removed': {
    severity: 'info',
    title: 'A package is locked in the baseline’s lock file only',
    help: 'Regenerate the lock file from the same requirements on both sides.',
  },
  'pin-changed': {
    severity: 'error',
    title: 'A locked version or range moved',
    help: 'Graded as an installed package of its ecosystem would be: major → error (NumPy 1 ↔ 2 with its ABI explanation), minor → warning, patch → info. A pin that becomes a range (or the reverse) is graded by the farthest version the range admits: `==1.23.5` → `==2.2.*` is a major change. Pins are keyed by name and by platform (conda-lock) or marker (several pins of one name), so one platform’s change is reported as that platform’s. Use one lock file for both environments.',
  },
  'requires-python': {
    severity: 'error',
    title: 'The Python a lock file requires changed',
    help: 'Graded as the python facet grades the interpreter: a different major or minor of the lowest Python the lock admits is an error (a lock resolved for 3.8 does not install on 3.11 and the reverse), a patch is info. A range that admits the same lowest Python but differs otherwise is info.',
  },
  'r-version': {
    severity: 'warning',
    title: 'The R version renv.lock was snapshotted with changed',
    help: 'Graded as the r facet grades R itself: major → error, minor → warning (packages with compiled code are built per R x.y), patch → info.',
  },
  'r-repositories': {
    severity: 'warning',
    title: 'The repositories renv.lock installs from changed',
    help: 'renv::restore() installs from the lock’s repositories; another CRAN mirror or snapshot date can serve other builds and versions.',
  },
  'scala-version': {
    severity: 'error',
    title: 'The Scala version of a build changed',
    help: 'Graded as the jvm facet grades Scala: another binary version (2.10 → 2.12) is an error (jars do not link across them), a patch release is info.',
  },
  'cross-scala-versions': {
    severity: 'warning',
    title: 'The Scala versions a build cross-builds for changed',
    help: 'A warning when a binary version the baseline published for is dropped (its users get no artifact), info when one is added.',
  },
  'sbt-version': {
    severity: 'warning',
    title: 'The sbt version of a build changed (project/build.properties)',
    help: 'sbt 0.13 → 1.x changes the build definition and plugins (error); a minor release may change plugin resolution (warning); a patch is info.',
  },
  'conda-platforms': {
    severity: 'error',
    title: 'The platforms a conda lock resolves for changed',
    help: 'A platform the baseline’s lock had and the target’s lacks has no packages there: an environment on it cannot be created from the lock (error). A platform added is info.',
  },
  'conda-channels': {
    severity: 'warning',
    title: 'The channels a conda environment resolves from changed',
    help: 'conda picks builds by channel priority: conda-forge and defaults builds of one version differ (compilers, BLAS, OpenSSL).',
  },
  'scala-suffix-mix': {
    severity: 'error',
    title: 'One build mixes Scala binary versions in its artifacts',
    help: 'Artifacts for `_2.11` and `_2.12` (or `_3` with anything but `_2.13`) cannot share a classpath: NoSuchMethodError and ClassNotFoundException at run time. Use one Scala binary version for every artifact (sbt’s `%%` does).',
  },
  'pinned-twice': {
    severity: 'error',
    title: 'A package is pinned twice in one requirements file',
    help: 'Two different pins of one name under the same marker cannot both be installed: pip stops with ResolutionImpossible (error). The same pin twice is a warning: pip before 20.3 refused it ("Double requirement given"), and it hides which line is meant to be edited.',
  },
});

export function compareLockfiles(baseline: LockfilesFacet, target: LockfilesFacet, ctx: CompareContext): Finding[] {
  const a = new Map((baseline.files ?? []).map((f) => [f.path, f]));
  const b = new Map((target.files ?? []).map((f) => [f.path, f]));
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort(byCodeUnit);
  const findings: Finding[] = [];
  for (const path of paths) {
    const fa = a.get(path);
    const fb = b.get(path);
    if (fa !== undefined && fb === undefined) {
      findings.push(onlyOneSide(path, 'baseline', fa));
    } else if (fa === undefined && fb !== undefined) {
      findings.push(onlyOneSide(path, 'target', fb));
    } else if (fa !== undefined && fb !== undefined) {
      if ((fa.status === 'ok') !== (fb.status === 'ok')) {
        findings.push(notCaptured(path, fa, fb));
        continue;
      }
      if (fa.sha256 === fb.sha256) continue;
      findings.push(
        finding(LOCKFILES_RULES.changed, {
          subject: path,
          baseline: `sha256:${fa.sha256.slice(0, 12)}`,
          target: `sha256:${fb.sha256.slice(0, 12)}`,
          message: `${path} differs between the two environments: the pins below changed, or its text did`,
          hint: 'deploy from the same lock file you tested with (commit it, and build from that commit)',
        }),
      );
      // A file that could not be read has no trustworthy package list: comparing it would invent drift.
      if (fa.status === 'ok' && fb.status === 'ok') {
        pushAll(findings, compareDeclared(path, fa, fb, ctx));
        pushAll(findings, comparePins(path, fa.packages, fb.packages));
        pushAll(findings, newInconsistencies(path, fa, fb));
      }
    }
  }
  return findings;
}

function describeEntry(f: LockfileEntry): string {
  return f.status === 'ok' ? `${f.kind} (${f.packages.length} packages)` : `error: ${f.reason ?? 'unreadable'}`;
}

function notCaptured(path: string, fa: LockfileEntry, fb: LockfileEntry): Finding {
  const broken = fa.status === 'ok' ? 'target' : 'baseline';
  const reason = (broken === 'target' ? fb : fa).reason ?? 'unreadable';
  return finding(LOCKFILES_RULES['file-not-captured'], {
    subject: path,
    baseline: describeEntry(fa),
    target: describeEntry(fb),
    message: `${path} could not be read on the ${broken} (${reason}) while the ${broken === 'target' ? 'baseline' : 'target'} recorded it: what it locks there cannot be told`,
    hint: `fix ${path} on the ${broken} and capture again; a policy may lower lockfiles/file-not-captured`,
  });
}

function onlyOneSide(path: string, side: 'baseline' | 'target', file: LockfileEntry): Finding {
  const here = side === 'baseline';
  return finding(here ? LOCKFILES_RULES['only-in-baseline'] : LOCKFILES_RULES['only-in-target'], {
    subject: path,
    baseline: here ? describeEntry(file) : null,
    target: here ? null : describeEntry(file),
    message: here ? `${path} was captured here but not on the target` : `${path} was captured on the target but not here`,
    hint: 'capture both environments with the same --lock files to compare their pins',
  });
}

// ---- declared runtimes

const DIFF_SEVERITY: Readonly<Record<VersionDiff, Severity>> = {
  major: 'error',
  minor: 'warning',
  patch: 'info',
  prerelease: 'warning',
  local: 'warning',
  other: 'warning',
  none: 'info',
};

function compareDeclared(path: string, fa: LockfileEntry, fb: LockfileEntry, ctx: CompareContext): Finding[] {
  const a = declaredRuntimes(fa);
  const b = declaredRuntimes(fb);
  const out: Finding[] = [];
  const subject = (what: string) => `${path}: ${what}`;

  if (a.python && b.python && a.python.asWritten !== b.python.asWritten) {
    const lowA = a.python.anyOf ? lowestAdmitted(a.python.anyOf) : undefined;
    const lowB = b.python.anyOf ? lowestAdmitted(b.python.anyOf) : undefined;
    const diff = lowA && lowB ? getScheme('pep440').diff(lowA, lowB) : 'other';
    // The python facet: another major or minor of the interpreter is an error, a patch is info.
    const severity: Severity = diff === 'major' || diff === 'minor' ? 'error' : diff === 'other' ? 'warning' : 'info';
    const running = ctx.baseline.facets.python?.status === 'ok' ? ctx.baseline.facets.python.version : undefined;
    out.push(
      finding(LOCKFILES_RULES['requires-python'], {
        severity,
        subject: subject('python'),
        baseline: a.python.asWritten,
        target: b.python.asWritten,
        message:
          `${path} requires Python ${a.python.asWritten} here and ${b.python.asWritten} there` +
          (lowA && lowB && diff !== 'none' ? ` (the lowest it admits moves from ${lowA} to ${lowB}, a ${diff} change)` : '') +
          (running ? `; the baseline runs ${running}` : ''),
        hint: 'resolve both locks for the same Python, the one the environments run',
      }),
    );
  }

  if (a.rVersion && b.rVersion && a.rVersion !== b.rVersion) {
    const diff = getScheme('r').diff(a.rVersion, b.rVersion);
    if (diff !== 'none') {
      out.push(
        finding(LOCKFILES_RULES['r-version'], {
          severity: diff === 'major' ? 'error' : diff === 'minor' ? 'warning' : 'info',
          subject: subject('R'),
          baseline: a.rVersion,
          target: b.rVersion,
          message: `${path} was snapshotted with R ${a.rVersion} here and R ${b.rVersion} there (${diff} change): packages with compiled code are built per R x.y`,
          hint: 'snapshot both with the R the environments run (renv::snapshot() under that R)',
        }),
      );
    }
  }
  if (a.rRepositories && b.rRepositories && a.rRepositories.join(' ') !== b.rRepositories.join(' ')) {
    out.push(
      finding(LOCKFILES_RULES['r-repositories'], {
        subject: subject('repositories'),
        baseline: a.rRepositories.join(' '),
        target: b.rRepositories.join(' '),
        message: `${path} installs from ${a.rRepositories.join(', ')} here and ${b.rRepositories.join(', ')} there`,
        hint: 'restore both from the same repositories (a dated snapshot pins what they serve)',
      }),
    );
  }

  if (a.scalaVersion && b.scalaVersion && a.scalaVersion !== b.scalaVersion) {
    const binA = scalaBinaryVersion(a.scalaVersion);
    const binB = scalaBinaryVersion(b.scalaVersion);
    out.push(
      finding(LOCKFILES_RULES['scala-version'], {
        severity: binA !== binB ? 'error' : 'info',
        subject: subject('scala'),
        baseline: a.scalaVersion,
        target: b.scalaVersion,
        message:
          binA !== binB
            ? `${path} builds for Scala ${a.scalaVersion} here and ${b.scalaVersion} there: binary versions ${binA} and ${binB} do not link`
            : `${path} builds for Scala ${a.scalaVersion} here and ${b.scalaVersion} there (same binary version ${binA})`,
        hint: binA !== binB ? 'build both for one Scala binary version, the one the cluster runs' : 'nothing to do',
      }),
    );
  }
  if (a.crossScalaVersions && b.crossScalaVersions) {
    const binsA = new Set(a.crossScalaVersions.map(scalaBinaryVersion));
    const binsB = new Set(b.crossScalaVersions.map(scalaBinaryVersion));
    const dropped = [...binsA].filter((x) => !binsB.has(x));
    if (a.crossScalaVersions.join(' ') !== b.crossScalaVersions.join(' ')) {
      out.push(
        finding(LOCKFILES_RULES['cross-scala-versions'], {
          severity: dropped.length ? 'warning' : 'info',
          subject: subject('crossScalaVersions'),
          baseline: a.crossScalaVersions.join(' '),
          target: b.crossScalaVersions.join(' '),
          message:
            `${path} cross-builds for ${a.crossScalaVersions.join(', ')} here and ${b.crossScalaVersions.join(', ')} there` +
            (dropped.length ? `: no artifact for Scala ${dropped.join(', ')} any more` : ''),
          hint: 'cross-build for every Scala binary version your users run',
        }),
      );
    }
  }
  if (a.sbtVersion && b.sbtVersion && a.sbtVersion !== b.sbtVersion) {
    const diff = getScheme('loose').diff(a.sbtVersion, b.sbtVersion);
    if (diff !== 'none') {
      out.push(
        finding(LOCKFILES_RULES['sbt-version'], {
          severity: DIFF_SEVERITY[diff],
          subject: subject('sbt'),
          baseline: a.sbtVersion,
          target: b.sbtVersion,
          message: `${path} builds with sbt ${a.sbtVersion} here and ${b.sbtVersion} there (${diff} change, project/build.properties)`,
          hint: 'build with one sbt version (commit project/build.properties)',
        }),
      );
    }
  }

  if (a.condaPlatforms && b.condaPlatforms && a.condaPlatforms.join(' ') !== b.condaPlatforms.join(' ')) {
    const removed = a.condaPlatforms.filter((p) => !b.condaPlatforms!.includes(p));
    out.push(
      finding(LOCKFILES_RULES['conda-platforms'], {
        severity: removed.length ? 'error' : 'info',
        subject: subject('platforms'),
        baseline: a.condaPlatforms.join(' '),
        target: b.condaPlatforms.join(' '),
        message:
          `${path} resolves for ${a.condaPlatforms.join(', ')} here and ${b.condaPlatforms.join(', ')} there` +
          (removed.length ? `: nothing is locked for ${removed.join(', ')} any more` : ''),
        hint: 'lock for every platform you create environments on (conda-lock -p PLATFORM)',
      }),
    );
  }
  if (a.condaChannels && b.condaChannels && a.condaChannels.join(' ') !== b.condaChannels.join(' ')) {
    out.push(
      finding(LOCKFILES_RULES['conda-channels'], {
        subject: subject('channels'),
        baseline: a.condaChannels.join(' '),
        target: b.condaChannels.join(' '),
        message: `${path} resolves from ${a.condaChannels.join(', ')} here and ${b.condaChannels.join(', ')} there (in priority order)`,
        hint: 'resolve both from the same channels in the same order',
      }),
    );
  }
  return out;
}

// ---- pins

/** The facet whose installed packages a lock file ecosystem stands for, to grade pins alike. */
const GRADED_AS: Partial<Record<string, { facet: 'python' | 'r'; ecosystem: PackageEcosystem }>> = {
  pypi: { facet: 'python', ecosystem: 'pypi' },
  conda: { facet: 'python', ecosystem: 'conda' },
  cran: { facet: 'r', ecosystem: 'cran' },
};

function nameKey(p: LockedPackage): string {
  const name = p.ecosystem === 'pypi' ? normalizePypiName(p.name) : p.name;
  return `${p.ecosystem}\0${name}\0${p.platform ?? ''}`;
}

function pinOf(p: LockedPackage): string {
  return p.version ?? p.specifier ?? '(any)';
}

/**
 * Pins by name and platform; where a name has several pins on one side (uv forks, poetry with
 * markers), by marker too, so that one alternative's change is reported as that one's.
 */
function pinIndex(packages: readonly LockedPackage[]): Map<string, LockedPackage[]> {
  const out = new Map<string, LockedPackage[]>();
  for (const p of packages) {
    if (p.group === 'constraint') continue;
    const k = nameKey(p);
    out.set(k, [...(out.get(k) ?? []), p]);
  }
  return out;
}

function comparePins(path: string, a: readonly LockedPackage[], b: readonly LockedPackage[]): Finding[] {
  const ma = pinIndex(a);
  const mb = pinIndex(b);
  const keys = [...new Set([...ma.keys(), ...mb.keys()])].sort(byCodeUnit);
  const findings: Finding[] = [];
  for (const key of keys) {
    const la = ma.get(key) ?? [];
    const lb = mb.get(key) ?? [];
    if (la.length <= 1 && lb.length <= 1) {
      const f = comparePin(path, la[0], lb[0]);
      if (f) findings.push(f);
      continue;
    }
    const byMarker = (list: LockedPackage[]) => new Map(list.map((p) => [p.marker ?? '', p]));
    const xa = byMarker(la);
    const xb = byMarker(lb);
    for (const marker of [...new Set([...xa.keys(), ...xb.keys()])].sort(byCodeUnit)) {
      const f = comparePin(path, xa.get(marker), xb.get(marker));
      if (f) findings.push(f);
    }
  }
  return findings;
}

function subjectOf(path: string, p: LockedPackage, withMarker: boolean): string {
  const where = p.platform ? ` [${p.platform}]` : withMarker && p.marker ? ` ; ${p.marker}` : '';
  return `${path}: ${p.name}${where}`;
}

function comparePin(path: string, pa: LockedPackage | undefined, pb: LockedPackage | undefined): Finding | null {
  const p = (pa ?? pb)!;
  const subject = subjectOf(path, p, pa?.marker !== undefined && pa.marker === pb?.marker);
  const where = p.platform ? ` for ${p.platform}` : '';
  if (pa === undefined || pb === undefined) {
    return finding(pa ? LOCKFILES_RULES['pin-removed'] : LOCKFILES_RULES['pin-added'], {
      subject,
      baseline: pa ? pinOf(pa) : null,
      target: pb ? pinOf(pb) : null,
      message: pa
        ? `${p.name} ${pinOf(p)} is locked${where} here but not in the target's ${path}`
        : `${p.name} ${pinOf(p)} is locked${where} in the target's ${path} only`,
      hint: 'regenerate the lock file from the same requirements on both sides',
    });
  }
  if (pinOf(pa) === pinOf(pb)) return null;
  const graded = gradePins(pa, pb);
  if (graded === 'same') return null;
  return finding(LOCKFILES_RULES['pin-changed'], {
    severity: graded?.severity ?? 'info',
    subject,
    baseline: pinOf(pa),
    target: pinOf(pb),
    message:
      `${p.name} is locked at ${pinOf(pa)}${where} here and ${pinOf(pb)} there` +
      (graded ? `${graded.via ? ` (${graded.via})` : ''}: ${graded.why}` : ' (ranges; not graded)'),
    hint: 'use one lock file for both environments',
  });
}

interface Graded {
  severity: Severity;
  why: string;
  /** How a range was read, when one side is a range. */
  via?: string;
}

/** Grades two pins of one package; `same` when they name the same version; undefined when ungradable (two ranges). */
function gradePins(pa: LockedPackage, pb: LockedPackage): Graded | 'same' | undefined {
  if (pa.version !== undefined && pb.version !== undefined) {
    if (schemeForEcosystem(pa.ecosystem).diff(pa.version, pb.version) === 'none') return 'same';
    return gradeVersions(pa, pa.version, pb.version);
  }
  const pinSide = pa.version !== undefined ? pa : pb.version !== undefined ? pb : undefined;
  const rangeSide = pinSide === pa ? pb : pa;
  if (!pinSide || rangeSide.specifier === undefined) return undefined;
  const pin = pinSide.version!;
  const far = farthestAdmitted(pa.ecosystem, pin, rangeSide.specifier);
  if (far === undefined) return undefined;
  if (far.length === 0) return 'same'; // `==1.0` as a range admits only the pin
  // The worst version the range admits, graded from the baseline's point of view.
  let worst: Graded | undefined;
  for (const edge of far) {
    const g = pinSide === pa ? gradeVersions(pa, pin, edge.version) : gradeVersions(pa, edge.version, pin);
    if (g && (!worst || SEVERITY_RANK[g.severity] < SEVERITY_RANK[worst.severity]))
      worst = { ...g, why: g.why.replaceAll(edge.version, edge.shown), via: `${rangeSide.specifier} admits ${edge.shown}` };
  }
  return worst ?? { severity: 'info', why: `the range still admits ${pin}`, via: rangeSide.specifier };
}

function gradeVersions(p: LockedPackage, from: string, to: string): Graded | undefined {
  const as = GRADED_AS[p.ecosystem];
  if (as) {
    const f = gradeVersionChange({ ...as, name: p.name, baseline: from, target: to });
    if (!f) return undefined;
    return { severity: f.severity, why: f.message.replace(/^.*? on the target[:.;]?\s*/, '') || f.message };
  }
  const diff = schemeForEcosystem(p.ecosystem).diff(from, to);
  if (diff === 'none') return undefined;
  return { severity: DIFF_SEVERITY[diff], why: `a ${diff} change` };
}

interface Edge {
  /** A release at the edge of the range, for grading. */
  version: string;
  /** How a person reads that edge: `2.2.*`, `below 2`, `2 and later`. */
  shown: string;
}

/**
 * The versions at the edges of what a PEP 440 range admits, as seen from `pin`: its lowest bound
 * and the highest release below its upper bound (`<2` → 1.x), or one major past `pin` when it has
 * no upper bound (`>=1.20` admits every later major). [] when the range admits only `pin`;
 * undefined when the range is not PEP 440.
 */
function farthestAdmitted(ecosystem: string, pin: string, range: string): Edge[] | undefined {
  if (ecosystem !== 'pypi' && ecosystem !== 'conda') return undefined;
  const pep440 = getScheme('pep440');
  if (pep440.matches(pin, range) === undefined) return undefined;
  const release = (v: string) => [...(pep440.release(v) ?? [])];
  let low: Edge | undefined;
  let high: Edge | undefined;
  let unboundedHigh = true;
  for (const raw of range.split(',')) {
    const m = /^(~=|===|==|!=|<=|>=|<|>)(.+)$/.exec(raw.trim());
    if (!m) return undefined;
    const [, op, v] = m as unknown as [string, string, string];
    if (op === '!=') continue;
    if ((op === '==' || op === '===') && !v.endsWith('.*')) {
      return pep440.diff(pin, v) === 'none' ? [] : [{ version: v, shown: v }];
    }
    if (op === '==' || op === '~=') {
      const base = release(v.replace(/\.\*$/, ''));
      if (base.length === 0) return undefined;
      // ==2.2.* admits 2.2.x; ~=2.2 admits 2.x from 2.2 (>=2.2, ==2.*); ~=2.2.0 admits 2.2.x.
      const prefix = op === '==' ? base : base.slice(0, Math.max(1, base.length - 1));
      low = { version: base.join('.'), shown: base.join('.') };
      high = { version: [...prefix, 999999].join('.'), shown: `${prefix.join('.')}.*` };
      unboundedHigh = false;
    } else if (op === '>=' || op === '>') {
      low = { version: v, shown: v };
    } else if (op === '<=') {
      high = { version: v, shown: v };
      unboundedHigh = false;
    } else {
      // <U: the highest release below U keeps U's prefix up to its last non-zero part, minus one.
      const u = release(v);
      let i = u.length - 1;
      while (i > 0 && u[i] === 0) i--;
      if ((u[i] ?? 0) === 0) return undefined;
      high = { version: [...u.slice(0, i), u[i]! - 1, 999999].join('.'), shown: `below ${v}` };
      unboundedHigh = false;
    }
  }
  const edges: Edge[] = [low ?? { version: '0', shown: 'any earlier release' }];
  if (unboundedHigh) {
    const next = (release(pin)[0] ?? 0) + 1;
    edges.push({ version: `${next}.0`, shown: `${next} and later` });
  } else if (high) edges.push(high);
  return edges.filter((e) => pep440.diff(pin, e.version) !== 'none');
}

// ---- inconsistencies inside one file, new on the target

function newInconsistencies(path: string, fa: LockfileEntry, fb: LockfileEntry): Finding[] {
  const out: Finding[] = [];
  const mixA = scalaSuffixMix(fa.packages);
  const mixB = scalaSuffixMix(fb.packages);
  if (mixB && !mixA) out.push(scalaMixFinding(path, mixB, `${path}: scala`));
  const twiceA = new Set(pinnedTwice(fa).map((d) => d.key));
  for (const dup of pinnedTwice(fb)) if (!twiceA.has(dup.key)) out.push(pinnedTwiceFinding(path, dup, `${path}: ${dup.name}`));
  return out;
}

/** The finding for one file's mix of Scala binary versions (also reported by `envdiff check`). */
export function scalaMixFinding(path: string, mix: Map<string, string[]>, subject: string): Finding {
  const parts = [...mix].map(([bin, names]) => `_${bin}: ${listSome(names, 2)}`);
  return finding(LOCKFILES_RULES['scala-suffix-mix'], {
    subject,
    baseline: null,
    target: [...mix.keys()].map((k) => `_${k}`).join(' '),
    message: `${path} mixes Scala binary versions: ${parts.join('; ')}`,
    hint: 'use one Scala binary version for every artifact (sbt’s %% picks it from scalaVersion)',
  });
}

/** The finding for a package pinned twice in one file (also reported by `envdiff check`). */
export function pinnedTwiceFinding(path: string, dup: ReturnType<typeof pinnedTwice>[number], subject: string): Finding {
  const pins = dup.packages.map(pinOf);
  const conflicting = new Set(pins).size > 1;
  return finding(LOCKFILES_RULES['pinned-twice'], {
    severity: conflicting ? 'error' : 'warning',
    subject,
    baseline: null,
    target: pins.join(' and '),
    message: conflicting
      ? `${dup.name} is pinned twice in ${path} (${pins.join(' and ')}${dup.marker ? ` where ${dup.marker}` : ''}): pip cannot install both and stops`
      : `${dup.name} ${pins[0]} is pinned twice in ${path}${dup.marker ? ` where ${dup.marker}` : ''}`,
    hint: `keep one line for ${dup.name}`,
  });
}
