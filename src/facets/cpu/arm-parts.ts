// Arm "CPU implementer" and "CPU part" codes from /proc/cpuinfo on aarch64 (which has no
// "model name"), so that the model is readable. Source: Linux arch/arm64/include/asm/cputype.h
// (ARM_CPU_IMP_* and ARM_CPU_PART_* defines; e.g. ARM_CPU_PART_NEOVERSE_V2 0xD4F).
// An unknown code is kept as hex rather than guessed.

export const ARM_IMPLEMENTERS: Readonly<Record<string, string>> = {
  '0x41': 'arm',
  '0x42': 'broadcom',
  '0x43': 'cavium',
  '0x46': 'fujitsu',
  '0x48': 'hisilicon',
  '0x4e': 'nvidia',
  '0x50': 'apm',
  '0x51': 'qualcomm',
  '0x61': 'apple',
  '0xc0': 'ampere',
};

/** Parts designed by Arm Ltd (implementer 0x41). */
export const ARM_PARTS: Readonly<Record<string, string>> = {
  '0xd03': 'Cortex-A53',
  '0xd07': 'Cortex-A57',
  '0xd08': 'Cortex-A72',
  '0xd0b': 'Cortex-A76',
  '0xd0c': 'Neoverse-N1',
  '0xd40': 'Neoverse-V1',
  '0xd49': 'Neoverse-N2',
  '0xd4f': 'Neoverse-V2',
  '0xd84': 'Neoverse-V3',
};
