// Capture this machine for real and check each facet against an independent source:
// uname, /etc/os-release, the interpreter itself, pip, Rscript, java, dpkg-query.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Fingerprint } from '../../src/facets/index.js';
import { checkFingerprint } from '../../src/core/fingerprint-schema.js';
import { parseKeyValues } from '../../src/core/sections.js';
import { x86LevelOf } from '../../src/facets/cpu/x86-levels.js';
import { runEnvdiff } from '../support/cli.js';

const PY = `${homedir()}/.pyenv/versions/3.11.7/bin/python`;
const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' }).trim();

let fp: Fingerprint;
beforeAll(async () => {
  const r = await runEnvdiff(['capture', '--python', PY, '--label', 'this-machine']);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  fp = JSON.parse(r.stdout) as Fingerprint;
});

describe('envdiff capture on this machine', () => {
  it('writes a fingerprint that validates against the schema', () => {
    expect(checkFingerprint(fp)).toEqual([]);
    expect(fp.label).toBe('this-machine');
    expect(fp.target).toEqual({ kind: 'local', ref: 'localhost' });
  });

  it('os matches /etc/os-release, uname -m and getconf', () => {
    const rel = parseKeyValues(readFileSync('/etc/os-release', 'utf8'));
    const os = fp.facets.os;
    expect(os.status).toBe('ok');
    expect(os.name).toBe('linux');
    expect(os.arch).toBe(sh('uname', ['-m']));
    expect(os.distro?.id).toBe(rel.ID);
    expect(os.distro?.versionId).toBe(rel.VERSION_ID);
    expect(os.libc).toEqual({ family: 'glibc', version: sh('getconf', ['GNU_LIBC_VERSION']).split(' ')[1] });
  });

  it('kernel matches uname', () => {
    expect(fp.facets.kernel).toMatchObject({ status: 'ok', release: sh('uname', ['-r']), version: sh('uname', ['-v']) });
  });

  it('cpu matches nproc and /proc/meminfo', () => {
    const cpu = fp.facets.cpu;
    expect(cpu.status).toBe('ok');
    expect(cpu.logicalCores).toBe(Number(sh('nproc', ['--all'])) || Number(sh('nproc', [])));
    const memKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    expect(cpu.memoryBytes).toBe(memKb * 1024);
    const flags = /^flags\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.split(/\s+/) ?? [];
    if (flags.includes('avx2')) expect(cpu.flags).toContain('avx2');
    // glibc's loader reads CPUID itself; a VM's /proc/cpuinfo may hide a flag (fixtures/cpu/amd-epyc-vm-no-abm).
    const hwcaps = spawnSync('/lib64/ld-linux-x86-64.so.2', ['--help'], { encoding: 'utf8' }).stdout ?? '';
    const glibc = [...hwcaps.matchAll(/x86-64-v(\d) \(supported/g)].map((m) => Number(m[1]));
    expect(cpu.x86Level).toBe(/x86-64-v\d/.test(hwcaps) ? Math.max(1, ...glibc) : x86LevelOf(new Set(flags)));
  });

  it('gpu is absent on this machine (no NVIDIA tools)', () => {
    expect(spawnSync('nvidia-smi', ['-L']).error).toBeDefined();
    expect(fp.facets.gpu.status).toBe('absent');
  });

  it('python matches the interpreter and pip list (same names and versions)', () => {
    const py = fp.facets.python;
    expect(py.status).toBe('ok');
    expect(py.version).toBe(sh(PY, ['-c', 'import platform; print(platform.python_version())']));
    expect(py.implementation).toBe('CPython');
    expect(py.abi).toBe('cp311');
    const pip = JSON.parse(sh(PY, ['-m', 'pip', 'list', '--format=json'])) as { name: string; version: string }[];
    const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');
    const expected = pip.map((p) => `${norm(p.name)}==${p.version}`).sort();
    const got = (py.packages ?? []).map((p) => `${p.name}==${p.version}`).sort();
    expect(got).toEqual(expected);
  });

  it('r matches Rscript', () => {
    const r = fp.facets.r;
    if (!existsSync('/usr/bin/Rscript')) {
      expect(r.status).toBe('absent');
      return;
    }
    expect(r.status).toBe('ok');
    expect(r.version).toBe(sh('Rscript', ['-e', 'cat(as.character(getRversion()))']));
    const count = Number(sh('Rscript', ['-e', 'cat(nrow(installed.packages()))']));
    expect(r.packages?.length).toBe(count);
  });

  it('jvm matches java -version', () => {
    const out = execFileSync('java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const err = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr + out;
    const version = /version "([^"]+)"/.exec(err)![1];
    expect(fp.facets.jvm.status).toBe('ok');
    expect(fp.facets.jvm.java?.version).toBe(version);
  });

  it('system packages match dpkg-query -W (same count and versions)', () => {
    const rows = sh('dpkg-query', ['-W', '-f=${Package}\\t${Version}\\t${db:Status-Abbrev}\\n'])
      .split('\n')
      .filter((l) => l.split('\t')[2]?.startsWith('i'));
    const sys = fp.facets.system;
    expect(sys.status).toBe('ok');
    expect(sys.manager).toBe('dpkg');
    expect(sys.packages?.length).toBe(rows.length);
    const versions = new Map(rows.map((l) => [l.split('\t')[0]!, l.split('\t')[1]!]));
    for (const p of sys.packages ?? []) expect(versions.get(p.name)).toBe(p.version);
  });

  it('keeps hostnames, user names and secrets out', () => {
    const text = JSON.stringify(fp);
    const host = sh('hostname', []);
    if (host.length > 3) expect(text).not.toContain(host);
    expect(text).not.toContain(realpathSync(homedir()) + '/');
  });
});
