// The layering of src/ (test/architecture/check.ts states the rules): no import runs upward or
// sideways, no facet imports another, the pure layers do no I/O. A failure names file, line and why.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.js';
import { checkArchitecture, RANK } from './check.js';

const SRC = join(REPO, 'src');

describe('layering of src/', () => {
  it('knows every top-level folder of src/, and src/ has no loose files', () => {
    for (const entry of readdirSync(SRC)) {
      expect(statSync(join(SRC, entry)).isDirectory(), entry).toBe(true);
      expect(RANK[entry], entry).toBeDefined();
    }
  });

  it('has no violation', () => {
    const found = checkArchitecture(SRC).map((v) => `${v.file}:${v.line} ${v.kind}: ${v.detail}`);
    expect(found).toEqual([]);
  });
});
