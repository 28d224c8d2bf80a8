// Lock file against what is installed, within one fingerprint: every package a lock file pins
// must be installed at that version (or inside its range) in the environment captured with it.
// Versions are compared with the ecosystem's own scheme (PEP 440 for PyPI and conda, R's for
// CRAN), never as text, so 1.0 == 1.0.0 and 2.1.0+cu121 != 2.1.0+cpu.
import { defineRules, finding, sortFindings, type Finding, type Severity } from '../core/findings.js';
import { facetById, type Fingerprint } from '../facets/index.js';
import { pinnedTwiceFinding, scalaMixFinding } from '../facets/lockfiles/rules.js';
import { admitsPython, declaredRuntimes, scalaBinaryVersion, scalaSuffixMix } from '../facets/shared/declared-runtimes.js';
import { normalizeName, pinnedTwice, type Ecosystem, type LockedPackage, type LockfileEntry } from '../facets/shared/lockfile.js';
import { getScheme, schemeForEcosystem } from '../versioning/index.js';
import { facetStatusRules } from './facet-status.js';
import { evaluateMarker, markerEnvironment, type MarkerEnv, type MarkerValue } from './pep508-markers.js';

const READS = ['lockfiles', 'python', 'r', 'jvm', 'os'];

/** The rules of `envdiff check`: one fingerprint's lock files (baseline) against what it has installed (target). */
export const LOCK_CHECK_RULES = defineRules('lockfiles', {
  'not-installed': {
    severity: 'error',
    title: 'A locked package is not installed',
    help: 'The lock file names it and the environment lacks it. A warning when it belongs to an optional group (dev, tests, docs), info when its environment marker cannot be decided here.',
    reads: READS,
  },
  'version-mismatch': {
    severity: 'error',
    title: 'A locked package is installed at another version',
    help: 'Compared with the ecosystem’s own scheme (PEP 440, R), never as text. A warning for patch and pre-release differences. Reinstall from the lock file, or update it if the installed version is the one you tested.',
    reads: READS,
  },
  'build-mismatch': {
    severity: 'info',
    title: 'A conda package is installed with another build string',
    help: 'Build strings differ across platforms and channels (https://github.com/conda/conda/issues/7311); it matters only when the build selects a variant (CUDA, MKL or OpenBLAS).',
    reads: READS,
  },
  'range-not-checked': {
    severity: 'info',
    title: 'A locked range could not be evaluated',
    help: 'envdiff does not understand the range as written; check this pin by hand.',
    reads: READS,
  },
  'not-checked': {
    severity: 'info',
    title: 'Packages of an ecosystem the fingerprint did not capture',
    help: 'The lock file names packages of an ecosystem whose installed set is not in the fingerprint. An error when the environment has no such runtime at all (no Python, no R: nothing locked is installed); info when only which environment is unknown (no conda environment active). Capture the environment the lock file is installed into.',
    reads: READS,
  },
  'platform-not-locked': {
    severity: 'error',
    title: 'The conda lock has no packages for this platform',
    help: 'conda-lock resolves per platform (linux-64, osx-arm64, …); an environment on a platform the lock does not list cannot be created from it. Lock for this platform too (conda-lock -p PLATFORM).',
    reads: READS,
  },
  'channel-mismatch': {
    severity: 'warning',
    title: 'Conda packages are installed from channels the lock does not name',
    help: 'Builds of one version differ between channels (conda-forge vs defaults: compilers, BLAS, OpenSSL). Create the environment from the lock file’s channels.',
    reads: READS,
  },
  'scala-binary-mismatch': {
    severity: 'error',
    title: 'The build targets another Scala binary version than the runtime',
    help: 'Scala 2.x minor versions are binary incompatible. A warning when crossScalaVersions covers the runtime’s version (publish that cross build).',
    reads: READS,
  },
  'r-version-mismatch': {
    severity: 'warning',
    title: 'renv.lock was snapshotted with another R version',
    help: 'Graded as the r facet grades R: an error for another major, a warning for another minor (packages with compiled code built for another R minor version need reinstalling), info for a patch difference.',
    reads: READS,
  },
  'python-version-mismatch': {
    severity: 'error',
    title: 'The interpreter is outside the Python the lock file requires',
    help: 'The lock was resolved for other Python versions (requires-python, Pipfile.lock’s python_version, poetry’s python constraint evaluated as Poetry defines ^ and ~): use an interpreter it admits. A warning when the requirement cannot be read.',
    reads: READS,
  },
  unreadable: {
    severity: 'error',
    title: 'A lock file could not be read',
    help: 'Nothing in it was checked, so nothing it locks can be said to be installed: the check fails. Fix or regenerate it.',
    reads: READS,
  },
  'unparsed-lines': {
    severity: 'info',
    title: 'Lines of a lock file could not be read',
    help: 'Those entries were not checked; the fingerprint lists each with its line number.',
    reads: READS,
  },
});

