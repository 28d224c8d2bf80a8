// THE list of version schemes: one line each (renovate's lib/modules/versioning/api.ts is the
// model). Adding a scheme is a folder src/versioning/<id>/ exporting a VersionScheme and one line
// here; ./index.ts derives the rest, and test/versioning/contract.test.ts runs every scheme.
export { semver } from './semver/index.js';
export { pep440 } from './pep440/index.js';
export { r } from './r/index.js';
export { dpkg } from './dpkg/index.js';
export { rpm } from './rpm/index.js';
export { nvidiaDriver } from './nvidia-driver/index.js';
export { loose } from './loose/index.js';
