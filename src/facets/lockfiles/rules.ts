// Lock file rules across two fingerprints: which lock files changed, and how their pins moved.
// (Lock file against installed packages within one fingerprint, `envdiff check`, reads the python,
// r and jvm facets too: src/rules/lock-check.ts.)
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { normalizePypiName } from '../../core/names.js';
import { byCodeUnit } from '../../core/text.js';
import { schemeForEcosystem } from '../../versioning/index.js';
import type { LockedPackage, LockfileEntry } from '../shared/lockfile.js';
import type { CompareContext } from '../types.js';
import type { LockfilesFacet } from './types.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const LOCKFILES_RULES = defineRules('lockfiles', {
  changed: {
    severity: 'warning',
    title: 'A lock file differs between the two environments',
    help: 'The two sides were captured with different versions of the same lock file (its sha256 differs). Deploy from the lock file you tested with: commit it, and build from that commit.',
  },
  'only-in-baseline': {
    severity: 'info',
    title: 'A lock file was captured on the baseline only',
    help: 'Capture both environments with the same --lock files to compare their pins.',
  },
  'only-in-target': {
    severity: 'info',
    title: 'A lock file was captured on the target only',
    help: 'Capture both environments with the same --lock files to compare their pins.',
  },
  'pin-added': {
    severity: 'info',
    title: 'A package is locked in the target’s lock file only',
    help: 'Regenerate the lock file from the same requirements on both sides.',
  },
  'pin-removed': {
    severity: 'info',
    title: 'A package is locked in the baseline’s lock file only',
    help: 'Regenerate the lock file from the same requirements on both sides.',
  },
  'pin-changed': {
    severity: 'warning',
    title: 'A locked version or range moved',
    help: 'A warning for major, minor and build-label moves of an exact pin, info for smaller moves and for ranges. Use one lock file for both environments.',
  },
});

export function compareLockfiles(baseline: LockfilesFacet, target: LockfilesFacet, _ctx: CompareContext): Finding[] {
  const a = new Map((baseline.files ?? []).map((f) => [f.path, f]));
  const b = new Map((target.files ?? []).map((f) => [f.path, f]));
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort(byCodeUnit);
  const findings: Finding[] = [];
  for (const path of paths) {
    const fa = a.get(path);
    const fb = b.get(path);
    if (fa !== undefined && fb === undefined) {
      findings.push(onlyOneSide(path, 'baseline', fa));
    } else if (fa === undefined && fb !== undefined) {
      findings.push(onlyOneSide(path, 'target', fb));
    } else if (fa !== undefined && fb !== undefined && fa.sha256 !== fb.sha256) {
      findings.push(
        finding(LOCKFILES_RULES.changed, {
          subject: path,
          baseline: `sha256:${fa.sha256.slice(0, 12)}`,
          target: `sha256:${fb.sha256.slice(0, 12)}`,
          message: `${path} differs between the two environments: the pins below changed, or its text did`,
          hint: 'deploy from the same lock file you tested with (commit it, and build from that commit)',
        }),
      );
      // A file that could not be read has no trustworthy package list: comparing it would invent drift.
      if (fa.status === 'ok' && fb.status === 'ok') findings.push(...comparePins(path, fa.packages, fb.packages));
    }
  }
  return findings;
}

function onlyOneSide(path: string, side: 'baseline' | 'target', file: LockfileEntry): Finding {
  const here = side === 'baseline';
  return finding(here ? LOCKFILES_RULES['only-in-baseline'] : LOCKFILES_RULES['only-in-target'], {
    subject: path,
    baseline: here ? `${file.kind} (${file.packages.length} packages)` : null,
    target: here ? null : `${file.kind} (${file.packages.length} packages)`,
    message: here ? `${path} was captured here but not on the target` : `${path} was captured on the target but not here`,
    hint: 'capture both environments with the same --lock files to compare their pins',
  });
}

/** PEP 503 for pypi names (Foo_Bar → foo-bar); other ecosystems keep their names as written. */
function keyOf(p: LockedPackage): string {
  const name = p.ecosystem === 'pypi' ? normalizePypiName(p.name) : p.name;
  return `${p.ecosystem}\0${name}`;
}

function pinOf(p: LockedPackage): string {
  return p.version ?? p.specifier ?? '(any)';
}

function comparePins(path: string, a: readonly LockedPackage[], b: readonly LockedPackage[]): Finding[] {
  const ma = new Map(a.map((p) => [keyOf(p), p]));
  const mb = new Map(b.map((p) => [keyOf(p), p]));
  const keys = [...new Set([...ma.keys(), ...mb.keys()])].sort(byCodeUnit);
  const findings: Finding[] = [];
  for (const key of keys) {
    const pa = ma.get(key);
    const pb = mb.get(key);
    const name = (pa ?? pb)?.name ?? key;
    const subject = `${path}: ${name}`;
    if (pa === undefined || pb === undefined) {
      const p = (pa ?? pb) as LockedPackage;
      findings.push(
        finding(pa ? LOCKFILES_RULES['pin-removed'] : LOCKFILES_RULES['pin-added'], {
          subject,
          baseline: pa ? pinOf(pa) : null,
          target: pb ? pinOf(pb) : null,
          message: pa
            ? `${name} ${pinOf(p)} is locked here but not in the target's ${path}`
            : `${name} ${pinOf(p)} is locked in the target's ${path} only`,
          hint: 'regenerate the lock file from the same requirements on both sides',
        }),
      );
      continue;
    }
    if (pa.version !== undefined && pb.version !== undefined) {
      if (pa.version === pb.version) continue;
      const diff = schemeForEcosystem(pa.ecosystem).diff(pa.version, pb.version);
      if (diff === 'none') continue; // equal under the scheme (1.0 vs 1.0.0)
      const big = diff === 'major' || diff === 'minor' || diff === 'local';
      findings.push(
        finding(LOCKFILES_RULES['pin-changed'], {
          severity: big ? 'warning' : 'info',
          subject,
          baseline: pa.version,
          target: pb.version,
          message: `${name} is locked at ${pa.version} here and ${pb.version} there (${diff} change)`,
          hint: 'use one lock file for both environments',
        }),
      );
    } else if (pinOf(pa) !== pinOf(pb)) {
      findings.push(
        finding(LOCKFILES_RULES['pin-changed'], {
          severity: 'info',
          subject,
          baseline: pinOf(pa),
          target: pinOf(pb),
          message: `${name} is constrained as ${pinOf(pa)} here and ${pinOf(pb)} there`,
          hint: 'pin exact versions (a lock file) so both sides install the same thing',
        }),
      );
    }
  }
  return findings;
}
