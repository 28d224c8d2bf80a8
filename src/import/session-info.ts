// R's `sessionInfo()` as it prints (utils:::print.sessionInfo, https://stat.ethz.ch/R-manual/R-devel/library/utils/html/sessionInfo.html),
// from R 2.x to 4.x, often pasted from a console or a knitr chunk (fixtures/import/session-info/*):
//   R version 4.4.2 (2024-10-31)             R-devel: `R Under development (unstable) (… r73907)`
//   Platform: aarch64-apple-darwin20         R < 4.4: `x86_64-pc-linux-gnu (64-bit)`
//   Running under: macOS Sequoia 15.1        absent in R 2.x
//   Matrix products: default                 R ≥ 3.4; BLAS:/LAPACK: lines below it
//   locale: / time zone: / tzcode source:
//   attached base packages:
//   [1] stats     graphics  grDevices utils     datasets  methods   base
//   other attached packages:
//    [1] emmeans_1.10.3        lmerTest_3.1-3 …
//   loaded via a namespace (and not attached):
//    [1] tidyselect_1.2.1 …
// Packages are `name_version`: R package names never contain `_`
// (https://cran.r-project.org/doc/manuals/r-release/R-exts.html#The-DESCRIPTION-file), so the first
// `_` splits. Base packages carry R's own version. knitr's `## ` output prefix is taken off.
import type { OsFacet } from '../facets/os/types.js';
import type { RFacet, RPackage } from '../facets/r/types.js';
import { byName, linuxDistroFromName, lines } from './text.js';
import type { ImportedFacets, ImportInput, ImportOutcome, ImportParser, ImportProblem } from './types.js';
import { R_BASE_PACKAGES } from '../facets/r/base-packages.js';

const HEADER = /^R (?:version (\d+\.\d+\.\d+)(?: (?:Patched|Revised|RC))?|Under development \(unstable\)) \(/;

/** The base and recommended-base packages that ship with R itself (R's "base" priority). */
const BASE = new Set(R_BASE_PACKAGES);

/** Lines of the report, knitr's `## ` / `#> ` prefix removed, from the `R version` header on. */
function reportLines(text: string): { lines: string[]; offset: number } | undefined {
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const prefix = /^(?:## |#> |# )?/.exec(all[i]!)![0];
    if (HEADER.test(all[i]!.slice(prefix.length))) {
      return { lines: all.slice(i).map((l) => (l.startsWith(prefix.trimEnd()) ? l.slice(prefix.length) : l)), offset: i };
    }
  }
  return undefined;
}

export function detectSessionInfo(input: ImportInput): boolean {
  const r = reportLines(input.text);
  if (!r) return false;
  return r.lines.some((l) => /^(attached base packages:|Platform: )/.test(l.trim()));
}

function parseOs(platform: string | undefined, runningUnder: string | undefined): OsFacet | undefined {
  if (!platform) return undefined;
  // `x86_64-pc-linux-gnu (64-bit)`, `x86_64-apple-darwin15.6.0 (64-bit)`, `aarch64-apple-darwin20`,
  // `x86_64-w64-mingw32/x64 (64-bit)`, `i386-w64-mingw32/i386 (32-bit)`, `x86_64-conda_cos6-linux-gnu`
  const triple = platform.split(/[\s/]/)[0]!;
  const cpu = triple.split('-')[0]!;
  const os: OsFacet = { status: 'ok' };
  if (/-linux/.test(triple)) os.name = 'linux';
  else if (/-darwin/.test(triple)) os.name = 'darwin';
  else if (/-mingw|-windows/.test(triple)) os.name = 'windows';
  // uname -m spells Apple silicon `arm64`; R's triple says aarch64.
  os.arch = os.name === 'darwin' && cpu === 'aarch64' ? 'arm64' : cpu;
  if (runningUnder) {
    if (os.name === 'linux') {
      const distro = linuxDistroFromName(runningUnder);
      if (distro) os.distro = distro;
    } else if (os.name === 'darwin') {
      const v = /(\d+\.\d+(?:\.\d+)?)/.exec(runningUnder)?.[1];
      if (v) os.distro = { id: 'macos', versionId: v, prettyName: runningUnder, idLike: [] };
    }
  }
  return os.name ? os : undefined;
}

/** `[1] a_1.0 b_2.3-1` rows of one section, until a blank line or the next heading. */
function sectionPackages(all: string[], heading: RegExp): { tokens: string[]; line: number } | undefined {
  const start = all.findIndex((l) => heading.test(l.trim()));
  if (start < 0) return undefined;
  const tokens: string[] = [];
  for (let i = start + 1; i < all.length; i++) {
    const m = /^\s*\[\d+\]\s+(.*)$/.exec(all[i]!);
    if (!m) break;
    tokens.push(...m[1]!.trim().split(/\s+/).filter(Boolean));
  }
  return { tokens, line: start + 1 };
}

export function parseSessionInfo(input: ImportInput): ImportOutcome {
  const report = reportLines(input.text);
  if (!report) return { kind: 'session-info', error: 'no "R version" line: not an R sessionInfo() report' };
  const all = report.lines;
  const problems: ImportProblem[] = [];
  const meta: Record<string, string> = {};
  const header = HEADER.exec(all[0]!)!;
  const rVersion = header[1];
  if (!rVersion) meta['rVersionString'] = all[0]!.trim();
  const field = (name: string) => all.map((l) => new RegExp(`^${name}:\\s*(.+)$`).exec(l.trim())?.[1]?.trim()).find((v) => v);
  const platform = field('Platform');
  const runningUnder = field('Running under');
  if (runningUnder) meta['runningUnder'] = runningUnder;
  const blas = field('BLAS(?:/LAPACK)?');
  if (blas) meta['blas'] = blas;

  const r: RFacet = { status: 'ok' };
  if (rVersion) r.version = rVersion;
  if (platform) r.platform = platform.replace(/\s*\(\d+-bit\)$/, '');
  const packages = new Map<string, RPackage>();
  const base = sectionPackages(all, /^attached base packages:$/);
  for (const name of base?.tokens ?? []) {
    packages.set(name, { name, version: rVersion ?? '', repository: 'base' });
  }
  const attached: string[] = [];
  for (const [heading, isAttached] of [
    [/^other attached packages:$/, true],
    [/^loaded via a namespace \(and not attached\):$/, false],
  ] as const) {
    const section = sectionPackages(all, heading);
    for (const token of section?.tokens ?? []) {
      const cut = token.indexOf('_');
      if (cut <= 0 || cut === token.length - 1) {
        problems.push({ line: report.offset + section!.line, message: `cannot read the package "${token.slice(0, 80)}"` });
        continue;
      }
      const name = token.slice(0, cut);
      const version = token.slice(cut + 1);
      if (isAttached) attached.push(name);
      if (!packages.has(name)) packages.set(name, { name, version, ...(BASE.has(name) ? { repository: 'base' } : {}) });
    }
  }
  if (attached.length) meta['attachedPackages'] = attached.join(' ');
  if (packages.size) r.packages = [...packages.values()].sort(byName);

  const facets: ImportedFacets = { r };
  const os = parseOs(platform, runningUnder);
  if (os) facets.os = os;
  return { kind: 'session-info', facets, problems, meta };
}

export const sessionInfoParser: ImportParser = {
  kind: 'session-info',
  title: 'R sessionInfo() report',
  detect: detectSessionInfo,
  parse: parseSessionInfo,
};
