// Golden tests of the JVM build file parsers (sbt, Gradle, Maven) on real files
// (fixtures/lockfiles/<kind>/<scenario>/, each with SOURCE.md). Expected values were read off the fixture text by hand.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LockedPackage, LockfileEntry } from '../../../src/facets/lockfiles/types.js';
import { captureLockfile } from '../../../src/capture/lockfiles.js';

const ROOT = resolve(import.meta.dirname, '../../../fixtures/lockfiles');

function capture(rel: string, explicit = true): Promise<LockfileEntry> {
  return captureLockfile(join(ROOT, rel), ROOT, explicit);
}

function pkg(entry: LockfileEntry, name: string): LockedPackage[] {
  return entry.packages.filter((p) => p.name === name);
}

describe('JVM builds', () => {
  it('build.sbt: %% gets the Scala binary suffix, vals and scalaVersion.value resolve, sbt.version is read', async () => {
    const e = await capture('sbt/spark-xml/build.sbt');
    expect(e.kind).toBe('sbt');
    expect(e.meta).toEqual({ scalaVersion: '2.11.12', crossScalaVersions: '2.11.12 2.12.10', sbtVersion: '1.2.8' });
    expect(e.packages.map((p) => `${p.name}:${p.version}${p.group ? ' ' + p.group : ''}`)).toEqual([
      'com.novocode:junit-interface:0.11 test',
      'commons-io:commons-io:2.8.0',
      'org.apache.spark:spark-core_2.11:2.4.7 provided',
      'org.apache.spark:spark-sql_2.11:2.4.7 provided',
      'org.apache.ws.xmlschema:xmlschema-core:2.2.5',
      'org.glassfish.jaxb:txw2:2.3.3',
      'org.scala-lang:scala-library:2.11.12 provided',
      'org.scalatest:scalatest_2.11:3.2.3 test',
      'org.slf4j:slf4j-api:1.7.25 provided',
    ]);
    // mimaPreviousArtifacts' "com.databricks" %% "spark-xml" is not a dependency
    expect(e.packages.some((p) => p.name.includes('spark-xml'))).toBe(false);
    expect(e.problems).toEqual([
      { line: 13, message: 'sparkVersion can be overridden at build time (sys.props.get("spark.testVersion")); took its default 2.4.7' },
    ]);
  });

  it('gradle.lockfile with CRLF line endings', async () => {
    const e = await capture('gradle/checkstyle-jacoco/gradle.lockfile');
    expect(e.kind).toBe('gradle.lockfile');
    expect(e.packages).toHaveLength(45);
    expect(pkg(e, 'com.google.guava:guava')[0]).toEqual({
      name: 'com.google.guava:guava',
      version: '31.1-jre',
      ecosystem: 'maven',
      group: 'checkstyle',
    });
    expect(pkg(e, 'org.xmlresolver:xmlresolver')[0]?.group).toBe('checkstyle'); // no stray \r
    expect(e.problems).toBeUndefined();
  });

  it('pom.xml: ${properties} substituted, profile-only property reported with its line', async () => {
    const e = await capture('maven/spark-tfrecord/pom.xml');
    expect(e.kind).toBe('pom.xml');
    expect(pkg(e, 'org.tensorflow:tensorflow-hadoop')[0]).toEqual({
      name: 'org.tensorflow:tensorflow-hadoop',
      version: '1.15.0',
      ecosystem: 'maven',
    });
    expect(pkg(e, 'junit:junit')[0]).toEqual({ name: 'junit:junit', version: '4.11', ecosystem: 'maven', group: 'test' }); // "4.11", not the number 4.11
    expect(pkg(e, 'org.apache.spark:spark-core_${scala.binary.version}')[0]).toMatchObject({ version: '3.0.0', group: 'provided' });
    // scalatest comes from the activeByDefault profile, its version from that profile's dependencyManagement
    expect(pkg(e, 'org.scalatest:scalatest_${scala.binary.version}')[0]).toMatchObject({ version: '3.0.8', group: 'test' });
    expect(e.problems).toEqual([
      { line: 7, message: 'property scala.binary.version is not defined in this pom (a profile or parent sets it); left as written' },
    ]);
    expect(e.meta?.['spark.version']).toBe('3.0.0');
  });
});
