// python3 on PATH is often a pyenv shim (a bash script): the probe resolves it as pyenv does,
// and must land on exactly the interpreter the shim would have run.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildProbeBundle } from '../../../src/capture/probe-bundle.js';
import { runProcess } from '../../../src/core/run-process.js';
import { splitProbeOutput } from '../../../src/core/sections.js';
import { parsePython } from '../../../src/facets/python/parse.js';

const root = join(homedir(), '.pyenv');
const HAS_PYENV = existsSync(join(root, 'shims', 'python3')) && existsSync(join(root, 'versions', '3.10.13'));

async function probeIn(cwd: string, env: NodeJS.ProcessEnv) {
  const r = await runProcess('dash', ['-s'], { input: buildProbeBundle({ only: ['python'] }), cwd, env, timeoutMs: 60_000 });
  const section = splitProbeOutput(r.stdout).get('python')!;
  return { section, facet: parsePython(section, {}) };
}

describe.skipIf(!HAS_PYENV)('python probe with a pyenv shim first on PATH', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(root, 'shims')}:/usr/local/bin:/usr/bin:/bin`, PYENV_ROOT: root };
  delete env['PYENV_VERSION'];

  it('follows .python-version in the working directory, as the shim would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-pyenv-'));
    writeFileSync(join(dir, '.python-version'), '3.10.13\n');
    const viaShim = execFileSync('python3', ['-c', 'import platform; print(platform.python_version())'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    }).trim();
    const { section, facet } = await probeIn(dir, env);
    expect(facet.version).toBe(viaShim);
    expect(facet.version).toBe('3.10.13');
    // The shim itself was not run: the probe named the real interpreter.
    expect(section.text).toContain(`### interpreter\n${join(root, 'versions', '3.10.13', 'bin', 'python3')}`);
  });

  it('PYENV_VERSION wins over .python-version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-pyenv-'));
    writeFileSync(join(dir, '.python-version'), '3.10.13\n');
    const { facet } = await probeIn(dir, { ...env, PYENV_VERSION: '3.12.1' });
    expect(facet.version).toBe('3.12.1');
  });

  it('falls back to the shim when the version is not installed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-pyenv-'));
    writeFileSync(join(dir, '.python-version'), '3.99.0\n');
    const { section } = await probeIn(dir, env);
    expect(section.text).toContain(`### interpreter\npython3\n`);
  });
});
