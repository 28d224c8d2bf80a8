// Static targets: an image is read, never run — so distroless and scratch-based images without a
// shell can be captured, and so can the image archives CI keeps instead of a running engine.
//   image:NAME           the engine's local store: `podman image mount` (the layers as the engine
//                        already unpacked them), or `docker save` into a temporary docker-archive
//   docker-archive:PATH  `docker save` / `podman save` output
//   oci-archive:PATH     an OCI image layout in a tar (`podman save --format oci-archive`)
//   oci:DIR[:REF]        an OCI image layout directory (skopeo's transport names, containers-transports(5))
//   rootfs:DIR           an unpacked root file system
// The facets' own parsers read what static/sections.ts writes from the files; kernel, cpu and the
// GPU (its driver and devices) belong to a running machine and are `absent` with that reason.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { arch as hostArch, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EnvdiffError } from '../../core/errors.js';
import { runProcess } from '../../core/run-process.js';
import type { ProbeSection } from '../../core/sections.js';
import { resolveEngine, type Engine } from './engine.js';
import { firstLine } from './stderr-lines.js';
import { checkPart, requireRest, shown } from './syntax.js';
import type { TargetDef, Transport } from './types.js';
import { ArchiveError, openImage, type ArchiveKind, type ImageConfig } from './static/archive.js';
import {
  envMap,
  envSection,
  jvmSection,
  keepForStaticCapture,
  osSection,
  pythonSection,
  rootfsArch,
  rSection,
  systemSection,
  unameMachine,
} from './static/sections.js';
import { directoryFs, LayeredFs, type StaticFs } from './static/tree.js';

/** What a static target gives the capture instead of the probe bundle's output. */
export interface StaticRead {
  sections: Map<string, ProbeSection>;
  /** Facets a static capture cannot see, with the reason. */
  absent: Record<string, string>;
  home: string;
}

const RUNNING_MACHINE = 'a static capture reads files and runs nothing; this facet needs a running machine';
const ABSENT: Record<string, string> = {
  kernel: `${RUNNING_MACHINE} (the kernel is the host's, not the image's)`,
  cpu: `${RUNNING_MACHINE} (the CPU is the host's, not the image's)`,
  gpu: `${RUNNING_MACHINE} (the GPU driver and devices are the host's)`,
};

function sectionsFrom(fs: StaticFs, config: ImageConfig | undefined): StaticRead {
  const env = envMap(config?.env ?? []);
  const ctx = { fs, env, arch: unameMachine(config?.architecture) ?? rootfsArch(fs) };
  const texts: Record<string, string> = {
    os: osSection(ctx),
    system: systemSection(ctx),
    python: pythonSection(ctx),
    r: rSection(ctx),
    jvm: jvmSection(ctx),
    env: envSection(ctx),
  };
  const sections = new Map<string, ProbeSection>();
  for (const [id, text] of Object.entries(texts)) sections.set(id, { id, exitCode: 0, text, stderr: '' });
  return { sections, absent: ABSENT, home: env.get('HOME') ?? '/root' };
}

/** GOARCH of this machine, to pick an image of a multi-platform index. */
const HOST_GOARCH = hostArch() === 'x64' ? 'amd64' : hostArch() === 'ia32' ? '386' : hostArch();

async function readArchive(kind: ArchiveKind, path: string, ref: string | undefined, spec: string): Promise<StaticRead> {
  let opened;
  try {
    opened = openImage(kind, path, ref, HOST_GOARCH);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EnvdiffError(`cannot capture ${shown(spec)}: ${shown(path)} does not exist`, 'check the path');
    if (code === 'EISDIR')
      throw new EnvdiffError(
        `cannot capture ${shown(spec)}: ${shown(path)} is a directory`,
        `a directory is oci:${shown(path)} or rootfs:${shown(path)}`,
      );
    if (e instanceof ArchiveError) {
      throw new EnvdiffError(`cannot capture ${shown(spec)}: not a ${kind} image: ${e.message}`, hintFor(kind));
    }
    throw new EnvdiffError(`cannot capture ${shown(spec)}: ${(e as Error).message}`, hintFor(kind));
  }
  const fs = new LayeredFs(keepForStaticCapture);
  for (const [i, layer] of opened.layers.entries()) {
    try {
      await fs.applyLayer(layer());
    } catch (e) {
      throw new EnvdiffError(
        `cannot capture ${shown(spec)}: layer ${i + 1} of ${opened.layers.length} cannot be read: ${(e as Error).message}`,
        hintFor(kind),
      );
    }
  }
  return sectionsFrom(fs, opened.config);
}

function hintFor(kind: ArchiveKind): string {
  if (kind === 'docker-archive') return 'write one with `docker save -o FILE IMAGE` or `podman save -o FILE IMAGE`';
  if (kind === 'oci-archive') return 'write one with `podman save --format oci-archive -o FILE IMAGE`';
  return 'write one with `skopeo copy containers-storage:IMAGE oci:DIR`';
}

