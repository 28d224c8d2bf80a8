// CycloneDX JSON BOMs (https://cyclonedx.org/docs/1.6/json/; schemas in schemas/vendor/cyclonedx-1.*):
//   {"bomFormat": "CycloneDX", "specVersion": "1.5",
//    "metadata": {"component": {"type": "container", "name": "…"}},
//    "components": [{"type": "library", "name": "numpy", "version": "1.26.4", "purl": "pkg:pypi/numpy@1.26.4",
//                    "components": […]},
//                   {"type": "operating-system", "name": "debian", "version": "12.5"}]}
// Components nest (`components[].components`); all are walked. Package identity comes from `purl`
// (sbom-packages.ts); a component without one is not guessed at. Key order is free (cyclonedx-py
// sorts keys, so `bomFormat` need not come first). XML BOMs are not read.
import { facetsFromPurls, osFromSbom, type SbomItem } from './sbom-packages.js';
import { isRecord, str } from './text.js';
import type { ImportInput, ImportOutcome, ImportParser, ImportProblem } from './types.js';

export function detectCycloneDx(input: ImportInput): boolean {
  const v = input.json();
  return isRecord(v) && v['bomFormat'] === 'CycloneDX' && typeof v['specVersion'] === 'string';
}

export function parseCycloneDx(input: ImportInput): ImportOutcome {
  const v = input.json();
  if (!isRecord(v) || v['bomFormat'] !== 'CycloneDX')
    return { kind: 'cyclonedx', error: 'no "bomFormat": "CycloneDX": not a CycloneDX JSON BOM' };
  const spec = str(v['specVersion']) ?? '';
  if (!/^1\.\d+$/.test(spec))
    return { kind: 'cyclonedx', error: `CycloneDX specVersion ${JSON.stringify(v['specVersion'])} is not supported (1.x only)` };
  const problems: ImportProblem[] = [];
  const meta: Record<string, string> = { specVersion: spec };
  const subject = isRecord(v['metadata']) && isRecord(v['metadata']['component']) ? str(v['metadata']['component']['name']) : undefined;
  if (subject) meta['subject'] = subject;
  const items: SbomItem[] = [];
  let os: { name?: string; version?: string } | undefined;
  const walk = (list: unknown, where: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      problems.push({ message: `${where} is not a list` });
      return;
    }
    list.forEach((c, i) => {
      const here = `${where}[${i}]`;
      if (!isRecord(c)) {
        problems.push({ message: `${here} is not an object` });
        return;
      }
      if (c['type'] === 'operating-system' && !os) os = { name: str(c['name']), version: str(c['version']) };
      const purl = str(c['purl']);
      items.push({ where: here, ...(purl ? { purl } : {}) });
      walk(c['components'], `${here}.components`);
    });
  };
  walk(v['components'], 'components');
  const facets = facetsFromPurls(items, problems, meta);
  const osFacet = osFromSbom(os?.name, os?.version);
  if (osFacet) facets.os = osFacet;
  return { kind: 'cyclonedx', facets, problems, meta };
}

export const cycloneDxParser: ImportParser = {
  kind: 'cyclonedx',
  title: 'CycloneDX JSON SBOM',
  detect: detectCycloneDx,
  parse: parseCycloneDx,
};
