// A real Slurm cluster for tests, on this one machine: Debian's Slurm 22.05 (slurm-wlm) and MUNGE.
// munged and slurmctld run on the host, each slurmd in its own podman container (host network,
// the munge socket and the config dir mounted at the same paths), so every node has its own root
// filesystem: node n1 is Debian bookworm minbase + slurmd + python3, node n2 the same plus
// python3-numpy and python3-yaml — `dpkg-query -W` and `import numpy` really differ between them.
// Everything lives in a private temp dir (its own munge key and socket, slurm.conf, state, logs,
// free ports): nothing under /etc is read or changed, and several clusters can run at once.
// .ci/setup-slurm.sh installs slurmctld, slurm-client, munge and catatonit (podman --init); .ci/setup-podman.sh podman.
//
// How srun behaves — observed with this cluster and asserted in test/infra/slurm.test.ts (slurm-wlm
// 22.05.8, Debian 12); the `slurm:` target relies on it:
//
//   srun -p PART [-w NODELIST] -N<nodes> --ntasks-per-node=1 --input=all --label --chdir=/tmp sh -s
//
// - One task per node: `-N<n> --ntasks-per-node=1`. Task ids follow the node order of the
//   allocation; map a task id to its node by printing $SLURMD_NODENAME (also $SLURM_NODEID,
//   $SLURM_PROCID) from the script itself — the label carries only the task id.
// - stdin: `--input=all` broadcasts srun's whole stdin to every task (the default sends it to
//   task 0 only). Each node's `sh -s` reads the full script.
// - stdout/stderr: `--label` prefixes every line with the task id and ": ", right-aligned with
//   spaces to the width of the largest id (" 0: " … "11: " with 12 tasks; "0: " with 2). Lines of
//   different tasks interleave; the lines of one task keep their order. Task stderr comes on
//   srun's stderr, labelled the same way. Reassembled per label, each node's output is exact, but:
//     * a line longer than 1024 bytes is cut into 1024-byte pieces, each labelled as its own line
//       (the slurmstepd→srun I/O message size, SLURM_IO_MAX_MSG_LEN in
//       SchedMD/slurm:src/common/io_hdr.h): a long output line cannot be told from several lines;
//     * a last line without "\n" gets one (labelled output always ends lines).
//   So a probe whose lines may be long must encode them (e.g. `| od -An -v -tx1`, POSIX) or
//   fold them with a continuation mark, and must not rely on a trailing newline.
// - --chdir: slurmstepd enters srun's own working directory on each node; where that path does
//   not exist it prints "slurmstepd-n1: error: couldn't chdir to `/x': No such file or directory:
//   going to /tmp instead" into that task's stderr. --chdir=/tmp avoids it.
// - Exit status: srun exits with the highest task exit code and names each failing task on its
//   stderr: "srun: error: n2: task 1: Exited with exit code 3". A command missing on the nodes:
//   exit 2, "slurmstepd-n1: error: execve(): nosuchcmd: No such file or directory" per task.
// Failures (exact stderr lines, exit codes):
// - unknown partition: exit 1, "srun: error: invalid partition specified: nope" then
//   "srun: error: Unable to allocate resources: Invalid partition name specified".
// - unknown node in -w: exit 1, "srun: error: Unable to allocate resources: Invalid node name specified".
// - a node DOWN/DRAINED: srun does not fail, it queues and waits ("srun: Required node not
//   available (down, drained or reserved)", "srun: job 8 queued and waiting for resources") —
//   forever. With --immediate=SECONDS it gives up: exit 1, "srun: error: Unable to allocate
//   resources: Requested nodes are busy". A slurm target must pass --immediate (or a timeout).
// - a node whose slurmd is gone while the controller still thinks it is up: the whole step fails,
//   the other nodes' tasks are cancelled and their output is lost: "srun: error: Task launch for
//   StepId=11.0 failed on node n2: Communication connection failure", "srun: error: Application
//   launch failed: Communication connection failure" (or "…: Resource temporarily unavailable":
//   it varies), "srun: Job step aborted: …"; exit non-zero.
//   Running one srun per node (-w NODE -N1) keeps the healthy nodes' results.
// - controller down: exit 1, "srun: error: Unable to allocate resources: Unable to contact slurm
//   controller (connect failure)" (after about 10 s of retries).
// - munged down: exit 1, "srun: error: Munge encode failed: Failed to access "…/munge.socket": No
//   such file or directory (Did you start munged?)", repeated for about 10 s, then "srun: error:
//   Unable to allocate resources: Protocol authentication error" (or "…: Resource temporarily
//   unavailable": it varies; the Munge line is the one that names the cause).
// - srun not installed: the spawn fails with ENOENT (no output at all).
// - no slurm.conf: without SLURM_CONF and without /etc/slurm/slurm.conf it fails at once: "srun:
//   fatal: Could not establish a configuration source". With SLURM_CONF naming a missing file
//   (observed by hand; not re-run by the tests, it takes a minute) srun retries for 60 s ("srun: error:
//   s_p_parse_file: cannot stat file /x/slurm.conf: No such file or directory, retrying in 1sec up
//   to 60sec") and then fails: "srun: fatal: Unable to process configuration file".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess, type ProcessResult } from '../../src/core/run-process.js';
import { aptInstallStep, ensureDebianBaseImage, ensureDerivedImage, podman, podmanWorks } from './podman.js';
import { freePort } from './sshd.js';
import {
  killDaemon,
  onProcessExit,
  ownerLabelArgs,
  reapOrphans,
  removeContainersDetached,
  writeOwnerRecord,
  type OwnedDaemon,
} from './owned.js';

