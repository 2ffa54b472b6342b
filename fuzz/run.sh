#!/bin/bash
# Runs the fuzz targets, each for a bounded time, on their seed corpus: the
# short run of the CI, or a longer one (fuzz/README.md).
# Usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#   BUILD_DIR  configured with CC=clang -DPPS_FUZZ=ON, target fuzz_all built
#   SECONDS    fuzzing time of each target (libFuzzer -max_total_time)
#   TARGET     registry projects training funding indicators notify
#              national_rules national_api decoders (default: all)
# Extra libFuzzer flags come from $FUZZ_ARGS (e.g. "-jobs=2 -workers=2").
# Everything goes under BUILD_DIR/fuzz-run/: seeds/<target> (written by
# fuzz_seeds), corpus/<target> (what the fuzzer found new, kept from run to
# run), artifacts/ (the inputs that crashed), logs/<target>.log.
# Prints one line per target and exits 1 when a target found something new:
# a crash whose message is listed in fuzz/open/<target>/KNOWN (a bug found
# before and not fixed yet, whose input is kept there) is reported, not
# counted.
set -u
BUILD=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
SECONDS_EACH=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(registry projects training funding indicators notify
                                     national_rules national_api decoders)
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN="$BUILD/bin"
RUN="$BUILD/fuzz-run"
mkdir -p "$RUN/corpus" "$RUN/artifacts" "$RUN/logs"
"$BIN/fuzz_seeds" "$RUN/seeds" || { echo "fuzz: fuzz_seeds failed"; exit 1; }

found=0
for target in "${TARGETS[@]}"; do
    corpora=("$RUN/corpus/$target" "$RUN/seeds/$target")
    [ -d "$REPO/fuzz/regressions/$target" ] && corpora+=("$REPO/fuzz/regressions/$target")
    mkdir -p "$RUN/corpus/$target"
    log="$RUN/logs/$target.log"
    dictionary=()
    case $target in national_*) dictionary=(-dict="$REPO/fuzz/bilan.dict") ;; esac
    # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
    "$BIN/fuzz_$target" -max_total_time="$SECONDS_EACH" -timeout=25 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix="$RUN/artifacts/$target-" "${dictionary[@]}" \
        ${FUZZ_ARGS:-} \
        "${corpora[@]}" >"$log" 2>&1
    rc=$?
    stat () { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
    if [ $rc -eq 0 ]; then
        printf 'fuzz %-15s %8s runs in %ss, %6s exec/s, %4s new units, coverage %s\n' \
            "$target" "$(stat number_of_executed_units)" "$SECONDS_EACH" \
            "$(stat average_exec_per_sec)" "$(stat new_units_added)" \
            "$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)"
    elif [ -f "$REPO/fuzz/open/$target/KNOWN" ] \
         && grep -qxFf "$REPO/fuzz/open/$target/KNOWN" "$log"; then
        echo "fuzz $target: stopped on a known open finding ($(grep -xFf \
             "$REPO/fuzz/open/$target/KNOWN" "$log" | head -1)): see fuzz/open/$target/"
    else
        found=1
        echo "fuzz $target: FOUND SOMETHING (exit $rc), see $log; the input is in $RUN/artifacts/"
        grep -E 'ERROR|SUMMARY|fuzz_|Test unit written' "$log" | head -15 | sed 's/^/    /'
    fi
done
exit $found
