// `--format table` (the default): a boxed terminal table in cli-table3's layout. Drawn here, not
// by cli-table3: cli-table3 0.6.5 took 685 ms for 503 rows (2-core dev machine), over the
// whole budget of `compare`; this renderer does the same in a few ms, and test/report/table.test.ts
// checks it against cli-table3's own output byte for byte. Colour is the caller's choice (a TTY
// and no NO_COLOR, see src/app/compare.ts). Every cell goes through visible(): a label or package
// name with a newline or an ESC must not redraw the terminal.
import type { Finding, Report, Severity } from '../../core/findings.js';
import {
  consequenceCount,
  countSummary,
  failCount,
  groupNames,
  groupOverrideNotes,
  groupWithCauses,
  overrideNote,
  showValue,
  type RenderOptions,
  type ReportEntry,
} from '../common.js';
import type { Renderer } from '../registry.js';
import { visible } from '../escape.js';
import { displayWidth, longestWord, shortenMiddle, wrapText } from '../text-layout.js';
import { pushAll } from '../../core/arrays.js';

export { displayWidth } from '../text-layout.js';

const COLOR: Readonly<Record<Severity, string>> = { error: '\u001b[1;31m', warning: '\u001b[33m', info: '\u001b[36m' };
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

export function renderTable(report: Report, opts: RenderOptions): string {
  const paint = (code: string, s: string): string => (opts.color ? `${code}${s}${RESET}` : s);
  const width = opts.width;
  const lines: string[] = [];
  // Without a width (a library caller) lines are as long as they are; with one, nothing passes it.
  const push = (line: string, indent = ''): void => {
    if (width) pushAll(lines, wrapText(line, width, indent));
    else lines.push(line);
  };
  const title = `envdiff: ${visible(report.baseline.label)} → ${visible(report.target.label)}`;
  const failing = failCount(report, opts.failOn);
  const verdict =
    opts.failOn === 'never'
      ? 'fail-on never'
      : failing > 0
        ? `FAIL: ${failing} at or above ${opts.failOn}`
        : `pass at fail-on ${opts.failOn}`;
  push(`${title} — ${countSummary(report.summary)} (${verdict})`, '  ');

  if (report.findings.length === 0) {
    push('No differences found.');
  } else {
    const head = ['severity', 'rule', 'subject', 'baseline', 'target', 'message'];
    // Root causes first, each with the rows of what follows from it right under it (common.ts).
    const entries = groupWithCauses(report.findings);
    // A PATH of 300 characters would take the table's whole width: its middle gives way (the full
    // value is in --format json).
    const valueMax = width ? Math.max(12, Math.floor(width / 6)) : undefined;
    const rows = entries.flatMap((e) => [
      e.group.length === 1 ? row(e.group[0]!, paint, valueMax, e) : groupRow(e.group, paint),
      ...e.consequences.map((c) => consequenceRow(c, paint, valueMax)),
    ]);
    const widths = width ? fitColumns(head, rows, width) : undefined;
    if (!width) lines.push(drawTable(head, rows));
    else if (widths)
      lines.push(
        drawTable(
          head,
          rows.map((r) => r.map((cell, i) => wrapText(cell, widths[i]!).join('\n'))),
        ),
      );
    else pushAll(lines, renderStacked(entries, paint, width));
    if (entries.some((e) => e.group.length > 1 || e.consequences.some((c) => c.length > 1))) {
      push('Each finding, one per row: --format json, markdown or sarif.');
    }
  }

  if (report.suppressed && report.suppressed.length > 0) {
    push(`Suppressed by policy (${report.suppressed.length}):`);
    if (report.suppressed.length <= SUPPRESSED_LISTED) {
      for (const s of report.suppressed) {
        const sev = s.severity ? ` [${s.severity}]` : '';
        push(`  ${visible(s.ruleId)} ${visible(s.subject)}${sev} — ${visible(s.by)}`, '    ');
      }
    } else {
      // A baseline of accepted drift (compare --accept) suppresses hundreds: one line per rule.
      const byRule = new Map<string, string[]>();
      for (const s of report.suppressed) byRule.set(s.ruleId, [...(byRule.get(s.ruleId) ?? []), s.subject]);
      for (const [rule, subjects] of byRule) {
        const names = subjects.slice(0, 3).map(visible).join(', ') + (subjects.length > 3 ? `, and ${subjects.length - 3} more` : '');
        push(`  ${visible(rule)} (${subjects.length}): ${names}`, '    ');
      }
      push('Each suppressed finding with its policy entry: --format json, markdown or sarif.');
    }
  }
  return `${lines.join('\n')}\n`;
}

