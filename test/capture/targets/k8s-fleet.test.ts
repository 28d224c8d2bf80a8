// `k8s:NAMESPACE/-l SELECTOR`: every matching pod (and container). No Kubernetes cluster runs in
// these tests, so what is checked is what can be: the selector syntax (hostile strings refused),
// the pods read from a real `kubectl get pods -o json` (__fixtures__/k8s-pods-kuard/SOURCE.md),
// the exact argv given to kubectl, and the real kubectl's failure without a cluster, through the CLI.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { k8sSelectorPlan, parseK8sSelector, podMembers } from '../../../src/capture/targets/k8s.js';
import { parseFanOut, parseTarget } from '../../../src/capture/targets/parse-target.js';
import { EnvdiffError } from '../../../src/core/errors.js';
import { runEnvdiff } from '../../support/cli.js';

const KUARD = readFileSync(new URL('__fixtures__/k8s-pods-kuard/pods.json', import.meta.url), 'utf8');
const HAS_KUBECTL = spawnSync('sh', ['-c', 'command -v kubectl']).status === 0;

describe('k8s:NAMESPACE/-l SELECTOR', () => {
  it('reads namespace and selector; set-based selectors too', () => {
    expect(parseK8sSelector('k8s:ml/-l app=train', 'ml/-l app=train')).toEqual({ namespace: 'ml', selector: 'app=train' });
    expect(parseK8sSelector('x', 'qa/-l tier in (gpu,cpu),!canary')).toEqual({ namespace: 'qa', selector: 'tier in (gpu,cpu),!canary' });
    expect(parseK8sSelector('x', 'qa/pod-1')).toBeUndefined();
  });

  it('refuses what kubectl could read as something else, in one line', () => {
    for (const rest of ['ml/-l $(id)', 'ml/-l a=b;rm -rf ~', 'ml/-l ', '-n/-l a=b', 'ML/-l a=b', 'ml/-l a=`x`']) {
      expect(() => parseK8sSelector(`k8s:${rest}`, rest), rest).toThrow(EnvdiffError);
    }
  });

  it('one member per pod and container of a real pod list; the label is the pod when it has one container', () => {
    expect(podMembers(KUARD, { namespace: 'default', selector: 'app=work-queue' })).toEqual([
      { name: 'queue-l4dv8:queue', label: 'queue-l4dv8', ref: 'default/queue-l4dv8:queue' },
    ]);
  });

  it('a pod that is not Running is reported, not asked; several containers give POD:CONTAINER (SYNTHETIC list)', () => {
    const list = JSON.stringify({
      items: [
        { metadata: { name: 'a' }, spec: { containers: [{ name: 'main' }, { name: 'side' }] }, status: { phase: 'Running' } },
        { metadata: { name: 'b' }, spec: { containers: [{ name: 'main' }] }, status: { phase: 'Pending' } },
      ],
    });
    expect(podMembers(list, { namespace: 'qa', selector: 'x=y' })).toEqual([
      { name: 'a:main', label: 'a:main', ref: 'qa/a:main' },
      { name: 'a:side', label: 'a:side', ref: 'qa/a:side' },
      { name: 'b:main', label: 'b', ref: 'qa/b:main', unavailable: 'the pod is Pending, not Running' },
    ]);
    expect(() => podMembers('{"items":[]}', { namespace: 'qa', selector: 'x=y' })).toThrow(/no pod in namespace 'qa' matches the selector/);
    expect(() => podMembers('<html>', { namespace: 'qa', selector: 'x=y' })).toThrow(/kubectl did not print a pod list/);
  });

  it('kubectl argv: the list, then one exec per member, every value in --flag=value form', () => {
    const plan = k8sSelectorPlan({ namespace: 'ml', selector: 'app=train' }, { context: 'prod' });
    expect(plan.list).toEqual({
      file: 'kubectl',
      args: ['--context=prod', 'get', 'pods', '--namespace=ml', '--selector=app=train', '--output=json'],
    });
    expect(plan.runOne('trainer-0:main')).toEqual({
      file: 'kubectl',
      args: ['--context=prod', 'exec', '-i', '--namespace=ml', 'trainer-0', '--container=main', '--', 'sh', '-s'],
    });
    expect('runAll' in plan).toBe(false);
  });

  it.skipIf(!HAS_KUBECTL)('is a fan-out target; alone it asks for -o DIR/', () => {
    expect(parseFanOut('k8s:ml/-l app=train')?.kind).toBe('k8s');
    expect(parseFanOut('k8s:ml/pod-1')).toBeUndefined();
    expect(() => parseTarget('k8s:ml/-l app=train')).toThrow(/is one fingerprint per pod/);
  });

  it.skipIf(!HAS_KUBECTL)('the real kubectl without a cluster: its own reason on one line, exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-k8s-'));
    try {
      const out = join(dir, 'out/');
      const r = await runEnvdiff(['capture', '--target', 'k8s:ml/-l app=train', '-o', out], {
        env: { ...process.env, KUBECONFIG: join(dir, 'no-kubeconfig') },
      });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(
        /failed: k8s:ml\/-l app=train: cannot capture k8s:ml\/-l app=train: the Kubernetes API server is not reachable \(The connection to the server localhost:8080 was refused/,
      );
      expect(r.stderr).toContain('captured 0 of 1 target');
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
