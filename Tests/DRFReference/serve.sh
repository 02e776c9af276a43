#!/usr/bin/env bash
# Serves the DRF reference implementation with gunicorn (sync workers, 2 x cores + 1).
#
#   DATABASE_URL=postgres://postgres@/db?host=/tmp Tests/DRFReference/serve.sh unix:/tmp/drf.sock
#   DATABASE_URL=... Tests/DRFReference/serve.sh 127.0.0.1:8001 [--workers N] [gunicorn options]
#   Tests/DRFReference/serve.sh --install-only     # only create/refresh the virtualenv
#
# The virtualenv lives in .build-drf/venv (git-ignored), made with Debian's python3 and filled
# from PyPI with requirements.txt (plus $DRF_EXTRA_PIP, e.g. matplotlib for the benchmark).
# gunicorn runs in the foreground (exec): its pid is this script's pid.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${DRF_VENV:-$ROOT/.build-drf/venv}"

ensure_venv() {
  local python=/usr/bin/python3
  if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
  fi
  local wanted
  wanted="$(cat "$HERE/requirements.txt"; echo "${DRF_EXTRA_PIP:-}")"
  if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.requirements" 2>/dev/null)" = "$wanted" ]; then
    return
  fi
  echo "serve.sh: preparing $VENV" >&2
  [ -x "$VENV/bin/python" ] || "$python" -m venv "$VENV"
  # shellcheck disable=SC2086
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt" ${DRF_EXTRA_PIP:-}
  printf '%s' "$wanted" >"$VENV/.requirements"
}

[ $# -ge 1 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
# Test suites start this script at the same time (the wire comparisons, the schema and browser
# tests): one makes or refreshes the virtualenv while the others wait, instead of several pip
# runs writing into one half-made virtualenv (a first run in a fresh tree failed that way once).
mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9
ensure_venv
exec 9>&-  # the lock is not gunicorn's to hold
[ "$1" = "--install-only" ] && exit 0

BIND="$1"; shift
WORKERS=$((2 * $(nproc) + 1))
if [ "${1:-}" = "--workers" ]; then WORKERS="$2"; shift 2; fi
: "${DATABASE_URL:?DATABASE_URL must name the database}"
export DATABASE_URL DJANGO_SETTINGS_MODULE=refapi.settings
exec "$VENV/bin/gunicorn" refapi.wsgi:application --chdir "$HERE" --bind "$BIND" \
  --workers "$WORKERS" --worker-class sync --log-level warning "$@"
