import { readFileSync } from 'node:fs';

// The package's version and home page, read once from package.json so that a release bump is one edit.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; homepage: string };

export const TOOL_VERSION: string = pkg.version;
/** Where users read about envdiff: SARIF's tool.driver.informationUri (SARIF 2.1.0 §3.19.17). */
export const TOOL_HOMEPAGE: string = pkg.homepage;
