// The file system of an image that is never run: either a directory on this machine (`rootfs:DIR`,
// or an image the engine mounted) or the image's layers applied in order in memory. Reading only:
// symbolic links are resolved inside the tree (an absolute link `/usr/bin/python3 -> /usr/bin/python3.11`
// points into the image, never at this machine), and only the files a facet needs keep their bytes.
//
// Layers follow the OCI image layer specification
// (https://github.com/opencontainers/image-spec/blob/main/layer.md): `.wh.NAME` removes NAME from
// the layers below, `.wh..wh..opq` in a directory hides everything the layers below put there; both
// apply to the lower layers only, so a layer's own entries survive its own whiteouts.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type NodeType = 'file' | 'dir' | 'symlink' | 'other';

export interface StaticFs {
  /** The entry itself (a link is not followed); undefined when nothing is there. */
  lstat(path: string): { type: NodeType; link?: string; size: number } | undefined;
  /** Names in a directory (the path already resolved), sorted; undefined when not a directory. */
  readdir(path: string): string[] | undefined;
  /** A file's bytes (the path already resolved), or undefined when not kept or not there. */
  readRaw(path: string): Buffer | undefined;
}

const MAX_LINKS = 40;

/** The path with every symbolic link resolved inside the tree, or undefined when it leads nowhere. */
export function resolvePath(fs: StaticFs, path: string): string | undefined {
  let parts = posix.normalize(path).split('/').filter(Boolean);
  let done: string[] = [];
  let hops = 0;
  while (parts.length > 0) {
    const name = parts.shift()!;
    if (name === '.') continue;
    if (name === '..') {
      done.pop();
      continue;
    }
    const candidate = '/' + [...done, name].join('/');
    const st = fs.lstat(candidate);
    if (!st) return undefined;
    if (st.type === 'symlink' && st.link !== undefined) {
      if (++hops > MAX_LINKS) return undefined;
      const target = st.link.split('/').filter(Boolean);
      if (st.link.startsWith('/')) done = [];
      parts = [...target, ...parts];
      continue;
    }
    done.push(name);
  }
  return '/' + done.join('/');
}

export function readFile(fs: StaticFs, path: string): Buffer | undefined {
  const real = resolvePath(fs, path);
  return real === undefined ? undefined : fs.readRaw(real);
}

export function readText(fs: StaticFs, path: string): string | undefined {
  return readFile(fs, path)?.toString('utf8');
}

export function listDir(fs: StaticFs, path: string): string[] {
  const real = resolvePath(fs, path);
  return (real !== undefined ? fs.readdir(real) : undefined) ?? [];
}

export function isDir(fs: StaticFs, path: string): boolean {
  const real = resolvePath(fs, path);
  return real !== undefined && fs.lstat(real)?.type === 'dir';
}

export function exists(fs: StaticFs, path: string): boolean {
  return resolvePath(fs, path) !== undefined;
}

