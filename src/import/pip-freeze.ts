// `pip freeze` (and `pip list --format=freeze`): one installed distribution per line, in the forms
// pip's freeze writes (pip/_internal/operations/freeze.py, https://pip.pypa.io/en/stable/cli/pip_freeze/):
//   numpy==1.26.4                                                        a release
//   torch @ https://download.pytorch.org/whl/cu124/torch-2.6.0%2Bcu124-cp311-cp311-linux_x86_64.whl
//   certifi @ file:///home/conda/feedstock_root/build_artifacts/certifi_1700303426725/work/certifi
//   Demo-VCS @ git+file:///tmp/src/vcs@5ec674b0530509b8ffda680754769a31bf56709d
//   -e git+https://github.com/org/repo@<commit>#egg=name                 editable VCS checkout
//   -e /home/me/project                                                  editable, no VCS (pip < 21.1: `-e file:///…`)
//   # Editable install with no version control (demo==0.1)               pip's own comments
//   ## The following requirements were added by pip freeze:              `pip freeze -r req.txt`
//
// The boundary with a requirements file (what `--lock` reads): a file is pip freeze output only if
// every line is one of the forms above. Anything a person writes in requirements but freeze never
// does — a range (`>=`), an option (`-r`, `-c`, `--index-url`, `--hash`), an environment marker
// (`; python_version…`), an indented comment (`    # via x` from pip-compile) — makes it a
// requirements file, and detection says "not pip freeze". A file of nothing but `name==version`
// lines is freeze output by content, whoever wrote it: both readings give the same packages.
import type { PythonFacet, PythonPackage } from '../facets/python/types.js';
import { normalizePypiName } from '../core/names.js';
import { distributionFromUrl } from '../facets/python/lockfiles/pep508.js';
import { byName, lines, maskCredentials, safeUrl } from './text.js';
import type { ImportInput, ImportOutcome, ImportParser, ImportProblem } from './types.js';

// PEP 508 names (https://peps.python.org/pep-0508/#names)
const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const PIN = new RegExp(`^(${NAME})==([^\\s=;,<>!~*]+)$`);
const DIRECT = new RegExp(`^(${NAME})\\s+@\\s+(\\S+)$`);
const EDITABLE = /^-e\s+(\S+)$/;

type FreezeLine =
  | { type: 'pin'; name: string; version: string }
  | { type: 'direct'; name: string; url: string }
  | { type: 'editable'; target: string }
  | { type: 'comment' };

function classify(line: string): FreezeLine | undefined {
  if (line === '' || line.startsWith('#')) return { type: 'comment' };
  let m = PIN.exec(line);
  if (m) return { type: 'pin', name: m[1]!, version: m[2]! };
  m = DIRECT.exec(line);
  if (m) return { type: 'direct', name: m[1]!, url: m[2]! };
  m = EDITABLE.exec(line);
  if (m) return { type: 'editable', target: m[1]! };
  return undefined;
}

export function detectPipFreeze(input: ImportInput): boolean {
  if (input.json() !== undefined) return false;
  let entries = 0;
  for (const line of lines(input.text)) {
    const c = classify(line.replace(/\s+$/, ''));
    if (!c) return false;
    if (c.type !== 'comment') entries++;
  }
  return entries > 0;
}

/** `-e git+https://host/repo@sha#egg=name` → vcs, url, name (the `egg` fragment names it). */
function editable(target: string): { name?: string; url: string; vcs?: string } {
  const egg = /[#&]egg=([^&]+)/.exec(target)?.[1];
  const vcs = /^(git|hg|svn|bzr)\+/.exec(target)?.[1];
  const url = /^[a-z][a-z0-9+.-]*:/i.test(target) ? target : `file://${target.startsWith('/') ? '' : '/'}${target.replace(/\\/g, '/')}`;
  return { ...(egg ? { name: egg } : {}), url: safeUrl(url.replace(/#.*$/, '')), ...(vcs ? { vcs } : {}) };
}

export function parsePipFreeze(input: ImportInput): ImportOutcome {
  const problems: ImportProblem[] = [];
  const packages = new Map<string, PythonPackage>();
  const unversioned: string[] = [];
  lines(input.text).forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    const c = classify(line);
    if (!c) {
      problems.push({ line: i + 1, message: `not a pip freeze line: "${maskCredentials(line).slice(0, 120)}"` });
      return;
    }
    if (c.type === 'comment') return;
    if (c.type === 'pin') {
      const name = normalizePypiName(c.name);
      packages.set(name, { name, version: c.version });
      return;
    }
    if (c.type === 'direct') {
      const name = normalizePypiName(c.name);
      const url = safeUrl(c.url);
      const vcs = /^(git|hg|svn|bzr)\+/.exec(url)?.[1];
      // A wheel or sdist URL names its version; a directory, a conda build dir or a VCS URL does not.
      const fromFile = distributionFromUrl(url);
      const version = fromFile && fromFile.name === name ? fromFile.version : '';
      if (!version) unversioned.push(name);
      packages.set(name, { name, version, directUrl: { url: url.replace(/#.*$/, ''), ...(vcs ? { vcs } : {}) } });
      return;
    }
    const e = editable(c.target);
    if (!e.name) {
      problems.push({ line: i + 1, message: `an editable install that does not say its name: "${maskCredentials(line).slice(0, 120)}"` });
      return;
    }
    const name = normalizePypiName(e.name);
    packages.set(name, { name, version: '', directUrl: { url: e.url, editable: true, ...(e.vcs ? { vcs: e.vcs } : {}) } });
  });
  if (unversioned.length) {
    // conda's own packages appear as `name @ file:///…/work`: one problem for all, not one per line.
    const shown = unversioned.slice(0, 5).join(', ') + (unversioned.length > 5 ? `, … (${unversioned.length} in all)` : '');
    problems.push({ message: `direct references whose URL gives no version: ${shown}` });
  }
  if (packages.size === 0) return { kind: 'pip-freeze', error: 'no package lines: not pip freeze output' };
  const python: PythonFacet = { status: 'ok', packages: [...packages.values()].sort(byName) };
  return { kind: 'pip-freeze', facets: { python }, problems, meta: {} };
}

export const pipFreezeParser: ImportParser = {
  kind: 'pip-freeze',
  title: 'pip freeze output',
  detect: detectPipFreeze,
  parse: parsePipFreeze,
};
