// `check`'s pip-check rule on real captures (fixtures/python/, each with its SOURCE.md quoting what
// `pip check` said on the same environment): Requires-Dist of a venv with markers and extras, and
// the requires.txt of Debian's egg-info distributions. The live comparison with pip on many more
// environments is test/integration/check-pip.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PythonFacet } from '../../../src/facets/python/types.js';
import { checkPythonRequirements } from '../../../src/rules/consistency/python-requirements.js';
import { fingerprint } from '../../helpers/fingerprint.js';
import { ROOT } from '../../helpers/fixtures.js';

const python = (name: string) => JSON.parse(readFileSync(join(ROOT, 'fixtures/python', name, 'expected.json'), 'utf8')) as PythonFacet;
const summary = (py: PythonFacet) =>
  checkPythonRequirements(fingerprint('dev', { python: py }))
    .map((f) => `${f.ruleId} ${f.subject}`)
    .sort();

describe('python requirements on real captures', () => {
  it('a venv: the problems pip check listed, the NumPy one named as an ABI break', () => {
    expect(summary(python('venv-3.11.7-requires-dist'))).toEqual([
      'python/numpy-abi scipy → numpy',
      'python/requirement-missing tinyx → missingdep',
      'python/requirement-missing tinyx → tinylib',
    ]);
  });

  it('Debian’s python3: PyGObject’s requires.txt names pycairo; the Python 2-only and extra sections do not count', () => {
    const debian = python('debian-12-python3-egg-info');
    expect(debian.packages?.find((p) => p.name === 'lazr-restfulclient')?.requires).toEqual(['httplib2; python_version < "3"']);
    expect(summary(debian)).toEqual(['python/requirement-missing pygobject → pycairo']);
  });

  it('a fingerprint of an older probe (no requires captured) reports nothing', () => {
    expect(summary(python('pyenv-3.6.15'))).toEqual([]);
  });
});
