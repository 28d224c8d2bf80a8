// renv.lock (https://rstudio.github.io/renv/articles/lockfile.html), JSON:
//   "R": { "Version": "4.4.1", "Repositories": [ … ] },
//   "Packages": { "R6": { "Package": "R6", "Version": "2.5.1", "Source": "Repository", "Repository": "CRAN" } }
// GitHub/Bioconductor packages are R packages too: ecosystem "cran", source says where from.
import type { LockedPackage } from '../../shared/lockfile.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError, lineAt } from '../../shared/lockfile.js';
import { jsonErrorWithoutInput } from '../../../core/text.js';

export function parseRenvLock(text: string, _ctx: LockParseContext): ParsedLock {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new LockParseError(`not valid JSON for renv.lock: ${jsonErrorWithoutInput((err as Error).message)}`);
  }
  if (!doc || typeof doc !== 'object' || !('Packages' in doc)) throw new LockParseError('no "Packages": not a renv.lock');
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  for (const [key, raw] of Object.entries((doc['Packages'] ?? {}) as Record<string, Record<string, unknown>>)) {
    const line = lineAt(text, Math.max(0, text.indexOf(`"${key}": {`)));
    const name = typeof raw?.['Package'] === 'string' ? raw['Package'] : key;
    const version = raw?.['Version'];
    if (typeof version !== 'string') {
      problems.push({ line, message: `${name} has no "Version"` });
      continue;
    }
    const src = raw['Source'];
    const remote =
      src === 'GitHub' && typeof raw['RemoteUsername'] === 'string'
        ? `github:${raw['RemoteUsername']}/${str(raw['RemoteRepo'])}@${str(raw['RemoteSha']) || str(raw['RemoteRef'])}`
        : typeof src === 'string' && src !== 'Repository'
          ? src
          : undefined;
    packages.push({ name, version, ecosystem: 'cran', ...(remote ? { source: remote } : {}) });
  }
  const meta: Record<string, string> = {};
  const r = (doc['R'] ?? {}) as Record<string, unknown>;
  if (typeof r['Version'] === 'string') meta['rVersion'] = r['Version'];
  // "Repositories": [{"Name": "CRAN", "URL": "https://cloud.r-project.org"}]: where renv::restore()
  // installs from. A dated snapshot URL (packagemanager.posit.co/cran/2024-01-02) pins versions.
  if (Array.isArray(r['Repositories'])) {
    const repos = (r['Repositories'] as unknown[])
      .map((x) => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {}))
      .map((x) => `${str(x['Name'])}=${str(x['URL'])}`.replace(/\s+/g, ''))
      .filter((x) => x !== '=');
    if (repos.length) meta['rRepositories'] = repos.join(' ');
  }
  return { packages, problems, meta };
}

/** A JSON scalar as text; anything else (absent, an object) as ''. */
function str(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}
