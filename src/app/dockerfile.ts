// `envdiff dockerfile FINGERPRINT`: write the pinned Dockerfile (and the files it COPYs) beside
// each other, atomically; or with --verify IMAGE, capture inside IMAGE and compare it with the
// fingerprint (the closed loop of the README's "Dockerfile" section: no error finding means reproduced).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EnvdiffError } from '../core/errors.js';
import { checkOutputPath, writeFilesAtomic } from '../core/write-file-atomic.js';
import type { Finding } from '../core/findings.js';
import { printable } from '../core/text.js';
import { generateDockerfile } from '../dockerfile/generate.js';
import type { Fingerprint } from '../facets/index.js';
import type { DockerfileOptions, GeneratedDockerfile } from '../facets/shared/dockerfile-part.js';
import { loadFingerprint } from './load-fingerprint.js';

export interface DockerfileCommandOptions {
  fingerprintPath: string;
  /** `-o FILE`: the Dockerfile; side files go beside it. Without it the Dockerfile goes to stdout and side files to `cwd`. */
  outPath?: string;
  base?: string;
  platform?: string;
  pipIndexUrl?: string;
  pipExtraIndexUrls?: string[];
  /** URLs, or folders inside the build context (the Dockerfile's folder), as the user wrote them (relative to cwd). */
  pipFindLinks?: string[];
  pipNoIndex?: boolean;
  /** `--apt-snapshot auto|off|YYYYMMDDTHHMMSSZ` (default auto). */
  aptSnapshot?: string;
  /** `--apt-mirror URL`: the distro archive from this mirror. */
  aptMirror?: string;
  /** `--apt-mirror-key FILE`: the mirror's keyring, as the user wrote it (relative to cwd), inside the build context. */
  aptMirrorKey?: string;
  /** `--verify IMAGE`: capture inside IMAGE and compare with the fingerprint instead of generating. */
  verifyImage?: string;
  engine?: 'docker' | 'podman';
  timeoutSec?: number;
  color?: boolean;
  cwd?: string;
}

export interface DockerfileCommandResult {
  output?: string;
  /** Absolute paths written. */
  files: string[];
  messages?: string[];
  exitCode: 0 | 1;
  /** With --verify: the comparison, fingerprint as baseline and the image as target. */
  findings?: Finding[];
  /** With --verify: the findings that are not about something the Dockerfile leaves out. */
  differs?: Finding[];
}

export async function runDockerfile(opts: DockerfileCommandOptions): Promise<DockerfileCommandResult> {
  const fp = await loadFingerprint(opts.fingerprintPath);
  const cwd = resolve(opts.cwd ?? process.cwd());
  const outPath = opts.outPath ? resolve(cwd, opts.outPath) : undefined;
  const contextDir = outPath ? dirname(outPath) : cwd;
  if (opts.verifyImage) return verifyImage(fp, opts, generatorOptions(opts, cwd, contextDir));
  // Checked before anything is written: side files must not appear without their Dockerfile.
  if (outPath && isDirectory(outPath)) {
    throw new EnvdiffError(`-o ${opts.outPath} is a directory`, `name the file: -o ${join(opts.outPath!, 'Dockerfile')}`);
  }
  const gen = generateDockerfile(fp, generatorOptions(opts, cwd, contextDir));
  const messages: string[] = [];
  const outputs = [
    // Side files first in the list: a Dockerfile never appears without the files it COPYs.
    ...gen.files.map((f) => ({ path: join(contextDir, f.path), content: f.content })),
    ...(outPath ? [{ path: outPath, content: gen.dockerfile }] : []),
  ];
  const inputs = opts.fingerprintPath === '-' ? [] : [resolve(cwd, opts.fingerprintPath)];
  for (const o of outputs) checkOutputPath(o.path, inputs, o.path === outPath ? '-o' : 'the side file');
  try {
    if (outputs.length > 0) mkdirSync(contextDir, { recursive: true });
    // All of them or none: a failed Dockerfile write leaves no requirements file behind.
    writeFilesAtomic(outputs);
  } catch (err) {
    throw new EnvdiffError(
      `cannot write ${outputs[0]!.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      `check that the directory is writable and has space (nothing was written: ${outputs.length} files, all or none)`,
    );
  }
  const written = outputs.map((o) => o.path);
  if (!outPath && gen.files.length > 0) {
    messages.push(`envdiff: wrote ${gen.files.map((f) => f.path).join(', ')} in ${contextDir} (the build context for this Dockerfile)`);
  }
  messages.push(summaryLine(gen));
  if (gen.omissions.length > 0) {
    messages.push(
      `envdiff: left out of the image (see the comments in the Dockerfile): ${gen.omissions.map((o) => `${o.facet}:${printable(o.subject)}`).join(', ')}`,
    );
  }
  const missing = gen.contextFiles.filter((f) => !existsSync(join(contextDir, f)));
  if (missing.length > 0) {
    messages.push(
      `envdiff: the build needs ${missing.join(', ')} in ${contextDir}: copy the keyrings the source's apt sources name (see the Dockerfile)`,
    );
  }
  if (outPath) return { files: written, messages, exitCode: 0 };
  return { output: gen.dockerfile, files: written, messages, exitCode: 0 };
}

