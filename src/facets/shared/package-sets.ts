// Package-set rules shared by the python (pip, conda), r and system facets: what is missing, what
// moved and how far, graded with the ecosystem's own version scheme.
//
// Grading (rule ids `<facet>/package-…`):
//   missing on target → error · extra on target → info
//   major → error · minor → warning · patch → info · pre-release → warning · ungradable → warning
//   0.x minor bump → error (package-major): SemVer §4 says anything may change before 1.0, and
//     npm's caret (^0.4 = <0.5) and most 0.x ML libraries (jax, safetensors, tokenizers) treat the
//     minor as the breaking number; PEP 440 gives versions no meaning, so we follow that practice.
//   PyTorch-style accelerator labels (+cu121 vs +cpu) → error whatever else (src/data/accelerator-labels.ts)
//   NumPy 1 ↔ 2 → error `python/numpy-abi` (see numpyAbiFinding)
//   system packages → info for everything, except the libraries ML code loads
//     (./ml-system-libraries.ts), which are graded as above.
// Findings come out sorted by package name; identical version strings cost one string compare,
// so thousands of packages compare in a few milliseconds.
import { finding as buildFinding, type Finding, type RuleDef, type Severity } from '../../core/findings.js';
import { normalizePypiName } from '../../core/names.js';
import { byCodeUnit } from '../../core/text.js';
import { ACCELERATOR_LABEL, describeLabel, PYTORCH_PACKAGES } from '../../data/accelerator-labels.js';
import { isMlSystemLibrary } from '../../data/ml-system-libraries.js';
import { schemeForEcosystem } from '../../versioning/index.js';
import { localLabel } from '../../versioning/pep440/index.js';
import type { VersionDiff, VersionScheme } from '../../versioning/types.js';
import { rulesOf, type PackageRuleFacet as Facet, type PackageRuleName } from './package-rules.js';

export { packageSetRules } from './package-rules.js';

export interface PackageLike {
  name: string;
  version: string;
}

export type PackageEcosystem = 'pypi' | 'conda' | 'cran' | 'dpkg' | 'rpm' | 'apk' | 'brew';

interface Context {
  facet: Facet;
  ecosystem: PackageEcosystem;
  scheme: VersionScheme;
  rules: Readonly<Record<PackageRuleName, RuleDef>>;
}

export function comparePackageSets(opts: {
  facet: Facet;
  ecosystem: PackageEcosystem;
  baseline: readonly PackageLike[];
  target: readonly PackageLike[];
}): Finding[] {
  const ctx: Context = {
    facet: opts.facet,
    ecosystem: opts.ecosystem,
    scheme: schemeForEcosystem(opts.ecosystem),
    rules: rulesOf(opts.facet),
  };
  const base = indexPackages(opts.baseline, ctx);
  const target = indexPackages(opts.target, ctx);
  const names = [...new Set([...base.keys(), ...target.keys()])].sort(byCodeUnit);
  const findings: Finding[] = [];
  const missing: PackageLike[] = [];
  for (const key of names) {
    const b = base.get(key);
    const t = target.get(key);
    let finding: Finding | null;
    if (b && t) finding = b.version === t.version ? null : versionFinding(b.name, b.version, t.version, ctx);
    else if (b) {
      finding = missingFinding(b, ctx);
      missing.push(b);
    } else finding = extraFinding(t as PackageLike, ctx);
    if (finding) findings.push(finding);
  }
  // Many packages missing with the same interpreter: one command for all of them, not one each.
  // (When the interpreter differs, src/rules/causality.ts replaces these hints: pins made for
  // one Python may not install on another.)
  if (ctx.ecosystem === 'pypi' && missing.length > 1) {
    const hint = batchInstallHint(missing);
    return findings.map((f) => (f.ruleId === ctx.rules['package-missing'].id ? { ...f, hint } : f));
  }
  return findings;
}

// A `pip install` line of more requirements than this many characters is not something a person
// copies from a report: past it, the hint names the requirements file instead.
const PIP_LINE_MAX = 160;
// What a requirement may hold to be quoted safely in a shell line: PEP 503 names, PEP 440 versions.
const SHELL_SAFE = /^[A-Za-z0-9._+!-]+$/;

function batchInstallHint(missing: readonly PackageLike[]): string {
  const safe = missing.every((p) => SHELL_SAFE.test(p.name) && SHELL_SAFE.test(p.version));
  const line = `pip install ${missing.map((p) => `'${p.name}==${p.version}'`).join(' ')}`;
  if (safe && line.length <= PIP_LINE_MAX) return `Install the ${missing.length} missing packages in one step: ${line}`;
  return `Install the ${missing.length} missing packages in one step, from the baseline's own list: pip install --no-deps -r envdiff-requirements.txt (\`envdiff dockerfile\` writes that file from the baseline fingerprint, every package at the baseline's version)`;
}

