import { describe, expect, it } from 'vitest';
import type { JvmFacet } from '../../src/facets/jvm/types.js';
import type { RFacet } from '../../src/facets/r/types.js';
import type { SystemFacet } from '../../src/facets/system/types.js';
import { compareJvm } from '../../src/facets/jvm/rules.js';
import { javaMajor, scalaBinaryVersion } from '../../src/facets/jvm/versions.js';
import { compareR } from '../../src/facets/r/rules.js';
import { compareSystem } from '../../src/facets/system/rules.js';
import { context, ruleIds } from '../helpers/fingerprint.js';

const ctx = context({}, {});

describe('r rules', () => {
  // 4.2.2 is Debian 12's r-base-core on the dev machine; 4.3.1 / 3.6.3 are released R versions.
  const r = (version: string): RFacet => ({ status: 'ok', version, packages: [] });
  it('grades R versions: minor → warning, major → error, patch → info', () => {
    expect(compareR(r('4.2.2'), r('4.3.1'), ctx)[0]).toMatchObject({ ruleId: 'r/minor-version', severity: 'warning' });
    expect(compareR(r('4.2.2'), r('3.6.3'), ctx)[0]).toMatchObject({ ruleId: 'r/major-version', severity: 'error' });
    expect(compareR(r('4.2.2'), r('4.2.3'), ctx)[0]).toMatchObject({ ruleId: 'r/patch-version', severity: 'info' });
    expect(compareR(r('4.2.2'), r('4.2.2'), ctx)).toEqual([]);
  });
});

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
    expect(compareJvm(jvm('17.0.15', undefined, '3.5.1'), jvm('17.0.15', undefined, '3.4.2'), ctx)[0]).toMatchObject({ ruleId: 'jvm/spark-minor', severity: 'warning' });
    expect(compareJvm(jvm('17.0.15', undefined, '3.5.1'), jvm('17.0.15', undefined, '4.0.0'), ctx)[0]).toMatchObject({ ruleId: 'jvm/spark-major', severity: 'error' });
  });

  it('warns when a tool of the baseline is missing on the target', () => {
    const f = compareJvm(jvm('17.0.15', '2.11.12'), jvm('17.0.15'), ctx);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'jvm/scala-missing', severity: 'warning', target: null });
  });
});

describe('system rules', () => {
  it('does not compare package names across package managers', () => {
    const deb: SystemFacet = { status: 'ok', manager: 'dpkg', packages: [{ name: 'libc6', version: '2.36-9+deb12u14', arch: 'amd64' }] };
    const rpm: SystemFacet = { status: 'ok', manager: 'rpm', packages: [{ name: 'glibc', version: '2.34-100.el9', arch: 'x86_64' }] };
    const f = compareSystem(deb, rpm, ctx);
    expect(ruleIds(f)).toEqual(['system/manager']);
    expect(f[0]).toMatchObject({ severity: 'warning', baseline: 'dpkg', target: 'rpm' });
  });
});

describe('dpkg multiarch', () => {
  it('compares a package installed for two architectures per architecture', async () => {
    const { compareSystem } = await import('../../src/facets/system/rules.js');
    // SYNTHETIC lists; the names and versions are Debian 12's libc6.
    const base = { status: 'ok' as const, manager: 'dpkg' as const, packages: [
      { name: 'libc6', version: '2.36-9+deb12u14', arch: 'amd64' },
      { name: 'libc6', version: '2.36-9+deb12u14', arch: 'i386' },
    ] };
    const target = { status: 'ok' as const, manager: 'dpkg' as const, packages: [{ name: 'libc6', version: '2.36-9+deb12u14', arch: 'amd64' }] };
    const findings = compareSystem(base, target, {} as never);
    expect(findings.map((f) => [f.ruleId, f.subject])).toEqual([['system/package-missing', 'libc6:i386']]);
    expect(compareSystem(base, base, {} as never)).toEqual([]);
  });
});
