// Two readers of one declaration: util.parseArgs on the fast path and commander for everything
// else (src/cli/fast-parse.ts, src/cli/program.ts). Whatever the fast path accepts, commander must
// read the same way — same command, arguments and option values — or the fast path must decline.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { parseFast, type Parsed } from '../../src/cli/fast-parse.js';
import { buildProgram, ParseStop } from '../../src/cli/program.js';
import { EnvdiffError } from '../../src/core/errors.js';

function viaCommander(argv: string[]): Parsed | 'help' | EnvdiffError {
  let parsed: Parsed | undefined;
  const program = buildProgram(COMMANDS, (p) => {
    parsed = p;
  });
  program.configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof ParseStop) return 'help';
    if (err instanceof EnvdiffError) return err;
    throw err;
  }
  return parsed!;
}

const ACCEPTED: string[][] = [
  ['compare', 'a.json', 'b.json'],
  ['compare', 'a.json', 'b.json', '--format', 'json', '--fail-on', 'never'],
  ['compare', '-f', 'sarif', 'a.json', '-', '--policy=p.yml', '--accept', 'p.yml', '-q'],
  ['compare', '--format=markdown', 'a.json', '--', '--odd-name.json'],
  ['check', 'fp.json', '--fail-on', 'warning'],
  ['show', '-'],
  ['capture'],
  ['capture', '-o', 'out.json', '--label', 'dev', '--no-lock', '--verbose'],
  ['capture', '--target', 'podman:img:1', '-t', 'ssh:host', '--timeout', '5', '--probe-timeout=2.5'],
  ['capture', '--lock', 'a.txt', '--lock', 'b.txt', '--lock-recursive', '--python', '/usr/bin/python3'],
  ['capture', '--label=', '--engine', 'podman', '--pull', '--context', 'kind-ci'],
  ['dockerfile', 'fp.json', '-o', 'build/Dockerfile', '--pip-find-links', 'wheels', '--pip-find-links', 'more', '--pip-no-index'],
  ['dockerfile', 'fp.json', '--verify=--help', '--engine', 'docker', '--pip-extra-index-url', 'https://x.invalid/simple'],
  ['completion', 'zsh'],
  ['compare', 'a.json', 'b.json', '-qf', 'json'],
  ['compare', 'a.json', 'b.json', 'c.json', '--format', 'html'],
  ['capture', '-oout.json', '-t=local'],
];

const DECLINED: string[][] = [
  [],
  ['--help'],
  ['-v'],
  ['help', 'compare'],
  ['compar', 'a', 'b'],
  ['compare', 'a.json'],
  ['compare', 'a', 'b', '--formt', 'json'],
  ['compare', 'a', 'b', '--format', 'xml'],
  ['compare', 'a', 'b', '--help'],
  ['capture', '--lock', 'a.txt', 'b.txt'],
  ['capture', '--label'],
  ['dockerfile', 'fp.json', '--base', '-x'],
  ['capture', '--engine', 'lxc'],
];

describe('the fast path and commander read a command line alike', () => {
  it.each(ACCEPTED.map((a) => [a.join(' '), a]))('%s', (_name, argv) => {
    const fast = parseFast(COMMANDS, argv);
    expect(fast, 'the fast path takes it').toBeDefined();
    const slow = viaCommander(argv);
    expect(slow).not.toBeInstanceOf(EnvdiffError);
    expect(slow).not.toBe('help');
    const s = slow as Parsed;
    expect({ name: fast!.spec.name, args: fast!.args, opts: fast!.opts }).toEqual({ name: s.spec.name, args: s.args, opts: s.opts });
  });

  it.each(DECLINED.map((a) => [a.join(' ') || '(nothing)', a]))('declines %s for commander to answer', (_name, argv) => {
    expect(parseFast(COMMANDS, argv)).toBeUndefined();
  });

  it('commander keeps --lock and --no-lock apart, and collects a variadic --lock whole', () => {
    const slow = viaCommander(['capture', '--lock', 'a.txt', 'b.txt', '--no-lock']) as Parsed;
    expect(slow.opts).toEqual({ lock: ['a.txt', 'b.txt'], 'no-lock': true });
    const more = viaCommander(['capture', '--lock', 'a.txt', 'b.txt', '--lock', 'c.txt', '-t', 'local', '--target', 'ssh:h']) as Parsed;
    expect(more.opts).toEqual({ lock: ['a.txt', 'b.txt', 'c.txt'], target: ['local', 'ssh:h'] });
  });

  it('checks a value the same way on both paths (one EnvdiffError)', () => {
    const argv = ['capture', '--timeout', 'soon'];
    expect(() => parseFast(COMMANDS, argv)).toThrow(/--timeout must be a positive number of seconds, not 'soon'/);
    expect(viaCommander(argv)).toBeInstanceOf(EnvdiffError);
    expect((viaCommander(argv) as EnvdiffError).message).toMatch(/--timeout must be a positive number of seconds, not 'soon'/);
  });
});
