// The r facet against the real Rscript here: the base packages Debian's r-base-core ships, plus a
// library of tiny packages installed for real with `R CMD INSTALL`, whose DESCRIPTION fields are
// the ones CRAN, remotes (GitHub), Bioconductor and a local build write.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../../src/core/run-process.js';
import { parseR, rRepository } from '../../../src/facets/r/parse.js';
import { runProbe, SHELLS, sectionOf, toolsOnlyPath } from '../../helpers/probe-shells.js';

const HAVE_R = existsSync('/usr/bin/Rscript');

async function installedPackages(env: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  const r = await runProcess(
    'Rscript',
    [
      '--vanilla',
      '-e',
      'ip <- installed.packages(); ip <- ip[!duplicated(ip[, "Package"]), , drop = FALSE]; cat(paste(ip[, "Package"], ip[, "Version"], sep = "\\t"), sep = "\\n")',
    ],
    { env, timeoutMs: 60_000 },
  );
  if (r.exitCode !== 0) throw new Error(r.stderr);
  return new Map(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t') as [string, string]),
  );
}

describe.skipIf(!HAVE_R)('r probe with the real Rscript', () => {
  let dir = '';
  let lib = '';
  // Synthetic DESCRIPTION extras, each as the named installer writes it.
  const pkgs: Record<string, { version: string; extra: string; expect: string }> = {
    envdiffCran: { version: '1.2.3', extra: 'Repository: CRAN\n', expect: 'CRAN' },
    envdiffGithub: {
      version: '0.9.0.9000',
      extra: 'RemoteType: github\nRemoteUsername: someone\nRemoteRepo: envdiffGithub\n',
      expect: 'GitHub',
    },
    envdiffBioc: { version: '2.30.1', extra: 'biocViews: Software, Sequencing\n', expect: 'Bioconductor' },
    envdiffLocal: { version: '0.0.1', extra: '', expect: 'local' },
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-r-'));
    lib = join(dir, 'lib');
    mkdirSync(lib);
    for (const [name, p] of Object.entries(pkgs)) {
      const src = join(dir, 'src', name);
      mkdirSync(join(src, 'R'), { recursive: true });
      writeFileSync(
        join(src, 'DESCRIPTION'),
        `Package: ${name}\nVersion: ${p.version}\nTitle: Test\nDescription: Test package.\nLicense: MIT\n` +
          `Authors@R: person("A", "B", email = "a@b.c", role = c("aut", "cre"))\n${p.extra}`,
      );
      writeFileSync(join(src, 'NAMESPACE'), '');
      writeFileSync(join(src, 'R', 'f.R'), 'f <- function() 1\n');
      const r = await runProcess('R', ['CMD', 'INSTALL', '--no-test-load', '-l', lib, src], { timeoutMs: 120_000 });
      if (r.exitCode !== 0) throw new Error(r.stdout + r.stderr);
    }
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const shell of SHELLS) {
    it(`under ${shell.name}: same packages and versions as installed.packages(), with their sources`, async () => {
      const env = { ...process.env, R_LIBS: lib };
      const { section, home } = await runProbe('r', shell, { env });
      const facet = parseR(section, { home });
      expect(facet.status, facet.reason).toBe('ok');
      expect(facet.version).toBe('4.2.2');
      expect(facet.platform).toBe('x86_64-pc-linux-gnu');
      expect(facet.executable).toBe('/usr/bin/Rscript');
      expect(new Map(facet.packages!.map((p) => [p.name, p.version]))).toEqual(await installedPackages(env));
      const repo = new Map(facet.packages!.map((p) => [p.name, p.repository]));
      for (const [name, p] of Object.entries(pkgs)) expect(repo.get(name), name).toBe(p.expect);
      expect(repo.get('stats')).toBe('base');
      const names = facet.packages!.map((p) => p.name);
      expect(names).toEqual([...names].sort());
    });
  }

  it('in an renv project, captures the project library first, as renv would use it', async () => {
    const project = join(dir, 'project');
    const renvLib = join(project, 'renv', 'library', 'R-4.2', 'x86_64-pc-linux-gnu');
    mkdirSync(renvLib, { recursive: true });
    // The project pins envdiffCran at another version than the user library has.
    const src = join(dir, 'src-renv', 'envdiffCran');
    mkdirSync(join(src, 'R'), { recursive: true });
    writeFileSync(
      join(src, 'DESCRIPTION'),
      'Package: envdiffCran\nVersion: 2.0.0\nTitle: Test\nDescription: Test package.\nLicense: MIT\n' +
        'Authors@R: person("A", "B", email = "a@b.c", role = c("aut", "cre"))\nRepository: CRAN\n',
    );
    writeFileSync(join(src, 'NAMESPACE'), '');
    writeFileSync(join(src, 'R', 'f.R'), 'f <- function() 2\n');
    const r = await runProcess('R', ['CMD', 'INSTALL', '--no-test-load', '-l', renvLib, src], { timeoutMs: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    writeFileSync(join(project, 'renv.lock'), '{"R": {"Version": "4.2.2"}, "Packages": {}}\n');

    const env = { ...process.env, R_LIBS: lib };
    const inProject = await runProbe('r', SHELLS[0], { env, cwd: project });
    const facet = parseR(inProject.section, { home: inProject.home });
    expect(facet.status, facet.reason).toBe('ok');
    expect(facet.renvLibrary).toBe(renvLib);
    expect(facet.packages!.find((p) => p.name === 'envdiffCran')?.version).toBe('2.0.0');

    // Outside the project, the user library's 1.2.3 as before.
    const outside = parseR((await runProbe('r', SHELLS[0], { env, cwd: dir })).section, {});
    expect(outside.renvLibrary).toBeUndefined();
    expect(outside.packages!.find((p) => p.name === 'envdiffCran')?.version).toBe('1.2.3');
  });

  it('is absent without Rscript', async () => {
    const { section } = await runProbe('r', SHELLS[0], { env: { PATH: toolsOnlyPath() } });
    expect(parseR(section, {})).toEqual({ status: 'absent', reason: 'no Rscript on PATH' });
  });
});

describe('parseR on fixtures and garbage', () => {
  it('Debian 12 R 4.2.2 with only base packages', () => {
    const text = readFileSync(new URL('../../../fixtures/r/debian-12-r-4.2.2/probe.txt', import.meta.url), 'utf8');
    const f = parseR(sectionOf('r', text), {});
    expect(f).toMatchObject({ status: 'ok', version: '4.2.2', platform: 'x86_64-pc-linux-gnu', executable: '/usr/bin/Rscript' });
    expect(f.packages).toHaveLength(14);
    expect(f.packages!.every((p) => p.repository === 'base' && p.version === '4.2.2')).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['R died', '### rscript\n/usr/bin/Rscript'],
    ['garbage', '### r\nversion=abc\n### packages\n\u0000'],
  ])('%s → error with a reason', (_n, text) => {
    const f = parseR(sectionOf('r', text, 1, 'Error: cannot allocate'), {});
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/no R version/);
  });

  it.each([
    [{ repository: 'CRAN', remoteType: 'standard' }, 'CRAN'],
    [{ remoteType: 'standard', biocViews: true }, 'Bioconductor'],
    [{ remoteType: 'standard', repository: 'https://x.r-universe.dev' }, 'Custom'],
    [{ githubRepo: 'pkg', repository: 'CRAN' }, 'GitHub'],
    [{ remoteType: 'gitlab' }, 'GitLab'],
    [{ repository: 'RSPM' }, 'RSPM'],
    [{ priority: 'recommended', repository: 'CRAN' }, 'CRAN'],
    [{ priority: 'base' }, 'base'],
    [{}, 'local'],
  ])('source of %j is %s (sessioninfo order)', (fields, expected) => {
    expect(rRepository(fields)).toBe(expected);
  });
});
