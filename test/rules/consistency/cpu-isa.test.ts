// `check`'s instruction-set rule on real cpu captures (fixtures/cpu/, each with its SOURCE.md) and a
// real package set (the Colab runtime's pip freeze, with TensorFlow 2.18.0, which needs AVX:
// tensorflow/tensorflow#17411, and Polars, whose default wheels target AVX2: a warning).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpuFacet } from '../../../src/facets/cpu/types.js';
import type { OsFacet } from '../../../src/facets/os/types.js';
import type { PythonFacet } from '../../../src/facets/python/types.js';
import { checkCpuIsa } from '../../../src/rules/consistency/cpu-isa.js';
import { fingerprint } from '../../helpers/fingerprint.js';
import { ROOT } from '../../helpers/fixtures.js';

const read = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;
const cpu = (name: string) => read<CpuFacet>(`fixtures/cpu/${name}/expected.json`);
const colab = read<{ facets: { python: PythonFacet } }>('fixtures/import/pip-freeze/colab-2025-08-runtime/expected.json').facets.python;
const os = (name: string, arch: string): OsFacet => ({ status: 'ok', name, arch });

const check = (c: CpuFacet, o: OsFacet) =>
  checkCpuIsa(fingerprint('dev', { cpu: c, os: o, python: colab })).map((f) => `${f.severity} ${f.ruleId} ${f.subject}`);

describe('cpu-isa on real cpu captures', () => {
  it('TensorFlow under Rosetta 2 (x86-64 without AVX) crashes: an error', () => {
    const f = checkCpuIsa(fingerprint('dev', { cpu: cpu('macos-monterey-rosetta2-m1'), os: os('darwin', 'x86_64'), python: colab }));
    expect(f.map((x) => `${x.severity} ${x.ruleId} ${x.subject}`).sort()).toEqual([
      'error cpu/isa-required-by-package tensorflow',
      'warning cpu/isa-required-by-package polars',
    ]);
    expect(f.find((x) => x.subject === 'tensorflow')?.message).toContain('Illegal instruction');
  });

  it('nothing on CPUs with AVX (this machine’s EPYC, a Ryzen 9), nor on arm64 machines (their own builds)', () => {
    expect(check(cpu('amd-epyc-local'), os('linux', 'x86_64'))).toEqual([]);
    expect(check(cpu('amd-ryzen-9-5950x-znver3'), os('linux', 'x86_64'))).toEqual([]);
    expect(check(cpu('aws-graviton2-neoverse-n1'), os('linux', 'aarch64'))).toEqual([]);
    expect(check(cpu('macos-sequoia-m4-max'), os('darwin', 'arm64'))).toEqual([]);
  });

  it('when only the x86-64 level is known, the level’s flags stand in for them', () => {
    const epyc = cpu('amd-epyc-local');
    expect(check({ ...epyc, flags: [], x86Level: 3 }, os('linux', 'x86_64'))).toEqual([]);
    expect(check({ ...epyc, flags: [], x86Level: 2 }, os('linux', 'x86_64')).sort()).toEqual([
      'error cpu/isa-required-by-package tensorflow',
      'warning cpu/isa-required-by-package polars',
    ]);
  });
});
