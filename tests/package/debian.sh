#!/bin/bash
# The Debian packages, end to end on this machine (issue 20), as an ARS IT
# department would use them:
#   build them (dpkg-buildpackage -us -uc -b, from a copy of the tree),
#   lintian with no error or warning,
#   apt-get install ./*.deb: the pps user, /var/lib/pps, the units where
#     systemd looks, which pass `systemd-analyze verify`, the man pages,
#   a region made by pps-create-region, started from its installed
#     configuration as the pps user (without systemd: this machine may not
#     run it), the national service from its conffile; ppsctl status; the
#     sample's bilans pushed from one to the other,
#   an upgrade to the same packages with a bumped version: the records, the
#     bilans at both ends and the edited conffile are still there,
#   a purge: the programs are gone.
# Needs root and a machine where port 8480 and the region's 232nn are free.
# Every process it starts is stopped by its PID; whatever it made under
# /etc/pps and /var/lib/pps is removed at the end.
# Usage: tests/package/debian.sh ESTABLISHMENTS_CSV
set -euo pipefail
CSV=${1:?usage: debian.sh ESTABLISHMENTS_CSV}
SOURCE=$(cd "$(dirname "$0")/../.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "debian.sh: run as root" >&2; exit 2; }
for path in /etc/pps /var/lib/pps; do
    [ -e "$path" ] && { echo "debian.sh: $path exists: this machine already runs PPS" >&2; exit 2; }
done

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends dpkg-dev debhelper lintian scdoc >/dev/null

WORK=$(mktemp -d /tmp/pps-deb.XXXXXX)
chmod 0755 "$WORK"
declare -A PID=()
passed=0
failed=0
ok ()   { passed=$((passed + 1)); echo "ok   $1"; }
fail () { failed=$((failed + 1)); echo "FAIL $1"; }
check () { local name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }
equal () { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: '$2', expected '$3'"; fi; }

stop () {
    local name=$1
    [ -n "${PID[$name]:-}" ] || return 0
    kill -TERM "${PID[$name]}" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "${PID[$name]}" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "${PID[$name]}" 2>/dev/null || true
    wait "${PID[$name]}" 2>/dev/null || true
    unset "PID[$name]"
}
cleanup () {
    for name in "${!PID[@]}"; do stop "$name"; done
    for package in pps-region pps-national ppsctl pps-common; do
        dpkg -s "$package" >/dev/null 2>&1 && apt-get purge -y -qq "$package" >/dev/null 2>&1
    done
    rm -rf /etc/pps /var/lib/pps "$WORK"
}
trap cleanup EXIT
# wait_for TENTHS COMMAND...: until COMMAND succeeds, at most TENTHS x 0.1 s
wait_for () {
    local tenths=$1; shift
    for _ in $(seq 1 "$tenths"); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}
# as_pps COMMAND...: as the pps user, with the operators' key
as_pps () {
    runuser -u pps -- env PPS_SECURITY_CLIENT_CERT=/etc/pps/keys/32/operator.cert "$@"
}

# ---------------------------------------------------------------- build
# A copy of the tree without build output: what a source package holds
tar -C "$SOURCE" --exclude='./build*' --exclude=./.git --exclude='./tests/*/node_modules' \
    -cf - . | (mkdir "$WORK/pps" && tar -C "$WORK/pps" -xf -)
(cd "$WORK/pps" && DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -us -uc -b) \
    >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; fail "dpkg-buildpackage"; exit 1; }
ok "dpkg-buildpackage -us -uc -b"
VERSION=$(dpkg-parsechangelog -l "$SOURCE/debian/changelog" -S Version)
equal "four packages and their debug symbols" "$(cd "$WORK" && ls ./*.deb | sed 's#^\./##; s/_.*//' | sort | tr '\n' ' ')" \
    "pps-common pps-national pps-national-dbgsym pps-region pps-region-dbgsym ppsctl ppsctl-dbgsym "
if lintian --fail-on error,warning "$WORK"/*.changes >"$WORK/lintian.log" 2>&1; then
    ok "lintian: no error, no warning"
else
    fail "lintian: no error, no warning"; sed 's/^/     /' "$WORK/lintian.log"
fi

# ---------------------------------------------------------------- install
mkdir "$WORK/debs"
cp "$WORK"/pps-common_*.deb "$WORK"/pps-region_*.deb "$WORK"/pps-national_*.deb "$WORK"/ppsctl_*.deb \
   "$WORK/debs/"
apt-get install -y -qq "$WORK"/debs/*.deb >"$WORK/install.log" 2>&1 \
    || { tail -20 "$WORK/install.log"; fail "apt-get install ./*.deb"; exit 1; }
ok "apt-get install ./*.deb"
check "user pps, no login" bash -c 'getent passwd pps | grep -q ":/usr/sbin/nologin$"'
equal "/var/lib/pps: pps, 0750" "$(stat -c '%U %a' /var/lib/pps)" "pps 750"
for program in /usr/sbin/pps-region /usr/sbin/pps-national /usr/sbin/pps-web /usr/sbin/pps-registry \
               /usr/sbin/pps-create-region /usr/bin/ppsctl /usr/bin/pps-keygen; do
    check "installed: $program" test -x "$program"
done
for page in ppsctl.1 pps-keygen.1 pps.cfg.5 pps-region.8 pps-national.8 pps-web.8 pps-registry.8 \
            pps-create-region.8; do
    check "man page: $page" bash -c "man -w ${page%.*}.${page##*.} >/dev/null 2>&1 || \
        man -w ${page##*.} ${page%.*} >/dev/null"
done
check "ppsctl --version" bash -c "ppsctl --version | grep -q ."
check "/etc/pps/national.cfg is a conffile" \
    bash -c "dpkg-query -W -f '\${Conffiles}' pps-national | grep -q /etc/pps/national.cfg"
for unit in pps@.service pps.target pps-national.service pps-metrics@.service pps-metrics@.timer; do
    check "unit $unit in /lib/systemd/system" test -f "/lib/systemd/system/$unit"
done
if command -v systemd-analyze >/dev/null; then
    for unit in pps@registry.service pps@web.service pps.target pps-national.service \
                pps-metrics@32.service pps-metrics@32.timer; do
        check "systemd-analyze verify $unit" \
            bash -c "systemd-analyze verify $unit >'$WORK/verify.log' 2>&1 && ! grep -q pps '$WORK/verify.log'"
    done
    check "pps.target enabled" test -L /etc/systemd/system/multi-user.target.wants/pps.target
fi

# ---------------------------------------------------------------- a region and the nation
pps-create-region 32 >"$WORK/create.log"
check "pps-create-region 32: /etc/pps/region.cfg" test -L /etc/pps/region.cfg
HASH=$(sed -n 's/^ *32 = "\(.*\)"$/\1/p' "$WORK/create.log")
check "pps-create-region 32: the token's hash" test ${#HASH} -eq 64
# What the operators edit: the national service's address (plain http: it
# is on this machine) and the region's hash
sed -i 's#^    url = "https://national.pps.example/"#    url = "http://127.0.0.1:8480/"#; /^indicators$/a\    allow_plain_http = 1' \
    /etc/pps/region-32.cfg
check "region-32.cfg: the national service here" grep -q '127.0.0.1:8480' /etc/pps/region-32.cfg
sed -i "s/^        #   32 = .*/        32 = \"$HASH\"/" /etc/pps/national.cfg
# Reads at the national service take a token (loopback_reads = 0 there)
READER=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
READER_HASH=$(printf %s "$READER" | sha256sum | cut -d' ' -f1)
sed -i "s/^    #   reader_token_sha256 = .*/    reader_token_sha256 = \"$READER_HASH\"/" /etc/pps/national.cfg
check "national.cfg: the reader token's hash" grep -q "reader_token_sha256 = \"$READER_HASH\"" \
    /etc/pps/national.cfg
check "national.cfg: the region's hash" grep -q "32 = \"$HASH\"" /etc/pps/national.cfg
install -m 0644 "$CSV" "$WORK/establishments.csv"   # where the pps user reads it

national_start () {
    runuser -u pps -- /usr/sbin/pps-national -c /etc/pps/national.cfg >>"$WORK/national.log" 2>&1 &
    PID[national]=$!
    wait_for 100 curl -fsS -H "Authorization: Bearer $READER" http://127.0.0.1:8480/api/v1/status
}
region_start () {
    runuser -u pps -- /usr/sbin/pps-region -c /etc/pps/region.cfg "$@" >>"$WORK/region.log" 2>&1 &
    PID[region]=$!
    wait_for 1500 grep -q "region 32 ready" "$WORK/region.log"
}
# ctl ARGS...: ppsctl on the installed region, as an operator
ctl () { as_pps ppsctl -c /etc/pps/region.cfg "$@"; }
# bilans: "YEAR VERSION STATE" of each finalised bilan, as ppsctl lists them
bilans () { ctl bilan list | awk '$1 == 32 { print $2, $3, $4 }' | tr '\n' ' '; }
acknowledged () { [ "$(bilans)" = "2025 1 ACKNOWLEDGED " ]; }
national_versions () {
    curl -fsS -H "Authorization: Bearer $READER" http://127.0.0.1:8480/api/v1/bilans/32 \
        | grep -o '"version": *[0-9]*' | wc -l
}
# listed SERVICE OPERATION: how many records a list operation of region 32 gives
listed () {
    ctl --json "$1" "$2" region_code=32 | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))'
}
services_up () {
    ctl status >"$WORK/status.log" 2>&1
    [ "$(grep -Ec '^(registry|projects|training|funding|indicators|notify) +up' "$WORK/status.log")" -eq 6 ]
}
# What the region holds: establishments, projects, sessions
holdings () {
    echo "$(listed registry list-establishments) $(listed projects list-projects) $(listed projects list-sessions)"
}

