// `envdiff import` as a user runs it, on the real samples under fixtures/import/ and
// fixtures/gpu/nvidia-smi-xml-*/ (each with its SOURCE.md): every sample becomes a valid
// fingerprint marked with its kind and sha256; the facets its report speaks about are the parser's,
// the others "could not tell"; several reports merge, and reports that disagree are refused.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/app/import.js';
import { checkFingerprint } from '../../src/core/fingerprint-schema.js';
import { REPO } from '../helpers/paths.js';
import { runEnvdiff } from '../support/cli.js';

const FIXTURES = join(REPO, 'fixtures');
const NOT_INPUT = new Set(['SOURCE.md', 'expected.json', 'expected-import.json']);

function samples(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const kind of readdirSync(join(FIXTURES, 'import'))) {
    for (const scenario of readdirSync(join(FIXTURES, 'import', kind))) {
      const dir = join(FIXTURES, 'import', kind, scenario);
      const input = readdirSync(dir).find((f) => !NOT_INPUT.has(f))!;
      out.push([`${kind}/${scenario}`, kind, join(dir, input)]);
    }
  }
  for (const scenario of readdirSync(join(FIXTURES, 'gpu')).filter((s) => s.startsWith('nvidia-smi-xml-'))) {
    out.push([`gpu/${scenario}`, 'nvidia-smi-xml', join(FIXTURES, 'gpu', scenario, 'nvidia-smi-q-x.xml')]);
  }
  return out;
}

describe('envdiff import on every real sample', () => {
  it.each(samples())('%s', async (_, kind, file) => {
    const expected = JSON.parse(
      readFileSync(
        join(file, '..', existsSync(join(file, '..', 'expected-import.json')) ? 'expected-import.json' : 'expected.json'),
        'utf8',
      ),
    ) as { facets: Record<string, unknown> };
    const { fingerprint } = await runImport({ files: [file], now: () => new Date(0) });
    expect(checkFingerprint(fingerprint)).toEqual([]);
    expect(fingerprint.target.kind).toBe('import');
    expect(fingerprint.sources?.map((s) => [s.kind, s.sha256])).toEqual([
      [kind, createHash('sha256').update(readFileSync(file)).digest('hex')],
    ]);
    const facets = fingerprint.facets as unknown as Record<string, { status: string; reason?: string }>;
    for (const [id, facet] of Object.entries(facets)) {
      if (id in expected.facets) expect(facet, id).toEqual(expected.facets[id]);
      else if (id === 'lockfiles') expect(facet.status).toBe('absent');
      else expect(facet, id).toEqual({ status: 'error', reason: `not in the imported report (${kind})` });
    }
  });
});

const F = (p: string) => join(FIXTURES, 'import', p);

describe('envdiff import of several reports', () => {
  it('a sessionInfo() and a pip list of one machine give one fingerprint with both sources, R and Python', async () => {
    const r = F('session-info/r-4.4-linux-ubuntu-24.04/sessionInfo.txt');
    const pip = F('pip-list-json/local-venv-3.11-editable/pip-list.json');
    const { fingerprint } = await runImport({ files: [r, pip] });
    expect(fingerprint.sources?.map((s) => s.kind)).toEqual(['session-info', 'pip-list-json']);
    expect(fingerprint.facets.r.status).toBe('ok');
    expect(fingerprint.facets.python.status).toBe('ok');
    expect(fingerprint.facets.python.packages?.length).toBeGreaterThan(0);
    const names = fingerprint.facets.python.packages!.map((p) => p.name);
    expect(names).toEqual([...names].sort());
  });

  it('reports that disagree on a fact are refused, naming both files and the fact', async () => {
    const a = F('collect-env/torch-1.12-linux-3x3090-cu116/collect_env.txt');
    const b = F('collect-env/torch-1.4-linux-20-gpus/collect_env.txt');
    await expect(runImport({ files: [a, b] })).rejects.toThrow(/collect_env\.txt and .*collect_env\.txt disagree on (os|gpu|python) /);
  });
});

describe('envdiff import (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envdiff-import-'));

  it('writes the fingerprint with -o and exits 0; stdin works as -', async () => {
    const out = join(dir, 'bug.json');
    const r = await runEnvdiff(['import', F('collect-env/torch-2.2-linux-arch-lscpu-conda/collect_env.txt'), '-o', out]);
    expect(r.exitCode).toBe(0);
    const fp = JSON.parse(readFileSync(out, 'utf8'));
    expect(fp.label).toBe('collect_env');
    const piped = await runEnvdiff(['import', '-', '--label', 'freeze'], {
      input: readFileSync(F('pip-freeze/colab-2025-08-runtime/pip-freeze.txt'), 'utf8'),
    });
    expect(piped.exitCode).toBe(0);
    expect(JSON.parse(piped.stdout).sources[0].kind).toBe('pip-freeze');
  });

  it('a file of no kind it reads: one line, exit 2, nothing written', async () => {
    const out = join(dir, 'none.json');
    const r = await runEnvdiff(['import', F('collect-env/torch-1.12-linux-3x3090-cu116/SOURCE.md'), '-o', out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^envdiff: import: .*SOURCE\.md: not a report envdiff can import — envdiff import reads /);
    expect(existsSync(out)).toBe(false);
  });

  it('two imported sessionInfo() reports compare: R 4.0 → 4.4 and its packages; facets neither report gave are not compared', async () => {
    const a = join(dir, 'r40.json');
    const b = join(dir, 'r44.json');
    expect((await runEnvdiff(['import', F('session-info/r-4.0-linux-ubuntu-18.04-bioc/sessionInfo.txt'), '-o', a])).exitCode).toBe(0);
    expect((await runEnvdiff(['import', F('session-info/r-4.4-linux-ubuntu-24.04/sessionInfo.txt'), '-o', b])).exitCode).toBe(0);
    const r = await runEnvdiff(['compare', a, b, '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const rules = new Set((JSON.parse(r.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId));
    expect([...rules].filter((id) => id.startsWith('r/') || id.startsWith('os/')).sort()).toEqual(
      expect.arrayContaining(['os/distro', 'r/minor-version', 'r/package-missing']),
    );
    expect(rules.has('python/not-compared')).toBe(true);
  });

  it('--lock refuses a report of another tool, whatever its name (collect_env saved as requirements.txt)', async () => {
    writeFileSync(join(dir, 'requirements.txt'), readFileSync(F('collect-env/torch-1.12-linux-3x3090-cu116/collect_env.txt')));
    writeFileSync(join(dir, 'env.txt'), readFileSync(F('session-info/r-4.4-linux-ubuntu-24.04/sessionInfo.txt')));
    for (const [name, title] of [
      ['requirements.txt', 'PyTorch collect_env report'],
      ['env.txt', 'R sessionInfo() report'],
    ] as const) {
      const r = await runEnvdiff(['capture', '--lock', name, '-o', join(dir, 'no.json')], { cwd: dir });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${name} is a ${title}, not a lock file: make a fingerprint of it with \`envdiff import ${name}\``);
      expect(existsSync(join(dir, 'no.json'))).toBe(false);
    }
  });
});
