import type { CudaImage, DistroImage } from '../data/base-images.js';

export interface DockerfileOptions {
  /** `--base IMAGE`: replaces the FROM image; the rest of the file assumes it is compatible with the default choice. */
  base?: string;
  /** `--platform`: overrides the platform derived from the fingerprint's architecture. */
  platform?: string;
  /** `--pip-index-url`: replaces PyPI (a private index or mirror). */
  pipIndexUrl?: string;
  /** `--pip-extra-index-url`: more indexes besides it (added after the PyTorch ones). */
  pipExtraIndexUrls?: readonly string[];
  /**
   * `--pip-find-links`: URLs are passed through; anything else is a directory inside the build
   * context (relative to the Dockerfile's folder, `/` separators), copied into the image for the install.
   */
  pipFindLinks?: readonly string[];
  /** `--pip-no-index`: only the find-links sources (offline builds). */
  pipNoIndex?: boolean;
  /** Names of the files written beside the Dockerfile. */
  fileNames?: Partial<Record<SideFileKind, string>>;
}

export type SideFileKind = 'requirements' | 'conda' | 'r';

export const DEFAULT_FILE_NAMES: Readonly<Record<SideFileKind, string>> = {
  requirements: 'envdiff-requirements.txt',
  conda: 'envdiff-conda-spec.txt',
  r: 'envdiff-r-packages.R',
};

/** A file the Dockerfile COPYs from its build context. */
export interface SideFile {
  kind: SideFileKind;
  /** Relative to the Dockerfile's folder. */
  path: string;
  content: string;
}

/** Something from the fingerprint the image does not reproduce, and why (also a comment in the file). */
export interface Omission {
  facet: 'python' | 'r' | 'jvm' | 'system' | 'env';
  subject: string;
  why: string;
}

export type RuntimeSource = 'image' | 'apt' | 'deadsnakes' | 'conda' | 'download' | 'none';

/** What the generator decided about the base and where each runtime comes from. */
export interface BasePlan {
  image: string;
  /** Why this base: one line for the Dockerfile header. */
  why: string;
  overridden: boolean;
  /** The release the base image runs (null when not known, e.g. rocker or temurin tags). */
  distro: DistroImage | null;
  /** True when the base runs the source's own distro release, so its apt versions can be pinned. */
  sameDistro: boolean;
  platform: string;
  platformNote?: string;
  python: RuntimeSource;
  r: RuntimeSource;
  java: RuntimeSource;
  cuda?: { row: CudaImage; evidence: string };
}

/** One concern of the Dockerfile: comment lines and instructions, rendered with a blank line between blocks. */
export interface Block {
  comments: string[];
  lines: string[];
}

export interface GeneratedDockerfile {
  dockerfile: string;
  files: SideFile[];
  plan: BasePlan;
  omissions: Omission[];
  digest: string;
}
