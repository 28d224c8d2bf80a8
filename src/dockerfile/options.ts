// Options of `envdiff dockerfile` that go into FROM, pip options and COPY: refused (exit 2) unless
// they are one plain token, so that no option can inject an instruction.
import { EnvdiffError } from '../core/errors.js';
import { printable } from '../core/text.js';

/** A URL or folder that goes into a RUN line (pip options): one word with no shell metacharacters or globs. */
const SHELL_URL = /^[A-Za-z0-9._~:/@+,=%-]+$/;
// OCI image references as engines accept them (name[:tag][@digest], optional registry[:port]).
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;

/**
 * Options that go into FROM, pip options and COPY: refused (exit 2) unless they are one plain token.
 * URLs for pip (index, find-links) are words in the requirements file and in a RUN line.
 */
export function checkDockerfileOptions(opts: {
  base?: string;
  platform?: string;
  pipIndexUrl?: string;
  pipExtraIndexUrls?: readonly string[];
  pipFindLinks?: readonly string[];
  aptSnapshot?: string;
  aptMirror?: string;
  aptMirrorKey?: string;
}): void {
  if (opts.aptSnapshot !== undefined && !/^(auto|off|\d{8}T\d{6}Z)$/.test(opts.aptSnapshot)) {
    throw new EnvdiffError(
      `--apt-snapshot ${printable(opts.aptSnapshot).slice(0, 200)} is not auto, off or a snapshot timestamp`,
      'write auto (the dates the fingerprint records), off (the archive as the base image has it) or a time as YYYYMMDDTHHMMSSZ, e.g. 20240115T000000Z',
    );
  }
  if (opts.aptMirror !== undefined && !/^(https?|file):\/\/[A-Za-z0-9._~:/+@%=,-]+$/.test(opts.aptMirror)) {
    throw new EnvdiffError(
      `--apt-mirror '${printable(opts.aptMirror).slice(0, 200)}' is not a usable apt URI`,
      'give an http://, https:// or file:// URL made of letters, digits and . _ ~ : / + @ % = , -',
    );
  }
  if (
    opts.aptMirrorKey !== undefined &&
    (!/^[A-Za-z0-9._+-]+(\/[A-Za-z0-9._+-]+)*$/.test(opts.aptMirrorKey) || opts.aptMirrorKey.split('/').includes('..'))
  ) {
    throw new EnvdiffError(
      `--apt-mirror-key ${printable(opts.aptMirrorKey).slice(0, 200)} is not a file in the build context`,
      'put the keyring beside the Dockerfile and name it with letters, digits and . _ + - (folders separated by /)',
    );
  }
  if (opts.base !== undefined && opts.base !== '' && !IMAGE_REF.test(opts.base)) {
    throw new EnvdiffError(
      `--base '${printable(opts.base).slice(0, 200)}' is not an image reference`,
      'write it as [REGISTRY/]NAME[:TAG][@sha256:DIGEST], e.g. debian:bookworm-slim',
    );
  }
  if (opts.platform !== undefined && !/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(opts.platform)) {
    throw new EnvdiffError(
      `--platform ${printable(opts.platform).slice(0, 200)} is not an OCI platform`,
      'write it as OS/ARCH, e.g. linux/amd64 or linux/arm64',
    );
  }
  const urls: [string, string][] = [
    ...(opts.pipIndexUrl !== undefined ? [['--pip-index-url', opts.pipIndexUrl] as [string, string]] : []),
    ...(opts.pipExtraIndexUrls ?? []).map((u) => ['--pip-extra-index-url', u] as [string, string]),
    ...(opts.pipFindLinks ?? []).map((u) => ['--pip-find-links', u] as [string, string]),
  ];
  for (const [flag, value] of urls) {
    if (value === '' || value.startsWith('-') || !SHELL_URL.test(value)) {
      throw new EnvdiffError(
        `${flag} '${printable(value).slice(0, 200)}' is not a usable URL or folder (empty, a leading '-', or spaces, quotes, shell or control characters)`,
        `give ${flag} one URL or folder made of letters, digits and . _ ~ : / @ + , = % -`,
      );
    }
  }
}
