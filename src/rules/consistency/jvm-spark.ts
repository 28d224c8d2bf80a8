// Spark against the JVM it runs in: the Scala binary version Spark is built for against the
// Scala-suffixed jars beside it (SPARK_HOME/jars, $CLASSPATH) and the installed Scala, and the Java
// Spark's classes were compiled for against the Java that runs them.
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { javaForClassFile, SPARK_RUNTIMES } from '../../data/spark-runtimes.js';
import type { Fingerprint } from '../../facets/index.js';
import { javaMajor, scalaBinaryVersion } from '../../facets/jvm/versions.js';
import type { ConsistencyRule } from './types.js';

const SCALA_COMPAT = 'https://docs.scala-lang.org/overviews/core/binary-compatibility-of-scala-releases.html';

export const JVM_CHECK_RULES = defineRules('jvm', {
  'scala-jar-mismatch': {
    severity: 'error',
    title: 'A jar built for another Scala binary version is on Spark’s classpath',
    help: 'Scala 2.12, 2.13 and 3 are binary incompatible: a `_2.12` jar in a Spark built for 2.13 fails with NoSuchMethodError or ClassNotFoundException (scala.collection…) as soon as it is used. Use the artifact with Spark’s suffix.',
    reads: ['jvm'],
    source: SCALA_COMPAT,
  },
  'scala-spark-mismatch': {
    severity: 'warning',
    title: 'The installed Scala is another binary version than Spark’s',
    help: 'Code compiled with this scalac targets its binary version; Spark runs its own Scala library, so jobs built here fail to load there. Build with the Scala version Spark is built for (its jars’ suffix).',
    reads: ['jvm'],
    source: SCALA_COMPAT,
  },
  'java-too-old-for-spark': {
    severity: 'error',
    title: 'Java is older than the class-file version Spark needs',
    help: 'Spark’s classes are compiled for a Java release (Spark 4 for Java 17); an older JVM refuses them with UnsupportedClassVersionError. Run Spark with the Java it needs (JAVA_HOME).',
    reads: ['jvm'],
    source: 'https://docs.oracle.com/javase/specs/jvms/se21/html/jvms-4.html#jvms-4.1',
  },
});

/** `delta-spark_2.13-3.2.0.jar` → 2.13; `scala3-library_3-3.3.1.jar` → 3. */
function jarScalaBinary(jar: string): string | undefined {
  return /_(2\.1\d|3)-[^_]*\.jar$/.exec(jar)?.[1];
}

export function checkJvmSpark(fp: Fingerprint): Finding[] {
  const jvm = fp.facets.jvm;
  if (jvm?.status !== 'ok' || !jvm.spark) return [];
  const spark = jvm.spark;
  const out: Finding[] = [];
  const binary = spark.scalaBinaryVersion;
  if (binary !== undefined) {
    for (const jar of jvm.scalaJars ?? []) {
      const v = jarScalaBinary(jar);
      if (v === undefined || v === binary) continue;
      out.push(
        finding(JVM_CHECK_RULES['scala-jar-mismatch'], {
          subject: jar,
          baseline: `Spark ${spark.version} (Scala ${binary})`,
          target: `Scala ${v}`,
          message: `${jar} is built for Scala ${v}, Spark ${spark.version} for Scala ${binary}: classes from it fail with NoSuchMethodError or ClassNotFoundException`,
          hint: `use the _${binary} build of this artifact`,
        }),
      );
    }
    const scala = jvm.scala?.version;
    if (scala !== undefined && scalaBinaryVersion(scala) !== binary) {
      out.push(
        finding(JVM_CHECK_RULES['scala-spark-mismatch'], {
          subject: 'scala',
          baseline: `Spark ${spark.version} (Scala ${binary})`,
          target: `Scala ${scala}`,
          message: `the installed Scala is ${scala} (binary ${scalaBinaryVersion(scala)}), Spark ${spark.version} is built for Scala ${binary}: jobs compiled here do not load in Spark`,
          hint: `compile Spark jobs with Scala ${binary}.x (scalaVersion in build.sbt)`,
        }),
      );
    }
  }
  const java = jvm.java?.version === undefined ? undefined : javaMajor(jvm.java.version);
  const fromClass = spark.classFileMajor === undefined ? undefined : javaForClassFile(spark.classFileMajor);
  const line = /^(\d+\.\d+)/.exec(spark.version)?.[1];
  const row = SPARK_RUNTIMES.find((r) => r.spark === line);
  const needed = fromClass ?? row?.minJava;
  if (java !== undefined && needed !== undefined && java < needed) {
    const why =
      fromClass !== undefined
        ? `its classes are class-file version ${spark.classFileMajor} (Java ${fromClass})`
        : `Spark ${line} runs on Java ≥ ${needed} (${row?.source})`;
    out.push(
      finding(JVM_CHECK_RULES['java-too-old-for-spark'], {
        subject: 'java',
        baseline: `Spark ${spark.version}: Java ≥ ${needed}`,
        target: `Java ${jvm.java?.version}`,
        message: `Spark ${spark.version} needs Java ≥ ${needed} — ${why} — and this is Java ${jvm.java?.version}: it fails with UnsupportedClassVersionError`,
        hint: `run Spark with Java ${needed} or newer (set JAVA_HOME)`,
      }),
    );
  }
  return out;
}

export const jvmSpark: ConsistencyRule = {
  name: 'jvm-spark',
  catalog: Object.values(JVM_CHECK_RULES),
  run: checkJvmSpark,
};
