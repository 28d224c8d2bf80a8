// Golden tests of the renv.lock parser on real files
// (fixtures/lockfiles/<kind>/<scenario>/, each with SOURCE.md). Expected values were read off the fixture text by hand.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LockedPackage, LockfileEntry } from '../../../src/facets/lockfiles/types.js';
import { captureLockfile } from '../../../src/capture/lockfiles.js';

const ROOT = resolve(import.meta.dirname, '../../../fixtures/lockfiles');

function capture(rel: string, explicit = true): Promise<LockfileEntry> {
  return captureLockfile(join(ROOT, rel), ROOT, explicit);
}

function pkg(entry: LockfileEntry, name: string): LockedPackage[] {
  return entry.packages.filter((p) => p.name === name);
}

describe('renv.lock', () => {
  it('reads R version and CRAN packages', async () => {
    const e = await capture('renv/cran-only/renv.lock');
    expect(e.kind).toBe('renv.lock');
    expect(e.packages).toHaveLength(54);
    expect(pkg(e, 'R6')[0]).toEqual({ name: 'R6', version: '2.5.1', ecosystem: 'cran' });
    expect(pkg(e, 'base64enc')[0]?.version).toBe('0.1-3');
    expect(pkg(e, 'htmltools')[0]?.version).toBe('0.5.8.1');
    expect(e.meta).toEqual({ rVersion: '4.4.1', rRepositories: 'CRAN=https://cloud.r-project.org' });
  });
});
