// `--format table` (the default): a boxed terminal table in cli-table3's layout. Drawn here, not
// by cli-table3: cli-table3 0.6.5 took 685 ms for 503 rows (2-core dev machine), over the
// whole budget of `compare`; this renderer does the same in a few ms, and test/report/table.test.ts
// checks it against cli-table3's own output byte for byte. Colour is the caller's choice (a TTY
// and no NO_COLOR, see src/app/compare.ts). Every cell goes through visible(): a label or package
// name with a newline or an ESC must not redraw the terminal.
import type { Finding, Report, Severity } from '../../core/findings.js';
import {
  countSummary,
  failCount,
  groupFindings,
  groupNames,
  groupOverrideNotes,
  overrideNote,
  showValue,
  type RenderOptions,
} from '../common.js';
import type { Renderer } from '../registry.js';
import { visible } from '../escape.js';

const COLOR: Readonly<Record<Severity, string>> = { error: '\u001b[1;31m', warning: '\u001b[33m', info: '\u001b[36m' };
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

export function renderTable(report: Report, opts: RenderOptions): string {
  const paint = (code: string, s: string): string => (opts.color ? `${code}${s}${RESET}` : s);
  const lines: string[] = [];
  const title = `envdiff: ${visible(report.baseline.label)} → ${visible(report.target.label)}`;
  const failing = failCount(report, opts.failOn);
  const verdict =
    opts.failOn === 'never'
      ? 'fail-on never'
      : failing > 0
        ? `FAIL: ${failing} at or above ${opts.failOn}`
        : `pass at fail-on ${opts.failOn}`;
  lines.push(`${title} — ${countSummary(report.summary)} (${verdict})`);

  if (report.findings.length === 0) {
    lines.push('No differences found.');
  } else {
    const head = ['severity', 'rule', 'subject', 'baseline', 'target', 'message'];
    const groups = groupFindings(report.findings);
    const rows = groups.map((g) => (g.length === 1 ? row(g[0]!, paint) : groupRow(g, paint)));
    lines.push(drawTable(head, opts.width ? fitLastColumn(head, rows, opts.width) : rows));
    if (groups.some((g) => g.length > 1)) lines.push('Each finding, one per row: --format json, markdown or sarif.');
  }

  if (report.suppressed && report.suppressed.length > 0) {
    lines.push(`Suppressed by policy (${report.suppressed.length}):`);
    for (const s of report.suppressed) {
      const sev = s.severity ? ` [${s.severity}]` : '';
      lines.push(`  ${visible(s.ruleId)} ${visible(s.subject)}${sev} — ${visible(s.by)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// A terminal table is read by a person: groups (common.ts) share a row that names the first few.
const NAMES_SHOWN = 8;

function groupRow(group: readonly Finding[], paint: (code: string, s: string) => string): string[] {
  const first = group[0]!;
  const shown = groupNames(group, NAMES_SHOWN).map(visible);
  const details: string[] = [];
  for (let i = 0; i < shown.length; i += 4) details.push(shown.slice(i, i + 4).join(', ') + (i + 4 < shown.length ? ',' : ''));
  details.push(paint(DIM, `e.g. ${visible(first.message)}`));
  if (first.hint) details.push(paint(DIM, `hint: ${visible(first.hint)}`));
  for (const note of groupOverrideNotes(group)) details.push(paint(DIM, visible(note)));
  return [paint(COLOR[first.severity], first.severity), visible(first.ruleId), `${group.length} subjects`, '', '', details.join('\n')];
}

function row(f: Finding, paint: (code: string, s: string) => string): string[] {
  const details = [visible(f.message)];
  if (f.hint) details.push(paint(DIM, `hint: ${visible(f.hint)}`));
  const note = overrideNote(f);
  if (note) details.push(paint(DIM, visible(note)));
  return [
    paint(COLOR[f.severity], f.severity),
    visible(f.ruleId),
    visible(f.subject),
    visible(showValue(f.baseline)),
    visible(showValue(f.target)),
    details.join('\n'),
  ];
}

// Our own ANSI codes are the only escapes left after visible(); they take no columns.
// eslint-disable-next-line no-control-regex -- matching the ESC of our own ANSI codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;
// A line painted whole: our ANSI prefix, the text, our reset.
// eslint-disable-next-line no-control-regex -- matching the ESC of our own ANSI codes is the point
const PAINTED = /^(\u001b\[[0-9;]*m)(.*)(\u001b\[0m)$/s;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;
// East Asian Wide and Fullwidth blocks (UAX #11) and emoji: two terminal columns each.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

/** Terminal columns a string takes. */
export function displayWidth(s: string): number {
  const plain = s.replace(ANSI, '');
  // Fast path: printable ASCII is one column per character.
  if (/^[\x20-\x7e]*$/.test(plain)) return plain.length;
  let width = 0;
  for (const ch of plain) {
    if (ZERO_WIDTH.test(ch)) continue;
    width += WIDE.test(ch) ? 2 : 1;
  }
  return width;
}

// The narrowest the message column gets; below it a table is unreadable either way.
const MIN_MESSAGE_WIDTH = 30;

/**
 * Wraps the last column (the message) at word boundaries so that the table fits `width`
 * terminal columns; the other columns are short (severity, rule, subject, versions).
 */
export function fitLastColumn(head: readonly string[], rows: readonly (readonly string[])[], width: number): string[][] {
  const last = head.length - 1;
  const others = head
    .slice(0, last)
    .map((_, i) => Math.max(...[head, ...rows].map((r) => Math.max(...(r[i] ?? '').split('\n').map(displayWidth)))));
  // Each column takes its width plus two spaces of padding and one border; one more border closes.
  const room = width - others.reduce((a, w) => a + w + 3, 0) - 3 - 1;
  const max = Math.max(MIN_MESSAGE_WIDTH, room);
  return rows.map((r) => [
    ...r.slice(0, last),
    r[last]!.split('\n')
      .flatMap((line) => wrapLine(line, max))
      .join('\n'),
  ]);
}

/** Word-wraps one line; a line painted whole (our own ANSI prefix and reset) keeps its paint per piece. */
function wrapLine(line: string, max: number): string[] {
  if (displayWidth(line) <= max) return [line];
  const painted = PAINTED.exec(line);
  const [pre, body, post] = painted ? [painted[1]!, painted[2]!, painted[3]!] : ['', line, ''];
  const out: string[] = [];
  let current = '';
  for (const word of body.split(' ')) {
    let w = word;
    while (displayWidth(w) > max) {
      // A word longer than the column (a URL): cut it.
      if (current) {
        out.push(current);
        current = '';
      }
      out.push(w.slice(0, max));
      w = w.slice(max);
    }
    if (!current) current = w;
    else if (displayWidth(current) + 1 + displayWidth(w) <= max) current += ` ${w}`;
    else {
      out.push(current);
      current = w;
    }
  }
  if (current) out.push(current);
  return out.map((piece) => `${pre}${piece}${post}`);
}

/** cli-table3's default box: one space of padding, a rule between rows, cells top-aligned. */
export function drawTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [head, ...rows].map((r) => r.map((cell) => cell.split('\n')));
  const widths = head.map(() => 0);
  for (const r of all) {
    r.forEach((cell, i) => {
      for (const line of cell) widths[i] = Math.max(widths[i]!, displayWidth(line));
    });
  }
  const rule = (left: string, mid: string, right: string): string => left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right;
  const out = [rule('┌', '┬', '┐')];
  all.forEach((r, index) => {
    const height = Math.max(...r.map((cell) => cell.length));
    for (let k = 0; k < height; k++) {
      const cells = r.map((cell, i) => {
        const text = cell[k] ?? '';
        return ` ${text}${' '.repeat(widths[i]! - displayWidth(text))} `;
      });
      out.push(`│${cells.join('│')}│`);
    }
    out.push(index === all.length - 1 ? rule('└', '┴', '┘') : rule('├', '┼', '┤'));
  });
  return out.join('\n');
}

/** This format, as the registry (src/report/registry.ts) loads it. */
export const render: Renderer = renderTable;
