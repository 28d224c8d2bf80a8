import { describe, expect, it } from 'vitest';
import { compare__Id__ } from '../../../src/facets/__ID__/rules.js';
import { context } from '../../helpers/fingerprint.js';

// SYNTHETIC values: the shape the parser produces.
const ctx = context({}, {});

describe('__ID__ rules', () => {
  it('reports a different version as __ID__/version', () => {
    const f = compare__Id__(
      { status: 'ok', path: '/usr/bin/__ID__', version: '__ID__ 1.0' },
      { status: 'ok', path: '/usr/bin/__ID__', version: '__ID__ 2.0' },
      ctx,
    );
    expect(f).toEqual([
      expect.objectContaining({ ruleId: '__ID__/version', severity: 'warning', baseline: '__ID__ 1.0', target: '__ID__ 2.0' }),
    ]);
  });

  it('says nothing when the versions agree or one is unknown', () => {
    expect(compare__Id__({ status: 'ok', version: 'x 1' }, { status: 'ok', version: 'x 1' }, ctx)).toEqual([]);
    expect(compare__Id__({ status: 'ok', version: 'x 1' }, { status: 'ok' }, ctx)).toEqual([]);
  });
});
