// Probe output is plain text in marked sections, so that one `sh -s` round trip carries every
// facet. Two levels:
//   @@envdiff-begin <facet> rc=<exit code>@@ … @@envdiff-end <facet>@@   (written by the bundle)
//   ### <name>                                                             (written by a probe)

export interface ProbeSection {
  id: string;
  /** Exit status of the probe's subshell; 143 means the bundle's watchdog killed it. */
  exitCode: number;
  text: string;
  /** The tail of what the probe wrote to stderr, for reasons. */
  stderr: string;
}

const BEGIN = /^@@envdiff-begin ([a-z0-9-]+) rc=(\d+)@@$/;
const END = /^@@envdiff-end ([a-z0-9-]+)@@$/;
const ERR = /^@@envdiff-stderr ([a-z0-9-]+)@@$/;

/** Splits a bundle's whole output into one section per probe. Unterminated sections are kept. */
export function splitProbeOutput(raw: string): Map<string, ProbeSection> {
  const out = new Map<string, ProbeSection>();
  let current: ProbeSection | undefined;
  let inStderr = false;
  let buf: string[] = [];
  const flush = () => {
    if (!current) return;
    const body = buf.join('\n').replace(/\n$/, '');
    if (inStderr) current.stderr = body;
    else current.text = body;
    buf = [];
  };
  for (const line of raw.split('\n')) {
    const b = BEGIN.exec(line);
    if (b) {
      flush();
      current = { id: b[1]!, exitCode: Number(b[2]), text: '', stderr: '' };
      out.set(current.id, current);
      inStderr = false;
      continue;
    }
    if (current && ERR.exec(line)?.[1] === current.id) {
      flush();
      inStderr = true;
      continue;
    }
    if (current && END.exec(line)?.[1] === current.id) {
      flush();
      current = undefined;
      inStderr = false;
      continue;
    }
    if (current) buf.push(line);
  }
  flush();
  return out;
}

/**
 * Splits one probe's text into its `### name` sub-sections. Text before the first marker is
 * kept under the empty name. A name that repeats keeps its first body and appends later ones.
 */
export function splitSubsections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let name = '';
  let buf: string[] = [];
  const flush = () => {
    const body = buf.join('\n');
    const prev = out.get(name);
    if (prev === undefined) {
      if (name !== '' || body.trim() !== '') out.set(name, body);
    } else out.set(name, prev + '\n' + body);
    buf = [];
  };
  for (const line of text.split('\n')) {
    const m = /^### ([A-Za-z0-9_.:-]+)\s*$/.exec(line);
    if (m) {
      flush();
      name = m[1]!;
      continue;
    }
    buf.push(line);
  }
  flush();
  for (const [k, v] of out) out.set(k, v.replace(/\n+$/, ''));
  return out;
}

/** `KEY=value` lines (os-release style, quotes removed) into a record. */
export function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
      value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    }
    out[key] = value;
  }
  return out;
}

/** The last `lines` lines a probe wrote to stderr, joined by ` | `: the evidence for a reason. */
export function stderrTail(section: ProbeSection, lines: number): string {
  return section.stderr.trim().split('\n').slice(-lines).join(' | ');
}

/** `(exit 1): last | stderr lines`, or `(exit 1)` when the probe wrote nothing to stderr. */
export function describeExit(section: ProbeSection): string {
  const tail = stderrTail(section, 2);
  return `(exit ${section.exitCode})${tail ? `: ${tail}` : ''}`;
}

/** The first line a probe printed outside its `### name` markers, trimmed and cut for a reason. */
export function firstProbeLine(text: string): string | undefined {
  return text
    .split('\n')
    .find((l) => l.trim() && !l.startsWith('### '))
    ?.trim()
    .slice(0, 120);
}
