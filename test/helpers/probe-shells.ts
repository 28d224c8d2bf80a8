// Runs real probes the way a target does: the bundle from buildProbeBundle() on stdin of a real
// POSIX shell (dash, busybox sh), output split into sections. Shared by the python, r, jvm,
// system and env facet tests.
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProbeBundle, type BundleOptions } from '../../src/capture/probe-bundle.js';
import { runProcess } from '../../src/core/run-process.js';
import { splitProbeOutput, type ProbeSection } from '../../src/core/sections.js';

// Absolute paths: tests run probes with a PATH that lacks the tool under test.
const which = (name: string) => ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => join(d, name)).find((f) => existsSync(f)) ?? name;

export const SHELLS = [
  { name: 'dash', file: which('dash'), args: ['-s'] },
  { name: 'busybox sh', file: which('busybox'), args: ['sh', '-s'] },
] as const;

let toolsDir: string | undefined;
/**
 * A PATH holding only what the bundle itself needs (busybox applets: mktemp, cat, tail, sleep,
 * kill, rm, mkdir, sed, sort, od, tr, grep, env, readlink, dirname, timeout), so that a probe
 * sees a machine without python, R, java or a package manager.
 */
export function toolsOnlyPath(): string {
  if (!toolsDir) {
    toolsDir = mkdtempSync(join(tmpdir(), 'envdiff-tools-'));
    for (const t of [
      'mktemp',
      'cat',
      'tail',
      'sleep',
      'kill',
      'rm',
      'mkdir',
      'sed',
      'sort',
      'od',
      'tr',
      'grep',
      'env',
      'readlink',
      'dirname',
      'timeout',
      'head',
      'basename',
    ]) {
      symlinkSync(which('busybox'), join(toolsDir, t));
    }
  }
  return toolsDir;
}

export type Shell = (typeof SHELLS)[number];

export async function runProbe(
  id: string,
  shell: Shell,
  opts: { env?: NodeJS.ProcessEnv; bundle?: BundleOptions; timeoutMs?: number; cwd?: string } = {},
): Promise<{ section: ProbeSection; home: string; raw: string }> {
  const script = buildProbeBundle({ ...opts.bundle, only: [id] });
  const r = await runProcess(shell.file, [...shell.args], {
    input: script,
    env: opts.env ?? process.env,
    timeoutMs: opts.timeoutMs ?? 60_000,
    cwd: opts.cwd,
  });
  if (r.exitCode !== 0) throw new Error(`${shell.name} exited ${r.exitCode}: ${r.stderr}`);
  const sections = splitProbeOutput(r.stdout);
  const section = sections.get(id);
  if (!section) throw new Error(`no ${id} section in:\n${r.stdout.slice(0, 2000)}`);
  const home = /^home=(.*)$/m.exec(sections.get('meta')?.text ?? '')?.[1] ?? '';
  return { section, home, raw: r.stdout };
}

/** A section as a parser gets it, for fixtures and inline strings. */
export function sectionOf(id: string, text: string, exitCode = 0, stderr = ''): ProbeSection {
  return { id, exitCode, text, stderr };
}
