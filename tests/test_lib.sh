# What the shell tests share (sourced, not run): pass/fail counting with the
# plain "N passed, N failed" closing line, bounded waits, and children
# stopped by their PID on exit.
#
# Before sourcing: WORK (the test's scratch directory, removed on exit),
# OUT and ERR (files a step's output goes to, shown when it fails).
# Children go into the associative array PID (name -> pid), their logs
# into "$WORK/<name>.log".

declare -A PID=()
passed=0
failed=0

cleanup () {
    local name
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
# wait_for TRIES COMMAND...: retry every 0.1 s, at most TRIES times
wait_for () {
    local tries=$1
    shift
    for _ in $(seq "$tries"); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
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
