// `envdiff k8s-manifest`: a Kubernetes manifest that captures every node's HOST environment. A
// ConfigMap holds the probe bundle; a DaemonSet (default: one pod per node, tolerating every taint)
// or a Job (--kind job: --nodes pods, kept on distinct nodes) mounts the node's / read-only at
// /host and runs the bundle there with `chroot /host sh -s`, printing its raw output to the pod's
// log between the @@envdiff-host-begin/-end lines (src/capture/targets/k8s-job.ts). `envdiff
// capture --target k8s-job:[NAMESPACE/]NAME -o DIR/` reads the logs back and assembles one
// fingerprint per node. Every value that reaches the YAML is checked first (names: DNS-1123
// labels); the YAML itself is written by the `yaml` package, never by string concatenation.
import { stringify } from 'yaml';
import { EnvdiffError } from '../core/errors.js';
import { printable } from '../core/text.js';
import { buildProbeBundle } from '../capture/probe-bundle.js';
import { DNS_LABEL, HOST_BEGIN, HOST_END, hostCaptureLabels } from '../capture/targets/k8s-job.js';

export const MANIFEST_KINDS = ['daemonset', 'job'] as const;
export type ManifestKind = (typeof MANIFEST_KINDS)[number];

export interface K8sManifestOptions {
  kind?: ManifestKind;
  name?: string;
  namespace?: string;
  image?: string;
  /** --kind job: how many nodes (pods) to capture; each on another node. */
  nodes?: number;
  /** Run the pod privileged: device files (GPUs: /dev/nvidia*) become readable to the probes. */
  privileged?: boolean;
  python?: string;
  probeTimeoutSec?: number;
}

export const DEFAULT_NAME = 'envdiff-host';
export const DEFAULT_IMAGE = 'envdiff:latest';
// An image reference (registry[:port]/path[:tag][@digest]), at most 255 characters, not starting with '-'.
const IMAGE_REF =
  /^[A-Za-z0-9][A-Za-z0-9._-]*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
const DNS_ALLOWED = 'lower-case letters, digits and -, starting and ending with a letter or digit, at most 63';

/**
 * The pod's script (POSIX sh, run by the image's sh): the node's name, the bundle's raw output
 * from inside the host's root, its exit code. stderr is dropped: in a log it would interleave
 * with the output. A DaemonSet's pod must keep running after that (its restartPolicy is Always).
 */
export function podScript(kind: ManifestKind): string {
  return [
    `echo "${HOST_BEGIN} $NODE_NAME@@"`,
    'chroot "$HOST_ROOT" sh -s < "$BUNDLE" 2>/dev/null',
    `echo "${HOST_END} $NODE_NAME $?@@"`,
    ...(kind === 'daemonset' ? ['while :; do sleep 3600; done'] : []),
  ].join('\n');
}

function checkName(flag: string, value: string): void {
  if (!DNS_LABEL.test(value)) {
    throw new EnvdiffError(
      `${flag} '${printable(value)}' is not a valid Kubernetes name`,
      `use ${DNS_ALLOWED} characters, e.g. ${flag} ${DEFAULT_NAME}`,
    );
  }
}

