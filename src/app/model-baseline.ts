// `envdiff compare MODEL_DIR qa.json`: can the target load this MLflow model? The model directory is
// read as its lock file (src/facets/python/lockfiles/mlflow-model.ts: the flavors' library
// versions, the Python minor it was saved with, its requirements) and checked against the target's
// installed packages and interpreter by the same judgment `envdiff check` makes of a lock file
// (src/rules/lock-check.ts): a missing requirement and another major or minor of a flavor's
// library are errors, a patch difference a warning, another Python minor an error.
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EnvdiffError } from '../core/errors.js';
import type { Finding } from '../core/findings.js';
import { printable } from '../core/text.js';
import type { Fingerprint } from '../facets/index.js';

/** The MLmodel file when PATH is an MLflow model directory (or its MLmodel), else undefined. */
export function mlmodelPath(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return statSync(join(path, 'MLmodel')).isFile() ? join(path, 'MLmodel') : undefined;
    return st.isFile() && basename(path) === 'MLmodel' ? path : undefined;
  } catch {
    return undefined;
  }
}

export interface ModelBaseline {
  label: string;
  findings: Finding[];
}

/** The findings of loading the model at MLMODEL in TARGET's environment. */
export async function checkModelAgainst(mlmodel: string, target: Fingerprint): Promise<ModelBaseline> {
  const dir = dirname(resolve(mlmodel));
  const { captureLockfile } = await import('../capture/lockfiles.js');
  const entry = await captureLockfile(resolve(mlmodel), dirname(dir), true);
  if (entry.status !== 'ok') {
    throw new EnvdiffError(
      `${printable(mlmodel)}: cannot read the MLflow model: ${printable(entry.reason ?? 'unreadable')}`,
      'check that the folder holds the MLmodel MLflow wrote',
    );
  }
  // The target as it is, with the model as its only lock file: what `check` would say of it.
  const withModel: Fingerprint = { ...target, facets: { ...target.facets, lockfiles: { status: 'ok', files: [entry] } } };
  const { checkLockfiles } = await import('../rules/lock-check.js');
  return { label: `${basename(dir)} (MLflow model)`, findings: checkLockfiles(withModel) };
}
