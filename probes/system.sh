# system probe: the OS package manager's installed packages. The first manager that answers
# wins (dpkg, rpm, apk, brew): a Debian host with rpm installed for alien has an empty rpm db.
#   ### dpkg          Package\tVersion\tArchitecture\tdb:Status-Abbrev\tPriority (every db entry;
#                     the parser keeps the installed ones)
#   ### apt-auto      Package:/Architecture:/Auto-Installed: lines of apt's extended_states
#   ### apt-lists     `@@file NAME` per apt package list, then `name version` for each installed
#                     name it offers (`@@unreadable NAME` when its decompressor is missing)
#   ### dpkg-times    `stat -c '%Y %n'` of /var/lib/dpkg/info/*.list: when each package was unpacked
#   ### apt-sources   `@@file PATH` then the file, for sources.list, sources.list.d/*.list, *.sources
#   ### apt-releases  `@@file NAME` then the Origin/Label/Suite/Codename/Version/Date lines of each
#                     /var/lib/apt/lists/*Release (the Date says which archive state the lists are)
#   ### rpm           the Mariner container-manifest query (NAME, VERSION-RELEASE, …, EPOCH, …, ARCH)
#   ### rpm-repos     `@@file PATH` then each /etc/yum.repos.d/*.repo   ### apk-repositories  /etc/apk/repositories
#   ### apk-installed P:/V:/A: lines of /lib/apk/db/installed     ### apk-info  `apk info -v`
#   ### brew          `brew list --versions`                      ### absent
#   ### failed        the manager's command that exited non-zero, then `rc=N` (its stderr is the
#                     probe's): a database it cannot read is "could not tell", never "no packages"
# https://user:token@host/… → https://***@host/…: credentials never leave the target. The
# user-info runs to the LAST `@` before the host (a password may hold `@`), as in probes/env.sh
# and src/core/secrets.ts.
mask_userinfo() { sed -e 's|\(://\)[^/?#[:space:]"'"'"'<>`\\]*@|\1***@|g'; }
# Where each installed package came from, from apt's own data: which of apt's package lists
# (/var/lib/apt/lists, often compressed: Acquire::GzipIndexes) offer each installed name, at which
# versions; the sources those lists belong to; the header lines of each Release file. Cheaper than
# `apt-cache policy`, which rebuilds its whole cache where images disable pkgcache.bin.
apt_origins() {
  [ -d /var/lib/apt/lists ] || return 0
  # Installed packages only (db:Status-Abbrev ?i…).
  names=$(printf '%s\n' "$1" | awk -F '\t' 'substr($4, 2, 1) ~ /[iWt]/ { print $1 }')
  [ -n "$names" ] || return 0
  sec apt-lists
  for f in /var/lib/apt/lists/*_Packages /var/lib/apt/lists/*_Packages.*; do
    [ -r "$f" ] || continue
    case $f in
      *.lz4) dec='lz4 -dc' ;;
      *.gz) dec='gzip -dc' ;;
      *.xz) dec='xz -dc' ;;
      *.zst) dec='zstd -dc' ;;
      *.bz2) dec='bzip2 -dc' ;;
      *_Packages) dec='cat' ;;
      *) continue ;;
    esac
    if ! have "${dec%% *}"; then
      printf '@@unreadable %s\n' "${f##*/}"
      continue
    fi
    printf '@@file %s\n' "${f##*/}"
    # shellcheck disable=SC2086 # the decompressor and its option
    $dec "$f" 2>/dev/null | grep -E '^(Package|Version):' | awk -v names="$names" '
      BEGIN { n = split(names, a, "\n"); for (i = 1; i <= n; i++) want[a[i]] = 1 }
      /^Package: / { p = $2; next }
      /^Version: / { if (p in want) print p, $2 }'
  done
  # When each package was last unpacked (dpkg rewrites its file list then): for a version the
  # archive has since replaced, the snapshot of that moment still has it.
  sec dpkg-times
  (cd /var/lib/dpkg/info 2>/dev/null && stat -c '%Y %n' -- *.list 2>/dev/null)
  sec apt-sources
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    printf '@@file %s\n' "$f"
    mask_userinfo <"$f"
    printf '\n'
  done
  sec apt-releases
  for f in /var/lib/apt/lists/*Release; do
    [ -r "$f" ] || continue
    printf '@@file %s\n' "${f##*/}"
    grep -E '^(Origin|Label|Suite|Codename|Version|Date):' "$f"
  done
}
# The rpm and apk package sources, where they are files: yum/dnf .repo sections, apk repository lines.
rpm_repos() {
  for f in /etc/yum.repos.d/*.repo; do
    [ -r "$f" ] || continue
    [ -n "$_rr" ] || sec rpm-repos
    _rr=1
    printf '@@file %s\n' "$f"
    mask_userinfo <"$f"
    printf '\n'
  done
}
apk_repositories() {
  [ -r /etc/apk/repositories ] || return 0
  sec apk-repositories
  mask_userinfo </etc/apk/repositories
}
failed() {
  sec failed
  printf '%s\nrc=%s\n' "$1" "$2"
  exit 0
}
if have dpkg-query; then
  out=$(bounded "$ENVDIFF_CHILD_TIMEOUT" dpkg-query -W -f='${Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\t${Priority}\n')
  rc=$?
  [ "$rc" -eq 0 ] || failed dpkg-query "$rc"
  if [ -n "$out" ]; then
    sec dpkg
    printf '%s\n' "$out"
    if [ -r /var/lib/apt/extended_states ]; then
      sec apt-auto
      grep -E '^(Package|Architecture|Auto-Installed):' /var/lib/apt/extended_states
    fi
    apt_origins "$out"
    exit 0
  fi
fi
# Same query as CBL-Mariner's /var/lib/rpmmanifest/container-manifest-2, which distroless
# images ship instead of rpm itself (syft parse_rpm_manifest.go reads it the same way).
RPM_QF='%{NAME}\t%{VERSION}-%{RELEASE}\t%{INSTALLTIME}\t%{BUILDTIME}\t%{VENDOR}\t%{EPOCH}\t%{SIZE}\t%{ARCH}\t%{EPOCHNUM}\t%{SOURCERPM}\n'
if have rpm; then
  out=$(bounded "$ENVDIFF_CHILD_TIMEOUT" rpm -qa --qf "$RPM_QF")
  rc=$?
  [ "$rc" -eq 0 ] || failed rpm "$rc"
  if [ -n "$out" ]; then
    sec rpm
    printf '%s\n' "$out"
    rpm_repos
    exit 0
  fi
fi
if [ -r /var/lib/rpmmanifest/container-manifest-2 ]; then
  sec rpm
  cat /var/lib/rpmmanifest/container-manifest-2
  exit 0
fi
# apk's own database has the architecture, which `apk info -v` does not print.
if [ -r /lib/apk/db/installed ]; then
  sec apk-installed
  grep -E '^([PVA]:|$)' /lib/apk/db/installed
  apk_repositories
  exit 0
fi
if have apk; then
  out=$(bounded "$ENVDIFF_CHILD_TIMEOUT" apk info -v)
  rc=$?
  [ "$rc" -eq 0 ] || failed apk "$rc"
  sec apk-info
  printf '%s\n' "$out"
  apk_repositories
  exit 0
fi
if have brew; then
  out=$(bounded 60 brew list --versions)
  rc=$?
  [ "$rc" -eq 0 ] || failed brew "$rc"
  sec brew
  printf '%s\n' "$out"
  exit 0
fi
sec absent
