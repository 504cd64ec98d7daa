#!/usr/bin/env bash
# Install Wayhome into .venv and run the demo web app on SQLite with the demo dataset.
# Needs only Python 3.11+. Extra arguments go to `wayhome demo` (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/wayhome demo "$@"
