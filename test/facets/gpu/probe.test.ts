import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGpu } from '../../../src/facets/gpu/parse.js';
import { loadFixtures, runBundle, SHELLS, sh } from '../../helpers/fixtures.js';
import { REPO } from '../../helpers/paths.js';

const ctx = {};
const section = (text: string) => ({ id: 'gpu', exitCode: 0, text, stderr: '' });

describe('gpu fixtures', () => {
  // Parsing against expected.json: test/facets/golden.test.ts. Here: what no fixture may leak.
  for (const fx of loadFixtures('gpu').filter((f) => !f.name.startsWith('nvidia-smi-xml-'))) {
    it(`${fx.name}: identifiers present in the input never reach the facet`, () => {
      expect(JSON.stringify(parseGpu(fx.section, ctx))).not.toMatch(/GPU-[0-9a-f]{8}-|00000000:|0000000000000/i);
    });
  }
});

describe('gpu parser', () => {
  it('reads driver 610 banner names (KMD Version, CUDA UMD Version) and a header-less query', () => {
    // Synthetic: the banner line shape quoted in sgl-project/sglang#27487; probe-style rc lines.
    const f = parseGpu(
      section(
        '### nvidia-smi\nrc=0\n| NVIDIA-SMI 610.43.02              KMD Version: 610.43.02     CUDA UMD Version: 13.3     |\n' +
          '### nvidia-smi-query\nrc=0\n1, NVIDIA B200, 610.43.02, 183359, 10.0, Disabled\n0, NVIDIA B200, 610.43.02, 183359, 10.0, Disabled',
      ),
      ctx,
    );
    expect(f).toMatchObject({ status: 'ok', driver: { vendor: 'nvidia', version: '610.43.02' }, cudaDriverVersion: '13.3' });
    expect(f.devices?.map((d) => d.index)).toEqual([0, 1]);
    expect(f.devices?.[0]).toEqual({ index: 0, name: 'NVIDIA B200', memoryMiB: 183359, computeCapability: '10.0', migMode: 'disabled' });
  });

  it('a query without compute_cap (old driver) gives devices with it derived from the name, marked so', () => {
    const f = parseGpu(
      section(
        '### nvidia-smi\nrc=0\n| NVIDIA-SMI 470.182.03   Driver Version: 470.182.03   CUDA Version: 11.4     |\n### nvidia-smi-query\nrc=0\nindex, name, driver_version, memory.total [MiB], mig.mode.current\n0, Tesla T4, 470.182.03, 15109, [N/A]',
      ),
      ctx,
    );
    expect(f.devices).toEqual([{ index: 0, name: 'Tesla T4', memoryMiB: 15109, computeCapability: '7.5', computeCapabilityFrom: 'name' }]);
  });

  it('a query that failed is "devices unknown" (devicesError), never "no devices"; bus ids stay out of it', () => {
    const f = parseGpu(
      section(
        '### nvidia-smi\nrc=0\n| NVIDIA-SMI 560.35.03   Driver Version: 560.35.03   CUDA Version: 12.6     |\n' +
          '### nvidia-smi-query\nrc=255\nUnable to determine the device handle for GPU0000:17:00.0: Unknown Error\n' +
          '### nvidia-smi-q-x.xml\nrc=255\nUnable to determine the device handle for GPU0000:17:00.0: Unknown Error',
      ),
      ctx,
    );
    expect(f).toEqual({
      status: 'ok',
      driver: { vendor: 'nvidia', version: '560.35.03' },
      cudaDriverVersion: '12.6',
      devicesError:
        'nvidia-smi --query-gpu exited 255: Unable to determine the device handle for GPU<bus id>: Unknown Error; nvidia-smi -q -x: exited 255: Unable to determine the device handle for GPU<bus id>: Unknown Error',
    });
  });

  it('a query row of another width (a cut line) is not a shorter device list', () => {
    const f = parseGpu(
      section(
        '### nvidia-smi\nrc=0\n| NVIDIA-SMI 590.48.01   Driver Version: 590.48.01   CUDA Version: 13.1     |\n' +
          '### nvidia-smi-query\nrc=0\nindex, name, driver_version, memory.total [MiB], compute_cap, mig.mode.current\n0, NVIDIA H100 80GB HBM3, 590.48.01, 81559, 9.0, Disabled\n1, NVIDIA H100',
      ),
      ctx,
    );
    expect(f.devices).toBeUndefined();
    expect(f.devicesError).toMatch(/printed a row that is not a device record: 1, NVIDIA H100/);
  });

  it('"No devices were found" is absent, a timeout is error', () => {
    expect(parseGpu(section('### nvidia-smi\nrc=6\nNo devices were found'), ctx)).toMatchObject({ status: 'absent' });
    expect(parseGpu(section('### nvidia-smi\nrc=124\n'), ctx)).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/within 10 s/),
    });
  });

  it('cuDNN from the header, else from library file names', () => {
    const h = parseGpu(section('### cudnn-header\n#define CUDNN_MAJOR 8\n#define CUDNN_MINOR 9\n#define CUDNN_PATCHLEVEL 7'), ctx);
    expect(h.cudnn).toBe('8.9.7');
    const l = parseGpu(section('### cudnn-libs\nlibcudnn.so.9\nlibcudnn.so.9.5.0\nlibcudnn.so.9.10.1'), ctx);
    expect(l.cudnn).toBe('9.10.1');
  });

  it('garbage gives error or absent with a reason, never a throw', () => {
    for (const text of [
      '',
      'junk',
      '### nvidia-smi\nrc=0\nsomething else entirely',
      '### nvidia-smi-query\n,,,',
      '### system_profiler\n:::',
    ]) {
      const f = parseGpu(section(text), ctx);
      expect(['error', 'absent']).toContain(f.status);
      expect(f.reason).toBeTruthy();
    }
    expect(parseGpu(section('### nvidia-smi\nrc=0\nsomething else entirely'), ctx).status).toBe('error');
  });
});