const SLURM_PROGRAMS = ['slurmctld', 'srun', 'sinfo', 'scontrol', 'munged', 'mungekey'] as const;
const DIR_PREFIX = 'envdiff-slurm-';

/** A node of the test cluster: its Slurm NodeName and the Debian packages its image adds. */
export interface SlurmNodeSpec {
  name: string;
  extraPackages?: readonly string[];
}

/** n1: slurmd + python3 only; n2: the same plus NumPy and PyYAML from Debian. */
export const DEFAULT_SLURM_NODES: readonly SlurmNodeSpec[] = [
  { name: 'n1' },
  { name: 'n2', extraPackages: ['python3-numpy', 'python3-yaml'] },
];

export interface SlurmClusterOptions {
  partition?: string;
  nodes?: readonly SlurmNodeSpec[];
  /** How long to wait for every node to be idle (default 60 s; images are built before this). */
  startTimeoutMs?: number;
  /** Lines appended to slurm.conf (another PartitionName=…, node Features=…). */
  extraConf?: readonly string[];
}

export interface SlurmCluster {
  partition: string;
  /** NodeNames, in slurm.conf order. */
  nodes: string[];
  /** The dir holding slurm.conf (mounted at the same path in every node). */
  confDir: string;
  confFile: string;
  /** What srun/sinfo/scontrol need to reach this cluster: { SLURM_CONF }. */
  srunEnv: Record<string, string>;
  /** process.env plus srunEnv. */
  env(): NodeJS.ProcessEnv;
  /** Node name → podman container running its slurmd. */
  containers: Record<string, string>;
  /** Node name → the image it runs. */
  images: Record<string, string>;
  pids: { munged: number; slurmctld: number };
  mungeSocket: string;
  /** Runs a Slurm client command (srun, sinfo, scontrol) against this cluster. */
  run(file: string, args: readonly string[], opts?: { input?: string; timeoutMs?: number }): Promise<ProcessResult>;
  /** The tail of every daemon's log: for an assertion message when something fails. */
  logs(): string;
  stop(): Promise<void>;
}

