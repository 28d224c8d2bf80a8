import { describe, expect, it } from 'vitest';
import type { JvmFacet } from '../../../src/facets/jvm/types.js';
import { compareJvm } from '../../../src/facets/jvm/rules.js';
import { javaMajor, scalaBinaryVersion } from '../../../src/facets/jvm/versions.js';
import { context, ruleIds } from '../../helpers/fingerprint.js';

const ctx = context({}, {});

describe('jvm rules', () => {
  // Version strings as `java -version` prints them: "17.0.15" (the dev machine's OpenJDK), "1.8.0_392" (Java 8).
  it('reads Java majors in both numbering schemes', () => {
    expect(javaMajor('1.8.0_392')).toBe(8);
    expect(javaMajor('17.0.15')).toBe(17);
    expect(javaMajor('21')).toBe(21);
    expect(scalaBinaryVersion('2.12.18')).toBe('2.12');
    expect(scalaBinaryVersion('3.3.1')).toBe('3');
  });

  const jvm = (java: string, scala?: string, spark?: string): JvmFacet => ({
    status: 'ok',
    java: { version: java },
    scala: scala === undefined ? null : { version: scala },
    spark: spark === undefined ? null : { version: spark },
  });

  it('warns on a Java major change, info on an update', () => {
    expect(compareJvm(jvm('17.0.15'), jvm('1.8.0_392'), ctx)[0]).toMatchObject({ ruleId: 'jvm/java-major', severity: 'warning' });
    expect(compareJvm(jvm('17.0.15'), jvm('17.0.9'), ctx)[0]).toMatchObject({ ruleId: 'jvm/java-version', severity: 'info' });
  });

  it('errors on Scala 2.12 vs 2.13, info on a Scala patch', () => {
    const f = compareJvm(jvm('17.0.15', '2.12.18'), jvm('17.0.15', '2.13.12'), ctx);
    expect(f[0]).toMatchObject({ ruleId: 'jvm/scala-binary-version', severity: 'error', baseline: '2.12.18', target: '2.13.12' });
    expect(ruleIds(compareJvm(jvm('17.0.15', '2.11.12'), jvm('17.0.15', '2.11.8'), ctx))).toEqual(['jvm/scala-version']);
  });

  it('grades Spark: minor → warning, major → error', () => {
    expect(compareJvm(jvm('17.0.15', undefined, '3.5.1'), jvm('17.0.15', undefined, '3.4.2'), ctx)[0]).toMatchObject({
      ruleId: 'jvm/spark-minor',
      severity: 'warning',
    });
    expect(compareJvm(jvm('17.0.15', undefined, '3.5.1'), jvm('17.0.15', undefined, '4.0.0'), ctx)[0]).toMatchObject({
      ruleId: 'jvm/spark-major',
      severity: 'error',
    });
  });

  it('warns when a tool of the baseline is missing on the target', () => {
    const f = compareJvm(jvm('17.0.15', '2.11.12'), jvm('17.0.15'), ctx);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'jvm/scala-missing', severity: 'warning', target: null });
  });
});
