import type { LockKindDef } from '../shared/lockfile.js';
import type { FacetModule } from '../types.js';
import { comparePython, PYTHON_CATALOG } from './rules.js';
import type { PythonFacet } from './types.js';

// The Python ecosystem's lock file kinds (pip, Poetry, Pipenv, uv, PDM, conda), tried in this
// order: the first whose name matches wins. Parsers load on demand (they need TOML and YAML).
const PYTHON_LOCK_KINDS: readonly LockKindDef[] = [
  // An MLflow model directory: its MLmodel reads conda.yaml, python_env.yaml and requirements.txt beside it.
  {
    kind: 'mlflow-model',
    matches: (b) => b === 'MLmodel',
    load: async () => (await import('./lockfiles/mlflow-model.js')).parseMlflowModel,
  },
  { kind: 'poetry.lock', matches: (b) => b === 'poetry.lock', load: async () => (await import('./lockfiles/poetry.js')).parsePoetryLock },
  {
    kind: 'pipfile.lock',
    matches: (b) => b === 'Pipfile.lock',
    load: async () => (await import('./lockfiles/pipfile.js')).parsePipfileLock,
  },
  { kind: 'uv.lock', matches: (b) => b === 'uv.lock', load: async () => (await import('./lockfiles/uv.js')).parseUvLock },
  { kind: 'pdm.lock', matches: (b) => b === 'pdm.lock', load: async () => (await import('./lockfiles/pdm.js')).parsePdmLock },
  // conda-lock: conda-lock.yml, *.conda-lock.yml; its explicit renders are conda-<platform>.lock.
  {
    kind: 'conda-lock',
    matches: (b) => /(^|[.-])conda-lock\.ya?ml$/.test(b),
    load: async () => (await import('./lockfiles/conda-lock.js')).parseCondaLock,
  },
  {
    kind: 'conda-explicit',
    matches: (b) => /^conda-[a-z0-9]+-[a-z0-9_]+\.lock$/.test(b) || /(^|[-_.])explicit\.txt$/.test(b) || b === 'spec-file.txt',
    sniff: (text) => /^@EXPLICIT\s*$/m.test(text),
    load: async () => (await import('./lockfiles/conda-explicit.js')).parseCondaExplicit,
  },
  {
    kind: 'conda-env',
    matches: (b) => /^environment([-_.][\w.-]*)?\.ya?ml$/.test(b),
    claims: (b, text) => /\.ya?ml$/.test(b) && /^dependencies:/m.test(text),
    load: async () => (await import('./lockfiles/conda-env.js')).parseCondaEnv,
  },
  {
    kind: 'requirements',
    matches: (b, dir) =>
      /^requirements([-_.][\w.-]*)?\.(txt|in)$/.test(b) ||
      /[-_.]requirements\.(txt|in)$/.test(b) ||
      (dir === 'requirements' && /\.(txt|in)$/.test(b)),
    // Named on the command line: a .txt/.in is taken as a requirements file (pip -r reads any name).
    claims: (b) => /\.(txt|in)$/.test(b),
    load: async () => (await import('./lockfiles/requirements.js')).parseRequirements,
  },
];

export const pythonFacet: FacetModule<'python', PythonFacet, true> = {
  id: 'python',
  order: 50,
  required: true,
  parser: async () => (await import('./parse.js')).parsePython,
  rules: comparePython,
  catalog: PYTHON_CATALOG,
  // The code written on the baseline runs on the target: without Python it does not run at all.
  absentOnTarget: 'error',
  absentHint: 'install the baseline Python version on the target, or capture the right interpreter with --python',
  dockerfile: async () => (await import('./dockerfile.js')).pythonDockerfile,
  lockKinds: PYTHON_LOCK_KINDS,
};
