#!/bin/sh
# Installs and configures root podman for envdiff's container tests on a fresh Debian 12 machine.
# Idempotent: safe to run on every CI start. Why each setting (see docs/ARCHITECTURE.md, "Test machines"):
# (crun fails on setrlimit NOFILE/NPROC in this sandbox and on hybrid cgroups; runc + cgroupfs work).
set -eu

if [ "$(id -u)" != 0 ]; then
  echo "setup-podman: run as root (podman runs rootful here)" >&2
  exit 1
fi

need=""
for cmd in podman runc debootstrap; do
  command -v "$cmd" >/dev/null 2>&1 || need="$need $cmd"
done
if [ -n "$need" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # debootstrap builds the test base images (no registry is reachable); tar/xz come with Debian.
  apt-get install -y -qq --no-install-recommends podman runc debootstrap ca-certificates >/dev/null
fi

conf=/etc/containers/containers.conf
marker="# managed by envdiff .ci/setup-podman.sh"
if [ -f "$conf" ] && ! grep -q "$marker" "$conf"; then
  if grep -q 'runtime *= *"runc"' "$conf" && grep -q 'cgroup_manager *= *"cgroupfs"' "$conf" \
    && grep -q 'default_ulimits' "$conf"; then
    echo "setup-podman: $conf already configured; left as is"
    exit 0
  fi
  cp "$conf" "$conf.before-envdiff"
  echo "setup-podman: saved the previous $conf as $conf.before-envdiff"
fi
mkdir -p /etc/containers
cat >"$conf" <<CONF
$marker
[containers]
default_ulimits = ["nofile=1024:4096", "nproc=4096:8192"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF

# Fail here, with podman's own words, rather than in the middle of a test run.
podman info --format '{{.Host.OCIRuntime.Name}} {{.Host.CgroupManager}}' >/dev/null
echo "setup-podman: podman $(podman --version | awk '{print $3}') ready (runc, cgroupfs)"