check "pps-national starts from /etc/pps/national.cfg" national_start
check "pps-region starts from /etc/pps/region.cfg" region_start
check "ppsctl status: every service up" services_up
# The consoles, from the files pps-common installed (pps.cfg(5): console_dir)
check "the region's console from /usr/share/pps/console" \
    grep -q "console: the region console from /usr/share/pps/console" "$WORK/region.log"
check "GET / on the region's gateway: its index.html" \
    bash -c "curl -fsS http://127.0.0.1:23290/ | cmp -s - /usr/share/pps/console/region/index.html"
check "GET / on the national service: its index.html" \
    bash -c "curl -fsS http://127.0.0.1:8480/ | cmp -s - /usr/share/pps/console/national/index.html"
# An operator's first data: the ministry's establishments, then the demo
# files of projects, their steps and sessions (shipped in /usr/share/pps/demo)
check "import the ministry's establishments" \
    ctl import establishments "$WORK/establishments.csv" --create-region
for file in create-project:projects transition-project:transitions record-session:sessions; do
    check "import the demo ${file#*:}" \
        ctl import projects "${file%%:*}" "/usr/share/pps/demo/region-32-${file#*:}.csv"
done
HOLDINGS=$(holdings)
equal "the region holds 17 establishments, 31 projects, 65 sessions" "$HOLDINGS" "17 31 65"
# Finalised once the read model has the imports (refused until then)
check "ppsctl bilan finalise --year 2025" wait_for 300 ctl bilan finalise --year 2025
check "the bilan pushed and acknowledged" wait_for 600 acknowledged
equal "the national service holds it" "$(national_versions)" 1
equal "the national service reads nothing without a token" \
    "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8480/api/v1/bilans/32)" 401