describe('gpu probe on this machine (real dash and busybox)', () => {
  let dir: string;
  /** A tiny real nvidia-smi script, first on PATH. */
  const fake = (name: string, body: string) => {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'nvidia-smi'), `#!/bin/sh\n${body}\n`);
    chmodSync(join(d, 'nvidia-smi'), 0o755);
    return { ...process.env, PATH: `${d}:${process.env.PATH}` };
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-gpu-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const shell of SHELLS) {
    const tag = shell.join(' ');
    it(`${tag}: no nvidia-smi here gives absent, with the real nvcc reported`, () => {
      expect(sh('command -v nvidia-smi || echo none')).toBe('none');
      const f = parseGpu(runBundle(shell, { only: ['gpu'] }).get('gpu')!, ctx);
      expect(f.status).toBe('absent');
      const nvcc = /V(\d+\.\d+\.\d+)/.exec(sh('nvcc --version 2>/dev/null || true'))?.[1];
      expect(f.toolkit?.nvcc).toBe(nvcc);
    });

    it(`${tag}: a hanging nvidia-smi gives error within the bound`, () => {
      const env = fake('hang', 'exec sleep 60');
      // The reason names the probe's own 10 s bound: timeout(1) ended nvidia-smi, not the watchdog.
      const f = parseGpu(runBundle(shell, { only: ['gpu'] }, env).get('gpu')!, ctx);
      expect(f.status).toBe('error');
      expect(f.reason).toMatch(/did not answer within 10 s/);
    }, 40_000);

    it(`${tag}: a failing nvidia-smi gives error with the driver message`, () => {
      const env = fake(
        'fail',
        `echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."; exit 9`,
      );
      const f = parseGpu(runBundle(shell, { only: ['gpu'] }, env).get('gpu')!, ctx);
      expect(f).toMatchObject({ status: 'error', reason: expect.stringContaining("couldn't communicate with the NVIDIA driver") });
    });

    it(`${tag}: an old driver rejecting compute_cap is re-queried without it`, () => {
      // Synthetic nvidia-smi (a real script): answers like driver 470, which has no compute_cap.
      const env = fake(
        'old',
        [
          'case "$*" in',
          '  *compute_cap*) echo \'Field "compute_cap" is not a valid field to query.\'; exit 2 ;;',
          '  *--query-gpu=*) echo "index, name, driver_version, memory.total [MiB], mig.mode.current"; echo "0, Tesla T4, 470.182.03, 15109, [N/A]" ;;',
          '  *) echo "| NVIDIA-SMI 470.182.03   Driver Version: 470.182.03   CUDA Version: 11.4     |"; echo "|   0  Tesla T4   Off  | 00000000:00:1E.0 Off |" ;;',
          'esac',
        ].join('\n'),
      );
      const s = runBundle(shell, { only: ['gpu'] }, env).get('gpu')!;
      expect(s.text).not.toMatch(/00000000:00:1E\.0/); // the banner's bus id is not captured
      const f = parseGpu(s, ctx);
      expect(f).toMatchObject({
        status: 'ok',
        driver: { vendor: 'nvidia', version: '470.182.03' },
        cudaDriverVersion: '11.4',
        devices: [{ index: 0, name: 'Tesla T4', memoryMiB: 15109, computeCapability: '7.5', computeCapabilityFrom: 'name' }],
      });
    });

    it(`${tag}: the query fails, the devices come from nvidia-smi -q -x (real XML), without ids`, () => {
      // Stand-in nvidia-smi: the banner of a working driver, the query failing with the real text
      // and exit status of a GPU whose handle NVML cannot get (meta-llama/llama-models#200;
      // nvidia-smi(1) RETURN VALUE 255: "other error"), and `-q -x` printing a real report
      // (fixtures/gpu/nvidia-smi-xml-rtx2070x2-590, see its SOURCE.md). Staged: no machine here
      // has a GPU, so the combination is a script; each output in it is real.
      const xml = join(REPO, 'fixtures', 'gpu', 'nvidia-smi-xml-rtx2070x2-590', 'nvidia-smi-q-x.xml');
      const env = fake(
        'query-fails',
        [
          'case "$*" in',
          '  *--query-gpu=*) echo "Unable to determine the device handle for GPU0000:17:00.0: Unknown Error"; exit 255 ;;',
          `  "-q -x") cat '${xml}' ;;`,
          '  *) echo "| NVIDIA-SMI 590.44.01              Driver Version: 590.44.01      CUDA Version: 13.1     |" ;;',
          'esac',
        ].join('\n'),
      );
      const s = runBundle(shell, { only: ['gpu'] }, env).get('gpu')!;
      expect(s.text).not.toMatch(/GPU-[0-9a-f]{8}-|<uuid>|<serial>|00000000:0[0-9]:00\.0/i);
      const f = parseGpu(s, ctx);
      expect(f).toMatchObject({ status: 'ok', driver: { vendor: 'nvidia', version: '590.44.01' }, cudaDriverVersion: '13.1' });
      expect(f.devicesError).toBeUndefined();
      expect(f.devices).toEqual(
        [0, 1].map((index) => ({
          index,
          name: 'NVIDIA GeForce RTX 2070',
          memoryMiB: 8192,
          computeCapability: '7.5',
          computeCapabilityFrom: 'name',
        })),
      );
    });

    it(`${tag}: MIG enabled in the query brings the MIG instances from nvidia-smi -q -x`, () => {
      // The A100 row in the probe's own query format with MIG "Enabled", and the real -q -x report
      // of that driver (fixtures/gpu/nvidia-smi-xml-a100-mig-510).
      const xml = join(REPO, 'fixtures', 'gpu', 'nvidia-smi-xml-a100-mig-510', 'nvidia-smi-q-x.xml');
      const env = fake(
        'mig',
        [
          'case "$*" in',
          '  *--query-gpu=*) echo "index, name, driver_version, memory.total [MiB], compute_cap, mig.mode.current"; echo "0, NVIDIA A100-SXM4-40GB, 510.47.03, 40960, 8.0, Enabled" ;;',
          `  "-q -x") cat '${xml}' ;;`,
          '  *) echo "| NVIDIA-SMI 510.47.03    Driver Version: 510.47.03    CUDA Version: 11.6     |" ;;',
          'esac',
        ].join('\n'),
      );
      const f = parseGpu(runBundle(shell, { only: ['gpu'] }, env).get('gpu')!, ctx);
      expect(f.devices).toEqual([
        {
          index: 0,
          name: 'NVIDIA A100-SXM4-40GB',
          memoryMiB: 40960,
          computeCapability: '8.0',
          migMode: 'enabled',
          migDevices: [
            { index: 0, gpuInstanceId: 1, computeInstanceId: 0, memoryMiB: 19968, multiprocessorCount: 42 },
            { index: 1, gpuInstanceId: 2, computeInstanceId: 0, memoryMiB: 19968, multiprocessorCount: 42 },
          ],
        },
      ]);
    });
  }
});

