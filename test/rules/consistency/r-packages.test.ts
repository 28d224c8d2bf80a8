// `check`'s R rules: the R version that installed each package (`Built:`) and the R its Depends
// asks for, against the running R. On real Debian packages (fixtures/r/debian-12-r-cran-old-builds:
// bookworm's r-cran-* built by R 4.0.0 and 4.1.1, run by R 4.2.2), and on packages installed here
// with the real `R CMD INSTALL` whose recorded R version and R dependency were then rewritten
// (SYNTHETIC: what a library shared between R versions, or copied from another machine, holds) —
// each of those judged by R itself too: `library()` must stop, warn or load as the rule grades it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../../src/core/run-process.js';
import { parseR } from '../../../src/facets/r/parse.js';
import type { RFacet } from '../../../src/facets/r/types.js';
import { checkRPackages } from '../../../src/rules/consistency/r-packages.js';
import { fingerprint } from '../../helpers/fingerprint.js';
import { ROOT } from '../../helpers/fixtures.js';
import { runProbe, SHELLS } from '../../helpers/probe-shells.js';

const HAVE_R = existsSync('/usr/bin/Rscript');

const summary = (r: RFacet) =>
  checkRPackages(fingerprint('dev', { r }))
    .map((f) => `${f.severity} ${f.ruleId} ${f.subject}`)
    .sort();

describe('r rules on real Debian packages', () => {
  const r = JSON.parse(readFileSync(join(ROOT, 'fixtures/r/debian-12-r-cran-old-builds/expected.json'), 'utf8')) as RFacet;

  it('reports the packages R 4.0.0 and 4.1.1 built as info under R 4.2.2, and nothing for the same minor', () => {
    expect(summary(r)).toEqual([
      'info r/built-under-other-r BH',
      'info r/built-under-other-r futile.options',
      'info r/built-under-other-r rematch',
    ]);
  });

  it('their Depends on R (>= 2.8.0, >= 3.0.0) hold', () => {
    expect(r.packages?.find((p) => p.name === 'xmlparsedata')).toMatchObject({ built: '4.2.0', rDepends: '>= 3.0.0' });
    expect(summary(r).filter((s) => s.includes('r-version-too-old'))).toEqual([]);
  });
});

// Rewrites what R recorded at install time (Meta/package.rds: Built$R, Rdepends2, and the DESCRIPTION
// copy installed.packages() reads), as a package installed by another R would carry it.
const REWRITE = `
args <- commandArgs(TRUE)
f <- file.path(args[1], args[2], "Meta", "package.rds")
x <- readRDS(f)
if (nzchar(args[3])) {
  x$Built$R <- numeric_version(args[3])
  x$DESCRIPTION["Built"] <- sub("^R [^;]*", paste("R", args[3]), x$DESCRIPTION["Built"])
}
if (nzchar(args[4])) {
  x$Rdepends2 <- list(list(name = "R", op = ">=", version = numeric_version(args[4])))
  x$DESCRIPTION["Depends"] <- paste0("R (>= ", args[4], ")")
}
saveRDS(x, f)
`;

describe.skipIf(!HAVE_R)('r rules against what R itself does when loading the package', () => {
  let dir = '';
  let lib = '';
  // name → [the R version to record as Built, the R (>=) to record in Depends]
  const cases: Record<string, [string, string]> = {
    envdiffSame: ['', ''], // as installed: Built 4.2.2, Depends R (>= 3.5.0)
    envdiffOlderMinor: ['4.0.5', ''],
    envdiffNewerMinor: ['4.4.1', ''],
    envdiffRThree: ['3.6.3', ''],
    envdiffNeedsNewR: ['', '4.3.0'],
  };
  let facet: RFacet;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-r-check-'));
    lib = join(dir, 'lib');
    mkdirSync(lib);
    writeFileSync(join(dir, 'rewrite.R'), REWRITE);
    for (const [name, [built, rdep]] of Object.entries(cases)) {
      const src = join(dir, name);
      mkdirSync(join(src, 'R'), { recursive: true });
      writeFileSync(
        join(src, 'DESCRIPTION'),
        `Package: ${name}\nVersion: 1.0.0\nTitle: A check test\nDescription: A check test.\nLicense: MIT\nDepends: R (>= 3.5.0)\n`,
      );
      writeFileSync(join(src, 'NAMESPACE'), 'export(hello)\n');
      writeFileSync(join(src, 'R', 'hello.R'), 'hello <- function() "hello"\n');
      let r = await runProcess('R', ['CMD', 'INSTALL', '--no-test-load', `--library=${lib}`, src], { timeoutMs: 120_000 });
      if (r.exitCode !== 0) throw new Error(r.stderr);
      if (built || rdep) {
        r = await runProcess('Rscript', ['--vanilla', join(dir, 'rewrite.R'), lib, name, built, rdep], { timeoutMs: 60_000 });
        if (r.exitCode !== 0) throw new Error(r.stderr);
      }
    }
    const { section, home } = await runProbe('r', SHELLS[0], { env: { ...process.env, R_LIBS: lib } });
    facet = parseR(section, { home });
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function load(name: string): Promise<{ exitCode: number | null; text: string }> {
    const r = await runProcess('Rscript', ['--vanilla', '-e', `library(${name}, lib.loc = "${lib}")`], { timeoutMs: 60_000 });
    return { exitCode: r.exitCode, text: r.stdout + r.stderr };
  }

  it('the probe reads Built and the R dependency as R recorded them', () => {
    const pkg = (n: string) => facet.packages?.find((p) => p.name === n);
    expect(pkg('envdiffSame')).toMatchObject({ built: facet.version, rDepends: '>= 3.5.0' });
    expect(pkg('envdiffNewerMinor')?.built).toBe('4.4.1');
    expect(pkg('envdiffNeedsNewR')?.rDepends).toBe('>= 4.3.0');
  });

  it('grades each case as R does: nothing and info load, warning warns, errors stop', async () => {
    const f = checkRPackages(fingerprint('dev', { r: facet }));
    const grade = (n: string) => f.filter((x) => x.subject === n).map((x) => `${x.severity} ${x.ruleId}`);
    expect(grade('envdiffSame')).toEqual([]);
    expect(grade('envdiffOlderMinor')).toEqual(['info r/built-under-other-r']);
    expect(grade('envdiffNewerMinor')).toEqual(['warning r/built-under-other-r']);
    expect(grade('envdiffRThree')).toEqual(['error r/built-under-other-r']);
    expect(grade('envdiffNeedsNewR')).toEqual(['error r/r-version-too-old']);

    for (const n of ['envdiffSame', 'envdiffOlderMinor']) {
      const r = await load(n);
      expect(r.exitCode, n).toBe(0);
      expect(r.text, n).not.toMatch(/Warning|Error/);
    }
    const newer = await load('envdiffNewerMinor');
    expect(newer.exitCode).toBe(0);
    expect(newer.text).toContain('was built under R version 4.4.1');
    const three = await load('envdiffRThree');
    expect(three.exitCode).not.toBe(0);
    expect(three.text).toContain('was installed before R 4.0.0');
    const needs = await load('envdiffNeedsNewR');
    expect(needs.exitCode).not.toBe(0);
    expect(needs.text).toMatch(/This is R 4\.\d+\.\d+, package .envdiffNeedsNewR. needs >= 4\.3\.0/);
  });
});
