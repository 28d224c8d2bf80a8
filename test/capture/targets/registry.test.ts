// The target registry is complete: one line per target file, their prefixes and kinds unique,
// the --target hint naming every syntax, and the fingerprint schema's target.kind enum derived
// from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TARGET_PREFIXES } from '../../../src/cli/completion.js';
import { describe, expect, it } from 'vitest';
import { SYNTAX_HINT, TARGET_KINDS, TARGETS } from '../../../src/capture/targets/index.js';
import { parseTarget } from '../../../src/capture/targets/parse-target.js';
import { REPO } from '../../helpers/paths.js';

const DIR = join(REPO, 'src', 'capture', 'targets');
/** Modules of the folder that are not targets: the registry, its types and the helpers targets share. */
const NOT_TARGETS = new Set([
  'index.ts',
  'registry.ts',
  'types.ts',
  'parse-target.ts',
  'syntax.ts',
  'engine.ts',
  'stderr-lines.ts',
  'inventory.ts',
]);

describe('the target registry', () => {
  it('has one line per target file', async () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.ts') && !NOT_TARGETS.has(f))
      .sort();
    const lines = readFileSync(join(DIR, 'registry.ts'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('export'));
    expect(lines.map((l) => /from '\.\/([a-z0-9-]+)\.js';$/.exec(l)?.[1] + '.ts').sort()).toEqual(files);
    expect(TARGETS).toHaveLength(files.length);
    for (const file of files) {
      const mod = (await import(join(DIR, file))) as Record<string, unknown>;
      expect(
        Object.values(mod).filter((v) => TARGETS.includes(v as never)),
        file,
      ).toHaveLength(1);
    }
  });

  it('keeps prefixes and kinds unique, and orders targets by their own order', () => {
    const prefixes = TARGETS.flatMap((t) => t.prefixes);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(new Set(TARGET_KINDS).size).toBe(TARGET_KINDS.length);
    const orders = TARGETS.map((t) => t.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it('completion offers a prefix for every registered target, and none that is not one', () => {
    const syntaxes = TARGETS.flatMap((t) => t.syntax);
    for (const syntax of syntaxes) expect(TARGET_PREFIXES.some((p) => syntax === p || syntax.startsWith(p))).toBe(true);
    for (const p of TARGET_PREFIXES) expect(syntaxes.some((s) => s === p || s.startsWith(p))).toBe(true);
  });

  it('names every syntax in the hint for an unknown target', () => {
    for (const syntax of TARGETS.flatMap((t) => t.syntax)) expect(SYNTAX_HINT).toContain(syntax);
    expect(() => parseTarget('nosuch:thing')).toThrow(/unknown target 'nosuch:thing'/);
    expect(SYNTAX_HINT).toBe(
      'use local, docker:IMAGE, podman:IMAGE, container:NAME, ssh:[USER@]HOST[:PORT], k8s:[NAMESPACE/]POD[:CONTAINER], k8s:NAMESPACE/-l SELECTOR, k8s-job:[NAMESPACE/]NAME, slurm:PARTITION[/NODELIST], image:NAME, docker-archive:PATH, oci-archive:PATH, oci:DIR[:REF] or rootfs:DIR',
    );
  });

  it('is what the assembled fingerprint schema allows as target.kind', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'schemas', 'fingerprint.schema.json'), 'utf8')) as {
      properties: { target: { properties: { kind: { enum: string[] } } } };
    };
    expect(schema.properties.target.properties.kind.enum).toEqual(TARGET_KINDS);
  });
});
