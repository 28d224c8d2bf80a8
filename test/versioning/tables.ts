// Real version strings per scheme, with where each list comes from. The contract test runs every
// scheme over its table; the oracle tests check the same strings against the real tools.
import type { SchemeId, VersionDiff } from '../../src/versioning/index.js';

export interface SchemeTable {
  valid: string[];
  invalid: string[];
  /** Ascending; neighbours compare strictly less. */
  ordered: string[];
  /** Pairs that compare equal although the strings differ. */
  equal: [string, string][];
  diffs: [string, string, VersionDiff][];
  /** [version, range, expected] */
  ranges: [string, string, boolean | undefined][];
}

// npm/node-semver test/fixtures/comparisons.js (each pair "version1 greater than version2"),
// arranged into one ascending list.
const semverOrdered = [
  '0.0.0-foo', '0.0.0', '0.0.1', '0.9.0', '0.9.9', '0.10.0', '0.99.0', '1.0.0',
  '1.2.3-4', '1.2.3-5', '1.2.3-5-Foo', '1.2.3-5-foo', '1.2.3-R2', '1.2.3-a', '1.2.3-a.5',
  '1.2.3-a.10', '1.2.3-a.b', '1.2.3-a.b.c.5.d.100', '1.2.3-a.b.c.10.d.5', '1.2.3-asdf',
  '1.2.3-r100', '1.2.3-r2', '1.2.3', '2.0.0', '2.7.2+asdf', '3.0.0',
];

// pypa/packaging tests/test_version.py `VERSIONS` ("This list must be in the correct sorting
// order"), epoch-0 half, then versions of real ML wheels (PyTorch's download index labels).
const pep440Ordered = [
  '1.0.dev0', '1.0.dev456', '1.0.dev456+local', '1.0a0', '1.0a0.post0.dev0', '1.0a0.post0',
  '1.0a1.dev1', '1.0a1.dev1+local', '1.0a1', '1.0a1+local', '1.0b0', '1.0b1.dev456', '1.0b2',
  '1.0b2.post345.dev456', '1.0b2.post345', '1.0b2-346', '1.0rc0', '1.0rc1.dev1', '1.0c1', '1.0rc2',
  '1.0', '1.0.post0.dev0', '1.0.post0', '1.0.post456.dev34', '1.0.post456', '1.0.post456+local',
  '1.0.1.dev1', '1.0.1a1', '1.0.1', '1.0.1+local', '1.0.1.post1', '1.1.dev1', '1.2+a', '1.2+abc',
  '1.2+abcdef', '1.2+def', '1.2+0', '1.2+1', '1.2+1.abc', '1.2+1.1', '1.2+1.1.0', '1.2+2', '1.2+123',
  '1.2+123456', '1.2.r32+123456', '1.2.rev33+123456',
  '1.26.4', '2.0.0rc1', '2.0.0', '2.1.0', '2.1.0+cpu', '2.1.0+cu118', '2.1.0+cu121', '2.5.1+rocm6.2',
  '1!1.0.dev0', '1!1.0',
];

// EasyBuild's R-4.2.2-foss-2022b extension list (dtenenba/module_finder
// testfiles/app/modules/all/R/4.2.2-foss-2022b.lua), MASS releases from spack's r-mass package,
// renv.lock files on GitHub (MASS 7.3-60.0.1, Matrix 1.6-5), and R itself (4.2.2 here).
const rOrdered = [
  '0.0-9', '0.1-3', '0.2.9.4', '0.3', '0.6-3.4', '0.31', '0.99.9999', '1.0', '1.0-7', '1.0-8', '1.0-10',
  '1.1-3', '1.3.3.1', '1.3-28.1', '1.4.1', '1.4-5', '1.6-5', '1.7-22', '1.30.22', '1.81.0-1', '2.2.1',
  '3.0.1', '4.2', '4.2.2', '5.7-1', '7.3-58.1', '7.3-59', '7.3-60', '7.3-60.0.1', '7.3-61', '2019.10-1',
  '2022.4-1',
];

