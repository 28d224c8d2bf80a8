// cpu parser: the cpu probe's sections (probes/cpu.sh) → CpuFacet. Pure; never throws.
//
// Real input, Linux x86_64 (/proc/cpuinfo, first processor block; archspec-json tests/targets):
//   vendor_id       : GenuineIntel
//   model name      : Intel(R) Core(TM) Ultra 9 285
//   flags           : fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 …
// Linux aarch64 has no model name:
//   Features        : fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid …
//   CPU implementer : 0x41
//   CPU part        : 0xd0c
// macOS (`sysctl NAME…` prints `name: value`):
//   machdep.cpu.brand_string: Intel(R) Core(TM) i7-6700K CPU @ 4.00GHz
//   machdep.cpu.features: FPU VME DE PSE TSC MSR PAE MCE CX8 APIC SEP MTRR PGE MCA CMOV … SSE4.1 SSE4.2
//   hw.optional.arm.FEAT_DotProd: 1
//
// Flags: only instruction-set flags are kept (see isIsaFlag). /proc/cpuinfo also lists kernel,
// hypervisor and power-management flags (hypervisor, constant_tsc, arat, …) that differ between
// two VMs of the same CPU and say nothing about which binaries run; keeping them would make every
// compare across hosts noisy. MHz and bogomips are never read: they change between runs.
import type { CpuFacet } from './types.js';
import { firstProbeLine, splitSubsections, type ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';
import { ARM_IMPLEMENTERS, ARM_PARTS } from './arm-parts.js';
import { x86LevelOf } from './x86-levels.js';

const X86_VENDORS: Readonly<Record<string, string>> = {
  GenuineIntel: 'intel',
  AuthenticAMD: 'amd',
  HygonGenuine: 'hygon',
  CentaurHauls: 'centaur',
};

// macOS sysctl feature names → the Linux /proc/cpuinfo names, so that a Mac and a Linux host
// compare flag for flag (Linux names per arch/x86/include/asm/cpufeatures.h).
const DARWIN_TO_LINUX: Readonly<Record<string, string>> = {
  sse3: 'pni',
  'sse4.1': 'sse4_1',
  'sse4.2': 'sse4_2',
  'avx1.0': 'avx',
  lahf: 'lahf_lm',
  lzcnt: 'abm',
  em64t: 'lm',
  clfsh: 'clflush',
  clfsopt: 'clflushopt',
  sha: 'sha_ni',
};

const X86_ISA = new Set([
  'fpu',
  'cmov',
  'cx8',
  'cx16',
  'mmx',
  'mmxext',
  'fxsr',
  'fxsr_opt',
  'pni',
  'ssse3',
  'popcnt',
  'lahf_lm',
  'abm',
  'lzcnt',
  'movbe',
  'bmi1',
  'bmi2',
  'f16c',
  'fma',
  'fma4',
  'xop',
  'tbm',
  'aes',
  'pclmulqdq',
  'vpclmulqdq',
  'vaes',
  'gfni',
  'sha_ni',
  'adx',
  'rdrand',
  'rdseed',
  'xsave',
  'osxsave',
  'xsaveopt',
  'xsavec',
  'xsaves',
  'lm',
  'nx',
  '3dnow',
  '3dnowext',
  '3dnowprefetch',
  'clflush',
  'clflushopt',
  'clwb',
  'erms',
  'fsrm',
  'movdiri',
  'movdir64b',
  'serialize',
  'rdpid',
  'rdtscp',
  'prefetchw',
  'misalignsse',
]);

function isIsaFlag(flag: string): boolean {
  return X86_ISA.has(flag) || /^(sse|avx|amx)/.test(flag);
}

// aarch64 hwcaps are all instruction-set features except these two (timer event stream, and
// "cpuid" = MRS emulation of ID registers by the kernel).
const ARM_NON_ISA = new Set(['evtstrm', 'cpuid']);

/** `key : value` lines of the first block (cpuinfo) or `key: value` lines (sysctl). */
function colonRecord(text: string, firstBlockOnly: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (firstBlockOnly && line.trim() === '' && Object.keys(out).length > 0) break;
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim();
    if (key && !(key in out)) out[key] = line.slice(i + 1).trim();
  }
  return out;
}

