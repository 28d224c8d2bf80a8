// Python rules: interpreter and ABI first (a cp311 wheel does not import on 3.10), then packages.
import type { Finding, PythonFacet } from '../../core/types.js';
import { comparePackageSets } from '../shared/package-sets.js';
import { getScheme } from '../../versioning/index.js';
import { compareCudaWorkload } from '../gpu/rules.js';
import { makeFinding } from '../rule-helpers.js';
import type { CompareContext } from '../types.js';

export function comparePython(baseline: PythonFacet, target: PythonFacet, ctx: CompareContext): Finding[] {
  const findings: Finding[] = [...compareInterpreter(baseline, target)];
  findings.push(
    ...comparePackageSets({ facet: 'python', ecosystem: 'pypi', baseline: baseline.packages ?? [], target: target.packages ?? [] }),
  );
  findings.push(...compareConda(baseline, target));
  // Cross-facet (baseline Python's CUDA builds vs the target GPU): runs here when both Pythons
  // are ok, and from compareGpu otherwise, so that it runs exactly once.
  findings.push(...compareCudaWorkload(ctx));
  return findings;
}

function compareInterpreter(baseline: PythonFacet, target: PythonFacet): Finding[] {
  const findings: Finding[] = [];
  const implA = baseline.implementation;
  const implB = target.implementation;
  if (implA !== undefined && implB !== undefined && implA !== implB) {
    findings.push(
      makeFinding({
        ruleId: 'python/implementation',
        severity: 'error',
        facet: 'python',
        subject: 'python',
        baseline: implA,
        target: implB,
        message: `Python implementation differs: ${implA} here, ${implB} there; compiled extensions are built per implementation`,
        hint: `use ${implA} on the target`,
      }),
    );
  }
  const va = baseline.version;
  const vb = target.version;
  let sameLine = false;
  if (va !== undefined && vb !== undefined) {
    const diff = va === vb ? 'none' : getScheme('pep440').diff(va, vb);
    sameLine = diff !== 'major' && diff !== 'minor';
    if (diff === 'major' || diff === 'minor') {
      findings.push(
        makeFinding({
          ruleId: diff === 'major' ? 'python/major-version' : 'python/minor-version',
          severity: 'error',
          facet: 'python',
          subject: 'python',
          baseline: va,
          target: vb,
          message:
            diff === 'major'
              ? `Python ${va} here, ${vb} there: Python 2 and 3 code and packages are not interchangeable`
              : `Python ${va} here, ${vb} there: compiled wheels are built per minor version (${abiOf(baseline, va)} vs ${abiOf(target, vb)}) and language features differ`,
          hint: `install Python ${minorOf(va)} on the target (e.g. python:${minorOf(va)}-slim or uv python install ${minorOf(va)})`,
        }),
      );
    } else if (diff !== 'none') {
      findings.push(
        makeFinding({
          ruleId: 'python/patch-version',
          severity: 'info',
          facet: 'python',
          subject: 'python',
          baseline: va,
          target: vb,
          message: `Python patch release differs: ${va} here, ${vb} there (bug and security fixes, same ABI)`,
          hint: 'nothing to do; pin the patch release if you need bit-exact reproduction',
        }),
      );
    }
  }
  // Same major.minor but another ABI: free-threaded cp313t, debug builds (d), Python 2 narrow/wide unicode (mu).
  const abiA = baseline.abi;
  const abiB = target.abi;
  if ((sameLine || va === undefined || vb === undefined) && abiA !== undefined && abiB !== undefined && abiA !== abiB && implA === implB) {
    findings.push(
      makeFinding({
        ruleId: 'python/abi',
        severity: 'error',
        facet: 'python',
        subject: 'python abi',
        baseline: abiA,
        target: abiB,
        message: `Python ABI differs: ${abiA} here, ${abiB} there; compiled extensions built for one do not load in the other`,
        hint: `use a ${abiA} interpreter on the target (e.g. not the free-threaded or debug build)`,
      }),
    );
  }
  return findings;
}

function minorOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

function abiOf(facet: PythonFacet, version: string): string {
  return facet.abi ?? `cp${version.split('.').slice(0, 2).join('')}`;
}

/**
 * Conda packages compared by name and version (compat-facts.md §5: build strings are platform
 * specific, conda#7311). Only when both sides are conda environments: a conda env against a venv
 * is already visible as different installers of the pypi packages.
 */
function compareConda(baseline: PythonFacet, target: PythonFacet): Finding[] {
  const a = baseline.conda;
  const b = target.conda;
  if (a && b) {
    return comparePackageSets({ facet: 'python', ecosystem: 'conda', baseline: a.packages, target: b.packages });
  }
  if (a && !b) {
    return [
      makeFinding({
        ruleId: 'python/conda-env',
        severity: 'warning',
        facet: 'python',
        subject: 'conda',
        baseline: `conda env (${a.packages.length} packages)`,
        target: 'no conda env',
        message: `Python runs in a conda environment here but not on the target: conda-only packages (MKL, cudatoolkit, compilers) are missing there`,
        hint: 'recreate the environment on the target from environment.yml / conda-lock, or install the same libraries another way',
      }),
    ];
  }
  return [];
}
