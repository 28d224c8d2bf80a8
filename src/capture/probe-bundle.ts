// Builds the one POSIX sh script that a target runs through `sh -s`: the prelude, then every
// probe in its own background subshell writing to a private temp dir, a watchdog that kills
// probes still running after the per-probe limit, and finally each probe's output between
// markers (see src/core/sections.ts). Nothing but sh, mktemp/mkdir, cat, tail and kill is needed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import GENERATED_PROBE_IDS from '../generated/probe-ids.js';
import { shQuote } from '../core/escape.js';

/**
 * The probes, one per registered facet with a parser, in fingerprint order: derived from the facet
 * registry at build time (scripts/build-schemas.mjs), so that a capture sends the bundle before
 * it loads the facets' code. test/facets/registry.test.ts checks it against the live registry.
 */
export const PROBE_IDS: readonly string[] = GENERATED_PROBE_IDS;

export interface BundleOptions {
  /** Interpreter for the python probe (`--python PATH`); default: python3, then python. */
  python?: string;
  /** Seconds before a probe is killed and its facet marked error. */
  probeTimeoutSec?: number;
  /** Probe sources by id, replacing the files in probes/ (tests use this for failing probes). */
  overrides?: Partial<Record<string, string>>;
  /** Which probes to run (default: all). */
  only?: readonly string[];
}

/** `@@envdiff-done ID RC@@` on the bundle's stderr: probe ID finished with exit code RC. */
export const PROBE_DONE_MARK = '@@envdiff-done';
export const PROBE_DONE_LINE = /^@@envdiff-done ([a-z0-9_-]+) (\d+)@@$/;

const probesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'probes');
const cache = new Map<string, string>();

