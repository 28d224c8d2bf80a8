// The contract between the Dockerfile generator (src/dockerfile/) and the parts facets contribute
// (src/facets/<id>/dockerfile.ts): what a part gets (the fingerprint, the plan of the base image,
// the options), what it gives back (blocks of instructions, the apt packages it needs, side files,
// what it leaves out and why), and the rendering helpers every part uses. Output must be
// byte-stable: no dates, no map iteration over unsorted input, LF line ends.
import type { CudaImage, DistroImage } from '../../data/base-images.js';
import { printable } from '../../core/text.js';
import type { Fingerprint } from '../fingerprint.js';

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
  /**
   * `--apt-snapshot`: `auto` (the default) points the distro archive at snapshot.debian.org /
   * snapshot.ubuntu.com for the dates the fingerprint records; a `YYYYMMDDTHHMMSSZ` timestamp, that
   * state of the archive; `off`, the archive as the base image configures it.
   */
  aptSnapshot?: string;
  /** `--apt-mirror URL`: the distro archive from this mirror instead (a local mirror or proxy of it). */
  aptMirror?: string;
  /** `--apt-mirror-key FILE`: the keyring (in the build context) that signs the mirror, when it is not the distro's. */
  aptMirrorKey?: string;
}

export type SideFileKind = 'requirements' | 'conda' | 'r' | 'apt-sources';

export const DEFAULT_FILE_NAMES: Readonly<Record<SideFileKind, string>> = {
  requirements: 'envdiff-requirements.txt',
  conda: 'envdiff-conda-spec.txt',
  r: 'envdiff-r-packages.R',
  'apt-sources': 'envdiff-apt.sources',
};

/** The build-context folder the Dockerfile COPYs vendor and mirror keyrings from (never fetched). */
export const APT_KEYS_DIR = 'envdiff-apt-keys';

/** What a part installs, counted for the one stderr summary. */
export type KeptKind = 'apt' | 'python' | 'r';

/** A file the Dockerfile COPYs from its build context. */
export interface SideFile {
  kind: SideFileKind;
  /** Relative to the Dockerfile's folder. */
  path: string;
  content: string;
}

/** Something from the fingerprint the image does not reproduce, and why (also a comment in the file). */
export interface Omission {
  /** The facet whose part left it out. */
  facet: string;
  subject: string;
  why: string;
  /** A short reason shared by many omissions, for the summary line (`no apt source offers it`). */
  group?: string;
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
  /** How many packages of each kind the image installs at the source's versions. */
  kept: Record<KeptKind, number>;
  /** Files the user must put in the build context (vendor keyrings), named in the Dockerfile. */
  contextFiles: string[];
}

/** Where the side files and find-links folders land in the image (kept: they document the image). */
export const IN_IMAGE_DIR = '/opt/envdiff';

/** A package another part needs (python3.11-venv, locales, curl…), with why. */
export interface AptNeed {
  name: string;
  why: string;
}

export interface PartInput {
  fp: Fingerprint;
  plan: BasePlan;
  opts: DockerfileOptions;
  /** Parts add what they leave out here, each with its reason. */
  omissions: Omission[];
  /** For the part that installs system packages: every other part's needs, in part order. */
  needs: readonly AptNeed[];
}

export interface PartOutput {
  blocks: Block[];
  needs?: AptNeed[];
  files?: SideFile[];
  kept?: Partial<Record<KeptKind, number>>;
  /** Build-context files this part COPYs but does not write (keyrings the user brings). */
  contextFiles?: string[];
}

/**
 * A facet's part of the Dockerfile. Parts run in `order` and their blocks appear in that order,
 * after the header; the part that installs system packages (`installsNeeds`) runs last, once the
 * others said which packages they need, and its blocks come first.
 */
export interface DockerfilePart {
  order: number;
  installsNeeds?: boolean;
  build(input: PartInput): PartOutput;
}

/** "3.11.7" → "3.11". */
export function minorOf(version: string | undefined): string | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** `RUN a \` / ` && b` continuation style; the first command on the RUN line. */
export function runChain(commands: readonly string[]): string[] {
  return commands.map((c, i) => (i === 0 ? `RUN ${c}` : ` && ${c}`)).map((l, i, all) => (i < all.length - 1 ? `${l} \\` : l));
}

/** A command with one argument per continuation line (long package lists stay readable in diffs). */
export function argLines(head: string, args: readonly string[], indent = '      '): string {
  if (args.length === 0) return head;
  return [head, ...args.map((a) => `${indent}${a}`)].join(' \\\n');
}

/** Words wrapped into `# ` comment lines of at most `width` characters. */
export function wrapComment(text: string, width = 100, prefix = '# '): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && prefix.length + line.length + 1 + word.length > width) {
      out.push(prefix + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(prefix + line);
  return out;
}

/**
 * Double-quoted Dockerfile/shell value: backslash and double quote escaped, `$` kept literal.
 * A Dockerfile cannot hold a newline in a value (it ends the instruction): control characters
 * are written as `\xNN` text; callers that need the exact value leave such values out instead.
 */
export function quote(value: string): string {
  return `"${printable(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$')}"`;
}

export function renderBlocks(blocks: readonly Block[]): string {
  return (
    blocks
      .filter((b) => b.comments.length > 0 || b.lines.length > 0)
      .map((b) => [...b.comments, ...b.lines].join('\n'))
      .join('\n\n') + '\n'
  );
}

/** Sorted by code unit, as the fingerprint sorts packages (locale-independent). */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
