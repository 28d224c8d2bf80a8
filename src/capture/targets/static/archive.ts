// Image archives and layouts as skopeo names them (containers-transports(5)): `docker-archive:PATH`
// (`docker save`, `podman save`: manifest.json + config + layer tars), `oci-archive:PATH` (an OCI
// image layout in a tar) and `oci:DIR[:REF]` (the layout as a directory). What comes out is the
// image config (architecture, Env) and its layers in order, as streams; nothing is unpacked to disk.
//
// The outer tar is indexed by reading its 512-byte headers (POSIX ustar with pax and GNU long-name
// records, https://www.gnu.org/software/tar/manual/html_node/Standard.html) and skipping the
// contents, so that each layer is then streamed straight from its offset: tar-stream reads a tar
// only front to back, and `docker save` writes manifest.json last.
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Readable } from 'node:stream';

export interface ImageConfig {
  architecture?: string;
  os?: string;
  env: string[];
}

export interface OpenedImage {
  config: ImageConfig;
  layers: (() => Readable)[];
}

/** Thrown for an archive that is not what its kind says: becomes one line for the user. */
export class ArchiveError extends Error {}

interface Store {
  has(name: string): boolean;
  read(name: string): Buffer;
  stream(name: string): Readable;
}

function dirStore(dir: string): Store {
  const at = (n: string) => join(dir, posix.normalize(n).replace(/^(\.\.\/)+/, ''));
  return {
    has: (n) => existsSync(at(n)) && statSync(at(n)).isFile(),
    read: (n) => readFileSync(at(n)),
    stream: (n) => createReadStream(at(n)),
  };
}

function parseOctal(block: Buffer, start: number, len: number): number {
  // GNU base-256 for sizes of 8 GiB and more: the high bit of the first byte is set.
  if ((block[start]! & 0x80) !== 0) {
    let v = 0;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + block[i]!;
    return v;
  }
  const s = block
    .subarray(start, start + len)
    .toString('latin1')
    .replace(/\0.*$/s, '')
    .trim();
  return s ? parseInt(s, 8) : 0;
}

