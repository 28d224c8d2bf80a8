#!/usr/bin/env node
// Bench: capture of a podman image vs a capture of this machine, both through the built CLI,
// interleaved, medians. Goal ≤ 1.3×: one `podman run --rm -i … sh -s` round trip should cost
// little more than the probes themselves. Used by bench/run.mjs (benchTargets) or on its own:
//   node bench/targets.mjs [IMAGE]       (default: the newest localhost/envdiff-test/bookworm-python image,
//                                         which the target tests build; or ENVDIFF_BENCH_IMAGE)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GOAL = 1.3;

/** The image to capture: given, ENVDIFF_BENCH_IMAGE, or the test image if present; else null. */
export function findBenchImage(given) {
  const image = given ?? process.env.ENVDIFF_BENCH_IMAGE;
  if (image) return image;
  const r = spawnSync(
    'podman',
    ['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', 'reference=localhost/envdiff-test/bookworm-python'],
    {
      encoding: 'utf8',
    },
  );
  if (r.error || r.status !== 0) return null;
  return r.stdout.split('\n').find((l) => l.trim()) ?? null;
}

function timeOnce(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 300)}`);
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The same interleaved pairing as bench/run.mjs, for standalone runs. */
function ownPair(name, subject, reference, goal, runs) {
  timeOnce(...subject);
  timeOnce(...reference);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(timeOnce(...subject));
    b.push(timeOnce(...reference));
  }
  const ms = median(a);
  const referenceMs = median(b);
  const ratio = ms / referenceMs;
  console.log(
    `${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  vs local capture ${referenceMs.toFixed(0).padStart(6)} ms  ratio ${ratio.toFixed(2)}×  (goal ≤ ${goal}×: ${ratio <= goal ? 'meets' : 'MISSES'})`,
  );
  return { name, ms, referenceMs, ratio, goal };
}

/**
 * Times `envdiff capture --target podman:IMAGE` against `envdiff capture` (local), same options.
 * Returns {name, ms, referenceMs, ratio, goal}, or null (with a line saying why) when podman or
 * the image is missing.
 */
export async function benchTargets({ cli = join(root, 'bin', 'envdiff.js'), work, runs = 5, pair = ownPair, image } = {}) {
  const chosen = findBenchImage(image);
  if (!chosen) {
    console.log('podman image capture: skipped (no podman, or no image: run the target tests first, or set ENVDIFF_BENCH_IMAGE)');
    return null;
  }
  const dir = work ?? mkdtempSync(join(tmpdir(), 'envdiff-bench-targets-'));
  const common = ['--no-lock'];
  return pair(
    'capture of a podman image',
    ['node', [cli, 'capture', '--target', `podman:${chosen}`, ...common, '-o', join(dir, 'image.json')]],
    ['node', [cli, 'capture', ...common, '-o', join(dir, 'local-ref.json')], { label: 'local capture' }],
    GOAL,
    runs,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchTargets({ image: process.argv[2], runs: Number(process.env.BENCH_RUNS ?? 7) });
  process.exitCode = r === null ? 0 : r.ratio <= GOAL ? 0 : 1;
}
