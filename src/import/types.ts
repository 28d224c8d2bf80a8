// What `envdiff import` reads: reports other tools wrote about an environment. Each kind has a
// pure parser (text in, partial fingerprint out) and a content test; the registry is index.ts.
import type { GpuDevice } from '../facets/gpu/types.js';
import type { Facets } from '../facets/index.js';
import type { CondaPackage } from '../facets/python/types.js';

export type ImportKind =
  | 'collect-env'
  | 'session-info'
  | 'pip-freeze'
  | 'pip-list-json'
  | 'pip-inspect'
  | 'conda-explicit'
  | 'conda-env-export'
  | 'nvidia-smi-xml'
  | 'cyclonedx'
  | 'spdx';

/** A line (1-based) or an element the parser could not read; the rest of the file still counts. */
export interface ImportProblem {
  line?: number;
  message: string;
}

/** A GPU as an import reports it: the gpu facet's device, MIG instances included. */
export type ImportedGpuDevice = GpuDevice;
export type { MigDevice } from '../facets/gpu/types.js';

export type ImportedFacets = Partial<Facets>;

export interface ImportResult {
  kind: ImportKind;
  /** Only the facets the report speaks about; each with status "ok". */
  facets: ImportedFacets;
  problems: ImportProblem[];
  /** Facts a facet has no field for, as written (torch version, CUDA torch was built with …). */
  meta: Record<string, string>;
}

/** A file of the kind that cannot be read at all: one sentence, for one stderr line. */
export interface ImportFailure {
  kind: ImportKind;
  error: string;
}

export type ImportOutcome = ImportResult | ImportFailure;

export function isFailure(o: ImportOutcome): o is ImportFailure {
  return 'error' in o;
}

/** The decoded file, with its JSON and XML forms worked out at most once for all detectors. */
export interface ImportInput {
  text: string;
  /** The JSON value, or undefined when the text is not JSON. */
  json(): unknown;
}

export interface ImportParser {
  kind: ImportKind;
  /** What the kind is, for messages ("PyTorch collect_env report"). */
  title: string;
  /** From content only, never the file name. Must be cheap and must not throw. */
  detect(input: ImportInput): boolean;
  /** Never throws: garbage gives an ImportFailure, unreadable lines give problems. */
  parse(input: ImportInput): ImportOutcome;
}

export type { CondaPackage };
