// A real cross-distro scenario: this machine (Debian 12, glibc 2.36, pyenv CPython 3.11) against
// a real Debian 11 image (glibc 2.31, Debian's CPython 3.9) built by debootstrap and captured
// through podman. The expectations are computed from the captures, not written in: which wheels
// need a newer glibc than 2.31 is read from the host's own wheel tags.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fingerprint } from '../../src/facets/index.js';
import { runEnvdiff } from '../support/cli.js';
import { ensureBullseyePythonImage, podmanWorks, runInImage } from '../support/podman.js';

const PY = `${homedir()}/.pyenv/versions/3.11.7/bin/python`;
const dir = mkdtempSync(join(tmpdir(), 'envdiff-xdistro-'));

interface Report {
  findings: { ruleId: string; severity: string; subject: string; baseline: string | null; target: string | null; message: string }[];
}

/** glibc a wheel needs: the lowest manylinux level among its tags (any one tag suffices). */
function glibcNeeded(tags: readonly string[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const t of tags) {
    const m = /manylinux_(\d+)_(\d+)_/.exec(t);
    const legacy = /manylinux(1|2010|2014)_/.exec(t);
    const v: [number, number] | undefined = m
      ? [Number(m[1]), Number(m[2])]
      : legacy
        ? (({ '1': [2, 5], '2010': [2, 12], '2014': [2, 17] } as const)[legacy[1] as '1' | '2010' | '2014'].slice() as [number, number])
        : undefined;
    if (v && (!best || v[0] < best[0] || (v[0] === best[0] && v[1] < best[1]))) best = v;
  }
  return best;
}

describe.skipIf(!podmanWorks())('Debian 12 dev machine vs a Debian 11 image', () => {
  let host: Fingerprint;
  let image: Fingerprint;
  let report: Report;
  let exitCode: number | null;

  beforeAll(async () => {
    const tag = await ensureBullseyePythonImage();
    const h = await runEnvdiff(['capture', '--no-lock', '--python', PY, '--label', 'dev', '-o', join(dir, 'dev.json')]);
    expect(h.exitCode, h.stderr).toBe(0);
    const i = await runEnvdiff(['capture', '--target', `podman:${tag}`, '--label', 'bullseye', '-o', join(dir, 'qa.json')]);
    expect(i.exitCode, i.stderr).toBe(0);
    host = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'dev.json'), 'utf8'));
    image = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'qa.json'), 'utf8'));
    const r = await runEnvdiff(['compare', join(dir, 'dev.json'), join(dir, 'qa.json'), '--format', 'json']);
    exitCode = r.exitCode;
    report = JSON.parse(r.stdout) as Report;
    writeFileSync(join(dir, 'report.json'), r.stdout);
  }, 600_000);

  it('captures the image as Debian 11 with glibc 2.31, matching the image itself', async () => {
    const tag = await ensureBullseyePythonImage();
    expect(image.facets.os.distro).toMatchObject({ id: 'debian', versionId: '11', codename: 'bullseye' });
    const ldd = await runInImage(tag, ['getconf', 'GNU_LIBC_VERSION']);
    expect(image.facets.os.libc).toEqual({ family: 'glibc', version: ldd.trim().split(' ')[1] });
    const pyv = await runInImage(tag, ['python3', '-c', 'import platform; print(platform.python_version())']);
    expect(image.facets.python.version).toBe(pyv.trim());
  });

  it('names exactly the wheels that need a newer glibc than the image has, as an error', () => {
    const [tMaj, tMin] = image.facets.os.libc!.version!.split('.').map(Number) as [number, number];
    const tooNew = (host.facets.python.packages ?? [])
      .filter((p) => {
        const need = glibcNeeded(p.tags ?? []);
        return need && (need[0] > tMaj || (need[0] === tMaj && need[1] > tMin));
      })
      .map((p) => p.name);
    const finding = report.findings.find((f) => f.ruleId === 'os/glibc-too-old-for-wheels');
    if (tooNew.length === 0) {
      expect(finding).toBeUndefined();
      return;
    }
    expect(finding?.severity).toBe('error');
    for (const name of tooNew.slice(0, 3)) expect(finding!.message).toContain(name);
  });

  it('reports the Python minor version and the distro release, and exits 1', () => {
    expect(report.findings.find((f) => f.ruleId === 'python/minor-version')).toMatchObject({
      severity: 'error',
      baseline: host.facets.python.version,
      target: image.facets.python.version,
    });
    expect(report.findings.some((f) => f.ruleId === 'os/distro' && f.severity === 'warning')).toBe(true);
    expect(exitCode).toBe(1);
  });

  it('says R and Java are missing on the image rather than staying silent', () => {
    expect(image.facets.r.status).toBe('absent');
    expect(report.findings.some((f) => f.ruleId === 'r/absent-on-target')).toBe(true);
    expect(report.findings.some((f) => f.ruleId === 'jvm/absent-on-target')).toBe(true);
  });
});
