// MLflow model directories as a lock file kind, on real models from public repositories
// (fixtures/lockfiles/mlflow/*/SOURCE.md), and `envdiff compare MODEL_DIR qa.json` / `envdiff check`
// through the CLI: against a real capture of this machine, and against SYNTHETIC QA fingerprints
// whose packages are the model's own pins with one changed, to show each grade.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureLockfiles } from '../../../src/capture/lockfiles.js';
import type { PythonPackage } from '../../../src/facets/python/types.js';
import { fingerprint } from '../../helpers/fingerprint.js';
import { REPO } from '../../helpers/paths.js';
import { runEnvdiff } from '../../support/cli.js';

const MODELS = join(REPO, 'fixtures', 'lockfiles', 'mlflow');
const model = (name: string) => join(MODELS, name);

async function readModel(name: string) {
  const facet = await captureLockfiles({ cwd: MODELS, paths: [name] });
  expect(facet.status).toBe('ok');
  const entry = facet.files!.find((f) => f.kind === 'mlflow-model')!;
  expect(entry.status, entry.reason).toBe('ok');
  return entry;
}

describe('the mlflow-model lock kind on real MLmodel folders', () => {
  it('MLflow 2.13 sklearn: requirements.txt pins, the flavor version, Python 3.10 from python_version', async () => {
    const e = await readModel('sklearn-mlflow-2.13-signature');
    expect(e.meta).toMatchObject({
      requiresPython: '3.10',
      pythonVersion: '3.10.10',
      mlflowVersion: '2.13.0',
      'flavor.sklearn': 'scikit-learn 1.6.1',
    });
    expect(e.packages.map((p) => `${p.name}==${p.version}`)).toEqual([
      'cloudpickle==3.1.2',
      'mlflow==2.13.0',
      'numpy==1.26.4',
      'packaging==24.2',
      'pandas==2.3.3',
      'psutil==7.2.2',
      'pyyaml==6.0.3',
      'scikit-learn==1.6.1',
      'scipy==1.15.3',
    ]);
  });

  it('MLflow 1.8 pytorch (conda.yaml only): the flavor says torch 1.5.0, conda.yaml pins 1.4.0 — reported, 1.5.0 checked', async () => {
    const e = await readModel('pytorch-mlflow-1.8-alexnet');
    expect(e.meta).toMatchObject({ requiresPython: '3.7', 'flavor.pytorch': 'torch 1.5.0' });
    expect(e.packages.find((p) => p.name === 'torch')?.version).toBe('1.5.0');
    expect(e.problems?.map((p) => p.message)).toEqual([
      "the pytorch flavor was saved with torch 1.5.0, but the model's environment pins torch 1.4.0; 1.5.0 is checked",
    ]);
  });

  it('an MLmodel alone (xgboost): the flavor library and Python are still known', async () => {
    const e = await readModel('xgboost-mlflow-2.20-mlmodel-only');
    expect(e.packages.map((p) => `${p.name}==${p.version}`)).toEqual(['xgboost==2.1.4']);
    expect(e.meta?.['requiresPython']).toBe('3.11');
  });

  it('a YAML file that is no MLmodel is an unreadable lock file, not an empty one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-mlmodel-'));
    writeFileSync(join(dir, 'MLmodel'), 'artifact_path: model\n');
    const facet = await captureLockfiles({ cwd: dir, paths: ['MLmodel'] });
    expect(facet.files?.[0]).toMatchObject({ kind: 'mlflow-model', status: 'error' });
    expect(facet.files?.[0]?.reason).toMatch(/no flavors/);
  });
});

describe('can QA load the model? (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envdiff-mlflow-cli-'));
  const local = join(dir, 'local.json');
  beforeAll(async () => {
    expect((await runEnvdiff(['capture', '--no-lock', '-o', local])).exitCode).toBe(0);
  }, 180_000);

  const findings = (stdout: string) =>
    (JSON.parse(stdout) as { findings: { ruleId: string; severity: string; subject: string }[] }).findings.map(
      (f) => `${f.severity} ${f.ruleId} ${f.subject.replace(/^.*MLmodel:/, '')}`,
    );

  it('compare MODEL_DIR against this machine: Python minor, missing and mismatched requirements, as errors', async () => {
    const fp = JSON.parse(readFileSync(local, 'utf8')) as { facets: { python: { version: string; packages: PythonPackage[] } } };
    const r = await runEnvdiff(['compare', model('sklearn-mlflow-2.13-signature'), local, '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const got = findings(r.stdout);
    const has = (n: string) => fp.facets.python.packages.some((p) => p.name === n);
    // This machine has no MLflow and no scikit-learn: the model cannot load here.
    expect(has('mlflow')).toBe(false);
    expect(got).toContain('error lockfiles/not-installed mlflow');
    expect(got).toContain('error lockfiles/not-installed scikit-learn');
    if (!fp.facets.python.version.startsWith('3.10.')) expect(got).toContain('error lockfiles/python-version-mismatch python');
    expect(JSON.parse(r.stdout).baseline.label).toBe('sklearn-mlflow-2.13-signature (MLflow model)');
  });

  it('capture --lock MODEL_DIR, then check: the same judgment inside one fingerprint', async () => {
    const fp = join(dir, 'with-model.json');
    expect((await runEnvdiff(['capture', '--lock', model('xgboost-mlflow-2.20-mlmodel-only'), '-o', fp])).exitCode).toBe(0);
    const r = await runEnvdiff(['check', fp, '--format', 'json']);
    expect(r.exitCode).toBe(1);
    expect(findings(r.stdout)).toContain('error lockfiles/not-installed xgboost');
  });

  // SYNTHETIC QA environments: the model's own pins on Python 3.10.14, with scikit-learn changed.
  const pins = [
    'cloudpickle 3.1.2',
    'mlflow 2.13.0',
    'numpy 1.26.4',
    'packaging 24.2',
    'pandas 2.3.3',
    'psutil 7.2.2',
    'pyyaml 6.0.3',
    'scipy 1.15.3',
  ];
  const qa = (python: string, sklearn: string) => {
    const packages = [...pins, `scikit-learn ${sklearn}`]
      .map((s) => ({ name: s.split(' ')[0]!, version: s.split(' ')[1]! }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const file = join(dir, `qa-${python}-${sklearn}.json`);
    const absent = { status: 'absent' as const, reason: 'SYNTHETIC: not part of this case' };
    const others = Object.fromEntries(['os', 'kernel', 'cpu', 'gpu', 'r', 'jvm', 'system', 'env', 'lockfiles'].map((id) => [id, absent]));
    writeFileSync(
      file,
      JSON.stringify(fingerprint('qa', { ...others, python: { status: 'ok', version: python, implementation: 'CPython', packages } })),
    );
    return file;
  };

  it.each([
    ['3.10.14', '1.6.1', 0, []],
    ['3.10.14', '1.6.3', 0, ['warning lockfiles/version-mismatch scikit-learn']],
    ['3.10.14', '1.5.2', 1, ['error lockfiles/version-mismatch scikit-learn']],
    ['3.11.9', '1.6.1', 1, ['error lockfiles/python-version-mismatch python']],
  ])('SYNTHETIC QA on Python %s with scikit-learn %s: exit %i', async (python, sklearn, exit, expected) => {
    const r = await runEnvdiff(['compare', model('sklearn-mlflow-2.13-signature'), qa(python, sklearn), '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(exit);
    expect(findings(r.stdout)).toEqual(expected);
  });
});
