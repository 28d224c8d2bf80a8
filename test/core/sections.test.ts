import { describe, expect, it } from 'vitest';
import { describeExit, firstProbeLine, parseKeyValues, splitProbeOutput, splitSubsections, stderrTail } from '../../src/core/sections.js';

describe('splitProbeOutput', () => {
  it('splits sections with their exit codes and stderr', () => {
    const raw = [
      '@@envdiff-begin os rc=0@@',
      '### uname-m',
      'x86_64',
      '',
      '@@envdiff-stderr os@@',
      'warning: x',
      '@@envdiff-end os@@',
      '@@envdiff-begin gpu rc=143@@',
      '@@envdiff-stderr gpu@@',
      '@@envdiff-end gpu@@',
    ].join('\n');
    const s = splitProbeOutput(raw);
    expect([...s.keys()]).toEqual(['os', 'gpu']);
    expect(s.get('os')).toMatchObject({ exitCode: 0, text: '### uname-m\nx86_64', stderr: 'warning: x' });
    expect(s.get('gpu')).toMatchObject({ exitCode: 143, text: '' });
  });

  it('keeps a section whose end marker never came (a probe killed mid-write)', () => {
    const s = splitProbeOutput('@@envdiff-begin cpu rc=0@@\nmodel=x\n');
    expect(s.get('cpu')?.text).toBe('model=x');
  });

  it('does not let a probe forge another section by printing a marker for another id inside its own', () => {
    const raw = '@@envdiff-begin env rc=0@@\n@@envdiff-end os@@\nA=1\n@@envdiff-stderr env@@\n@@envdiff-end env@@';
    const s = splitProbeOutput(raw);
    expect(s.get('env')?.text).toBe('@@envdiff-end os@@\nA=1');
  });
});

describe('splitSubsections', () => {
  it('splits ### markers and trims trailing blank lines', () => {
    const m = splitSubsections('### a\n1\n2\n\n### b\nx\n');
    expect(m.get('a')).toBe('1\n2');
    expect(m.get('b')).toBe('x');
  });
});

describe('parseKeyValues', () => {
  it('reads os-release style quoting', () => {
    expect(parseKeyValues('NAME="Debian GNU/Linux"\nID=debian\n# c\nVERSION_ID=\'12\'\nBAD')).toEqual({
      NAME: 'Debian GNU/Linux',
      ID: 'debian',
      VERSION_ID: '12',
    });
  });
});

describe('reason helpers', () => {
  const section = (exitCode: number, stderr: string) => ({ id: 'r', exitCode, text: '', stderr });

  it('quotes the last stderr lines after the exit status', () => {
    expect(describeExit(section(1, 'a\nb\nc\n'))).toBe('(exit 1): b | c');
    expect(describeExit(section(2, '  \n'))).toBe('(exit 2)');
    expect(stderrTail(section(1, 'a\nb\nc'), 3)).toBe('a | b | c');
  });

  it('finds the first line a probe printed outside its markers', () => {
    expect(firstProbeLine('### uname-s\n\n  garbage here  \nmore')).toBe('garbage here');
    expect(firstProbeLine('### only-markers\n\n')).toBeUndefined();
    expect(firstProbeLine('x'.repeat(300))).toHaveLength(120);
  });
});