function readRootfs(dir: string, spec: string): StaticRead {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new EnvdiffError(
      `cannot capture ${shown(spec)}: ${shown(dir)} does not exist`,
      'name an unpacked root file system (a directory holding etc/, usr/ …)',
    );
  }
  if (!st.isDirectory())
    throw new EnvdiffError(
      `cannot capture ${shown(spec)}: ${shown(dir)} is not a directory`,
      'an image archive is docker-archive:PATH or oci-archive:PATH',
    );
  return sectionsFrom(directoryFs(dir), undefined);
}

/** image:NAME through the engine, which only unpacks or exports what it already stores: nothing runs. */
async function readEngineImage(engine: Engine, image: string, spec: string): Promise<StaticRead> {
  const fail = (what: string, stderr: string) =>
    new EnvdiffError(
      /image not known|No such image|not found/i.test(stderr)
        ? `cannot capture ${shown(spec)}: the image is not present locally`
        : `cannot capture ${shown(spec)}: ${engine} ${what} failed: ${shown(firstLine(stderr))}`,
      /image not known|No such image|not found/i.test(stderr)
        ? `pull or build it first (${engine} pull ${image})`
        : `check that '${engine} ${what} ${image}' works`,
    );
  const inspect = await runProcess(engine, ['image', 'inspect', image], { timeoutMs: 60_000 });
  if (inspect.exitCode !== 0) throw fail('image inspect', inspect.stderr);
  let config: ImageConfig = { env: [] };
  try {
    // docker and podman both print a JSON array of one object per image named.
    const list = JSON.parse(inspect.stdout) as { Architecture?: string; Os?: string; Config?: { Env?: string[] } }[];
    const j = list[0] ?? {};
    config = { env: j.Config?.Env ?? [], ...(j.Architecture ? { architecture: j.Architecture } : {}), ...(j.Os ? { os: j.Os } : {}) };
  } catch {
    throw new EnvdiffError(
      `cannot capture ${shown(spec)}: ${engine} image inspect printed no JSON`,
      `check that '${engine} image inspect ${image}' works`,
    );
  }
  if (engine === 'podman') {
    const mount = await runProcess('podman', ['image', 'mount', image], { timeoutMs: 300_000 });
    if (mount.exitCode === 0 && mount.stdout.trim()) {
      const dir = mount.stdout.trim();
      try {
        const read = sectionsFrom(directoryFs(dir), config);
        return read;
      } finally {
        await runProcess('podman', ['image', 'unmount', image], { timeoutMs: 60_000 });
      }
    }
    // Rootless podman mounts only inside `podman unshare`: export the image instead.
  }
  const tmp = mkdtempSync(join(tmpdir(), 'envdiff-image-'));
  try {
    const file = join(tmp, 'image.tar');
    const save = await runProcess(engine, ['save', '-o', file, image], { timeoutMs: 1_800_000 });
    if (save.exitCode !== 0) throw fail('save', save.stderr);
    const read = await readArchive('docker-archive', file, undefined, spec);
    return read;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function staticTransport(kind: string, ref: string, read: () => Promise<StaticRead>): Transport {
  return {
    kind,
    ref,
    // Never run: captureFingerprint reads `static` instead of starting a process.
    command: { file: '', args: [] },
    static: read,
    explainFailure: () => ({ message: `cannot capture ${kind}:${ref}`, hint: 'check the image' }),
  };
}

const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;

export const staticTarget: TargetDef = {
  order: 60,
  prefixes: ['image', 'docker-archive', 'oci-archive', 'oci', 'rootfs'],
  kinds: ['image', 'docker-archive', 'oci-archive', 'oci', 'rootfs'],
  syntax: ['image:NAME', 'docker-archive:PATH', 'oci-archive:PATH', 'oci:DIR[:REF]', 'rootfs:DIR'],
  parse(t) {
    const rest = requireRest(t, t.prefix === 'image' ? 'NAME' : t.prefix === 'oci' || t.prefix === 'rootfs' ? 'DIR' : 'PATH');
    if (t.prefix === 'image') {
      checkPart(t, 'image name', rest, IMAGE_REF, 'letters, digits and . _ - / : @, starting with a letter or digit');
      const engine = resolveEngine(t.opts.engine, t.env);
      return staticTransport('image', rest, () => readEngineImage(engine, rest, t.spec));
    }
    if (t.prefix === 'rootfs')
      return staticTransport('rootfs', rest, () => Promise.resolve().then(() => readRootfs(resolve(rest), t.spec)));
    if (t.prefix === 'oci') {
      // oci:DIR:REF as skopeo writes it; a DIR with ':' in its name is taken whole when it exists.
      const i = rest.lastIndexOf(':');
      const [dir, ref] = i > 0 && !existsDir(rest) ? [rest.slice(0, i), rest.slice(i + 1)] : [rest, undefined];
      return staticTransport('oci', rest, () => readArchive('oci', resolve(dir), ref, t.spec));
    }
    const kind = t.prefix as ArchiveKind;
    return staticTransport(kind, rest, () => readArchive(kind, resolve(rest), undefined, t.spec));
  },
};

function existsDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
