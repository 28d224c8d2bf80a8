// Which report a file is, from its content alone — never its name (a `requirements.txt` may be pip
// freeze output, an `env.txt` a collect_env report). Undefined for anything else, so that the
// caller can say "unknown format" once and exit 2.
import { IMPORT_PARSERS } from './index.js';
import { decodeBytes, makeInput } from './text.js';
import type { ImportKind, ImportOutcome } from './types.js';

export function detectImportKind(text: string): ImportKind | undefined {
  const input = makeInput(text);
  for (const p of IMPORT_PARSERS) {
    try {
      if (p.detect(input)) return p.kind;
    } catch {
      // a detector must not throw; if one does, it simply does not claim the file
    }
  }
  return undefined;
}

/** Detect and parse; undefined when no kind claims the text. Never throws. */
export function importText(text: string): ImportOutcome | undefined {
  const input = makeInput(text);
  for (const p of IMPORT_PARSERS) {
    let claimed = false;
    try {
      claimed = p.detect(input);
    } catch {
      claimed = false;
    }
    if (!claimed) continue;
    try {
      return p.parse(input);
    } catch (e) {
      return { kind: p.kind, error: `could not read this ${p.title}: ${(e as Error).message}` };
    }
  }
  return undefined;
}

export function importBytes(bytes: Uint8Array): ImportOutcome | undefined {
  return importText(decodeBytes(bytes));
}