type LockCheckRule = keyof typeof LOCK_CHECK_RULES;

/** Groups whose packages a production environment may rightly lack. */
const OPTIONAL_GROUP = /(^|,)(dev|develop|tests?|docs?|lint|typing)(,|$)/i;

function check(
  rule: LockCheckRule,
  severity: Severity,
  subject: string,
  locked: string | null | undefined,
  installed: string | null | undefined,
  message: string,
  hint: string,
): Finding {
  return finding(LOCK_CHECK_RULES[rule], { severity, subject, baseline: locked, target: installed, message, hint });
}

/** The conda subdir of the captured machine (linux-64, osx-arm64, win-64), for multi-platform locks. */
export function condaSubdir(fp: Fingerprint): string | undefined {
  const os = fp.facets.os;
  if (os?.status !== 'ok' || !os.name || !os.arch) return undefined;
  const arch = os.arch.toLowerCase();
  const cpu =
    arch === 'x86_64' || arch === 'amd64'
      ? '64'
      : arch === 'arm64' || arch === 'aarch64'
        ? os.name === 'linux'
          ? 'aarch64'
          : 'arm64'
        : arch;
  const plat = os.name === 'darwin' ? 'osx' : os.name === 'windows' ? 'win' : os.name;
  return `${plat}-${cpu}`;
}

type Installed = Map<string, string[]>;

/** Why an ecosystem's installed set is not known, and how serious not knowing it is. */
interface Unknown {
  why: string;
  severity: Severity;
  /** The facet that could not be captured, when that is the reason. */
  failedFacet?: 'python' | 'r';
}

/** Installed versions per normalized name, or why this ecosystem cannot be checked. */
function installedFor(fp: Fingerprint, eco: Ecosystem): Installed | Unknown {
  const add = (m: Installed, name: string, version: string) => {
    const k = normalizeName(eco, name);
    m.set(k, [...(m.get(k) ?? []), version]);
  };
  const m: Installed = new Map();
  const runtime = (id: 'python' | 'r', what: string): Unknown | undefined => {
    const f = fp.facets[id];
    if (f?.status === 'ok') return undefined;
    if (f?.status === 'absent')
      return {
        why: `this environment has no ${what}${f.reason ? ` (${f.reason})` : ''}: nothing locked for it is installed`,
        severity: 'error',
      };
    return {
      why: `the ${id} facet could not be captured (${f?.reason ?? 'missing from the fingerprint'})`,
      severity: 'error',
      failedFacet: id,
    };
  };
  if (eco === 'pypi') {
    const unknown = runtime('python', 'Python');
    if (unknown) return unknown;
    (fp.facets.python.packages ?? []).forEach((p) => add(m, p.name, p.version));
    return m;
  }
  if (eco === 'conda') {
    const unknown = runtime('python', 'Python');
    if (unknown) return unknown;
    const conda = fp.facets.python.conda;
    if (!conda) return { why: 'no conda environment was captured (run capture with the conda environment active)', severity: 'info' };
    conda.packages.forEach((p) => add(m, p.name, p.version));
    return m;
  }
  if (eco === 'cran') {
    const unknown = runtime('r', 'R');
    if (unknown) return unknown;
    (fp.facets.r.packages ?? []).forEach((p) => add(m, p.name, p.version));
    return m;
  }
  return { why: `${eco} packages are resolved at build time, not installed into this environment`, severity: 'info' };
}

