// capture: run the probe bundle on a target in one round trip, parse each section with its
// facet's pure parser, and assemble a schema-valid fingerprint. Problems with one facet become
// that facet's status/reason; only a target that cannot be reached at all is an EnvdiffError.
import type { SchemaProblem } from '../core/fingerprint-schema.js';
import { EnvdiffError } from '../core/errors.js';
import { runProcess } from '../core/run-process.js';
import { printable } from '../core/text.js';
import { splitProbeOutput, type ProbeSection } from '../core/sections.js';
import type { FacetBase, FacetId, FacetParser, Facets, Fingerprint, ParseContext } from '../facets/index.js';
import type { LockfilesFacet } from '../facets/lockfiles/types.js';
import type { Transport } from './targets/types.js';
import { buildProbeBundle, PROBE_DONE_LINE, PROBE_IDS } from './probe-bundle.js';
import { TOOL_VERSION } from '../core/version.js';

export interface CaptureOptions {
  transport: Transport;
  label?: string;
  /** `--python PATH`: the interpreter whose packages are captured. */
  python?: string;
  /** Whole-run limit; a target that hangs past it is cut off. */
  timeoutMs?: number;
  /** Per-probe limit inside the bundle. */
  probeTimeoutSec?: number;
  /** The lockfiles facet, captured on this machine by the caller (lockfiles live in the project). */
  lockfiles?: LockfilesFacet | Promise<LockfilesFacet | undefined>;
  /** Probe sources replacing probes/<id>.sh (tests: failing, hanging, flooding probes). */
  probeOverrides?: Partial<Record<string, string>>;
  /** Injected clock, so that tests can check that two captures differ only here. */
  now?: () => Date;
  /** Told as the capture goes: which probes run, when each ends, how long parsing took. */
  onProgress?: (event: CaptureEvent) => void;
}

/** What a capture reports while it runs; `ms` counts from the start of the capture. */
export type CaptureEvent =
  | { kind: 'started'; target: string; probes: readonly string[] }
  | { kind: 'probe-done'; id: string; ms: number; exitCode: number }
  | { kind: 'facet-parsed'; id: string; ms: number; parseMs: number; status: FacetBase['status'] };

const DEFAULT_LOCAL_TIMEOUT_MS = 120_000;

export async function captureFingerprint(opts: CaptureOptions): Promise<Fingerprint> {
  const { transport } = opts;
  const probeTimeoutSec = opts.probeTimeoutSec ?? 30;
  const script = buildProbeBundle({ python: opts.python, probeTimeoutSec, overrides: opts.probeOverrides });
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOCAL_TIMEOUT_MS;
  const started = performance.now();
  const onProgress = opts.onProgress;
  onProgress?.({ kind: 'started', target: describe(transport), probes: PROBE_IDS });
  if (transport.static) return captureStatic(opts, transport.static, started);
  const running = runProcess(transport.command.file, transport.command.args, {
    input: script,
    timeoutMs,
    ...(onProgress
      ? { onStderr: probeDoneReader((id, exitCode) => onProgress({ kind: 'probe-done', id, exitCode, ms: performance.now() - started })) }
      : {}),
  });
  // Load the parsers and the schema validator while the probes run: start-up time is in the
  // capture's speed budget, and these imports are most of Node's share of it.
  const { parsers, checkFingerprint } = await loadAssembleTools();
  const result = await running;

  if (result.spawnError) {
    const code = result.spawnError.code;
    throw new EnvdiffError(
      code === 'ENOENT'
        ? `cannot capture ${describe(transport)}: '${transport.command.file}' is not installed or not on PATH`
        : `cannot capture ${describe(transport)}: ${result.spawnError.message}`,
      code === 'ENOENT' ? `install ${transport.command.file}, or choose another target` : 'check the target and try again',
    );
  }
  if (result.timedOut) {
    throw new EnvdiffError(
      `capturing ${describe(transport)} did not finish within ${Math.round(timeoutMs / 1000)} s`,
      'the target hangs or is very slow; raise --timeout or check the target',
    );
  }
  return assembleFingerprint(transport, result, { ...opts, probeTimeoutSec }, { parsers, checkFingerprint, started });
}

/** What assembleFingerprint needs that a caller loads once (the parsers, the schema check). */
export interface AssembleTools {
  parsers: ReadonlyMap<string, FacetParser>;
  checkFingerprint: (data: unknown) => SchemaProblem[];
  started?: number;
}