describe('gpu parser and the bundle watchdog', () => {
  it('a probe killed by the watchdog (exit 143) is error, not absent', () => {
    const f = parseGpu({ id: 'gpu', exitCode: 143, text: '### uname-s\nLinux', stderr: '' }, {});
    expect(f).toMatchObject({ status: 'error', reason: expect.stringMatching(/time limit/) });
  });
});

describe('a real multi-GPU query with mixed generations', () => {
  // The query lines are verbatim from a maintainer's comment in triton-inference-server/server
  // pull request #8070 (mc-nv, 2025-03-13): a TITAN V (sm_70) and an RTX 5880 Ada (sm_89) on
  // driver 570.86.15, columns in another order than envdiff's own query. Only the `### nvidia-smi`
  // marker with rc=0 (the probe's record that nvidia-smi ran) is added here.
  const query = [
    'compute_cap, compute_mode, driver_version, name, index',
    '7.0, Default, 570.86.15, NVIDIA TITAN V, 0',
    '8.9, Default, 570.86.15, NVIDIA RTX 5880 Ada Generation, 1',
  ].join('\n');

  it('finds each device by column name, whatever the column order', () => {
    const f = parseGpu({ id: 'gpu', exitCode: 0, text: `### nvidia-smi\nrc=0\n### nvidia-smi-query\nrc=0\n${query}`, stderr: '' }, {});
    expect(f.status, f.reason).toBe('ok');
    expect(f.driver).toEqual({ vendor: 'nvidia', version: '570.86.15' });
    expect(f.devices).toEqual([
      { index: 0, name: 'NVIDIA TITAN V', computeCapability: '7.0' },
      { index: 1, name: 'NVIDIA RTX 5880 Ada Generation', computeCapability: '8.9' },
    ]);
  });
});
