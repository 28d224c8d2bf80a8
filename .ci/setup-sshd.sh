#!/bin/sh
# Installs what envdiff's ssh-target tests need on a fresh Debian 12 machine: the OpenSSH server
# and client. The tests start their own sshd (non-daemon, 127.0.0.1, a free port, their own host
# key and authorized key: see test/support/sshd.ts); nothing here starts or enables a service.
# Idempotent: safe to run on every CI start.
set -eu

if [ "$(id -u)" != 0 ]; then
  echo "setup-sshd: run as root" >&2
  exit 1
fi

if [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends openssh-server openssh-client >/dev/null
fi
# sshd refuses to start without its privilege-separation directory (normally made by systemd's
# RuntimeDirectory=, which a container or CI job does not run).
mkdir -p /run/sshd
chmod 0755 /run/sshd
/usr/sbin/sshd -V 2>&1 | head -n 1 || true
echo "setup-sshd: sshd ready for tests"
