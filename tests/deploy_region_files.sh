#!/bin/bash
# The files of a region: a second region started on the same data directory
# is refused (libzmq would take the ipc endpoints from the first); a clean
# stop leaves no socket file, a killed one's stale files do not stop the
# next start; and every directory and file a region creates keeps its data
# from the machine's other accounts (README, "Data protection"): directories
# 0750 at most, files and sockets without access for others, whatever the
# umask.
# Usage: deploy_region_files.sh BIN_DIR
set -u
BIN=${1:?usage: deploy_region_files.sh BIN_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
. "$HERE/test_lib.sh"

umask 022                           # the usual one: nothing private by default
PORT=$(ports 1) || exit 1
unset PPS_CONFIG
export PPS_REGION_DATA_DIR="$WORK/data"
export PPS_WEB_BIND="127.0.0.1:$PORT"
"$BIN/pps-region" >"$WORK/region.log" 2>&1 &
PID[region]=$!
wait_for 100 grep -q "console on http" "$WORK/region.log" || abort "the region starts"
check "a write" "$BIN/ppsctl" registry create-region code=32 name=Hauts-de-France \
    ars_name="ARS Hauts-de-France"
printf 'a-long-password\n' | "$BIN/ppsctl" user bootstrap alice --name Alice >"$OUT" 2>"$ERR"
check "a user" test $? -eq 0
answers () { "$BIN/ppsctl" registry list-regions >"$OUT" 2>"$ERR"; }

# A second region on the same data directory
PPS_WEB_BIND=off "$BIN/pps-region" >"$WORK/second.log" 2>&1 &
PID[second]=$!
WAIT_QUIET=1 wait_for 100 eval "! running ${PID[second]}"
check "a second region on the same data is refused" eval "! running ${PID[second]}"
check "it says why" grep -q "another process serves it" "$WORK/second.log"
check "the first one still answers" answers
stop second

stop region
sockets=$(find "$PPS_REGION_DATA_DIR" -name '*.ipc' | wc -l)
equal "a clean stop leaves no socket file" "$sockets" 0

# A region killed outright leaves its socket files; the next start binds over them
PPS_WEB_BIND=off "$BIN/pps-region" >"$WORK/killed.log" 2>&1 &
PID[killed]=$!
wait_for 100 grep -q "ready" "$WORK/killed.log" || abort "the region starts again"
kill -KILL "${PID[killed]}"
wait "${PID[killed]}" 2>/dev/null
unset "PID[killed]"
check "a killed region leaves socket files" test "$(find "$PPS_REGION_DATA_DIR" -name '*.ipc' | wc -l)" -gt 0
PPS_WEB_BIND=off "$BIN/pps-region" >"$WORK/after.log" 2>&1 &
PID[after]=$!
wait_for 100 grep -q "ready" "$WORK/after.log" || abort "a start over stale socket files"
check "a start over stale socket files answers" answers
stop after

count=0
while IFS= read -r -d '' path; do
    count=$((count + 1))
    mode=$(stat -c %a "$path")
    if [ -d "$path" ]; then
        [ $((8#$mode & 8#027)) -eq 0 ] || fail "directory $path is $mode (0750 at most)"
    else
        [ $((8#$mode & 8#007)) -eq 0 ] || fail "$path is $mode (nothing for others)"
    fi
done < <(find "$PPS_REGION_DATA_DIR" \( -type d -o -type f -o -type s \) -print0)
if [ "$failed" -eq 0 ] && [ "$count" -gt 10 ]; then
    ok "the $count directories, files and sockets of the region are private"
else
    [ "$count" -gt 10 ] || fail "only $count paths were checked"
fi
finish
