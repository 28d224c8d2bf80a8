// `pip inspect` (pip ≥ 22.2), report format version "1":
// https://pip.pypa.io/en/stable/reference/inspect-report/
//   {"version": "1", "pip_version": "23.2.1",
//    "installed": [{"metadata": {"name": "Demo-VCS", "version": "1.2.0", …},
//                   "direct_url": {"url": "file:///…", "vcs_info": {"vcs": "git", "commit_id": "…"}},
//                   "requested": true, "installer": "pip", "metadata_location": "…"}],
//    "environment": {"implementation_name": "cpython", "python_full_version": "3.11.7",
//                    "platform_system": "Linux", "platform_machine": "x86_64", "platform_release": "…"}}
// `direct_url` is the PEP 610 structure (https://packaging.python.org/en/latest/specifications/direct-url-data-structure/).
// Tools must check `version` (the spec says so): any other value is refused.
import type { KernelFacet } from '../facets/kernel/types.js';
import type { OsFacet } from '../facets/os/types.js';
import type { PythonFacet, PythonPackage } from '../facets/python/types.js';
import { normalizePypiName } from '../core/names.js';
import { byName, isRecord, osNameOf, safeUrl, str } from './text.js';
import type { ImportedFacets, ImportInput, ImportOutcome, ImportParser, ImportProblem } from './types.js';

export function detectPipInspect(input: ImportInput): boolean {
  const v = input.json();
  return isRecord(v) && typeof v['pip_version'] === 'string' && Array.isArray(v['installed']) && 'version' in v;
}

function directUrl(d: unknown): PythonPackage['directUrl'] | undefined {
  if (!isRecord(d) || typeof d['url'] !== 'string') return undefined;
  const dir = isRecord(d['dir_info']) ? d['dir_info'] : undefined;
  const vcs = isRecord(d['vcs_info']) ? str(d['vcs_info']['vcs']) : undefined;
  return { url: safeUrl(d['url']), ...(dir?.['editable'] === true ? { editable: true } : {}), ...(vcs ? { vcs } : {}) };
}

export function parsePipInspect(input: ImportInput): ImportOutcome {
  const v = input.json();
  if (!isRecord(v) || !Array.isArray(v['installed']))
    return { kind: 'pip-inspect', error: 'no "installed" list: not a pip inspect report' };
  if (v['version'] !== '1') {
    return { kind: 'pip-inspect', error: `pip inspect report version ${JSON.stringify(v['version'])} is not supported (only "1")` };
  }
  const problems: ImportProblem[] = [];
  const packages = new Map<string, PythonPackage>();
  v['installed'].forEach((item, i) => {
    const md = isRecord(item) && isRecord(item['metadata']) ? item['metadata'] : undefined;
    const rawName = str(md?.['name']);
    const version = str(md?.['version']);
    if (!rawName || !version) {
      problems.push({ message: `installed[${i}] has no metadata name and version` });
      return;
    }
    const name = normalizePypiName(rawName);
    const it = item as Record<string, unknown>;
    const installer = str(it['installer']);
    const du = directUrl(it['direct_url']);
    packages.set(name, { name, version, ...(installer ? { installer } : {}), ...(du ? { directUrl: du } : {}) });
  });
  const env = isRecord(v['environment']) ? v['environment'] : {};
  const meta: Record<string, string> = {};
  const pipVersion = str(v['pip_version']);
  if (pipVersion) meta['pipVersion'] = pipVersion;
  const python: PythonFacet = { status: 'ok', packages: [...packages.values()].sort(byName) };
  const pyVersion = str(env['python_full_version']);
  if (pyVersion) python.version = pyVersion;
  const impl = str(env['platform_python_implementation']);
  if (impl) python.implementation = impl;
  const facets: ImportedFacets = { python };
  const system = str(env['platform_system']);
  const machine = str(env['platform_machine']);
  const osName = system ? osNameOf(system) : undefined;
  if (osName || machine) {
    const os: OsFacet = {
      status: 'ok',
      ...(osName ? { name: osName } : {}),
      ...(machine ? { arch: machine === 'AMD64' ? 'x86_64' : machine } : {}),
    };
    facets.os = os;
  }
  const release = str(env['platform_release']);
  const kversion = str(env['platform_version']);
  if (osName !== 'windows' && release) {
    const kernel: KernelFacet = { status: 'ok', release, ...(kversion && kversion !== '...' ? { version: kversion } : {}) };
    facets.kernel = kernel;
  }
  return { kind: 'pip-inspect', facets, problems, meta };
}

export const pipInspectParser: ImportParser = {
  kind: 'pip-inspect',
  title: 'pip inspect report',
  detect: detectPipInspect,
  parse: parsePipInspect,
};
