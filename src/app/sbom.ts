// `envdiff sbom FP --format cyclonedx|spdx`: the software a fingerprint records, as an SBOM that
// security tooling reads. Every package becomes a component with its package URL
// (https://github.com/package-url/purl-spec: deb, rpm, apk, pypi, conda, cran); the OS, the
// interpreters, the JVM pieces and the GPU driver are components too. The same fingerprint gives
// the same bytes: timestamps come from capturedAt and identifiers from the fingerprint's sha256.
//
// CycloneDX 1.6 JSON is built and serialized with the CycloneDX project's own library; SPDX 2.3
// JSON is written here (https://spdx.github.io/spdx-spec/v2.3/). Both are validated in tests
// against the official schemas vendored under schemas/vendor/.
import { createHash } from 'node:crypto';
import { PackageURL } from 'packageurl-js';
import { EnvdiffError } from '../core/errors.js';
import { byCodeUnit } from '../core/text.js';
import { TOOL_VERSION } from '../core/version.js';
import type { Fingerprint } from '../facets/index.js';
import { loadFingerprint } from './load-fingerprint.js';

export type SbomFormat = 'cyclonedx' | 'spdx';
export const SBOM_FORMATS: readonly SbomFormat[] = ['cyclonedx', 'spdx'];

/** One piece of software the fingerprint records, before it is written in either format. */
export interface SbomItem {
  /** The CycloneDX component type; SPDX's primaryPackagePurpose is derived from it. */
  type: 'library' | 'application' | 'framework' | 'operating-system' | 'device-driver';
  name: string;
  version?: string;
  purl?: string;
  /** Where it came from in the fingerprint (`system`, `python`, `conda`, `r`, `jvm`, `gpu`, `os`). */
  facet: string;
}

function purl(type: string, namespace: string | undefined, name: string, version: string | undefined, qualifiers?: Record<string, string>) {
  const q = qualifiers && Object.keys(qualifiers).length ? qualifiers : undefined;
  return new PackageURL(type, namespace, name, version || undefined, q, undefined).toString();
}

/** The components of a fingerprint, sorted (facet, name, version, purl) so that output is stable. */
export function sbomItems(fp: Fingerprint): SbomItem[] {
  const items: SbomItem[] = [];
  const f = fp.facets;
  const os = f.os?.status === 'ok' ? f.os : undefined;
  const distroId = os?.distro?.id;
  const distroQualifier = distroId ? { distro: os?.distro?.versionId ? `${distroId}-${os.distro.versionId}` : distroId } : undefined;
  if (os?.distro?.id) {
    items.push({
      type: 'operating-system',
      name: os.distro.id,
      ...(os.distro.versionId ? { version: os.distro.versionId } : {}),
      facet: 'os',
    });
  } else if (os?.name) {
    items.push({ type: 'operating-system', name: os.name, facet: 'os' });
  }
  if (f.system?.status === 'ok') {
    const type = f.system.manager === 'dpkg' ? 'deb' : f.system.manager === 'brew' ? 'brew' : f.system.manager;
    for (const p of f.system.packages ?? []) {
      const q: Record<string, string> = { ...(p.arch ? { arch: p.arch } : {}), ...(distroQualifier ?? {}) };
      items.push({
        type: 'library',
        name: p.name,
        version: p.version,
        ...(type && type !== 'brew' ? { purl: purl(type, distroId, p.name, p.version, q) } : {}),
        facet: 'system',
      });
    }
  }
  if (f.python?.status === 'ok') {
    const py = f.python;
    if (py.version)
      items.push({ type: 'application', name: (py.implementation ?? 'python').toLowerCase(), version: py.version, facet: 'python' });
    for (const p of py.packages ?? []) {
      items.push({ type: 'library', name: p.name, version: p.version, purl: purl('pypi', undefined, p.name, p.version), facet: 'python' });
    }
    for (const p of py.conda?.packages ?? []) {
      const q: Record<string, string> = { ...(p.build ? { build: p.build } : {}), ...(p.channel ? { channel: p.channel } : {}) };
      items.push({
        type: 'library',
        name: p.name,
        version: p.version,
        purl: purl('conda', undefined, p.name, p.version, q),
        facet: 'conda',
      });
    }
  }
  if (f.r?.status === 'ok') {
    if (f.r.version) items.push({ type: 'application', name: 'R', version: f.r.version, facet: 'r' });
    for (const p of f.r.packages ?? []) {
      const cran = !p.repository || p.repository === 'CRAN' || p.repository === 'base';
      items.push({
        type: 'library',
        name: p.name,
        version: p.version,
        ...(cran ? { purl: purl('cran', undefined, p.name, p.version) } : {}),
        facet: 'r',
      });
    }
  }
  if (f.jvm?.status === 'ok') {
    const j = f.jvm;
    if (j.java) items.push({ type: 'application', name: 'java', version: j.java.version, facet: 'jvm' });
    if (j.scala) {
      items.push({
        type: 'library',
        name: 'scala-library',
        version: j.scala.version,
        purl: purl('maven', 'org.scala-lang', 'scala-library', j.scala.version),
        facet: 'jvm',
      });
    }
    if (j.spark) items.push({ type: 'framework', name: 'spark', version: j.spark.version, facet: 'jvm' });
  }
  if (f.gpu?.status === 'ok' && f.gpu.driver) {
    items.push({ type: 'device-driver', name: `${f.gpu.driver.vendor} driver`, version: f.gpu.driver.version, facet: 'gpu' });
  }
  return items.sort(
    (a, b) =>
      byCodeUnit(a.facet, b.facet) ||
      byCodeUnit(a.name, b.name) ||
      byCodeUnit(a.version ?? '', b.version ?? '') ||
      byCodeUnit(a.purl ?? '', b.purl ?? ''),
  );
}