function condaBuilds(fp: Fingerprint): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of fp.facets.python?.conda?.packages ?? []) if (p.build) m.set(`${p.name.toLowerCase()}@${p.version}`, p.build);
  return m;
}

/** true/false when the installed version satisfies the locked one; undefined when the range is not understood. */
function satisfies(eco: Ecosystem, installed: string, p: LockedPackage): boolean | undefined {
  const scheme = schemeForEcosystem(eco);
  if (p.version !== undefined) return scheme.compare(installed, p.version) === 0;
  // PEP 440 arbitrary equality: the installed version string must be exactly the one written.
  const arbitrary = p.specifier !== undefined ? /^===([^,]+)$/.exec(p.specifier) : null;
  if (arbitrary) return installed.trim() === arbitrary[1]!.trim();
  if (p.specifier !== undefined) return scheme.matches(installed, p.specifier);
  return true;
}

function lockedText(p: LockedPackage): string {
  return p.version ?? p.specifier ?? 'any';
}

/** Does the package apply to this environment? Its PEP 508 marker decides; no marker: it always does. */
function applies(p: LockedPackage, env: MarkerEnv): MarkerValue {
  return p.marker === undefined ? true : evaluateMarker(p.marker, env);
}

/** pip constraints (`-c`): they say "if it is installed, at this version", never "install it". */
const CONSTRAINT_GROUP = 'constraint';

