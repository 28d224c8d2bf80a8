// The jvm facet: Java, Scala and Spark versions.
import type { FacetBase } from '../types.js';

export interface JvmFacet extends FacetBase {
  java?: { version: string; vendor?: string; home?: string } | null;
  scala?: { version: string } | null;
  spark?: { version: string; scalaBinaryVersion?: string } | null;
}
