// Every requirements line form pip accepts, read as pip reads it. The lines come from pip's own
// documentation and tests, at pypa/pip commit 6d309205789d368b2749d93fd6193d584811efd5:
//   https://github.com/pypa/pip/blob/6d309205789d368b2749d93fd6193d584811efd5/docs/html/reference/requirements-file-format.md
//     ("Example", "Line continuations", "Comments")
//   https://github.com/pypa/pip/blob/6d309205789d368b2749d93fd6193d584811efd5/tests/unit/test_req_file.py
//     (TestPreprocess, TestProcessLine, TestParseRequirements)
//   https://github.com/pypa/pip/blob/6d309205789d368b2749d93fd6193d584811efd5/tests/unit/test_req.py
//     (test_markers, test_markers_semicolon, test_markers_url, …)
// Each row says what pip makes of the line; where pip raises, envdiff records a problem with the
// line number instead (the rest of the file is still read).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLockfile } from '../../../src/capture/lockfiles.js';
import { parseRequirements } from '../../../src/facets/python/lockfiles/requirements.js';

const read = (text: string) => parseRequirements(text, { path: 'requirements.txt' });
const pkgs = (text: string) => read(text).packages;

describe('requirement lines (pip docs and tests)', () => {
  it.each<[string, string, Record<string, unknown>[]]>([
    ['docs: a plain name', 'pytest', [{ name: 'pytest', ecosystem: 'pypi' }]],
    ['docs: spaces around ==', 'docopt == 0.6.1', [{ name: 'docopt', version: '0.6.1', ecosystem: 'pypi' }]],
    [
      'docs: extras, two clauses with spaces, a marker',
      'requests [security] >= 2.8.1, == 2.8.* ; python_version < "2.7"',
      [{ name: 'requests', specifier: '>=2.8.1,==2.8.*', marker: 'python_version < "2.7"', ecosystem: 'pypi' }],
    ],
    [
      'docs: name @ URL',
      'urllib3 @ https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip',
      [{ name: 'urllib3', source: 'https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip', ecosystem: 'pypi' }],
    ],
    [
      'docs: a local wheel path',
      './downloads/numpy-1.9.2-cp34-none-win32.whl',
      [{ name: 'numpy', version: '1.9.2', source: './downloads/numpy-1.9.2-cp34-none-win32.whl', ecosystem: 'pypi' }],
    ],
    [
      'docs: a wheel URL',
      'http://wxpython.org/Phoenix/snapshot-builds/wxPython_Phoenix-3.0.3.dev1820+49a8884-cp34-none-win_amd64.whl',
      [
        {
          name: 'wxpython-phoenix',
          version: '3.0.3.dev1820+49a8884',
          source: 'http://wxpython.org/Phoenix/snapshot-builds/wxPython_Phoenix-3.0.3.dev1820+49a8884-cp34-none-win_amd64.whl',
          ecosystem: 'pypi',
        },
      ],
    ],
    ['test_req_file: spaces in the specifier', 'SomeProject >= 2', [{ name: 'someproject', specifier: '>=2', ecosystem: 'pypi' }]],
    [
      'test_req_file: PEP 440 wheel link',
      'SomeProject @ https://url/SomeProject-py2-py3-none-any.whl',
      [{ name: 'someproject', source: 'https://url/SomeProject-py2-py3-none-any.whl', ecosystem: 'pypi' }],
    ],
    ['test_req_file: --hash after the pin', 'pkg==1.0.0 --hash=sha256:somehash', [{ name: 'pkg', version: '1.0.0', ecosystem: 'pypi' }]],
    [
      'test_req_file: --config-settings, = and space forms',
      'SomeProject --config-settings="yo3=yo4" --config-settings "yo1=yo2"',
      [{ name: 'someproject', ecosystem: 'pypi' }],
    ],
    [
      'test_req_file: several --hash options',
      'SomeProject --hash=sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 --hash=sha384:59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f',
      [{ name: 'someproject', ecosystem: 'pypi' }],
    ],
    [
      'test_req: marker after "; "',
      'mock3; python_version >= "3"',
      [{ name: 'mock3', marker: 'python_version >= "3"', ecosystem: 'pypi' }],
    ],
    [
      'test_req: marker with more spaces',
      'mock3 ; python_version >= "3" ',
      [{ name: 'mock3', marker: 'python_version >= "3"', ecosystem: 'pypi' }],
    ],
    [
      'test_req: marker right after ";"',
      'mock3;python_version >= "3"',
      [{ name: 'mock3', marker: 'python_version >= "3"', ecosystem: 'pypi' }],
    ],
    [
      'test_req: a ";" inside the marker',
      'semicolon; os_name == "a; b"',
      [{ name: 'semicolon', marker: 'os_name == "a; b"', ecosystem: 'pypi' }],
    ],
    [
      'name @ URL with the marker right after ";"',
      'numpy @ https://files.example/numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.whl;python_version>="3.11"',
      [
        {
          name: 'numpy',
          source: 'https://files.example/numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.whl',
          marker: 'python_version>="3.11"',
          ecosystem: 'pypi',
        },
      ],
    ],
    [
      'test_req: "URL; marker" (the URL keeps its own ";")',
      'http://foo.com/?p=bar.git;a=snapshot;h=v0.1;sf=tgz#egg=bar; python_version >= "3"',
      [
        {
          name: 'bar',
          source: 'http://foo.com/?p=bar.git;a=snapshot;h=v0.1;sf=tgz#egg=bar',
          marker: 'python_version >= "3"',
          ecosystem: 'pypi',
        },
      ],
    ],
    [
      'test_req_file: URL with #egg=',
      'https://example.com/foo.tar.gz#egg=wat',
      [{ name: 'wat', source: 'https://example.com/foo.tar.gz#egg=wat', ecosystem: 'pypi' }],
    ],
    [
      'test_req_file: -e with a VCS URL',
      '-e git+https://url#egg=SomeProject',
      [{ name: 'someproject', source: 'git+https://url#egg=SomeProject', group: 'editable', ecosystem: 'pypi' }],
    ],
  ])('%s', (_what, line, expected) => {
    const r = read(line);
    expect(r.problems).toEqual([]);
    expect(r.packages).toEqual(expected);
  });

  it('test_req_file: index options in every spelling pip accepts, and several on one line', () => {
    for (const line of ['-i url', "-i 'url'", '--index-url=url', '--index-url url', "--index-url='url'", '-iurl', '--index url']) {
      expect(read(line).meta?.['indexUrl'], line).toBe('url');
      expect(read(line).problems, line).toEqual([]);
    }
    // test_join_lines and test_multiple_appending_options: a continuation joins two options.
    expect(read('--extra-index-url url1 \\\n--extra-index-url url2').meta?.['extraIndexUrls']).toBe('url1 url2');
    expect(read('--extra-index-url url1 \n--extra-index-url url2 ').meta?.['extraIndexUrls']).toBe('url1 url2');
    for (const line of [
      '--trusted-host=host1 --trusted-host=host2:8080',
      '--pre',
      '--all-releases :all:',
      '--only-final pkg1,pkg2',
      '--use-feature=fast-deps',
      '--no-index',
      '--find-links=url',
      '--no-binary :all:',
      '--prefer-binary',
      '--require-hashes',
      '--no-require-hashes',
      '--always-unzip',
    ]) {
      const r = read(line);
      expect(r.problems, line).toEqual([]);
      expect(r.packages, line).toEqual([]);
    }
  });

  it('test_req_file: comments and continuations (TestPreprocess, TestJoinLines, comment tests)', () => {
    expect(pkgs('req1 \\\n# comment \\\nreq2').map((p) => p.name)).toEqual(['req1', 'req2']);
    expect(pkgs('req1\\\n# comment').map((p) => p.name)).toEqual(['req1']);
    expect(pkgs('req1 \\\n# comment\nreq2').map((p) => p.name)).toEqual(['req1', 'req2']);
    expect(pkgs('# Comment ')).toEqual([]);
    // A comment after whitespace ends the line; #egg= inside a URL is no comment.
    expect(read('https://example.com/foo.tar.gz # Comment ').problems).toEqual([
      {
        line: 1,
        message: 'https://example.com/foo.tar.gz: a URL without a package name in it (no wheel file name, no #egg=); not checked',
      },
    ]);
    // A requirement continued over lines, with its hashes (pip-compile's layout).
    expect(pkgs('anyio==3.6.2 \\\n    --hash=sha256:25ea0d67 \\\n    --hash=sha256:fbbe32bd\n    # via httpcore')).toEqual([
      { name: 'anyio', version: '3.6.2', ecosystem: 'pypi' },
    ]);
  });

  it('lines pip refuses are problems with their line numbers, never packages', () => {
    const r = read("ok==1.0\n--bogus\nreq1 req2\nmy-package=1.0\n--'data\nnumpy==${NUMPY_VERSION}");
    expect(r.packages).toEqual([{ name: 'ok', version: '1.0', ecosystem: 'pypi' }]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    expect(r.problems[0]!.message).toBe('unknown option --bogus');
    expect(r.problems[2]!.message).toMatch(/= is not a valid operator: did you mean ==\?/);
    expect(r.problems[3]!.message).toMatch(/No closing quotation/);
    expect(r.problems[4]!.message).toMatch(/pip fills in \$\{…\} from the environment/);
  });

  it('test_req_file: ${VAR} is never expanded (no token in a fingerprint); an unnamed URL is a problem', () => {
    const r = read('https://${GITHUB_TOKEN}:x-oauth-basic@github.com/user/repo/archive/master.zip');
    expect(r.packages).toEqual([]);
    expect(r.problems[0]!.message).toContain('${GITHUB_TOKEN}');
  });
});

describe('requirements file encodings (test_req_file: test_general_decoding, test_decoding_with_BOM)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envdiff-req-enc-'));
  const capture = async (name: string, bytes: Buffer) => {
    writeFileSync(join(dir, name), bytes);
    return captureLockfile(join(dir, name), dir, true);
  };

  it('a PEP 263 coding comment names the encoding', async () => {
    const e = await capture('requirements-latin1.txt', Buffer.from('# coding=latin1\nDjango==1.4.2 # Pas trop de café', 'latin1'));
    expect(e.packages).toEqual([{ name: 'django', version: '1.4.2', ecosystem: 'pypi' }]);
  });

  it.each<[string, Buffer]>([
    ['utf-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Django==1.4.2')])],
    ['utf-16-le BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Django==1.4.2', 'utf16le')])],
    ['utf-16-be BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Django==1.4.2', 'utf16le').swap16()])],
    [
      'utf-32-le BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...'Django==1.4.2'].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0]))]),
    ],
    [
      'utf-32-be BOM',
      Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), ...[...'Django==1.4.2'].map((c) => Buffer.from([0, 0, 0, c.charCodeAt(0)]))]),
    ],
  ])('%s', async (what, bytes) => {
    const e = await capture(`requirements-${what.replace(/\W+/g, '-')}.txt`, bytes);
    expect(e.status, e.reason).toBe('ok');
    expect(e.packages).toEqual([{ name: 'django', version: '1.4.2', ecosystem: 'pypi' }]);
  });
});
