#!/bin/bash
# A closed event stream gives its connection back at once: the gateway
# notices the client's close while it waits for something to send, not at
# its next keep-alive (15 s later). Without that, a few console tabs
# reloaded use up an address's connections (web/per_address) and the next
# page cannot load. Usage: web_streams.sh BIN_DIR
set -u
BIN=${1:?usage: web_streams.sh BIN_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
. "$HERE/test_lib.sh"

PORT=$(ports 1) || exit 1
unset PPS_CONFIG
export PPS_REGION_DATA_DIR="$WORK/data"
export PPS_WEB_BIND="127.0.0.1:$PORT"
export PPS_WEB_PER_ADDRESS=3
mkdir -p "$PPS_REGION_DATA_DIR"
printf '%s\n' "admin-password-$$" | "$BIN/ppsctl" user bootstrap admin --name "Alice Admin" \
    >"$OUT" 2>"$ERR" || abort "ppsctl user bootstrap admin"
TOKEN=$("$BIN/ppsctl" token create streams --role reader --by admin 2>"$ERR" | grep -o 'ppst_[A-Za-z0-9_-]*') \
    || abort "ppsctl token create"
"$BIN/pps-region" >"$WORK/region.log" 2>&1 &
PID[region]=$!
wait_for 100 grep -q "console on http" "$WORK/region.log" || abort "the region and its API start"

/usr/bin/python3 - "$PORT" "$TOKEN" <<'PYTHON' || failed=$((failed + 1))
import socket, sys, time
port, token = int(sys.argv[1]), sys.argv[2]
request = (f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n").encode()

def open_stream():
    """A stream's first line, or what refused it."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=5)
    connection.sendall(request)
    try:
        first = connection.recv(64).split(b"\r\n")[0].decode()
    except OSError as error:
        first = f"no answer ({error})"
    return connection, first or "closed at once"

failed = 0
def check(condition, what):
    global failed
    print(f"{'ok  ' if condition else 'FAIL'} {what}", flush=True)
    failed += 0 if condition else 1

# The address's three connections, as three console tabs would hold them
streams = [open_stream() for _ in range(3)]
check(all(first.endswith("200 OK") for _, first in streams),
      f"three event streams open ({[first for _, first in streams]})")
# The tabs are closed; new ones come within 2 s (the keep-alive is 15 s away)
for connection, _ in streams:
    connection.close()
time.sleep(2)
again = [open_stream() for _ in range(3)]
check(all(first.endswith("200 OK") for _, first in again),
      f"2 s after they closed, three new streams open ({[first for _, first in again]})")
for connection, _ in again:
    connection.close()
sys.exit(1 if failed else 0)
PYTHON
finish
