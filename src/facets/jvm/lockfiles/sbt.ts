// build.sbt, read without running sbt (sbt is Scala code; this reads the common literal forms):
//   scalaVersion := "2.11.12"                       (also ThisBuild / scalaVersion, scalaVersion in ThisBuild)
//   crossScalaVersions := Seq("2.11.12", "2.12.10")
//   val sparkVersion = sys.props.get("spark.testVersion").getOrElse("2.4.7")
//   libraryDependencies ++= Seq(
//     "org.apache.spark" %% "spark-core" % sparkVersion % Provided,
//     "org.scala-lang" % "scala-library" % scalaVersion.value % Provided)
// plus project/build.properties (sbt.version=1.2.8). `%%` appends the Scala binary version to the
// artifact (https://www.scala-sbt.org/1.x/docs/Library-Dependencies.html#Getting+the+right+Scala+version+with);
// a version this reader cannot evaluate is a problem with its line, not a guess.
import type { LockedPackage } from '../../shared/lockfile.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { lineAt } from '../../shared/lockfile.js';
import { scalaBinaryVersion } from '../versions.js';

/** The text of a balanced (...) or {...} starting at `open`. */
function balanced(text: string, open: number): string {
  const o = text[open]!;
  const c = o === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) return text.slice(open);
      i = end;
    } else if (ch === o) depth++;
    else if (ch === c && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

export function parseSbt(text: string, ctx: LockParseContext): ParsedLock {
  // Line comments out, keeping offsets (and so line numbers) unchanged.
  const src = text.replace(/\/\/[^\n]*/g, (m) => ' '.repeat(m.length));
  const problems: LockProblem[] = [];
  const meta: Record<string, string> = {};
  const vals = new Map<string, string>();

  for (const m of src.matchAll(/\bva[lr]\s+(\w+)\s*(?::\s*String\s*)?=\s*([^\n]+)/g)) {
    const rhs = m[2]!.trim();
    const lit = /^"([^"]*)"$/.exec(rhs);
    const fallback = /getOrElse\(\s*"([^"]*)"\s*\)\s*$/.exec(rhs);
    if (lit) vals.set(m[1]!, lit[1]!);
    else if (fallback) {
      vals.set(m[1]!, fallback[1]!);
      problems.push({
        line: lineAt(src, m.index),
        message: `${m[1]} can be overridden at build time (${rhs.replace(/\.getOrElse.*/, '')}); took its default ${fallback[1]}`,
      });
    }
  }
  const sv = /(?:^|\n)\s*(?:ThisBuild\s*\/\s*)?scalaVersion(?:\s+in\s+ThisBuild)?\s*:=\s*(?:"([^"]+)"|(\w+))/.exec(src);
  if (sv) {
    const v = sv[1] ?? vals.get(sv[2]!);
    if (v) meta['scalaVersion'] = v;
    else if (sv[2] !== 'crossScalaVersions')
      problems.push({ line: lineAt(src, sv.index + 1), message: `scalaVersion := ${sv[2]}: not a string defined in this build; not read` });
  }
  // `val scala212 = "2.12.18"` then `crossScalaVersions := Seq(scala212, scala213)`: a name is
  // resolved when this build defines it as a plain string; otherwise its line is reported, and a
  // variable name is never recorded as a version.
  const lists = new Map<string, string>();
  for (const m of src.matchAll(/\bva[lr]\s+(\w+)\s*(?::\s*[\w[\]]+\s*)?=\s*(?:Seq|List|Vector)\(([^)]*)\)/g)) lists.set(m[1]!, m[2]!);
  const cross = /crossScalaVersions\s*:=\s*(?:(?:Seq|List|Vector)\(([^)]*)\)|([A-Za-z_]\w*)\s*$)/m.exec(src);
  const crossBody = cross ? (cross[1] ?? lists.get(cross[2]!)) : undefined;
  if (cross && crossBody === undefined) {
    problems.push({
      line: lineAt(src, cross.index),
      message: `crossScalaVersions := ${cross[2]}: not a list defined in this build; not read`,
    });
  }
  if (cross && crossBody !== undefined) {
    const list: string[] = [];
    for (const x of crossBody.matchAll(/"([^"]+)"|([A-Za-z_][\w.]*)/g)) {
      const v = x[1] ?? vals.get(x[2]!);
      if (v !== undefined) list.push(v);
      else
        problems.push({
          line: lineAt(src, cross.index),
          message: `crossScalaVersions: ${x[2]} is not a string defined in this build; not read`,
        });
    }
    if (list.length) meta['crossScalaVersions'] = list.join(' ');
    if (!meta['scalaVersion'] && /crossScalaVersions\.value\.head/.test(src) && list[0]) meta['scalaVersion'] = list[0];
  }
  const props = ctx.readRelated?.('project/build.properties');
  const sbtv = props ? /^\s*sbt\.version\s*=\s*(\S+)/m.exec(props.text) : null;
  if (sbtv) meta['sbtVersion'] = sbtv[1]!;

  const packages: LockedPackage[] = [];
  const binary = meta['scalaVersion'] ? scalaBinaryVersion(meta['scalaVersion']) : undefined;
  for (const dep of src.matchAll(/libraryDependencies\s*(\+\+=|\+=)\s*/g)) {
    const after = dep.index + dep[0].length;
    const bracket = src.slice(after).search(/[({]/);
    const nl = src.indexOf('\n', after);
    const body =
      bracket >= 0 && (dep[1] === '++=' || nl < 0 || after + bracket < nl)
        ? balanced(src, after + bracket)
        : src.slice(after, nl < 0 ? undefined : nl);
    const base = dep[1] === '++=' || bracket >= 0 ? after + Math.max(bracket, 0) : after;
    const MODULE = /"([^"]+)"\s*(%%%|%%|%)\s*"([^"]+)"\s*%\s*(?:"([^"]+)"|([\w.]+))(?:\s*%\s*(?:"([^"]+)"|(\w+)))?/g;
    for (const m of body.matchAll(MODULE)) {
      const line = lineAt(src, base + m.index);
      const [, group, op, artifact, literal, ident, cfgLit, cfgId] = m;
      let version = literal;
      if (!version && ident) {
        version = ident === 'scalaVersion.value' ? meta['scalaVersion'] : vals.get(ident);
        if (!version) problems.push({ line, message: `${group}:${artifact}: version ${ident} is not a literal in this file; not checked` });
      }
      let name = `${group}:${artifact}`;
      if (op !== '%') {
        if (binary) name += `_${binary}`;
        else problems.push({ line, message: `${group} ${op} ${artifact}: no scalaVersion to complete the artifact name` });
      }
      const scope = cfgLit ?? cfgId;
      packages.push({
        name,
        ...(version ? { version } : {}),
        ecosystem: 'maven',
        ...(scope ? { group: scope.toLowerCase() } : {}),
      });
    }
  }
  return { packages, problems, meta };
}
