// `envdiff sbom`: CycloneDX 1.6 and SPDX 2.3 JSON validated against the official schemas vendored
// under schemas/vendor/, on a real capture of this machine and on fingerprints imported from real
// SBOMs (Trivy's of an ML image with deb and PyPI packages, of CentOS 7 with rpm, of Alpine with apk,
// of a conda environment). Round trip: the exported SBOM, imported again, gives the same packages.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PackageURL } from 'packageurl-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/app/import.js';
import { renderCycloneDx, renderSpdx } from '../../src/app/sbom.js';
import { importText } from '../../src/import/index.js';
import type { ImportResult } from '../../src/import/types.js';
import type { Fingerprint } from '../../src/facets/index.js';
import { REPO } from '../helpers/paths.js';
import { draft07, readJson, VENDOR } from '../helpers/vendored-schemas.js';
import { runEnvdiff } from '../support/cli.js';

const json = readJson;

const cdxAjv = draft07();
cdxAjv.addSchema(json(join(VENDOR, 'cyclonedx-1.6', 'spdx.schema.json')));
cdxAjv.addSchema(json(join(VENDOR, 'cyclonedx-1.6', 'jsf-0.82.schema.json')));
const validateCdx = cdxAjv.compile(json(join(VENDOR, 'cyclonedx-1.6', 'bom-1.6.schema.json')));
const validateSpdx = draft07().compile(json(join(VENDOR, 'spdx-2.3', 'spdx-schema.json')));

const REAL_SBOMS = [
  'cyclonedx/cdx-1.6-trivy-ml-image-deb-pypi/bom.json',
  'cyclonedx/cdx-1.5-trivy-centos-7-rpm/bom.json',
  'cyclonedx/cdx-1.5-trivy-alpine-apk-composer/bom.json',
  'cyclonedx/cdx-1.6-trivy-conda/bom.json',
  'spdx/spdx-2.3-trivy-ml-image-deb-pypi/spdx.json',
];

/** package sets by facet, as `name version` lines. */
function packageSets(facets: Record<string, unknown>): Record<string, string[]> {
  const f = facets as Fingerprint['facets'];
  const lines = (ps: { name: string; version: string }[] | undefined) => (ps ?? []).map((p) => `${p.name} ${p.version}`).sort();
  return {
    system: lines(f.system?.packages),
    python: lines(f.python?.packages),
    conda: lines(f.python?.conda?.packages),
    r: lines(f.r?.packages),
  };
}

describe('envdiff sbom on fingerprints imported from real SBOMs', () => {
  it.each(REAL_SBOMS)('%s: both formats validate, and each imports back to the same packages', async (rel) => {
    const { fingerprint } = await runImport({ files: [join(REPO, 'fixtures', 'import', rel)], now: () => new Date(0) });
    const want = packageSets(fingerprint.facets);
    expect(Object.values(want).flat().length).toBeGreaterThan(0);
    for (const [render, validate] of [
      [renderCycloneDx, validateCdx],
      [renderSpdx, validateSpdx],
    ] as const) {
      const text = await render(fingerprint);
      const doc = JSON.parse(text) as unknown;
      expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(await render(fingerprint)).toBe(text);
      const back = importText(text) as ImportResult;
      expect(packageSets(back.facets as Record<string, unknown>)).toEqual(want);
    }
  });
});

describe('envdiff sbom (CLI) on a real capture of this machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envdiff-sbom-'));
  const fp = join(dir, 'local.json');
  beforeAll(async () => {
    expect((await runEnvdiff(['capture', '--no-lock', '-o', fp])).exitCode).toBe(0);
  }, 180_000);

  it.each(['cyclonedx', 'spdx'])('--format %s validates against the official schema and lists every package', async (format) => {
    const r = await runEnvdiff(['sbom', fp, '--format', format]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    const validate = format === 'cyclonedx' ? validateCdx : validateSpdx;
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const captured = JSON.parse(readFileSync(fp, 'utf8')) as Fingerprint;
    const purls = new Set(
      (JSON.stringify(doc).match(/pkg:[^"]+/g) ?? []).map((p) => {
        const u = PackageURL.fromString(p);
        return `${u.type}/${u.name}@${u.version ?? ''}`;
      }),
    );
    const missing = [
      ...(captured.facets.system.packages ?? []).map((p) => `deb/${p.name}@${p.version}`),
      ...(captured.facets.python.packages ?? []).map((p) => `pypi/${p.name}@${p.version}`),
      ...(captured.facets.r.packages ?? [])
        .filter((p) => !p.repository || p.repository === 'CRAN' || p.repository === 'base')
        .map((p) => `cran/${p.name}@${p.version}`),
    ].filter((p) => !purls.has(p));
    expect(missing).toEqual([]);
    expect(captured.facets.system.packages?.length).toBeGreaterThan(10);
  });

  it('bad input: an unknown format or a file that is no fingerprint — one line, exit 2', async () => {
    const bad = await runEnvdiff(['sbom', fp, '--format', 'swid']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    writeFileSync(join(dir, 'x.json'), '{"hello": 1}');
    const notFp = await runEnvdiff(['sbom', join(dir, 'x.json')]);
    expect(notFp.exitCode).toBe(2);
    expect(notFp.stderr).toMatch(/^envdiff: .*x\.json: not an envdiff fingerprint/);
  });
});