/** True when Slurm, MUNGE and podman are here; in CI a missing one is an error, never a skip. */
export function slurmAvailable(): boolean {
  const missing = SLURM_PROGRAMS.filter((p) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', p]).status !== 0);
  if (missing.length > 0 && process.env.CI) {
    throw new Error(`Slurm programs missing in CI (${missing.join(', ')}): .ci/setup-slurm.sh should have installed them`);
  }
  return missing.length === 0 && podmanWorks();
}

/** The image of a node: bookworm minbase + slurmd + python3 (+ extras), cached by content hash. */
export async function ensureSlurmNodeImage(extraPackages: readonly string[] = []): Promise<string> {
  // slurmd's spool dir is not made by the package (systemd's StateDirectory= does it normally).
  const base = await ensureDerivedImage('slurm-node', await ensureDebianBaseImage(), [
    aptInstallStep(['slurmd', 'python3']),
    'mkdir -p /var/spool/slurmd',
  ]);
  if (extraPackages.length === 0) return base;
  return ensureDerivedImage('slurm-node-plus', base, [aptInstallStep(extraPackages)]);
}

export async function startSlurmCluster(opts: SlurmClusterOptions = {}): Promise<SlurmCluster> {
  const partition = opts.partition ?? 'envdiff';
  const specs = opts.nodes ?? DEFAULT_SLURM_NODES;
  for (const s of [partition, ...specs.map((n) => n.name)]) {
    if (!/^[a-z][a-z0-9]{0,15}$/.test(s)) throw new Error(`not a plain Slurm name: ${JSON.stringify(s)}`);
  }
  if (specs.length < 1) throw new Error('a cluster needs at least one node');
  reapOrphans(DIR_PREFIX);

  // Images first (minutes on a cold cache, seconds warm): not part of the start timeout.
  const images: Record<string, string> = {};
  for (const spec of specs) images[spec.name] = await ensureSlurmNodeImage(spec.extraPackages ?? []);

  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  chmodSync(dir, 0o755);
  const confDir = join(dir, 'etc');
  const mungeDir = join(dir, 'munge'); // socket, pid: world-searchable, as munged demands
  const keyDir = join(dir, 'munge-key'); // private
  const logDir = join(dir, 'log');
  const stateDir = join(dir, 'state');
  for (const d of [confDir, mungeDir, logDir, stateDir]) mkdirSync(d, { mode: 0o755 });
  mkdirSync(keyDir, { mode: 0o700 });
  const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const containers: Record<string, string> = {};
  for (const spec of specs) containers[spec.name] = `envdiff-slurm-${tag}-${spec.name}`;
  const daemons: OwnedDaemon[] = [];
  const children: ChildProcess[] = [];
  const record = (): void => writeOwnerRecord(dir, { daemons, containers: Object.values(containers) });
  record();

  // At exit: what is quick first, the container removal detached (it outlives a killed worker).
  const unhook = onProcessExit(() => {
    for (const d of daemons) killDaemon(d);
    rmSync(dir, { recursive: true, force: true });
    removeContainersDetached(Object.values(containers));
  });

  const mungeSocket = join(mungeDir, 'munge.socket');
  const confFile = join(confDir, 'slurm.conf');
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, SLURM_CONF: confFile });
  const logs = (): string => tailLogs(logDir, containers);
  try {
    const key = join(keyDir, 'munge.key');
    const kr = await runProcess('mungekey', ['--create', `--keyfile=${key}`, '--bits=1024'], { timeoutMs: 30_000 });
    if (kr.exitCode !== 0) throw new Error(`mungekey failed: ${kr.stderr.trim()}`);
    const munged = startDaemon(
      'munged',
      [
        '--foreground',
        `--socket=${mungeSocket}`,
        `--key-file=${key}`,
        `--pid-file=${join(mungeDir, 'munged.pid')}`,
        `--seed-file=${join(mungeDir, 'munged.seed')}`,
      ],
      join(logDir, 'munged.log'),
    );
    children.push(munged);
    daemons.push({ pid: munged.pid!, comm: 'munged' });
    record();
    if (!(await waitFor(() => existsSync(mungeSocket) || munged.exitCode !== null, 10_000)) || munged.exitCode !== null) {
      throw new Error(`munged did not start:\n${logs()}`);
    }

    const ctlPort = await freePort();
    const nodePorts: number[] = [];
    while (nodePorts.length < specs.length) nodePorts.push(await freePort());
    const conf = slurmConf({
      dir,
      confDir,
      logDir,
      stateDir,
      mungeSocket,
      partition,
      ctlPort,
      nodes: specs.map((s, i) => ({ name: s.name, port: nodePorts[i]! })),
    });
    writeFileSync(confFile, [conf, ...(opts.extraConf ?? [])].join('\n') + '\n');

    const ctl = startDaemon('slurmctld', ['-D', '-f', confFile], join(logDir, 'slurmctld.out'));
    children.push(ctl);
    daemons.push({ pid: ctl.pid!, comm: 'slurmctld' });
    record();

    await Promise.all(
      specs.map((spec) =>
        podman(
          [
            'run',
            '-d',
            '--name',
            containers[spec.name]!,
            ...ownerLabelArgs(),
            // An init as PID 1 (catatonit), as systemd is on a real node: it reaps the orphans a
            // job step leaves. slurmd as PID 1 would not, and a step whose process group still
            // holds a zombie never ends (slurmstepd: "JOB NOT ENDING WITH SIGNALS", node drained).
            '--init',
            '--network=host',
            '--hostname',
            spec.name,
            '-v',
            `${mungeDir}:${mungeDir}`,
            '-v',
            `${confDir}:${confDir}:ro`,
            '-v',
            `${logDir}:${logDir}`,
            images[spec.name]!,
            'slurmd',
            '-D',
            '-f',
            confFile,
            '-N',
            spec.name,
          ],
          { timeoutMs: 120_000 },
        ),
      ),
    );

    // Ready when sinfo lists every node idle ("idle*" is a node the controller cannot reach).
    const deadline = opts.startTimeoutMs ?? 60_000;
    let lastSinfo = '';
    const ready = await waitFor(async () => {
      if (ctl.exitCode !== null || munged.exitCode !== null) return true;
      const r = await runProcess('sinfo', ['-h', '-N', '-p', partition, '-o', '%N %t'], { env: env(), timeoutMs: 15_000 });
      lastSinfo = (r.stdout + r.stderr).trim();
      const states = new Map(
        r.stdout
          .trim()
          .split('\n')
          .map((l) => l.split(' ') as [string, string]),
      );
      return specs.every((s) => states.get(s.name) === 'idle');
    }, deadline);
    if (!ready || ctl.exitCode !== null || munged.exitCode !== null) {
      const why =
        ctl.exitCode !== null
          ? `slurmctld exited (${ctl.exitCode})`
          : munged.exitCode !== null
            ? `munged exited (${String(munged.exitCode)})`
            : `not every node idle after ${deadline / 1000} s`;
      throw new Error(`Slurm test cluster did not start: ${why}; sinfo says: ${lastSinfo || '(nothing)'}\n${logs()}`);
    }

    return {
      partition,
      nodes: specs.map((s) => s.name),
      confDir,
      confFile,
      srunEnv: { SLURM_CONF: confFile },
      env,
      containers,
      images,
      pids: { munged: munged.pid!, slurmctld: ctl.pid! },
      mungeSocket,
      run: (file, args, o = {}) => runProcess(file, args, { env: env(), input: o.input, timeoutMs: o.timeoutMs ?? 120_000 }),
      logs,
      stop: async () => {
        unhook();
        await stopAll(containers, children, daemons);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    unhook();
    await stopAll(containers, children, daemons);
    rmSync(dir, { recursive: true, force: true });
    // Which folder and containers it had, so a test can check that exactly these are gone while
    // other clusters (other test files) run at the same time.
    if (err instanceof Error) Object.assign(err, { clusterDir: dir, clusterContainers: Object.values(containers) });
    throw err;
  }
}

interface ConfInput {
  dir: string;
  confDir: string;
  logDir: string;
  stateDir: string;
  mungeSocket: string;
  partition: string;
  ctlPort: number;
  nodes: { name: string; port: number }[];
}

// Every setting is in slurm.conf(5) (https://slurm.schedmd.com/archive/slurm-22.05.8/slurm.conf.html).
// proctrack/pgid and task/none: no cgroups, which containers here do not delegate. AuthInfo
// socket=: our own munged, not the system's. Daemons log to files in the mounted log dir so the
// host can show their tails when a start fails.
function slurmConf(c: ConfInput): string {
  return [
    'ClusterName=envdiff',
    'SlurmctldHost=localhost',
    `SlurmctldPort=${c.ctlPort}`,
    'AuthType=auth/munge',
    'CredType=cred/munge',
    `AuthInfo=socket=${c.mungeSocket}`,
    'SlurmUser=root',
    'SlurmdUser=root',
    'ProctrackType=proctrack/pgid',
    'TaskPlugin=task/none',
    'SchedulerType=sched/builtin',
    'SelectType=select/linear',
    'MpiDefault=none',
    'JobAcctGatherType=jobacct_gather/none',
    'MailProg=/bin/true',
    'ReturnToService=2',
    `StateSaveLocation=${c.stateDir}`,
    `SlurmctldPidFile=${join(c.dir, 'slurmctld.pid')}`,
    `SlurmctldLogFile=${join(c.logDir, 'slurmctld.log')}`,
    // Inside each node's container (its own filesystem): spool and pid file need no mount.
    'SlurmdSpoolDir=/var/spool/slurmd/%n',
    'SlurmdPidFile=/run/slurmd-%n.pid',
    `SlurmdLogFile=${join(c.logDir, 'slurmd-%n.log')}`,
    ...c.nodes.map((n) => `NodeName=${n.name} NodeHostname=localhost NodeAddr=127.0.0.1 Port=${n.port} CPUs=1`),
    `PartitionName=${c.partition} Nodes=${c.nodes.map((n) => n.name).join(',')} Default=YES MaxTime=INFINITE State=UP`,
  ].join('\n');
}

function startDaemon(file: string, args: string[], logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(file, args, { stdio: ['ignore', fd, fd] });
    child.on('error', () => undefined);
    if (child.pid === undefined) throw new Error(`${file} could not be started (is it installed? .ci/setup-slurm.sh installs it)`);
    return child;
  } finally {
    closeSync(fd);
  }
}

async function stopAll(containers: Record<string, string>, children: ChildProcess[], daemons: OwnedDaemon[]): Promise<void> {
  await runProcess('podman', ['rm', '-f', '-t', '0', '--ignore', ...Object.values(containers)], { timeoutMs: 120_000 });
  // slurmctld first (it saves state on SIGTERM), then munged.
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
  for (const d of daemons) killDaemon(d);
}

function tailLogs(logDir: string, containers: Record<string, string>): string {
  const parts: string[] = [];
  const files = ['munged.log', 'slurmctld.out', 'slurmctld.log', ...Object.keys(containers).map((n) => `slurmd-${n}.log`)];
  for (const f of files) {
    const p = join(logDir, f);
    if (!existsSync(p)) continue;
    const lines = readFileSync(p, 'utf8').trimEnd().split('\n').slice(-15);
    parts.push(`--- ${f}\n${lines.join('\n')}`);
  }
  for (const [node, name] of Object.entries(containers)) {
    const r = spawnSync('podman', ['logs', '--tail', '15', name], { encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0) parts.push(`--- podman logs ${name} (${node})\n${(r.stdout + r.stderr).trimEnd()}`);
  }
  return parts.join('\n');
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return cond();
}
