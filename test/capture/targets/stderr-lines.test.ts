import { describe, expect, it } from 'vitest';
import { firstLine, lastLine } from '../../../src/capture/targets/stderr-lines.js';

describe('stderr lines', () => {
  it('firstLine: the first non-empty line, trimmed', () => {
    expect(firstLine('\n  Error: boom  \nsecond')).toBe('Error: boom');
    expect(firstLine(' \n')).toBe('no message');
  });

  it('lastLine: the last line that is not noise, else the first line', () => {
    const stderr = 'Warning: Permanently added x\r\nPermission denied (publickey).\r\n';
    expect(lastLine(stderr)).toBe('Permission denied (publickey).');
    expect(lastLine('Warning: Permanently added x\n', /^Warning: Permanently added/)).toBe('Warning: Permanently added x');
    expect(lastLine('a\nWarning: Permanently added x', /^Warning: Permanently added/)).toBe('a');
    expect(lastLine('')).toBe('no message');
    expect(lastLine('y'.repeat(400))).toHaveLength(300);
  });
});