// A terminal table is read by a person: groups (common.ts) share a row that names the first few.
const NAMES_SHOWN = 8;
// Up to this many suppressed findings are listed one per line; more are summed up per rule.
const SUPPRESSED_LISTED = 10;

// A consequence is marked as one: it sits right under the cause that explains it.
const FOLLOWS = '↳ ';

/** The names of a group, `namesPerLine` to a line. */
function nameLines(group: readonly Finding[], namesPerLine: number): string[] {
  const shown = groupNames(group, NAMES_SHOWN).map(visible);
  const out: string[] = [];
  for (let i = 0; i < shown.length; i += namesPerLine) {
    out.push(shown.slice(i, i + namesPerLine).join(', ') + (i + namesPerLine < shown.length ? ',' : ''));
  }
  return out;
}

/**
 * What follows from a cause, one row per rule: the cause's hint covers them all, so a row names
 * its findings (or, for one finding, says its message) and any policy note, no hint.
 */
function consequenceDetails(group: readonly Finding[], paint: (code: string, s: string) => string, namesPerLine: number): string[] {
  if (group.length === 1) {
    const f = group[0]!;
    const note = overrideNote(f);
    return [visible(f.message), ...(note ? [paint(DIM, visible(note))] : [])];
  }
  return [...nameLines(group, namesPerLine), ...groupOverrideNotes(group).map((n) => paint(DIM, visible(n)))];
}

function consequenceRow(group: readonly Finding[], paint: (code: string, s: string) => string, valueMax?: number): string[] {
  const first = group[0]!;
  const value = (v: string | null): string => (valueMax ? shortenMiddle(visible(showValue(v)), valueMax) : visible(showValue(v)));
  const single = group.length === 1;
  return [
    paint(COLOR[first.severity], first.severity),
    `${FOLLOWS}${visible(first.ruleId)}`,
    single ? visible(first.subject) : `${group.length} subjects`,
    single ? value(first.baseline) : '',
    single ? value(first.target) : '',
    consequenceDetails(group, paint, 4).join('\n'),
  ];
}

/**
 * The last line of a cause's details: "↳ 103 findings below follow from it" in a table row, "103
 * findings follow from it:" above the stacked blocks that start with ↳ themselves.
 */
function followsLine(entry: ReportEntry | undefined, stacked: boolean): string[] {
  const n = entry ? consequenceCount(entry) : 0;
  if (n === 0) return [];
  const s = n === 1 ? '' : 's';
  const verb = n === 1 ? 'follows' : 'follow';
  return [stacked ? `${n} finding${s} ${verb} from it:` : `${FOLLOWS}${n} finding${s} below ${verb} from it`];
}

function groupDetails(group: readonly Finding[], paint: (code: string, s: string) => string, namesPerLine: number): string[] {
  const first = group[0]!;
  const details = nameLines(group, namesPerLine);
  details.push(paint(DIM, `e.g. ${visible(first.message)}`));
  if (first.hint) details.push(paint(DIM, `hint: ${visible(first.hint)}`));
  for (const note of groupOverrideNotes(group)) details.push(paint(DIM, visible(note)));
  return details;
}

function groupRow(group: readonly Finding[], paint: (code: string, s: string) => string): string[] {
  const first = group[0]!;
  return [
    paint(COLOR[first.severity], first.severity),
    visible(first.ruleId),
    `${group.length} subjects`,
    '',
    '',
    groupDetails(group, paint, 4).join('\n'),
  ];
}

function findingDetails(f: Finding, paint: (code: string, s: string) => string, entry?: ReportEntry, stacked = false): string[] {
  const details = [visible(f.message)];
  if (f.hint) details.push(paint(DIM, `hint: ${visible(f.hint)}`));
  const note = overrideNote(f);
  if (note) details.push(paint(DIM, visible(note)));
  pushAll(details, followsLine(entry, stacked));
  return details;
}

