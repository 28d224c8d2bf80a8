// The import kinds, one line each. Order is detection order: structured formats first (JSON, XML),
// then the text reports, pip freeze last because its test ("every line is a freeze line") is the
// loosest. Each parser's own detect must still reject the others' samples (test/import/golden.test.ts).
import { collectEnvParser } from './collect-env.js';
import { condaEnvExportParser } from './conda-env-export.js';
import { condaExplicitParser } from './conda-explicit.js';
import { cycloneDxParser } from './cyclonedx.js';
import { nvidiaSmiXmlParser } from './nvidia-smi-xml.js';
import { pipFreezeParser } from './pip-freeze.js';
import { pipInspectParser } from './pip-inspect.js';
import { pipListJsonParser } from './pip-list-json.js';
import { sessionInfoParser } from './session-info.js';
import { spdxParser } from './spdx.js';
import type { ImportKind, ImportParser } from './types.js';

export const IMPORT_PARSERS: readonly ImportParser[] = [
  pipInspectParser,
  cycloneDxParser,
  spdxParser,
  pipListJsonParser,
  nvidiaSmiXmlParser,
  collectEnvParser,
  sessionInfoParser,
  condaExplicitParser,
  condaEnvExportParser,
  pipFreezeParser,
];

export function importParser(kind: ImportKind): ImportParser {
  const p = IMPORT_PARSERS.find((x) => x.kind === kind);
  if (!p) throw new Error(`no import parser for ${kind}`);
  return p;
}

export { detectImportKind, importBytes, importText } from './detect.js';
export type * from './types.js';
