// The official JSON Schemas vendored under schemas/vendor/ (CycloneDX, SPDX, Kubernetes), each with
// its SOURCE.md, and the one ajv setup that compiles them (all draft-07).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { REPO } from './paths.js';

const addFormats = (addFormatsModule as unknown as { default: (a: Ajv) => void }).default;

export const VENDOR = join(REPO, 'schemas', 'vendor');

export const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;

/** An ajv for draft-07 schemas. Formats ajv-formats does not define are accepted as strings (their checks are not what is tested). */
export function draft07(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['iri-reference', 'idn-email', 'int32', 'int64']) ajv.addFormat(f, true);
  return ajv;
}

/** A Kubernetes 1.30 object schema (e.g. `job-batch-v1`), its `$schema` line dropped as ajv wants. */
export function kubernetesSchema(name: string) {
  const { $schema: _, ...schema } = readJson(join(VENDOR, 'kubernetes-1.30.0', `${name}.json`));
  return draft07().compile(schema);
}
