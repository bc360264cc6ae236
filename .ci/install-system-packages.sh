#!/usr/bin/env bash
# Installs the system programs the tests use when this machine lacks them:
# Debian's chromium (Playwright drives it; browsers are never downloaded) and the PostgreSQL
# server (tests start their own throwaway cluster on loopback). Idempotent and quiet when done.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing system packages the tests need: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Run as root, or install them yourself: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian package starts a system-wide cluster; the tests never use it.
if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_ctlcluster >/dev/null; then
  service postgresql stop >/dev/null 2>&1 || true
fi
echo "Installed: ${missing[*]}"
