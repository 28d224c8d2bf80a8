// The Slurm test cluster itself (test/support/slurm.ts): real munged + slurmctld on this host and
// one slurmd per podman container. Proves that srun runs a script once per node inside each node's
// own filesystem, that the nodes really differ, how srun labels, splits and fails (the facts the
// `slurm:` target is built on, written down in the helper's header), and that stop() leaves no
// daemon, container or temp dir behind. The failures that break the cluster run last.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/core/run-process.js';
import { podman, runInImage } from '../support/podman.js';
import { pidAlive } from '../support/owned.js';
import { slurmAvailable, startSlurmCluster, type SlurmCluster } from '../support/slurm.js';

/** srun as the `slurm:` target will run it: one task per node, the script on stdin of each. */
function perNodeArgs(c: SlurmCluster, extra: string[] = []): string[] {
  return [
    '-p',
    c.partition,
    `-N${c.nodes.length}`,
    '--ntasks-per-node=1',
    '--input=all',
    '--label',
    '--chdir=/tmp',
    '--immediate=20',
    ...extra,
  ];
}

/** Splits labelled srun output into each task's lines ("0: x" → task 0, line "x"). */
function splitByLabel(text: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^ *(\d+): (.*)$/s.exec(line);
    if (!m) throw new Error(`unlabelled srun output line: ${JSON.stringify(line)}`);
    const id = Number(m[1]);
    out.set(id, [...(out.get(id) ?? []), m[2]!]);
  }
  return out;
}

/** Task id → node name, from a script that printed `node=$SLURMD_NODENAME` first. */
function nodeOfTask(byTask: Map<number, string[]>): Map<number, string> {
  return new Map([...byTask].map(([id, lines]) => [id, /^node=(\S+)$/.exec(lines[0] ?? '')?.[1] ?? '?']));
}

const HAS_SLURM = slurmAvailable();

describe.skipIf(!HAS_SLURM)('a Slurm cluster that cannot start', () => {
  it('says why, with the daemon logs, and leaves nothing behind', async () => {
    // A key slurm.conf(5) does not know: slurmctld refuses the file and exits.
    type StartError = Error & { clusterDir?: string; clusterContainers?: string[] };
    const err: StartError = await startSlurmCluster({ extraConf: ['EnvdiffNoSuchKey=1'] }).then(
      () => new Error('the cluster started'),
      (e: unknown) => e as StartError,
    );
    expect(err.message).toMatch(/^Slurm test cluster did not start: slurmctld exited \(\d+\)/);
    expect(err.message).toMatch(/--- slurmctld\.out\n[^]*EnvdiffNoSuchKey/);
    // Its own folder and containers are gone (other test files may run clusters meanwhile).
    expect(err.clusterDir).toMatch(/envdiff-slurm-/);
    expect(existsSync(err.clusterDir!)).toBe(false);
    expect(err.clusterContainers!.length).toBeGreaterThan(0);
    const ps = (await podman(['ps', '-a', '--format', '{{.Names}}'])).split('\n');
    for (const name of err.clusterContainers!) expect(ps).not.toContain(name);
  });
});