/** Loads the facets' parsers and the schema check: once per process, however many targets. */
export async function loadAssembleTools(): Promise<AssembleTools> {
  const [{ FACETS }, { checkFingerprint }] = await Promise.all([import('../facets/index.js'), import('../core/fingerprint-schema.js')]);
  const parsers = new Map<string, FacetParser>(
    await Promise.all(FACETS.flatMap((f) => (f.parser ? [f.parser().then((p) => [f.id, p as FacetParser] as const)] : []))),
  );
  return { parsers, checkFingerprint };
}

/**
 * One target's bundle output (stdout with the sections, stderr, exit code) → its fingerprint. A
 * fan-out target (slurm: one srun, one output per node) calls this once per node.
 */
export async function assembleFingerprint(
  transport: Pick<Transport, 'kind' | 'ref' | 'explainFailure'>,
  result: { stdout: string; stderr: string; exitCode: number | null },
  opts: Pick<CaptureOptions, 'label' | 'lockfiles' | 'now' | 'onProgress' | 'probeTimeoutSec'>,
  tools: AssembleTools,
): Promise<Fingerprint> {
  const { FACETS } = await import('../facets/index.js');
  const { parsers, checkFingerprint } = tools;
  const started = tools.started ?? performance.now();
  const onProgress = opts.onProgress;
  const probeTimeoutSec = opts.probeTimeoutSec ?? 30;
  const sections = splitProbeOutput(result.stdout);
  if (!sections.has('meta')) {
    const why = transport.explainFailure(result.exitCode, withoutProgressLines(result.stderr));
    throw new EnvdiffError(why.message, why.hint);
  }
  const ctx: ParseContext = { home: parseMeta(sections.get('meta')!).home };

  const facets: Partial<Record<FacetId, FacetBase>> = {};
  for (const facet of FACETS) {
    if (facet.id === 'lockfiles') {
      facets.lockfiles = (await opts.lockfiles) ?? { status: 'absent', reason: 'no lockfile found or given' };
      continue;
    }
    const t0 = performance.now();
    const parsed = parseSection(facet.id, parsers.get(facet.id), sections.get(facet.id), probeTimeoutSec, ctx);
    facets[facet.id] = parsed;
    const now = performance.now();
    onProgress?.({ kind: 'facet-parsed', id: facet.id, ms: now - started, parseMs: now - t0, status: parsed.status });
  }

  return finishFingerprint(transport, facets, opts, checkFingerprint);
}

/** A static target: the facets' parsers read what the image's files say; nothing runs. */
async function captureStatic(opts: CaptureOptions, read: NonNullable<Transport['static']>, started: number): Promise<Fingerprint> {
  const { transport, onProgress } = opts;
  const [{ FACETS }, { checkFingerprint }, got] = await Promise.all([
    import('../facets/index.js'),
    import('../core/fingerprint-schema.js'),
    read(),
  ]);
  const ctx: ParseContext = got.home && got.home !== '/' ? { home: got.home } : {};
  const facets: Partial<Record<FacetId, FacetBase>> = {};
  for (const facet of FACETS) {
    if (facet.id === 'lockfiles') {
      facets.lockfiles = (await opts.lockfiles) ?? { status: 'absent', reason: 'no lockfile found or given' };
      continue;
    }
    const t0 = performance.now();
    const absent = got.absent[facet.id];
    const parsed: FacetBase = absent
      ? { status: 'absent', reason: absent }
      : parseSection(facet.id, facet.parser ? await facet.parser() : undefined, got.sections.get(facet.id), 0, ctx);
    facets[facet.id] = parsed;
    const now = performance.now();
    onProgress?.({ kind: 'facet-parsed', id: facet.id, ms: now - started, parseMs: now - t0, status: parsed.status });
  }
  return finishFingerprint(transport, facets, opts, checkFingerprint);
}

/** The facets, with what a fingerprint says of itself (tool, time, label, target), checked against the schema. */
function finishFingerprint(
  transport: Pick<Transport, 'kind' | 'ref'>,
  facets: Partial<Record<FacetId, FacetBase>>,
  opts: Pick<CaptureOptions, 'label' | 'now'>,
  checkFingerprint: (data: unknown) => SchemaProblem[],
): Fingerprint {
  const fingerprint: Fingerprint = {
    schemaVersion: 1,
    tool: { name: 'envdiff', version: TOOL_VERSION },
    capturedAt: (opts.now ?? (() => new Date()))().toISOString(),
    label: opts.label ?? defaultLabel(transport),
    target: { kind: transport.kind, ref: transport.ref },
    facets: facets as unknown as Facets,
  };
  return enforceSchema(fingerprint, checkFingerprint);
}

