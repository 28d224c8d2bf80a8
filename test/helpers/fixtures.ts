// Shared by the os/kernel/cpu/gpu golden and live tests. A fixture folder holds either
// `section.txt` (a probe's whole output, captured as the bundle carries it) or one file per probe
// sub-section, named as the probe names it (`os-release`, `cpuinfo`, `nvidia-smi-query`, …),
// holding the raw text that tool prints. `expected.json` is the hand-checked facet.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProbeSection } from '../../src/core/sections.js';
import { splitProbeOutput } from '../../src/core/sections.js';
import { buildProbeBundle, type BundleOptions } from '../../src/capture/probe-bundle.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Fixture {
  name: string;
  section: ProbeSection;
  expected: unknown;
}

const NOT_INPUT = new Set(['expected.json', 'SOURCE.md']);

export function loadFixtures(facet: string): Fixture[] {
  const base = join(ROOT, 'fixtures', facet);
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(base, name);
      let text: string;
      if (existsSync(join(dir, 'section.txt'))) {
        text = readFileSync(join(dir, 'section.txt'), 'utf8');
      } else {
        text = readdirSync(dir)
          .filter((f) => !NOT_INPUT.has(f))
          .sort()
          .map((f) => `### ${f}\n${readFileSync(join(dir, f), 'utf8').replace(/\n$/, '')}`)
          .join('\n');
      }
      const exp = join(dir, 'expected.json');
      const expected: unknown = existsSync(exp) ? JSON.parse(readFileSync(exp, 'utf8')) : undefined;
      return { name, section: { id: facet, exitCode: 0, text, stderr: '' }, expected };
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
