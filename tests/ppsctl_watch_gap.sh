#!/bin/bash
# `ppsctl watch` fills a gap in a source's seq from its event log: a fake
# registry (ppsctl_watch_source) publishes seq 1, 2 and 5 only; watch must
# print 1 to 5 in order, each once, and say on stderr that it fetched what
# the subscription missed. Without the gap handling it prints 1, 2, 5 and
# waits for two more events that never come.
# Usage: ppsctl_watch_gap.sh BIN_DIR
set -u

BIN=${1:?usage: ppsctl_watch_gap.sh BIN_DIR}
unset PPS_CONFIG
export PPS_REGION_DATA_DIR
PPS_REGION_DATA_DIR=$(mktemp -d)
WORK=$(mktemp -d)
SOURCE_PID=""
cleanup () {
    [ -n "$SOURCE_PID" ] && kill "$SOURCE_PID" 2>/dev/null && wait "$SOURCE_PID" 2>/dev/null
    rm -rf "$PPS_REGION_DATA_DIR" "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
ok ()   { passed=$((passed + 1)); echo "ok   $1"; }
fail () { failed=$((failed + 1)); echo "FAIL $1"; }

"$BIN/ppsctl_watch_source" "$PPS_REGION_DATA_DIR" 40 >"$WORK/source.out" 2>&1 &
SOURCE_PID=$!
for _ in $(seq 50); do
    grep -q "^ready" "$WORK/source.out" && break
    sleep 0.1
done

"$BIN/ppsctl" watch --count 5 --for 30 >"$WORK/watch.out" 2>"$WORK/watch.err"
rc=$?
if [ "$rc" -eq 0 ]; then ok "watch: five events before --for ends"
else fail "watch: exit $rc"; sed 's/^/     /' "$WORK/watch.out" "$WORK/watch.err" "$WORK/source.out"; fi
if grep -q "^published 1 2 5" "$WORK/source.out"; then ok "the source published 1, 2, 5 only"
else fail "the source did not publish"; fi

seqs=$(awk '{ print $1 }' "$WORK/watch.out" | tr '\n' ' ')
if [ "$seqs" = "1 2 3 4 5 " ]; then ok "watch: seq 1 to 5 in order, each once"
else fail "watch: seqs '$seqs'"; fi
if grep -Eq "^4 registry\.person\.created fake +person 4 Person 4$" "$WORK/watch.out"; then
    ok "watch: a missed event printed like the others"
else fail "watch: missed event 4 not printed"; fi
if grep -q "^watch: registry: gap after seq 2 (next seen 5), fetched 3 events$" "$WORK/watch.err"; then
    ok "watch: the gap said on stderr"
else fail "watch: no gap line on stderr"; sed 's/^/     /' "$WORK/watch.err"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