/** A stable, unique reference per item: its purl, else facet/name@version; repeats get a counter. */
function references(items: readonly SbomItem[]): string[] {
  const seen = new Map<string, number>();
  return items.map((it) => {
    const base = it.purl ?? `${it.facet}/${it.name}${it.version ? `@${it.version}` : ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n + 1}`;
  });
}

function fingerprintDigest(fp: Fingerprint): string {
  return createHash('sha256').update(JSON.stringify(fp)).digest('hex');
}

/** An RFC 4122 UUID (version 5 layout) from the fingerprint's digest: the same fingerprint, the same serial number. */
function stableUuid(hex: string): string {
  const h = hex.slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export async function renderCycloneDx(fp: Fingerprint): Promise<string> {
  const CDX = await import('@cyclonedx/cyclonedx-library');
  const items = sbomItems(fp);
  const refs = references(items);
  const bom = new CDX.Models.Bom({ serialNumber: `urn:uuid:${stableUuid(fingerprintDigest(fp))}` });
  bom.metadata.timestamp = new Date(fp.capturedAt);
  bom.metadata.tools.components.add(
    new CDX.Models.Component(CDX.Enums.ComponentType.Application, 'envdiff', { version: TOOL_VERSION, bomRef: 'envdiff' }),
  );
  const root = new CDX.Models.Component(CDX.Enums.ComponentType.Platform, fp.label, { bomRef: `envdiff-target:${fp.target.kind}` });
  root.properties.add(new CDX.Models.Property('envdiff:target', `${fp.target.kind}:${fp.target.ref}`));
  root.properties.add(new CDX.Models.Property('envdiff:capturedAt', fp.capturedAt));
  bom.metadata.component = root;
  items.forEach((it, i) => {
    const c = new CDX.Models.Component(it.type as never, it.name, {
      bomRef: refs[i],
      ...(it.version ? { version: it.version } : {}),
      ...(it.purl ? { purl: it.purl } : {}),
    });
    c.properties.add(new CDX.Models.Property('envdiff:facet', it.facet));
    bom.components.add(c);
    root.dependencies.add(c.bomRef);
  });
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 }) + '\n';
}

const SPDX_PURPOSE: Record<SbomItem['type'], string> = {
  library: 'LIBRARY',
  application: 'APPLICATION',
  framework: 'FRAMEWORK',
  // The JSON schema's spelling; the spec's text writes OPERATING-SYSTEM (test/import/vendored-schemas.test.ts).
  'operating-system': 'OPERATING_SYSTEM',
  'device-driver': 'DEVICE',
};

/** SPDX ids allow letters, digits, `.` and `-` only (spec 2.3 §3.2). */
function spdxId(ref: string, i: number): string {
  return `SPDXRef-${i + 1}-${ref.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 80)}`;
}

export function renderSpdx(fp: Fingerprint): string {
  const items = sbomItems(fp);
  const refs = references(items);
  const digest = fingerprintDigest(fp);
  const ids = refs.map(spdxId);
  const packages = items.map((it, i) => ({
    SPDXID: ids[i]!,
    name: it.name,
    ...(it.version ? { versionInfo: it.version } : {}),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: SPDX_PURPOSE[it.type],
    ...(it.purl ? { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: it.purl }] } : {}),
    comment: `envdiff facet: ${it.facet}`,
  }));
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: fp.label,
    documentNamespace: `https://envdiff.dev/spdx/${encodeURIComponent(fp.label)}-${digest}`,
    creationInfo: {
      created: fp.capturedAt.replace(/\.\d+Z$/, 'Z'),
      creators: [`Tool: envdiff-${TOOL_VERSION}`],
      comment: `Captured from ${fp.target.kind}:${fp.target.ref}`,
    },
    packages,
    relationships: [...ids.map((id) => ({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: id }))],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export interface SbomCommandOptions {
  fingerprintPath: string;
  format: string;
}

export async function runSbom(opts: SbomCommandOptions): Promise<string> {
  if (!SBOM_FORMATS.includes(opts.format as SbomFormat)) {
    throw new EnvdiffError(`sbom: unknown format '${opts.format}'`, `use --format ${SBOM_FORMATS.join(' or ')}`);
  }
  const fp = await loadFingerprint(opts.fingerprintPath);
  return opts.format === 'cyclonedx' ? renderCycloneDx(fp) : renderSpdx(fp);
}
