// An MLflow model directory as a lock file: what an environment needs to load the model
// (https://mlflow.org/docs/latest/model/ "Storage Format", "Model dependencies").
//   MLmodel           flavors with the library versions the model was saved with
//                     (`sklearn: {sklearn_version: 1.6.1}`, `pytorch: {pytorch_version: 1.5.0}`) and
//                     `python_function.python_version: 3.10.10`; `env:` names conda.yaml (MLflow 1.x,
//                     a string) or {conda, virtualenv} (MLflow 2.x)
//   python_env.yaml   `python: 3.10.10`, `dependencies: [-r requirements.txt]`
//   requirements.txt  the pins pip installs (`mlflow==2.13.0`, `scikit-learn==1.6.1`); may `-c constraints.txt`
//   conda.yaml        conda's form of the same, read when there is no requirements.txt (MLflow 1.x)
// The packages are the requirements, with each flavor's library pinned to the version the model
// was saved with (pickles load reliably only with that library's major and minor). Python is
// declared as the minor the model was saved with (`requiresPython: 3.10`): a pickle written by
// one Python minor may not load in another. Where conda.yaml or requirements.txt pin a flavor's
// library at another version than MLmodel says, that is reported as a problem of the model.
import { parse } from 'yaml';
import { LockParseError, type LockedPackage, type LockParseContext, type LockProblem, type ParsedLock } from '../../shared/lockfile.js';
import { normalizePypiName } from '../../../core/names.js';
import { parseCondaEnv } from './conda-env.js';
import { parseRequirements } from './requirements.js';

/** Flavor key in MLmodel → the PyPI project whose version it records (MLflow's flavor modules). */
const FLAVOR_LIBRARIES: Record<string, string> = {
  sklearn_version: 'scikit-learn',
  pytorch_version: 'torch',
  xgb_version: 'xgboost',
  lgb_version: 'lightgbm',
  cb_version: 'catboost',
  keras_version: 'keras',
  transformers_version: 'transformers',
  statsmodels_version: 'statsmodels',
  spark_version: 'pyspark',
  prophet_version: 'prophet',
  h2o_version: 'h2o',
  onnx_version: 'onnx',
  spacy_version: 'spacy',
  fastai_version: 'fastai',
  paddle_version: 'paddlepaddle',
  sentence_transformers_version: 'sentence-transformers',
  tensorflow_version: 'tensorflow',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

export function parseMlflowModel(text: string, ctx: LockParseContext): ParsedLock {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new LockParseError(`MLmodel is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObj(doc) || !isObj(doc['flavors'])) throw new LockParseError('MLmodel has no flavors: not an MLflow model');
  const flavors = doc['flavors'];
  const pyfunc = isObj(flavors['python_function']) ? flavors['python_function'] : {};
  const meta: Record<string, string> = { flavors: Object.keys(flavors).sort().join(', ') };
  const mlflowVersion = scalar(doc['mlflow_version']);
  if (mlflowVersion) meta['mlflowVersion'] = mlflowVersion;
  const problems: LockProblem[] = [];

  const env = pyfunc['env'];
  const condaFile = typeof env === 'string' ? env : isObj(env) ? scalar(env['conda']) : undefined;
  const venvFile = isObj(env) ? scalar(env['virtualenv']) : undefined;

  let python = scalar(pyfunc['python_version']);
  let packages: LockedPackage[] = [];
  const pythonEnv = venvFile ? ctx.readRelated?.(venvFile) : ctx.readRelated?.('python_env.yaml');
  if (pythonEnv) {
    const pe: unknown = parse(pythonEnv.text);
    if (isObj(pe)) python ??= scalar(pe['python']);
  }
  const requirements = ctx.readRelated?.('requirements.txt');
  if (requirements) {
    const parsed = parseRequirements(requirements.text, { path: requirements.path, readRelated: ctx.readRelated });
    packages = parsed.packages;
    problems.push(...parsed.problems.map((p) => ({ line: p.line, message: `${requirements.path}: ${p.message}` })));
  } else {
    const conda = ctx.readRelated?.(condaFile ?? 'conda.yaml');
    if (conda) {
      const parsed = parseCondaEnv(conda.text, { path: conda.path, readRelated: ctx.readRelated });
      // conda's `python=3.7.3` is the interpreter, declared below; the rest are the environment's packages.
      const condaPython = parsed.packages.find((p) => p.ecosystem === 'conda' && p.name === 'python');
      python ??= condaPython?.version ?? condaPython?.specifier?.replace(/^=+/, '');
      packages = parsed.packages.filter((p) => !(p.ecosystem === 'conda' && (p.name === 'python' || p.name === 'pip')));
      problems.push(...parsed.problems.map((p) => ({ line: p.line, message: `${conda.path}: ${p.message}` })));
    }
  }
  if (!requirements && !packages.length && !pythonEnv) meta['environmentFiles'] = 'none beside MLmodel: only its flavors are known';

  // Each flavor's library at the version the model was saved with.
  for (const [flavor, body] of Object.entries(flavors)) {
    if (!isObj(body)) continue;
    for (const [key, project] of Object.entries(FLAVOR_LIBRARIES)) {
      const version = scalar(body[key]);
      if (!version) continue;
      const name = normalizePypiName(project);
      const same = packages.filter((p) => p.ecosystem === 'pypi' && normalizePypiName(p.name) === name);
      for (const p of same) {
        const pinned = p.version ?? p.specifier;
        if (pinned && p.version !== version) {
          problems.push({
            line: 0,
            message: `the ${flavor} flavor was saved with ${project} ${version}, but the model's environment pins ${project} ${pinned}; ${version} is checked`,
          });
        }
      }
      packages = packages.filter((p) => !same.includes(p));
      packages.push({ name, version, ecosystem: 'pypi', group: `mlflow flavor ${flavor}` });
      meta[`flavor.${flavor}`] = `${project} ${version}`;
    }
  }
  if (python) {
    meta['pythonVersion'] = python;
    const minor = /^(\d+\.\d+)/.exec(python)?.[1];
    if (minor) meta['requiresPython'] = minor;
  } else {
    problems.push({
      line: 0,
      message: 'the model declares no Python version (python_function.python_version, python_env.yaml or conda.yaml)',
    });
  }
  return { packages, problems, meta };
}
