// `conda list --explicit [--md5|--sha256]` (and conda-lock's explicit render). The format is CEP 23,
// "Text spec input files" (https://github.com/conda/ceps/blob/main/cep-0023.md): a file is explicit
// when a line's only non-whitespace content is `@EXPLICIT`; each package line is a URL (or path) to a
// `.conda`/`.tar.bz2` artifact, optionally followed by `#<md5>` (32 hex), `#<sha256>` or
// `#sha256:<sha256>` (64 hex). `#` lines are comments; conda writes `# platform: linux-64`.
//   https://conda.anaconda.org/conda-forge/linux-64/numpy-2.1.1-py312h58c1407_0.conda#839596d1…
//   https://repo.anaconda.com/pkgs/main/noarch/tzdata-2024a-h04d1e81_0.conda
//   # pip pyattimo @ https://files.pythonhosted.org/…/pyattimo-0.6.0-cp37-abi3-….whl#sha256=…   (conda-lock)
import type { CondaPackage, PythonFacet, PythonPackage } from '../facets/python/types.js';
import { condaDistFromUrl } from '../facets/python/lockfiles/conda-explicit.js';
import { normalizePypiName } from '../core/names.js';
import { distributionFromUrl } from '../facets/python/lockfiles/pep508.js';
import { byName, lines, maskCredentials, safeUrl } from './text.js';
import type { ImportInput, ImportOutcome, ImportParser, ImportProblem } from './types.js';

const ARTIFACT = /^(\S+?\.(?:conda|tar\.bz2))(?:#(?:([0-9a-f]{32})|(?:sha256:)?([0-9a-f]{64})))?$/;

export function detectCondaExplicit(input: ImportInput): boolean {
  return /^[ \t]*@EXPLICIT[ \t]*\r?$/m.test(input.text);
}

/** The channel a package URL comes from: `conda-forge`, `pkgs/main`, or the URL's folder for others. */
export function channelOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/]+)\/(.*)$/i.exec(url);
  if (!m) return undefined;
  const parts = m[2]!.split('/');
  parts.splice(-2); // subdir and file
  const path = parts.join('/');
  if (/^(conda\.anaconda\.org|repo\.anaconda\.com)$/i.test(m[1]!)) return path || undefined;
  return `${m[1]}${path ? `/${path}` : ''}`;
}

export function parseCondaExplicit(input: ImportInput): ImportOutcome {
  if (!detectCondaExplicit(input)) return { kind: 'conda-explicit', error: 'no @EXPLICIT line: not a `conda list --explicit` file' };
  const problems: ImportProblem[] = [];
  const meta: Record<string, string> = {};
  const conda: CondaPackage[] = [];
  const pip = new Map<string, PythonPackage>();
  let hashes = 0;
  lines(input.text).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line === '@EXPLICIT') return;
    const platform = /^#\s*platform:\s*(\S+)/.exec(line);
    if (platform) {
      meta['platform'] = platform[1]!;
      return;
    }
    const pipLine = /^#\s*pip\s+([A-Za-z0-9][A-Za-z0-9._-]*)\s*@\s*(\S+)/.exec(line);
    if (pipLine) {
      const name = normalizePypiName(pipLine[1]!);
      const url = safeUrl(pipLine[2]!.split('#')[0]!);
      const dist = distributionFromUrl(url);
      pip.set(name, { name, version: dist?.name === name ? dist.version : '', directUrl: { url } });
      return;
    }
    if (line.startsWith('#')) return;
    const m = ARTIFACT.exec(line);
    const dist = m ? condaDistFromUrl(m[1]!) : undefined;
    if (!m || !dist) {
      problems.push({ line: i + 1, message: `not a conda package URL: "${maskCredentials(line).slice(0, 120)}"` });
      return;
    }
    if (m[2] || m[3]) hashes++;
    const channel = channelOf(maskCredentials(m[1]!));
    conda.push({ name: dist.name.toLowerCase(), version: dist.version, build: dist.build, ...(channel ? { channel } : {}) });
  });
  if (conda.length === 0 && pip.size === 0) return { kind: 'conda-explicit', error: 'no package URLs after @EXPLICIT' };
  if (hashes) meta['checksums'] = `${hashes} of ${conda.length}`;
  const python: PythonFacet = { status: 'ok', conda: { prefix: '', packages: conda.sort(byName) } };
  if (pip.size) python.packages = [...pip.values()].sort(byName);
  const pyPkg = conda.find((p) => p.name === 'python');
  if (pyPkg) python.version = pyPkg.version;
  return { kind: 'conda-explicit', facets: { python }, problems, meta };
}

export const condaExplicitParser: ImportParser = {
  kind: 'conda-explicit',
  title: 'conda list --explicit file',
  detect: detectCondaExplicit,
  parse: parseCondaExplicit,
};
