#!/bin/bash
# A client in Python (tests/protocol_client.py) against a real region
# (pps-region, every regional service on its ipc endpoints): it finds every
# operation through Describe, calls them, and checks the protocol's defects
# stay closed. Heartbeats are a minute apart, so an event seen within
# seconds was published live. The national URL is a closed port: the
# outbox's attempts fail and are retried, by its own actor.
# Usage: protocol_client.sh BIN_DIR PROTO_DIR
set -u
BIN=${1:?usage: protocol_client.sh BIN_DIR PROTO_DIR}
PROTO=${2:?usage: protocol_client.sh BIN_DIR PROTO_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
. "$HERE/test_lib.sh"

# Debian's python3-zmq and python3-protobuf are for the system's python3,
# which another python3 first on PATH may not see
PYTHON=""
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c "import zmq, google.protobuf" 2>/dev/null; then
        PYTHON=$candidate
        break
    fi
done
[ -n "$PYTHON" ] || abort "python3-zmq and python3-protobuf are installed (deploy/install-deps.sh)"
command -v protoc >/dev/null || abort "protoc is installed (protobuf-compiler)"

unset PPS_CONFIG
export PPS_REGION_DATA_DIR="$WORK/data"
export PPS_SERVER_HEARTBEAT_MS=60000
export PPS_NATIONAL_URL="http://127.0.0.1:1"
export PPS_INDICATORS_ALLOW_PLAIN_HTTP=1
export PPS_INDICATORS_OUTBOX_POLL_MS=100
"$BIN/pps-region" >"$WORK/region.log" 2>&1 &
PID[region]=$!
# Every service is bound once pps-region says the region is ready
wait_for 100 grep -q "ready" "$WORK/region.log" || abort "the region starts"

"$PYTHON" "$HERE/protocol_client.py" "$PROTO" "$PPS_REGION_DATA_DIR"
