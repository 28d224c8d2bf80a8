// Parses the jvm probe (probes/jvm.sh). Real sample (OpenJDK 17 and Debian's scala 2.11.12 on
// the envdiff dev machine):
//   ### java-release
//   home=/usr/lib/jvm/java-17-openjdk-amd64
//   IMPLEMENTOR="Debian"
//   JAVA_RUNTIME_VERSION="17.0.15+6-Debian-1deb12u1"
//   JAVA_VERSION="17.0.15"
//   ### scala-jars
//   /usr/share/java/scala-library-2.11.12.jar
//   ### scala-library-properties
//   version.number=2.11.12
// Fallback sections: java-properties (`    java.version = 17.0.15` lines of -XshowSettings),
// scala-version (`Scala code runner version 2.11.12 -- Copyright …`), spark-release
// (`Spark 3.5.1 (git revision fd86f85e181) built for Hadoop 3.3.4`), spark-jars
// (`spark-core_2.12-3.5.0.jar`), spark-submit (its --version banner), spark-class-file (the first
// eight bytes of SparkContext.class as `od -An -tu1` prints them: ` 202 254 186 190   0   0   0  61`),
// scala-suffixed-jars (jar names, one a line: `delta-spark_2.13-3.2.0.jar`).
import type { JvmFacet } from './types.js';
import { describeExit, parseKeyValues, splitSubsections, type ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';
import { redactHome } from '../shared/redact-home.js';
import { byCodeUnit } from '../../core/text.js';

type Java = NonNullable<JvmFacet['java']>;

function parseJava(subs: Map<string, string>, home: string | undefined): Java | null {
  const rel = subs.get('java-release');
  if (rel !== undefined) {
    const kv = parseKeyValues(rel);
    if (kv['JAVA_VERSION']) {
      const java: Java = { version: kv['JAVA_VERSION'] };
      if (kv['IMPLEMENTOR']) java.vendor = kv['IMPLEMENTOR'];
      if (kv['home']) java.home = redactHome(kv['home'], home);
      return java;
    }
  }
  const props = subs.get('java-properties');
  if (props !== undefined) {
    const kv: Record<string, string> = {};
    for (const line of props.split('\n')) {
      const m = /^\s*(java\.[a-z.]+|home)\s*=\s*(.*)$/.exec(line);
      if (m && !(m[1]! in kv)) kv[m[1]!] = m[2]!.trim();
    }
    if (kv['java.version']) {
      const java: Java = { version: kv['java.version'] };
      if (kv['java.vendor']) java.vendor = kv['java.vendor'];
      const h = kv['java.home'] ?? kv['home'];
      if (h) java.home = redactHome(h, home);
      return java;
    }
  }
  return null;
}

/** scala-library-2.11.12.jar, scala3-library_3-3.3.1.jar (Scala 3 wins over its 2.13 library). */
function parseScala(subs: Map<string, string>): JvmFacet['scala'] {
  const jars = subs.get('scala-jars');
  if (jars !== undefined) {
    const names = jars.split('\n').map((l) => l.trim().split('/').pop() ?? '');
    for (const n of names) {
      const m = /^scala3-library_3-(\d+\.\d+\.\d+[^/]*?)\.jar$/.exec(n);
      if (m) return { version: m[1]! };
    }
    for (const n of names) {
      const m = /^scala-library-(\d+\.\d+\.\d+[^/]*?)\.jar$/.exec(n);
      if (m) return { version: m[1]! };
    }
  }
  const props = parseKeyValues(subs.get('scala-library-properties') ?? '');
  if (props['version.number']) return { version: props['version.number'] };
  const banner = /Scala code runner version (\d+\.\d+\.\d+\S*)/.exec(subs.get('scala-version') ?? '');
  if (banner) return { version: banner[1]! };
  return null;
}

/** The Scala binary version a Spark build uses: spark-core_2.12-3.5.0.jar, or "Using Scala version 2.12.18". */
function parseSpark(subs: Map<string, string>): JvmFacet['spark'] {
  let version: string | undefined;
  let scalaBinaryVersion: string | undefined;
  // Written by Spark's dev/make-distribution.sh: "Spark $VERSION$GITREVSTRING built for Hadoop …".
  const rel = /^Spark (\d+\.\d+\.\d+\S*)/m.exec(subs.get('spark-release') ?? '');
  if (rel) version = rel[1]!;
  const jar = /spark-core_(\d+\.\d+)-(\d+\.\d+\.\d+[^\s/]*?)\.jar/.exec(subs.get('spark-jars') ?? '');
  if (jar) {
    scalaBinaryVersion = jar[1]!;
    version ??= jar[2]!;
  }
  const submit = subs.get('spark-submit') ?? '';
  if (!version) {
    const m = /version (\d+\.\d+\.\d+\S*)/.exec(submit);
    if (m) version = m[1]!;
  }
  if (!scalaBinaryVersion) {
    const m = /Using Scala version (\d+\.\d+)/.exec(submit);
    if (m) scalaBinaryVersion = m[1]!;
  }
  if (!version) return null;
  const spark: NonNullable<JvmFacet['spark']> = scalaBinaryVersion ? { version, scalaBinaryVersion } : { version };
  // A class file starts with 0xCAFEBABE, then minor and major version, big-endian (JVM spec §4.1).
  const bytes = (subs.get('spark-class-file') ?? '').trim().split(/\s+/).map(Number);
  if (bytes.length >= 8 && bytes[0] === 202 && bytes[1] === 254 && bytes[2] === 186 && bytes[3] === 190) {
    spark.classFileMajor = bytes[6]! * 256 + bytes[7]!;
  }
  return spark;
}

function parseScalaJars(subs: Map<string, string>): string[] {
  const names = (subs.get('scala-suffixed-jars') ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /\.jar$/.test(l) && !l.includes('/'));
  return [...new Set(names)].sort(byCodeUnit);
}

export function parseJvm(section: ProbeSection, ctx: ParseContext): JvmFacet {
  const subs = splitSubsections(section.text);
  const java = parseJava(subs, ctx.home);
  const scala = parseScala(subs);
  const spark = parseSpark(subs);
  if (!java && !scala && !spark) {
    const looked = [...subs.keys()].filter((k) => k !== '');
    // Text outside any sub-section is not a probe's doing: garbage, so 'could not tell'.
    if (looked.length === 0 && !subs.has('') && section.exitCode === 0)
      return { status: 'absent', reason: 'no java, scala or spark found' };
    return { status: 'error', reason: `found ${looked.join(', ') || 'nothing'} but no version in it ${describeExit(section)}` };
  }
  const scalaJars = parseScalaJars(subs);
  return { status: 'ok', java, scala, spark, ...(scalaJars.length > 0 ? { scalaJars } : {}) };
}
