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