/**
 * The finding comparePackageSets reports for one package at two versions (null when they are the
 * same version): lock file pins are graded by it, so that a pin moves with the same severity as
 * an installed package would (NumPy 1 → 2 is an error with the ABI explanation, a patch is info).
 */
export function gradeVersionChange(opts: {
  facet: Facet;
  ecosystem: PackageEcosystem;
  name: string;
  baseline: string;
  target: string;
}): Finding | null {
  if (opts.baseline === opts.target) return null;
  return versionFinding(opts.name, opts.baseline, opts.target, {
    facet: opts.facet,
    ecosystem: opts.ecosystem,
    scheme: schemeForEcosystem(opts.ecosystem),
    rules: rulesOf(opts.facet),
  });
}

// PEP 503 normalization, in case a caller passes names as pip prints them (Pillow, ruamel.yaml).
function packageKey(name: string, ecosystem: PackageEcosystem): string {
  return ecosystem === 'pypi' ? normalizePypiName(name) : name;
}

/** Name → package; when a name appears twice (two install locations) the higher version wins. */
function indexPackages(packages: readonly PackageLike[], ctx: Context): Map<string, PackageLike> {
  const index = new Map<string, PackageLike>();
  for (const p of packages) {
    const key = packageKey(p.name, ctx.ecosystem);
    const seen = index.get(key);
    if (!seen || ctx.scheme.compare(p.version, seen.version) > 0) index.set(key, p);
  }
  return index;
}

/** True when this package's version differences should be graded rather than reported as info. */
function graded(name: string, ctx: Context): boolean {
  return ctx.facet !== 'system' || isMlSystemLibrary(name);
}

function finding(
  ctx: Context,
  rule: PackageRuleName,
  severity: Severity,
  subject: string,
  baseline: string | null,
  target: string | null,
  message: string,
  hint: string,
): Finding {
  return buildFinding(ctx.rules[rule], { severity, subject, baseline, target, message, hint });
}

function missingFinding(p: PackageLike, ctx: Context): Finding {
  const severity: Severity = graded(p.name, ctx) ? 'error' : 'info';
  return finding(
    ctx,
    'package-missing',
    severity,
    p.name,
    p.version,
    null,
    `${p.name} ${p.version} is installed on the baseline but not on the target.`,
    `Install it on the target: ${installCommand(ctx.ecosystem, p.name, p.version)}`,
  );
}

function extraFinding(p: PackageLike, ctx: Context): Finding {
  return finding(
    ctx,
    'package-extra',
    'info',
    p.name,
    null,
    p.version,
    `${p.name} ${p.version} is installed on the target but not on the baseline.`,
    'Usually harmless; remove it from the target if the two environments must match exactly.',
  );
}

function versionFinding(name: string, bv: string, tv: string, ctx: Context): Finding | null {
  const { scheme } = ctx;
  const python = ctx.ecosystem === 'pypi' || ctx.ecosystem === 'conda';
  if (python) {
    const special = numpyAbiFinding(name, bv, tv, ctx) ?? acceleratorFinding(name, bv, tv, ctx);
    if (special) return special;
  }
  const diff = scheme.diff(bv, tv);
  if (diff === 'none') return null; // different spellings of one version (1.0 vs 1.0.0)
  const between = `${name} is ${bv} on the baseline but ${tv} on the target`;
  const direction = scheme.compare(bv, tv) < 0 ? 'newer' : 'older';
  const pin = `Pin the baseline's version on the target: ${installCommand(ctx.ecosystem, name, bv)}`;
  const isGraded = graded(name, ctx);
  const sev = (s: Severity): Severity => (isGraded ? s : 'info');
  const initialDevelopment = diff === 'minor' && scheme.release(bv)?.[0] === 0 && scheme.release(tv)?.[0] === 0;
  const describe: Record<VersionDiff, () => Finding> = {
    major: () =>
      finding(
        ctx,
        'package-major',
        sev('error'),
        name,
        bv,
        tv,
        `${between}: a different major version (${direction} on the target), which usually removes or changes APIs.`,
        pin,
      ),
    minor: () =>
      initialDevelopment
        ? finding(
            ctx,
            'package-major',
            sev('error'),
            name,
            bv,
            tv,
            `${between}: before 1.0 a minor release may break the API (SemVer §4), so this counts as a major change.`,
            pin,
          )
        : finding(
            ctx,
            'package-minor',
            sev('warning'),
            name,
            bv,
            tv,
            `${between}: a different minor version (${direction} on the target); features and defaults may differ.`,
            pin,
          ),
    patch: () =>
      finding(
        ctx,
        'package-patch',
        'info',
        name,
        bv,
        tv,
        `${between}: a patch-level difference (${direction} on the target), normally bug fixes only.`,
        `For identical results, ${pin.charAt(0).toLowerCase()}${pin.slice(1)}`,
      ),
    prerelease: () =>
      finding(
        ctx,
        'package-prerelease',
        sev('warning'),
        name,
        bv,
        tv,
        `${between}: the same release at a different pre-release stage (alpha, beta, rc or dev), which may behave differently from the final release.`,
        pin,
      ),
    local: () =>
      finding(
        ctx,
        'package-local-label',
        sev('warning'),
        name,
        bv,
        tv,
        `${between}: the same release with a different local build label, e.g. a locally built or patched copy.`,
        pin,
      ),
    other: () =>
      finding(ctx, 'package-changed', sev('warning'), name, bv, tv, `${between}; envdiff cannot tell how large this change is.`, pin),
    none: () => finding(ctx, 'package-changed', 'info', name, bv, tv, between, pin),
  };
  return describe[diff]();
}

