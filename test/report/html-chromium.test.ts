// The HTML report in a real browser: Debian's Chromium, headless, loads the page envdiff wrote for a
// fleet of real captures (fixtures/dockerfile/*/SOURCE.md) with the network off; the test reads
// back from the rendered DOM what the page's own script counted and filtered, compares it with the
// JSON report of the same compare, and saves a screenshot. `.ci/run` installs chromium.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/core/run-process.js';
import { runEnvdiff } from '../support/cli.js';

const CHROMIUM = ['chromium', 'chromium-browser'].find((c) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', c]).status === 0);
if (!CHROMIUM && process.env.CI) throw new Error('chromium is missing in CI: .ci/run installs it');

const FIXTURE = (name: string): string => new URL(`../../fixtures/dockerfile/${name}/fingerprint.json`, import.meta.url).pathname;

/** Chromium with nothing of its own going on: no sandbox (root in CI), no GPU, no network chatter, a fresh profile. */
async function chromium(dir: string, args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number | null }> {
  const profile = mkdtempSync(join(dir, 'profile-'));
  return runProcess(
    CHROMIUM!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      ...args,
    ],
    { timeoutMs: 120_000 },
  );
}

function text(dom: string, id: string): string | undefined {
  return new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(dom)?.[1];
}

interface FleetJson {
  targets: unknown[];
  groups: { targets: string[]; findings: { ruleId: string; severity: string }[] }[];
}

describe.skipIf(!CHROMIUM)('the HTML report in headless Chromium (apt-get install chromium)', () => {
  let dir: string;
  let page: string;
  let json: FleetJson;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-html-'));
    const fleet = join(dir, 'fleet');
    mkdirSync(fleet);
    const baseline = join(dir, 'golden.json');
    copyFileSync(FIXTURE('linux-cpu-debian-12'), baseline);
    const nodes: [string, string][] = [
      ['node-01', 'linux-cpu-debian-12'],
      ['node-02', 'jvm-debian-12'],
      ['node-03', 'jvm-debian-12'],
      ['node-04', 'r-debian-12'],
    ];
    for (const [label, from] of nodes) {
      const fp = JSON.parse(readFileSync(FIXTURE(from), 'utf8')) as { label: string };
      fp.label = label;
      writeFileSync(join(fleet, `${label}.json`), JSON.stringify(fp));
    }
    const html = await runEnvdiff(['compare', baseline, fleet, '--format', 'html']);
    expect(html.exitCode).toBe(1);
    page = join(dir, 'fleet.html');
    writeFileSync(page, html.stdout);
    json = JSON.parse((await runEnvdiff(['compare', baseline, fleet, '--format', 'json'])).stdout) as FleetJson;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one self-contained file: nothing to fetch', () => {
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|https?:\/\/(?!json\.schemastore)/);
  });

  it('the counts the page script wrote into the DOM are the report’s', async () => {
    const r = await chromium(dir, ['--dump-dom', pathToFileURL(page).href]);
    expect(r.exitCode, r.stderr).toBe(0);
    const dom = r.stdout;
    expect(dom).toContain('data-ready="1"');
    const all = json.groups.flatMap((g) => g.findings);
    for (const sev of ['error', 'warning', 'info']) {
      expect(text(dom, `count-${sev}`), sev).toBe(String(all.filter((f) => f.severity === sev).length));
    }
    expect(text(dom, 'shown')).toBe(String(all.length));
    expect(all.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    // One matrix row per target, coloured by its worst finding.
    const rows = [...dom.matchAll(/<tr class="target" data-worst="(\w+)"><th>([^<]*)<\/th>/g)].map((m) => [m[2], m[1]]);
    expect(rows).toEqual([
      ['node-01', 'none'],
      ['node-02', 'error'],
      ['node-03', 'error'],
      ['node-04', 'error'],
    ]);
  });

  it('the search box filters the findings (?q= fills it)', async () => {
    const q = 'python/absent-on-target';
    const r = await chromium(dir, ['--dump-dom', `${pathToFileURL(page).href}?q=${encodeURIComponent(q)}`]);
    const expected = json.groups.flatMap((g) => g.findings).filter((f) => f.ruleId === q).length;
    expect(expected).toBeGreaterThan(0);
    expect(text(r.stdout, 'shown')).toBe(String(expected));
    const visibleRules = [...r.stdout.matchAll(/<tr class="finding[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => !/\shidden(=|>|\s)/.test(tag))
      .map((tag) => /data-rule="([^"]*)"/.exec(tag)?.[1]);
    expect(visibleRules).toEqual(Array(expected).fill(q));
  });

  it('renders to a screenshot', async () => {
    const png = join(tmpdir(), 'envdiff-fleet-report.png');
    rmSync(png, { force: true });
    const r = await chromium(dir, [`--screenshot=${png}`, '--window-size=1280,1600', pathToFileURL(page).href]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(png)).toBe(true);
    expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    console.log(`screenshot of the fleet report: ${png}`);
  });
});