function checkPackages(fp: Fingerprint, file: LockfileEntry, out: Finding[]): void {
  const subdir = condaSubdir(fp);
  const env = markerEnvironment(fp);
  // Alternatives: a forked uv resolution locks one name at several versions; any one may be installed.
  const groups = new Map<string, LockedPackage[]>();
  for (const p of file.packages) {
    if (p.platform && subdir && p.platform !== subdir) continue;
    const key = `${p.ecosystem}\u0000${normalizeName(p.ecosystem, p.name)}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const cache = new Map<Ecosystem, Installed | Unknown>();
  const notChecked = new Map<Ecosystem, number>();
  const builds = condaBuilds(fp);
  for (const [key, all] of groups) {
    // A package whose marker is false here (pywin32 on Linux) is not expected here: not checked.
    const relevant = all.filter((a) => applies(a, env) !== false);
    if (relevant.length === 0) continue;
    const constraints = relevant.filter((a) => a.group === CONSTRAINT_GROUP);
    const required = relevant.filter((a) => a.group !== CONSTRAINT_GROUP);
    const alts = required.length ? required : constraints;
    const eco = alts[0]!.ecosystem;
    if (eco === 'maven') continue; // JVM artifacts: see checkJvm
    if (!cache.has(eco)) cache.set(eco, installedFor(fp, eco));
    const installed = cache.get(eco)!;
    if (!(installed instanceof Map)) {
      notChecked.set(eco, (notChecked.get(eco) ?? 0) + 1);
      continue;
    }
    const name = key.split('\u0000')[1]!;
    const subject = `${file.path}:${name}`;
    const locked = alts.map(lockedText).join(' | ');
    const versions = installed.get(name);
    if (!versions || versions.length === 0) {
      if (required.length === 0) continue; // constrained, not required, and not installed: fine
      // Markers that hold here make a missing package as serious as an unmarked one; a marker that
      // cannot be told (it names an extra) leaves it at info.
      const marker = alts.some((a) => applies(a, env) === true) ? undefined : alts.find((a) => a.marker)?.marker;
      const group = alts.every((a) => a.group && OPTIONAL_GROUP.test(a.group)) ? alts[0]!.group : undefined;
      const severity: Severity = marker ? 'info' : group ? 'warning' : 'error';
      out.push(
        check(
          'not-installed',
          severity,
          subject,
          locked,
          null,
          `${name} ${locked} is locked in ${file.path} but not installed` +
            (marker ? ` (only where ${marker})` : group ? ` (group ${group})` : ''),
          `install from the lock file (e.g. pip install -r / uv sync / conda install), or remove ${name} from it`,
        ),
      );
      continue;
    }
    const results = versions.flatMap((v) => alts.map((a) => ({ v, a, ok: satisfies(eco, v, a) })));
    if (required.length && results.some((r) => r.ok === true)) {
      const broken = constraints.find((c) => versions.every((v) => satisfies(eco, v, c) === false));
      if (broken) {
        const want = lockedText(broken);
        out.push(
          check(
            'version-mismatch',
            'error',
            subject,
            want,
            versions.join(', '),
            `${name} is ${versions.join(', ')} here, outside the constraint ${want} that ${file.path} applies (-c)`,
            `reinstall with the constraints file, or update the constraint if the installed version is the one you tested`,
          ),
        );
        continue;
      }
    }
    if (results.some((r) => r.ok === true)) {
      const exact = results.find((r) => r.ok === true)!;
      const build = exact.a.build;
      const got = eco === 'conda' ? builds.get(`${name}@${exact.v}`) : undefined;
      if (build && got && got !== build) {
        // Build strings differ across platforms and channels; same version is what counts (conda#7311).
        out.push(
          check(
            'build-mismatch',
            'info',
            subject,
            `${exact.a.version}=${build}`,
            `${exact.v}=${got}`,
            `${name} ${exact.v} is installed with build ${got}, the lock names build ${build}`,
            'harmless unless the build selects a variant (CUDA, MKL/OpenBLAS); pin the build if it does',
          ),
        );
      }
      continue;
    }
    const installedText = versions.join(', ');
    if (results.every((r) => r.ok === undefined)) {
      out.push(
        check(
          'range-not-checked',
          'info',
          subject,
          locked,
          installedText,
          `cannot tell whether ${name} ${installedText} satisfies "${locked}" (range not understood)`,
          'check this pin by hand',
        ),
      );
      continue;
    }
    const pinned = alts.find((a) => a.version !== undefined);
    const diff = pinned ? schemeForEcosystem(eco).diff(pinned.version!, versions[0]!) : 'other';
    const severity: Severity = diff === 'patch' || diff === 'prerelease' ? 'warning' : 'error';
    out.push(
      check(
        'version-mismatch',
        severity,
        subject,
        locked,
        installedText,
        `${name} is ${installedText} here but ${file.path} locks ${locked}` + (pinned ? ` (${diff} difference)` : ''),
        `reinstall from ${file.path}, or update the lock file if the installed version is the one you tested`,
      ),
    );
  }
  for (const [eco, n] of notChecked) {
    const unknown = cache.get(eco) as Unknown;
    const what = `${n} ${eco} package${n === 1 ? '' : 's'} in ${file.path}`;
    if (unknown.failedFacet) {
      // The same rule compare reports for this facet: fail closed, lowerable by policy.
      const facet = facetById(unknown.failedFacet);
      if (facet) {
        out.push(
          finding(facetStatusRules(facet).notCaptured, {
            subject: `${file.path}:${unknown.failedFacet}`,
            baseline: `${n} package${n === 1 ? '' : 's'} locked`,
            target: `error: ${fp.facets[unknown.failedFacet]?.reason ?? 'missing'}`,
            message: `${what} cannot be checked: ${unknown.why}`,
            hint: `fix the capture of ${unknown.failedFacet} (see the reason) and capture again`,
          }),
        );
        continue;
      }
    }
    out.push(
      check(
        'not-checked',
        unknown.severity,
        `${file.path}:${eco}`,
        `${n} package${n === 1 ? '' : 's'}`,
        null,
        `${what} not checked: ${unknown.why}`,
        'capture the environment the lock file is installed into',
      ),
    );
  }
}

/** Spark and Scala are the JVM artifacts a fingerprint sees installed (jvm facet). */
function checkJvm(fp: Fingerprint, file: LockfileEntry, out: Finding[]): void {
  const jvm = fp.facets.jvm;
  if (jvm?.status !== 'ok') return;
  const loose = getScheme('loose');
  const spark = file.packages.find((p) => /^org\.apache\.spark:spark-core(_[\d.]+)?$/.test(p.name));
  if (spark?.version && jvm.spark?.version) {
    const d = loose.diff(spark.version, jvm.spark.version);
    if (d !== 'none') {
      out.push(
        check(
          'version-mismatch',
          d === 'patch' ? 'warning' : 'error',
          `${file.path}:spark-core`,
          spark.version,
          jvm.spark.version,
          `the build compiles against Spark ${spark.version}, this environment runs Spark ${jvm.spark.version}`,
          'build against the Spark version of the cluster (Spark is "provided": the cluster supplies it)',
        ),
      );
    }
  }
  const runtimeBinary = jvm.spark?.scalaBinaryVersion ?? (jvm.scala?.version ? scalaBinaryVersion(jvm.scala.version) : undefined);
  const builtFor = spark ? /_(\d+(?:\.\d+)?)$/.exec(spark.name)?.[1] : undefined;
  const buildBinary = builtFor ?? (file.meta?.['scalaVersion'] ? scalaBinaryVersion(file.meta['scalaVersion']) : undefined);
  if (runtimeBinary && buildBinary && runtimeBinary !== buildBinary) {
    const cross = (file.meta?.['crossScalaVersions'] ?? '').split(' ').filter(Boolean).map(scalaBinaryVersion);
    const covered = cross.includes(runtimeBinary);
    out.push(
      check(
        'scala-binary-mismatch',
        covered ? 'warning' : 'error',
        `${file.path}:scala`,
        buildBinary,
        runtimeBinary,
        `the build targets Scala ${buildBinary}, this environment's ${jvm.spark?.scalaBinaryVersion ? 'Spark is built for' : 'Scala is'} ${runtimeBinary}` +
          (covered ? ' (crossScalaVersions includes it: publish that cross build)' : ''),
        'Scala 2.x minor versions are binary incompatible: build for the Scala version the runtime uses',
      ),
    );
  }
}

