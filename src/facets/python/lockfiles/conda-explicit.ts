// `conda list --explicit` files (https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#building-identical-conda-environments),
// also what conda-lock renders as conda-<platform>.lock:
//   # platform: linux-64
//   @EXPLICIT
//   https://conda.anaconda.org/conda-forge/linux-64/numpy-2.1.1-py312h58c1407_0.conda#839596d1…
//   # pip pyattimo @ https://files.pythonhosted.org/…/pyattimo-0.6.0-cp37-abi3-manylinux_2_17_x86_64.whl#sha256=…
import type { LockedPackage } from '../../shared/lockfile.js';
import { normalizePypiName } from '../../../core/names.js';
import { normalizeName } from '../../shared/lockfile.js';
import { distributionFromUrl } from './pep508.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError } from '../../shared/lockfile.js';

/** name-version-build from a package file name; conda forbids `-` in version and build, not in name. */
export function condaDistFromUrl(url: string): { name: string; version: string; build: string; subdir?: string } | undefined {
  const path = url.split('#')[0]!.split('?')[0]!;
  const parts = path.split('/');
  const file = parts.pop() ?? '';
  const subdir = parts.pop();
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:conda|tar\.bz2)$/.exec(file);
  if (!m) return undefined;
  return { name: m[1]!, version: m[2]!, build: m[3]!, ...(subdir ? { subdir } : {}) };
}

export function parseCondaExplicit(text: string, _ctx: LockParseContext): ParsedLock {
  if (!/^@EXPLICIT\s*$/m.test(text)) throw new LockParseError('no @EXPLICIT line: not a `conda list --explicit` file');
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  const meta: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line === '@EXPLICIT') return;
    const platform = /^#\s*platform:\s*(\S+)/.exec(line);
    if (platform) {
      meta['platform'] = platform[1]!;
      return;
    }
    // conda-lock appends the PyPI part of the solve as comments conda itself ignores.
    const pip = /^#\s*pip\s+([A-Za-z0-9][A-Za-z0-9._-]*)\s*@\s*(\S+)/.exec(line);
    if (pip) {
      const dist = distributionFromUrl(pip[2]!);
      packages.push({
        name: normalizePypiName(pip[1]!),
        ...(dist ? { version: dist.version } : {}),
        ecosystem: 'pypi',
        source: pip[2]!.split('#')[0]!,
      });
      return;
    }
    if (line.startsWith('#')) return;
    const dist = condaDistFromUrl(line);
    if (!dist) {
      problems.push({ line: i + 1, message: `not a conda package URL: "${line.slice(0, 120)}"` });
      return;
    }
    packages.push({
      name: normalizeName('conda', dist.name),
      version: dist.version,
      ecosystem: 'conda',
      build: dist.build,
      ...(dist.subdir && dist.subdir !== 'noarch' ? { platform: dist.subdir } : {}),
    });
  });
  return { packages, problems, meta };
}
