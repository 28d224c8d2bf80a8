// The __ID__ facet: where the `__ID__` command is and the version it reports.
import type { FacetBase } from '../types.js';

export interface __Id__Facet extends FacetBase {
  /** `command -v __ID__`, with the target's home written as `~`. */
  path?: string;
  /** The first line `__ID__ --version` prints. */
  version?: string;
}
