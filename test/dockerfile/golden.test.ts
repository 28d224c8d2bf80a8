// Every fixtures/dockerfile/<scenario>/fingerprint.json against its golden Dockerfile and side
// files, which must also pass dockerfile-utils' validator. UPDATE_GOLDENS=1 rewrites the goldens
// (review the diff: they are what a user gets).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { validate } from 'dockerfile-utils';
import type { Fingerprint } from '../../src/facets/index.js';
import { generateDockerfile } from '../../src/dockerfile/generate.js';
import { fingerprintDigest } from '../../src/dockerfile/digest.js';

const ROOT = fileURLToPath(new URL('../../fixtures/dockerfile/', import.meta.url));
const SCENARIOS = readdirSync(ROOT)
  .filter((d) => existsSync(join(ROOT, d, 'fingerprint.json')))
  .sort();
const UPDATE = process.env['UPDATE_GOLDENS'] === '1';

function load(scenario: string): Fingerprint {
  return JSON.parse(readFileSync(join(ROOT, scenario, 'fingerprint.json'), 'utf8')) as Fingerprint;
}

test('the golden set covers Linux CPU, Linux CUDA, macOS, R and JVM', () => {
  expect(SCENARIOS).toEqual([
    'debian-12-apt-origins',
    'jvm-debian-12',
    'linux-cpu-debian-12',
    'linux-cuda-ubuntu-22.04-h100',
    'macos-intel-laptop',
    'r-debian-12',
  ]);
  for (const s of SCENARIOS) expect(existsSync(join(ROOT, s, 'SOURCE.md')), `${s}/SOURCE.md`).toBe(true);
});

describe.each(SCENARIOS)('%s', (scenario) => {
  const fp = load(scenario);
  const gen = generateDockerfile(fp);
  const goldenDir = join(ROOT, scenario, 'golden');

  test('matches the golden Dockerfile and side files', () => {
    const files = [{ path: 'Dockerfile', content: gen.dockerfile }, ...gen.files];
    if (UPDATE) {
      mkdirSync(goldenDir, { recursive: true });
      for (const f of files) writeFileSync(join(goldenDir, f.path), f.content);
    }
    expect(readdirSync(goldenDir).sort()).toEqual(files.map((f) => f.path).sort());
    for (const f of files) expect(f.content, f.path).toBe(readFileSync(join(goldenDir, f.path), 'utf8'));
  });

  test('passes the dockerfile-utils validator with no error or warning', () => {
    const problems = validate(gen.dockerfile).map(
      (d) => `line ${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`,
    );
    expect(problems).toEqual([]);
  });

  test('is deterministic and keyed to the fingerprint digest (capturedAt excluded)', () => {
    const again = generateDockerfile(JSON.parse(JSON.stringify({ ...fp, capturedAt: '2031-01-01T00:00:00.000Z' })) as Fingerprint);
    expect(again.dockerfile).toBe(gen.dockerfile);
    expect(gen.dockerfile).toContain(`io.envdiff.fingerprint.digest="${fingerprintDigest(fp)}"`);
  });

  test('pins every Python package it installs', () => {
    const req = gen.files.find((f) => f.kind === 'requirements');
    if (!req) return;
    const lines = req.content.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('--'));
    for (const l of lines) expect(l).toMatch(/^[a-z0-9-]+(==\S+| @ \S+)$/);
  });
});
