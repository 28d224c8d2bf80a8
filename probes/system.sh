# system probe: the OS package manager's installed packages. The first manager that answers
# wins (dpkg, rpm, apk, brew): a Debian host with rpm installed for alien has an empty rpm db.
#   ### dpkg          Package\tVersion\tArchitecture\tdb:Status-Abbrev\tPriority (every db entry;
#                     the parser keeps the installed ones)
#   ### apt-auto      Package:/Architecture:/Auto-Installed: lines of apt's extended_states
#   ### rpm           the Mariner container-manifest query (NAME, VERSION-RELEASE, …, EPOCH, …, ARCH)
#   ### apk-installed P:/V:/A: lines of /lib/apk/db/installed     ### apk-info  `apk info -v`
#   ### brew          `brew list --versions`                      ### absent
#   ### failed        the manager's command that exited non-zero, then `rc=N` (its stderr is the
#                     probe's): a database it cannot read is "could not tell", never "no packages"
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
  exit 0
fi
if have apk; then
  out=$(bounded "$ENVDIFF_CHILD_TIMEOUT" apk info -v)
  rc=$?
  [ "$rc" -eq 0 ] || failed apk "$rc"
  sec apk-info
  printf '%s\n' "$out"
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