function checkRuntimes(fp: Fingerprint, file: LockfileEntry, out: Finding[]): void {
  const declared = declaredRuntimes(file);
  const r = fp.facets.r;
  if (declared.rVersion && r?.status === 'ok' && r.version) {
    const d = getScheme('r').diff(declared.rVersion, r.version);
    if (d !== 'none') {
      out.push(
        check(
          'r-version-mismatch',
          d === 'patch' ? 'info' : d === 'major' ? 'error' : 'warning',
          `${file.path}:R`,
          declared.rVersion,
          r.version,
          `${file.path} was snapshotted with R ${declared.rVersion}, this environment has R ${r.version} (${d} difference)`,
          'packages with compiled code built for another R minor version need reinstalling',
        ),
      );
    }
  }
  const py = fp.facets.python;
  if (declared.python && py?.status === 'ok' && py.version) {
    const ok = admitsPython(declared.python, py.version);
    if (ok !== true) {
      out.push(
        check(
          'python-version-mismatch',
          ok === false ? 'error' : 'warning',
          `${file.path}:python`,
          declared.python.asWritten,
          py.version,
          ok === false
            ? `${file.path} requires Python ${declared.python.asWritten}, this environment has ${py.version}`
            : `cannot tell whether Python ${py.version} satisfies "${declared.python.asWritten}" that ${file.path} requires (not a constraint envdiff reads)`,
          'use an interpreter inside the range the lock was resolved for',
        ),
      );
    }
  }
  const subdir = condaSubdir(fp);
  const conda = py?.status === 'ok' ? py.conda : undefined;
  const locksConda = file.packages.some((p) => p.ecosystem === 'conda');
  if (declared.condaPlatforms && subdir && locksConda && !declared.condaPlatforms.includes(subdir)) {
    out.push(
      check(
        'platform-not-locked',
        'error',
        `${file.path}:platform`,
        declared.condaPlatforms.join(' '),
        subdir,
        `${file.path} locks ${declared.condaPlatforms.join(', ')}; this environment is ${subdir}, for which it locks nothing`,
        `lock for ${subdir} too (conda-lock -p ${subdir}), or create the environment on a platform the lock lists`,
      ),
    );
  }
  if (declared.condaChannels && conda) {
    const names = new Set(declared.condaChannels.map(channelName));
    const elsewhere = conda.packages.filter((p) => p.channel && !names.has(channelName(p.channel)));
    if (elsewhere.length) {
      const channels = [...new Set(elsewhere.map((p) => p.channel!))].sort();
      out.push(
        check(
          'channel-mismatch',
          'warning',
          `${file.path}:channels`,
          declared.condaChannels.join(' '),
          channels.join(' '),
          `${elsewhere.length} conda package${elsewhere.length === 1 ? ' is' : 's are'} installed from ${channels.join(', ')}, which ${file.path} does not name (it resolves from ${declared.condaChannels.join(', ')})`,
          'create the environment from the lock file’s channels',
        ),
      );
    }
  }
}