// Debian versions: deb-version(7) examples, Debian bookworm packages (dpkg-query on this machine:
// libc6 2.36-9+deb12u14, libgomp1 12.2.0-14+deb12u1), renovate's lib/modules/versioning/deb tests.
const dpkgOrdered = [
  '1.0~rc1', '1.0', '1.0-1', '1.0-1ubuntu1', '1.0a', '1.0+dfsg-1', '1.0.1', '1.1.1-0debian1',
  '1.1.1+really1.1.2-0debian1', '2.7.7+dfsg-12', '2.31-9', '2.31-13+deb11u4', '2.31-13+deb11u5',
  '2.36~rc1', '2.36', '2.36-9+deb12u4', '2.36-9+deb12u14', '9.5.0-1ubuntu1~20.04', '9.5.0-1ubuntu1~22.04',
  '9.5.0-1ubuntu1', '12.2.0-14', '12.2.0-14+deb12u1', '1:1.0', '1:1.9', '1:2.20.1-1~bpo9+1',
  '1:2.36-9+deb12u4', '1:4.14+20190211-1ubuntu1', '1:6.0.1r16-1.1build1', '2:102.12+LibO7.3.7-0ubuntu0.22.04.1',
  '5:20.10.17~3-0~ubuntu-focal',
];

// rpm's tests/rpmvercmp.at (tilde and caret cases) and EVRs of real RHEL/Fedora packages.
const rpmOrdered = [
  '1.0~rc1~git123', '1.0~rc1', '1.0~rc1^git1', '1.0~rc2', '1.0', '1.0^', '1.0^git1', '1.0^git2',
  '1.0.1', '1.01.1', '2.0', '2.0.1', '2.0.1a', '2.17-317.el7', '2.34-60.el9', '2.34-100.el9',
  '2.34-100.el9_4.2', '5.5p1', '5.5p2', '5.5p10', '5.6p1', '8.20140605hgacf1c26e3029.el7',
  '1:0.17.20140318svn632.el7', '1:1.0', '5:0.5.20120830CVS.el7',
];

// NVIDIA driver releases from the CUDA Toolkit Release Notes, Table 3 (compat-facts.md §1).
const driverOrdered = [
  '367.48', '375.26', '450.51.05', '450.51.06', '455.23', '455.32', '470.42.01', '470.82.01',
  '520.61.05', '525.60.13', '525.85.12', '535.54.03', '535.86.09', '535.104.05', '560.28.03',
  '560.35.03', '570.26', '570.124.06', '580.65.06', '595.71.05',
];

// apk (Alpine), Homebrew and conda-forge versions that none of the stricter schemes covers.
const looseOrdered = [
  '1.0_rc1', '1.0', '1.1.1', '1.1.1w', '1.2.13-r1', '1.2.13-r2', '3.11.7', '3.11.7_1', '9e', '2023c',
];

