// The fingerprint's types, derived from the facet registry: FacetId is the union of the registered
// ids, Facets maps each to its module's facet type. schemas/fingerprint.schema.json, assembled at
// build time from src/facets/fingerprint.base.schema.json and each facet's schema.json, is the
// normative form (scripts/build-schemas.mjs).
import type * as Registered from './registry.js';
import type { FacetModule } from './types.js';

type RegisteredModule = (typeof Registered)[keyof typeof Registered];

export type FacetId = RegisteredModule['id'];

type ValueOf<M> = M extends FacetModule<string, infer F, boolean> ? F : never;
type RequiredModule = Extract<RegisteredModule, { required: true }>;
type OptionalModule = Exclude<RegisteredModule, RequiredModule>;

/** Every facet by id; facets added after schemaVersion 1 may be missing from older fingerprints. */
export type Facets = { [M in RequiredModule as M['id']]: ValueOf<M> } & { [M in OptionalModule as M['id']]?: ValueOf<M> };

export interface Fingerprint {
  schemaVersion: 1;
  tool: { name: 'envdiff'; version: string };
  capturedAt: string;
  label: string;
  /** `kind` is one of the target registry's kinds (src/capture/targets/registry.ts); the schema lists them. */
  target: { kind: string; ref: string };
  /** What an `envdiff import` was made from: each report's kind and the sha256 of its bytes. */
  sources?: FingerprintSource[];
  facets: Facets;
}

export interface FingerprintSource {
  kind: string;
  sha256: string;
  file: string;
  meta?: Record<string, string>;
}
