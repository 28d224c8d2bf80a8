// Validation of fingerprints against schemas/fingerprint.schema.json, through the standalone
// validator that scripts/build-schemas.mjs compiles at build time (no ajv compile at run time).
import validate from '../generated/fingerprint-validator.js';

export interface SchemaProblem {
  /** JSON pointer of the offending value, e.g. /facets/python/packages/3/name */
  path: string;
  message: string;
}

export function checkFingerprint(data: unknown): SchemaProblem[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath || '/',
    message:
      e.keyword === 'additionalProperties'
        ? `${e.message} (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
        : e.keyword === 'unevaluatedProperties'
          ? `${e.message} (${String((e.params as { unevaluatedProperty?: string }).unevaluatedProperty)})`
          : (e.message ?? 'is invalid'),
  }));
}
