// Java, Scala and Spark at the source's versions. Java comes from the base (eclipse-temurin) or apt;
// Scala and Spark from their official release archives when apt does not already pin them.
// Archive layouts: Scala 2 https://downloads.lightbend.com/scala/<v>/scala-<v>.tgz; Scala 3
// https://github.com/scala/scala3/releases/download/<v>/scala3-<v>.tar.gz; Spark
// https://archive.apache.org/dist/spark/spark-<v>/spark-<v>-bin-hadoop3.tgz (3.3+; hadoop3.2 for
// 3.0–3.2, hadoop2.7 for 2.x; a -scala2.13 build exists from 3.2).
import type { Fingerprint } from '../fingerprint.js';
import {
  runChain,
  wrapComment,
  type AptNeed,
  type BasePlan,
  type Block,
  type DockerfilePart,
  type Omission,
} from '../shared/dockerfile-part.js';
import { UNSAFE_WHY, isReleaseVersion } from '../shared/dockerfile-safe.js';
import { javaMajorOf } from './versions.js';

export function sparkArchive(version: string, scalaBinary?: string): string {
  const [maj, min] = version.split('.').map(Number) as [number, number];
  const hadoop = maj >= 4 || (maj === 3 && min >= 3) ? 'hadoop3' : maj === 3 ? 'hadoop3.2' : 'hadoop2.7';
  const scala = scalaBinary === '2.13' && (maj > 3 || (maj === 3 && min >= 2)) && maj < 4 ? '-scala2.13' : '';
  return `https://archive.apache.org/dist/spark/spark-${version}/spark-${version}-bin-${hadoop}${scala}.tgz`;
}

export function scalaArchive(version: string): { url: string; dir: string } {
  return version.startsWith('3.')
    ? { url: `https://github.com/scala/scala3/releases/download/${version}/scala3-${version}.tar.gz`, dir: `scala3-${version}` }
    : { url: `https://downloads.lightbend.com/scala/${version}/scala-${version}.tgz`, dir: `scala-${version}` };
}

export function jvmPlan(fp: Fingerprint, plan: BasePlan, omissions: Omission[]): { blocks: Block[]; needs: AptNeed[] } {
  const jvm = fp.facets.jvm;
  if (jvm.status !== 'ok') return { blocks: [], needs: [] };
  const blocks: Block[] = [];
  const needs: AptNeed[] = [];
  const sys = fp.facets.system;
  const aptHas = (n: string) => plan.sameDistro && sys.status === 'ok' && (sys.packages ?? []).some((p) => p.name === n && p.manual);
  if (jvm.java && plan.java === 'none') {
    const major = javaMajorOf(jvm.java.version);
    omissions.push({ facet: 'jvm', subject: 'java', why: `Java ${jvm.java.version} is not part of this base` });
    blocks.push({
      comments: wrapComment(`The source also has Java ${jvm.java.version}; this base does not carry it (eclipse-temurin:${major} does).`),
      lines: [],
    });
  }
  const downloads: string[] = [];
  const env: string[] = [];
  // The versions go into download URLs inside a RUN line.
  const scala = jvm.scala && isReleaseVersion(jvm.scala.version) ? jvm.scala : undefined;
  const spark = jvm.spark && isReleaseVersion(jvm.spark.version) ? jvm.spark : undefined;
  if (jvm.scala && !scala) omissions.push({ facet: 'jvm', subject: 'scala', why: UNSAFE_WHY });
  if (jvm.spark && !spark) omissions.push({ facet: 'jvm', subject: 'spark', why: UNSAFE_WHY });
  if (scala && !aptHas('scala')) {
    const a = scalaArchive(scala.version);
    downloads.push(`curl -fsSL ${a.url} | tar -xz -C /opt`, `ln -s /opt/${a.dir} /opt/scala`);
    env.push('SCALA_HOME=/opt/scala');
  }
  if (spark) {
    const url = sparkArchive(spark.version, spark.scalaBinaryVersion);
    const dir = url
      .split('/')
      .pop()!
      .replace(/\.tgz$/, '');
    downloads.push(`curl -fsSL ${url} | tar -xz -C /opt`, `ln -s /opt/${dir} /opt/spark`);
    env.push('SPARK_HOME=/opt/spark');
  }
  if (downloads.length) {
    needs.push({ name: 'curl', why: 'downloads Scala/Spark' }, { name: 'ca-certificates', why: 'HTTPS downloads' });
    const path = [
      env.some((e) => e.startsWith('SCALA_HOME')) ? '/opt/scala/bin' : '',
      env.some((e) => e.startsWith('SPARK_HOME')) ? '/opt/spark/bin' : '',
    ]
      .filter(Boolean)
      .join(':');
    blocks.push({
      comments: [
        `# ${[scala && !aptHas('scala') ? `Scala ${scala.version}` : '', spark ? `Spark ${spark.version}` : ''].filter(Boolean).join(' and ')} from the official release archives.`,
      ],
      lines: [...runChain(downloads), `ENV ${env.join(' \\\n    ')} \\\n    PATH=${path}:$PATH`],
    });
  }
  return { blocks, needs };
}

/** The JVM part: Scala and Spark from their release archives (Java comes with the base or apt). */
export const jvmDockerfile: DockerfilePart = {
  order: 30,
  build: ({ fp, plan, omissions }) => jvmPlan(fp, plan, omissions),
};
