#!/bin/sh
# Installs what envdiff's Slurm tests need on a fresh Debian 12 machine: Debian's Slurm 22.05
# controller and client (slurmctld, srun, sinfo, scontrol) and MUNGE, Slurm's authentication
# service. The tests start their own cluster (test/support/slurm.ts): munged and slurmctld on this
# host with a private key, socket and config in a temp dir, and one slurmd per node inside its own
# podman container (the image installs slurmd). Nothing here starts or enables a service.
# Idempotent: safe to run on every CI start. Run after .ci/setup-podman.sh.
set -eu

if [ "$(id -u)" != 0 ]; then
  echo "setup-slurm: run as root (slurmctld runs as SlurmUser=root in the tests)" >&2
  exit 1
fi

need=""
for cmd in slurmctld srun sinfo scontrol munged mungekey catatonit; do
  command -v "$cmd" >/dev/null 2>&1 || need="$need $cmd"
done
if [ -n "$need" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # catatonit: the init `podman run --init` puts in each node container (test/support/slurm.ts).
  apt-get install -y -qq --no-install-recommends slurmctld slurm-client munge catatonit >/dev/null
fi

# A system-wide key, for anyone who runs munged the usual way (the Debian package normally makes
# it; a package installed with maintainer scripts skipped may not have). 1024 bytes, owned by the
# munge user, mode 0400, as mungekey(8) writes it. The tests use their own key in their temp dir.
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  mungekey --create --keyfile=/etc/munge/munge.key --bits=8192
  chown munge:munge /etc/munge/munge.key 2>/dev/null || true
  chmod 0400 /etc/munge/munge.key
  echo "setup-slurm: created /etc/munge/munge.key"
fi

echo "setup-slurm: $(slurmctld -V), $(munged --version 2>&1 | head -n 1) ready for tests"
