// `envdiff k8s-manifest` and `--target k8s-job:[NAMESPACE/]NAME`. No Kubernetes cluster runs in
// these tests, so what is checked is what can be: the manifest against the vendored Kubernetes
// 1.30 schemas (schemas/vendor/kubernetes-1.30.0/SOURCE.md), hostile option values refused in one
// line, the pod's own script run here with sh (chroot into this machine's / as the pod does into
// the node's, as root) to produce a real log, that log split and assembled through the CLI (with a
// SYNTHETIC kubectl stand-in that replays it), the exact kubectl argv, and the real kubectl's
// failure without a cluster.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProbeBundle } from '../../../src/capture/probe-bundle.js';
import { k8sJobPlan, parseK8sJobTarget, splitHostLog } from '../../../src/capture/targets/k8s-job.js';
import { parseFanOut, parseTarget } from '../../../src/capture/targets/parse-target.js';
import { EnvdiffError } from '../../../src/core/errors.js';
import { runEnvdiff } from '../../support/cli.js';
import { kubernetesSchema } from '../../helpers/vendored-schemas.js';

const HAS_KUBECTL = spawnSync('sh', ['-c', 'command -v kubectl']).status === 0;
const IS_ROOT = process.getuid?.() === 0;

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const k8sSchema = kubernetesSchema;

async function manifest(args: string[]): Promise<Doc[]> {
  const r = await runEnvdiff(['k8s-manifest', ...args]);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as Doc);
}

