// gradle.lockfile (https://docs.gradle.org/current/userguide/dependency_locking.html):
//   com.google.guava:guava:31.1-jre=checkstyle
//   org.junit:junit-bom:5.9.2=testCompileClasspath,testRuntimeClasspath
//   empty=annotationProcessor,runtimeClasspath
import type { LockedPackage } from '../../shared/lockfile.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError } from '../../shared/lockfile.js';

export function parseGradleLockfile(text: string, _ctx: LockParseContext): ParsedLock {
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  let recognised = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith('empty=')) {
      recognised++;
      return;
    }
    const m = /^([^:=\s]+):([^:=\s]+):([^:=\s]+)=(.*)$/.exec(line);
    if (!m) {
      problems.push({ line: i + 1, message: `not group:artifact:version=configurations: "${line.slice(0, 120)}"` });
      return;
    }
    recognised++;
    packages.push({ name: `${m[1]}:${m[2]}`, version: m[3]!, ecosystem: 'maven', ...(m[4] ? { group: m[4] } : {}) });
  });
  if (recognised === 0 && problems.length > 0) throw new LockParseError('no `group:artifact:version=…` line: not a gradle.lockfile');
  return { packages, problems };
}
