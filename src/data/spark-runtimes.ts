// The Java a Spark release line runs on, from each release's documentation overview ("Spark runs
// on Java 8/11/17, Scala 2.12/2.13 …": https://spark.apache.org/docs/3.5.0/#downloading; "Spark
// runs on Java 17/21, Scala 2.13 …": https://spark.apache.org/docs/4.0.0/#downloading), used when
// the capture could not read the class-file version of Spark's own classes.
// Updating: one row per release line, newest first.

export interface SparkRuntimeRow {
  /** major.minor of the Spark release line. */
  spark: string;
  /** The oldest Java major it runs on. */
  minJava: number;
  source: string;
}

export const SPARK_RUNTIMES: readonly SparkRuntimeRow[] = [
  { spark: '4.0', minJava: 17, source: 'https://spark.apache.org/docs/4.0.0/#downloading' },
  { spark: '3.5', minJava: 8, source: 'https://spark.apache.org/docs/3.5.0/#downloading' },
];

/**
 * The Java major a class file needs: its major version minus 44 from Java 5 (49) on (JVM
 * Specification, Table 4.1-A: https://docs.oracle.com/javase/specs/jvms/se21/html/jvms-4.html#jvms-4.1-200-B.2).
 */
export function javaForClassFile(major: number): number | undefined {
  return major >= 49 ? major - 44 : undefined;
}
