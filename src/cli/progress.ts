// A capture's progress on stderr: on a terminal one line, rewritten in place, that names the
// target and the probes still running; with --verbose, each facet's time once it is over.
// Nothing is written for progress when stderr is not a terminal (CI logs stay clean).
import type { CaptureEvent } from '../capture/capture.js';
import { visible } from '../report/escape.js';
import { outputWidth } from './terminal.js';

export interface Progress {
  onEvent(event: CaptureEvent): void;
  /** Clears the progress line; with verbose, prints the timings. */
  stop(): void;
}

const CLEAR_LINE = '\r\u001b[2K';

export function startProgress(opts: { enabled: boolean; verbose: boolean; out?: NodeJS.WriteStream }): Progress {
  const out = opts.out ?? process.stderr;
  let target = '';
  let pending: string[] = [];
  let total = 0;
  const probeMs = new Map<string, { ms: number; exitCode: number }>();
  const parsed: Extract<CaptureEvent, { kind: 'facet-parsed' }>[] = [];
  let shown = false;

  const draw = (): void => {
    if (!opts.enabled) return;
    const waiting = pending.length ? `; waiting for ${pending.join(', ')}` : '; reading the results';
    const line = `envdiff: capturing ${visible(target)} — ${total - pending.length}/${total} probes done${waiting}`;
    const width = outputWidth(out);
    out.write(CLEAR_LINE + (line.length >= width ? `${line.slice(0, Math.max(0, width - 2))}…` : line));
    shown = true;
  };

  return {
    onEvent(event) {
      if (event.kind === 'started') {
        target = event.target;
        pending = [...event.probes];
        total = event.probes.length;
        draw();
      } else if (event.kind === 'probe-done') {
        probeMs.set(event.id, { ms: event.ms, exitCode: event.exitCode });
        pending = pending.filter((id) => id !== event.id);
        draw();
      } else {
        parsed.push(event);
      }
    },
    stop() {
      if (shown) out.write(CLEAR_LINE);
      if (!opts.verbose || parsed.length === 0) return;
      const end = Math.max(...parsed.map((p) => p.ms));
      const lines = [`envdiff: captured ${visible(target)} in ${Math.round(end)} ms; per facet (probe on the target, then parsing here):`];
      for (const p of parsed) {
        const probe = probeMs.get(p.id);
        const probeText = probe ? `${Math.round(probe.ms)} ms`.padStart(8) : '       —';
        lines.push(`  ${p.id.padEnd(8)} ${probeText}  ${p.parseMs.toFixed(1).padStart(5)} ms  ${p.status}`);
      }
      out.write(lines.join('\n') + '\n');
    },
  };
}
