// Kubernetes targets: `kubectl exec -i POD -- sh -s`, with the user's kubeconfig and current
// context unless --context names another. Options use the `--flag=value` form so that no value
// can ever be read as a flag of its own.
import { lastLine } from './stderr-lines.js';
import { EnvdiffError } from '../../core/errors.js';
import { bad, checkFree, checkPart, requireRest, requireTool, shown } from './syntax.js';
import type { FanOutMember, FanOutPlan, TargetDef, Transport } from './types.js';

/** The hint for a bad part when the parser is called on its own (tests); parseTarget passes every target's syntax. */
const SYNTAX_HINT_FALLBACK = 'write k8s:[NAMESPACE/]POD[:CONTAINER]';
// Kubernetes: namespaces and container names are DNS-1123 labels, pod names DNS-1123 subdomains.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export interface K8sTarget {
  pod: string;
  namespace?: string;
  container?: string;
}

export interface K8sOptions {
  /** A kubeconfig context (`--context`); by default kubectl's current context. */
  context?: string;
}

export function k8sTransport(target: K8sTarget, opts: K8sOptions = {}): Transport {
  const args: string[] = [];
  if (opts.context !== undefined) args.push(`--context=${opts.context}`);
  args.push('exec', '-i');
  if (target.namespace !== undefined) args.push(`--namespace=${target.namespace}`);
  args.push(target.pod);
  if (target.container !== undefined) args.push(`--container=${target.container}`);
  args.push('--', 'sh', '-s');
  return {
    kind: 'k8s',
    ref: formatK8sRef(target),
    command: { file: 'kubectl', args },
    explainFailure: (code, stderr) => explainK8sFailure(target, opts, code, stderr),
  };
}

export function formatK8sRef(t: K8sTarget): string {
  return `${t.namespace ? `${t.namespace}/` : ''}${t.pod}${t.container ? `:${t.container}` : ''}`;
}

// kubectl 1.2x messages; the API server's own text follows "Error from server (Reason):".
export function explainK8sFailure(
  target: K8sTarget,
  opts: K8sOptions,
  code: number | null,
  stderr: string,
): { message: string; hint: string } {
  const what = `k8s:${formatK8sRef(target)}`;
  const ns = target.namespace ? ` -n ${target.namespace}` : '';
  if (/context was not found for specified context|context .* (does not exist|not found)|no context exists with the name/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the kubeconfig context '${opts.context ?? '(current)'}' does not exist`,
      hint: "list contexts with 'kubectl config get-contexts' and pass one with --context",
    };
  }
  if (
    /connection to the server .* was refused|dial tcp|no such host|i\/o timeout|Unable to connect to the server|current-context is not set|no configuration has been provided/i.test(
      stderr,
    )
  ) {
    return {
      message: `cannot capture ${what}: the Kubernetes API server is not reachable (${kubectlLine(stderr)})`,
      hint: "check 'kubectl config current-context' and 'kubectl cluster-info', or pass --context",
    };
  }
  if (/Unauthorized|You must be logged in|forbidden|Forbidden/.test(stderr)) {
    return {
      message: `cannot capture ${what}: the cluster refused access (${kubectlLine(stderr)})`,
      hint: 'log in again (refresh the kubeconfig credentials); exec needs the pods/exec permission',
    };
  }
  if (/pods? "[^"]*" not found|NotFound/.test(stderr)) {
    return {
      message: `cannot capture ${what}: pod '${target.pod}' not found${target.namespace ? ` in namespace '${target.namespace}'` : ' in the current namespace'}`,
      hint: `list pods with 'kubectl get pods${ns}'; write k8s:NAMESPACE/POD for another namespace`,
    };
  }
  if (/container .* is not valid for pod|container not found|choose one of/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the pod has no container '${target.container ?? '(default)'}'`,
      hint: `name one as k8s:${target.namespace ? `${target.namespace}/` : ''}${target.pod}:CONTAINER (see 'kubectl get pod ${target.pod}${ns} -o jsonpath={.spec.containers[*].name}')`,
    };
  }
  if (/"sh": executable file not found|exec: "?sh"?: .*no such file|command terminated with exit code 12[67]/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the container has no POSIX shell ('sh' not found)`,
      hint: "envdiff needs sh in the container; distroless images have none (an ephemeral debug container with 'kubectl debug' does)",
    };
  }
  if (/is not running|ContainerCreating|container not running|pod .* is not running|completed pod/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the pod or container is not running (${kubectlLine(stderr)})`,
      hint: `check 'kubectl get pod ${target.pod}${ns}' and wait until it is Running`,
    };
  }
  return {
    message: `cannot capture ${what}: kubectl exec failed (exit ${code ?? 'signal'}): ${kubectlLine(stderr)}`,
    hint: `check that 'kubectl exec -i${ns} ${target.pod} -- sh -s' works`,
  };
}

// kubectl's verdict is its last line; klog lines before it ("E1127 07:38:58.607985 …") repeat the detail.
function kubectlLine(stderr: string): string {
  return lastLine(stderr, /^[EWIF]\d{4} \d\d:\d\d:\d\d/);
}

export function parseK8sTarget(spec: string, rest: string, hint = SYNTAX_HINT_FALLBACK): K8sTarget {
  const t = { spec, hint };
  let namespace: string | undefined;
  let podPart = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    namespace = rest.slice(0, slash);
    podPart = rest.slice(slash + 1);
    checkPart(t, 'namespace', namespace, DNS_LABEL, 'lower-case letters, digits and -, starting and ending with a letter or digit');
  }
  const colon = podPart.indexOf(':');
  const pod = colon < 0 ? podPart : podPart.slice(0, colon);
  const container = colon < 0 ? undefined : podPart.slice(colon + 1);
  if (pod === '') throw bad(spec, 'the pod name is missing', 'write k8s:[NAMESPACE/]POD[:CONTAINER]');
  checkPart(t, 'pod name', pod, DNS_SUBDOMAIN, 'lower-case letters, digits, - and ., starting and ending with a letter or digit');
  if (container !== undefined) {
    checkPart(t, 'container name', container, DNS_LABEL, 'lower-case letters, digits and -, starting and ending with a letter or digit');
  }
  return { pod, namespace, container };
}