function cString(block: Buffer, start: number, len: number): string {
  const raw = block.subarray(start, start + len);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function tarStore(path: string): Store {
  const index = new Map<string, { offset: number; size: number }>();
  const fd = openSync(path, 'r');
  try {
    const total = statSync(path).size;
    const block = Buffer.alloc(512);
    let offset = 0;
    let longName: string | undefined;
    let paxPath: string | undefined;
    while (offset + 512 <= total) {
      readSync(fd, block, 0, 512, offset);
      if (block.every((b) => b === 0)) break;
      const size = parseOctal(block, 124, 12);
      const type = String.fromCharCode(block[156]!);
      const data = offset + 512;
      const next = data + Math.ceil(size / 512) * 512;
      if (type === 'L' || type === 'x') {
        const buf = Buffer.alloc(size);
        readSync(fd, buf, 0, size, data);
        if (type === 'L') longName = buf.toString('utf8').replace(/\0.*$/s, '');
        else paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(buf.toString('utf8'))?.[1];
        offset = next;
        continue;
      }
      const prefix = cString(block, 345, 155);
      const name = paxPath ?? longName ?? (prefix ? `${prefix}/${cString(block, 0, 100)}` : cString(block, 0, 100));
      longName = paxPath = undefined;
      if (type === '0' || type === '\0' || type === '7') index.set(posix.normalize(name.replace(/^\.\//, '')), { offset: data, size });
      offset = next;
    }
  } finally {
    closeSync(fd);
  }
  const get = (n: string) => {
    const e = index.get(posix.normalize(n.replace(/^\.\//, '')));
    if (!e) throw new ArchiveError(`${n} is not in the archive`);
    return e;
  };
  return {
    has: (n) => index.has(posix.normalize(n.replace(/^\.\//, ''))),
    read: (n) => {
      const e = get(n);
      const buf = Buffer.alloc(e.size);
      const fd2 = openSync(path, 'r');
      try {
        readSync(fd2, buf, 0, e.size, e.offset);
      } finally {
        closeSync(fd2);
      }
      return buf;
    },
    stream: (n) => {
      const e = get(n);
      return e.size === 0
        ? createReadStream(path, { start: 0, end: -1 })
        : createReadStream(path, { start: e.offset, end: e.offset + e.size - 1 });
    },
  };
}

function json(store: Store, name: string, what: string): Record<string, unknown> {
  if (!store.has(name)) throw new ArchiveError(`it has no ${name} (${what})`);
  try {
    const v = JSON.parse(store.read(name).toString('utf8')) as unknown;
    if (typeof v !== 'object' || v === null) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`its ${name} is not valid JSON`);
  }
}

function readConfig(raw: Record<string, unknown>): ImageConfig {
  const cfg = (raw['config'] ?? {}) as Record<string, unknown>;
  const env = Array.isArray(cfg['Env']) ? (cfg['Env'] as unknown[]).filter((e): e is string => typeof e === 'string') : [];
  return {
    ...(typeof raw['architecture'] === 'string' ? { architecture: raw['architecture'] } : {}),
    ...(typeof raw['os'] === 'string' ? { os: raw['os'] } : {}),
    env,
  };
}

function openDockerArchive(store: Store): OpenedImage {
  const manifest = json(store, 'manifest.json', 'a docker-archive holds manifest.json');
  const list = Array.isArray(manifest) ? (manifest as unknown[]) : [];
  const first = list[0] as { Config?: string; Layers?: string[] } | undefined;
  if (!first?.Config || !Array.isArray(first.Layers)) throw new ArchiveError('its manifest.json names no image (Config and Layers)');
  if (list.length > 1) throw new ArchiveError(`it holds ${list.length} images; envdiff captures one image per archive`);
  const config = readConfig(json(store, first.Config, 'the image config'));
  for (const l of first.Layers) if (!store.has(l)) throw new ArchiveError(`its layer ${l} is missing`);
  return { config, layers: first.Layers.map((l) => () => store.stream(l)) };
}

const blobPath = (digest: string) => {
  const m = /^([a-z0-9]+):([a-f0-9]+)$/.exec(digest);
  if (!m) throw new ArchiveError(`'${digest}' is not a digest`);
  return `blobs/${m[1]}/${m[2]}`;
};

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

function openOciLayout(store: Store, ref: string | undefined, hostArch: string): OpenedImage {
  if (!store.has('oci-layout')) throw new ArchiveError('it has no oci-layout file (an OCI image layout holds oci-layout and index.json)');
  let index = json(store, 'index.json', 'an OCI image layout holds index.json');
  type Desc = {
    digest: string;
    mediaType?: string;
    platform?: { architecture?: string; os?: string };
    annotations?: Record<string, string>;
  };
  for (let depth = 0; depth < 4; depth++) {
    let manifests = (Array.isArray(index['manifests']) ? index['manifests'] : []) as Desc[];
    if (depth === 0 && ref !== undefined) {
      manifests = manifests.filter((m) => m.annotations?.['org.opencontainers.image.ref.name'] === ref);
      if (manifests.length === 0) throw new ArchiveError(`it has no image named '${ref}' (org.opencontainers.image.ref.name)`);
    }
    if (manifests.length === 0) throw new ArchiveError('its index lists no image');
    const linux = manifests.filter((m) => !m.platform || m.platform.os === undefined || m.platform.os === 'linux');
    const chosen = linux.find((m) => m.platform?.architecture === hostArch) ?? linux[0] ?? manifests[0]!;
    const doc = json(store, blobPath(chosen.digest), 'a manifest');
    const mediaType = typeof doc['mediaType'] === 'string' ? doc['mediaType'] : (chosen.mediaType ?? '');
    if (INDEX_TYPES.has(mediaType) || Array.isArray(doc['manifests'])) {
      index = doc;
      continue;
    }
    const cfgDesc = doc['config'] as Desc | undefined;
    const layers = (Array.isArray(doc['layers']) ? doc['layers'] : []) as Desc[];
    if (!cfgDesc) throw new ArchiveError('its manifest names no config');
    const config = readConfig(json(store, blobPath(cfgDesc.digest), 'the image config'));
    for (const l of layers) if (!store.has(blobPath(l.digest))) throw new ArchiveError(`its layer ${l.digest} is missing`);
    return { config, layers: layers.map((l) => () => store.stream(blobPath(l.digest))) };
  }
  throw new ArchiveError('its indexes nest too deep');
}

export type ArchiveKind = 'docker-archive' | 'oci-archive' | 'oci';

/** Opens an archive or layout; throws ArchiveError (what is wrong with it) or a file system error. */
export function openImage(kind: ArchiveKind, path: string, ref: string | undefined, hostArch: string): OpenedImage {
  if (kind === 'oci') return openOciLayout(dirStore(path), ref, hostArch);
  const store = tarStore(path);
  if (kind === 'oci-archive') return openOciLayout(store, ref, hostArch);
  // podman and newer docker write both layouts into one tar; manifest.json is the docker one.
  return openDockerArchive(store);
}
