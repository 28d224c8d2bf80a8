import { EnvdiffError } from '../../core/errors.js';
import { printable } from '../../core/text.js';
import type { CommandSpec } from '../spec.js';

export const k8sManifest: CommandSpec = {
  name: 'k8s-manifest',
  summary: 'print a Kubernetes manifest that captures the host environment of every node (read back with --target k8s-job:NAME)',
  description:
    "Prints a ConfigMap with the probe bundle and a DaemonSet (or a Job with --kind job) that mounts each node's / read-only\n" +
    "at /host and runs the probes there with chroot, printing their output to the pod's log between marker lines.\n" +
    'Then: envdiff capture --target k8s-job:[NAMESPACE/]NAME -o DIR/ (one fingerprint per node).',
  args: [],
  options: [
    {
      name: 'kind',
      value: 'KIND',
      description: 'the workload: a DaemonSet (every node) or a Job (--nodes nodes)',
      choices: ['daemonset', 'job'],
      defaultText: 'daemonset',
    },
    {
      name: 'name',
      value: 'NAME',
      description: "the workload's name (a DNS-1123 label); the target is k8s-job:NAME",
      defaultText: 'envdiff-host',
      complete: 'none',
    },
    {
      name: 'namespace',
      short: 'n',
      value: 'NAMESPACE',
      description: 'the namespace',
      defaultText: "kubectl's current one",
      complete: 'none',
    },
    {
      name: 'image',
      value: 'IMAGE',
      description: "the envdiff image (built from the repository's Dockerfile, pushed where the nodes can pull it)",
      defaultText: 'envdiff:latest',
      complete: 'none',
    },
    {
      name: 'nodes',
      value: 'N',
      description: 'with --kind job: how many nodes to capture, each pod on another node',
      defaultText: '1',
      complete: 'none',
      parse: (value, flag) => {
        if (!/^[0-9]{1,5}$/.test(value)) {
          throw new EnvdiffError(`${flag} must be a whole number, not '${printable(value)}'`, `e.g. --kind job ${flag} 4`);
        }
        return Number(value);
      },
    },
    { name: 'privileged', description: 'run the pods privileged so the probes can open device files (nvidia-smi needs /dev/nvidia*)' },
    {
      name: 'python',
      value: 'PATH',
      description: "the host's Python interpreter to probe",
      defaultText: "python3 on the host's PATH",
      complete: 'none',
    },
  ],
  examples: [
    ['envdiff k8s-manifest -n ml | kubectl apply -f -', 'a DaemonSet capturing every node of the cluster'],
    ['envdiff capture --target k8s-job:ml/envdiff-host -o fleet/', "one fingerprint per node, from the pods' logs"],
    ['envdiff k8s-manifest --kind job --nodes 4 --image reg.example.com/envdiff:0.1.0', 'a Job capturing 4 nodes'],
  ],
  async run({ opts }) {
    const { k8sManifest: manifest } = await import('../../app/k8s-manifest.js');
    process.stdout.write(
      manifest({
        kind: opts['kind'] as 'daemonset' | 'job' | undefined,
        name: opts['name'] as string | undefined,
        namespace: opts['namespace'] as string | undefined,
        image: opts['image'] as string | undefined,
        nodes: opts['nodes'] as number | undefined,
        privileged: opts['privileged'] === true,
        python: opts['python'] as string | undefined,
      }),
    );
    return 0;
  },
};
