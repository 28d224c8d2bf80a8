// PEP 508 marker evaluation, checked against the reference implementation: every marker is also
// evaluated by pypa/packaging (the library pip vendors) in the real python3 here, with the same
// environment values, and both must agree. The fingerprints are synthetic (stated so): an OS/Python
// combination per case, so that Windows and macOS markers are exercised on this Linux machine.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Facets, Fingerprint } from '../../src/facets/index.js';
import { fingerprint as syntheticFingerprint } from '../helpers/fingerprint.js';
import { evaluateMarker, markerEnvironment, parseMarker, type MarkerEnv } from '../../src/rules/pep508-markers.js';
import { reachMarkers, rootsOf } from '../../src/facets/python/lockfiles/marker-graph.js';

const fingerprint = (facets: Partial<Facets>): Fingerprint => syntheticFingerprint('synthetic', facets);

const ENVS: Record<string, MarkerEnv> = {
  'linux x86_64 CPython 3.11.7': markerEnvironment(
    fingerprint({
      os: { status: 'ok', name: 'linux', arch: 'x86_64' },
      kernel: { status: 'ok', release: '6.1.0-18-amd64', version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1' },
      python: { status: 'ok', version: '3.11.7', implementation: 'CPython', platform: 'linux-x86_64' },
    }),
  ),
  // No os facet: OS and machine come from the interpreter's sysconfig platform.
  'windows AMD64 CPython 3.8.10': markerEnvironment(
    fingerprint({
      kernel: { status: 'ok', release: '10', version: '10.0.19045' },
      python: { status: 'ok', version: '3.8.10', implementation: 'CPython', platform: 'win-amd64' },
    }),
  ),
  'darwin arm64 PyPy 3.10.14': markerEnvironment(
    fingerprint({
      os: { status: 'ok', name: 'darwin', arch: 'arm64' },
      kernel: { status: 'ok', release: '23.4.0', version: 'Darwin Kernel Version 23.4.0' },
      python: { status: 'ok', version: '3.10.14', implementation: 'PyPy', platform: 'macosx-11.0-arm64' },
    }),
  ),
};

// Real markers from the fixtures' lock files (Pipfile.lock, pdm.lock, poetry.lock, uv.lock), then edge cases of the grammar.
const MARKERS = [
  'sys_platform == "win32"',
  'os_name == "nt"',
  "python_version >= '3.6'",
  "python_version >= '2.7' and python_version not in '3.0, 3.1, 3.2, 3.3, 3.4'",
  "python_full_version < '3.13'",
  'python_version < "3.10"',
  "python_version > '3.11'",
  'python_version == "3.11.*"',
  'python_full_version ~= "3.10.0"',
  '"3.9" < python_version',
  "'linux' in sys_platform",
  'platform_machine == "x86_64" and sys_platform == "linux"',
  'platform_machine != "aarch64" or python_version > "3.11"',
  '(sys_platform == "darwin" or sys_platform == "linux") and python_version >= "3.9"',
  'platform_python_implementation == "CPython"',
  'implementation_name == "pypy"',
  'implementation_version >= "3.8"',
  'platform_system == "Darwin"',
  'platform_release >= "6"',
  'platform_version != "x"',
  'platform_machine in "x86_64 AMD64"',
  'platform_machine < "b"',
  'python_full_version === "3.11.7"',
];

function packagingSays(env: MarkerEnv, markers: string[]): (boolean | string)[] {
  const script = `
import json, sys
from packaging.markers import Marker
env, markers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
out = []
for m in markers:
    try: out.append(Marker(m).evaluate(env))
    except Exception as e: out.append("error: " + type(e).__name__)
print(json.dumps(out))`;
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  return JSON.parse(execFileSync('python3', ['-c', script, JSON.stringify(defined), JSON.stringify(markers)], { encoding: 'utf8' })) as (
    boolean | string
  )[];
}

let hasPackaging = false;
try {
  execFileSync('python3', ['-c', 'import packaging.markers'], { stdio: 'ignore' });
  hasPackaging = true;
} catch {
  hasPackaging = false;
}

describe.skipIf(!hasPackaging)('PEP 508 markers agree with pypa/packaging', () => {
  for (const [name, env] of Object.entries(ENVS)) {
    it(name, () => {
      // A marker naming a variable this fingerprint cannot tell is unknown here, not decided: only
      // markers whose variables are all known are compared with packaging.
      const known = MARKERS.filter((m) => !Object.entries(env).some(([k, v]) => v === undefined && m.includes(k)));
      const ours = known.map((m) => evaluateMarker(m, env));
      expect(ours.every((v) => v !== undefined)).toBe(true);
      expect(ours).toEqual(packagingSays(env, known));
    });
  }
});

describe('marker evaluation', () => {
  const linux = ENVS['linux x86_64 CPython 3.11.7']!;

  it('derives the variables from the fingerprint', () => {
    expect(linux).toMatchObject({
      sys_platform: 'linux',
      os_name: 'posix',
      platform_system: 'Linux',
      platform_machine: 'x86_64',
      python_version: '3.11',
      implementation_name: 'cpython',
    });
    expect(ENVS['windows AMD64 CPython 3.8.10']).toMatchObject({
      sys_platform: 'win32',
      os_name: 'nt',
      platform_system: 'Windows',
      platform_machine: 'AMD64',
    });
    expect(ENVS['darwin arm64 PyPy 3.10.14']).toMatchObject({ implementation_version: undefined, implementation_name: 'pypy' });
  });

  it('is three-valued: `extra` is unknown, and decides only where and/or need it', () => {
    expect(evaluateMarker('extra == "cpu"', linux)).toBeUndefined();
    expect(evaluateMarker('extra == "cpu" or sys_platform == "linux"', linux)).toBe(true);
    expect(evaluateMarker('extra == "cpu" and sys_platform == "win32"', linux)).toBe(false);
    expect(evaluateMarker("(python_full_version < '3.13' and extra != 'extra-7-project-cpu') or (extra == 'x')", linux)).toBeUndefined();
  });

  it('a marker that does not parse is unknown, with a reason', () => {
    for (const bad of [
      'sys_platform ==',
      'sys_platform = "linux"',
      'foo == "1"',
      'python_version >= "3" and',
      '(os_name == "nt"',
      'os_name == "nt',
    ]) {
      expect(evaluateMarker(bad, linux)).toBeUndefined();
      expect(typeof parseMarker(bad)).toBe('string');
    }
  });

  it('edge markers: OR over paths, AND along a path; cycles terminate; unreached nodes apply everywhere', () => {
    // 0 = root → 1 (win32) → 2 ; 0 → 2 (darwin) ; 2 ↔ 3 cycle ; 4 only in a cycle with 5 … reached by nobody
    const edges = [
      { from: 0, to: 1, marker: 'sys_platform == "win32"' },
      { from: 1, to: 2 },
      { from: 0, to: 2, marker: 'sys_platform == "darwin"' },
      { from: 2, to: 3, marker: 'python_version < "3.9"' },
      { from: 3, to: 2 },
      { from: 4, to: 5 },
      { from: 5, to: 4 },
    ];
    const m = reachMarkers(6, edges, rootsOf(6, edges));
    expect(m[0]).toBeUndefined();
    expect(m[1]).toBe('sys_platform == "win32"');
    expect(m[2]).toBe('(sys_platform == "win32") or (sys_platform == "darwin")');
    expect(evaluateMarker(m[3]!, linux)).toBe(false);
    expect(evaluateMarker(m[3]!, ENVS['windows AMD64 CPython 3.8.10']!)).toBe(true);
    expect([m[4], m[5]]).toEqual([undefined, undefined]);
  });
});
