# envdiff probe prelude: helpers every probe may use. POSIX sh (dash, busybox ash, bash).
# Prepended once to the bundle; each probe then runs in its own subshell.

# sec NAME: start a sub-section of this probe's output.
sec() { printf '### %s\n' "$1"; }

# have CMD: is CMD on PATH?
have() { command -v "$1" >/dev/null 2>&1; }

# bounded SECONDS CMD...: run CMD, killed after SECONDS where timeout(1) exists
# (coreutils and busybox both ship it). A wedged nvidia-smi can hang for minutes.
bounded() {
  _b_s=$1
  shift
  if have timeout; then timeout "$_b_s" "$@"; else "$@"; fi
}

# An interpreter start (python, Rscript, java…) is bounded a little below the bundle's per-probe
# limit, so that timeout(1) — which signals the whole process group — ends it and its children,
# instead of the watchdog killing only the probe's subshell and leaving them running.
ENVDIFF_CHILD_TIMEOUT=$((${ENVDIFF_PROBE_TIMEOUT:-30} - 1))
[ "$ENVDIFF_CHILD_TIMEOUT" -ge 1 ] || ENVDIFF_CHILD_TIMEOUT=1
