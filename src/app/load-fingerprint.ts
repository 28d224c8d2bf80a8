// Reads a fingerprint file for `compare` (and `dockerfile`): every way the input can be wrong gets
// ONE line saying what and what to do (README, "Bad input"), as an EnvdiffError with exit 2.
//
// Speed: `compare` is timed against `node -e 0` on fingerprints with thousands of packages, and
// importing ajv and compiling the fingerprint schema costs more than the rest of the run, so the
// schema is compiled to a standalone validator at build time (scripts/build-schemas.mjs).
import { readFile } from 'node:fs/promises';
import { EnvdiffError } from '../core/errors.js';
import { jsonErrorWithoutInput } from '../core/text.js';
import type { Fingerprint } from '../facets/index.js';
import { checkFingerprint } from '../core/fingerprint-schema.js';
import { readStdin, STDIN_PATH } from '../core/read-stdin.js';

export const SUPPORTED_SCHEMA_VERSION = 1;

const NOT_A_FINGERPRINT_HINT = 'envdiff reads fingerprints written by `envdiff capture -o FILE`';

export async function loadFingerprint(path: string): Promise<Fingerprint> {
  if (path === STDIN_PATH) return parseFingerprint(await readStdin('a fingerprint', 'envdiff capture | envdiff show -'), 'stdin');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new EnvdiffError(`${path}: no such file`, 'check the path, or write one with `envdiff capture -o FILE`');
    }
    if (code === 'EISDIR') throw new EnvdiffError(`${path}: is a directory, not a fingerprint file`, NOT_A_FINGERPRINT_HINT);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new EnvdiffError(`${path}: cannot read the file (permission denied)`, 'check its permissions');
    }
    throw new EnvdiffError(`${path}: cannot read the file (${code ?? String(err)})`, 'check the path');
  }
  return parseFingerprint(text, path);
}

/** Parses and checks fingerprint text; `source` names the file in messages. */
export function parseFingerprint(text: string, source: string): Fingerprint {
  // PowerShell's `>` writes UTF-8 with a BOM, which JSON.parse rejects.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new EnvdiffError(`${source}: the file is empty`, NOT_A_FINGERPRINT_HINT);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    throw new EnvdiffError(`${source}: not valid JSON (${describeJsonError(body, (err as Error).message)})`, NOT_A_FINGERPRINT_HINT);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('schemaVersion' in data) || !('facets' in data)) {
    throw new EnvdiffError(`${source}: not an envdiff fingerprint (no schemaVersion/facets)`, NOT_A_FINGERPRINT_HINT);
  }
  const version = (data as { schemaVersion: unknown }).schemaVersion;
  if (version !== SUPPORTED_SCHEMA_VERSION) {
    if (typeof version === 'number' && Number.isInteger(version) && version > SUPPORTED_SCHEMA_VERSION) {
      throw new EnvdiffError(
        `${source}: written by a newer envdiff? schemaVersion ${version}, this envdiff reads ${SUPPORTED_SCHEMA_VERSION}`,
        'upgrade envdiff, or capture again with this version',
      );
    }
    throw new EnvdiffError(
      `${source}: unsupported schemaVersion ${JSON.stringify(version)}, this envdiff reads ${SUPPORTED_SCHEMA_VERSION}`,
      'capture the fingerprint again with this envdiff',
    );
  }
  // Full schema validation, through the validator compiled at build time (no ajv at run time).
  const problems = checkFingerprint(data);
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new EnvdiffError(`${source}: not a valid fingerprint: ${p.path} ${p.message}`, 'capture it again with `envdiff capture`');
  }
  return data as Fingerprint;
}

/** V8 says "… in JSON at position 10"; people read line and column. */
function describeJsonError(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message);
  // Newer V8 quotes the input (`Unexpected token '}', "{"a":}" is not valid JSON`): drop the quote.
  const what = jsonErrorWithoutInput(message).replace(/ in JSON at position \d+.*$/s, '');
  if (!m) return what.replace(/\s+/g, ' ');
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${what.replace(/\s+/g, ' ')} at line ${line}, column ${column}`;
}
