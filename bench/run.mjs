#!/usr/bin/env node
// `npm run bench`: whole-process timings, each against a reference command run in the same
// benchmark, so that the printed ratios stay comparable from run to run and machine to machine.
// Medians of several runs; warm-up runs are discarded.
//   1. capture (every facet) vs `python3 -m pip list --format=json`      goal ≤ 0.45×
//   2. compare of 5,000 Python + 2,000 system packages vs `node -e 0`    goal ≤ 3×
//   2a. check of this machine's capture (lock files absent; every consistency rule) vs `node -e 0`  goal ≤ 2×
//   2b. start-up of the CLI alone, on its fast path and with commander, vs `node -e 0`: stated, no goal;
//       the parser candidates themselves are compared by bench/parsers.mjs (bench/parsers.md)
//   3. capture of a podman image vs a local capture                      goal ≤ 1.3× (when podman works)
//   4. fleets (bench/fleet.mjs): compare of 1,000 targets ≤ 10 s and ≤ 300 MB; 20 ssh hosts with
//      --jobs 8 vs --jobs 1, goal ≤ 0.4× (2.5× faster)
//   5. static capture of an image (image:, docker-archive:) vs its podman-run capture   goal ≤ 1.5×
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'envdiff.js');
const work = mkdtempSync(join(tmpdir(), 'envdiff-bench-'));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function timeOnce(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? work, stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !(opts.okCodes ?? [0]).includes(r.status)) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 300)}`);
  }
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Interleaves the two commands so that machine noise hits both alike. */
function pair(name, subject, reference, goal, runs = RUNS) {
  const a = [];
  const b = [];
  timeOnce(...subject);
  timeOnce(...reference);
  for (let i = 0; i < runs; i++) {
    a.push(timeOnce(...subject));
    b.push(timeOnce(...reference));
  }
  const ma = median(a);
  const mb = median(b);
  const ratio = ma / mb;
  const verdict = ratio <= goal ? 'meets' : 'MISSES';
  console.log(
    `${name.padEnd(34)} ${ma.toFixed(0).padStart(6)} ms  vs ${reference[2]?.label ?? reference[0]} ${mb.toFixed(0).padStart(6)} ms` +
      `  ratio ${ratio.toFixed(2)}×  ${goal === Infinity ? '(no goal)' : `(goal ≤ ${goal}×: ${verdict})`}`,
  );
  return { name, ms: ma, referenceMs: mb, ratio, goal };
}

const results = [];
console.log(`envdiff bench — medians of ${RUNS} runs, node ${process.version}`);

// 1. capture vs pip list
const fpPath = join(work, 'local.json');
results.push(
  pair(
    'capture (all facets, local)',
    ['node', [cli, 'capture', '-o', fpPath]],
    ['python3', ['-m', 'pip', 'list', '--format=json'], { label: 'pip list' }],
    0.45,
  ),
);

// 2. compare of two large fingerprints, generated from real package names and versions.
const base = JSON.parse(readFileSync(fpPath, 'utf8'));
const pypi = readFileSync(join(root, 'bench/data/pypi-top5000.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t'));
const deb = readFileSync(join(root, 'bench/data/deb-2000.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t'));
// PEP 503 names, as the python probe writes them (the bench runs after `npm run build`).
const { normalizePypiName: norm } = await import(new URL('../dist/core/names.js', import.meta.url).href);
function bigFingerprint(label, mutate) {
  const fp = structuredClone(base);
  fp.label = label;
  fp.facets.python = {
    ...(fp.facets.python.status === 'ok'
      ? fp.facets.python
      : {
          status: 'ok',
          version: '3.11.7',
          implementation: 'CPython',
          abi: 'cp311',
          executable: '/usr/bin/python3',
          virtualEnv: null,
          conda: null,
        }),
    packages: pypi
      .map(([n, v], i) => ({ name: norm(n), version: mutate ? mutate(v, i) : v, installer: 'pip' }))
      .filter((p, i, all) => i === 0 || p.name !== all[i - 1].name)
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
  };
  fp.facets.system = {
    status: 'ok',
    manager: 'dpkg',
    packages: deb.map(([n, v], i) => ({ name: n, version: mutate ? mutate(v, i + 7) : v, arch: 'amd64' })),
  };
  return fp;
}
// Every 25th version gets its last digit bumped: a realistic amount of drift to report.
const bump = (v, i) => (i % 25 === 0 ? v.replace(/(\d+)(?!.*\d)/, (d) => String(Number(d) + 1)) : v);
const bigA = join(work, 'big-a.json');
const bigB = join(work, 'big-b.json');
writeFileSync(bigA, JSON.stringify(bigFingerprint('dev')));
writeFileSync(bigB, JSON.stringify(bigFingerprint('qa', bump)));
results.push(
  pair(
    'compare 5,000 py + 2,000 deb pkgs',
    ['node', [cli, 'compare', bigA, bigB, '--format', 'json'], { okCodes: [0, 1] }],
    ['node', ['-e', '0'], { label: 'node -e 0' }],
    3,
  ),
);
// 2a. `envdiff check` on the capture of step 1: one fingerprint, every consistency rule.
results.push(
  pair(
    "check (this machine's capture)",
    ['node', [cli, 'check', fpPath, '--format', 'json'], { okCodes: [0, 1] }],
    ['node', ['-e', '0'], { label: 'node -e 0' }],
    2,
  ),
);
// What the CLI's start-up costs alone: a command line the fast path reads (util.parseArgs, the
// command declarations) and one that loads commander (--version, help, errors; src/cli/program.ts).
for (const [name, args] of [
  ['start-up, fast path (completion bash)', ['completion', 'bash']],
  ['start-up, commander (--version)', ['--version']],
]) {
  const r = pair(name, ['node', [cli, ...args]], ['node', ['-e', '0'], { label: 'node -e 0' }], Infinity);
  console.log(`  ${(r.ms - r.referenceMs).toFixed(0)} ms over node -e 0`);
  results.push(r);
}

// 3. podman image vs local capture, when the targets bench helper and an engine are there.
const targetsBench = join(root, 'bench/targets.mjs');
if (existsSync(targetsBench)) {
  try {
    const mod = await import(targetsBench);
    const r = await mod.benchTargets({ cli, work, runs: Math.max(3, Math.floor(RUNS / 2)), pair });
    if (r) results.push(r);
  } catch (err) {
    console.log(`podman image capture: skipped (${String(err.message ?? err).split('\n')[0]})`);
  }
}

// 4. fleets: a 1,000-target compare, and 20 real ssh hosts at --jobs 8 against --jobs 1.
try {
  const { benchFleet } = await import(join(root, 'bench/fleet.mjs'));
  results.push(...(await benchFleet({ cli, work, root, runs: RUNS, pair, fpPath })));
} catch (err) {
  console.log(`fleet: skipped (${String(err.message ?? err).split('\n')[0]})`);
}

// 5. static capture of an image (nothing runs) vs the podman-run capture of it, when podman and a test image are there.
try {
  const mod = await import(join(root, 'bench/static.mjs'));
  results.push(...(await mod.benchStatic({ cli, work, runs: Math.max(3, Math.floor(RUNS / 2)), pair })));
} catch (err) {
  console.log(`static image capture: skipped (${String(err.message ?? err).split('\n')[0]})`);
}

writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 2));
console.log(`results: ${join(work, 'results.json')}`);
