# os probe: raw facts for src/facets/os/parse.ts. Prints every release file that exists; the
# parser picks by an ordered fallback table, so the probe stays dumb and POSIX.
sec uname-s
uname -s 2>/dev/null
sec uname-m
uname -m 2>/dev/null
# Release files, most specific first (the parser applies the same order).
for _f in /etc/os-release:os-release /usr/lib/os-release:usr-lib-os-release \
  /etc/lsb-release:lsb-release /etc/alpine-release:alpine-release \
  /etc/redhat-release:redhat-release /etc/debian_version:debian_version; do
  _p=${_f%%:*}
  if [ -r "$_p" ]; then
    sec "${_f#*:}"
    head -n 40 "$_p"
  fi
done
if have sw_vers; then
  sec sw_vers
  sw_vers 2>/dev/null
fi
# libc: glibc answers getconf; musl's loader prints its version on stderr when run bare.
if have getconf; then
  sec getconf-libc
  getconf GNU_LIBC_VERSION 2>/dev/null
fi
if have ldd; then
  sec ldd-version
  bounded "$ENVDIFF_CHILD_TIMEOUT" ldd --version 2>&1 | head -n 2
fi
for _l in /lib/ld-musl-*.so.1; do
  if [ -e "$_l" ]; then
    sec musl-loader
    "$_l" 2>&1 | head -n 2
    break
  fi
done
sec container
[ -e /.dockerenv ] && echo dockerenv=1
[ -e /run/.containerenv ] && echo containerenv=1
[ -n "${KUBERNETES_SERVICE_HOST:-}" ] && echo kubernetes=1
if [ -r /proc/1/cgroup ]; then
  sec proc1-cgroup
  head -n 30 /proc/1/cgroup
fi
exit 0
