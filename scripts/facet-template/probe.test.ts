// The __ID__ facet: its parser on garbage, and its probe under real dash and busybox sh on this
// machine (fixtures/__ID__/ are checked by test/facets/golden.test.ts).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse__Id__ } from '../../../src/facets/__ID__/parse.js';
import { runBundle, SHELLS } from '../../helpers/fixtures.js';

const section = (text: string) => ({ id: '__ID__', exitCode: 0, text, stderr: '' });

function onPath(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v __ID__'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('__ID__ parser', () => {
  it('turns garbage into status error with a reason, never a throw', () => {
    for (const text of ['', 'nonsense', '### version\n1.0']) {
      const f = parse__Id__(section(text), {});
      expect(f.status).toBe('error');
      expect(f.reason).toMatch(/^__ID__:/);
    }
  });

  it('writes the home directory as ~', () => {
    expect(parse__Id__(section('### path\n/home/ada/bin/__ID__\n### version\n__ID__ 1.0'), { home: '/home/ada' }).path).toBe(
      '~/bin/__ID__',
    );
  });
});

describe('__ID__ probe on this machine (real dash and busybox)', () => {
  for (const shell of SHELLS) {
    it(`${shell.join(' ')}: finds __ID__ exactly when it is on PATH`, () => {
      const f = parse__Id__(runBundle(shell, { only: ['__ID__'] }).get('__ID__')!, {});
      expect(f.status).toBe(onPath() ? 'ok' : 'absent');
    });
  }
});
