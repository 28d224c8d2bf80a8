// Installed wheels against the interpreter and the machine they are installed on: the WHEEL file's
// tags (captured by the python probe) judged by src/rules/wheel-compat.ts, which `compare` shares.
// A wheel none of whose tags this interpreter supports is what pip ≥ 24.1's `pip check` reports as
// "is not supported on this platform"; a copied site-packages, `pip install --target --platform …`
// or a venv moved to another machine leave such wheels behind.
import { defineRules, finding, type Finding } from '../../core/findings.js';
import type { Fingerprint } from '../../facets/index.js';
import { interpreterOf, machineOf, wheelProblem, WHEEL_RULES } from '../wheel-compat.js';
import type { ConsistencyRule } from './types.js';

const TAGS = 'https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/';

export const WHEEL_TAG_RULES = defineRules('python', {
  'wheel-python-mismatch': {
    severity: 'error',
    title: 'An installed wheel is built for another Python',
    help: 'None of its tags names this interpreter: a cp310 wheel in Python 3.11 (its extension modules are not even looked for), a cp312-abi3 wheel on 3.11 (the stable ABI only runs on the version it names and newer), a PyPy wheel on CPython. Reinstall the package with this interpreter’s pip.',
    reads: ['python'],
    source: TAGS,
  },
  'wheel-platform-mismatch': {
    severity: 'error',
    title: 'An installed wheel is built for another platform',
    help: 'None of its tags names this machine: another CPU architecture (aarch64 on x86_64), another operating system (a macOS or Windows wheel on Linux), or a newer macOS than this one. Its compiled modules cannot load. Reinstall the package on this machine.',
    reads: ['python', 'os'],
    source: TAGS,
  },
});

export function checkWheelTags(fp: Fingerprint): Finding[] {
  const py = fp.facets.python;
  if (py?.status !== 'ok') return [];
  const it = interpreterOf(py);
  if (it === undefined) return [];
  const os = fp.facets.os?.status === 'ok' ? fp.facets.os : undefined;
  const machine = machineOf(os);
  const out: Finding[] = [];
  // One finding per wheel, like pip check's "is not supported on this platform"; the libc ones
  // under the rules `compare` reports them with (os/glibc-too-old-for-wheels, os/wheel-libc-mismatch).
  for (const pkg of py.packages ?? []) {
    if (pkg.tags === undefined) continue;
    const problem = wheelProblem(pkg.tags, it, machine);
    if (problem === undefined) continue;
    const rule =
      problem.kind === 'python'
        ? WHEEL_TAG_RULES['wheel-python-mismatch']
        : problem.kind === 'platform'
          ? WHEEL_TAG_RULES['wheel-platform-mismatch']
          : problem.kind === 'libc-version'
            ? WHEEL_RULES['glibc-too-old-for-wheels']
            : WHEEL_RULES['wheel-libc-mismatch'];
    const libc = os?.libc === undefined ? undefined : `${os.libc.family}${os.libc.version === undefined ? '' : ` ${os.libc.version}`}`;
    out.push(
      finding(rule, {
        subject: pkg.name,
        baseline: pkg.tags.join(' '),
        target:
          problem.kind === 'python'
            ? `${py.implementation ?? 'Python'} ${py.version ?? ''} (${py.abi ?? '?'})`
            : problem.kind === 'platform'
              ? `${os?.name ?? '?'} ${os?.arch ?? '?'}`
              : (libc ?? '?'),
        message: `${pkg.name} ${pkg.version} is not supported here: ${problem.why}`,
        hint:
          problem.kind === 'libc-version'
            ? `install a release of ${pkg.name} with wheels for this ${problem.need.family}, or run on a newer system`
            : `reinstall it with this interpreter's pip on this machine (python -m pip install --force-reinstall "${pkg.name}==${pkg.version}")`,
      }),
    );
  }
  return out;
}

export const wheelTags: ConsistencyRule = {
  name: 'wheel-tags',
  catalog: Object.values(WHEEL_TAG_RULES),
  run: checkWheelTags,
};
