import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { parseOs } from '../../../src/facets/os/parse.js';
import { runBundle, SHELLS, sh } from '../../helpers/fixtures.js';

const ctx = {};
const section = (text: string) => ({ id: 'os', exitCode: 0, text, stderr: '' });

// Each fixture against its expected.json: test/facets/golden.test.ts.

describe('os parser fallbacks and tolerance', () => {
  it('prefers /etc/os-release over /usr/lib/os-release and older files', () => {
    const f = parseOs(
      section('### os-release\nID=ubuntu\nVERSION_ID="22.04"\n### usr-lib-os-release\nID=debian\n### debian_version\nbookworm/sid'),
      ctx,
    );
    expect(f.distro?.id).toBe('ubuntu');
  });

  it('reads a testing-release debian_version as a codename (synthetic input)', () => {
    const f = parseOs(section('### uname-s\nLinux\n### debian_version\ntrixie/sid'), ctx);
    expect(f.distro).toEqual({ id: 'debian', idLike: [], codename: 'trixie' });
  });

  it('glibc from getconf wins over a musl loader installed beside it', () => {
    const f = parseOs(section('### uname-s\nLinux\n### getconf-libc\nglibc 2.36\n### musl-loader\nmusl libc (x86_64)\nVersion 1.2.3'), ctx);
    expect(f.libc).toEqual({ family: 'glibc', version: '2.36' });
  });

  it('falls back to `ldd --version` for glibc', () => {
    const f = parseOs(section('### uname-s\nLinux\n### ldd-version\nldd (Ubuntu GLIBC 2.35-0ubuntu3.6) 2.35'), ctx);
    expect(f.libc).toEqual({ family: 'glibc', version: '2.35' });
  });

  it('detects engines: kubernetes env beats /.dockerenv; podman; cgroup v1 kubepods', () => {
    const k = parseOs(section('### uname-s\nLinux\n### container\ndockerenv=1\nkubernetes=1'), ctx);
    expect(k.container).toEqual({ inside: true, engine: 'kubernetes' });
    const p = parseOs(section('### uname-s\nLinux\n### container\ncontainerenv=1'), ctx);
    expect(p.container).toEqual({ inside: true, engine: 'podman' });
    const c = parseOs(section('### uname-s\nLinux\n### container\n### proc1-cgroup\n11:memory:/kubepods/burstable/pod1/abc'), ctx);
    expect(c.container).toEqual({ inside: true, engine: 'kubernetes' });
    const none = parseOs(section('### uname-s\nLinux\n### container\n### proc1-cgroup\n0::/'), ctx);
    expect(none.container).toEqual({ inside: false });
  });

  it('maps Git Bash uname to windows', () => {
    expect(parseOs(section('### uname-s\nMINGW64_NT-10.0-19045'), ctx).name).toBe('windows');
  });

  it('garbage gives status error with a reason, never a throw', () => {
    for (const text of ['', 'random words\nno sections', '### os-release\n\u0000\u0001', '### weird\n###']) {
      const f = parseOs(section(text), ctx);
      expect(f.status).toBe('error');
      expect(f.reason).toMatch(/os:/);
    }
  });
});

describe('os probe on this machine (real dash and busybox)', () => {
  for (const shell of SHELLS) {
    it(`${shell.join(' ')}: facts match independent sources`, () => {
      const sections = runBundle(shell, { only: ['os'] });
      const s = sections.get('os');
      expect(s?.exitCode).toBe(0);
      const f = parseOs(s!, ctx);
      expect(f.status).toBe('ok');
      expect(f.name).toBe(sh('uname -s').toLowerCase());
      expect(f.arch).toBe(sh('uname -m'));
      const rel = readFileSync('/etc/os-release', 'utf8');
      const id = /^ID=(.*)$/m.exec(rel)![1]!.replace(/"/g, '');
      const ver = /^VERSION_ID=(.*)$/m.exec(rel)![1]!.replace(/"/g, '');
      const code = /^VERSION_CODENAME=(.*)$/m.exec(rel)?.[1];
      expect(f.distro?.id).toBe(id);
      expect(f.distro?.versionId).toBe(ver);
      expect(f.distro?.codename).toBe(code);
      expect(f.libc).toEqual({ family: 'glibc', version: sh('getconf GNU_LIBC_VERSION').split(' ')[1] });
      const inDocker = existsSync('/.dockerenv');
      const inPodman = existsSync('/run/.containerenv');
      if (inPodman) expect(f.container).toEqual({ inside: true, engine: 'podman' });
      else if (inDocker) expect(f.container).toEqual({ inside: true, engine: 'docker' });
      else expect(f.container?.inside).toBe(/kubepods|docker|libpod|containerd|lxc/.test(readFileSync('/proc/1/cgroup', 'utf8')));
    });
  }

  it('gives the same facet on two runs', () => {
    const a = parseOs(runBundle(['dash', '-s'], { only: ['os'] }).get('os')!, ctx);
    const b = parseOs(runBundle(['dash', '-s'], { only: ['os'] }).get('os')!, ctx);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
