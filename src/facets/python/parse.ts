// Parses the python probe (probes/python.sh): one JSON line written by the interpreter itself.
// Real sample (Python 2.7.18 under pyenv, the envdiff dev machine):
//   ### interpreter
//   python3
//   ### json
//   {"abi": "cp27mu", "conda": null, "executable": "/root/.pyenv/versions/2.7.18/bin/python2.7",
//    "implementation": "CPython", "packages": [{"installer": "pip", "name": "pip",
//    "tags": ["py2-none-any", "py3-none-any"], "version": "19.2.3"}, …], "platform": "linux-x86_64",
//    "version": "2.7.18", "virtualEnv": null}
// Other sub-sections: `### startup` (what the interpreter printed before the snippet: ignored),
// `### absent` (no python3/python on PATH), `### missing` + the path given with --python and why
// it does not run (not found, a directory, not executable).
import type { CondaPackage, PythonFacet, PythonPackage } from './types.js';
import { normalizePypiName } from '../../core/names.js';
import { splitSubsections, stderrTail, type ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';
import { redactHome, redactHomeOpt } from '../shared/redact-home.js';
import { maskSecrets } from '../../core/secrets.js';
import { byCodeUnit } from '../../core/text.js';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * conda-meta records the channel as a URL ("https://conda.anaconda.org/conda-forge/linux-64");
 * `conda list` shows the channel name, which is what differs meaningfully between machines.
 */
export function condaChannelName(channel: string): string {
  let c = channel.trim().replace(/\/+$/, '');
  c = c.replace(/\/(noarch|(linux|osx|win|emscripten|wasi|zos)-[a-z0-9_]+)$/, '');
  const m = /^https?:\/\/(?:conda\.anaconda\.org|repo\.anaconda\.com|conda\.anaconda\.com)\/(.+)$/.exec(c);
  if (m) return m[1]!;
  return c;
}

function reasonFrom(section: ProbeSection, what: string): string {
  const tail = stderrTail(section, 3);
  const killed = section.exitCode === 143 ? ' (killed by the probe timeout)' : '';
  return `${what}${killed}; exit ${section.exitCode}${tail ? `: ${tail}` : ''}`;
}

function parsePackages(raw: unknown, home: string | undefined): PythonPackage[] {
  if (!Array.isArray(raw)) return [];
  const byName = new Map<string, PythonPackage>();
  for (const p of raw) {
    if (!isObj(p)) continue;
    const name = str(p['name']);
    const version = str(p['version']);
    if (!name || version === undefined) continue;
    const pkg: PythonPackage = { name: normalizePypiName(name), version };
    const installer = str(p['installer']);
    if (installer) pkg.installer = installer;
    if (Array.isArray(p['tags'])) {
      const tags = p['tags'].filter((t): t is string => typeof t === 'string');
      if (tags.length) pkg.tags = tags;
    }
    if (Array.isArray(p['requires'])) {
      const requires = p['requires'].filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim());
      if (requires.length) pkg.requires = requires;
    }
    const du = p['directUrl'];
    if (isObj(du) && typeof du['url'] === 'string') {
      pkg.directUrl = { url: maskSecrets(redactHome(du['url'], home)) };
      if (du['editable'] === true) pkg.directUrl.editable = true;
      const vcs = str(du['vcs']);
      if (vcs) pkg.directUrl.vcs = vcs;
    }
    // The probe already keeps the first one on sys.path; keep that promise for any input.
    if (!byName.has(pkg.name)) byName.set(pkg.name, pkg);
  }
  return [...byName.values()].sort((a, b) => byCodeUnit(a.name, b.name));
}

function parseConda(raw: unknown, home: string | undefined): PythonFacet['conda'] {
  if (!isObj(raw) || typeof raw['prefix'] !== 'string') return null;
  const packages: CondaPackage[] = [];
  for (const p of Array.isArray(raw['packages']) ? raw['packages'] : []) {
    if (!isObj(p) || typeof p['name'] !== 'string') continue;
    const pkg: CondaPackage = { name: p['name'], version: str(p['version']) ?? '' };
    const build = str(p['build']);
    if (build) pkg.build = build;
    const channel = str(p['channel']);
    if (channel) pkg.channel = maskSecrets(condaChannelName(channel));
    packages.push(pkg);
  }
  packages.sort((a, b) => byCodeUnit(a.name, b.name));
  return { prefix: redactHome(raw['prefix'], home), packages };
}

export function parsePython(section: ProbeSection, ctx: ParseContext): PythonFacet {
  const subs = splitSubsections(section.text);
  if (subs.has('absent')) return { status: 'absent', reason: 'no python3 or python on PATH' };
  if (subs.has('missing')) {
    const [path = '', why = 'not found'] = subs.get('missing')!.trim().split('\n');
    return { status: 'error', reason: `python interpreter ${why.trim()}: ${path}` };
  }
  const body = subs.get('json')?.trim();
  if (!body) return { status: 'error', reason: reasonFrom(section, 'the python snippet printed nothing') };
  // The probe's exit status is the interpreter's: one that failed is not trusted, whatever it printed.
  if (section.exitCode !== 0) return { status: 'error', reason: reasonFrom(section, 'the python interpreter exited with an error') };
  let data: unknown;
  try {
    data = JSON.parse(body.split('\n')[0]!);
  } catch {
    return { status: 'error', reason: reasonFrom(section, 'the python snippet printed no valid JSON') };
  }
  if (!isObj(data) || typeof data['version'] !== 'string') {
    return { status: 'error', reason: reasonFrom(section, 'the python snippet printed JSON without a version') };
  }
  const home = ctx.home;
  const venv = str(data['virtualEnv']);
  const facet: PythonFacet = {
    status: 'ok',
    executable: redactHomeOpt(str(data['executable']), home),
    version: data['version'],
    implementation: str(data['implementation']),
    abi: str(data['abi']),
    platform: str(data['platform']),
    virtualEnv: venv ? redactHome(venv, home) : null,
    conda: parseConda(data['conda'], home),
    packages: parsePackages(data['packages'], home),
  };
  for (const k of ['executable', 'implementation', 'abi', 'platform'] as const) {
    if (facet[k] === undefined) delete facet[k];
  }
  return facet;
}
