// Parses the r probe (probes/r.sh). Real sample (R 4.2.2, Debian 12, the envdiff dev machine):
//   ### rscript
//   /usr/bin/Rscript
//   ### r
//   version=4.2.2
//   platform=x86_64-pc-linux-gnu
//   home=/usr/lib/R
//   ### packages
//   base	4.2.2	base
//   stats	4.2.2	base
// Package columns: Package, Version, Priority, Repository, RemoteType, GithubRepo, biocViews-present,
// Built (the R version that installed it), the R requirement of Depends (`>= 3.0.0`). Captures of
// older probes stop after biocViews-present. A real line (Debian's r-cran-xmlparsedata 1.0.5-2):
//   xmlparsedata	1.0.5			CRAN			4.2.0	>= 3.0.0
import type { RFacet, RPackage } from './types.js';
import { describeExit, parseKeyValues, splitSubsections, type ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';
import { redactHome } from '../shared/redact-home.js';
import { byCodeUnit } from '../../core/text.js';

const REMOTE_NAMES: Record<string, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
  bioc: 'Bioconductor',
  git: 'git',
  svn: 'svn',
  url: 'url',
  local: 'local',
};

/**
 * Where a package came from, in the order sessioninfo's pkg_source() decides it
 * (r-lib/sessioninfo R/package-info.R): an old devtools Github* install first, then
 * RemoteType "standard" (pak/remotes from a repository: CRAN, Bioconductor or "Custom"), then
 * any other non-CRAN remote (github, gitlab, local …), then Repository, then biocViews
 * (Bioconductor packages carry no Repository field), then base packages, else local.
 */
export function rRepository(f: {
  priority?: string;
  repository?: string;
  remoteType?: string;
  githubRepo?: string;
  biocViews?: boolean;
}): string {
  const remote = f.remoteType?.trim().toLowerCase();
  const repo = f.repository?.trim();
  if (f.githubRepo?.trim()) return 'GitHub';
  if (remote === 'standard') {
    if (repo && /^cran$/i.test(repo)) return 'CRAN';
    if (f.biocViews) return 'Bioconductor';
    return 'Custom';
  }
  if (remote && remote !== 'cran') return REMOTE_NAMES[remote] ?? remote;
  if (repo) {
    if (/^cran$/i.test(repo)) return 'CRAN';
    if (/^bioconductor$/i.test(repo)) return 'Bioconductor';
    return repo; // RSPM, an r-universe URL …: shown as written, like sessioninfo
  }
  if (f.biocViews) return 'Bioconductor';
  if (f.priority === 'base') return 'base';
  return 'local';
}

export function parseR(section: ProbeSection, ctx: ParseContext): RFacet {
  const subs = splitSubsections(section.text);
  if (subs.has('absent')) return { status: 'absent', reason: 'no Rscript on PATH' };
  const kv = parseKeyValues(subs.get('r') ?? '');
  if (!kv['version'] || !/^\d+\.\d+/.test(kv['version'])) {
    return { status: 'error', reason: `Rscript printed no R version ${describeExit(section)}` };
  }
  // The probe's exit status is Rscript's: an R that failed is not trusted, whatever it printed.
  if (section.exitCode !== 0) return { status: 'error', reason: `Rscript exited with an error ${describeExit(section)}` };
  if (!subs.has('packages')) return { status: 'error', reason: `Rscript printed no package list ${describeExit(section)}` };
  const seen = new Set<string>();
  const packages: RPackage[] = [];
  for (const line of (subs.get('packages') ?? '').split('\n')) {
    if (!line.trim()) continue;
    const f = line.split('\t');
    // At least seven tab-separated columns per package (probes/r.sh; Built and the R dependency
    // came later and may be missing from older captures): fewer means the list ends mid-record.
    if (f.length < 7) return { status: 'error', reason: `Rscript's package list has a cut record: "${line.slice(0, 80)}"` };
    const [name, version, priority, repository, remoteType, githubRepo, bioc, built, rDepends] = f;
    if (!name || !version || seen.has(name)) continue;
    seen.add(name);
    packages.push({
      name,
      version,
      repository: rRepository({ priority, repository, remoteType, githubRepo, biocViews: bioc === 'yes' }),
      ...(built?.trim() ? { built: built.trim() } : {}),
      ...(rDepends?.trim() ? { rDepends: rDepends.trim() } : {}),
    });
  }
  packages.sort((a, b) => byCodeUnit(a.name, b.name));
  const rscript = subs.get('rscript')?.trim().split('\n')[0];
  const facet: RFacet = { status: 'ok', version: kv['version'], packages };
  if (rscript) facet.executable = redactHome(rscript, ctx.home);
  if (kv['platform']) facet.platform = kv['platform'];
  if (kv['renv-library']) facet.renvLibrary = redactHome(kv['renv-library'], ctx.home);
  return facet;
}