// NumPy 2 changed the C ABI: extensions compiled against NumPy 1.x fail to import under 2.x ("A
// module that was compiled using NumPy 1.x cannot be run in NumPy 2.0.0 as it may crash",
// jupyter/notebook#7522), and extensions built against 2.x need at least 1.22.4 the other way
// (darshan-hpc/darshan#982). Either direction is a hard break for compiled packages.
function numpyAbiFinding(name: string, bv: string, tv: string, ctx: Context): Finding | null {
  if (name.toLowerCase() !== 'numpy') return null;
  const bm = ctx.scheme.release(bv)?.[0];
  const tm = ctx.scheme.release(tv)?.[0];
  if (bm === undefined || tm === undefined || bm === tm || Math.min(bm, tm) !== 1 || Math.max(bm, tm) < 2) return null;
  const toTwo = tm >= 2;
  return finding(
    ctx,
    'numpy-abi',
    'error',
    name,
    bv,
    tv,
    toTwo
      ? `numpy is ${bv} on the baseline but ${tv} on the target. NumPy 2 changed its binary interface: packages with compiled code built for NumPy 1.x (older pandas, scikit-learn, SciPy, PyTorch, OpenCV wheels…) fail to import with "A module that was compiled using NumPy 1.x cannot be run in NumPy 2".`
      : `numpy is ${bv} on the baseline but ${tv} on the target. Packages built for NumPy 2 need its newer API and binary interface, so compiled packages from the baseline may fail to import or behave differently on NumPy 1.x.`,
    `Install numpy ${bv} on the target (${installCommand(ctx.ecosystem, 'numpy', bv)}), or reinstall every package with compiled code in versions built for NumPy ${tm}.`,
  );
}

function acceleratorFinding(name: string, bv: string, tv: string, ctx: Context): Finding | null {
  const bl = localLabel(bv);
  const tl = localLabel(tv);
  if (bl === tl) return null;
  if (!(bl !== null && ACCELERATOR_LABEL.test(bl)) && !(tl !== null && ACCELERATOR_LABEL.test(tl))) return null;
  const key = name.toLowerCase();
  const hint =
    PYTORCH_PACKAGES.has(key) && bl !== null && ctx.ecosystem === 'pypi'
      ? `Install the baseline's build on the target: pip install "${name}==${bv}" --index-url https://download.pytorch.org/whl/${bl}`
      : `Install the baseline's build on the target: ${installCommand(ctx.ecosystem, name, bv)}`;
  return finding(
    ctx,
    'package-local-label',
    'error',
    name,
    bv,
    tv,
    `${name} is ${bv} on the baseline but ${tv} on the target: a different build (${describeLabel(bl)} vs ${describeLabel(tl)}). GPU code will not run the same way, or not at all.`,
    hint,
  );
}

function installCommand(ecosystem: PackageEcosystem, name: string, version: string): string {
  switch (ecosystem) {
    case 'pypi':
      return `pip install "${name}==${version}"`;
    case 'conda':
      return `conda install "${name}==${version}"`;
    case 'cran':
      return `Rscript -e 'remotes::install_version("${name}", version = "${version}")'`;
    case 'dpkg':
      return `apt-get install ${name}=${version}`;
    case 'rpm':
      return `dnf install ${name}-${version}`;
    case 'apk':
      return `apk add ${name}=${version}`;
    case 'brew':
      return `brew install ${name} (Homebrew installs the current ${name}; the baseline has ${version})`;
  }
}
