// A probe whose command failed, or whose output is not what the command prints, gives status
// error with a reason — never ok with an empty or cut list. Each case runs the real probe under
// real dash and busybox, with real tools made to fail: dpkg-query over a corrupt status file
// (DPKG_ADMINDIR, dpkg-query(1) ENVIRONMENT), a real /proc/cpuinfo copy cut inside its flags line,
// a real Python and a real Rscript whose process exits non-zero after printing everything.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProbe } from '../../src/capture/probe-bundle.js';
import { parseCpu } from '../../src/facets/cpu/parse.js';
import { parsePython } from '../../src/facets/python/parse.js';
import { parseR } from '../../src/facets/r/parse.js';
import { parseSystem } from '../../src/facets/system/parse.js';
import { REPO } from '../helpers/paths.js';
import { runProbe, SHELLS } from '../helpers/probe-shells.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'envdiff-probe-fail-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HAVE_DPKG = existsSync('/usr/bin/dpkg-query');
const PY311 = join(homedir(), '.pyenv', 'versions', '3.11.7', 'bin', 'python3.11');
const HAVE_R = existsSync('/usr/bin/Rscript');

describe.skipIf(!HAVE_DPKG)('system: dpkg-query over a corrupt database', () => {
  for (const shell of SHELLS) {
    it(`${shell.name}: dpkg-query exits 2 → error naming its message, not "ok, 0 packages" nor "absent"`, async () => {
      const admin = join(dir, `dpkg-${shell.name.replace(/\W/g, '')}`);
      mkdirSync(join(admin, 'info'), { recursive: true });
      mkdirSync(join(admin, 'updates'), { recursive: true });
      // One good record, then a line that is not a field: dpkg's parser stops with exit 2.
      writeFileSync(
        join(admin, 'status'),
        'Package: foo\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n\nthis is garbage\n',
      );
      const { section } = await runProbe('system', shell, { env: { ...process.env, DPKG_ADMINDIR: admin } });
      const facet = parseSystem(section, {});
      expect(facet.status).toBe('error');
      expect(facet.reason).toMatch(/^dpkg-query exited 2: dpkg-query: error: parsing file '.*status' near line 5/);
      expect(facet).not.toHaveProperty('packages');
    });
  }

  it('the same database read intact gives its package', async () => {
    const admin = join(dir, 'dpkg-good');
    mkdirSync(join(admin, 'updates'), { recursive: true });
    writeFileSync(
      join(admin, 'status'),
      'Package: foo\nStatus: install ok installed\nPriority: optional\nVersion: 1.0\nArchitecture: amd64\nMaintainer: x <x@example.org>\nDescription: x\n',
    );
    const { section } = await runProbe('system', SHELLS[0], { env: { ...process.env, DPKG_ADMINDIR: admin } });
    expect(parseSystem(section, {})).toMatchObject({
      status: 'ok',
      manager: 'dpkg',
      packages: [{ name: 'foo', version: '1.0', arch: 'amd64' }],
    });
  });

  it('a dpkg list with a line that is not a record is an error, not a shorter list', () => {
    const f = parseSystem(
      { id: 'system', exitCode: 0, text: '### dpkg\nadduser\t3.134\tall\tii \timportant\nGarbage here', stderr: '' },
      {},
    );
    expect(f).toEqual({ status: 'error', reason: 'dpkg-query printed a line that is not a package record: "Garbage here"' });
  });
});

describe('cpu: a /proc/cpuinfo cut inside its flags line', () => {
  // A real first processor block (fixtures/cpu/intel-core-ultra-9-285-arrowlake, see its SOURCE.md).
  const real = readFileSync(join(REPO, 'fixtures', 'cpu', 'intel-core-ultra-9-285-arrowlake', 'cpuinfo'), 'utf8');
  const flagsAt = real.indexOf('\nflags');
  const cut = real.slice(0, real.indexOf(' avx2', flagsAt)); // ends mid-list, before avx2
  // The copy stands in for this machine's CPU, so glibc's loader (which reads this machine's CPUID)
  // is kept out of it: the level then comes from the copy's flags alone.
  const probeReading = (path: string) =>
    readProbe('cpu').replaceAll('/proc/cpuinfo', path).replaceAll('/lib64/ld-linux-x86-64.so.2', join(dir, 'no-such-loader'));

  for (const shell of SHELLS) {
    it(`${shell.name}: the cut copy gives error; the whole copy gives the flags`, async () => {
      const whole = join(dir, 'cpuinfo-whole');
      const short = join(dir, 'cpuinfo-cut');
      writeFileSync(whole, real);
      writeFileSync(short, cut);
      const bad = parseCpu((await runProbe('cpu', shell, { bundle: { overrides: { cpu: probeReading(short) } } })).section, {});
      expect(bad.status).toBe('error');
      expect(bad.reason).toMatch(/ends at its "flags" line.*cut short/);
      const good = parseCpu((await runProbe('cpu', shell, { bundle: { overrides: { cpu: probeReading(whole) } } })).section, {});
      expect(good.status).toBe('ok');
      expect(good.flags).toContain('avx2');
      expect(good.x86Level).toBe(3);
    });
  }
});

describe.skipIf(!existsSync(PY311))('python: an interpreter that exits non-zero', () => {
  for (const shell of SHELLS) {
    it(`${shell.name}: the real Python prints its JSON, then exits 3 → error, not ok`, async () => {
      const wrapper = join(dir, `python-exit3-${shell.name.replace(/\W/g, '')}`);
      writeFileSync(wrapper, `#!/bin/sh\n"${PY311}" "$@"\nexit 3\n`);
      chmodSync(wrapper, 0o755);
      const { section } = await runProbe('python', shell, { bundle: { python: wrapper } });
      expect(section.text).toContain('### json'); // everything was printed
      const f = parsePython(section, {});
      expect(f.status).toBe('error');
      expect(f.reason).toMatch(/the python interpreter exited with an error; exit 3/);
    });
  }
});

describe.skipIf(!HAVE_R)('r: an Rscript that exits non-zero', () => {
  it('dash: the real Rscript prints its packages, then exits 1 → error, not ok', async () => {
    const bin = join(dir, 'r-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'Rscript'), '#!/bin/sh\n/usr/bin/Rscript "$@"\nexit 1\n');
    chmodSync(join(bin, 'Rscript'), 0o755);
    const { section } = await runProbe('r', SHELLS[0], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(section.text).toContain('### packages');
    const f = parseR(section, {});
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/Rscript exited with an error \(exit 1\)/);
  }, 60_000);

  it('a package list that ends mid-record is an error', () => {
    const f = parseR(
      { id: 'r', exitCode: 0, text: '### r\nversion=4.2.2\n### packages\nbase\t4.2.2\tbase\t\t\t\t\nstats\t4.2', stderr: '' },
      {},
    );
    expect(f).toEqual({ status: 'error', reason: 'Rscript\'s package list has a cut record: "stats\t4.2"' });
  });
});
