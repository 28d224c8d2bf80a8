// `envdiff capture` on a terminal without -o: the fingerprint is saved to a NEW file in the
// current folder (else the temp folder), named after its label (`dev.json`, then `dev-2.json`, …),
// never replacing one.
import { closeSync, fsyncSync, linkSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EnvdiffError } from '../core/errors.js';

/** A file name made from a label: letters, digits, `.`, `_` and `-` only; `local:x` → `local-x`. */
export function fileNameFor(label: string): string {
  const safe = label
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 80);
  return safe || 'fingerprint';
}

/**
 * Writes `text` to `<label>.json` (or `<label>-N.json` when taken) in the current folder, or —
 * when that cannot be written — in the temp folder, so that a long capture is not lost. Returns
 * the path as it should be shown.
 */
export function saveNewFingerprint(text: string, label: string, dirs: readonly string[] = [process.cwd(), tmpdir()]): string {
  let first: EnvdiffError | undefined;
  for (const [i, dir] of dirs.entries()) {
    try {
      const name = saveIn(text, label, dir);
      return i === 0 ? name : join(dir, name);
    } catch (err) {
      first ??= err as EnvdiffError;
    }
  }
  throw first!;
}

function saveIn(text: string, label: string, dir: string): string {
  const stem = fileNameFor(label);
  const tmp = join(dir, `.${stem}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // link() fails when the name exists: complete content under a name no one else had.
    for (let n = 1; n <= 100; n++) {
      const name = n === 1 ? `${stem}.json` : `${stem}-${n}.json`;
      try {
        linkSync(tmp, join(dir, name));
        return name;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    throw Object.assign(new Error(`${stem}.json to ${stem}-100.json all exist`), { code: 'EEXIST' });
  } catch (err) {
    throw new EnvdiffError(
      `cannot save the fingerprint in ${resolve(dir)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      'give the file with -o FILE, or pipe the JSON: envdiff capture > fp.json',
    );
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
  }
}
