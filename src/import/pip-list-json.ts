// `pip list --format=json` (https://pip.pypa.io/en/stable/cli/pip_list/): a JSON array, one object
// per distribution. Keys by pip version: `name`, `version` always (old pip wrote `version` first);
// `editable_project_location` for editable installs (pip ≥ 21.3); `location` and `installer` with
// `-v`; `latest_version`/`latest_filetype` with `--outdated`. Names are as the project spells them.
//   [{"name": "demo-editable-vcs", "version": "0.1.0", "editable_project_location": "/tmp/…"}, …]
import type { PythonFacet, PythonPackage } from '../facets/python/types.js';
import { normalizePypiName } from '../core/names.js';
import { byName, isRecord, safeUrl } from './text.js';
import type { ImportInput, ImportOutcome, ImportParser, ImportProblem } from './types.js';

const KNOWN_KEYS = new Set(['name', 'version', 'editable_project_location', 'location', 'installer', 'latest_version', 'latest_filetype']);

export function detectPipListJson(input: ImportInput): boolean {
  const v = input.json();
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every(
      (e) =>
        isRecord(e) && typeof e['name'] === 'string' && typeof e['version'] === 'string' && Object.keys(e).every((k) => KNOWN_KEYS.has(k)),
    )
  );
}

export function parsePipListJson(input: ImportInput): ImportOutcome {
  const v = input.json();
  if (!Array.isArray(v)) return { kind: 'pip-list-json', error: 'not a JSON array: not `pip list --format=json` output' };
  const problems: ImportProblem[] = [];
  const packages = new Map<string, PythonPackage>();
  v.forEach((e, i) => {
    if (!isRecord(e) || typeof e['name'] !== 'string' || typeof e['version'] !== 'string') {
      problems.push({ message: `entry ${i + 1} has no string "name" and "version"` });
      return;
    }
    const name = normalizePypiName(e['name']);
    const editable = typeof e['editable_project_location'] === 'string' ? e['editable_project_location'] : undefined;
    const installer = typeof e['installer'] === 'string' && e['installer'] ? e['installer'] : undefined;
    packages.set(name, {
      name,
      version: e['version'],
      ...(installer ? { installer } : {}),
      ...(editable ? { directUrl: { url: safeUrl(toFileUrl(editable)), editable: true } } : {}),
    });
  });
  if (packages.size === 0) return { kind: 'pip-list-json', error: 'no entries with a name and a version' };
  const python: PythonFacet = { status: 'ok', packages: [...packages.values()].sort(byName) };
  return { kind: 'pip-list-json', facets: { python }, problems, meta: {} };
}

/** A path as a file: URL, the form direct_url.json uses (PEP 610). */
export function toFileUrl(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  const p = path.replace(/\\/g, '/');
  return `file://${p.startsWith('/') ? '' : '/'}${p}`;
}

export const pipListJsonParser: ImportParser = {
  kind: 'pip-list-json',
  title: 'pip list --format=json output',
  detect: detectPipListJson,
  parse: parsePipListJson,
};
