import type { FacetModule } from '../types.js';
import { compareEnv, ENV_RULES } from './rules.js';
import type { EnvFacet } from './types.js';

export const envFacet: FacetModule<'env', EnvFacet, true> = {
  id: 'env',
  order: 90,
  required: true,
  parser: async () => (await import('./parse.js')).parseEnv,
  rules: compareEnv,
  catalog: Object.values(ENV_RULES),
  // An empty allow-list only loses facts.
  absentOnTarget: 'info',
  dockerfile: async () => (await import('./dockerfile.js')).envDockerfile,
};
