#!/usr/bin/env node
// Bench: static capture of an image (nothing from it runs) vs the podman-run capture of the same
// image, both through the built CLI, interleaved, medians. Goal ≤ 1.5× for `image:` (the engine
// mounts its store) and for `docker-archive:` (the layers read from a `podman save` tar).
// Used by bench/run.mjs (benchStatic) or on its own:
//   node bench/static.mjs [IMAGE]   (default: ENVDIFF_BENCH_STATIC_IMAGE, else the largest
//                                    localhost/envdiff-test/ image the tests built, ideally ~400 MB)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GOAL = 1.5;

/** The image to capture and its size in MB, or null. */
export function findStaticImage(given) {
  const r = spawnSync(
    'podman',
    ['images', '--format', '{{.Repository}}:{{.Tag}}\t{{.Size}}', '--filter', 'reference=localhost/envdiff-test/*'],
    {
      encoding: 'utf8',
    },
  );
  if (r.error || r.status !== 0) return null;
  const images = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [ref, size] = l.split('\t');
      const m = /([\d.]+)\s*(kB|MB|GB)/.exec(size ?? '');
      const mb = m ? Number(m[1]) * (m[2] === 'GB' ? 1000 : m[2] === 'kB' ? 0.001 : 1) : 0;
      return { ref, mb };
    });
  const wanted = given ?? process.env.ENVDIFF_BENCH_STATIC_IMAGE;
  if (wanted) return images.find((i) => i.ref === wanted) ?? { ref: wanted, mb: NaN };
  return images.sort((a, b) => b.mb - a.mb)[0] ?? null;
}

export async function benchStatic({ cli = join(root, 'bin', 'envdiff.js'), work, runs = 5, pair, image } = {}) {
  const chosen = findStaticImage(image);
  if (!chosen || !pair) {
    console.log('static image capture: skipped (no podman, or no localhost/envdiff-test image: run the target tests first)');
    return [];
  }
  const dir = work ?? mkdtempSync(join(tmpdir(), 'envdiff-bench-static-'));
  const tar = join(dir, 'static-bench.tar');
  const save = spawnSync('podman', ['save', '-q', '-o', tar, chosen.ref]);
  if (save.status !== 0) {
    console.log(`static image capture: skipped (podman save failed: ${String(save.stderr).slice(0, 200)})`);
    return [];
  }
  console.log(`static image capture of ${chosen.ref} (${Number.isNaN(chosen.mb) ? '?' : Math.round(chosen.mb)} MB)`);
  const common = ['--no-lock'];
  const live = [
    'node',
    [cli, 'capture', '--target', `podman:${chosen.ref}`, ...common, '-o', join(dir, 'live.json')],
    { label: 'podman run' },
  ];
  const out = [
    pair(
      'static capture, image:',
      ['node', [cli, 'capture', '--target', `image:${chosen.ref}`, ...common, '-o', join(dir, 'image.json')]],
      live,
      GOAL,
      runs,
    ),
    pair(
      'static capture, docker-archive:',
      ['node', [cli, 'capture', '--target', `docker-archive:${tar}`, ...common, '-o', join(dir, 'archive.json')]],
      live,
      GOAL,
      runs,
    ),
  ];
  rmSync(tar, { force: true });
  return out;
}