function generatorOptions(opts: DockerfileCommandOptions, cwd: string, contextDir: string): DockerfileOptions {
  return {
    base: opts.base,
    platform: opts.platform,
    pipIndexUrl: opts.pipIndexUrl,
    pipExtraIndexUrls: opts.pipExtraIndexUrls,
    pipFindLinks: (opts.pipFindLinks ?? []).map((l) => findLinkInContext(l, cwd, contextDir)),
    pipNoIndex: opts.pipNoIndex,
    aptSnapshot: opts.aptSnapshot,
    aptMirror: opts.aptMirror,
    aptMirrorKey: opts.aptMirrorKey !== undefined ? fileInContext('--apt-mirror-key', opts.aptMirrorKey, cwd, contextDir) : undefined,
  };
}

/**
 * The one summary: `envdiff: kept 85 apt / 103 Python / 0 R packages, left out 20 (15 offered by
 * no apt source, 3 editable or local, …)`, reasons by how many they leave out.
 */
export function summaryLine(gen: Pick<GeneratedDockerfile, 'kept' | 'omissions'>): string {
  const groups = new Map<string, number>();
  for (const o of gen.omissions) {
    const g = o.group ?? o.why;
    groups.set(g, (groups.get(g) ?? 0) + 1);
  }
  const reasons = [...groups]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([g, n]) => `${n} ${printable(g)}`)
    .join(', ');
  const { apt, python, r } = gen.kept;
  return `envdiff: kept ${apt} apt / ${python} Python / ${r} R packages, left out ${gen.omissions.length}${reasons ? ` (${reasons})` : ''}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A file the user names (relative to cwd) as a path inside the build context, with `/` separators. */
function fileInContext(flag: string, path: string, cwd: string, contextDir: string): string {
  const abs = isAbsolute(path) ? path : resolve(cwd, path);
  const rel = relative(contextDir, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new EnvdiffError(
      `${flag} ${path} is outside the build context ${contextDir}`,
      'put the file beside the Dockerfile: the build can only COPY from there',
    );
  }
  if (!existsSync(abs))
    throw new EnvdiffError(`${flag} ${path}: no such file`, 'give the keyring file (gpg --export KEYID > FILE) inside the build context');
  return rel.split(sep).join('/');
}

/** A find-links folder as a path relative to the build context, with `/` separators; URLs unchanged. */
function findLinkInContext(link: string, cwd: string, contextDir: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(link)) return link;
  const abs = isAbsolute(link) ? link : resolve(cwd, link);
  const rel = relative(contextDir, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new EnvdiffError(
      `--pip-find-links ${link} is outside the build context ${contextDir}`,
      'put the wheel folder beside the Dockerfile (the build can only COPY from there), or give an https:// URL',
    );
  }
  return rel.split(sep).join('/');
}

async function verifyImage(fp: Fingerprint, opts: DockerfileCommandOptions, genOpts: DockerfileOptions): Promise<DockerfileCommandResult> {
  // What the Dockerfile of these options keeps and leaves out: the image is judged on what it keeps.
  const gen = generateDockerfile(fp, genOpts);
  const leftOut = new Set(gen.omissions.map((o) => `${o.facet}\u0000${o.subject}`));
  const engine = opts.engine ?? 'podman';
  const [{ parseTarget }, { captureFingerprint }, { compareFingerprints }, { buildReport, exitCodeFor, renderForStdout }, { runProcess }] =
    await Promise.all([
      import('../capture/targets/parse-target.js'),
      import('../capture/capture.js'),
      import('../compare/engine.js'),
      import('./findings-report.js'),
      import('../core/run-process.js'),
    ]);
  const messages: string[] = [];
  // First: refuses an image name that is not one (a leading '-' would be read as an option) and an
  // engine that is not installed, before anything runs.
  const transport = parseTarget(`${engine}:${opts.verifyImage}`);
  // The label says which fingerprint the image was generated from; a mismatch is worth a line.
  const { fingerprintDigest } = await import('../dockerfile/digest.js');
  const inspect = await runProcess(
    engine,
    ['image', 'inspect', '--format', '{{ index .Config.Labels "io.envdiff.fingerprint.digest" }}', opts.verifyImage!],
    { timeoutMs: 60_000 },
  );
  const label = inspect.exitCode === 0 ? inspect.stdout.trim() : '';
  const digest = fingerprintDigest(fp);
  if (label && label !== '<no value>' && label !== digest) {
    messages.push(`envdiff: ${opts.verifyImage} was generated from another fingerprint (${label}), not ${digest}`);
  }
  const image = await captureFingerprint({
    transport,
    label: `${engine}:${opts.verifyImage}`,
    timeoutMs: opts.timeoutSec !== undefined ? opts.timeoutSec * 1000 : undefined,
  });
  const findings = compareFingerprints(fp, image);
  const report = buildReport(fp.label, image.label, findings);
  const output = await renderForStdout('table', report, { failOn: 'error', color: opts.color, targetPath: opts.fingerprintPath });
  // Findings about what the Dockerfile leaves out are expected; the rest is what differs.
  const planned = (f: Finding) => leftOut.has(`${f.facet}\u0000${f.subject}`);
  const differs = findings.filter((f) => !planned(f));
  const errors = differs.filter((f) => f.severity === 'error').length;
  messages.push(summaryLine(gen));
  messages.push(
    `envdiff: verify ${printable(opts.verifyImage!)}: ${differs.length} finding(s) on what was kept (${errors} error), ${findings.length - differs.length} on what was left out`,
  );
  return { output, files: [], messages, exitCode: exitCodeFor(differs, 'error'), findings, differs };
}
