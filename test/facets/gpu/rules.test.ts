// gpu rules over facets parsed from real fixtures (fixtures/gpu/*, each with its SOURCE.md).
import { describe, expect, it } from 'vitest';
import { parseGpu } from '../../../src/facets/gpu/parse.js';
import { compareGpu } from '../../../src/facets/gpu/rules.js';
import type { GpuFacet } from '../../../src/facets/gpu/types.js';
import { loadFixtures } from '../../helpers/fixtures.js';
import { context } from '../../helpers/fingerprint.js';

const fixtures = new Map(loadFixtures('gpu').map((f) => [f.name, parseGpu(f.section, f.context)]));
const gpu = (name: string): GpuFacet => fixtures.get(name)!;
const ctx = context({}, {});

describe('gpu rules', () => {
  it('devices unknown on the target (driver answered, list failed) against GPUs on the baseline is an error', () => {
    // The target: a driver whose query and -q -x both failed with NVML's real message.
    const target = parseGpu(
      {
        id: 'gpu',
        exitCode: 0,
        stderr: '',
        text:
          '### nvidia-smi\nrc=0\n| NVIDIA-SMI 590.48.01   Driver Version: 590.48.01   CUDA Version: 13.1     |\n' +
          '### nvidia-smi-query\nrc=255\nUnable to determine the device handle for GPU0000:17:00.0: Unknown Error\n' +
          '### nvidia-smi-q-x.xml\nrc=255\nUnable to determine the device handle for GPU0000:17:00.0: Unknown Error',
      },
      {},
    );
    const f = compareGpu(gpu('nvidia-smi-h100-590'), target, ctx);
    expect(f.map((x) => `${x.severity} ${x.ruleId}`)).toEqual(['error gpu/devices-not-captured']);
    expect(f[0]!.message).toContain("the target's GPUs could not be listed");
    expect(JSON.stringify(f)).not.toContain('0000:17:00.0');
  });

  it('MIG on one side only is a warning, and the memory a process can use is one instance’s', () => {
    const mig = gpu('nvidia-smi-xml-a100-mig-535'); // A100 80GB, four 19968 MiB instances
    const whole = gpu('nvidia-smi-h100-590'); // H100 80GB, no MIG
    const f = compareGpu(whole, mig, ctx);
    const by = Object.fromEntries(f.map((x) => [x.ruleId, x]));
    expect(by['gpu/mig']).toMatchObject({ severity: 'warning' });
    expect(by['gpu/mig']!.target).toBe('NVIDIA A100-SXM4-80GB: MIG 4 instances (19968 MiB/14 SMs)');
    expect(by['gpu/less-memory']).toMatchObject({ baseline: '81559 MiB', target: '19968 MiB' });
  });

  it('two MIG layouts of one GPU model are compared instance by instance', () => {
    const a = gpu('nvidia-smi-xml-a100-mig-510'); // A100 40GB, two 19968 MiB / 42 SM instances
    expect(compareGpu(a, a, ctx)).toEqual([]);
  });
});
