// `check`'s Spark rules through the real jvm probe: the real OpenJDK 17 and Debian's scala 2.11.12
// of this machine, and a Spark home built here (SYNTHETIC: no Spark distribution can be installed
// offline) whose jars are real jar files made by javac and jar — SparkContext.class compiled with
// `--release 17` and `--release 8`, so the class-file version the probe reads is the one javac
// wrote — with the Scala-suffixed names a Spark 4.0 distribution and its add-ons use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../../src/core/run-process.js';
import { parseJvm } from '../../../src/facets/jvm/parse.js';
import type { JvmFacet } from '../../../src/facets/jvm/types.js';
import { checkJvmSpark } from '../../../src/rules/consistency/jvm-spark.js';
import { fingerprint } from '../../helpers/fingerprint.js';
import { runProbe, SHELLS } from '../../helpers/probe-shells.js';

const HAVE_JDK = ['/usr/bin/javac', '/usr/bin/jar', '/usr/bin/unzip'].every(existsSync);

async function run(cmd: string, args: string[], cwd?: string): Promise<void> {
  const r = await runProcess(cmd, args, { timeoutMs: 120_000, cwd });
  if (r.exitCode !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

/** A jar holding org/apache/spark/SparkContext.class compiled for `release`. */
async function sparkCoreJar(dir: string, release: string, out: string): Promise<void> {
  const src = join(dir, `src-${release}`);
  mkdirSync(join(src, 'org', 'apache', 'spark'), { recursive: true });
  writeFileSync(join(src, 'org', 'apache', 'spark', 'SparkContext.java'), 'package org.apache.spark;\npublic class SparkContext {}\n');
  const classes = join(dir, `classes-${release}`);
  await run('javac', ['--release', release, '-d', classes, join(src, 'org', 'apache', 'spark', 'SparkContext.java')]);
  await run('jar', ['cf', out, '-C', classes, '.']);
}

async function emptyJar(dir: string, out: string): Promise<void> {
  const classes = join(dir, 'empty');
  mkdirSync(join(classes, 'META-INF'), { recursive: true });
  writeFileSync(join(classes, 'META-INF', 'NOTICE'), 'test\n');
  await run('jar', ['cf', out, '-C', classes, '.']);
}

describe.skipIf(!HAVE_JDK)('jvm-spark on a Spark home built here', () => {
  let dir = '';
  const home = (n: string) => join(dir, n);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-spark-check-'));
    for (const [name, release] of [
      ['spark-4.0', '17'],
      ['spark-3.5', '8'],
    ] as const) {
      mkdirSync(join(home(name), 'jars'), { recursive: true });
      const version = name === 'spark-4.0' ? '4.0.0' : '3.5.1';
      const scala = name === 'spark-4.0' ? '2.13' : '2.12';
      writeFileSync(join(home(name), 'RELEASE'), `Spark ${version} built for Hadoop 3.4.1\n`);
      await sparkCoreJar(dir, release, join(home(name), 'jars', `spark-core_${scala}-${version}.jar`));
      await emptyJar(dir, join(home(name), 'jars', `scala-library-${scala}.12.jar`));
      await emptyJar(dir, join(home(name), 'jars', `json4s-core_${scala}-4.0.7.jar`));
    }
    // An add-on built for the other Scala, dropped into Spark 4.0's jars and put on CLASSPATH.
    await emptyJar(dir, join(home('spark-4.0'), 'jars', 'delta-spark_2.12-3.2.0.jar'));
    mkdirSync(home('extra'));
    await emptyJar(dir, join(home('extra'), 'spark-xml_2.12-0.18.0.jar'));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function capture(spark: string, classpath?: string): Promise<JvmFacet> {
    const env: NodeJS.ProcessEnv = { ...process.env, SPARK_HOME: home(spark) };
    delete env['CLASSPATH'];
    if (classpath !== undefined) env['CLASSPATH'] = classpath;
    const { section } = await runProbe('jvm', SHELLS[0], { env });
    return parseJvm(section, {});
  }

  it('reads the class-file version javac wrote, and the Scala-suffixed jars', async () => {
    const four = await capture('spark-4.0', `${join(home('extra'), 'spark-xml_2.12-0.18.0.jar')}:${home('extra')}/*`);
    expect(four.spark).toEqual({ version: '4.0.0', scalaBinaryVersion: '2.13', classFileMajor: 61 });
    expect(four.scalaJars).toEqual([
      'delta-spark_2.12-3.2.0.jar',
      'json4s-core_2.13-4.0.7.jar',
      'spark-core_2.13-4.0.0.jar',
      'spark-xml_2.12-0.18.0.jar',
    ]);
    expect((await capture('spark-3.5')).spark).toEqual({ version: '3.5.1', scalaBinaryVersion: '2.12', classFileMajor: 52 });
  });

  it('flags the _2.12 jars in a Spark built for 2.13, and Debian’s Scala 2.11 against both', async () => {
    const four = await capture('spark-4.0', join(home('extra'), 'spark-xml_2.12-0.18.0.jar'));
    const f = checkJvmSpark(fingerprint('dev', { jvm: four }));
    const expected = ['error jvm/scala-jar-mismatch delta-spark_2.12-3.2.0.jar', 'error jvm/scala-jar-mismatch spark-xml_2.12-0.18.0.jar'];
    if (four.scala?.version.startsWith('2.11')) expected.push('warning jvm/scala-spark-mismatch scala');
    expect(f.map((x) => `${x.severity} ${x.ruleId} ${x.subject}`).sort()).toEqual(expected.sort());
    // Java 17 runs classes compiled for 17: no Java finding.
    expect(f.some((x) => x.ruleId === 'jvm/java-too-old-for-spark')).toBe(false);
  });

  it('a Java older than Spark’s class files (SYNTHETIC Java 11 facet on the real Spark 4.0 capture) is an error', async () => {
    const four = await capture('spark-4.0');
    const f = checkJvmSpark(fingerprint('dev', { jvm: { ...four, java: { version: '11.0.22' } } }));
    const java = f.find((x) => x.ruleId === 'jvm/java-too-old-for-spark');
    expect(java).toMatchObject({ severity: 'error', baseline: 'Spark 4.0.0: Java ≥ 17', target: 'Java 11.0.22' });
    expect(java?.message).toContain('class-file version 61');
    // Without the class file, the release table says the same for Spark 4.0.
    const noClass = { ...four, java: { version: '11.0.22' }, spark: { version: '4.0.0', scalaBinaryVersion: '2.13' } };
    expect(checkJvmSpark(fingerprint('dev', { jvm: noClass })).find((x) => x.ruleId === 'jvm/java-too-old-for-spark')?.baseline).toBe(
      'Spark 4.0.0: Java ≥ 17',
    );
  });
});
