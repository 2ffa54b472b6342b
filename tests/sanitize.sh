#!/bin/bash
# Runs one test of a sanitized build (cmake -DPPS_SANITIZE=ON, see
# tests/CMakeLists.txt) and fails it on any sanitizer report of any process
# it started: the test itself, the services it forks, the programs its
# shell script runs, a child it killed with SIGTERM (LeakSanitizer runs as
# that child exits, after the test may have stopped looking).
#
# Usage: tests/sanitize.sh LOG_DIR SUPPRESSIONS COMMAND [ARG...]
#   LOG_DIR       emptied, then every process writes its reports there
#                 (log_path: one file per process, named by its pid)
#   SUPPRESSIONS  LeakSanitizer's suppressions file (tests/lsan.supp)
#
# With gcc, whose libubsan ignores log_path beside libasan (gcc 12), an
# undefined behaviour is reported on the process's stderr instead and ends
# it (halt_on_error): a test sees that of its own process, of a child only
# if it notices the child's death. Clang's runtimes write every report
# here; the CI's sanitized run is clang's.
#
# Every process inherits ASAN_OPTIONS, UBSAN_OPTIONS and LSAN_OPTIONS from
# here (options already in the environment come after ours, so they win).
# Its exit status is the test's, except that a report turns it into 1, so
# a report in a child the test shrugged off still fails the test. Once the
# command has returned, this waits for every process it left behind (they
# carry SANITIZE_TEST_LOG=LOG_DIR in their environment), so that a report
# written at their exit is counted too.
set -u
LOG_DIR=${1:?usage: sanitize.sh LOG_DIR SUPPRESSIONS COMMAND [ARG...]}
SUPPRESSIONS=${2:?usage: sanitize.sh LOG_DIR SUPPRESSIONS COMMAND [ARG...]}
shift 2
[ $# -gt 0 ] || { echo "usage: sanitize.sh LOG_DIR SUPPRESSIONS COMMAND [ARG...]" >&2; exit 2; }

rm -rf "$LOG_DIR"
mkdir -p "$LOG_DIR"
# abort_on_error: a report ends the process at once, by SIGABRT, which a
# harness sees as a crash; halt_on_error: an undefined behaviour is an
# error, not a warning; leaks are looked for at every exit.
export ASAN_OPTIONS="log_path=$LOG_DIR/report:abort_on_error=1:detect_leaks=1\
${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="log_path=$LOG_DIR/report:halt_on_error=1:abort_on_error=1\
:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$SUPPRESSIONS:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# The marker goes to the command's environment only, not this script's.
SANITIZE_TEST_LOG="$LOG_DIR" "$@"
status=$?

# The processes still carrying the marker: the test's leftovers.
s_leftovers () {
    local entry pid
    for entry in /proc/[0-9]*; do
        pid=${entry#/proc/}
        [ "$pid" = $$ ] && continue
        grep -qzxF "SANITIZE_TEST_LOG=$LOG_DIR" "$entry/environ" 2>/dev/null && echo "$pid"
    done
}
# s_wait_gone TENTHS: true once no leftover is left, polling for at most
# TENTHS tenths of a second.
s_wait_gone () {
    local tries
    for tries in $(seq "$1"); do
        [ -z "$(s_leftovers)" ] && return 0
        sleep 0.1
    done
    [ -z "$(s_leftovers)" ]
}
if ! s_wait_gone 100; then
    # A test stops what it starts; this one did not: say so, then stop
    # them as a supervisor would (SIGTERM, so that their exit is checked).
    echo "sanitize: the test left processes running: $(s_leftovers | tr '\n' ' ')" >&2
    for pid in $(s_leftovers); do
        echo "    $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" >&2
        kill -TERM "$pid" 2>/dev/null
    done
    if ! s_wait_gone 100; then
        for pid in $(s_leftovers); do kill -KILL "$pid" 2>/dev/null; done
    fi
fi

reports=$(find "$LOG_DIR" -type f -size +0 | sort)
if [ -n "$reports" ]; then
    for report in $reports; do
        echo "==== sanitizer report $report (test exit status $status)" >&2
        head -c 20000 "$report" >&2
    done
    echo "sanitize: $(echo "$reports" | wc -l) sanitizer report(s): the test fails" >&2
    exit 1
fi
exit $status
