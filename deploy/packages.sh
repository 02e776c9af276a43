#!/usr/bin/env bash
# Installs the Debian packages the project builds, runs and tests with, when any is missing.
# Used by deploy/stack and Tests/run; safe to run again.
set -euo pipefail
PACKAGES=(libfcgi-dev libfcgi-bin libpq-dev libssl-dev postgresql postgresql-contrib nginx-light curl ca-certificates)
missing=()
for p in "${PACKAGES[@]}" ${SRF_EXTRA_PACKAGES:-}; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts a packaged nginx/PostgreSQL on install where an init system runs; the project
  # runs its own instances and needs neither.
fi
