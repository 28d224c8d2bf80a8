// Kubernetes targets: `kubectl exec -i POD -- sh -s`, with the user's kubeconfig and current
// context unless --context names another. Options use the `--flag=value` form so that no value
// can ever be read as a flag of its own.
import { lastLine } from './stderr-lines.js';
import { bad, checkFree, checkPart, requireRest, requireTool } from './syntax.js';
import type { TargetDef, Transport } from './types.js';

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

export const k8sTarget: TargetDef = {
  order: 50,
  prefixes: ['k8s'],
  kinds: ['k8s'],
  syntax: ['k8s:[NAMESPACE/]POD[:CONTAINER]'],
  parse(t) {
    const target = parseK8sTarget(t.spec, requireRest(t, '[NAMESPACE/]POD[:CONTAINER]'), t.hint);
    if (t.opts.context !== undefined) checkFree(t.spec, 'kubeconfig context', t.opts.context);
    requireTool('kubectl', t.spec, t.env, 'install kubectl and configure access to the cluster (a kubeconfig context)');
    return k8sTransport(target, { context: t.opts.context });
  },
};