describe.skipIf(!HAS_SLURM)('a real Slurm cluster of two differing nodes (run .ci/setup-podman.sh and .ci/setup-slurm.sh first)', () => {
  let cluster: SlurmCluster;
  beforeAll(async () => {
    const started = Date.now();
    cluster = await startSlurmCluster();
    console.log(`slurm test cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s (images included)`);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const srun = (extra: string[], input: string, timeoutMs = 60_000) =>
    cluster.run('srun', [...perNodeArgs(cluster, extra), 'sh', '-s'], { input, timeoutMs });

  it('sinfo shows both nodes idle in the partition', async () => {
    const r = await cluster.run('sinfo', ['-h', '-N', '-p', cluster.partition, '-o', '%N %t %P']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual([`n1 idle ${cluster.partition}*`, `n2 idle ${cluster.partition}*`]);
  });

  it("runs the script from stdin once on every node, inside that node's container, and the nodes differ", async () => {
    const script = [
      'echo "node=$SLURMD_NODENAME"',
      'echo "procid=$SLURM_PROCID nodeid=$SLURM_NODEID"',
      'echo "hostname=$(hostname)"',
      'test -f /run/.containerenv && echo in-container',
      'echo "dpkg=$(dpkg-query -W | wc -l)"',
      'python3 -c \'import numpy; print("numpy=" + numpy.__version__)\' 2>/dev/null || echo numpy=none',
      '',
    ].join('\n');
    const r = await srun([], script);
    expect(r.exitCode, `${r.stderr}\n${cluster.logs()}`).toBe(0);
    const byTask = splitByLabel(r.stdout);
    expect([...byTask.keys()].sort()).toEqual([0, 1]);
    const nodeOf = nodeOfTask(byTask);
    expect([...nodeOf.values()].sort()).toEqual(['n1', 'n2']);
    const facts = new Map(
      [...byTask].map(([id, lines]) => [
        nodeOf.get(id)!,
        Object.fromEntries(lines.filter((l) => l.includes('=')).map((l) => l.split('=', 2) as [string, string])),
      ]),
    );
    for (const [id, node] of nodeOf) {
      expect(byTask.get(id)).toContain('in-container');
      expect(facts.get(node)!.hostname).toBe(node);
      expect(facts.get(node)!.procid?.split(' ')[0]).toBe(String(id));
    }
    // What each image holds, asked independently of Slurm: the script ran in those filesystems.
    for (const node of cluster.nodes) {
      const count = (await runInImage(cluster.images[node]!, ['sh', '-c', 'dpkg-query -W | wc -l'])).trim();
      expect(facts.get(node)!.dpkg, node).toBe(count);
    }
    expect(facts.get('n1')!.dpkg).not.toBe(facts.get('n2')!.dpkg);
    expect(facts.get('n1')!.numpy).toBe('none');
    expect(facts.get('n2')!.numpy).toMatch(/^\d+\.\d+\.\d+/);
    // And not on this host's filesystem (the host has far more packages than a minbase node).
    const host = await runProcess('sh', ['-c', 'dpkg-query -W | wc -l']);
    expect(facts.get('n1')!.dpkg).not.toBe(host.stdout.trim());
  });

  it("the labels split a large interleaved output back into each node's exact lines", async () => {
    // 3000 lines per node, of varied length below 1024 bytes, in 30 bursts 50 ms apart: the two
    // nodes' output overlaps in time, so srun interleaves it.
    const script = [
      'echo "node=$SLURMD_NODENAME"',
      'k=0',
      'while [ $k -lt 30 ]; do',
      '  awk -v n="$SLURMD_NODENAME" -v k=$k \'BEGIN { for (i = k * 100; i < k * 100 + 100; i++) { s = ""; for (j = 0; j < i % 700; j++) s = s "x"; print n, i, s } }\'',
      '  sleep 0.05',
      '  k=$((k + 1))',
      'done',
      '',
    ].join('\n');
    const r = await srun([], script, 120_000);
    expect(r.exitCode, r.stderr).toBe(0);
    const byTask = splitByLabel(r.stdout);
    const nodeOf = nodeOfTask(byTask);
    for (const [id, lines] of byTask) {
      const node = nodeOf.get(id)!;
      const expected = [`node=${node}`, ...Array.from({ length: 3000 }, (_, i) => `${node} ${i} ${'x'.repeat(i % 700)}`)];
      expect(lines.length).toBe(expected.length);
      expect(lines).toEqual(expected);
    }
    // The two tasks' lines did interleave: the split is needed, not a formality.
    const labels = r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.slice(0, 2));
    const switches = labels.filter((l, i) => i > 0 && l !== labels[i - 1]).length;
    expect(switches).toBeGreaterThan(2);
  });

  it('cuts a line longer than 1024 bytes into labelled pieces, and ends an unterminated last line', async () => {
    const script = 'echo "node=$SLURMD_NODENAME"; printf "%2500s\\n" "" | tr " " y; printf "last-without-newline"\n';
    const r = await srun([], script);
    expect(r.exitCode, r.stderr).toBe(0);
    for (const lines of splitByLabel(r.stdout).values()) {
      expect(lines.slice(1)).toEqual(['y'.repeat(1024), 'y'.repeat(1024), 'y'.repeat(452), 'last-without-newline']);
    }
    expect(r.stdout.endsWith('last-without-newline\n')).toBe(true);
  });

  it('a hex dump through od (POSIX) carries long lines, a missing last newline and any byte exactly', async () => {
    const payload = `${'z'.repeat(5000)}\né ü \t tab\n\x01ctl\nno-newline`;
    // The payload goes out as printf octal escapes: the script itself stays short, plain ASCII.
    const octal = [...Buffer.from(payload, 'utf8')].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
    const script = `echo "node=$SLURMD_NODENAME" >&2; printf '${octal}'\n`;
    const r = await cluster.run('srun', [...perNodeArgs(cluster), 'sh', '-c', 'sh -s | od -An -v -tx1'], { input: script });
    expect(r.exitCode, r.stderr).toBe(0);
    const byTask = splitByLabel(r.stdout);
    expect(byTask.size).toBe(2);
    for (const lines of byTask.values()) {
      const bytes = lines
        .join(' ')
        .trim()
        .split(/\s+/)
        .map((h) => Number.parseInt(h, 16));
      expect(Buffer.from(bytes).toString('utf8')).toBe(payload);
    }
    // stderr stays labelled per task: the node of each task can come from there.
    expect([...nodeOfTask(splitByLabel(r.stderr)).values()].sort()).toEqual(['n1', 'n2']);
  });

  it('labels are task ids right-aligned with spaces to the widest id', async () => {
    const r = await cluster.run(
      'srun',
      ['-p', cluster.partition, '-N2', '-n12', '--overcommit', '--input=all', '--label', '--chdir=/tmp', 'sh', '-s'],
      { input: 'echo "$SLURMD_NODENAME"\n' },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const labels = r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.slice(0, 4))
      .sort();
    expect(labels).toEqual([' 0: ', ' 1: ', ' 2: ', ' 3: ', ' 4: ', ' 5: ', ' 6: ', ' 7: ', ' 8: ', ' 9: ', '10: ', '11: ']);
  });

  it('exits with the highest task exit code and names the failing node and task', async () => {
    const r = await srun([], 'echo "node=$SLURMD_NODENAME"; [ "$SLURMD_NODENAME" = n2 ] && exit 3; exit 0\n');
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^srun: error: n2: task \d: Exited with exit code 3$/m);
    expect([...nodeOfTask(splitByLabel(r.stdout)).values()].sort()).toEqual(['n1', 'n2']);
  });

  it('a program missing on the nodes: exit 2 and execve errors per task', async () => {
    const r = await cluster.run('srun', [...perNodeArgs(cluster), 'envdiff-no-such-program'], { input: '' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^ *\d: slurmstepd-n1: error: execve\(\): envdiff-no-such-program: No such file or directory$/m);
    expect(r.stderr).toMatch(/^ *\d: slurmstepd-n2: error: execve\(\): envdiff-no-such-program: No such file or directory$/m);
  });

  it('a working directory missing on the nodes: a labelled slurmstepd error, then /tmp', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-slurm-cwd-'));
    try {
      const args = perNodeArgs(cluster).filter((a) => a !== '--chdir=/tmp');
      const r = await runProcess('srun', [...args, 'sh', '-s'], { input: 'pwd\n', env: cluster.env(), cwd: dir });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        new RegExp(`^ *\\d: slurmstepd-n1: error: couldn't chdir to \`${dir}': No such file or directory: going to /tmp instead$`, 'm'),
      );
      expect([...splitByLabel(r.stdout).values()].map((l) => l.join())).toEqual(['/tmp', '/tmp']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a subset of nodes with -w: only those run', async () => {
    const r = await cluster.run(
      'srun',
      ['-p', cluster.partition, '-w', 'n2', '-N1', '--ntasks-per-node=1', '--input=all', '--label', '--chdir=/tmp', 'sh', '-s'],
      { input: 'echo "node=$SLURMD_NODENAME"\n' },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('0: node=n2\n');
  });

  describe('failures, with the exact words srun uses', () => {
    it('unknown partition', async () => {
      const r = await cluster.run('srun', ['-p', 'nosuchpart', '-N1', '--immediate=10', 'true']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/^srun: error: invalid partition specified: nosuchpart$/m);
      expect(r.stderr).toMatch(/^srun: error: Unable to allocate resources: Invalid partition name specified$/m);
    });

    it('unknown node', async () => {
      const r = await cluster.run('srun', ['-p', cluster.partition, '-w', 'n9', '--immediate=10', 'true']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/^srun: error: Unable to allocate resources: Invalid node name specified$/m);
    });

    it('a node marked DOWN: srun queues; --immediate makes it give up', async () => {
      const down = await cluster.run('scontrol', ['update', 'NodeName=n2', 'State=DOWN', 'Reason=envdiff-test']);
      expect(down.exitCode, down.stderr).toBe(0);
      try {
        const r = await srun(['--immediate=3'], 'echo hi\n');
        expect(r.exitCode).toBe(1);
        expect(r.stderr).toMatch(/^srun: Required node not available \(down, drained or reserved\)$/m);
        expect(r.stderr).toMatch(/^srun: job \d+ queued and waiting for resources$/m);
        expect(r.stderr).toMatch(/^srun: error: Unable to allocate resources: Requested nodes are busy$/m);
        expect(r.stdout).toBe('');
      } finally {
        const up = await cluster.run('scontrol', ['update', 'NodeName=n2', 'State=RESUME']);
        expect(up.exitCode, up.stderr).toBe(0);
      }
      // Back in service: both nodes run again.
      await expect
        .poll(async () => (await srun([], 'echo "node=$SLURMD_NODENAME"\n')).exitCode, { timeout: 30_000, interval: 1000 })
        .toBe(0);
    });

    it('srun not installed: the spawn fails with ENOENT', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'envdiff-no-srun-'));
      try {
        const r = await runProcess('srun', ['-N1', 'true'], { env: { ...cluster.env(), PATH: empty } });
        expect(r.spawnError?.code).toBe('ENOENT');
        expect(r.exitCode).not.toBe(0);
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });

    // Only meaningful where the machine has no Slurm configuration of its own.
    it.skipIf(existsSync('/etc/slurm/slurm.conf'))('no slurm.conf and none named: fails at once', async () => {
      const env = { ...process.env };
      delete env.SLURM_CONF;
      const r = await runProcess('srun', ['-N1', 'true'], { env, timeoutMs: 30_000 });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/^srun: fatal: Could not establish a configuration source$/m);
    });

    // These break the cluster, one part after the other: they run last, in this order (srun
    // contacts the controller before it asks munged for a credential, so munged goes first).
    it("a node's slurmd gone while the controller still lists it: the whole step fails", async () => {
      await podman(['stop', '-t', '2', cluster.containers.n2!]);
      const r = await srun([], 'echo "node=$SLURMD_NODENAME"\n');
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).toMatch(/^srun: error: Task launch for StepId=\d+\.\d+ failed on node n2: Communication connection failure$/m);
      // The second line's reason varies from run to run ("Communication connection failure",
      // "Resource temporarily unavailable").
      expect(r.stderr).toMatch(/^srun: error: Application launch failed: .+$/m);
      // n1's task was cancelled with the step: its output is lost too.
      expect(r.stdout).not.toMatch(/node=n1/);
      // One srun per node keeps the healthy node's result (once n1 has finished the aborted step).
      const alone = ['-p', cluster.partition, '-w', 'n1', '-N1', '--input=all', '--chdir=/tmp', '--immediate=5', 'sh', '-s'];
      await expect
        .poll(async () => (await cluster.run('srun', alone, { input: 'echo "node=$SLURMD_NODENAME"\n' })).stdout, {
          timeout: 60_000,
          interval: 1000,
        })
        .toBe('node=n1\n');
    });

    it('munged down', async () => {
      process.kill(cluster.pids.munged, 'SIGTERM');
      await expect.poll(() => pidAlive(cluster.pids.munged), { timeout: 30_000 }).toBe(false);
      const r = await cluster.run('srun', ['-p', cluster.partition, '-N1', '--immediate=5', 'true']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(
        `srun: error: Munge encode failed: Failed to access "${cluster.mungeSocket}": No such file or directory (Did you start munged?)`,
      );
      // The last line's reason varies ("Protocol authentication error", "Resource temporarily
      // unavailable"); the Munge line above is the one that says what is wrong.
      expect(r.stderr).toMatch(/^srun: error: Unable to allocate resources: .+$/m);
    });

    it('slurmctld down', async () => {
      process.kill(cluster.pids.slurmctld, 'SIGTERM');
      await expect.poll(() => pidAlive(cluster.pids.slurmctld), { timeout: 30_000 }).toBe(false);
      const r = await cluster.run('srun', ['-p', cluster.partition, '-N1', '--immediate=5', 'true']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/^srun: error: Unable to allocate resources: Unable to contact slurm controller \(connect failure\)$/m);
    });
  });

  it('stop() leaves no daemon, container or temp dir behind', async () => {
    const { pids, containers, confDir } = cluster;
    await cluster.stop();
    for (const pid of Object.values(pids)) expect(pidAlive(pid), `pid ${pid}`).toBe(false);
    const ps = await podman(['ps', '-a', '--format', '{{.Names}}']);
    for (const name of Object.values(containers)) expect(ps.split('\n')).not.toContain(name);
    expect(existsSync(dirname(confDir))).toBe(false);
  });
});
