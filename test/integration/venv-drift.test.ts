// Drift between a requirements file and a REAL virtualenv: a venv made by CPython 3.11.7, two
// tiny wheels built here (no index is reachable), one installed at another version than the
// lock pins, one pinned package not installed. capture → checkLockfiles reports exactly those.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureFingerprint } from '../../src/capture/capture.js';
import type { Fingerprint } from '../../src/facets/index.js';
import { captureLockfiles } from '../../src/capture/lockfiles.js';
import { checkLockfiles } from '../../src/rules/lock-check.js';
import { localTransport } from '../../src/capture/targets/local.js';

const PYTHON = join(homedir(), '.pyenv/versions/3.11.7/bin/python');

/** A minimal PEP 427 wheel written with the interpreter's own zipfile (RECORD hashes left empty: pip accepts that). */
function buildWheel(python: string, outDir: string, name: string, version: string): string {
  const script = `
import sys, zipfile
name, version, out = sys.argv[1], sys.argv[2], sys.argv[3]
mod = name.replace('-', '_')
dist = f"{mod}-{version}.dist-info"
path = f"{out}/{mod}-{version}-py3-none-any.whl"
files = {
  f"{mod}.py": "VALUE = 1\\n",
  f"{dist}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",
  f"{dist}/WHEEL": "Wheel-Version: 1.0\\nGenerator: envdiff-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
with zipfile.ZipFile(path, "w") as z:
  for k, v in files.items(): z.writestr(k, v)
  z.writestr(f"{dist}/RECORD", "".join(f"{k},,\\n" for k in files) + f"{dist}/RECORD,,\\n")
print(path)
`;
  return execFileSync(python, ['-c', script, name, version, outDir], { encoding: 'utf8' }).trim();
}

describe.skipIf(!existsSync(PYTHON))('lock file vs a real virtualenv', () => {
  let fp: Fingerprint;
  let markersFp: Fingerprint;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-venv-'));
    const venv = join(dir, 'venv');
    execFileSync(PYTHON, ['-m', 'venv', venv]);
    const py = join(venv, 'bin/python');
    const wheels = join(dir, 'wheels');
    mkdirSync(wheels);
    const demo = buildWheel(py, wheels, 'envdiff-demo', '1.0.0');
    const ok = buildWheel(py, wheels, 'envdiff-ok', '1.0.0');
    execFileSync(py, ['-m', 'pip', 'install', '--no-index', '--no-deps', '--disable-pip-version-check', '-q', demo, ok]);
    const project = join(dir, 'project');
    mkdirSync(project);
    // Synthetic lock file for this test: one drifted pin, one matching pin written differently
    // (name spelling, 1.0 == 1.0.0 under PEP 440), one package that is not installed.
    writeFileSync(join(project, 'requirements.txt'), ['envdiff-demo==2.0.0', 'Envdiff_OK==1.0', 'envdiff-absent==0.1.0', ''].join('\n'));
    const lockfiles = await captureLockfiles({ cwd: project });
    fp = await captureFingerprint({ transport: localTransport(), python: py, lockfiles, label: 'venv' });
    // A second project against the same real venv: markers, extras, a trailing comment, and a
    // constraints file (synthetic lines, forms pip documents). Its os/python facets are the real ones.
    const marked = join(dir, 'marked');
    mkdirSync(marked);
    writeFileSync(
      join(marked, 'requirements.txt'),
      [
        '-c constraints.txt',
        'pywin32==306 ; sys_platform == "win32"',
        'envdiff-absent==0.1.0 ; sys_platform == "linux" and python_version >= "3.8"',
        'colorama==0.4.6 ; extra == "windows"',
        'envdiff-ok[extra]==1.0.0   # pinned: tested with this one',
        '',
      ].join('\n'),
    );
    writeFileSync(join(marked, 'constraints.txt'), ['envdiff-demo<1', 'numpy==1.26.4', ''].join('\n'));
    markersFp = { ...fp, facets: { ...fp.facets, lockfiles: await captureLockfiles({ cwd: marked }) } };
  }, 180_000);

  it('captured the venv and the lock file', () => {
    expect(fp.facets.python.status).toBe('ok');
    const names = (fp.facets.python.packages ?? []).map((p) => `${p.name}==${p.version}`);
    expect(names).toEqual(expect.arrayContaining(['envdiff-demo==1.0.0', 'envdiff-ok==1.0.0']));
    expect(fp.facets.lockfiles.files?.map((f) => `${f.path} ${f.kind} ${f.packages.length}`)).toEqual(['requirements.txt requirements 3']);
  });

  it('reports exactly the drifted pin and the missing package', () => {
    const findings = checkLockfiles(fp);
    expect(findings.map((f) => [f.ruleId, f.severity, f.subject, f.baseline, f.target])).toEqual([
      ['lockfiles/not-installed', 'error', 'requirements.txt:envdiff-absent', '0.1.0', null],
      ['lockfiles/version-mismatch', 'error', 'requirements.txt:envdiff-demo', '2.0.0', '1.0.0'],
    ]);
    expect(findings[1]!.message).toBe('envdiff-demo is 1.0.0 here but requirements.txt locks 2.0.0 (major difference)');
  });

  it('evaluates markers against the captured interpreter and OS, and applies constraints to installed packages only', () => {
    const findings = checkLockfiles(markersFp);
    expect(findings.map((f) => [f.ruleId, f.severity, f.subject, f.baseline, f.target])).toEqual([
      ['lockfiles/not-installed', 'error', 'requirements.txt:envdiff-absent', '0.1.0', null],
      ['lockfiles/version-mismatch', 'error', 'requirements.txt:envdiff-demo', '<1', '1.0.0'],
      ['lockfiles/not-installed', 'info', 'requirements.txt:colorama', '0.4.6', null],
    ]);
    expect(findings[2]!.message).toContain('only where extra == "windows"');
  });
});
