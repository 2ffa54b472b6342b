#!/bin/bash
# The systemd units of deploy/systemd pass `systemd-analyze verify` with no
# message at all (it exits 0 on mere warnings, so its output is checked
# too), and the long-running ones keep an exposure level of at most 2.0 in
# `systemd-analyze security`. The units are verified as the build makes
# them from deploy/systemd/*.in (in BUILD_DIR/systemd, naming the programs
# where the install puts them), in a scratch root holding systemd's own
# units and a stand-in for each program they start. Exits 77 (ctest:
# skipped) without systemd-analyze.
# Usage: deploy_units.sh BUILD_DIR
set -u
DEPLOY=${1:?usage: deploy_units.sh BUILD_DIR}
if ! command -v systemd-analyze >/dev/null; then
    echo "skipped: no systemd-analyze on this machine"
    exit 77
fi
SYSTEM_UNITS=""
for dir in /usr/lib/systemd/system /lib/systemd/system; do
    [ -f "$dir/sysinit.target" ] && { SYSTEM_UNITS=$dir; break; }
done
if [ -z "$SYSTEM_UNITS" ]; then
    echo "skipped: systemd-analyze without systemd's units"
    exit 77
fi
ROOT=$(mktemp -d /tmp/pps-units.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
passed=0
failed=0
ok ()   { passed=$((passed + 1)); echo "ok   $1"; }
fail () { failed=$((failed + 1)); echo "FAIL $1"; sed 's/^/     /' "$ROOT/out" | head -20; }

mkdir -p "$ROOT/usr/lib/systemd" "$ROOT/etc/systemd/system"
cp -a "$SYSTEM_UNITS" "$ROOT/usr/lib/systemd/system"
cp "$DEPLOY"/systemd/*.service "$DEPLOY"/systemd/*.target "$DEPLOY"/systemd/*.timer \
   "$ROOT/etc/systemd/system/"
# Every instance pps.target wants, and the programs the units start, where
# they name them
INSTANCES=$(sed -n 's/^Wants=//p' "$DEPLOY/systemd/pps.target" | tr ' ' '\n' | grep '^pps@')
SBIN=$(sed -n 's#^ExecStart=\(.*\)/pps-%i .*#\1#p' "$DEPLOY/systemd/pps@.service")
BIN=$(sed -n 's#^ExecStart=\(.*\)/ppsctl .*#\1#p' "$DEPLOY/systemd/pps-metrics@.service")
mkdir -p "$ROOT$SBIN" "$ROOT$BIN"
for program in $(echo "$INSTANCES" | sed 's/^pps@\(.*\)\.service$/pps-\1/') pps-national ppsctl; do
    dir=$SBIN
    [ "$program" = ppsctl ] && dir=$BIN
    printf '#!/bin/sh\nexit 0\n' >"$ROOT$dir/$program"
    chmod +x "$ROOT$dir/$program"
done
[ "$(echo "$INSTANCES" | wc -l)" -ge 5 ] && ok "pps.target wants every regional service" \
    || fail "pps.target wants every regional service"

# verify UNIT...: no output, exit 0
# (--man=no: the units name their man pages, which are not installed here;
# tests/package/debian.sh verifies the installed units with them)
verify () {
    systemd-analyze verify --man=no --root="$ROOT" "$@" >"$ROOT/out" 2>&1 && [ ! -s "$ROOT/out" ]
}
for unit in $INSTANCES pps.target pps-national.service pps-metrics@32.service pps-metrics@32.timer; do
    if verify "$unit"; then ok "verify $unit"; else fail "verify $unit"; fi
done

# The check itself sees a broken unit
sed 's/^Restart=on-failure/Restart=on-failur/' "$DEPLOY/systemd/pps@.service" \
    >"$ROOT/etc/systemd/system/broken@.service"
if verify broken@registry.service; then fail "a broken unit is caught"; else ok "a broken unit is caught"; fi
rm "$ROOT/etc/systemd/system/broken@.service"

# Hardening, as systemd scores it (0 best, 10 worst; 2.0 is 20 here)
for unit in pps@registry.service pps-national.service pps-metrics@32.service; do
    if systemd-analyze security --offline=true --threshold=20 --root="$ROOT" "$unit" \
            >"$ROOT/out" 2>&1; then
        ok "exposure of $unit: $(sed -n 's/.*Overall exposure level for [^:]*: //p' "$ROOT/out")"
    else
        fail "exposure of $unit at most 2.0"
    fi
done
# What the units promise
for key in User=pps Restart=on-failure NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes \
           PrivateTmp=yes "CapabilityBoundingSet=" StateDirectory=pps ReadWritePaths=/var/lib/pps \
           "SystemCallFilter=@system-service" "ExecStart=$SBIN/pps-%i -c /etc/pps/region.cfg"; do
    if grep -qx -- "$key" "$DEPLOY/systemd/pps@.service"; then ok "pps@.service: $key"
    else fail "pps@.service: $key"; fi
done
case "$SBIN" in /*sbin) ok "programs in an sbin: $SBIN" ;; *) fail "programs in an sbin: '$SBIN'" ;; esac
grep -q '^RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6' "$DEPLOY/systemd/pps@.service" \
    && ok "pps@.service: address families" || fail "pps@.service: address families"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
