#!/usr/bin/env bash
# Create the optional benchmark virtualenv with negmas (AGPL-3.0) in it.
#
# Usage (from anywhere):  bash bench/setup-bench-env.sh
#
# Makes <repo>/.bench-venv (git-ignored) with `python3 -m venv` and installs
# negmas==0.16.0 there from PyPI. accord itself never imports negmas: only
# bench/peer_negmas.py runs inside this venv, and it talks to accord's side
# through JSON files alone (see bench/README.md).
#
# Idempotent: an existing venv that already has negmas 0.16.0 is left as is;
# a missing or broken one is (re)created. Override the interpreter with
# PYTHON=/path/to/python3 and the location with BENCH_VENV=/some/dir.
set -euo pipefail

NEGMAS_VERSION="0.16.0"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${BENCH_VENV:-$REPO_ROOT/.bench-venv}"
PYTHON="${PYTHON:-python3}"

have_negmas() {
    [ -x "$VENV/bin/python" ] &&
        "$VENV/bin/python" - "$NEGMAS_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if version("negmas") == sys.argv[1] else 1)
PY
}

if have_negmas; then
    echo "bench env ready: $VENV (negmas $NEGMAS_VERSION)"
    exit 0
fi

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import pip' 2>/dev/null; then
    echo "creating $VENV"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
fi

"$VENV/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade pip
"$VENV/bin/python" -m pip install --disable-pip-version-check --quiet "negmas==$NEGMAS_VERSION"

if have_negmas; then
    echo "bench env ready: $VENV (negmas $NEGMAS_VERSION)"
else
    echo "error: negmas $NEGMAS_VERSION did not install into $VENV" >&2
    exit 1
fi
