#!/usr/bin/env bash
# Install Wayhome and its test tools into .venv, install Chromium (Debian) for the
# browser tests if it is missing, and run the whole test suite. Extra arguments go to pytest.
# Set WAYHOME_DATABASE_URL=postgres://... to run the same suite on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium from Debian for the browser tests..."
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
