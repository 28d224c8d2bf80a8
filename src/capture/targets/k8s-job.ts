// `k8s-job:[NAMESPACE/]NAME`: the host fingerprints of every node that ran `envdiff k8s-manifest`'s
// DaemonSet or Job NAME, read back from its pods' logs. The pods ran the probe bundle against the
// host (chroot into the read-only hostPath mount) and printed its raw output between the markers
// below; here each pod's log is fetched (`kubectl logs POD`), split at the markers and assembled
// into one fingerprint per node, labelled with the node's name. Listing and logs are argv, never a
// shell; NAMESPACE and NAME are DNS-1123 labels, checked before kubectl runs.
import { EnvdiffError } from '../../core/errors.js';
import { explainK8sFailure } from './k8s.js';
import { lastLine } from './stderr-lines.js';
import { checkFree, checkPart, requireRest, requireTool } from './syntax.js';
import type { FanOutMember, FanOutPlan, MemberOutput, TargetDef, Transport } from './types.js';

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_ALLOWED = 'lower-case letters, digits and -, starting and ending with a letter or digit, at most 63';

/** The labels `envdiff k8s-manifest` sets on its workload and pods; the target lists pods by them. */
export function hostCaptureLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'envdiff', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'host-capture' };
}

/** The lines around the bundle's output in a pod's log: `@@envdiff-host-begin NODE@@` … `@@envdiff-host-end NODE EXIT@@`. */
export const HOST_BEGIN = '@@envdiff-host-begin';
export const HOST_END = '@@envdiff-host-end';
const BEGIN_LINE = /^@@envdiff-host-begin (\S*)@@$/;
const END_LINE = /^@@envdiff-host-end (\S*) (\d+)@@$/;

export interface K8sJobTarget {
  name: string;
  namespace?: string;
}

export interface K8sJobOptions {
  context?: string;
}

/** The bundle output between the last complete pair of markers in one pod's log; undefined when there is none. */
export function splitHostLog(log: string): MemberOutput | undefined {
  const lines = log.split('\n');
  let found: MemberOutput | undefined;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (BEGIN_LINE.test(line)) start = i;
    const end = END_LINE.exec(line);
    if (end && start >= 0) {
      found = { stdout: lines.slice(start + 1, i).join('\n') + '\n', stderr: '', exitCode: Number(end[2]) };
      start = -1;
    }
  }
  return found;
}

interface PodList {
  items?: { metadata?: { name?: string }; spec?: { nodeName?: string }; status?: { phase?: string } }[];
}

/** `kubectl get pods -o json` → one member per pod, labelled with its node's name. */
export function hostPodMembers(stdout: string, target: K8sJobTarget): FanOutMember[] {
  let list: PodList;
  try {
    list = JSON.parse(stdout) as PodList;
  } catch {
    throw new EnvdiffError(
      `cannot capture k8s-job:${formatK8sJobRef(target)}: kubectl did not print a pod list`,
      "check 'kubectl get pods' by hand",
    );
  }
  const members: FanOutMember[] = [];
  for (const pod of list.items ?? []) {
    const name = pod.metadata?.name;
    if (!name) continue;
    const node = pod.spec?.nodeName;
    const phase = pod.status?.phase ?? 'Unknown';
    members.push({
      name,
      label: node || name,
      ref: `${target.namespace ? `${target.namespace}/` : ''}${name}`,
      ...(node ? {} : { unavailable: 'the pod is not scheduled on a node yet' }),
      ...(phase === 'Pending' ? { unavailable: 'the pod is Pending: it has not run yet' } : {}),
    });
  }
  if (members.length === 0) {
    const ns = target.namespace ? ` -n ${target.namespace}` : '';
    throw new EnvdiffError(
      `cannot capture k8s-job:${formatK8sJobRef(target)}: no pod of '${target.name}'${target.namespace ? ` in namespace '${target.namespace}'` : ''}`,
      `apply it first: envdiff k8s-manifest --name ${target.name}${target.namespace ? ` --namespace ${target.namespace}` : ''} | kubectl apply${ns} -f -`,
    );
  }
  return members;
}

