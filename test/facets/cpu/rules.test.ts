import { describe, expect, it } from 'vitest';
import type { CpuFacet } from '../../../src/facets/cpu/types.js';
import type { PythonFacet } from '../../../src/facets/python/types.js';
import { compareCpu as compareCpuOnly } from '../../../src/facets/cpu/rules.js';
import { compareIsaNeeds } from '../../../src/rules/cross-facet/isa-needs.js';
import { context, ruleIds, withCrossFacet } from '../../helpers/fingerprint.js';

// The cpu facet's rules and the installed packages' ISA needs (a cross-facet rule), as the engine runs them.
const compareCpu = withCrossFacet('cpu', compareCpuOnly, compareIsaNeeds);

// Real /proc/cpuinfo flag lines:
// - the envdiff dev machine (AMD EPYC, x86-64-v4);
const epycFlags =
  'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid extd_apicid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw topoext vmmcall fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid avx512f avx512dq adx smap avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves avx_vnni avx512_bf16 clzero xsaveerptr arat avx512vbmi umip avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg avx512_vpopcntdq rdpid fsrm avx512_vp2intersect';
// - Intel Core 2 Duo E7500, no AVX, no SSE4.2 (tensorflow/tensorflow#33040, TF 1.14 "Illegal instruction");
const core2Flags =
  'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx lm constant_tsc arch_perfmon pebs bts rep_good nopl cpuid aperfmperf pni dtes64 monitor ds_cpl vmx est tm2 ssse3 cx16 xtpr pdcm sse4_1 xsave lahf_lm pti tpr_shadow vnmi flexpriority dtherm';
// - Intel Xeon E3-1245 V2 (Ivy Bridge): AVX but no AVX2 (ROCmSoftwarePlatform/tensorflow#51).
const ivyFlags =
  'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx rdtscp lm constant_tsc arch_perfmon pebs bts rep_good nopl xtopology nonstop_tsc cpuid aperfmperf pni pclmulqdq dtes64 monitor ds_cpl vmx smx est tm2 ssse3 cx16 xtpr pdcm pcid sse4_1 sse4_2 x2apic popcnt tsc_deadline_timer aes xsave avx f16c rdrand lahf_lm cpuid_fault epb pti tpr_shadow vnmi flexpriority ept vpid fsgsbase smep erms xsaveopt ibpb ibrs stibp dtherm ida arat pln pts';

function cpu(model: string, flags: string, x86Level: 1 | 2 | 3 | 4): CpuFacet {
  return {
    status: 'ok',
    model,
    vendor: model.startsWith('AMD') ? 'AuthenticAMD' : 'GenuineIntel',
    flags: flags.split(' ').sort(),
    x86Level,
  };
}

const epyc = cpu('AMD EPYC', epycFlags, 4);
const core2 = cpu('Intel(R) Core(TM)2 Duo CPU     E7500  @ 2.93GHz', core2Flags, 1);
const ivy = cpu('Intel(R) Xeon(R) CPU E3-1245 V2 @ 3.40GHz', ivyFlags, 2);

const tfPython = (version: string): PythonFacet => ({
  status: 'ok',
  version: '3.7.3',
  packages: [
    { name: 'numpy', version: '1.16.4' },
    { name: 'tensorflow', version },
  ],
});

describe('cpu rules', () => {
  it('warns about a lower x86-64 level and lists the missing vector extensions', () => {
    const f = compareCpu(epyc, ivy, context({}, {}));
    expect(f.find((x) => x.ruleId === 'cpu/x86-level')).toMatchObject({ severity: 'warning', baseline: 'x86-64-v4', target: 'x86-64-v2' });
    const isa = f.find((x) => x.ruleId === 'cpu/missing-isa');
    expect(isa?.severity).toBe('warning');
    expect(isa?.baseline?.split(' ')).toEqual(expect.arrayContaining(['avx2', 'avx512f', 'bmi2', 'fma']));
    // Flags that do not select code paths (virtualisation, power management) are not listed.
    expect(isa?.baseline).not.toContain('hypervisor');
    expect(isa?.baseline?.split(' ')).not.toContain('avx');
  });

  it('errors when TensorFlow ≥ 1.6 meets a CPU without AVX (tensorflow#17411)', () => {
    const f = compareCpu(epyc, core2, context({ python: tfPython('1.14.0') }, {}));
    const tf = f.find((x) => x.ruleId === 'cpu/isa-required-by-package');
    expect(tf).toMatchObject({ severity: 'error', subject: 'tensorflow', target: 'no avx' });
    expect(tf?.message).toContain('tensorflow 1.14.0 needs avx');
  });

  it('does not blame TensorFlow 1.5, built before the AVX requirement, nor an AVX CPU', () => {
    expect(ruleIds(compareCpu(epyc, core2, context({ python: tfPython('1.5.0') }, {})))).not.toContain('cpu/isa-required-by-package');
    expect(ruleIds(compareCpu(epyc, ivy, context({ python: tfPython('2.15.0') }, {})))).not.toContain('cpu/isa-required-by-package');
  });

  it('skips flag rules across architectures and when the target flags are unknown', () => {
    const arm: CpuFacet = { status: 'ok', model: 'Neoverse-N1', flags: ['asimd', 'fp'] };
    const ctx = context({ os: { status: 'ok', arch: 'x86_64' }, python: tfPython('2.15.0') }, { os: { status: 'ok', arch: 'aarch64' } });
    expect(compareCpu(epyc, arm, ctx)).toEqual([]);
    const unknown: CpuFacet = { status: 'ok', model: 'AMD EPYC' };
    expect(compareCpu(epyc, unknown, context({ python: tfPython('2.15.0') }, {}))).toEqual([]);
  });

  it('finds nothing between identical CPUs', () => {
    expect(compareCpu(epyc, epyc, context({ python: tfPython('2.15.0') }, {}))).toEqual([]);
  });

  it('reports fewer cores and less memory as info', () => {
    const big: CpuFacet = { ...epyc, logicalCores: 64, memoryBytes: 256 * 2 ** 30 };
    const small: CpuFacet = { ...epyc, logicalCores: 2, memoryBytes: 24 * 2 ** 30 };
    const f = compareCpu(big, small, context({}, {}));
    expect(ruleIds(f)).toEqual(['cpu/fewer-cores', 'cpu/less-memory']);
    expect(f.every((x) => x.severity === 'info')).toBe(true);
    expect(f.find((x) => x.ruleId === 'cpu/less-memory')?.target).toBe('24.0 GiB');
  });
});
