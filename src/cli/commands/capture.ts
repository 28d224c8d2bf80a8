import { EnvdiffError } from '../../core/errors.js';
import { engineOption, positiveSeconds, printable, quietOption, timeoutOption, verboseOption } from '../options.js';
import type { CommandSpec } from '../spec.js';
import { isTerminal, note, outputWidth } from '../terminal.js';

export const capture: CommandSpec = {
  name: 'capture',
  summary: 'record this machine, an image, a container, an ssh host or a pod as a JSON fingerprint',
  description:
    'Without -o the fingerprint goes to stdout when stdout is piped or redirected; on a terminal a short ' +
    'summary is printed instead and the JSON is saved to a new file in the current folder, named after the label.\n\n' +
    'Targets: local (default), docker:IMAGE, podman:IMAGE, container:NAME, ssh:[USER@]HOST[:PORT], ' +
    'k8s:[NAMESPACE/]POD[:CONTAINER]. Image targets never pull unless --pull is given.\n\n' +
    'Static targets read an image without running anything from it (images without a shell too): image:NAME (the local ' +
    "engine's store), docker-archive:PATH, oci-archive:PATH, oci:DIR[:REF], rootfs:DIR; kernel, cpu and gpu are then absent.\n\n" +
    'A --python or --lock that cannot be used (missing, crashing, hanging, unreadable) stops the capture: exit 2, ' +
    'no fingerprint. A facet that fails on its own is recorded as error and named on stderr, one line each.',
  args: [],
  options: [
    { name: 'output', short: 'o', value: 'FILE', description: 'write the fingerprint to FILE (atomically) instead of stdout' },
    {
      name: 'label',
      value: 'NAME',
      description: 'name of this environment in reports',
      defaultText: 'local, or the target',
      complete: 'none',
    },
    {
      name: 'target',
      short: 't',
      value: 'TARGET',
      description:
        'where to capture: local, docker:IMAGE, podman:IMAGE, container:NAME, ssh:[USER@]HOST[:PORT], k8s:[NS/]POD[:CONTAINER]; ' +
        'without running it: image:NAME, docker-archive:PATH, oci-archive:PATH, oci:DIR, rootfs:DIR',
      defaultText: 'local',
      repeatable: true,
      complete: 'target',
    },
    {
      name: 'python',
      value: 'PATH',
      description: 'the Python interpreter whose packages are captured',
      defaultText: 'python3, then python',
    },
    {
      name: 'lock',
      value: 'FILE',
      variadic: true,
      description: 'lock files to record (requirements*.txt, poetry.lock, uv.lock, renv.lock, an MLflow model folder, …)',
      defaultText: 'those in the current folder',
    },
    { name: 'lock-recursive', description: 'also look for lock files in the folders below the current one' },
    { name: 'no-lock', description: 'record no lock files' },
    engineOption,
    { name: 'pull', description: 'let the engine pull IMAGE from its registry (default: only local images)' },
    {
      name: 'context',
      value: 'CONTEXT',
      description: 'kubectl context for k8s: targets',
      defaultText: 'the current context',
      complete: 'none',
    },
    timeoutOption,
    {
      name: 'probe-timeout',
      value: 'SECONDS',
      description: 'stop a single probe (and mark its facet error) after this many seconds',
      defaultText: '30',
      complete: 'none',
      parse: positiveSeconds,
    },
    quietOption,
    verboseOption,
  ],
  examples: [
    ['envdiff capture -o dev.json --label dev', 'fingerprint this machine into dev.json'],
    ['envdiff capture --target podman:my/image:1 --label image -o image.json', 'fingerprint a local container image (nothing is pulled)'],
    ['envdiff capture --target docker-archive:app.tar -o app.json', 'fingerprint an image archive CI saved, running nothing from it'],
    [
      'envdiff capture --target ssh:ci@qa-gpu-01 --python /opt/venv/bin/python > qa.json',
      "a remote host over ssh, with the venv's packages",
    ],
  ],
  async run({ args, opts }) {
    const lock = (opts['lock'] as string[] | undefined) ?? [];
    if (opts['no-lock'] && lock.length > 0)
      throw new EnvdiffError('capture: --no-lock and --lock contradict each other', 'give one of them');
    if (args.length > 0) {
      throw new EnvdiffError(
        `capture: unexpected argument '${printable(args[0]!)}'`,
        'lockfiles go after --lock; the output file after -o',
      );
    }
    const targets = (opts['target'] as string[] | undefined) ?? [];
    if (targets.length > 1) {
      throw new EnvdiffError(`capture: ${targets.length} targets given; one capture takes one --target`, 'run one capture per target');
    }
    const quiet = opts['quiet'] === true;
    const verbose = opts['verbose'] === true && !quiet;
    const toTerminal = isTerminal(process.stdout) && opts['output'] === undefined;
    const [{ runCapture }, { startProgress }] = await Promise.all([import('../../app/capture.js'), import('../progress.js')]);
    const progress = startProgress({ enabled: !quiet && isTerminal(process.stderr), verbose });
    let result;
    try {
      result = await runCapture({
        output: opts['output'] as string | undefined,
        label: opts['label'] as string | undefined,
        target: targets[0],
        python: opts['python'] as string | undefined,
        lock,
        lockRecursive: opts['lock-recursive'] === true,
        noLock: opts['no-lock'] === true,
        engine: opts['engine'] as 'docker' | 'podman' | undefined,
        pull: opts['pull'] === true,
        context: opts['context'] as string | undefined,
        timeoutSec: opts['timeout'] as number | undefined,
        probeTimeoutSec: opts['probe-timeout'] as number | undefined,
        onProgress: (event) => progress.onEvent(event),
      });
    } finally {
      progress.stop();
    }
    if (toTerminal) {
      // 6,000 lines of JSON help no one on a terminal: a summary, and the JSON in a new file.
      const [{ saveNewFingerprint }, { renderSummary }] = await Promise.all([
        import('../../app/save-new.js'),
        import('../../report/summary.js'),
      ]);
      const saved = saveNewFingerprint(result.output, result.fingerprint.label);
      process.stdout.write(renderSummary(result.fingerprint, { width: outputWidth() }));
      process.stdout.write(`\nSaved to ${saved} (stdout is a terminal; use -o FILE to choose the file, or pipe the JSON).\n`);
    } else if (result.output) {
      process.stdout.write(result.output);
    }
    if (result.written && !quiet) note(`wrote ${result.written}`);
    // Even with --quiet: a facet that could not be captured is an error in the fingerprint, and a
    // comparison against it fails (`<facet>/not-captured`); say so now, not only then.
    for (const line of result.failures) note(`warning: ${line}`);
    return 0;
  },
};
