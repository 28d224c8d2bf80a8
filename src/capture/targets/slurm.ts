// Slurm targets: `slurm:PARTITION` and `slurm:PARTITION/NODELIST` capture every node of the
// partition (or of the node list in it), one fingerprint per node, through the scheduler users
// already run: sinfo lists the nodes, then ONE srun runs the probe bundle once per node.
//
// How srun behaves is observed and asserted in test/infra/slurm.test.ts (see test/support/slurm.ts):
// - `-N<n> --ntasks-per-node=1 --input=all` runs one task per node, each reading the whole stdin;
// - `--label` prefixes every output line with the task id and ": " (right-aligned to the widest id);
//   lines of one task keep their order, tasks interleave;
// - a line longer than 1024 bytes is cut into labelled pieces (SLURM_IO_MAX_MSG_LEN), and a last
//   line without "\n" gets one: so each node's output travels as a hex dump (od, POSIX), lines of
//   48 characters, decoded back byte for byte here;
// - a DOWN or DRAINED node makes srun queue forever: `--immediate` makes it give up instead, and
//   nodes sinfo does not list as usable are reported failed without being asked;
// - one node whose slurmd is gone fails the whole step: the nodes that gave no output are then
//   retried one srun each (`-w NODE -N1`), so the healthy nodes keep their fingerprints.
import { EnvdiffError } from '../../core/errors.js';
import { lastLine } from './stderr-lines.js';
import { bad, checkPart, requireRest, requireTool, shown } from './syntax.js';
import type { FanOutPlan, MemberOutput, TargetDef } from './types.js';

// Slurm node and partition names: what slurm.conf(5) accepts in practice (hostnames), and node
// lists in Slurm's range syntax (`n[1-4,7]`, `gpu01,gpu02`).
const PARTITION = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const NODELIST = /^[A-Za-z0-9_][A-Za-z0-9_.,[\]-]*$/;
const BUNDLE_END = '@@ENVDIFF_BUNDLE_END@@';
/** sinfo's short states (%t) of nodes that can run a step now; anything else (down, drain, fail, unk, "*" = not responding) cannot. */
const USABLE_STATE = /^(idle|mix|alloc|allocated|comp|completing)$/;
/** Seconds srun waits for the allocation before giving up (--immediate). */
export const SLURM_IMMEDIATE_SEC = 30;

export interface SlurmTarget {
  partition: string;
  nodelist?: string;
}

export function parseSlurmTarget(spec: string, rest: string, hint = 'write slurm:PARTITION[/NODELIST]'): SlurmTarget {
  const t = { spec, hint };
  const slash = rest.indexOf('/');
  const partition = slash < 0 ? rest : rest.slice(0, slash);
  const nodelist = slash < 0 ? undefined : rest.slice(slash + 1);
  if (partition === '') throw bad(spec, 'the partition is missing', 'write slurm:PARTITION[/NODELIST]');
  checkPart(t, 'partition', partition, PARTITION, 'letters, digits and _ . -');
  if (nodelist !== undefined) checkPart(t, 'node list', nodelist, NODELIST, 'node names and ranges such as n[1-4],gpu07');
  return { partition, nodelist };
}

/** The script every node runs: the bundle in a file, run, its stdout and stderr as hex dumps after the node's name. */
export function wrapForSrun(bundle: string): string {
  if (bundle.split('\n').includes(BUNDLE_END)) throw new Error('the probe bundle contains the here-document end marker');
  return [
    'ENVDIFF_NODE=${SLURMD_NODENAME:-$(hostname)}',
    'ENVDIFF_W=$(mktemp -d 2>/dev/null) || { ENVDIFF_W="${TMPDIR:-/tmp}/envdiff-w.$$"; mkdir -m 700 "$ENVDIFF_W" || exit 97; }',
    `cat >"$ENVDIFF_W/bundle.sh" <<'${BUNDLE_END}'`,
    bundle.endsWith('\n') ? bundle.slice(0, -1) : bundle,
    BUNDLE_END,
    'sh "$ENVDIFF_W/bundle.sh" >"$ENVDIFF_W/out" 2>"$ENVDIFF_W/err" </dev/null',
    'ENVDIFF_RC=$?',
    'echo "@@node $ENVDIFF_NODE"',
    'echo "@@out"',
    'od -An -v -tx1 "$ENVDIFF_W/out"',
    'echo "@@err"',
    'od -An -v -tx1 "$ENVDIFF_W/err"',
    'echo "@@rc $ENVDIFF_RC"',
    'rm -rf "$ENVDIFF_W"',
    // The step ends only when every process of the task's process group has (proctrack/pgid,
    // cgroup alike): a probe's leftover child (the bundle watchdog's sleep) would hold the node
    // for its whole sleep, and slurmstepd then drains the node. End them, not this shell.
    "trap '' TERM",
    'kill -TERM 0 2>/dev/null',
    'exit 0',
    '',
  ].join('\n');
}

/**
 * srun's labelled stdout → each node's bundle output. A task whose dump is incomplete (no `@@rc`
 * line: the step was cut off) gives nothing for its node.
 */
export function splitSrunOutput(stdout: string): Map<string, MemberOutput> {
  const byTask = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const m = /^ *(\d+): (.*)$/.exec(line);
    if (!m) continue;
    const list = byTask.get(m[1]!);
    if (list) list.push(m[2]!);
    else byTask.set(m[1]!, [m[2]!]);
  }
  const out = new Map<string, MemberOutput>();
  for (const lines of byTask.values()) {
    const node = lines
      .find((l) => l.startsWith('@@node '))
      ?.slice(7)
      .trim();
    const rcLine = lines.find((l) => l.startsWith('@@rc '));
    const outAt = lines.indexOf('@@out');
    const errAt = lines.indexOf('@@err');
    if (!node || !rcLine || outAt < 0 || errAt < outAt) continue;
    const rcAt = lines.indexOf(rcLine);
    out.set(node, {
      stdout: fromHex(lines.slice(outAt + 1, errAt)),
      stderr: fromHex(lines.slice(errAt + 1, rcAt)),
      exitCode: Number(rcLine.slice(5)),
    });
  }
  return out;
}

