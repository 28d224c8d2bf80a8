// Python rules: interpreter and ABI first (a cp311 wheel does not import on 3.10), then packages.
// (The CUDA builds installed here against the target's GPU read the gpu facet too:
// src/rules/cross-facet/cuda-stack.ts.)
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { getScheme } from '../../versioning/index.js';
import type { CompareContext } from '../types.js';
import type { PythonFacet } from './types.js';
import { comparePackageSets, packageSetRules } from '../shared/package-sets.js';
import { pushAll } from '../../core/arrays.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const PYTHON_RULES = defineRules('python', {
  implementation: {
    severity: 'error',
    title: 'Python implementation differs (CPython, PyPy)',
    help: 'Compiled extensions are built per implementation: a CPython wheel does not load in PyPy. Use the baseline’s implementation on the target.',
  },
  'major-version': {
    severity: 'error',
    title: 'Python major version differs',
    help: 'Python 2 and 3 code and packages are not interchangeable.',
  },
  'minor-version': {
    severity: 'error',
    title: 'Python minor version differs',
    help: 'Compiled wheels are built per minor version (cp311 vs cp310), and language features and the standard library differ. Install the baseline’s minor version on the target.',
  },
  'patch-version': {
    severity: 'info',
    title: 'Python patch release differs',
    help: 'Bug and security fixes with the same ABI; pin the patch release only for bit-exact reproduction.',
  },
  abi: {
    severity: 'error',
    title: 'Python ABI differs within one version',
    help: 'The free-threaded build (cp313t), debug builds and Python 2’s narrow/wide unicode builds (cp27m/cp27mu) load different compiled extensions.',
  },
  'conda-env': {
    severity: 'warning',
    title: 'Baseline runs in a conda environment, the target does not',
    help: 'Conda-only packages (MKL, cudatoolkit, compilers) are missing on the target. Recreate the environment there from environment.yml or conda-lock.',
  },
});

/** Every rule the python facet reports. */
export const PYTHON_CATALOG = [...Object.values(PYTHON_RULES), ...packageSetRules('python')];

export function comparePython(baseline: PythonFacet, target: PythonFacet, _ctx: CompareContext): Finding[] {
  const findings: Finding[] = [...compareInterpreter(baseline, target)];
  pushAll(
    findings,
    comparePackageSets({ facet: 'python', ecosystem: 'pypi', baseline: baseline.packages ?? [], target: target.packages ?? [] }),
  );
  pushAll(findings, compareConda(baseline, target));
  return findings;
}

function compareInterpreter(baseline: PythonFacet, target: PythonFacet): Finding[] {
  const findings: Finding[] = [];
  const implA = baseline.implementation;
  const implB = target.implementation;
  if (implA !== undefined && implB !== undefined && implA !== implB) {
    findings.push(
      finding(PYTHON_RULES.implementation, {
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
        finding(diff === 'major' ? PYTHON_RULES['major-version'] : PYTHON_RULES['minor-version'], {
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
        finding(PYTHON_RULES['patch-version'], {
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
      finding(PYTHON_RULES.abi, {
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
 * Conda packages compared by name and version: build strings are platform specific
 * (https://github.com/conda/conda/issues/7311). Only when both sides are conda environments: a conda env against a venv
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
      finding(PYTHON_RULES['conda-env'], {
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