/**
 * The last `key :` line of the first processor block. Linux prints more keys after the ISA list
 * in every block (x86: bugs, clflush size, address sizes, power management — arch/x86/kernel/cpu/proc.c;
 * arm64: CPU implementer … CPU revision — arch/arm64/kernel/cpuinfo.c), so a block whose last
 * line is the list itself was cut short, maybe inside the list.
 */
function lastKeyOfFirstBlock(text: string): string | undefined {
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '' && last !== undefined) break;
    const i = line.indexOf(':');
    if (i > 0) last = line.slice(0, i).trim();
  }
  return last;
}

/**
 * The highest x86-64 level glibc's loader finds usable (`ld.so --help`, glibc 2.33+), or undefined
 * when it did not say. It reads CPUID and the OS's XSAVE state itself, so it is the answer that
 * decides which glibc-hwcaps libraries load; /proc/cpuinfo can miss a flag a VM's kernel hides
 * (fixtures/cpu/amd-epyc-vm-no-abm: no "abm" listed, LZCNT usable). Real lines:
 *   x86-64-v4 (supported, searched)
 *   x86-64-v3
 * A listed level without "supported" is one the CPU lacks; a list with none supported is level 1.
 */
function glibcHwcapsLevel(text: string | undefined): 1 | 2 | 3 | 4 | undefined {
  const lines = (text ?? '').split('\n').filter((l) => /^\s*x86-64-v[2-4]\b/.test(l));
  if (lines.length === 0) return undefined;
  let level: 1 | 2 | 3 | 4 = 1;
  for (const line of lines) {
    const m = /^\s*x86-64-v([2-4])\s*\(supported\b/.exec(line);
    if (m) level = Math.max(level, Number(m[1])) as 1 | 2 | 3 | 4;
  }
  return level;
}

function positiveInt(text: string | undefined): number | undefined {
  const m = /^\s*(\d+)\s*$/.exec(text ?? '');
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function sortedUnique(flags: Iterable<string>): string[] {
  return [...new Set(flags)].sort();
}

export function parseCpu(section: ProbeSection, _ctx: ParseContext): CpuFacet {
  try {
    return parseCpuText(section.text);
  } catch (e) {
    return { status: 'error', reason: `cpu: could not parse probe output (${(e as Error).message})` };
  }
}

function parseCpuText(text: string): CpuFacet {
  const subs = splitSubsections(text);
  const unameM = subs.get('uname-m')?.trim() || undefined;
  const facet: CpuFacet = { status: 'ok' };
  let arch = unameM;

  const cpuinfo = subs.get('cpuinfo');
  const sysctlText = subs.get('sysctl');
  if (cpuinfo && cpuinfo.trim()) {
    const rec = colonRecord(cpuinfo, true);
    const isaKey = rec['flags'] !== undefined ? 'flags' : rec['Features'] !== undefined ? 'Features' : undefined;
    if (isaKey && lastKeyOfFirstBlock(cpuinfo) === isaKey) {
      return {
        status: 'error',
        reason: `cpu: /proc/cpuinfo ends at its "${isaKey}" line, before the keys the kernel prints after it: the list may be cut short`,
      };
    }
    if (rec['flags'] !== undefined) {
      // x86: "flags" plus vendor_id / model name.
      arch ??= rec['flags'].split(/\s+/).includes('lm') ? 'x86_64' : 'i686';
      facet.model = rec['model name'] || undefined;
      const vendorId = rec['vendor_id'];
      if (vendorId) facet.vendor = X86_VENDORS[vendorId] ?? vendorId.toLowerCase();
      facet.flags = sortedUnique(
        rec['flags']
          .toLowerCase()
          .split(/\s+/)
          .filter((f) => f && isIsaFlag(f)),
      );
    } else if (rec['Features'] !== undefined || rec['CPU implementer'] !== undefined) {
      arch ??= 'aarch64';
      const imp = rec['CPU implementer']?.toLowerCase();
      const part = rec['CPU part']?.toLowerCase();
      if (imp) facet.vendor = ARM_IMPLEMENTERS[imp] ?? imp;
      const partName = imp === '0x41' && part ? ARM_PARTS[part] : undefined;
      facet.model = rec['model name'] || partName || (imp && part ? `${imp} part ${part}` : undefined);
      facet.flags = sortedUnique(
        (rec['Features'] ?? '')
          .toLowerCase()
          .split(/\s+/)
          .filter((f) => f && !ARM_NON_ISA.has(f)),
      );
    } else {
      facet.model = rec['model name'] || rec['cpu model'] || rec['cpu'] || undefined;
    }
  }

  if (sysctlText && sysctlText.trim()) {
    const rec = colonRecord(sysctlText, false);
    facet.model ??= rec['machdep.cpu.brand_string'] || undefined;
    const vendor = rec['machdep.cpu.vendor'];
    if (vendor) facet.vendor ??= X86_VENDORS[vendor] ?? vendor.toLowerCase();
    if (!facet.vendor && /^Apple\b/.test(facet.model ?? '')) facet.vendor = 'apple';
    facet.logicalCores ??= positiveInt(rec['hw.logicalcpu']);
    facet.memoryBytes ??= positiveInt(rec['hw.memsize']);
    const x86Names = ['machdep.cpu.features', 'machdep.cpu.leaf7_features', 'machdep.cpu.extfeatures']
      .flatMap((k) => (rec[k] ?? '').toLowerCase().split(/\s+/))
      .filter(Boolean);
    if (x86Names.length > 0) {
      // An Intel Mac, or an x86_64 process under Rosetta 2 on Apple silicon.
      arch ??= 'x86_64';
      facet.flags = sortedUnique(x86Names.map((f) => DARWIN_TO_LINUX[f] ?? f).filter(isIsaFlag));
    } else {
      const armFeatures = Object.entries(rec)
        .filter(([k, v]) => k.startsWith('hw.optional.arm.FEAT_') && v === '1')
        .map(([k]) => k.slice('hw.optional.arm.FEAT_'.length).toLowerCase());
      if (armFeatures.length > 0 || rec['hw.optional.arm64'] === '1') {
        arch ??= 'arm64';
        facet.flags = sortedUnique(armFeatures);
      }
    }
  }

  facet.logicalCores ??= positiveInt(subs.get('ncpu'));
  const mem = /^MemTotal:\s*(\d+)\s*kB/m.exec(subs.get('meminfo') ?? '');
  if (mem) facet.memoryBytes ??= Number(mem[1]) * 1024;

  if (arch === 'x86_64' || arch === 'amd64') {
    // The level is what the CPU *advertises*. Under Rosetta 2
    // (fixtures/cpu/macos-monterey-rosetta2-m1, a real sysctl) CPUID shows SSE4.2 but no POPCNT
    // and no LAHF/LZCNT, so only v1
    // is proven — the same answer archspec gives for that data (core2). Some write "v2 under
    // Rosetta" (https://docs.rs/sys-lib/0.7.0/sys_lib/cpu/fn.x86_level.html); code that dispatches
    // on CPUID sees what is recorded here.
    const level = glibcHwcapsLevel(subs.get('glibc-hwcaps')) ?? x86LevelOf(new Set(facet.flags ?? []));
    if (level) facet.x86Level = level;
  }

  if (!facet.model && !facet.flags && !facet.logicalCores && !facet.memoryBytes) {
    const first = firstProbeLine(text);
    return {
      status: 'error',
      reason: first ? `cpu: unrecognised probe output: ${first}` : 'cpu: the probe printed nothing (no /proc/cpuinfo and no sysctl)',
    };
  }
  return orderCpu(facet);
}

/** Fixed key order, so that the same machine serialises to the same bytes. */
function orderCpu(f: CpuFacet): CpuFacet {
  const out: CpuFacet = { status: f.status };
  if (f.model !== undefined) out.model = f.model;
  if (f.vendor !== undefined) out.vendor = f.vendor;
  if (f.logicalCores !== undefined) out.logicalCores = f.logicalCores;
  if (f.flags !== undefined) out.flags = f.flags;
  if (f.x86Level !== undefined) out.x86Level = f.x86Level;
  if (f.memoryBytes !== undefined) out.memoryBytes = f.memoryBytes;
  return out;
}
