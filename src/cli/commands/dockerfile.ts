import { printable } from '../../core/text.js';
import { engineOption, timeoutOption } from '../options.js';
import type { CommandSpec } from '../spec.js';

export const dockerfile: CommandSpec = {
  name: 'dockerfile',
  summary: 'write a pinned Dockerfile that rebuilds a fingerprint, or --verify that an image matches it',
  description:
    'Writes the Dockerfile to stdout, or to -o FILE with envdiff-requirements.txt beside it.\n\n' +
    'With --verify IMAGE: captures inside IMAGE and compares; exit 1 when an error finding remains.',
  args: [{ name: 'fingerprint', description: 'the fingerprint to reproduce (or - for stdin)', required: true }],
  options: [
    { name: 'output', short: 'o', value: 'FILE', description: 'write the Dockerfile to FILE (its folder is created) instead of stdout' },
    { name: 'base', value: 'IMAGE', description: 'base image instead of the one chosen from the fingerprint', complete: 'none' },
    {
      name: 'platform',
      value: 'PLATFORM',
      description: 'OCI platform, e.g. linux/amd64',
      defaultText: "from the fingerprint's architecture",
      complete: ['linux/amd64', 'linux/arm64'],
    },
    { name: 'pip-index-url', value: 'URL', description: 'pip --index-url for the Python packages', complete: 'none' },
    { name: 'pip-extra-index-url', value: 'URL', repeatable: true, description: 'pip --extra-index-url', complete: 'none' },
    {
      name: 'pip-find-links',
      value: 'DIR',
      repeatable: true,
      description: 'pip --find-links: a folder of wheels in the build context',
      complete: 'dir',
    },
    { name: 'pip-no-index', description: 'pip --no-index: install only from --pip-find-links' },
    {
      name: 'apt-snapshot',
      value: 'WHEN',
      description:
        'the distro archive at snapshot.debian.org / snapshot.ubuntu.com: auto (the dates the fingerprint records), off, or YYYYMMDDTHHMMSSZ',
      defaultText: 'auto',
      complete: ['auto', 'off'],
    },
    {
      name: 'apt-mirror',
      value: 'URL',
      description: 'the distro archive from this mirror instead (a local mirror or proxy)',
      complete: 'none',
    },
    { name: 'apt-mirror-key', value: 'FILE', description: "the mirror's keyring, a file in the build context", complete: 'file' },
    {
      name: 'verify',
      value: 'IMAGE',
      description: 'capture inside IMAGE and compare it with the fingerprint instead of writing',
      complete: 'none',
    },
    engineOption,
    timeoutOption,
  ],
  examples: [
    ['envdiff dockerfile dev.json -o build/Dockerfile', 'build/Dockerfile and build/envdiff-requirements.txt'],
    ['envdiff dockerfile dev.json --verify my/image:1 --engine podman', 'does the built image match dev.json? exit 1 if not'],
  ],
  async run({ args, opts }) {
    const { runDockerfile } = await import('../../app/dockerfile.js');
    const result = await runDockerfile({
      fingerprintPath: args[0]!,
      outPath: opts['output'] as string | undefined,
      base: opts['base'] as string | undefined,
      platform: opts['platform'] as string | undefined,
      pipIndexUrl: opts['pip-index-url'] as string | undefined,
      pipExtraIndexUrls: opts['pip-extra-index-url'] as string[] | undefined,
      pipFindLinks: opts['pip-find-links'] as string[] | undefined,
      pipNoIndex: opts['pip-no-index'] === true ? true : undefined,
      aptSnapshot: opts['apt-snapshot'] as string | undefined,
      aptMirror: opts['apt-mirror'] as string | undefined,
      aptMirrorKey: opts['apt-mirror-key'] as string | undefined,
      verifyImage: opts['verify'] as string | undefined,
      engine: opts['engine'] as 'docker' | 'podman' | undefined,
      timeoutSec: opts['timeout'] as number | undefined,
    });
    if (result.output) process.stdout.write(result.output);
    for (const line of result.messages ?? []) process.stderr.write(printable(line) + '\n');
    return result.exitCode;
  },
};
