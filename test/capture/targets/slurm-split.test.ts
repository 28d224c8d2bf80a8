// The slurm target's pure parts: the node script wraps the bundle so that srun's labelled,
// interleaved, 1024-byte-cut output gives each node's bytes back exactly (how srun behaves is
// asserted on a real cluster in test/infra/slurm.test.ts). Here the srun output is SYNTHETIC,
// built the way srun labels and interleaves it; test/integration/fleet-slurm.test.ts runs the real one.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseSinfoNodes, parseSlurmTarget, slurmPlan, splitSrunOutput, wrapForSrun } from '../../../src/capture/targets/slurm.js';
import { EnvdiffError } from '../../../src/core/errors.js';
import { FileNames } from '../../../src/app/capture-many.js';

/** What one node's `sh -s` prints for SCRIPT: run for real with dash, SLURMD_NODENAME set. */
function runNode(script: string, node: string): string[] {
  // Its own process group, as srun gives each task: the script ends its group's leftovers (kill 0).
  const r = spawnSync('setsid', ['sh', '-s'], { input: script, encoding: 'utf8', env: { ...process.env, SLURMD_NODENAME: node } });
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter((l) => l !== '');
}

describe('slurm: the node script and the split of srun output', () => {
  it("each node's stdout, stderr and exit code come back byte for byte, however srun interleaves the tasks", () => {
    const long = 'x'.repeat(5000);
    const bundle = `printf '%s\\n' 'caf\u00e9 ${long}'\nprintf 'no newline at the end'\necho oops >&2\nexit 3\n`;
    const script = wrapForSrun(bundle);
    const a = runNode(script, 'n1');
    const b = runNode(script, 'gpu-12');
    // Task ids right-aligned to the widest (" 0: " … "11: "), lines interleaved one by one.
    const labelled: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== undefined) labelled.push(` 0: ${a[i]}`);
      if (b[i] !== undefined) labelled.push(`11: ${b[i]}`);
    }
    expect(Math.max(...labelled.map((l) => l.length))).toBeLessThan(1024);
    const split = splitSrunOutput(`${labelled.join('\n')}\n`);
    expect([...split.keys()].sort()).toEqual(['gpu-12', 'n1']);
    for (const node of ['n1', 'gpu-12']) {
      expect(split.get(node)).toEqual({ stdout: `caf\u00e9 ${long}\nno newline at the end`, stderr: 'oops\n', exitCode: 3 });
    }
  });

  it('a task cut off before its exit line gives nothing for its node; lines without a label are ignored', () => {
    const a = runNode(wrapForSrun('echo hi\n'), 'n1');
    const cut = a.filter((l) => !l.startsWith('@@rc'));
    const split = splitSrunOutput(
      ['srun: error: n2: task 1: Exited', ...a.map((l) => `0: ${l}`), ...cut.map((l) => `1: ${l.replace('n1', 'n2')}`)].join('\n'),
    );
    expect([...split.keys()]).toEqual(['n1']);
  });

  it('refuses a bundle that holds the here-document end marker', () => {
    expect(() => wrapForSrun('echo\n@@ENVDIFF_BUNDLE_END@@\n')).toThrow(/end marker/);
  });

  it('sinfo nodes: usable states only', () => {
    expect(parseSinfoNodes('n1 idle\nn2 down*\nn3 mix\nn1 idle\nn4 drain\n')).toEqual([
      { node: 'n1', state: 'idle', usable: true },
      { node: 'n2', state: 'down*', usable: false },
      { node: 'n3', state: 'mix', usable: true },
      { node: 'n4', state: 'drain', usable: false },
    ]);
  });

  it('target syntax and argv: every value in --flag=value form, nothing through a shell', () => {
    expect(parseSlurmTarget('slurm:gpu/n[1-4],x7', 'gpu/n[1-4],x7')).toEqual({ partition: 'gpu', nodelist: 'n[1-4],x7' });
    for (const rest of ['', '-p', 'gpu/-w', 'gpu/$(id)', 'g;p'])
      expect(() => parseSlurmTarget(`slurm:${rest}`, rest), rest).toThrow(EnvdiffError);
    const plan = slurmPlan({ partition: 'gpu', nodelist: 'n[1-2]' });
    expect(plan.list).toEqual({ file: 'sinfo', args: ['--noheader', '--Node', '--partition=gpu', '--nodes=n[1-2]', '--format=%N %t'] });
    expect(plan.runAll?.(['n1', 'n2'])).toEqual({
      file: 'srun',
      args: [
        '--partition=gpu',
        '--nodelist=n1,n2',
        '--nodes=2',
        '--ntasks-per-node=1',
        '--input=all',
        '--label',
        '--chdir=/tmp',
        '--immediate=30',
        '--job-name=envdiff-capture',
        'sh',
        '-s',
      ],
    });
    expect(plan.members('n1 idle\nn2 down\n')).toEqual([
      { name: 'n1', ref: 'gpu/n1' },
      { name: 'n2', ref: 'gpu/n2', unavailable: 'the node is down (sinfo), so no job step can run there' },
    ]);
    expect(() => plan.members('')).toThrow(/Slurm lists no node 'n\[1-2\]' in partition 'gpu'/);
  });
});

describe('file names of a multi-target capture', () => {
  it('labels become safe, unique file names', () => {
    const names = new FileNames();
    expect(['qa', 'QA', 'ssh:ci@qa-01:2222', '../etc/passwd', '', 'qa'].map((l) => names.take(l))).toEqual([
      'qa',
      'QA-2',
      'ssh_ci_qa-01_2222',
      '__etc_passwd',
      'target',
      'qa-3',
    ]);
  });
});