/**
 * Every fingerprint envdiff writes validates. A facet whose parsed value breaks the schema
 * (a parser bug, or a target that printed something unforeseen) is demoted to status "error"
 * with the schema's complaint, so the rest of the capture is still written.
 */
function enforceSchema(fp: Fingerprint, checkFingerprint: (data: unknown) => SchemaProblem[]): Fingerprint {
  const problems = checkFingerprint(fp);
  if (problems.length === 0) return fp;
  const facets = fp.facets as unknown as Record<string, FacetBase>;
  for (const p of problems) {
    const id = /^\/facets\/([a-z]+)/.exec(p.path)?.[1];
    // The label and the target name come from the command line: a limit they break is bad input.
    if (p.path === '/label' || p.path.startsWith('/target')) {
      throw new EnvdiffError(
        `cannot capture: the fingerprint's ${p.path.slice(1)} ${p.message} (${printable(String(p.path === '/label' ? fp.label : fp.target.ref).slice(0, 60))}…)`,
        'give a shorter --label or target name',
      );
    }
    if (!id || !facets[id]) {
      throw new EnvdiffError(`internal error: the fingerprint does not match its schema at ${p.path}: ${p.message}`, 'please report this');
    }
    if (facets[id].status === 'error' && Object.keys(facets[id]).length === 2) continue;
    facets[id] = { status: 'error', reason: `the ${id} facet did not match the schema at ${p.path}: ${p.message}` };
  }
  const again = checkFingerprint(fp);
  if (again.length > 0) {
    throw new EnvdiffError(`internal error: the fingerprint does not match its schema at ${again[0]!.path}`, 'please report this');
  }
  return fp;
}

function parseSection(
  id: FacetId,
  parse: FacetParser | undefined,
  section: ProbeSection | undefined,
  probeTimeoutSec: number,
  ctx: ParseContext,
): FacetBase {
  if (!parse) return { status: 'error', reason: `no parser for facet ${id}` };
  if (!section) return { status: 'error', reason: `the ${id} probe produced no output` };
  // 143 = 128 + SIGTERM: the bundle's watchdog killed the probe.
  if (section.exitCode === 143 || section.exitCode === 137) {
    return { status: 'error', reason: `the ${id} probe did not finish within ${probeTimeoutSec} s` };
  }
  // 124: timeout(1) ended the interpreter the probe started (probes/_prelude.sh `bounded`).
  if (section.exitCode === 124) {
    return { status: 'error', reason: `the ${id} probe's interpreter did not finish within ${probeTimeoutSec} s and was stopped` };
  }
  if (section.exitCode !== 0 && section.text.trim() === '') {
    const detail = section.stderr.trim().split('\n').pop()?.slice(0, 200) ?? '';
    return { status: 'error', reason: `the ${id} probe failed (exit ${section.exitCode})${detail ? `: ${detail}` : ''}` };
  }
  try {
    return parse(section, ctx);
  } catch (err) {
    return { status: 'error', reason: `could not parse the ${id} probe output: ${(err as Error).message}` };
  }
}

/** Calls `done` for each probe-done line of the bundle's stderr, whatever the chunks' boundaries. */
function probeDoneReader(done: (id: string, exitCode: number) => void): (text: string) => void {
  let pending = '';
  return (text) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const m = PROBE_DONE_LINE.exec(line);
      if (m) done(m[1]!, Number(m[2]));
    }
  };
}

function withoutProgressLines(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !PROBE_DONE_LINE.test(line))
    .join('\n');
}

function parseMeta(section: ProbeSection): { home?: string } {
  const m = /^home=(.*)$/m.exec(section.text);
  const home = m?.[1]?.trim();
  return home && home !== '/' ? { home } : {};
}

function describe(t: Pick<Transport, 'kind' | 'ref'>): string {
  return t.kind === 'local' ? 'this machine' : `${t.kind}:${t.ref}`;
}

function defaultLabel(t: Pick<Transport, 'kind' | 'ref'>): string {
  return t.kind === 'local' ? 'local' : `${t.kind}:${t.ref}`;
}
