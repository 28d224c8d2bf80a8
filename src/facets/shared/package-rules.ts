// The package-set rules' declarations (`<facet>/package-missing` … and `python/numpy-abi`), apart
// from their judgment (./package-sets.ts) so that a command that only reports them — `envdiff
// check` reports `python/numpy-abi` — does not load every version scheme to get their ids.
import { defineRules, type RuleDef } from '../../core/findings.js';

export type PackageRuleFacet = 'python' | 'r' | 'system';
type Facet = PackageRuleFacet;

export type PackageRuleName =
  | 'package-missing'
  | 'package-extra'
  | 'package-major'
  | 'package-minor'
  | 'package-patch'
  | 'package-prerelease'
  | 'package-local-label'
  | 'package-changed'
  | 'numpy-abi';

const packageRuleSpecs = (what: string) =>
  ({
    'package-missing': {
      severity: 'error',
      title: `${what} installed on the baseline is missing on the target`,
      help: 'Code that imports it fails on the target. For system packages this is info, except for the libraries ML code loads (libc6, libstdc++6, libgomp1, CUDA, cuDNN…).',
    },
    'package-extra': {
      severity: 'info',
      title: `${what} installed only on the target`,
      help: 'Usually harmless; remove it from the target if the two environments must match exactly.',
    },
    'package-major': {
      severity: 'error',
      title: `${what} major version differs`,
      help: 'A major release usually removes or changes APIs. Before 1.0 a minor release counts as major (SemVer §4; most 0.x ML libraries break in minor releases).',
    },
    'package-minor': {
      severity: 'warning',
      title: `${what} minor version differs`,
      help: 'Features and defaults may differ between minor releases.',
    },
    'package-patch': {
      severity: 'info',
      title: `${what} patch version differs`,
      help: 'Normally bug fixes only; pin the baseline’s version for identical results.',
    },
    'package-prerelease': {
      severity: 'warning',
      title: `${what} pre-release stage differs`,
      help: 'The same release at another alpha, beta, rc or dev stage may behave differently from the final release.',
    },
    'package-local-label': {
      severity: 'warning',
      title: `${what} build label differs`,
      help: 'The same release with another local label (PEP 440 `+label`): a locally built or patched copy. An error when the label names an accelerator build (+cu121 vs +cpu): GPU code will not run the same way, or not at all.',
    },
    'package-changed': {
      severity: 'warning',
      title: `${what} version differs by an amount envdiff cannot grade`,
      help: 'The versions do not follow a scheme envdiff can grade; check the change log.',
    },
    'numpy-abi': {
      severity: 'error',
      title: 'NumPy 1 vs NumPy 2',
      help: 'NumPy 2 changed its C ABI: extensions compiled against NumPy 1.x fail to import under 2.x ("A module that was compiled using NumPy 1.x cannot be run in NumPy 2"), and extensions built against 2.x need at least 1.22.4 the other way.',
      source: 'https://numpy.org/doc/stable/numpy_2_0_migration_guide.html',
    },
  }) as const;

const PACKAGE_KIND: Readonly<Record<Facet, string>> = { python: 'Python package', r: 'R package', system: 'System package' };

const RULES_BY_FACET = new Map<Facet, Readonly<Record<PackageRuleName, RuleDef>>>();

/**
 * The package rules a facet reports through comparePackageSets: `<facet>/package-missing` and the
 * rest. NumPy's ABI rule applies to Python's ecosystems only.
 */
export function packageSetRules(facet: Facet): readonly RuleDef[] {
  const all = rulesOf(facet);
  return Object.values(all).filter((r) => facet === 'python' || r.id !== `${facet}/numpy-abi`);
}

export function rulesOf(facet: Facet): Readonly<Record<PackageRuleName, RuleDef>> {
  let rules = RULES_BY_FACET.get(facet);
  if (!rules) {
    rules = defineRules(facet, packageRuleSpecs(PACKAGE_KIND[facet]));
    RULES_BY_FACET.set(facet, rules);
  }
  return rules;
}