describe('envdiff k8s-manifest', () => {
  const daemonSet = k8sSchema('daemonset-apps-v1');
  const job = k8sSchema('job-batch-v1');

  it('a DaemonSet by default: valid apps/v1, every node tolerated, / mounted read-only, the bundle from its ConfigMap', async () => {
    const [cm, ds] = await manifest([]);
    expect(daemonSet(ds), JSON.stringify(daemonSet.errors?.slice(0, 3))).toBe(true);
    expect(ds!.kind).toBe('DaemonSet');
    expect(cm!.kind).toBe('ConfigMap');
    expect(cm!.data['bundle.sh']).toBe(buildProbeBundle({ probeTimeoutSec: 30 }));
    const pod = ds!.spec.template.spec;
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod.volumes[0]).toEqual({ name: 'host', hostPath: { path: '/', type: 'Directory' } });
    expect(pod.volumes[1]).toEqual({ name: 'probes', configMap: { name: cm!.metadata.name } });
    const c = pod.containers[0];
    expect(c.volumeMounts[0]).toEqual({ name: 'host', mountPath: '/host', readOnly: true });
    expect(c.securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['SYS_CHROOT'] });
    expect(ds!.spec.selector.matchLabels).toEqual(ds!.spec.template.metadata.labels);
    expect(ds!.metadata.namespace).toBeUndefined();
  });

  it('a Job with --kind job: valid batch/v1, --nodes pods on distinct nodes; --privileged and a namespace still valid', async () => {
    const [cm, j] = await manifest([
      '--kind',
      'job',
      '--nodes',
      '3',
      '-n',
      'ml',
      '--name',
      'gpu-scan',
      '--image',
      'reg.example.com:5000/ml/envdiff:0.1.0',
    ]);
    expect(job(j), JSON.stringify(job.errors?.slice(0, 3))).toBe(true);
    expect(j!.metadata).toMatchObject({ name: 'gpu-scan', namespace: 'ml' });
    expect(cm!.metadata).toMatchObject({ name: 'gpu-scan-probes', namespace: 'ml' });
    expect(j!.spec).toMatchObject({ completions: 3, parallelism: 3 });
    expect(j!.spec.template.spec.restartPolicy).toBe('Never');
    expect(j!.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe(
      'kubernetes.io/hostname',
    );
    expect(j!.spec.template.spec.containers[0].image).toBe('reg.example.com:5000/ml/envdiff:0.1.0');
    const [, priv] = await manifest(['--privileged', '-n', 'ml']);
    expect(daemonSet(priv), JSON.stringify(daemonSet.errors?.slice(0, 3))).toBe(true);
    expect(priv!.spec.template.spec.containers[0].securityContext.privileged).toBe(true);
  });

  it('the schemas are strict: a manifest with a misspelt field would not pass (so the checks above can fail)', async () => {
    const [, ds] = await manifest([]);
    ds!.spec.template.spec.tolerationz = [];
    expect(daemonSet(ds)).toBe(false);
  });

  it.each([
    [['--name', 'x;rm -rf ~'], /--name 'x;rm -rf ~' is not a valid Kubernetes name/],
    [['--name', 'Envdiff'], /--name 'Envdiff' is not a valid Kubernetes name/],
    [['--name=-v'], /--name '-v' is not a valid Kubernetes name/],
    [['--name', 'a'.repeat(64)], /is not a valid Kubernetes name/],
    [['--namespace', '$(id)'], /--namespace '\$\(id\)' is not a valid Kubernetes name/],
    [['--namespace', 'ml\nkind: Pod'], /--namespace 'ml\\x0akind: Pod' is not a valid Kubernetes name/],
    [['--image', 'envdiff:1\n  privileged: true'], /--image 'envdiff:1\\x0a {2}privileged: true' is not an image reference/],
    [['--image=--privileged'], /--image '--privileged' is not an image reference/],
    [['--image', 'a b'], /is not an image reference/],
    [['--kind', 'job', '--nodes', '0'], /--nodes must be a whole number from 1 to 10000/],
    [['--kind', 'job', '--nodes', '2x'], /--nodes must be a whole number, not '2x'/],
    [['--nodes', '2'], /--nodes is for --kind job/],
    [['--kind', 'cronjob'], /cronjob/],
    [['--python', 'python3; id'], /--python 'python3; id' is not an interpreter path/],
    [['--python=-c'], /--python '-c' is not an interpreter path/],
  ])('refuses %j in one line, exit 2, nothing on stdout', async (args, why) => {
    const r = await runEnvdiff(['k8s-manifest', ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(why);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('k8s-job:[NAMESPACE/]NAME', () => {
  it('reads namespace and name; refuses what kubectl could read as something else', () => {
    expect(parseK8sJobTarget('k8s-job:ml/envdiff-host', 'ml/envdiff-host')).toEqual({ namespace: 'ml', name: 'envdiff-host' });
    expect(parseK8sJobTarget('k8s-job:scan', 'scan')).toEqual({ namespace: undefined, name: 'scan' });
    for (const rest of ['', 'ml/', '/x', '-n/x', 'ml/-v', 'ml/$(id)', 'ML/x', 'ml/x;y', 'ml/a/b', 'ml/x y']) {
      expect(() => parseK8sJobTarget(`k8s-job:${rest}`, rest), rest).toThrow(EnvdiffError);
    }
  });

  it("kubectl argv: the pods by the labels the manifest sets, then each pod's log; every value as --flag=value", async () => {
    const plan = k8sJobPlan({ namespace: 'ml', name: 'envdiff-host' }, { context: 'prod' });
    const [, ds] = await manifest(['-n', 'ml']);
    const labels = ds!.spec.template.metadata.labels as Record<string, string>;
    const selector = Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    expect(plan.list).toEqual({
      file: 'kubectl',
      args: ['--context=prod', 'get', 'pods', '--namespace=ml', `--selector=${selector}`, '--output=json'],
    });
    expect(plan.runOne('envdiff-host-x7k2p')).toEqual({
      file: 'kubectl',
      args: ['--context=prod', 'logs', '--namespace=ml', 'envdiff-host-x7k2p'],
    });
    expect(k8sJobPlan({ name: 'scan' }).runOne('scan-abc')).toEqual({ file: 'kubectl', args: ['logs', 'scan-abc'] });
    expect('runAll' in plan).toBe(false);
  });

  it.skipIf(!HAS_KUBECTL)('is a fan-out target; alone it asks for -o DIR/', () => {
    expect(parseFanOut('k8s-job:ml/envdiff-host')?.kind).toBe('k8s-job');
    expect(() => parseTarget('k8s-job:ml/envdiff-host')).toThrow(/is one fingerprint per node/);
  });

  it('a log without the end line holds no capture; of two captures the last complete one counts (SYNTHETIC logs)', () => {
    expect(splitHostLog('@@envdiff-host-begin n1@@\n@@envdiff-begin meta rc=0@@\n')).toBeUndefined();
    expect(splitHostLog('')).toBeUndefined();
    const two = '@@envdiff-host-begin n1@@\nold\n@@envdiff-host-end n1 0@@\n@@envdiff-host-begin n1@@\nnew\n@@envdiff-host-end n1 3@@\n';
    expect(splitHostLog(two)).toEqual({ stdout: 'new\n', stderr: '', exitCode: 3 });
  });

  it.skipIf(!HAS_KUBECTL)('the real kubectl without a cluster: its own reason on one line, exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-k8s-job-'));
    try {
      const out = join(dir, 'out/');
      const r = await runEnvdiff(['capture', '--target', 'k8s-job:ml/envdiff-host', '-o', out], {
        env: { ...process.env, KUBECONFIG: join(dir, 'no-kubeconfig') },
      });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(
        /failed: k8s-job:ml\/envdiff-host: .*the Kubernetes API server is not reachable \(The connection to the server localhost:8080 was refused/,
      );
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The pod's script, run here as the pod runs it (as root: chroot needs it), gives a real log; a
// stand-in kubectl (SYNTHETIC: a sh script, since no cluster runs here) replays it for two pods
// and a third pod's log is cut short.
describe.skipIf(!IS_ROOT)('a real pod log, read back through the CLI', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-k8s-job-log-'));
    const [cm, ds] = await manifest(['-n', 'ml']);
    writeFileSync(join(dir, 'bundle.sh'), cm!.data['bundle.sh'] as string);
    // The DaemonSet's script ends sleeping; the Job's is the same without that line.
    const [, j] = await manifest(['-n', 'ml', '--kind', 'job']);
    const script = j!.spec.template.spec.containers[0].command as string[];
    expect(ds!.spec.template.spec.containers[0].command[2]).toContain(script[2]);
    for (const node of ['gpu-node-1', 'gpu-node-2']) {
      const r = spawnSync(script[0]!, script.slice(1), {
        env: { PATH: process.env.PATH, NODE_NAME: node, HOST_ROOT: '/', BUNDLE: join(dir, 'bundle.sh') },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.status).toBe(0);
      writeFileSync(join(dir, `log-pod-${node}`), r.stdout);
    }
    const log = readFileSync(join(dir, 'log-pod-gpu-node-1'), 'utf8');
    writeFileSync(join(dir, 'log-pod-gpu-node-3'), log.slice(0, Math.floor(log.length / 2)));
    const pods = ['gpu-node-1', 'gpu-node-2', 'gpu-node-3'].map((n) => ({
      metadata: { name: `pod-${n}`, namespace: 'ml' },
      spec: { nodeName: n, containers: [{ name: 'capture' }] },
      status: { phase: 'Running' },
    }));
    writeFileSync(join(dir, 'pods.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: pods }));
    writeFileSync(
      join(dir, 'kubectl'),
      `#!/bin/sh\nprintf '%s\\n' "$*" >> '${dir}/argv'\ncase "$*" in\n  "get pods "*) cat '${dir}/pods.json' ;;\n  "logs "*) for last; do :; done; cat '${dir}/log-'"$last" ;;\n  *) exit 1 ;;\nesac\n`,
    );
    chmodSync(join(dir, 'kubectl'), 0o755);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('one fingerprint per node, labelled with its name; a cut-short log is a failed target with its reason', async () => {
    const out = join(dir, 'fleet/');
    const r = await runEnvdiff(['capture', '--target', 'k8s-job:ml/envdiff-host', '-o', out], {
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    expect(r.stderr).toMatch(/failed: gpu-node-3: .*the log of pod 'pod-gpu-node-3' holds no complete capture/);
    expect(r.exitCode).not.toBe(0);
    expect(readdirSync(out).sort()).toEqual(['gpu-node-1.json', 'gpu-node-2.json']);
    const fp = JSON.parse(readFileSync(join(out, 'gpu-node-1.json'), 'utf8')) as Doc;
    expect(fp.label).toBe('gpu-node-1');
    expect(fp.target).toMatchObject({ kind: 'k8s-job', ref: 'ml/pod-gpu-node-1' });
    // The host's own facts (this machine's, through chroot /): its kernel release.
    expect(JSON.stringify(fp)).toContain(spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim());
    expect(readFileSync(join(dir, 'argv'), 'utf8')).toMatch(/^get pods --namespace=ml --selector=app\.kubernetes\.io\/name=envdiff,/);
  }, 180_000);
});
