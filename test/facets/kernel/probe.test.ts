import { describe, expect, it } from 'vitest';
import { parseKernel } from '../../../src/facets/kernel/parse.js';
import { runBundle, SHELLS, sh } from '../../helpers/fixtures.js';

const ctx = {};

// Each fixture against its expected.json: test/facets/golden.test.ts.
describe('kernel parser', () => {
  it('garbage gives status error, never a throw', () => {
    for (const text of ['', 'nonsense', '### uname-r\n', '### uname-v\n#1 SMP']) {
      const f = parseKernel({ id: 'kernel', exitCode: 0, text, stderr: '' }, ctx);
      expect(f.status).toBe('error');
      expect(f.reason).toMatch(/kernel:/);
    }
  });
});

describe('kernel probe on this machine (real dash and busybox)', () => {
  for (const shell of SHELLS) {
    it(`${shell.join(' ')}: release and version equal uname -r / uname -v`, () => {
      const f = parseKernel(runBundle(shell, { only: ['kernel'] }).get('kernel')!, ctx);
      expect(f).toEqual({ status: 'ok', release: sh('uname -r'), version: sh('uname -v') });
    });
  }
});
