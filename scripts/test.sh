#!/usr/bin/env bash
# Install Wayhome and its test tools into .venv, install Chromium, gettext and a Java runtime
# (Debian) for the tests if they are missing, and run the whole test suite. Extra arguments go to pytest.
# Set WAYHOME_DATABASE_URL=postgres://... to run the same suite on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
# Debian packages the tests need: Chromium (browser tests), GNU gettext (catalogue check),
# a Java runtime (the Spark local-mode tests).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian for the tests: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
