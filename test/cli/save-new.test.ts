// Where `capture` on a terminal saves the fingerprint: a new file, never a replaced one, and
// somewhere even when the current folder cannot be written.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileNameFor, saveNewFingerprint } from '../../src/app/save-new.js';

describe('saveNewFingerprint', () => {
  it('names the file after the label, made safe, and never replaces a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-save-'));
    expect(fileNameFor('podman:my/image:1')).toBe('podman-my-image-1');
    expect(fileNameFor('../../etc/passwd')).toBe('etc-passwd');
    expect(fileNameFor('\u001b[31m')).toBe('31m');
    expect(fileNameFor('…')).toBe('fingerprint');
    writeFileSync(join(dir, 'dev.json'), 'keep');
    expect(saveNewFingerprint('{"a":1}\n', 'dev', [dir])).toBe('dev-2.json');
    expect(saveNewFingerprint('{"a":2}\n', 'dev', [dir])).toBe('dev-3.json');
    expect(readFileSync(join(dir, 'dev.json'), 'utf8')).toBe('keep');
    expect(readFileSync(join(dir, 'dev-3.json'), 'utf8')).toBe('{"a":2}\n');
    expect(readdirSync(dir).sort()).toEqual(['dev-2.json', 'dev-3.json', 'dev.json']);
  });

  it('falls back to the next folder when one cannot be written, and names it in full', () => {
    const missing = join(tmpdir(), `envdiff-no-such-dir-${process.pid}`);
    const spare = mkdtempSync(join(tmpdir(), 'envdiff-spare-'));
    const saved = saveNewFingerprint('{}\n', 'qa', [missing, spare]);
    expect(saved).toBe(join(spare, 'qa.json'));
    expect(() => saveNewFingerprint('{}\n', 'qa', [missing])).toThrow(/cannot save the fingerprint in .*envdiff-no-such-dir.*: ENOENT$/);
  });
});
