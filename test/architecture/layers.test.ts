// STYLE.md: layers import downward only — cli → app → (capture | compare | report | dockerfile |
// lockfiles) → transports → facets → (versioning | data) → core — and facets never run processes.
// import (the pure readers of other tools' reports) sits just above lockfiles, whose parsers it reuses.
// This test reads every import in src/ and fails on one that points up or sideways.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const RANK: Readonly<Record<string, number>> = {
  cli: 7,
  app: 6,
  capture: 5,
  compare: 5,
  report: 5,
  dockerfile: 5,
  import: 5.5,
  lockfiles: 5,
  transports: 4,
  facets: 3,
  versioning: 2,
  data: 2,
  core: 1,
  generated: 0,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const layerOf = (path: string) => relative(SRC, path).split('/')[0]!;

describe('layering', () => {
  const files = sources(SRC);

  it('knows every top-level folder of src/', () => {
    expect(new Set(files.map(layerOf).filter((l) => !l.endsWith('.ts')))).toEqual(
      new Set(Object.keys(RANK).filter((l) => files.some((f) => layerOf(f) === l))),
    );
    for (const f of files) expect(RANK[layerOf(f)], f).toBeDefined();
  });

  it('imports only downward (or within the same layer)', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\(?)\s*'(\.{1,2}\/[^']+)'/g)) {
        const to = layerOf(resolve(dirname(file), m[1]!));
        if (to !== from && RANK[to]! >= RANK[from]!) upward.push(`${relative(SRC, file)} → ${m[1]}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps facets, versioning, data and import pure: no processes, no file system', () => {
    const impure: string[] = [];
    for (const file of files.filter((f) => ['facets', 'versioning', 'data', 'import'].includes(layerOf(f)))) {
      const text = readFileSync(file, 'utf8');
      if (/from '(node:)?(child_process|fs|fs\/promises)'|run-process\.js/.test(text)) impure.push(relative(SRC, file));
    }
    expect(impure).toEqual([]);
  });
});