stop region
stop national

# ---------------------------------------------------------------- upgrade
# The same packages, version bumped: what an upgrade goes through (maintainer
# scripts, conffiles, units, data left in place)
NEXT="$VERSION+1"
mkdir "$WORK/next"
for deb in "$WORK"/debs/*.deb; do
    rm -rf "$WORK/unpacked"
    dpkg-deb -R "$deb" "$WORK/unpacked"
    sed -i "s/^Version: .*/Version: $NEXT/; s/(= $VERSION)/(= $NEXT)/g" "$WORK/unpacked/DEBIAN/control"
    dpkg-deb -b "$WORK/unpacked" "$WORK/next/" >/dev/null
done
apt-get install -y -qq "$WORK"/next/*.deb >"$WORK/upgrade.log" 2>&1 \
    || { tail -20 "$WORK/upgrade.log"; fail "upgrade to $NEXT"; exit 1; }
equal "upgraded to $NEXT" "$(dpkg-query -W -f '${Version}' pps-region)" "$NEXT"
check "the edited conffile kept" grep -q "32 = \"$HASH\"" /etc/pps/national.cfg
check "pps-national starts again" national_start
check "pps-region starts again, no sample" region_start
equal "the region's records kept" "$(holdings)" "$HOLDINGS"
check "the region's bilan kept, acknowledged" acknowledged
equal "the national service's bilan kept" "$(national_versions)" 1
stop region
stop national

# ---------------------------------------------------------------- purge
apt-get purge -y -qq pps-region pps-national ppsctl pps-common >"$WORK/purge.log" 2>&1 \
    && ok "apt-get purge" || fail "apt-get purge"
check "programs gone" bash -c '! test -e /usr/sbin/pps-region && ! test -e /usr/bin/ppsctl'
check "conffile gone" test ! -e /etc/pps/national.cfg

echo "$passed passed, $failed failed"
if [ "$failed" -ne 0 ]; then
    for log in build lintian region national; do
        [ -f "$WORK/$log.log" ] && { echo "---- $log.log (last lines)"; tail -30 "$WORK/$log.log"; }
    done
    exit 1
fi
