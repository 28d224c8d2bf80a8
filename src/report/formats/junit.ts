// `--format junit`: JUnit XML for CI test views (GitLab, Jenkins, Azure). One testcase per rule
// id; it fails when any of its findings is at or above fail-on, otherwise it passes and lists its
// findings in <system-out>. Testcases come in the order of their first finding (orderWithCauses:
// the rules of root causes first), then the rules a policy suppressed entirely, as <skipped>. A
// finding another one explains says so. No timestamps or durations: the same inputs give
// byte-identical output.
import { orderWithCauses, type Finding, type Report } from '../../core/findings.js';
import { byCodeUnit } from '../../core/text.js';
import { failsAt, overrideNote, showValue, type RenderOptions } from '../common.js';
import type { Renderer } from '../registry.js';
import { escapeXmlAttr, escapeXmlText } from '../escape.js';

function describe(f: Finding): string {
  const because = f.causedBy ? ` (follows from ${f.causedBy.ruleId}: ${f.causedBy.subject})` : '';
  const lines = [`[${f.severity}] ${f.subject}: ${showValue(f.baseline)} → ${showValue(f.target)}${because}`, `  ${f.message}`];
  if (f.hint) lines.push(`  hint: ${f.hint}`);
  const note = overrideNote(f);
  if (note) lines.push(`  ${note}`);
  return lines.join('\n');
}

export function renderJunit(report: Report, opts: RenderOptions): string {
  const byRule = new Map<string, Finding[]>();
  for (const f of orderWithCauses(report.findings)) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const suppressedByRule = new Map<string, string[]>();
  for (const s of report.suppressed ?? []) {
    const line = `${s.subject}: suppressed by ${s.by}`;
    const list = suppressedByRule.get(s.ruleId);
    if (list) list.push(line);
    else suppressedByRule.set(s.ruleId, [line]);
  }
  const onlySuppressed = [...suppressedByRule.keys()].filter((id) => !byRule.has(id)).sort(byCodeUnit);
  const ruleIds = [...byRule.keys(), ...onlySuppressed];

  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const id of ruleIds) {
    const findings = byRule.get(id) ?? [];
    const suppressed = suppressedByRule.get(id) ?? [];
    const facet = id.split('/')[0] ?? id;
    const open = `    <testcase classname="${escapeXmlAttr(`envdiff.${facet}`)}" name="${escapeXmlAttr(id)}">`;
    const failing = findings.filter((f) => failsAt(f.severity, opts.failOn));
    const body: string[] = [];
    if (failing.length > 0) {
      failures++;
      const first = failing[0]!;
      const message = `${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${opts.failOn}: ${first.subject}: ${first.message}`;
      body.push(
        `      <failure type="${first.severity}" message="${escapeXmlAttr(message)}">${escapeXmlText(findings.map(describe).join('\n'))}</failure>`,
      );
    } else if (findings.length === 0) {
      skipped++;
      body.push(`      <skipped message="${escapeXmlAttr(`suppressed by policy (${suppressed.length})`)}"/>`);
    } else {
      body.push(`      <system-out>${escapeXmlText(findings.map(describe).join('\n'))}</system-out>`);
    }
    if (suppressed.length > 0 && findings.length > 0) {
      body.push(`      <system-err>${escapeXmlText(suppressed.join('\n'))}</system-err>`);
    }
    cases.push(open, ...body, '    </testcase>');
  }
  let tests = ruleIds.length;
  if (tests === 0) {
    // An empty suite reads as "no tests ran" in several CI views: one passing case says "compared".
    tests = 1;
    cases.push('    <testcase classname="envdiff" name="compare"/>');
  }

  const suiteName = `envdiff: ${report.baseline.label} → ${report.target.label}`;
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="envdiff" ${counts}>`,
    `  <testsuite name="${escapeXmlAttr(suiteName)}" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** This format, as the registry (src/report/registry.ts) loads it. */
export const render: Renderer = renderJunit;