export function k8sManifest(opts: K8sManifestOptions = {}): string {
  const kind = opts.kind ?? 'daemonset';
  const name = opts.name ?? DEFAULT_NAME;
  const image = opts.image ?? DEFAULT_IMAGE;
  checkName('--name', name);
  // The ConfigMap is NAME-probes: it must stay a DNS-1123 subdomain too (always true for a label + '-probes').
  if (opts.namespace !== undefined) checkName('--namespace', opts.namespace);
  if (image.length > 255 || !IMAGE_REF.test(image)) {
    throw new EnvdiffError(
      `--image '${printable(image)}' is not an image reference`,
      "e.g. --image registry.example.com/envdiff:0.1.0 (build it from the repository's Dockerfile)",
    );
  }
  // Runs on the host inside the chroot: a path or a command name, nothing a shell would expand.
  if (opts.python !== undefined && !/^[A-Za-z0-9_./+][A-Za-z0-9_./+-]*$/.test(opts.python)) {
    throw new EnvdiffError(
      `--python '${printable(opts.python)}' is not an interpreter path`,
      'e.g. --python /usr/bin/python3 or --python python3.11',
    );
  }
  const nodes = opts.nodes ?? 1;
  if (opts.nodes !== undefined && kind !== 'job')
    throw new EnvdiffError('--nodes is for --kind job', 'a DaemonSet runs on every node by itself; drop --nodes');
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 10000) {
    throw new EnvdiffError(
      `--nodes must be a whole number from 1 to 10000, not '${printable(String(opts.nodes))}'`,
      'e.g. --kind job --nodes 4',
    );
  }
  const labels = hostCaptureLabels(name);
  const meta = (n: string) => ({ name: n, ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}), labels });
  const bundle = buildProbeBundle({ python: opts.python, probeTimeoutSec: opts.probeTimeoutSec ?? 30 });
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${name}-probes`), data: { 'bundle.sh': bundle } };

  const podSpec = {
    // Job pods run once; a DaemonSet's must be Always (its pod stays, sleeping, after the capture).
    restartPolicy: kind === 'job' ? 'Never' : 'Always',
    // Every node, control-plane and tainted GPU nodes included.
    tolerations: [{ operator: 'Exists' }],
    automountServiceAccountToken: false,
    ...(kind === 'job'
      ? {
          // At most one of these pods per node while they run, so --nodes pods land on --nodes nodes.
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname' },
              ],
            },
          },
        }
      : {}),
    containers: [
      {
        name: 'capture',
        image,
        imagePullPolicy: 'IfNotPresent',
        command: ['sh', '-c', podScript(kind)],
        env: [
          { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'HOST_ROOT', value: '/host' },
          { name: 'BUNDLE', value: '/envdiff/bundle.sh' },
        ],
        // chroot, not nsenter: `chroot /host` needs only root and CAP_SYS_CHROOT (not in every
        // runtime's default set, so asked for) and reads the host through the read-only hostPath
        // mount; `nsenter -t 1 -m` would need hostPID, CAP_SYS_ADMIN and CAP_SYS_PTRACE (in practice
        // privileged) and would run the probes in the host's own writable mount namespace.
        // --privileged adds device access, which nvidia-smi needs for the GPU facet.
        securityContext: opts.privileged
          ? { privileged: true, runAsUser: 0 }
          : {
              runAsUser: 0,
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'], add: ['SYS_CHROOT'] },
            },
        volumeMounts: [
          { name: 'host', mountPath: '/host', readOnly: true },
          { name: 'probes', mountPath: '/envdiff', readOnly: true },
        ],
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '1Gi' } },
      },
    ],
    volumes: [
      { name: 'host', hostPath: { path: '/', type: 'Directory' } },
      { name: 'probes', configMap: { name: `${name}-probes` } },
    ],
  };
  const template = { metadata: { labels }, spec: podSpec };
  const workload =
    kind === 'job'
      ? {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: meta(name),
          spec: { completions: nodes, parallelism: nodes, backoffLimit: 0, template },
        }
      : { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(name), spec: { selector: { matchLabels: labels }, template } };
  const target = `k8s-job:${opts.namespace !== undefined ? `${opts.namespace}/` : ''}${name}`;
  const header =
    `# envdiff k8s-manifest: captures the host environment of ${kind === 'job' ? `${nodes} node(s)` : 'every node'}.\n` +
    `#   kubectl apply -f THIS_FILE; then, once the pods have logged their capture:\n` +
    `#   envdiff capture --target ${target} -o fleet/\n` +
    `#   kubectl delete -f THIS_FILE\n`;
  return header + [configMap, workload].map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