/** `https://conda.anaconda.org/conda-forge/` and `conda-forge` name one channel. */
function channelName(channel: string): string {
  return channel
    .trim()
    .replace(/\/+$/, '')
    .replace(/^https?:\/\/(?:conda\.anaconda\.org|repo\.anaconda\.com|conda\.anaconda\.com)\//, '')
    .toLowerCase();
}

/** What one file says about itself: a build mixing Scala binary versions, a package pinned twice. */
function checkConsistency(file: LockfileEntry, out: Finding[]): void {
  const mix = scalaSuffixMix(file.packages);
  if (mix) out.push(scalaMixFinding(file.path, mix, `${file.path}:scala`));
  for (const dup of pinnedTwice(file)) out.push(pinnedTwiceFinding(file.path, dup, `${file.path}:${dup.name}`));
}

export function checkLockfiles(fp: Fingerprint): Finding[] {
  const facet = fp.facets.lockfiles;
  if (facet?.status !== 'ok') return [];
  const out: Finding[] = [];
  for (const file of facet.files ?? []) {
    if (file.status !== 'ok') {
      out.push(
        check(
          'unreadable',
          'error',
          file.path,
          null,
          null,
          file.reason ?? `${file.path} could not be read`,
          'fix or regenerate the lock file; nothing in it was checked',
        ),
      );
      continue;
    }
    if (file.problems?.length) {
      const first = file.problems[0]!;
      out.push(
        check(
          'unparsed-lines',
          'info',
          file.path,
          `${file.problems.length} line${file.problems.length === 1 ? '' : 's'}`,
          null,
          `${file.problems.length} entr${file.problems.length === 1 ? 'y' : 'ies'} of ${file.path} not checked; first: line ${first.line}: ${first.message}`,
          'see the problems list of this file in the fingerprint',
        ),
      );
    }
    checkPackages(fp, file, out);
    checkJvm(fp, file, out);
    checkRuntimes(fp, file, out);
    checkConsistency(file, out);
  }
  return sortFindings(out);
}
