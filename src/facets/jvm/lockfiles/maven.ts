// Maven pom.xml: the dependencies it declares, with ${property} values from <properties>
// (https://maven.apache.org/pom.html#Properties), properties of profiles marked
// activeByDefault, and project.* built-ins. Parents and imported BOMs are not fetched, so a
// version they manage is absent, and a property no one defines here is a problem with its line:
//   <properties><spark.version>3.0.0</spark.version></properties>
//   <dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_${scala.binary.version}</artifactId>
//     <version>${spark.version}</version><scope>provided</scope></dependency>
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LockedPackage } from '../../shared/lockfile.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError, lineAt } from '../../shared/lockfile.js';

type XmlNode = Record<string, unknown>;

function list(v: unknown): XmlNode[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'object') as XmlNode[];
}

/** An element's text; an element with children (an object) has none. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function parsePom(xml: string, _ctx: LockParseContext): ParsedLock {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new LockParseError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  // parseTagValue off: "4.11" and "1.0" are versions, not numbers.
  const doc = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true }).parse(xml) as XmlNode;
  const project = doc['project'] as XmlNode | undefined;
  if (!project || typeof project !== 'object') throw new LockParseError('no <project> element: not a pom.xml');

  const props = new Map<string, string>();
  const addProps = (p: unknown) => {
    if (p && typeof p === 'object') for (const [k, v] of Object.entries(p as XmlNode)) props.set(k, text(v) ?? '');
  };
  addProps(project['properties']);
  const activeProfiles = list((project['profiles'] as XmlNode | undefined)?.['profile']).filter(
    (p) => text((p['activation'] as XmlNode | undefined)?.['activeByDefault']) === 'true',
  );
  activeProfiles.forEach((p) => addProps(p['properties']));
  const parent = (project['parent'] ?? {}) as XmlNode;
  const builtins: Record<string, string | undefined> = {
    'project.version': text(project['version']) ?? text(parent['version']),
    'project.groupId': text(project['groupId']) ?? text(parent['groupId']),
    'project.artifactId': text(project['artifactId']),
    'project.parent.version': text(parent['version']),
    version: text(project['version']),
  };

  const problems: LockProblem[] = [];
  const reported = new Set<string>();
  const resolveProps = (value: string): string =>
    value.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
      const v = props.get(key) ?? builtins[key];
      if (v !== undefined) return v.includes('${') && v !== whole ? resolveProps(v) : v;
      if (!reported.has(key)) {
        reported.add(key);
        problems.push({
          line: lineAt(xml, Math.max(0, xml.indexOf(whole))),
          message: `property ${key} is not defined in this pom (a profile or parent sets it); left as written`,
        });
      }
      return whole;
    });

  const managed = new Map<string, string>();
  const collectManaged = (dm: unknown) =>
    list((((dm ?? {}) as XmlNode)['dependencies'] as XmlNode | undefined)?.['dependency']).forEach((d) => {
      const v = text(d['version']);
      if (v) managed.set(`${text(d['groupId'])}:${text(d['artifactId'])}`, v);
    });
  collectManaged(project['dependencyManagement']);
  activeProfiles.forEach((p) => collectManaged(p['dependencyManagement']));

  const packages: LockedPackage[] = [];
  const declared = [
    ...list((project['dependencies'] as XmlNode | undefined)?.['dependency']),
    ...activeProfiles.flatMap((p) => list((p['dependencies'] as XmlNode | undefined)?.['dependency'])),
  ];
  for (const d of declared) {
    const g = text(d['groupId']);
    const a = text(d['artifactId']);
    if (!g || !a) {
      problems.push({ line: 1, message: 'a <dependency> without groupId or artifactId' });
      continue;
    }
    const rawVersion = text(d['version']) ?? managed.get(`${g}:${a}`);
    const name = resolveProps(`${g}:${a}`);
    const version = rawVersion !== undefined ? resolveProps(rawVersion) : undefined;
    const scope = text(d['scope']);
    const type = text(d['type']);
    packages.push({
      name,
      ...(version && !version.includes('${') ? (/^[[(]/.test(version) ? { specifier: version } : { version }) : {}),
      ecosystem: 'maven',
      ...(scope || type === 'test-jar' ? { group: scope ?? 'test' } : {}),
    });
  }
  const meta: Record<string, string> = {};
  for (const key of ['spark.version', 'scala.version', 'scala.binary.version', 'java.version', 'maven.compiler.source']) {
    const v = props.get(key);
    if (v) meta[key] = resolveProps(v);
  }
  return { packages, problems, meta };
}
