// JVM rules: Java major, Scala binary version, Spark release line.
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { getScheme } from '../../versioning/index.js';
import type { CompareContext } from '../types.js';
import type { JvmFacet } from './types.js';
import { javaMajor, scalaBinaryVersion } from './versions.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const JVM_RULES = defineRules('jvm', {
  'java-missing': {
    severity: 'warning',
    title: 'Java is installed on the baseline but not found on the target',
    help: 'Any step of the pipeline that runs java fails on the target; install the baseline’s version there.',
  },
  'java-added': {
    severity: 'info',
    title: 'Java is on the target only',
    help: 'Nothing the baseline runs can depend on it.',
  },
  'scala-missing': {
    severity: 'warning',
    title: 'Scala is installed on the baseline but not found on the target',
    help: 'Any step of the pipeline that runs scala fails on the target; install the baseline’s version there.',
  },
  'scala-added': {
    severity: 'info',
    title: 'Scala is on the target only',
    help: 'Nothing the baseline runs can depend on it.',
  },
  'spark-missing': {
    severity: 'warning',
    title: 'Spark is installed on the baseline but not found on the target',
    help: 'Any step of the pipeline that runs spark fails on the target; install the baseline’s version there.',
  },
  'spark-added': {
    severity: 'info',
    title: 'Spark is on the target only',
    help: 'Nothing the baseline runs can depend on it.',
  },
  'java-major': {
    severity: 'warning',
    title: 'Java major version differs',
    help: 'Classes compiled for a newer Java fail with UnsupportedClassVersionError on an older one, and each Spark release supports only some Java majors.',
  },
  'java-version': {
    severity: 'info',
    title: 'Java update release differs',
    help: 'Same major version: updates keep compatibility.',
  },
  'scala-binary-version': {
    severity: 'error',
    title: 'Scala binary version differs',
    help: 'Jars are built per Scala binary version (`_2.12` vs `_2.13` artifacts) and do not link across them: use the baseline’s Scala line or rebuild the jars.',
  },
  'scala-version': {
    severity: 'info',
    title: 'Scala patch release differs',
    help: 'Same binary version: binary compatible.',
  },
  'spark-major': {
    severity: 'error',
    title: 'Spark major version differs',
    help: 'SQL defaults, APIs and the supported Scala and Java versions change between Spark majors: run the job on the baseline’s Spark or test it on the target’s.',
  },
  'spark-minor': {
    severity: 'warning',
    title: 'Spark minor version differs',
    help: 'SQL defaults and behaviour change between Spark minor releases (see the migration guide of each release).',
  },
  'spark-patch': {
    severity: 'info',
    title: 'Spark maintenance release differs',
    help: 'Maintenance releases carry fixes only.',
  },
  'spark-scala-binary-version': {
    severity: 'error',
    title: 'Spark is built for another Scala binary version',
    help: 'Connector and UDF jars built for one Scala binary version (`_2.12`) fail to load in a Spark built for another: use the Spark distribution built for the baseline’s Scala.',
  },
});

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
      finding(major ? JVM_RULES['java-major'] : JVM_RULES['java-version'], {
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
      finding(ba !== bb ? JVM_RULES['scala-binary-version'] : JVM_RULES['scala-version'], {
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
    const rule = diff === 'major' ? JVM_RULES['spark-major'] : diff === 'minor' ? JVM_RULES['spark-minor'] : JVM_RULES['spark-patch'];
    const severity = rule.severity;
    findings.push(
      finding(rule, {
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
      finding(JVM_RULES['spark-scala-binary-version'], {
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
      finding(JVM_RULES[`${tool}-missing`], {
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
      finding(JVM_RULES[`${tool}-added`], {
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
