// The fixed reports every format test renders. SYNTHETIC, made in code: reporters are pure
// functions of a Report, and the point here is exact output and hostile strings, not real data.
import type { Finding, Report } from '../../src/core/findings.js';
import type { ReportFormat } from '../../src/report/index.js';

export const REPORT: Report = {
  baseline: { label: 'dev' },
  target: { label: 'qa' },
  summary: { error: 2, warning: 1, info: 1 },
  findings: [
    {
      ruleId: 'gpu/driver-too-old',
      severity: 'error',
      facet: 'gpu',
      subject: 'driver',
      baseline: '550.54.15',
      target: '525.60.13',
      message: 'the target driver supports CUDA 12.0, the baseline was built for CUDA 12.4',
      hint: 'upgrade the NVIDIA driver on the target to 550.54.15 or newer',
      override: { from: 'warning', by: 'policy.yml severity[0]: GPU drift blocks release' },
    },
    {
      ruleId: 'python/minor-version',
      severity: 'error',
      facet: 'python',
      subject: 'python',
      baseline: '3.11.7',
      target: '3.10.13',
      message: 'Python 3.11 on the baseline, 3.10 on the target',
      hint: 'install Python 3.11 on the target',
    },
    {
      ruleId: 'python/package-major',
      severity: 'warning',
      facet: 'python',
      subject: 'numpy',
      baseline: '1.26.4',
      target: '2.0.0',
      message: 'numpy 1.26.4 on the baseline, 2.0.0 on the target',
      hint: 'pin numpy==1.26.4',
    },
    {
      ruleId: 'system/package-patch',
      severity: 'info',
      facet: 'system',
      subject: 'libssl3',
      baseline: '3.0.11-1~deb12u2',
      target: null,
      message: 'libssl3 is missing on the target',
      hint: '',
    },
  ],
  suppressed: [{ ruleId: 'system/package-missing', subject: 'libfoo', severity: 'warning', by: 'policy.yml ignore[0]: base image' }],
};

export const EMPTY: Report = {
  baseline: { label: 'dev' },
  target: { label: 'dev-again' },
  summary: { error: 0, warning: 0, info: 0 },
  findings: [],
};

/** Labels and subjects as a hostile or merely unlucky machine could produce them. */
export const HOSTILE_SUBJECT = 'evil|name\n::error title=x::pwned <script>@team %0A,:\u001b[31mred\u202e';
export const HOSTILE: Report = {
  baseline: { label: 'dev|"prod"\r\n::warning::spoof <b>' },
  target: { label: 'qa & <i>ops</i> :: 100%' },
  summary: { error: 1, warning: 0, info: 1 },
  findings: [
    {
      ruleId: 'python/package-missing',
      severity: 'error',
      facet: 'python',
      subject: HOSTILE_SUBJECT,
      baseline: '1.0\n2.0',
      target: null,
      message: 'line one\nline two | still two ]]> </failure>',
      hint: '`rm -rf` *bold* [link](http://x) \\',
    },
    {
      ruleId: 'env/variable-changed',
      severity: 'info',
      facet: 'env',
      subject: 'LD_LIBRARY_PATH',
      baseline: '/usr/lib:/opt/a,b',
      target: '\u0000nul\u0007bell',
      message: 'changed',
      hint: 'x',
    },
  ],
  suppressed: [{ ruleId: 'system/x', subject: 'a\nb', by: 'p.yml ignore[0]: line\nbreak' }],
};

/** The file extension of each format's golden files in __golden__/. */
export const GOLDEN_EXTENSION: Record<ReportFormat, string> = {
  table: 'table.txt',
  json: 'json',
  markdown: 'md',
  sarif: 'sarif.json',
  junit: 'xml',
  github: 'github.txt',
  html: 'html',
};

const missingAfterPythonChange = (name: string, version: string): Finding => ({
  ruleId: 'python/package-missing',
  severity: 'error',
  facet: 'python',
  subject: name,
  baseline: version,
  target: null,
  message: `${name} ${version} is installed on the baseline but not on the target.`,
  hint: 'follows from python/minor-version (3.11.7 → 3.10.13): use Python 3.11 on the target first',
  causedBy: { ruleId: 'python/minor-version', subject: 'python' },
});

/**
 * A root cause and what follows from it, as the engine's causality pass links them, beside
 * findings no cause explains. SYNTHETIC; given out of order on purpose: every format must put the
 * cause first and its consequences right under it.
 */
export const CAUSES: Report = {
  baseline: { label: 'py311' },
  target: { label: 'py310' },
  summary: { error: 8, warning: 1, info: 1 },
  findings: [
    {
      ruleId: 'env/timezone',
      severity: 'info',
      facet: 'env',
      subject: 'TZ',
      baseline: 'UTC',
      target: 'Europe/Berlin',
      message: 'TZ differs',
      hint: 'set TZ=UTC on the target',
    },
    ...['attrs', 'click', 'idna', 'numpy', 'six', 'urllib3'].map((n, i) => missingAfterPythonChange(n, `1.${i}.0`)),
    {
      ruleId: 'python/package-minor',
      severity: 'error',
      facet: 'python',
      subject: 'pip',
      baseline: '23.2.1',
      target: '23.0.1',
      message: 'pip is 23.2.1 on the baseline but 23.0.1 on the target',
      hint: 'follows from python/minor-version (3.11.7 → 3.10.13): use Python 3.11 on the target first',
      causedBy: { ruleId: 'python/minor-version', subject: 'python' },
      override: { from: 'warning', by: 'policy.yml severity[0]: pip drift broke a build' },
    },
    {
      ruleId: 'gpu/less-memory',
      severity: 'warning',
      facet: 'gpu',
      subject: 'gpu memory',
      baseline: '81559 MiB',
      target: '16376 MiB',
      message: 'the target GPU has less memory',
      hint: 'lower the batch size',
    },
    {
      ruleId: 'python/minor-version',
      severity: 'error',
      facet: 'python',
      subject: 'python',
      baseline: '3.11.7',
      target: '3.10.13',
      message: 'Python 3.11.7 here, 3.10.13 there',
      hint: 'use Python 3.11 on the target first, then install the baseline packages with it: pip install --no-deps -r envdiff-requirements.txt',
    },
  ],
};
