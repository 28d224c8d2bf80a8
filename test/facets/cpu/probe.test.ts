import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseCpu } from '../../../src/facets/cpu/parse.js';
import { x86LevelOf } from '../../../src/facets/cpu/x86-levels.js';
import { loadFixtures, runBundle, SHELLS, sh } from '../../helpers/fixtures.js';

const ctx = {};

/** The highest level glibc's own loader reports as supported (glibc 2.33+), independently of envdiff. */
function glibcLevel(): number | undefined {
  const r = spawnSync('/lib64/ld-linux-x86-64.so.2', ['--help'], { encoding: 'utf8' });
  const levels = [...(r.stdout ?? '').matchAll(/x86-64-v(\d) \(supported/g)].map((m) => Number(m[1]));
  if (!/x86-64-v\d/.test(r.stdout ?? '')) return undefined;
  return Math.max(1, ...levels);
}
const section = (text: string) => ({ id: 'cpu', exitCode: 0, text, stderr: '' });

describe('cpu fixtures', () => {
  // Each fixture against its expected.json: test/facets/golden.test.ts. The facts each fixture exists for, stated independently of expected.json.
  const levels: Record<string, number | undefined> = {
    'amd-epyc-local': 4, // avx512f/bw/cd/dq/vl
    'amd-epyc-vm-no-abm': 4, // no "abm" in cpuinfo (flags alone: v2), glibc's loader says v4 is supported
    'amd-ryzen-9-5950x-znver3': 3, // Zen 3: AVX2, no AVX-512
    'intel-core-ultra-9-285-arrowlake': 3,
    'macos-mojave-skylake': 3, // i7-6700K, features named the macOS way (AVX1.0, SSE4.1, LZCNT)
    'macos-monterey-rosetta2-m1': 1, // Rosetta 2 shows no POPCNT / LAHF
    'aws-graviton2-neoverse-n1': undefined,
    'macos-sequoia-m4-max': undefined,
  };
  for (const [name, level] of Object.entries(levels)) {
    it(`${name}: x86Level is ${level}`, () => {
      const fx = loadFixtures('cpu').find((f) => f.name === name)!;
      expect(parseCpu(fx.section, ctx).x86Level).toBe(level);
    });
  }
});

describe('cpu parser', () => {
  it('level table: each level needs every lower level', () => {
    const v1 = ['cmov', 'cx8', 'fpu', 'fxsr', 'mmx', 'sse', 'sse2'];
    const v2 = [...v1, 'cx16', 'lahf_lm', 'popcnt', 'pni', 'sse4_1', 'sse4_2', 'ssse3'];
    const v3 = [...v2, 'avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'abm', 'movbe', 'xsave'];
    const v4 = [...v3, 'avx512f', 'avx512bw', 'avx512cd', 'avx512dq', 'avx512vl'];
    expect(x86LevelOf(new Set(v1))).toBe(1);
    expect(x86LevelOf(new Set(v2))).toBe(2);
    expect(x86LevelOf(new Set(v3))).toBe(3);
    expect(x86LevelOf(new Set(v4))).toBe(4);
    expect(x86LevelOf(new Set(v4.filter((f) => f !== 'abm')))).toBe(2); // no LZCNT: v3 fails, so v4 does too
    expect(x86LevelOf(new Set(['sse2']))).toBeUndefined();
  });

  it("glibc's loader decides the level when it speaks; a level it lists without 'supported' is missing", () => {
    const v2flags = 'flags\t\t: fpu cx8 cmov mmx fxsr sse sse2 pni ssse3 cx16 sse4_1 sse4_2 popcnt lahf_lm\nbugs\t\t: none';
    const base = `### uname-m\nx86_64\n### cpuinfo\n${v2flags}\n`;
    expect(parseCpu(section(base), ctx).x86Level).toBe(2);
    const hw = (lines: string) => parseCpu(section(`${base}### glibc-hwcaps\n${lines}`), ctx).x86Level;
    expect(hw('  x86-64-v4 (supported, searched)\n  x86-64-v3 (supported, searched)\n  x86-64-v2 (supported, searched)')).toBe(4);
    expect(hw('  x86-64-v4\n  x86-64-v3 (supported, searched)\n  x86-64-v2 (supported, searched)')).toBe(3);
    expect(hw('  x86-64-v4\n  x86-64-v3\n  x86-64-v2')).toBe(1);
    expect(hw('')).toBe(2); // an older glibc prints no list: the flags decide
  });

  it('drops hypervisor and kernel flags, keeps ISA flags, sorted', () => {
    const f = parseCpu(
      section('### uname-m\nx86_64\n### cpuinfo\nflags\t\t: sse2 hypervisor avx2 constant_tsc fpu arat\nbugs\t\t: spectre_v1'),
      ctx,
    );
    expect(f.flags).toEqual(['avx2', 'fpu', 'sse2']);
  });

  it('no x86Level on aarch64 even with an x86-looking flag list', () => {
    const f = parseCpu(section('### uname-m\naarch64\n### cpuinfo\nFeatures\t: fp asimd\nCPU implementer\t: 0x61\nCPU part\t: 0x022'), ctx);
    expect(f).toMatchObject({ vendor: 'apple', model: '0x61 part 0x022', flags: ['asimd', 'fp'] });
    expect(f.x86Level).toBeUndefined();
  });

  it('garbage gives status error with a reason, never a throw', () => {
    for (const text of ['', 'hello', '### cpuinfo\n', '### ncpu\nzero', '### sysctl\nnot: useful']) {
      const f = parseCpu(section(text), ctx);
      expect(f.status).toBe('error');
      expect(f.reason).toMatch(/cpu:/);
    }
  });
});

describe('cpu probe on this machine (real dash and busybox)', () => {
  for (const shell of SHELLS) {
    it(`${shell.join(' ')}: facts match nproc, /proc/cpuinfo and /proc/meminfo`, () => {
      const f = parseCpu(runBundle(shell, { only: ['cpu'] }).get('cpu')!, ctx);
      expect(f.status).toBe('ok');
      expect(f.logicalCores).toBe(Number(sh('nproc')));
      const info = readFileSync('/proc/cpuinfo', 'utf8');
      expect(f.model).toBe(/^model name\s*:\s*(.*)$/m.exec(info)![1]!.trim());
      const memKb = Number(/^MemTotal:\s*(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
      expect(f.memoryBytes).toBe(memKb * 1024);
      const raw = new Set(/^flags\s*:\s*(.*)$/m.exec(info)![1]!.split(/\s+/));
      for (const flag of f.flags ?? []) expect(raw.has(flag)).toBe(true);
      expect(f.flags).toEqual([...(f.flags ?? [])].sort());
      if (sh('uname -m') === 'x86_64') {
        expect(f.x86Level).toBe(glibcLevel() ?? x86LevelOf(raw));
      }
    });
  }

  it('gives byte-identical facets on two runs (no MHz, no bogomips)', () => {
    const a = parseCpu(runBundle(['dash', '-s'], { only: ['cpu'] }).get('cpu')!, ctx);
    const b = parseCpu(runBundle(['busybox', 'sh', '-s'], { only: ['cpu'] }).get('cpu')!, ctx);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
