# What the shell tests share (sourced, not run): pass/fail counting with the
# plain "N passed, N failed" closing line, waits bounded in wall-clock time,
# the test's reserved TCP ports, and children stopped by their PID on exit.
#
# Before sourcing: WORK (the test's scratch directory, removed on exit),
# OUT and ERR (files a step's output goes to, shown when it fails).
# Children go into the associative array PID (name -> pid), their logs
# into "$WORK/<name>.log".

declare -A PID=()
passed=0
failed=0

# A child started with a clean environment (env -i) gets back the settings
# of a sanitized build (tests/sanitize.sh) with "${SANITIZER_ENV[@]}", so
# that its sanitizer reports go where the test's are checked; empty in
# other builds.
SANITIZER_ENV=()
for name in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS SANITIZE_TEST_LOG; do
    [ -n "${!name:-}" ] && SANITIZER_ENV+=("$name=${!name}")
done

# running PID: the process is there and not a zombie waiting to be reaped
running () {
    local stat
    read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}
# Every child gets SIGTERM (a supervisor then stops its own children), and
# SIGKILL after 5 s at most.
cleanup () {
    local name pid
    for name in "${!PID[@]}"; do kill -TERM "${PID[$name]}" 2>/dev/null; done
    for _ in $(seq 50); do
        pid=""
        for name in "${!PID[@]}"; do running "${PID[$name]}" && pid=${PID[$name]}; done
        [ -z "$pid" ] && break
        sleep 0.1
    done
    for name in "${!PID[@]}"; do
        kill -KILL "${PID[$name]}" 2>/dev/null
        wait "${PID[$name]}" 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

ok ()   { passed=$((passed + 1)); echo "ok   $1"; }
fail () {
    failed=$((failed + 1)); echo "FAIL $1"
    sed 's/^/     out: /' "$OUT" 2>/dev/null | head -20
    sed 's/^/     err: /' "$ERR" 2>/dev/null | head -20
}
# check NAME COMMAND...: ok when the command succeeds
check () {
    local name=$1
    shift
    if "$@"; then ok "$name"; else fail "$name"; fi
}
# equal NAME GOT WANTED
equal () {
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', wanted '$3')"; fi
}
# The closing line every runner reads; the script's status.
finish () {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
# Give up now: what follows depends on this step.
abort () {
    fail "$1"
    local log
    for log in "$WORK"/*.log; do
        [ -f "$log" ] || continue
        echo "---- tail of $log"
        tail -15 "$log"
    done
    exit 1
}
# wait_for TRIES COMMAND...: retry every 0.1 s until the command succeeds,
# for at most TRIES tenths of a second of wall-clock time (a slow command
# does not stretch the wait), then print why and the tail of every log
# under $WORK, so that a service that could not start says so (its failed
# bind is in its log). WAIT_QUIET=1 leaves out the logs, for a wait that
# is expected to fail.
wait_for () {
    local tries=$1
    shift
    local deadline=$(( ${EPOCHREALTIME/[.,]/} + tries * 100000 ))
    while :; do
        "$@" && return 0
        [ "${EPOCHREALTIME/[.,]/}" -ge "$deadline" ] && break
        sleep 0.1
    done
    [ "${WAIT_QUIET:-0}" = 1 ] && return 1
    echo "wait_for: gave up after $((tries / 10)).$((tries % 10)) s: $*" >&2
    local log
    for log in "$WORK"/*.log; do
        [ -f "$log" ] || continue
        # The first errors say why more often than the last lines do
        echo "---- first errors of $log" >&2
        grep -m 5 '^E: ' "$log" >&2
        echo "---- tail of $log" >&2
        tail -15 "$log" >&2
    done
    return 1
}
# ports N: the next N of the TCP ports ctest reserved for this test
# (PPS_TEST_PORTS=FIRST-LAST, from pps_test_ports in tests/CMakeLists.txt),
# one a line. A port is never picked free and released: another test could
# be handed it before our service binds it.
ports () {
    local count=$1 block=${PPS_TEST_PORTS:-} taken=0
    if ! [[ $block =~ ^([0-9]+)-([0-9]+)$ ]]; then
        echo "ports: PPS_TEST_PORTS is '$block', not FIRST-LAST: run the test through ctest" >&2
        return 1
    fi
    [ -f "$WORK/.ports-taken" ] && taken=$(<"$WORK/.ports-taken")
    local first=$((BASH_REMATCH[1] + taken)) last=${BASH_REMATCH[2]}
    if [ $((first + count - 1)) -gt "$last" ]; then
        echo "ports: $count more ports wanted, the block $block is used up" >&2
        return 1
    fi
    echo $((taken + count)) >"$WORK/.ports-taken"
    seq "$first" $((first + count - 1))
}
# stop NAME: SIGTERM, then SIGKILL after 5 s, and forget the child
stop () {
    local pid=${PID[$1]:-}
    [ -z "$pid" ] && return 0
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    unset "PID[$1]"
}