function row(f: Finding, paint: (code: string, s: string) => string, valueMax?: number, entry?: ReportEntry): string[] {
  const value = (v: string | null): string => {
    const text = visible(showValue(v));
    return valueMax ? shortenMiddle(text, valueMax) : text;
  };
  return [
    paint(COLOR[f.severity], f.severity),
    visible(f.ruleId),
    visible(f.subject),
    value(f.baseline),
    value(f.target),
    findingDetails(f, paint, entry).join('\n'),
  ];
}

/**
 * Too narrow for six columns (an 80-column terminal, usually): one block per finding, each line
 * wrapped at spaces — severity, rule and subject; baseline → target; the message, hint and notes.
 * What follows from a cause comes right under it, one short block per rule, marked ↳.
 */
function renderStacked(entries: readonly ReportEntry[], paint: (code: string, s: string) => string, width: number): string[] {
  const out: string[] = [];
  const indent = '  ';
  const deeper = '      ';
  const values = (f: Finding, pad: string): string => {
    const room = Math.max(12, Math.floor((width - pad.length - 3) / 2));
    return `${pad}${shortenMiddle(visible(showValue(f.baseline)), room)} → ${shortenMiddle(visible(showValue(f.target)), room)}`;
  };
  for (const entry of entries) {
    const group = entry.group;
    const first = group[0]!;
    const subject = group.length > 1 ? `${group.length} subjects` : visible(first.subject);
    out.push('', ...wrapText(`${paint(COLOR[first.severity], first.severity)} ${visible(first.ruleId)} — ${subject}`, width, indent));
    if (group.length === 1) out.push(values(first, indent));
    const details = group.length > 1 ? groupDetails(group, paint, NAMES_SHOWN + 1) : findingDetails(first, paint, entry, true);
    for (const line of details)
      pushAll(
        out,
        wrapText(line, width - indent.length).map((l) => indent + l),
      );
    for (const c of entry.consequences) {
      const f = c[0]!;
      const what = c.length > 1 ? `${c.length} subjects` : visible(f.subject);
      pushAll(out, wrapText(`${indent}${FOLLOWS}${paint(COLOR[f.severity], f.severity)} ${visible(f.ruleId)} — ${what}`, width, deeper));
      if (c.length === 1) out.push(values(f, deeper));
      for (const line of consequenceDetails(c, paint, NAMES_SHOWN + 1)) {
        pushAll(
          out,
          wrapText(line, width - deeper.length).map((l) => deeper + l),
        );
      }
    }
  }
  out.push('');
  return out;
}

/**
 * Column widths that fit `width` terminal columns without cutting a word, or undefined when even
 * the narrowest such table does not fit (then the findings are stacked, see renderStacked).
 * Each column takes its width plus two spaces of padding and one border; one more border closes.
 */
export function fitColumns(head: readonly string[], rows: readonly (readonly string[])[], width: number): number[] | undefined {
  const natural = head.map(() => 0);
  const narrowest = head.map(() => 0);
  for (const r of [head, ...rows]) {
    head.forEach((_, i) => {
      const cell = r[i] ?? '';
      for (const line of cell.split('\n')) natural[i] = Math.max(natural[i]!, displayWidth(line));
      narrowest[i] = Math.max(narrowest[i]!, longestWord(cell));
    });
  }
  const last = head.length - 1;
  narrowest[last] = Math.max(narrowest[last]!, Math.min(natural[last]!, MIN_MESSAGE_WIDTH));
  const room = width - 3 * head.length - 1;
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  if (sum(narrowest) > room) return undefined;
  // The short columns first (they read badly wrapped), then the message takes what is left.
  const widths = [...narrowest];
  let spare = room - sum(widths);
  for (let i = 0; i < last && spare > 0; i++) {
    const grow = Math.min(spare, natural[i]! - widths[i]!);
    widths[i]! += grow;
    spare -= grow;
  }
  widths[last] = Math.min(natural[last]!, widths[last]! + spare);
  return widths;
}

// Below this the message column reads one word per line: stack the findings instead.
const MIN_MESSAGE_WIDTH = 24;

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
