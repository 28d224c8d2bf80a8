// CPU architecture names: `uname -m` spellings of one architecture mapped to one name. Linux says
// aarch64 where macOS says arm64, and amd64 is the Debian/Go name of x86_64.

const ARCH_ALIASES: Readonly<Record<string, string>> = {
  aarch64: 'arm64',
  arm64: 'arm64',
  amd64: 'x86_64',
  x86_64: 'x86_64',
  x64: 'x86_64',
  i386: 'x86',
  i486: 'x86',
  i586: 'x86',
  i686: 'x86',
  armv7l: 'armv7',
  armhf: 'armv7',
};

export function normalizeArch(arch: string | undefined): string | undefined {
  if (arch === undefined) return undefined;
  const a = arch.trim().toLowerCase();
  return ARCH_ALIASES[a] ?? a;
}
