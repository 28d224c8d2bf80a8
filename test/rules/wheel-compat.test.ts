// The wheel-tag judgment (src/rules/wheel-compat.ts) against pypa/packaging itself: for every pyenv
// interpreter here whose pip vendors `packaging.tags` (3.7 and newer), a grid of 1,650 tags
// (Python × ABI × platform) is judged by envdiff — interpreter and machine read by the real python
// and os probes — and by `sys_tags()` of that interpreter, the set pip installs from and pip ≥ 24.1's
// `pip check` tests against. They must agree on every tag.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/core/run-process.js';
import { parseOs } from '../../src/facets/os/parse.js';
import { parsePython } from '../../src/facets/python/parse.js';
import { interpreterOf, machineOf, platformProblem, wheelProblem } from '../../src/rules/wheel-compat.js';
import { runProbe, SHELLS } from '../helpers/probe-shells.js';

const PYENV = join(homedir(), '.pyenv', 'versions');
const versions = existsSync(PYENV) ? readdirSync(PYENV).filter((v) => !/^(2\.|3\.6\.)/.test(v)) : [];

const PY = ['py2', 'py3', 'py30', 'py36', 'py311', 'py313', 'py314', 'cp36', 'cp37', 'cp310', 'cp311', 'cp312', 'cp313', 'cp314', 'pp310'];
const ABI = ['none', 'abi3', 'cp36m', 'cp37m', 'cp310', 'cp311', 'cp312', 'cp313', 'cp313t', 'cp27mu'];
const PLATFORM = [
  'any',
  'linux_x86_64',
  'manylinux1_x86_64',
  'manylinux2014_x86_64',
  'manylinux_2_28_x86_64',
  'manylinux_2_36_x86_64',
  'manylinux_2_37_x86_64',
  'manylinux_2_17_aarch64',
  'musllinux_1_2_x86_64',
  'macosx_11_0_arm64',
  'win_amd64',
];
const TAGS = PY.flatMap((p) => ABI.flatMap((a) => PLATFORM.map((pl) => `${p}-${a}-${pl}`)));

// packaging before 22 (vendored by pip < 23.3) did not yet yield `cp311-none-any`; envdiff accepts
// it as later releases do, so that tag is left out where the vendored packaging is older.
const SUPPORTED = `
import json, sys
from pip._vendor import packaging
from pip._vendor.packaging.tags import sys_tags
supported = set(str(t) for t in sys_tags())
old = int(packaging.__version__.split(".")[0]) < 22
own = "cp%d%d-none-any" % sys.version_info[:2]
print(json.dumps([None if old and t == own else t in supported for t in json.loads(sys.stdin.read())]))
`;

describe.runIf(versions.length > 0)('wheel tags: envdiff agrees with packaging.tags.sys_tags()', () => {
  for (const version of versions) {
    it(`CPython ${version}`, async () => {
      const bin = join(PYENV, version, 'bin', 'python');
      const py = parsePython((await runProbe('python', SHELLS[0], { bundle: { python: bin } })).section, {});
      const os = parseOs((await runProbe('os', SHELLS[0])).section, {});
      const it = interpreterOf(py)!;
      const machine = machineOf(os)!;
      const r = await runProcess(bin, ['-c', SUPPORTED], { input: JSON.stringify(TAGS), timeoutMs: 60_000 });
      expect(r.exitCode, r.stderr).toBe(0);
      const theirs = JSON.parse(r.stdout) as (boolean | null)[];
      const disagree = TAGS.filter((tag, i) => theirs[i] !== null && (wheelProblem([tag], it, machine) === undefined) !== theirs[i]);
      expect(disagree).toEqual([]);
      expect(theirs.filter(Boolean).length).toBeGreaterThan(20);
    });
  }
});

describe('macOS and Windows platform tags (packaging’s mac_platforms, win tags)', () => {
  const mac = (version: string, arch = 'arm64') => ({ os: 'darwin', arch, libc: { family: 'darwin' as const, version } });
  it('a macOS 11+ wheel needs that major; 10.x wheels their minor', () => {
    expect(platformProblem('macosx_11_0_arm64', mac('14.5'))).toBeUndefined();
    expect(platformProblem('macosx_14_0_arm64', mac('13.6'))?.why).toContain('needs macOS ≥ 14.0');
    expect(platformProblem('macosx_10_9_x86_64', mac('10.15.5', 'x86_64'))).toBeUndefined();
    expect(platformProblem('macosx_11_0_x86_64', mac('10.15.5', 'x86_64'))?.kind).toBe('platform');
    expect(platformProblem('macosx_10_9_universal2', mac('14.5'))).toBeUndefined();
    expect(platformProblem('macosx_11_0_x86_64', mac('14.5'))?.why).toContain('built for x86_64 Macs');
  });
  it('Windows wheels run on Windows of their architecture only', () => {
    expect(platformProblem('win_amd64', { os: 'windows', arch: 'x86_64' })).toBeUndefined();
    expect(platformProblem('win_arm64', { os: 'windows', arch: 'x86_64' })?.kind).toBe('platform');
    expect(platformProblem('win_amd64', { os: 'linux', arch: 'x86_64' })?.why).toContain('a Windows wheel');
  });
});
