# cpu probe: raw facts for src/facets/cpu/parse.ts. Only the first processor block of
# /proc/cpuinfo is printed: ISA flags are the same on every core, and the other blocks only add
# per-core noise (MHz) and size (hundreds of cores). MHz and BogoMIPS change from run to run.
sec uname-m
uname -m 2>/dev/null
if [ -r /proc/cpuinfo ]; then
  sec cpuinfo
  sed -e '/^[[:space:]]*$/q' -e '/^cpu MHz/d' -e '/^[Bb]ogo[Mm][Ii][Pp][Ss]/d' /proc/cpuinfo
fi
sec ncpu
if have nproc; then
  nproc 2>/dev/null
elif have getconf; then
  getconf _NPROCESSORS_ONLN 2>/dev/null
elif [ -r /proc/cpuinfo ]; then
  grep -c '^processor' /proc/cpuinfo
fi
# glibc's dynamic loader (2.33+) says which x86-64 levels it finds usable, from CPUID itself, for
# choosing glibc-hwcaps library directories ("  x86-64-v3 (supported, searched)"). Some VMs hide a
# flag from /proc/cpuinfo (LZCNT's "abm") that CPUID reports: src/facets/cpu/parse.ts prefers this.
if [ "$(uname -m 2>/dev/null)" = x86_64 ] && [ -x /lib64/ld-linux-x86-64.so.2 ]; then
  sec glibc-hwcaps
  bounded 5 /lib64/ld-linux-x86-64.so.2 --help 2>/dev/null | grep 'x86-64-v[0-9]'
fi
if [ -r /proc/meminfo ]; then
  sec meminfo
  grep '^MemTotal:' /proc/meminfo
fi
# macOS: sysctl prints `name: value` lines, the same shape as `sysctl -a`.
if [ "$(uname -s 2>/dev/null)" = Darwin ] && have sysctl; then
  sec sysctl
  sysctl machdep.cpu.brand_string machdep.cpu.vendor hw.logicalcpu hw.memsize \
    machdep.cpu.features machdep.cpu.leaf7_features machdep.cpu.extfeatures 2>/dev/null
  sysctl hw.optional 2>/dev/null
fi
exit 0
