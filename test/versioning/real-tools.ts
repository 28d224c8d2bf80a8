// The real tools the scheme tests compare against: dpkg, Rscript, and a CPython whose pip vendors
// pypa/packaging. Each helper makes one process call for a whole batch.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

export const DPKG = which('dpkg');
export const RSCRIPT = which('Rscript');

/** A pyenv CPython 3 with pip (which vendors packaging); newest first. */
export const PYTHON: string | null = (() => {
  const root = join(homedir(), '.pyenv', 'versions');
  if (!existsSync(root)) return null;
  const candidates = readdirSync(root)
    .filter((v) => /^3\.\d+\.\d+$/.test(v))
    .sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]))
    .map((v) => join(root, v, 'bin', 'python'));
  for (const py of candidates) {
    try {
      execFileSync(py, ['-c', 'from pip._vendor.packaging.version import Version'], { stdio: 'ignore' });
      return py;
    } catch {
      // try the next interpreter
    }
  }
  return null;
})();

/** Versions of the packages installed on this machine, as dpkg records them. */
export function installedDebianVersions(): string[] {
  const out = execFileSync('dpkg-query', ['-W', '-f', '${Version}\\n'], { encoding: 'utf8' });
  return [...new Set(out.split('\n').filter(Boolean))];
}

/** dpkg --compare-versions over pairs: -1, 0 or 1 each. */
export function dpkgCompare(pairs: readonly (readonly [string, string])[]): number[] {
  const script =
    'while IFS="\t" read -r a b; do dpkg --compare-versions "$a" lt "$b" 2>/dev/null; r=$?; ' +
    'if [ $r = 0 ]; then echo -1; elif [ $r != 1 ]; then echo rejected; ' +
    'elif dpkg --compare-versions "$a" eq "$b"; then echo 0; else echo 1; fi; done';
  const input = pairs.map(([a, b]) => `${a}\t${b}`).join('\n') + '\n';
  const out = execFileSync('sh', ['-c', script], { input, encoding: 'utf8' });
  return out.trim().split('\n').map(Number);
}

/** R's package_version comparison over pairs: -1, 0 or 1 each. */
export function rCompare(pairs: readonly (readonly [string, string])[]): number[] {
  const code =
    'x <- read.table(file("stdin"), sep="\\t", colClasses="character"); ' +
    'a <- package_version(x[[1]]); b <- package_version(x[[2]]); ' +
    'cat(ifelse(a < b, -1, ifelse(a == b, 0, 1)), sep="\\n")';
  const input = pairs.map(([a, b]) => `${a}\t${b}`).join('\n') + '\n';
  const out = execFileSync(RSCRIPT as string, ['-e', code], { input, encoding: 'utf8' });
  return out.trim().split('\n').map(Number);
}

/** packaging.version / packaging.specifiers, as pip uses them. */
export function packagingOracle(
  versions: readonly string[],
  ranges: readonly (readonly [string, string])[],
): { matrix: number[][]; contains: (boolean | null)[] } {
  const code = `
import json, sys
from pip._vendor.packaging.version import Version
from pip._vendor.packaging.specifiers import SpecifierSet, InvalidSpecifier
data = json.load(sys.stdin)
vs = [Version(v) for v in data["versions"]]
matrix = [[(a > b) - (a < b) for b in vs] for a in vs]
contains = []
for v, r in data["ranges"]:
    try:
        contains.append(SpecifierSet(r).contains(Version(v), prereleases=True))
    except InvalidSpecifier:
        contains.append(None)
json.dump({"matrix": matrix, "contains": contains}, sys.stdout)
`;
  const out = execFileSync(PYTHON as string, ['-c', code], {
    input: JSON.stringify({ versions, ranges }),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { matrix: number[][]; contains: (boolean | null)[] };
}