export function readProbe(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(probesDir, `${name}.sh`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

export { shQuote };

/** The longest per-probe limit: sh arithmetic is at least 32-bit signed. */
export const MAX_PROBE_TIMEOUT_SEC = 2_147_483;

export function buildProbeBundle(opts: BundleOptions = {}): string {
  const ids = opts.only ?? PROBE_IDS;
  // A whole number of seconds sh arithmetic and sleep(1) read (never `1e+21`): --probe-timeout is
  // range-checked by the CLI, and any other caller is clamped here.
  const timeout = Math.min(MAX_PROBE_TIMEOUT_SEC, Math.max(1, Math.floor(opts.probeTimeoutSec ?? 30) || 30));
  const lines: string[] = [];
  lines.push('# envdiff probe bundle (generated); read by `sh -s`');
  lines.push('set +e');
  lines.push(`ENVDIFF_PROBE_TIMEOUT=${timeout}`);
  if (opts.python) lines.push(`ENVDIFF_PYTHON=${shQuote(opts.python)}`);
  lines.push(readProbe('_prelude'));
  // A private work dir: mktemp -d where it exists, else a mode-700 dir named by our pid.
  lines.push('ENVDIFF_T=$(mktemp -d 2>/dev/null) || { ENVDIFF_T="${TMPDIR:-/tmp}/envdiff.$$"; mkdir -m 700 "$ENVDIFF_T" || exit 97; }');
  // Nothing stays behind on the target, whatever ends the bundle: on success, on SIGTERM (envdiff's
  // --timeout, its own SIGTERM), SIGINT (Ctrl-C) and SIGHUP (a dropped ssh connection) the probes,
  // the watchdog and everything they started are killed and the work dir removed. When this shell
  // leads its process group (locally: envdiff starts it so; over ssh: sshd does) the whole group
  // goes, so children a probed program forked go too; else the probes' subshells.
  // The probed programs' own temp files (R's Rtmp…, Python's) go inside it too, so that one
  // `rm -rf` removes them even when a signal kills those programs before they clean up.
  lines.push('mkdir -m 700 "$ENVDIFF_T/tmp" 2>/dev/null; ENVDIFF_TMP="$ENVDIFF_T/tmp"');
  lines.push('ENVDIFF_PIDS=; ENVDIFF_W=; ENVDIFF_GROUP=');
  lines.push('[ "$$" -gt 1 ] && kill -0 -$$ 2>/dev/null && ENVDIFF_GROUP=1');
  lines.push(
    'envdiff_cleanup() { trap \'\' HUP INT TERM PIPE; [ -n "$ENVDIFF_W" ] && kill "$ENVDIFF_W" 2>/dev/null; ' +
      '[ -n "$ENVDIFF_PIDS" ] && kill $ENVDIFF_PIDS 2>/dev/null; [ -n "$ENVDIFF_GROUP" ] && kill -TERM -$$ 2>/dev/null; rm -rf "$ENVDIFF_T"; }',
  );
  lines.push("trap 'envdiff_cleanup; exit 129' HUP");
  lines.push("trap 'envdiff_cleanup; exit 130' INT");
  lines.push("trap 'envdiff_cleanup; exit 143' TERM");
  // Over ssh no signal may come when envdiff goes away (no terminal, no SIGHUP): the first write to
  // the closed connection is the sign, after the watchdog ended the probes.
  lines.push("trap 'envdiff_cleanup; exit 141' PIPE");
  for (const id of ids) {
    const body = opts.overrides?.[id] ?? readProbe(id);
    // The outer subshell reports on the bundle's stderr when the probe ends (the caller shows
    // progress and per-facet timings from these lines); the probe itself writes only to files.
    lines.push(
      `(\nTMPDIR="$ENVDIFF_TMP"; export TMPDIR\n(\n${body}\n) >"$ENVDIFF_T/${id}.out" 2>"$ENVDIFF_T/${id}.err" </dev/null\n` +
        `ENVDIFF_RC=$?; printf '${PROBE_DONE_MARK} ${id} %s@@\\n' "$ENVDIFF_RC" >&2; exit "$ENVDIFF_RC"\n) >/dev/null </dev/null &`,
    );
    lines.push(`ENVDIFF_P_${safeVar(id)}=$!; ENVDIFF_PIDS="$ENVDIFF_PIDS $!"`);
  }
  const pids = ids.map((id) => `$ENVDIFF_P_${safeVar(id)}`).join(' ');
  // The watchdog must not hold our stdout open, or the caller would wait for its sleep; and its
  // sleep must end with it (a `kill` of the subshell alone would leave `sleep N` running).
  lines.push(
    `( ENVDIFF_S=; trap 'kill $ENVDIFF_S 2>/dev/null; exit 0' TERM; sleep "$ENVDIFF_PROBE_TIMEOUT" & ENVDIFF_S=$!; wait $ENVDIFF_S; kill ${pids} 2>/dev/null ) >/dev/null 2>&1 </dev/null &`,
  );
  lines.push('ENVDIFF_W=$!');
  for (const id of ids) {
    const v = safeVar(id);
    lines.push(`wait $ENVDIFF_P_${v}; ENVDIFF_R_${v}=$?`);
  }
  lines.push('kill $ENVDIFF_W 2>/dev/null; ENVDIFF_W=');
  lines.push('printf \'@@envdiff-begin meta rc=0@@\\nhome=%s\\n@@envdiff-end meta@@\\n\' "$HOME"');
  for (const id of ids) {
    const v = safeVar(id);
    lines.push(
      `printf '@@envdiff-begin ${id} rc=%s@@\\n' "$ENVDIFF_R_${v}"; cat "$ENVDIFF_T/${id}.out"; ` +
        `printf '\\n@@envdiff-stderr ${id}@@\\n'; tail -c 600 "$ENVDIFF_T/${id}.err" 2>/dev/null; ` +
        `printf '\\n@@envdiff-end ${id}@@\\n'`,
    );
  }
  lines.push('ENVDIFF_PIDS=');
  lines.push('envdiff_cleanup');
  lines.push('exit 0');
  return lines.join('\n') + '\n';
}

function safeVar(id: string): string {
  return id.replace(/[^A-Za-z0-9]/g, '_');
}
