// JVM rules: Java major, Scala binary version, Spark release line.
import type { Finding, JvmFacet } from '../../core/types.js';
import { getScheme } from '../../versioning/index.js';
import { makeFinding } from '../rule-helpers.js';
import type { CompareContext } from '../types.js';

/** `1.8.0_392` → 8 (the pre-JEP 223 scheme), `17.0.9` → 17, `21` → 21. */
export function javaMajor(version: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (m === null) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

/** Scala 2 keeps binary compatibility within 2.x (2.12, 2.13); Scala 3 within 3.x. */
export function scalaBinaryVersion(version: string): string {
  const parts = version.trim().split('.');
  return parts[0] === '3' ? '3' : parts.slice(0, 2).join('.');
}

export function compareJvm(baseline: JvmFacet, target: JvmFacet, _ctx: CompareContext): Finding[] {
  const findings: Finding[] = [];
  findings.push(...presence('java', baseline.java?.version, target.java?.version));
  findings.push(...presence('scala', baseline.scala?.version, target.scala?.version));
  findings.push(...presence('spark', baseline.spark?.version, target.spark?.version));

  const ja = baseline.java?.version;
  const jb = target.java?.version;
  if (ja !== undefined && jb !== undefined && ja !== jb) {
    const ma = javaMajor(ja);
    const mb = javaMajor(jb);
    const major = ma !== mb;
    findings.push(
      makeFinding({
        ruleId: major ? 'jvm/java-major' : 'jvm/java-version',
        severity: major ? 'warning' : 'info',
        facet: 'jvm',
        subject: 'java',
        baseline: ja,
        target: jb,
        message: major
          ? `Java ${ma} here, Java ${mb} there: classes compiled for a newer Java fail with UnsupportedClassVersionError, and Spark supports only some Java majors`
          : `Java update differs: ${ja} here, ${jb} there`,
        hint: major ? `install Java ${ma} on the target (e.g. eclipse-temurin:${ma}-jre)` : 'nothing to do',
      }),
    );
  }

  const sa = baseline.scala?.version;
  const sb = target.scala?.version;
  if (sa !== undefined && sb !== undefined && sa !== sb) {
    const ba = scalaBinaryVersion(sa);
    const bb = scalaBinaryVersion(sb);
    findings.push(
      makeFinding({
        ruleId: ba !== bb ? 'jvm/scala-binary-version' : 'jvm/scala-version',
        severity: ba !== bb ? 'error' : 'info',
        facet: 'jvm',
        subject: 'scala',
        baseline: sa,
        target: sb,
        message:
          ba !== bb
            ? `Scala ${ba} here, ${bb} there: jars are built per Scala binary version (_${ba} vs _${bb} artifacts) and do not link across them`
            : `Scala patch release differs: ${sa} here, ${sb} there (binary compatible)`,
        hint: ba !== bb ? `use Scala ${ba} on the target, or rebuild your jars for Scala ${bb}` : 'nothing to do',
      }),
    );
  }

  const pa = baseline.spark?.version;
  const pb = target.spark?.version;
  if (pa !== undefined && pb !== undefined && pa !== pb) {
    const diff = getScheme('semver').diff(pa, pb);
    const severity = diff === 'major' ? 'error' : diff === 'minor' ? 'warning' : 'info';
    findings.push(
      makeFinding({
        ruleId: diff === 'major' ? 'jvm/spark-major' : diff === 'minor' ? 'jvm/spark-minor' : 'jvm/spark-patch',
        severity,
        facet: 'jvm',
        subject: 'spark',
        baseline: pa,
        target: pb,
        message:
          severity === 'info'
            ? `Spark maintenance release differs: ${pa} here, ${pb} there`
            : `Spark ${pa} here, ${pb} there: SQL defaults, APIs and the Scala/Java versions supported change between Spark releases`,
        hint: severity === 'info' ? 'nothing to do' : `run the job on Spark ${pa} (pin pyspark==${pa}) or test it on ${pb}`,
      }),
    );
  }
  const sba = baseline.spark?.scalaBinaryVersion;
  const sbb = target.spark?.scalaBinaryVersion;
  if (sba !== undefined && sbb !== undefined && sba !== sbb) {
    findings.push(
      makeFinding({
        ruleId: 'jvm/spark-scala-binary-version',
        severity: 'error',
        facet: 'jvm',
        subject: 'spark scala',
        baseline: sba,
        target: sbb,
        message: `Spark is built for Scala ${sba} here and ${sbb} there: connector and UDF jars (_${sba}) fail to load on the target`,
        hint: `use the Spark distribution built for Scala ${sba} on the target`,
      }),
    );
  }
  return findings;
}

function presence(tool: 'java' | 'scala' | 'spark', a: string | undefined, b: string | undefined): Finding[] {
  if (a !== undefined && b === undefined) {
    return [
      makeFinding({
        ruleId: `jvm/${tool}-missing`,
        severity: 'warning',
        facet: 'jvm',
        subject: tool,
        baseline: a,
        target: null,
        message: `${tool} ${a} is installed here but not found on the target`,
        hint: `install ${tool} ${a} on the target if any step of the pipeline uses it`,
      }),
    ];
  }
  if (a === undefined && b !== undefined) {
    return [
      makeFinding({
        ruleId: `jvm/${tool}-added`,
        severity: 'info',
        facet: 'jvm',
        subject: tool,
        baseline: null,
        target: b,
        message: `${tool} ${b} is on the target but not here`,
        hint: 'nothing to do',
      }),
    ];
  }
  return [];
}