/** A directory on this machine as the root: links are resolved by resolvePath, never by the OS. */
export function directoryFs(root: string): StaticFs {
  const at = (p: string) => join(root, p);
  return {
    lstat(p) {
      try {
        const st = lstatSync(at(p));
        if (st.isSymbolicLink()) return { type: 'symlink', link: readlinkSync(at(p)), size: 0 };
        return { type: st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other', size: st.size };
      } catch {
        return undefined;
      }
    },
    readdir(p) {
      try {
        return readdirSync(at(p)).sort();
      } catch {
        return undefined;
      }
    },
    readRaw(p) {
      try {
        const st = lstatSync(at(p));
        return st.isFile() ? readFileSync(at(p)) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

interface MemNode {
  type: NodeType;
  link?: string;
  size: number;
  data?: Buffer;
}

/** Which files keep their bytes: those a facet reads (see static/sections.ts). */
export type KeepContent = (path: string, size: number) => boolean;

/** The layers of an image applied in order, in memory; only the kept files' bytes are held. */
export class LayeredFs implements StaticFs {
  private readonly nodes = new Map<string, MemNode>([['/', { type: 'dir', size: 0 }]]);
  private children?: Map<string, string[]>;

  constructor(private readonly keep: KeepContent) {}

  /** Applies one layer (a tar stream, gzip-compressed or not: told from its first bytes). */
  async applyLayer(tarStream: Readable): Promise<void> {
    const { extract } = await import('tar-stream');
    const ex = extract();
    const source = await maybeGunzip(tarStream);
    source.pipe(ex);
    const added: [string, MemNode][] = [];
    const whiteouts: string[] = [];
    const opaque: string[] = [];
    const hardlinks: [string, string][] = [];
    for await (const entry of ex) {
      const h = entry.header;
      const path = normalizeEntry(h.name);
      const base = posix.basename(path);
      const dir = posix.dirname(path);
      if (base === '.wh..wh..opq') {
        opaque.push(dir);
        entry.resume();
        continue;
      }
      if (base.startsWith('.wh.')) {
        whiteouts.push(posix.join(dir, base.slice(4)));
        entry.resume();
        continue;
      }
      const size = h.size ?? 0;
      if (h.type === 'file' || h.type === 'contiguous-file') {
        const node: MemNode = { type: 'file', size };
        if (this.keep(path, size)) {
          const chunks: Buffer[] = [];
          for await (const chunk of entry) chunks.push(chunk as Buffer);
          node.data = Buffer.concat(chunks);
        } else entry.resume();
        added.push([path, node]);
        continue;
      }
      entry.resume();
      if (h.type === 'directory') added.push([path, { type: 'dir', size: 0 }]);
      else if (h.type === 'symlink') added.push([path, { type: 'symlink', link: h.linkname ?? '', size: 0 }]);
      else if (h.type === 'link') hardlinks.push([path, normalizeEntry(h.linkname ?? '')]);
      else added.push([path, { type: 'other', size: 0 }]);
    }
    for (const dir of opaque) this.removeBelow(dir, false);
    for (const path of whiteouts) this.removeBelow(path, true);
    for (const [path, node] of added) {
      // A directory entry over an existing directory keeps what the lower layers put in it.
      if (node.type === 'dir' && this.nodes.get(path)?.type === 'dir') continue;
      if (node.type !== 'dir' && this.nodes.get(path)?.type === 'dir') this.removeBelow(path, false);
      this.ensureParents(path);
      this.nodes.set(path, node);
    }
    // A hard link is the same file as its target in this layer (or a lower one).
    for (const [path, target] of hardlinks) {
      const t = this.nodes.get(target);
      if (!t) continue;
      this.ensureParents(path);
      this.nodes.set(path, t.type === 'file' && !t.data && this.keep(path, t.size) ? { ...t } : t);
    }
    this.children = undefined;
  }

  private ensureParents(path: string): void {
    for (let d = posix.dirname(path); d !== '/' && !this.nodes.has(d); d = posix.dirname(d)) this.nodes.set(d, { type: 'dir', size: 0 });
  }

  /** Removes everything under PATH, and PATH itself when `self`. */
  private removeBelow(path: string, self: boolean): void {
    const wasDir = this.nodes.get(path)?.type === 'dir';
    if (self) this.nodes.delete(path);
    if (!wasDir) return;
    const prefix = path === '/' ? '/' : path + '/';
    for (const key of this.nodes.keys()) if (key.startsWith(prefix) && key !== '/') this.nodes.delete(key);
  }

  lstat(path: string) {
    const n = this.nodes.get(path === '' ? '/' : path);
    return n ? { type: n.type, ...(n.link !== undefined ? { link: n.link } : {}), size: n.size } : undefined;
  }

  readdir(path: string): string[] | undefined {
    if (this.nodes.get(path)?.type !== 'dir') return undefined;
    if (!this.children) {
      const c = new Map<string, string[]>();
      for (const key of this.nodes.keys()) {
        if (key === '/') continue;
        const d = posix.dirname(key);
        const list = c.get(d);
        if (list) list.push(posix.basename(key));
        else c.set(d, [posix.basename(key)]);
      }
      for (const list of c.values()) list.sort();
      this.children = c;
    }
    return this.children.get(path) ?? [];
  }

  readRaw(path: string): Buffer | undefined {
    return this.nodes.get(path)?.data;
  }
}

/** `./usr/bin/` → `/usr/bin`. */
function normalizeEntry(name: string): string {
  const p = posix.normalize('/' + name.replace(/^\.\//, ''));
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** Layers are tar or tar+gzip (the media type says which, but the magic bytes are what counts). */
async function maybeGunzip(stream: Readable): Promise<Readable> {
  const first: Buffer | null = await new Promise((resolve, reject) => {
    const onReadable = () => {
      cleanup();
      resolve(stream.read(2) as Buffer | null);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
  if (first) stream.unshift(first);
  if (first && first[0] === 0x1f && first[1] === 0x8b) return stream.pipe(createGunzip());
  if (first && first[0] === 0x28 && first[1] === 0xb5) throw new Error('a zstd-compressed layer (envdiff reads tar and tar+gzip layers)');
  return stream;
}
