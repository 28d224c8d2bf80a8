// `conda env export` (https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#exporting-the-environment-yml-file):
//   name: preprocessing
//   channels:
//     - conda-forge
//   dependencies:
//     - albumentations=1.0.3=pyhd8ed1ab_0      name=version=build
//     - python=3.11.5                          with --no-builds
//     - pip:
//       - opencv-python==4.5.5.64              pip's list of what it installed
//   prefix: /opt/homebrew/Caskroom/miniforge/base/envs/preprocessing
//
// The boundary with a hand-written environment.yml (what `--lock` reads as a lock file): an export
// pins every conda package exactly (`name=version` or `name=version=build`, no `*`, no ranges, no
// bare names, no `channel::` prefixes) and every pip entry the way pip freeze writes it. A file with
// `numpy>=1.26` or a bare `pandas` is a specification someone wrote, not an export, and is not
// detected here. The `variables:` section (conda ≥ 4.9) is never read: it may hold secrets.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { CondaPackage, PythonFacet, PythonPackage } from '../facets/python/types.js';
import { normalizePypiName } from '../core/names.js';
import { parsePipFreeze } from './pip-freeze.js';
import { byName, maskCredentials, tildeHome } from './text.js';
import { isFailure, type ImportInput, type ImportOutcome, type ImportParser, type ImportProblem } from './types.js';

// A conda version may carry an epoch (`x264=1!161.3030=h3422bc3_1`); `=` never appears inside one.
const EXACT = /^([A-Za-z0-9_][A-Za-z0-9._-]*)=([^=<>~*,|\s]+)(?:=([^=<>!~*,|\s]+))?$/;
const PIP_ENTRY = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:==[^\s=;,<>!~*]+|\s+@\s+\S+)|-e\s+\S+)$/;

interface Export {
  name?: string;
  channels: string[];
  conda: string[];
  pip: string[];
  prefix?: string;
}

function readExport(text: string): Export | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const root = doc.contents;
  const deps = root.get('dependencies', true);
  if (!isSeq(deps)) return undefined;
  const out: Export = { channels: [], conda: [], pip: [] };
  const name = root.get('name');
  if (typeof name === 'string') out.name = name;
  const prefix = root.get('prefix');
  if (typeof prefix === 'string') out.prefix = prefix;
  const channels = root.get('channels', true);
  if (isSeq(channels)) for (const c of channels.items) if (isScalar(c)) out.channels.push(String(c.value));
  for (const item of deps.items) {
    if (isScalar(item)) out.conda.push(String(item.value).trim());
    else if (isMap(item) && item.has('pip')) {
      const pip = item.get('pip', true);
      if (!isSeq(pip)) return undefined;
      for (const p of pip.items) {
        if (!isScalar(p)) return undefined;
        out.pip.push(String(p.value).trim());
      }
    } else return undefined;
  }
  return out;
}

export function detectCondaEnvExport(input: ImportInput): boolean {
  if (input.json() !== undefined || !/^dependencies:/m.test(input.text)) return false;
  const e = readExport(input.text);
  return (
    e !== undefined &&
    (e.name !== undefined || e.prefix !== undefined) &&
    e.conda.length > 0 &&
    e.conda.every((d) => EXACT.test(d)) &&
    e.pip.every((p) => PIP_ENTRY.test(p))
  );
}

export function parseCondaEnvExport(input: ImportInput): ImportOutcome {
  const e = readExport(input.text);
  if (!e) return { kind: 'conda-env-export', error: 'not a YAML mapping with a "dependencies" list: not a conda env export' };
  const problems: ImportProblem[] = [];
  const meta: Record<string, string> = {};
  if (e.name) meta['envName'] = e.name;
  if (e.channels.length) meta['channels'] = e.channels.join(' ');
  const conda: CondaPackage[] = [];
  for (const d of e.conda) {
    const m = EXACT.exec(d);
    if (!m) {
      problems.push({ message: `not an exact conda pin: "${maskCredentials(d).slice(0, 120)}"` });
      continue;
    }
    conda.push({ name: m[1]!.toLowerCase(), version: m[2]!, ...(m[3] ? { build: m[3] } : {}) });
  }
  const python: PythonFacet = {
    status: 'ok',
    conda: { prefix: e.prefix ? tildeHome(maskCredentials(e.prefix)) : '', packages: conda.sort(byName) },
  };
  const py = conda.find((p) => p.name === 'python');
  if (py) python.version = py.version;
  if (e.pip.length) {
    const pip = parsePipFreeze({ text: e.pip.join('\n'), json: () => undefined });
    if (isFailure(pip)) problems.push({ message: `pip section: ${pip.error}` });
    else {
      python.packages = pip.facets.python?.packages?.map((p): PythonPackage => ({ ...p, name: normalizePypiName(p.name) }));
      for (const pr of pip.problems) problems.push({ message: `pip section: ${pr.message}` });
    }
  }
  return { kind: 'conda-env-export', facets: { python }, problems, meta };
}

export const condaEnvExportParser: ImportParser = {
  kind: 'conda-env-export',
  title: 'conda env export file',
  detect: detectCondaEnvExport,
  parse: parseCondaEnvExport,
};
