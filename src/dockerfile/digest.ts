// The fingerprint digest written into the image's LABEL: sha256 over a canonical JSON form
// (keys sorted at every level, no whitespace) of the fingerprint WITHOUT capturedAt, so two
// captures of the same machine (they differ only in capturedAt: docs/ARCHITECTURE.md) give the
// same digest.
import { createHash } from 'node:crypto';
import type { Fingerprint } from '../facets/index.js';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** `sha256:<hex>` of the fingerprint minus capturedAt. */
export function fingerprintDigest(fp: Fingerprint): string {
  const { capturedAt: _ignored, ...rest } = fp;
  return `sha256:${createHash('sha256').update(canonicalJson(rest)).digest('hex')}`;
}
