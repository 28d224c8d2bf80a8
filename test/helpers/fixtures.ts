// The one fixture layout, shared by the golden test (test/facets/golden.test.ts) and the facet
// tests. fixtures/<facet>/<scenario>/ holds:
//   SOURCE.md       where it came from (a real machine, a public repository at a commit, or SYNTHETIC)
//   expected.json   the facet its parser must produce
//   probe.txt       the probe's whole output, as the bundle carries it; or instead
//   <sub-section>   one file per `### <sub-section>` the probe prints (`os-release`, `cpuinfo`,
//                   `nvidia-smi-query`, …), holding the raw text that tool prints
//   context.json    optional: the parse context (the target's home) the capture had
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProbeSection } from '../../src/core/sections.js';
import type { ParseContext } from '../../src/facets/types.js';
import { splitProbeOutput } from '../../src/core/sections.js';
import { buildProbeBundle, type BundleOptions } from '../../src/capture/probe-bundle.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Fixture {
  name: string;
  section: ProbeSection;
  expected: unknown;
  context: ParseContext;
}

const NOT_INPUT = new Set(['expected.json', 'expected-import.json', 'SOURCE.md', 'context.json']);

export function loadFixtures(facet: string): Fixture[] {
  const base = join(ROOT, 'fixtures', facet);
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(base, name);
      let text: string;
      if (existsSync(join(dir, 'probe.txt'))) {
        text = readFileSync(join(dir, 'probe.txt'), 'utf8');
      } else {
        text = readdirSync(dir)
          .filter((f) => !NOT_INPUT.has(f))
          .sort()
          .map((f) => `### ${f}\n${readFileSync(join(dir, f), 'utf8').replace(/\n$/, '')}`)
          .join('\n');
      }
      const exp = join(dir, 'expected.json');
      const expected: unknown = existsSync(exp) ? JSON.parse(readFileSync(exp, 'utf8')) : undefined;
      const ctx = join(dir, 'context.json');
      const context = (existsSync(ctx) ? JSON.parse(readFileSync(ctx, 'utf8')) : {}) as ParseContext;
      return { name, section: { id: facet, exitCode: 0, text, stderr: '' }, expected, context };
    });
}

/** Every fixture folder must say where it came from and what it must parse to. */
export function fixtureIsComplete(facet: string, name: string): boolean {
  const dir = join(ROOT, 'fixtures', facet, name);
  return existsSync(join(dir, 'SOURCE.md')) && existsSync(join(dir, 'expected.json'));
}

/** Runs the real bundle under a real shell (`dash -s`, `busybox sh -s`) and splits it. */
export function runBundle(
  shell: readonly string[],
  opts: BundleOptions,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 60_000,
): Map<string, ProbeSection> {
  const script = buildProbeBundle(opts);
  const out = execFileSync(shell[0]!, [...shell.slice(1)], {
    input: script,
    env,
    timeout: timeoutMs,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return splitProbeOutput(out);
}

export const SHELLS: readonly (readonly string[])[] = [
  ['dash', '-s'],
  ['busybox', 'sh', '-s'],
];

export function sh(cmd: string): string {
  return execFileSync('sh', ['-c', cmd], { encoding: 'utf8' }).trim();
}
