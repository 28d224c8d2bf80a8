// The PEP 508 requirement line shared by requirements files, Pipfile/pdm dependency strings and
// conda's `pip:` section (https://peps.python.org/pep-0508/).
import { normalizePypiName } from '../../../core/names.js';
import type { LockedPackage } from '../../shared/lockfile.js';

// PEP 508 name: letters/digits, with . _ - inside (https://peps.python.org/pep-0508/#names).
const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

export interface Requirement {
  name: string;
  extras: string[];
  /** Version clauses as written, spaces removed (`>=1.2,<2`); '' for none. */
  specifier: string;
  url?: string;
  marker?: string;
}

/**
 * One PEP 508 requirement (`name[extra] (>=1,<2) ; marker`, `name @ url ; marker`).
 * Returns a string saying what is wrong when the text is not one.
 */
export function parseRequirement(text: string): Requirement | string {
  let rest = text.trim();
  const m = NAME.exec(rest);
  if (!m) return `not a requirement: "${text.trim()}"`;
  const name = m[1]!;
  rest = rest.slice(name.length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return `unterminated extras in "${text.trim()}"`;
    extras = rest
      .slice(1, close)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    rest = rest.slice(close + 1).trimStart();
  }
  let url: string | undefined;
  let marker: string | undefined;
  if (rest.startsWith('@')) {
    // `name @ url ; marker`: the marker must be separated from the URL by whitespace (PEP 508).
    const afterAt = rest.slice(1).trim();
    const semi = afterAt.search(/\s;/);
    url = (semi >= 0 ? afterAt.slice(0, semi) : afterAt).trim();
    if (semi >= 0) marker = afterAt.slice(semi).replace(/^\s*;/, '').trim();
    if (!url) return `missing URL after "@" in "${text.trim()}"`;
    return { name, extras, specifier: '', url, ...(marker ? { marker } : {}) };
  }
  const semi = rest.indexOf(';');
  let spec = semi >= 0 ? rest.slice(0, semi) : rest;
  if (semi >= 0) marker = rest.slice(semi + 1).trim();
  spec = spec.trim();
  if (spec.startsWith('(') && spec.endsWith(')')) spec = spec.slice(1, -1);
  spec = spec.replace(/\s+/g, '');
  if (
    spec &&
    !/^(?:(?:~=|===|==|!=|<=|>=|<|>)(?:\d+!)?[A-Za-z0-9.*+_-]+)(?:,(?:~=|===|==|!=|<=|>=|<|>)(?:\d+!)?[A-Za-z0-9.*+_-]+)*$/.test(spec)
  ) {
    return `cannot read the version clause "${spec}" of ${name}`;
  }
  return { name, extras, specifier: spec, ...(marker ? { marker } : {}) };
}

/**
 * `==1.2.3` alone is an exact pin; anything else is a range. `===1.0` (arbitrary equality) stays a
 * specifier: it matches that exact string only, where `==1.0` also accepts 1.0.0.
 */
export function exactPin(specifier: string): string | undefined {
  const m = /^==([^=,*][^,*]*)$/.exec(specifier);
  return m ? m[1] : undefined;
}

/** A locked package from a requirement: exact pins become `version`, ranges stay `specifier`. */
export function packageFromRequirement(req: Requirement, extra: Partial<LockedPackage> = {}): LockedPackage {
  const pin = exactPin(req.specifier);
  return {
    name: normalizePypiName(req.name),
    ...(pin ? { version: pin } : req.specifier ? { specifier: req.specifier } : {}),
    ecosystem: 'pypi',
    ...(req.marker ? { marker: req.marker } : {}),
    ...(req.url ? { source: req.url } : {}),
    ...extra,
  };
}

/**
 * Name and version from a wheel or sdist file name at the end of a URL
 * (`pyattimo-0.6.0-cp37-abi3-manylinux_2_17_x86_64.whl`, `idna-3.10.tar.gz`); PEP 427 and the
 * sdist convention `{name}-{version}.tar.gz`.
 */
export function distributionFromUrl(url: string): { name: string; version: string } | undefined {
  const file = decodeURIComponent(url.split(/[#?]/)[0]!.split('/').pop() ?? '');
  const wheel = /^([^-]+)-([^-]+)(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(file);
  if (wheel) return { name: normalizePypiName(wheel[1]!), version: wheel[2]! };
  const sdist = /^(.+)-(\d[^-]*?)\.(?:tar\.gz|tar\.bz2|zip|tgz)$/.exec(file);
  if (sdist) return { name: normalizePypiName(sdist[1]!), version: sdist[2]! };
  return undefined;
}
