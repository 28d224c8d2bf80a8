import { describe, expect, it } from 'vitest';
import type { EnvFacet } from '../../../src/facets/env/types.js';
import { compareEnv } from '../../../src/facets/env/rules.js';
import { context } from '../../helpers/fingerprint.js';

const env = (vars: Record<string, string>): EnvFacet => ({ status: 'ok', vars });
const ctx = context({}, {});

describe('env rules', () => {
  it('grades each variable by what it changes', () => {
    const a = env({
      CUDA_VISIBLE_DEVICES: '0,1',
      LANG: 'en_US.UTF-8',
      OMP_NUM_THREADS: '4',
      TZ: 'Europe/Berlin',
      PYTHONHASHSEED: '0',
      JAVA_HOME: '/usr/lib/jvm/java-17-openjdk-amd64',
    });
    const b = env({ CUDA_VISIBLE_DEVICES: '', LANG: 'C.UTF-8', OMP_NUM_THREADS: '1', JAVA_HOME: '/usr/lib/jvm/java-11-openjdk-amd64' });
    const f = compareEnv(a, b, ctx);
    const by = Object.fromEntries(f.map((x) => [x.subject, x]));
    expect(by.CUDA_VISIBLE_DEVICES).toMatchObject({ ruleId: 'env/cuda-visible-devices', severity: 'warning', baseline: '0,1', target: '' });
    expect(by.CUDA_VISIBLE_DEVICES?.message).toContain('empty');
    expect(by.LANG).toMatchObject({ ruleId: 'env/locale', severity: 'warning' });
    expect(by.OMP_NUM_THREADS).toMatchObject({ ruleId: 'env/thread-count', severity: 'info' });
    expect(by.TZ).toMatchObject({ ruleId: 'env/timezone', severity: 'warning', target: null });
    expect(by.TZ?.message).toContain('unset there');
    expect(by.PYTHONHASHSEED?.ruleId).toBe('env/pythonhashseed');
    expect(by.JAVA_HOME).toMatchObject({ ruleId: 'env/variable', severity: 'info' });
    expect(f).toHaveLength(6);
  });

  it('treats every LC_ variable as locale and ignores equal values', () => {
    const f = compareEnv(env({ LC_NUMERIC: 'de_DE.UTF-8', TZ: 'UTC' }), env({ LC_NUMERIC: 'en_US.UTF-8', TZ: 'UTC' }), ctx);
    expect(f.map((x) => x.ruleId)).toEqual(['env/locale']);
    expect(compareEnv(env({ TZ: 'UTC' }), env({ TZ: 'UTC' }), ctx)).toEqual([]);
  });
});