export const TABLES: Record<SchemeId, SchemeTable> = {
  semver: {
    valid: [...semverOrdered, 'v1.2.3', '1.2.3+build.5'],
    // npm/node-semver test/fixtures/invalid-versions.js
    invalid: ['1.2.3.4', 'NOT VALID', 'hello, world', 'xyz', ''],
    ordered: semverOrdered,
    equal: [['1.2.3', 'v1.2.3'], ['1.2.3-rc.1', 'v1.2.3-rc.1']],
    diffs: [
      ['1.2.3', '0.2.3', 'major'],
      ['1.2.3', '1.3.3', 'minor'],
      ['1.2.3', '1.2.4', 'patch'],
      ['1.1.0-pre-1', '1.1.0-pre-2', 'prerelease'],
      ['1.0.0-1', '1.0.0', 'prerelease'],
      ['1.0.0+build.1', '1.0.0+build.2', 'local'],
      ['1.0.0', '1.0.0', 'none'],
    ],
    // npm/node-semver test/fixtures/range-include.js and range-exclude.js
    ranges: [
      ['1.2.3', '1.0.0 - 2.0.0', true],
      ['1.2.3', '^1.2.3+build', true],
      ['1.2.3', '>=1.2.3 <2', true],
      ['2.0.0', '^1.2.3', false],
      ['1.2.3-rc.1', '^1.2.0', true],
      ['0.2.0', '~0.1.0', false],
      ['1.2.3', 'not a range ¿', undefined],
    ],
  },
  pep440: {
    valid: [...pep440Ordered, 'v1.0', '1.0+AbC', '1.0-5'],
    // pypa/packaging tests/test_version.py test_invalid_versions
    invalid: ['french toast', '1.0+a+', '1.0++', '1.0+_foobar', '1.0+foo&asd', '1.0+1+1', '1. 0', '1.0 a1', ''],
    ordered: pep440Ordered,
    equal: [['1.0rc1', '1.0c1'], ['1.0', '1.0.0'], ['1.01', '1.1'], ['1.0+AbC', '1.0+abc'], ['1.0-5', '1.0.post5']],
    diffs: [
      ['1.26.4', '2.0.0', 'major'],
      ['2.1.0', '2.2.0', 'minor'],
      ['2.1.0', '2.1.2', 'patch'],
      ['1.0', '1.0.0.1', 'patch'],
      ['2.0.0rc1', '2.0.0', 'prerelease'],
      ['1.0.dev0', '1.0', 'prerelease'],
      ['1.0', '1.0.post1', 'patch'],
      ['2.1.0+cu121', '2.1.0+cpu', 'local'],
      ['2.1.0+cu121', '2.1.0', 'local'],
      ['2.1.0+cu121', '2.2.0+cpu', 'minor'],
      ['1!1.0', '1.0', 'major'],
      ['1.0', '1.0.0', 'none'],
    ],
    ranges: [
      ['1.9', '>=1.2,<2', true],
      ['2.0', '>=1.2,<2', false],
      ['1.4.5', '~=1.4', true],
      ['2.0', '~=1.4', false],
      ['1.4.5', '~=1.4.2', true],
      ['1.5.0', '~=1.4.2', false],
      ['1.9.9', '==1.*', true],
      ['2.0', '==1.*', false],
      ['2.1.0+cu121', '==2.1.0', true],
      ['2.1.0+cu121', '==2.1.0+cu121', true],
      ['2.1.0+cu121', '==2.1.0+cpu', false],
      ['2.0.0rc1', '>=1.2', true],
      // renovate lib/modules/versioning/pep440/index.spec.ts matches()
      ['0.43b0', '>=0.43b0, <1.0', true],
      ['1.6.2', '<2.2.1.0', true],
      ['1.9', 'renovatebot/renovate', undefined],
    ],
  },
  r: {
    valid: rOrdered,
    invalid: ['1', '1.a', '1.0-beta', 'v1.0', '1..0', ''],
    ordered: rOrdered,
    equal: [['1.0', '1.0.0'], ['1.0-0', '1.0'], ['1.01', '1.1'], ['1.2-3', '1.2.3']],
    diffs: [
      ['1.1-3', '2.0-0', 'major'],
      ['4.2.2', '4.3.0', 'minor'],
      ['7.3-58.1', '7.3-60', 'patch'],
      ['7.3-60', '7.3-60.0.1', 'patch'],
      ['1.0', '1.0.0', 'none'],
    ],
    ranges: [
      ['4.2.2', '>= 4.1.0', true],
      ['4.0.5', '>= 4.1.0', false],
      ['1.1-3', '(>= 1.1-2)', true],
      ['0.99.9999', '< 1.0', true],
      ['1.0', '== 1.0.0', true],
      ['1.0', '~> 1.0', undefined],
    ],
  },
  dpkg: {
    valid: [...dpkgOrdered, '0:09azAZ.-+~:-0', '0:0-azAZ09.+~'],
    // dpkg lib/dpkg/t/t-version.c test_version_parse(): rejected strings
    // plus `0:0-`, which t-version.c accepted but dpkg ≥ 1.17 (this machine's 1.21) rejects.
    invalid: ['', '0:', '0:0-', '0:0 0-1', '-1:0-1', '999999999999999999999999:0-1', 'a:0-0', 'A:0-0', '-0', '0:-0', '0:abc3-0', '0:0!-0', '0:0-0:0', '0:0-0_'],
    ordered: dpkgOrdered,
    // t-version.c: "0:0-00" equals "0:00-0"; "0" equals "0:0"
    equal: [['0-00', '00-0'], ['0', '0:0'], ['1.0', '0:1.0']],
    diffs: [
      ['1:2.36-9+deb12u4', '2.36-9+deb12u4', 'major'],
      ['11.3.0-12', '12.2.0-14', 'major'],
      ['2.31-13+deb11u5', '2.36-9+deb12u4', 'minor'],
      ['12.2.0-14', '12.2.1-1', 'patch'],
      ['2.36-9+deb12u4', '2.36-9+deb12u14', 'patch'],
      ['2.36~rc1', '2.36', 'prerelease'],
      ['1.0+dfsg', '1.0', 'patch'],
      ['0', '0:0', 'none'],
    ],
    ranges: [
      ['2.36-9+deb12u4', '>= 2.36', true],
      ['2.36~rc1', '>= 2.36', false],
      ['2.36', '<< 2.36', false],
      ['2.35', '<< 2.36', true],
      ['1:1.0', '>> 2.0', true],
      ['2.36', '(= 2.36)', true],
      ['2.36', '< 2.36', true], // the deprecated `<` means `<=` (Debian Policy §7.1)
      ['2.36', '~= 2.36', undefined],
    ],
  },
  rpm: {
    valid: [...rpmOrdered, '0:1.1-1', '2:1.1-1', '1.3.RC2', '3.12.0-1~a1^20231001'],
    // renovate lib/modules/versioning/rpm/index.spec.ts rejects these epochs; rpmbuild's
    // ALLOWED_CHARS_VERREL rejects the others (`:` or `-` inside a version, `,` `!` `/`).
    invalid: ['a:1.1-1', '1.1:1.3-1', '1a:1.3-1', '-1:1.3-1', '1:1:1:2-1', '1.0-3-4', '1,0-1', '1:3!3.2-1', ''],
    ordered: rpmOrdered,
    equal: [['0:1.4', '1.4'], ['2.0', '2_0'], ['10.0001', '10.1']],
    diffs: [
      ['1:1.0', '1.0', 'major'],
      ['2.17-317.el7', '2.34-100.el9', 'minor'],
      ['2.34-60.el9', '2.34-100.el9_4.2', 'patch'],
      ['1.0~rc1', '1.0', 'prerelease'],
      ['5.5p1', '5.5p2', 'patch'],
      ['0:1.4', '1.4', 'none'],
    ],
    ranges: [
      ['2.34-100.el9', '>= 2.34', true],
      ['2.34-100.el9', '= 2.34', true], // no release in the requirement: any release matches
      ['2.34-100.el9', '= 2.34-60.el9', false],
      ['2.17-317.el7', '< 2.28', true],
      ['1:1.0', '> 2.0', true],
      ['2.34', '~> 2', undefined],
    ],
  },
  'nvidia-driver': {
    valid: driverOrdered,
    invalid: ['535', '535.104.05.1', 'r535', 'N/A', ''],
    ordered: driverOrdered,
    equal: [['570.26', '570.26.0']],
    diffs: [
      ['470.82.01', '535.104.05', 'major'],
      ['535.86.09', '535.104.05', 'minor'],
      ['560.35.03', '560.35.05', 'patch'],
      ['535.104.05', '535.104.05', 'none'],
    ],
    ranges: [
      ['535.104.05', '>= 525.60.13', true],
      ['470.82.01', '>= 525.60.13', false],
      ['560.35.03', '>=525, <580', true],
      ['535.104.05', 'whatever', undefined],
    ],
  },
  loose: {
    valid: looseOrdered,
    invalid: ['', 'latest', 'has space 1'],
    ordered: looseOrdered,
    equal: [['1.0', '1.0.0'], ['v1.0', '1.0']],
    diffs: [
      ['1.1.1', '3.11.7', 'major'],
      ['1.2.13-r1', '1.2.13-r2', 'patch'],
      ['1.0_rc1', '1.0', 'prerelease'],
      ['1.1.1', '1.1.1w', 'patch'],
      ['9e', '2023c', 'major'],
    ],
    ranges: [
      ['1.2.13-r1', '>= 1.2', true],
      ['1.2.13-r1', '< 1.2', false],
      ['1.2.13-r1', '~> 1.2', undefined],
    ],
  },
};
