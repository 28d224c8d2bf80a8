// `--format html`: one self-contained page (inline CSS and script, no network: it is opened from a
// CI artifact or an e-mail) for a two-way or a fleet compare. Causes first: the verdict, then the
// targets × facets matrix coloured by each target's worst finding per facet, then the findings of
// each group, root causes first with what they explain under them (orderWithCauses), and a search
// box that filters the findings. The script only counts and filters what the markup already holds,
// so the page reads the same with scripts off. test/report/html-chromium.test.ts loads it in a real
// headless Chromium and reads the counts the script wrote back from the DOM.
import { FleetGrouper, targetsWithGroups, worstSeverity, type FleetGroup, type FleetReport } from '../../core/fleet.js';
import { orderWithCauses, SEVERITY_RANK, type Finding, type Report, type Severity } from '../../core/findings.js';
import { byCodeUnit } from '../../core/text.js';
import { countSummary, failsAt, showValue, type RenderOptions } from '../common.js';
import { escapeHtml } from '../escape.js';
import { fleetHeadline, groupHeading } from '../fleet/common.js';
import type { FleetRenderer } from '../fleet/registry.js';
import type { Renderer } from '../registry.js';

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top;overflow-wrap:anywhere;max-width:32em}
td.cell{text-align:center;min-width:4.5em}
.sev-error{background:#f8d0d0}.sev-warning{background:#fbeabf}.sev-info{background:#d6e8fa}.sev-none{background:#dcf2dc}
tr.consequence td:first-child{padding-left:1.5em}
.verdict{font-weight:bold}.fail{color:#a00}.pass{color:#070}
#search{font-size:1em;padding:.25em;width:24em}
.hint{color:#555}
`;

// Counts what is in the page (so the numbers are the DOM's own), and filters findings by the search box.
const SCRIPT = `
(function(){
  var rows=[].slice.call(document.querySelectorAll('tr.finding'));
  ['error','warning','info'].forEach(function(s){
    var el=document.getElementById('count-'+s);
    if(el) el.textContent=String(rows.filter(function(r){return r.getAttribute('data-severity')===s;}).length);
  });
  var shown=document.getElementById('shown');
  var box=document.getElementById('search');
  function apply(){
    var q=(box.value||'').toLowerCase();var n=0;
    rows.forEach(function(r){var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!hit;if(hit)n++;});
    shown.textContent=String(n);
  }
  box.addEventListener('input',apply);
  var q=new URLSearchParams(location.search).get('q');
  if(q){box.value=q;}
  apply();
  document.body.setAttribute('data-ready','1');
})();
`;

function e(s: string): string {
  return escapeHtml(s);
}

function findingRow(f: Finding, consequence: boolean): string {
  const because = f.causedBy ? ` <span class="hint">(follows from ${e(f.causedBy.ruleId)}: ${e(f.causedBy.subject)})</span>` : '';
  const cells = [
    `<td class="sev-${f.severity}">${f.severity}</td>`,
    `<td>${e(f.ruleId)}</td>`,
    `<td>${e(f.subject)}</td>`,
    `<td>${e(showValue(f.baseline))}</td>`,
    `<td>${e(showValue(f.target))}</td>`,
    `<td>${e(f.message)}${because}${f.hint ? `<br><span class="hint">hint: ${e(f.hint)}</span>` : ''}</td>`,
  ];
  return `<tr class="finding${consequence ? ' consequence' : ''}" data-severity="${f.severity}" data-rule="${e(f.ruleId)}">${cells.join('')}</tr>`;
}

function findingsTable(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ['<p>No differences found.</p>'];
  const out = [
    '<table class="findings"><thead><tr><th>severity</th><th>rule</th><th>subject</th><th>baseline</th><th>target</th><th>message</th></tr></thead><tbody>',
  ];
  for (const f of orderWithCauses(findings)) out.push(findingRow(f, f.causedBy !== undefined));
  out.push('</tbody></table>');
  return out;
}

/** The worst severity of a group's findings per facet. */
function facetSeverities(findings: readonly Finding[]): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  for (const f of findings) {
    const seen = worst.get(f.facet);
    if (seen === undefined || SEVERITY_RANK[f.severity] < SEVERITY_RANK[seen]) worst.set(f.facet, f.severity);
  }
  return worst;
}

function matrix(report: FleetReport): string[] {
  const facets = [...new Set(report.groups.flatMap((g) => g.findings.map((f) => f.facet)))].sort(byCodeUnit);
  const perGroup = new Map<FleetGroup, Map<string, Severity>>(report.groups.map((g) => [g, facetSeverities(g.findings)]));
  const out = [
    '<table class="matrix"><thead><tr><th>target</th>',
    ...facets.map((f) => `<th>${e(f)}</th>`),
    '<th>worst</th></tr></thead><tbody>',
  ];
  for (const { target, group } of targetsWithGroups(report)) {
    const sev = perGroup.get(group)!;
    const worst = worstSeverity(group.summary) ?? 'none';
    out.push(
      `<tr class="target" data-worst="${worst}"><th>${e(target.label)}</th>`,
      ...facets.map((f) => {
        const s = sev.get(f);
        return `<td class="cell sev-${s ?? 'none'}">${s ?? '='}</td>`;
      }),
      `<td class="cell sev-${worst}">${worst === 'none' ? 'identical' : worst}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  return out;
}

function page(title: string, body: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    // No network, ever: a report opened from an artifact must not fetch anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    `<title>${e(title)}</title><style>${STYLE}</style></head><body>`,
    ...body,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function counters(): string {
  return (
    '<p>Findings on the page: <span id="count-error">0</span> error, <span id="count-warning">0</span> warning, ' +
    '<span id="count-info">0</span> info. <label>Search <input id="search" type="search" placeholder="rule, package, value…"></label> ' +
    '<span id="shown">0</span> shown.</p>'
  );
}

export const renderFleet: FleetRenderer = (report: FleetReport, opts: RenderOptions) => {
  const failing = report.groups.some((g) => g.findings.some((f) => failsAt(f.severity, opts.failOn)));
  const body = [
    `<h1>envdiff fleet: baseline ${e(report.baseline.label)}</h1>`,
    `<p class="verdict ${failing ? 'fail' : 'pass'}" id="verdict" data-targets="${report.targets.length}" data-groups="${report.groups.length}">${e(fleetHeadline(report, opts.failOn))}</p>`,
    '<h2>Targets × facets</h2>',
    ...matrix(report),
    '<h2>Findings by group</h2>',
    counters(),
  ];
  for (const [i, group] of report.groups.entries()) {
    body.push(`<section class="group" id="group-${i + 1}" data-targets="${group.targets.length}">`, `<h3>${e(groupHeading(group))}</h3>`);
    if (group.findings.length > 0) body.push(...findingsTable(group.findings));
    body.push('</section>');
  }
  return page(`envdiff fleet: ${report.baseline.label}`, body);
};

/** The two-way report as a fleet of one: the same page, one row in the matrix. */
export const render: Renderer = (report: Report, opts: RenderOptions) => {
  const grouper = new FleetGrouper();
  grouper.add(report, opts.targetPath);
  const fleet = grouper.report(report.baseline.label);
  const failing = report.findings.some((f) => failsAt(f.severity, opts.failOn));
  const body = [
    `<h1>envdiff: ${e(report.baseline.label)} → ${e(report.target.label)}</h1>`,
    `<p class="verdict ${failing ? 'fail' : 'pass'}" id="verdict" data-targets="1" data-groups="1">${e(countSummary(report.summary))} — ${failing ? `FAIL at fail-on ${opts.failOn}` : `pass at fail-on ${opts.failOn}`}</p>`,
    '<h2>Facets</h2>',
    ...matrix(fleet),
    '<h2>Findings</h2>',
    counters(),
    ...findingsTable(report.findings),
  ];
  if (report.suppressed?.length) {
    body.push(`<h2>Suppressed by policy (${report.suppressed.length})</h2><ul>`);
    for (const s of report.suppressed) body.push(`<li>${e(s.ruleId)} ${e(s.subject)} — ${e(s.by)}</li>`);
    body.push('</ul>');
  }
  return page(`envdiff: ${report.baseline.label} → ${report.target.label}`, body);
};
