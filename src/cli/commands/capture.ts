import { EnvdiffError } from '../../core/errors.js';
import { engineOption, positiveSeconds, printable, quietOption, timeoutOption, verboseOption } from '../options.js';
import type { ExitCode } from '../../core/errors.js';
import type { CommandSpec } from '../spec.js';
import { isTerminal, note, outputWidth } from '../terminal.js';

export const capture: CommandSpec = {
  name: 'capture',
  summary: 'record this machine, an image, a container, an ssh host or a pod as a JSON fingerprint',
  description:
    'Without -o the fingerprint goes to stdout when stdout is piped or redirected; on a terminal a short ' +
    'summary is printed instead and the JSON is saved to a new file in the current folder, named after the label.\n\n' +
    'Targets: local (default), docker:IMAGE, podman:IMAGE, container:NAME, ssh:[USER@]HOST[:PORT], ' +
    'k8s:[NAMESPACE/]POD[:CONTAINER], k8s:NAMESPACE/-l SELECTOR (every matching pod), slurm:PARTITION[/NODELIST] (one fingerprint per node). Image targets never pull unless --pull is given.\n\n' +
    'Several --target, a --targets FILE (one target per line, an Ansible inventory in INI or YAML, or an ssh_config) ' +
    'or a slurm: target write one DIR/<label>.json per target (-o DIR/), --jobs at a time; a target that fails is named in ' +
    'the summary and makes the exit 2, the others are still written (docs/FLEET.md).\n\n' +
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
        'where to capture (repeatable): local, docker:IMAGE, podman:IMAGE, container:NAME, ssh:[USER@]HOST[:PORT], k8s:[NS/]POD[:CONTAINER], k8s:NS/-l SELECTOR, slurm:PARTITION[/NODELIST]; ' +
        'without running it: image:NAME, docker-archive:PATH, oci-archive:PATH, oci:DIR, rootfs:DIR',
      defaultText: 'local',
      repeatable: true,
      complete: 'target',
    },
    {
      name: 'targets',
      value: 'FILE',
      description: 'capture every target of FILE: one per line, an Ansible inventory (INI or YAML) or an ssh_config (-o DIR/)',
    },
    {
      name: 'jobs',
      short: 'j',
      value: 'N',
      description: 'with several targets, capture at most N at once',
      defaultText: '4',
      complete: 'none',
      parse: positiveCount,
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
    const quiet = opts['quiet'] === true;
    const targetsFile = opts['targets'] as string | undefined;
    const { isManyTargets } = await import('../../app/capture-many.js');
    if (isManyTargets(targets, targetsFile)) {
      return captureMany(targets, targetsFile, opts, lock, quiet);
    }
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

function positiveCount(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new EnvdiffError(`${flag} must be a whole number of at least 1, not '${printable(value)}'`, `e.g. ${flag} 8`);
  }
  return n;
}

/** Several targets: one file each in -o DIR/, a progress line on a terminal, a summary, exit 2 if any failed. */
async function captureMany(
  targets: string[],
  targetsFile: string | undefined,
  opts: Record<string, unknown>,
  lock: string[],
  quiet: boolean,
): Promise<ExitCode> {
  const output = opts['output'] as string | undefined;
  if (output === undefined)
    throw new EnvdiffError('capture: several targets need -o DIR/', 'write -o DIR/: one DIR/<label>.json per target');
  if (opts['label'] !== undefined) {
    throw new EnvdiffError(
      'capture: --label names one target; several are labelled by their inventory name or target',
      'leave --label out',
    );
  }
  if (lock.length > 0)
    throw new EnvdiffError('capture: --lock records one project; it does not go with several targets', 'capture the project on its own');
  const { runCaptureMany } = await import('../../app/capture-many.js');
  const tty = !quiet && isTerminal(process.stderr);
  const result = await runCaptureMany({
    targets,
    targetsFile,
    outputDir: output,
    jobs: opts['jobs'] as number | undefined,
    python: opts['python'] as string | undefined,
    engine: opts['engine'] as 'docker' | 'podman' | undefined,
    pull: opts['pull'] === true,
    context: opts['context'] as string | undefined,
    timeoutSec: opts['timeout'] as number | undefined,
    probeTimeoutSec: opts['probe-timeout'] as number | undefined,
    ...(tty
      ? {
          onProgress: (p) =>
            process.stderr.write(
              `\r\u001b[2Kenvdiff: ${p.captured + p.failed}/${p.total} done: ${p.captured} captured, ${p.failed} failed`,
            ),
        }
      : {}),
  });
  if (tty) process.stderr.write('\r\u001b[2K');
  for (const o of result.outcomes) {
    if (o.error !== undefined) note(`failed: ${printable(o.label)}: ${o.error}`);
    else for (const w of o.warnings) note(`warning: ${printable(o.label)}: ${w}`);
  }
  const total = result.captured + result.failed;
  if (!quiet || result.failed > 0) {
    note(
      `captured ${result.captured} of ${total} target${total === 1 ? '' : 's'} into ${output}${result.failed > 0 ? ` (${result.failed} failed)` : ''}`,
    );
  }
  return result.failed > 0 ? 2 : 0;
}