export function formatK8sJobRef(t: K8sJobTarget): string {
  return `${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
}

export function labelSelector(name: string): string {
  return Object.entries(hostCaptureLabels(name))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Lists the pods by the manifest's labels, then reads each one's log (--jobs at a time). */
export function k8sJobPlan(target: K8sJobTarget, opts: K8sJobOptions = {}): FanOutPlan {
  const ctx = opts.context !== undefined ? [`--context=${opts.context}`] : [];
  const ns = target.namespace !== undefined ? [`--namespace=${target.namespace}`] : [];
  const what = `k8s-job:${formatK8sJobRef(target)}`;
  return {
    kind: 'k8s-job',
    ref: formatK8sJobRef(target),
    list: { file: 'kubectl', args: [...ctx, 'get', 'pods', ...ns, `--selector=${labelSelector(target.name)}`, '--output=json'] },
    members: (stdout) => hostPodMembers(stdout, target),
    runOne: (pod) => ({ file: 'kubectl', args: [...ctx, 'logs', ...ns, pod] }),
    split: (stdout) => {
      // runOne reads one pod's log, and fan-out.ts looks the output up by that pod's name: the map
      // answers any name with this log's capture (nothing when the log holds none).
      const out = splitHostLog(stdout);
      const one = new Map<string, MemberOutput>();
      if (out) one.get = () => out;
      return one;
    },
    explainFailure: (code, stderr) => {
      if (code === 0 || code === 125 || code === 126 || code === 127) return explainHostRun(what, code, stderr);
      // kubectl's own reasons (no API server, no access), said of this target and its `get pods`.
      const why = explainK8sFailure({ namespace: target.namespace, pod: target.name }, opts, code, stderr);
      const listed = `kubectl get pods${target.namespace ? ` -n ${target.namespace}` : ''} -l ${labelSelector(target.name)}`;
      return why.message.includes('kubectl exec failed')
        ? {
            message: why.message.replace(`k8s:${formatK8sJobRef(target)}`, what).replace('kubectl exec failed', 'kubectl get pods failed'),
            hint: `check that '${listed}' works`,
          }
        : { message: why.message.replace(`k8s:${formatK8sJobRef(target)}`, what), hint: why.hint };
    },
    explainMemberFailure: (pod, code, stderr) => {
      if (code === 0) {
        return {
          message: `cannot capture ${what}: the log of pod '${pod}' holds no complete capture (no ${HOST_END} line)`,
          hint: `the pod may still be running or was restarted; see 'kubectl logs${target.namespace ? ` -n ${target.namespace}` : ''} ${pod}'`,
        };
      }
      return explainK8sFailure({ namespace: target.namespace, pod }, opts, code, stderr);
    },
  };
}

function explainHostRun(what: string, code: number | null, stderr: string): { message: string; hint: string } {
  return {
    message: `cannot capture ${what}: the probe shell in the pod failed (exit ${code ?? 'signal'})${stderr ? `: ${lastLine(stderr)}` : ''}`,
    hint: 'chroot into /host needs root and the SYS_CHROOT capability (the manifest asks for both); check the pod spec and its log',
  };
}

export function parseK8sJobTarget(spec: string, rest: string, hint = 'write k8s-job:[NAMESPACE/]NAME'): K8sJobTarget {
  const t = { spec, hint };
  const slash = rest.indexOf('/');
  const namespace = slash < 0 ? undefined : rest.slice(0, slash);
  const name = slash < 0 ? rest : rest.slice(slash + 1);
  if (namespace !== undefined) checkPart(t, 'namespace', namespace, DNS_LABEL, DNS_ALLOWED);
  checkPart(t, 'name', name, DNS_LABEL, DNS_ALLOWED);
  return { namespace, name };
}

export const k8sJobTarget: TargetDef = {
  order: 55,
  prefixes: ['k8s-job'],
  kinds: ['k8s-job'],
  syntax: ['k8s-job:[NAMESPACE/]NAME'],
  fanOut(t) {
    const target = parseK8sJobTarget(t.spec, requireRest(t, '[NAMESPACE/]NAME'), t.hint);
    if (t.opts.context !== undefined) checkFree(t.spec, 'kubeconfig context', t.opts.context);
    requireTool('kubectl', t.spec, t.env, 'install kubectl and configure access to the cluster (a kubeconfig context)');
    return k8sJobPlan(target, { context: t.opts.context });
  },
  parse(t): Transport {
    const target = parseK8sJobTarget(t.spec, requireRest(t, '[NAMESPACE/]NAME'), t.hint);
    throw new EnvdiffError(
      `k8s-job:${formatK8sJobRef(target)} is one fingerprint per node`,
      `write them into a directory: envdiff capture --target 'k8s-job:${formatK8sJobRef(target)}' -o DIR/`,
    );
  },
};
