// Bench: fleets (docs/FLEET.md), used by bench/run.mjs (benchFleet).
//   a. fleet compare of 1,000 target fingerprints against one baseline, whole process: goal ≤ 10 s
//      and peak memory ≤ 300 MB (the targets are streamed). The targets are this machine's real
//      capture (bench step 1) with varied packages: every 7th loses a Python package, others get a
//      patched system package, a changed env variable, or stay identical.
//   b. 20 real sshd hosts (test/support/sshd-fleet.ts, podman) captured with --jobs 8 against the
//      same with --jobs 1: goal at least 2.5× faster (ratio ≤ 0.4×). Skipped without podman/sshd.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TARGETS = 1000;
const SSH_HOSTS = 20;

/** Peak resident memory of one run of the command, in MB (getrusage of the children, through Python). */
function peakRssMb(cmd, args, cwd) {
  const r = spawnSync(
    'python3',
    [
      '-c',
      'import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)',
      cmd,
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
  return Number(r.stdout.trim()) / 1024;
}

function writeFleet(fpPath, dir) {
  const base = JSON.parse(readFileSync(fpPath, 'utf8'));
  const py = base.facets.python?.packages ?? [];
  const sys = base.facets.system?.packages ?? [];
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < TARGETS; i++) {
    const fp = structuredClone(base);
    fp.label = `node-${String(i).padStart(4, '0')}`;
    const kind = i % 7;
    if (kind === 1 && py.length) fp.facets.python.packages = py.filter((_, j) => j !== i % py.length);
    if (kind === 2 && sys.length) fp.facets.system.packages = sys.map((p, j) => (j === i % 13 ? { ...p, version: `${p.version}+b1` } : p));
    if (kind === 3 && fp.facets.env?.vars) fp.facets.env.vars = { ...fp.facets.env.vars, OMP_NUM_THREADS: String((i % 4) + 1) };
    writeFileSync(join(dir, `${fp.label}.json`), JSON.stringify(fp));
  }
}

export async function benchFleet({ cli, work, root, runs, pair, fpPath }) {
  const results = [];
  const dir = join(work, 'fleet-1000');
  writeFleet(fpPath, dir);
  const compareArgs = [cli, 'compare', fpPath, dir, '--format', 'json'];
  const r = pair(
    `fleet compare, ${TARGETS} targets`,
    ['node', compareArgs, { okCodes: [0, 1] }],
    ['node', ['-e', '0'], { label: 'node -e 0' }],
    Infinity,
    Math.max(3, Math.floor(runs / 2)),
  );
  const mb = peakRssMb('node', compareArgs, work);
  console.log(
    `  whole process ${(r.ms / 1000).toFixed(1)} s (goal ≤ 10 s: ${r.ms <= 10_000 ? 'meets' : 'MISSES'}), ` +
      `peak RSS ${mb.toFixed(0)} MB (goal ≤ 300 MB: ${mb <= 300 ? 'meets' : 'MISSES'})`,
  );
  results.push({ ...r, peakRssMb: mb });
  rmSync(dir, { recursive: true, force: true });

  // b. The fleet helper is TypeScript: compiled once with the project's own tsc.
  const out = join(root, 'node_modules', '.cache', 'envdiff-bench');
  const tsc = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--outDir',
      out,
      '--rootDir',
      root,
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--skipLibCheck',
      join(root, 'test', 'support', 'sshd-fleet.ts'),
    ],
    { encoding: 'utf8' },
  );
  const helper = join(out, 'test', 'support', 'sshd-fleet.js');
  const { podmanWorks } = await import(join(out, 'test', 'support', 'podman.js')).catch(() => ({ podmanWorks: () => false }));
  if (tsc.status !== 0 && tsc.status !== 2) {
    console.log(`ssh fleet: skipped (tsc failed: ${tsc.stdout.slice(0, 200)})`);
    return results;
  }
  if (!podmanWorks()) {
    console.log('ssh fleet: skipped (podman does not work here)');
    return results;
  }
  const { startSshFleet } = await import(helper);
  const fleet = await startSshFleet(SSH_HOSTS, { lightweight: true });
  try {
    const inventory = fleet.inventoryPaths.yaml;
    const capture = (jobs) => [
      'node',
      [cli, 'capture', '--targets', inventory, '-o', join(work, `ssh-jobs-${jobs}/`), '--jobs', String(jobs)],
    ];
    const [file8, args8] = capture(8);
    const [file1, args1] = capture(1);
    results.push(pair(`capture ${SSH_HOSTS} ssh hosts, --jobs 8`, [file8, args8], [file1, args1, { label: '--jobs 1' }], 0.4, 3));
  } finally {
    await fleet.stop();
  }
  return results;
}