function fromHex(lines: readonly string[]): string {
  return Buffer.from(lines.join('').replace(/\s+/g, ''), 'hex').toString('utf8');
}

/** `sinfo -h -N -o '%N %t'` → node names and whether each can run a step now. */
export function parseSinfoNodes(stdout: string): { node: string; state: string; usable: boolean }[] {
  const seen = new Set<string>();
  const nodes: { node: string; state: string; usable: boolean }[] = [];
  for (const line of stdout.split('\n')) {
    const [node, state] = line.trim().split(/\s+/);
    if (!node || !state || seen.has(node)) continue;
    seen.add(node);
    nodes.push({ node, state, usable: USABLE_STATE.test(state) });
  }
  return nodes;
}

// srun/sinfo 22.05 messages (test/support/slurm.ts lists them as observed).
export function explainSlurmFailure(target: SlurmTarget, code: number | null, stderr: string): { message: string; hint: string } {
  const what = `slurm:${target.partition}${target.nodelist ? `/${target.nodelist}` : ''}`;
  if (/invalid partition/i.test(stderr)) {
    return { message: `cannot capture ${what}: Slurm has no partition '${target.partition}'`, hint: "list partitions with 'sinfo -s'" };
  }
  if (/Invalid node name/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: a node in '${target.nodelist ?? ''}' is unknown to Slurm`,
      hint: `list the partition's nodes with 'sinfo -N -p ${target.partition}'`,
    };
  }
  if (/Munge encode failed|Protocol authentication error/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: Slurm authentication failed (${lastLine(stderr.split('\n').find((l) => /Munge/i.test(l)) ?? stderr)})`,
      hint: 'check that munged runs on this machine and shares the cluster key',
    };
  }
  if (/Unable to contact slurm controller|Could not establish a configuration source|Unable to process configuration file/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the Slurm controller is not reachable (${lastLine(stderr)})`,
      hint: "check 'scontrol ping' and SLURM_CONF",
    };
  }
  if (/Requested nodes are busy|queued and waiting|Required node not available/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the nodes were not available within ${SLURM_IMMEDIATE_SEC} s (${lastLine(stderr)})`,
      hint: `check 'sinfo -N -p ${target.partition}' for down, drained or busy nodes`,
    };
  }
  return {
    message: `cannot capture ${what}: srun failed (exit ${code ?? 'signal'}): ${lastLine(stderr)}`,
    hint: `check that 'srun -p ${target.partition} -N1 true' works from this machine`,
  };
}

export function slurmPlan(target: SlurmTarget): FanOutPlan {
  const ref = `${target.partition}${target.nodelist ? `/${target.nodelist}` : ''}`;
  const srunArgs = (nodes: readonly string[]): string[] => [
    `--partition=${target.partition}`,
    `--nodelist=${nodes.join(',')}`,
    `--nodes=${nodes.length}`,
    '--ntasks-per-node=1',
    '--input=all',
    '--label',
    '--chdir=/tmp',
    `--immediate=${SLURM_IMMEDIATE_SEC}`,
    '--job-name=envdiff-capture',
    'sh',
    '-s',
  ];
  return {
    kind: 'slurm',
    ref,
    list: {
      file: 'sinfo',
      args: [
        '--noheader',
        '--Node',
        `--partition=${target.partition}`,
        ...(target.nodelist ? [`--nodes=${target.nodelist}`] : []),
        '--format=%N %t',
      ],
    },
    members(stdout) {
      const nodes = parseSinfoNodes(stdout);
      if (nodes.length === 0) {
        throw new EnvdiffError(
          `cannot capture slurm:${ref}: Slurm lists no node${target.nodelist ? ` '${shown(target.nodelist)}'` : ''} in partition '${target.partition}'`,
          `list the partition's nodes with 'sinfo -N -p ${target.partition}'`,
        );
      }
      return nodes.map((n) => ({
        name: n.node,
        ref: `${target.partition}/${n.node}`,
        ...(n.usable ? {} : { unavailable: `the node is ${n.state} (sinfo), so no job step can run there` }),
      }));
    },
    runAll: (names) => ({ file: 'srun', args: srunArgs(names) }),
    runOne: (name) => ({ file: 'srun', args: srunArgs([name]) }),
    wrap: wrapForSrun,
    split: splitSrunOutput,
    explainFailure: (code, stderr) => explainSlurmFailure(target, code, stderr),
  };
}

export const slurmTarget: TargetDef = {
  order: 60,
  prefixes: ['slurm'],
  kinds: ['slurm'],
  syntax: ['slurm:PARTITION[/NODELIST]'],
  parse(t) {
    parseSlurmTarget(t.spec, requireRest(t, 'PARTITION[/NODELIST]'), t.hint);
    throw new EnvdiffError(
      `${shown(t.spec)} is one fingerprint per node`,
      `write them into a directory: envdiff capture --target ${shown(t.spec)} -o DIR/`,
    );
  },
  fanOut(t) {
    const target = parseSlurmTarget(t.spec, requireRest(t, 'PARTITION[/NODELIST]'), t.hint);
    requireTool('srun', t.spec, t.env, "install Slurm's client tools (apt-get install slurm-client) and point SLURM_CONF at the cluster");
    return slurmPlan(target);
  },
};
