// `envdiff show`: one screen per fingerprint. A real capture of this machine, with its gpu facet
// replaced by real nvidia-smi outputs (fixtures/gpu, each with its SOURCE.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { captureFingerprint } from '../../src/capture/capture.js';
import { localTransport } from '../../src/capture/targets/local.js';
import { parseGpu } from '../../src/facets/gpu/parse.js';
import { renderSummary } from '../../src/report/summary.js';
import { displayWidth } from '../../src/report/text-layout.js';
import type { Fingerprint } from '../../src/facets/index.js';
import { loadFixtures } from '../helpers/fixtures.js';

let fp: Fingerprint;
beforeAll(async () => {
  fp = await captureFingerprint({ transport: localTransport(), python: `${homedir()}/.pyenv/versions/3.11.7/bin/python`, label: 'dev' });
}, 120_000);

const withGpu = (name: string): Fingerprint => {
  const fixture = loadFixtures('gpu').find((f) => f.name === name)!;
  return { ...fp, facets: { ...fp.facets, gpu: parseGpu(fixture.section, {}) } };
};

describe('renderSummary', () => {
  it('names the GPU, its driver and CUDA (a real H100 nvidia-smi)', () => {
    const out = renderSummary(withGpu('nvidia-smi-h100-590'), { width: 100 });
    const gpuLine = out.split('\n').find((l) => l.startsWith('  gpu'))!;
    expect(gpuLine).toMatch(/nvidia driver 590\.\d+/);
    expect(gpuLine).toMatch(/CUDA \d+\.\d/);
    expect(gpuLine).toMatch(/H100/);
  });

  it('says why a facet is not there', () => {
    const out = renderSummary(withGpu('nvidia-smi-driver-not-loaded'), { width: 100 });
    expect(out).toMatch(/^ {2}gpu {7}(error|absent): /m);
  });

  it.each([40, 60, 80, 132])('fits %i columns, one screen', (width) => {
    const out = renderSummary(withGpu('nvidia-smi-h100-590'), { width });
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    expect(lines.length).toBeLessThanOrEqual(width >= 80 ? 24 : 40);
  });

  it('shows hostile labels as escapes, never as terminal controls', () => {
    const out = renderSummary({ ...fp, label: 'evil\u001b[2J\nlabel' }, { width: 80 });
    expect(out).not.toContain('\u001b');
    expect(out.split('\n')[0]).toContain('evil\\u001b[2J\\nlabel');
  });
});
