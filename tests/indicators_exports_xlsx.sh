#!/bin/bash
# The XLSX export reopened with openpyxl and checked against the JSON export
# of the same bilan (indicators_exports_xlsx.py). Exit 77 (skipped) when
# python3-openpyxl is not installed.
# Usage: indicators_exports_xlsx.sh PATH_TO_indicators_exports_test
set -eu
TEST=${1:?usage: indicators_exports_xlsx.sh indicators_exports_test}
# Debian's python3-openpyxl is for the system's python3, which a python3
# earlier on PATH (pyenv, a virtualenv) may hide
PYTHON=
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import openpyxl' 2>/dev/null; then
        PYTHON=$candidate
        break
    fi
done
if [ -z "$PYTHON" ]; then
    echo "SKIP: python3-openpyxl is not installed (deploy/install-deps.sh installs it)"
    exit 77
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$TEST" write "$WORK"
"$PYTHON" "$(dirname "$0")/indicators_exports_xlsx.py" "$WORK/bilan.xlsx" "$WORK/bilan.json"