// Label selectors (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors):
// keys and values are letters, digits, `-_./`; operators `= == != in notin ! ,` and parentheses.
const SELECTOR = /^[A-Za-z0-9_./=!,() -]+$/;
const SELECTOR_FORM = /^([^/]*)\/-l ?(.*)$/;

export interface K8sSelectorTarget {
  namespace: string;
  selector: string;
}

export function parseK8sSelector(spec: string, rest: string, hint = 'write k8s:NAMESPACE/-l SELECTOR'): K8sSelectorTarget | undefined {
  const m = SELECTOR_FORM.exec(rest);
  if (!m) return undefined;
  const t = { spec, hint };
  checkPart(t, 'namespace', m[1]!, DNS_LABEL, 'lower-case letters, digits and -, starting and ending with a letter or digit');
  checkPart(t, 'label selector', m[2]!.trim(), SELECTOR, 'label keys and values, and = == != in notin ! , ( )');
  return { namespace: m[1]!, selector: m[2]!.trim() };
}

interface PodList {
  items?: {
    metadata?: { name?: string };
    spec?: { containers?: { name?: string }[] };
    status?: { phase?: string };
  }[];
}

/** `kubectl get pods -o json` → one member per pod and container (POD, or POD:CONTAINER when it has several). */
export function podMembers(stdout: string, target: K8sSelectorTarget): FanOutMember[] {
  let list: PodList;
  try {
    list = JSON.parse(stdout) as PodList;
  } catch {
    throw new EnvdiffError(
      `cannot capture k8s:${target.namespace}/-l ${target.selector}: kubectl did not print a pod list`,
      "check 'kubectl get pods' by hand",
    );
  }
  const members: FanOutMember[] = [];
  for (const pod of list.items ?? []) {
    const name = pod.metadata?.name;
    if (!name) continue;
    const containers = (pod.spec?.containers ?? []).map((c) => c.name).filter((c): c is string => !!c);
    const phase = pod.status?.phase ?? 'Unknown';
    for (const c of containers) {
      const label = containers.length > 1 ? `${name}:${c}` : name;
      members.push({
        name: `${name}:${c}`,
        label,
        ref: `${target.namespace}/${name}:${c}`,
        ...(phase === 'Running' ? {} : { unavailable: `the pod is ${phase}, not Running` }),
      });
    }
  }
  if (members.length === 0) {
    throw new EnvdiffError(
      `cannot capture k8s:${target.namespace}/-l ${target.selector}: no pod in namespace '${target.namespace}' matches the selector`,
      `list them with 'kubectl get pods -n ${target.namespace} -l ${target.selector}'`,
    );
  }
  return members;
}

/** Every matching pod (and container): listed once, then `kubectl exec` into each, --jobs at a time. */
export function k8sSelectorPlan(target: K8sSelectorTarget, opts: K8sOptions = {}): FanOutPlan {
  const ctx = opts.context !== undefined ? [`--context=${opts.context}`] : [];
  const member = (name: string): K8sTarget => {
    const colon = name.indexOf(':');
    return { namespace: target.namespace, pod: name.slice(0, colon), container: name.slice(colon + 1) };
  };
  return {
    kind: 'k8s',
    ref: `${target.namespace}/-l ${target.selector}`,
    list: {
      file: 'kubectl',
      args: [...ctx, 'get', 'pods', `--namespace=${target.namespace}`, `--selector=${target.selector}`, '--output=json'],
    },
    members: (stdout) => podMembers(stdout, target),
    runOne: (name) => k8sTransport(member(name), opts).command,
    explainFailure: (code, stderr) => explainK8sFailure({ namespace: target.namespace, pod: `-l ${target.selector}` }, opts, code, stderr),
    explainMemberFailure: (name, code, stderr) => explainK8sFailure(member(name), opts, code, stderr),
  };
}

export const k8sTarget: TargetDef = {
  order: 50,
  prefixes: ['k8s'],
  kinds: ['k8s'],
  syntax: ['k8s:[NAMESPACE/]POD[:CONTAINER]', 'k8s:NAMESPACE/-l SELECTOR'],
  fanOut(t) {
    const selector = parseK8sSelector(t.spec, t.rest, t.hint);
    if (!selector) return undefined;
    if (t.opts.context !== undefined) checkFree(t.spec, 'kubeconfig context', t.opts.context);
    requireTool('kubectl', t.spec, t.env, 'install kubectl and configure access to the cluster (a kubeconfig context)');
    return k8sSelectorPlan(selector, { context: t.opts.context });
  },
  parse(t) {
    if (SELECTOR_FORM.test(t.rest)) {
      parseK8sSelector(t.spec, t.rest, t.hint);
      throw new EnvdiffError(
        `${shown(t.spec)} is one fingerprint per pod`,
        `write them into a directory: envdiff capture --target '${shown(t.spec)}' -o DIR/`,
      );
    }
    const target = parseK8sTarget(t.spec, requireRest(t, '[NAMESPACE/]POD[:CONTAINER]'), t.hint);
    if (t.opts.context !== undefined) checkFree(t.spec, 'kubeconfig context', t.opts.context);
    requireTool('kubectl', t.spec, t.env, 'install kubectl and configure access to the cluster (a kubeconfig context)');
    return k8sTransport(target, { context: t.opts.context });
  },
};
