#!/bin/bash
# pps-national under 64 slow connections from one address (tests/
# national_slowloris.py): other addresses are still answered within a second.
# Usage: national_slowloris.sh BIN_DIR
set -u
BIN=${1:?usage: national_slowloris.sh BIN_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
. "$HERE/test_lib.sh"

PORT=$(ports 1) || exit 1
TOKEN="slowloris-test-token"
HASH=$(printf '%s\n' "$TOKEN" | "$BIN/pps-national" --hash-token -) || abort "hash the token"
cat >"$WORK/national.cfg" <<CONFIG
region
    data_dir = "$WORK/data"
national
    bind = "127.0.0.1:$PORT"
    tokens
        32 = "$HASH"
CONFIG
"$BIN/pps-national" -c "$WORK/national.cfg" >"$WORK/national.log" 2>&1 &
PID[national]=$!
wait_for 50 grep -q "listening" "$WORK/national.log" || abort "pps-national listens"

/usr/bin/python3 "$HERE/national_slowloris.py" "$PORT" "$TOKEN"
