// The jvm facet: Java, Scala and Spark versions.
import type { FacetBase } from '../types.js';

export interface JvmFacet extends FacetBase {
  java?: { version: string; vendor?: string; home?: string } | null;
  scala?: { version: string } | null;
  /** classFileMajor: of SparkContext.class in spark-core (52 = Java 8, 61 = Java 17). */
  spark?: { version: string; scalaBinaryVersion?: string; classFileMajor?: number } | null;
  /** Jars built for one Scala binary version (`delta-spark_2.13-3.2.0.jar`) in SPARK_HOME/jars or on $CLASSPATH. */
  scalaJars?: string[];
}
