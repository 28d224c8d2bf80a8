// SPDX 2.x JSON documents (SPDX 2.3: https://spdx.github.io/spdx-spec/v2.3/; schema in
// schemas/vendor/spdx-2.3). Packages carry their identity as an external reference:
//   {"spdxVersion": "SPDX-2.3", "packages": [{"name": "numpy", "versionInfo": "1.26.4",
//     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
//                       "referenceLocator": "pkg:pypi/numpy@1.26.4"}]},
//    {"name": "debian", "versionInfo": "12.5", "primaryPackagePurpose": "OPERATING-SYSTEM"}]}
// (SPDX 2.2 spells the category `PACKAGE_MANAGER`; both are accepted.) A package without a purl is
// not guessed at. SPDX 3 (JSON-LD) is a different format and is refused.
import { facetsFromPurls, osFromSbom, type SbomItem } from './sbom-packages.js';
import { isRecord, str } from './text.js';
import type { ImportInput, ImportOutcome, ImportParser, ImportProblem } from './types.js';

export function detectSpdx(input: ImportInput): boolean {
  const v = input.json();
  return isRecord(v) && typeof v['spdxVersion'] === 'string' && /^SPDX-\d/.test(v['spdxVersion']);
}

export function parseSpdx(input: ImportInput): ImportOutcome {
  const v = input.json();
  if (!isRecord(v) || typeof v['spdxVersion'] !== 'string') return { kind: 'spdx', error: 'no "spdxVersion": not an SPDX JSON document' };
  if (!/^SPDX-2\.\d+$/.test(v['spdxVersion'])) return { kind: 'spdx', error: `${v['spdxVersion']} is not supported (SPDX 2.x JSON only)` };
  const problems: ImportProblem[] = [];
  const meta: Record<string, string> = { spdxVersion: v['spdxVersion'] };
  const name = str(v['name']);
  if (name) meta['subject'] = name;
  const packages = v['packages'] === undefined ? [] : v['packages'];
  if (!Array.isArray(packages)) return { kind: 'spdx', error: '"packages" is not a list' };
  const items: SbomItem[] = [];
  let os: { name?: string; version?: string } | undefined;
  packages.forEach((p, i) => {
    const where = `packages[${i}]`;
    if (!isRecord(p)) {
      problems.push({ message: `${where} is not an object` });
      return;
    }
    // SPDX 2.3's text says OPERATING-SYSTEM, its JSON schema OPERATING_SYSTEM: both are read.
    if (/^OPERATING[-_]SYSTEM$/.test(String(p['primaryPackagePurpose'])) && !os)
      os = { name: str(p['name']), version: str(p['versionInfo']) };
    const refs = Array.isArray(p['externalRefs']) ? p['externalRefs'] : [];
    const purl = refs
      .filter(
        (r): r is Record<string, unknown> =>
          isRecord(r) && r['referenceType'] === 'purl' && /^PACKAGE[-_]MANAGER$/.test(String(r['referenceCategory'])),
      )
      .map((r) => str(r['referenceLocator']))
      .find((x) => x);
    items.push({ where, ...(purl ? { purl } : {}) });
  });
  const facets = facetsFromPurls(items, problems, meta);
  const osFacet = osFromSbom(os?.name, os?.version);
  if (osFacet) facets.os = osFacet;
  return { kind: 'spdx', facets, problems, meta };
}

export const spdxParser: ImportParser = {
  kind: 'spdx',
  title: 'SPDX 2.x JSON document',
  detect: detectSpdx,
  parse: parseSpdx,
};
