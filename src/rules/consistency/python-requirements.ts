// `pip check`, done from the fingerprint: every installed distribution's Requires-Dist (captured by
// the python probe, markers as written) must be satisfied by what is installed. The semantics are
// pip's own (pip/_internal/operations/check.py, `check_package_set`): markers are evaluated with
// `extra` empty, so requirements of extras never count; a requirement whose marker does not hold
// here is skipped; versions match with pre-releases allowed. On top of pip, a NumPy requirement
// that an installed NumPy of the other major breaks is reported as what it is: an ABI break
// (https://numpy.org/doc/stable/numpy_2_0_migration_guide.html).
import { defineRules, finding, type Finding } from '../../core/findings.js';
import type { Fingerprint } from '../../facets/index.js';
import { parseRequirement } from '../../facets/python/lockfiles/pep508.js';
import { packageSetRules } from '../../facets/shared/package-rules.js';
import type { PythonPackage } from '../../facets/python/types.js';
import { pep440 } from '../../versioning/pep440/index.js';
import { evaluateMarker, markerEnvironment } from '../pep508-markers.js';
import type { ConsistencyRule } from './types.js';

const PIP_CHECK = 'pip check (https://pip.pypa.io/en/stable/cli/pip_check/)';

export const PYTHON_REQUIREMENT_RULES = defineRules('python', {
  'requirement-missing': {
    severity: 'error',
    title: 'An installed package requires a package that is not installed',
    help: 'Its Requires-Dist names a distribution this environment lacks (markers evaluated for this interpreter, extras not counted), as `pip check` reports it: importing it fails with ModuleNotFoundError. Install the missing distribution, or reinstall the package with its dependencies.',
    reads: ['python', 'os', 'kernel'],
    source: PIP_CHECK,
  },
  'requirement-conflict': {
    severity: 'error',
    title: 'An installed package requires another version of an installed package',
    help: 'Its Requires-Dist excludes the version installed here, as `pip check` reports it: it may fail at import or misbehave. Install a version inside the range, or a version of the package that accepts the installed one.',
    reads: ['python', 'os', 'kernel'],
    source: PIP_CHECK,
  },
});

/** `python/numpy-abi`, the rule `compare` reports NumPy 1 ↔ 2 with (src/facets/shared/package-rules.ts): one rule, both commands. */
const NUMPY_ABI = packageSetRules('python').find((r) => r.id === 'python/numpy-abi')!;

/** Does the range admit some release of NumPy `major` (the first and last releases of a major line, and the typical ones)? */
function admitsMajor(spec: string, major: number): boolean {
  return [`${major}.0.0`, `${major}.0.2`, `${major}.22.4`, `${major}.26.4`, `${major}.99.99`].some((v) => pep440.matches(v, spec) === true);
}

/** 1 or 2 when the range admits only that NumPy major, undefined otherwise. */
function numpyMajorOf(spec: string): number | undefined {
  const one = admitsMajor(spec, 1);
  const two = admitsMajor(spec, 2);
  return one && !two ? 1 : two && !one ? 2 : undefined;
}

function checkPackage(
  pkg: PythonPackage,
  installed: ReadonlyMap<string, string>,
  env: Record<string, string | undefined>,
  out: Finding[],
): void {
  for (const text of pkg.requires ?? []) {
    const req = parseRequirement(text);
    if (typeof req === 'string') continue; // pip reports unreadable metadata separately; nothing to judge here
    // pip evaluates markers with extra="": requirements of extras never count.
    if (req.marker !== undefined && evaluateMarker(req.marker, env) !== true) continue;
    const dep = req.name.toLowerCase().replace(/[-_.]+/g, '-');
    const subject = `${pkg.name} → ${dep}`;
    const have = installed.get(dep);
    if (have === undefined) {
      out.push(
        finding(PYTHON_REQUIREMENT_RULES['requirement-missing'], {
          subject,
          baseline: text,
          target: null,
          message: `${pkg.name} ${pkg.version} requires ${dep}, which is not installed (Requires-Dist: ${text})`,
          hint: `install it: pip install "${req.specifier ? `${dep}${req.specifier}` : dep}"`,
        }),
      );
      continue;
    }
    if (req.specifier === '' || pep440.matches(have, req.specifier) !== false) continue;
    const wanted = dep === 'numpy' ? numpyMajorOf(req.specifier) : undefined;
    const haveMajor = pep440.release(have)?.[0];
    if (wanted !== undefined && haveMajor !== undefined && haveMajor !== wanted && (haveMajor === 1 || haveMajor === 2)) {
      out.push(
        finding(NUMPY_ABI, {
          subject,
          baseline: text,
          target: `numpy ${have}`,
          message:
            wanted === 1
              ? `${pkg.name} ${pkg.version} requires numpy${req.specifier}: it was built against NumPy 1.x, and NumPy ${have} is installed — its compiled modules fail to import ("A module that was compiled using NumPy 1.x cannot be run in NumPy ${have}")`
              : `${pkg.name} ${pkg.version} requires numpy${req.specifier}: it was built for NumPy 2, and NumPy ${have} is installed — it fails to import or uses NumPy 2 API that 1.x lacks`,
          hint:
            wanted === 1
              ? `pin NumPy 1 (pip install "numpy${req.specifier}"), or upgrade ${pkg.name} to a release built for NumPy 2`
              : `upgrade NumPy (pip install "numpy${req.specifier}"), or install a release of ${pkg.name} that supports NumPy 1`,
        }),
      );
      continue;
    }
    out.push(
      finding(PYTHON_REQUIREMENT_RULES['requirement-conflict'], {
        subject,
        baseline: text,
        target: `${dep} ${have}`,
        message: `${pkg.name} ${pkg.version} has requirement ${text}, but ${dep} ${have} is installed`,
        hint: `install a version inside the range (pip install "${dep}${req.specifier}"), or a release of ${pkg.name} that accepts ${dep} ${have}`,
      }),
    );
  }
}

export function checkPythonRequirements(fp: Fingerprint): Finding[] {
  const py = fp.facets.python;
  if (py?.status !== 'ok') return [];
  const installed = new Map((py.packages ?? []).map((p) => [p.name, p.version]));
  const env = { ...markerEnvironment(fp), extra: '' };
  const out: Finding[] = [];
  for (const pkg of py.packages ?? []) checkPackage(pkg, installed, env, out);
  return out;
}

export const pythonRequirements: ConsistencyRule = {
  name: 'python-requirements',
  catalog: Object.values(PYTHON_REQUIREMENT_RULES),
  run: checkPythonRequirements,
};
