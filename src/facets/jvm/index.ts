import type { LockKindDef } from '../shared/lockfile.js';
import type { FacetModule } from '../types.js';
import { compareJvm, JVM_RULES } from './rules.js';
import type { JvmFacet } from './types.js';

// The JVM build tools' dependency files: Gradle's lockfile, Maven's pom.xml, sbt's build.sbt.
const JVM_LOCK_KINDS: readonly LockKindDef[] = [
  {
    kind: 'gradle.lockfile',
    matches: (b) => b === 'gradle.lockfile' || b.endsWith('.lockfile'),
    sniff: (text) => /^# This is a Gradle generated file for dependency locking/.test(text),
    load: async () => (await import('./lockfiles/gradle.js')).parseGradleLockfile,
  },
  {
    kind: 'pom.xml',
    matches: (b) => b === 'pom.xml',
    sniff: (text) => /^\s*<\?xml[^>]*>\s*<project\b/.test(text),
    load: async () => (await import('./lockfiles/maven.js')).parsePom,
  },
  { kind: 'sbt', matches: (b) => b === 'build.sbt', load: async () => (await import('./lockfiles/sbt.js')).parseSbt },
];

export const jvmFacet: FacetModule<'jvm', JvmFacet, true> = {
  id: 'jvm',
  order: 70,
  required: true,
  parser: async () => (await import('./parse.js')).parseJvm,
  rules: compareJvm,
  catalog: Object.values(JVM_RULES),
  // Often a side tool (notebooks, Spark jobs): it may break a step of the pipeline.
  absentOnTarget: 'warning',
  absentHint: 'install a JDK on the target if the pipeline runs Spark or Scala code',
  dockerfile: async () => (await import('./dockerfile.js')).jvmDockerfile,
  lockKinds: JVM_LOCK_KINDS,
};
