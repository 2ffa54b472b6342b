#!/bin/bash
# The national push over HTTPS with a test CA made here by openssl: the
# indicators' outbox (indicators/ca_file) delivers to pps-national serving
# a certificate the CA signed; it sends nothing to a server whose
# certificate another CA signed (the entry stays pending with the TLS
# error, and is delivered once the right server is back); a token of
# another region is refused (403, NEEDS_OPERATOR). Exits 77 (skipped)
# without openssl.
# Usage: security_https.sh BIN_DIR
set -u
BIN=${1:?usage: security_https.sh BIN_DIR}
command -v openssl >/dev/null || { echo "skip: no openssl"; exit 77; }
# shellcheck source=indicators_push_lib.sh
. "$(dirname "$0")/indicators_push_lib.sh"

# ---------------------------------------------------------------- certificates
# make_ca NAME: NAME-ca.pem and its key. make_server NAME: NAME-server.pem
# for 127.0.0.1 signed by NAME's CA.
PKI="$WORK/pki"
mkdir -p "$PKI"
EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
make_ca () {
    openssl req -x509 "${EC[@]}" -keyout "$PKI/$1-ca.key" -out "$PKI/$1-ca.pem" -days 2 \
        -subj "/CN=PPS test CA $1" >>"$PKI/openssl.log" 2>&1
}
make_server () {
    printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
        >"$PKI/ext.cnf"
    openssl req "${EC[@]}" -keyout "$PKI/$1-server.key" -out "$PKI/$1-server.csr" \
        -subj /CN=127.0.0.1 >>"$PKI/openssl.log" 2>&1 \
    && openssl x509 -req -in "$PKI/$1-server.csr" -CA "$PKI/$1-ca.pem" -CAkey "$PKI/$1-ca.key" \
        -CAcreateserial -out "$PKI/$1-server.pem" -days 2 -extfile "$PKI/ext.cnf" \
        >>"$PKI/openssl.log" 2>&1
}
if ! { make_ca test && make_server test && make_ca rogue && make_server rogue; }; then
    echo "skip: openssl cannot make the test certificates:"
    cat "$PKI/openssl.log"
    exit 77
fi
openssl verify -CAfile "$PKI/test-ca.pem" "$PKI/test-server.pem" >/dev/null 2>&1
equal "the test CA signed the server's certificate" "$?" 0
openssl verify -CAfile "$PKI/test-ca.pem" "$PKI/rogue-server.pem" >/dev/null 2>&1
equal "the test CA did not sign the rogue one" "$?" 2

# ---------------------------------------------------------------- national over HTTPS
national_setup 32 token-of-32 11 token-of-11
NATIONAL_URL="https://127.0.0.1:$NATIONAL_PORT"

# national_ctl CA ARGS...: ppsctl national trusting CA's certificates only.
national_ctl () {
    local ca=$1
    shift
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" PPS_NATIONAL_CA_FILE="$PKI/$ca-ca.pem" \
        "$PPSCTL" national "$@" --url "$NATIONAL_URL" >"$OUT" 2>"$ERR"
}
# national_start_tls NAME: pps-national serving NAME's certificate.
national_start_tls () {
    [ -f "$WORK/national.log" ] && NATIONAL_STORES=$((NATIONAL_STORES + $(national_stores)))
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" PPS_REGION_DATA_DIR="${DIR[national]}" \
        PPS_NATIONAL_BIND="127.0.0.1:$NATIONAL_PORT" "${NATIONAL_TOKENS[@]}" \
        PPS_NATIONAL_TLS_CERT="$PKI/$1-server.pem" PPS_NATIONAL_TLS_KEY="$PKI/$1-server.key" \
        "$BIN/pps-national" >"$WORK/national.log" 2>&1 &
    PID[national]=$!
    wait_for 50 national_ctl "$1" status || abort "pps-national answers on $NATIONAL_URL"
}
stored () { national_ctl "$1" status && sed -n 's/^bilans stored: *//p' "$OUT"; }

# region_start_tls NAME: pps-region whose outbox trusts the test CA only.
region_start_tls () {
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
        PPS_REGION_DATA_DIR="${DIR[$1]}" PPS_REGION_CODE="${CODE[$1]}" \
        PPS_NATIONAL_URL="$NATIONAL_URL" PPS_INDICATORS_CA_FILE="$PKI/test-ca.pem" \
        PPS_INDICATORS_NATIONAL_TOKEN_FILE="${TOKEN_FILE[$1]}" \
        PPS_INDICATORS_OUTBOX_POLL_MS=100 PPS_INDICATORS_RETRY_BASE_MS=200 \
        PPS_INDICATORS_RETRY_MAX_MS=1000 \
        "$BIN/pps-region" >>"$WORK/$1.log" 2>&1 &
    PID[$1]=$!
    wait_for 100 ctl "$1" status || abort "pps-region $1 answers"
    wait_for 50 ctl "$1" indicators model-status || abort "indicators of $1 answers"
}

national_start_tls test
check "ppsctl national status over HTTPS with the test CA" national_ctl test status
national_ctl rogue status
equal "ppsctl national status trusting another CA: refused" "$?" 3
region_setup r32 32 token-of-32
region_start_tls r32
check "the outbox pushes over https" grep -q "outbox: pushing to $NATIONAL_URL/api/v1/bilans" \
    "$WORK/r32.log"
ctl r32 registry create-region code=32 name=Hauts-de-France ars_name="ARS HdF" \
    || abort "create region"
op r32 registry create-establishment name="MA Un" kind=MA region_code=32 code=E1 capacity=100

check "finalise version 1" finalise r32
check "https with the test CA: DELIVERED" wait_for 100 outbox_is r32 32:2025:1 DELIVERED
equal "https: 201" "$(outbox_field r32 32:2025:1 5)" 201
equal "national: one bilan stored" "$(stored test)" 1

# ---------------------------------------------------------------- another CA's server
stop national
national_start_tls rogue
check "finalise version 2 while a rogue server answers" finalise r32
attempts_at_least () { [ "$(outbox_field r32 32:2025:2 3)" -ge "$1" ] 2>/dev/null; }
check "rogue server: attempts" wait_for 100 attempts_at_least 2
equal "rogue server: still PENDING" "$(outbox_field r32 32:2025:2 2)" PENDING
equal "rogue server: no HTTP status" "$(outbox_field r32 32:2025:2 5)" -
check "rogue server: the TLS error" grep -Eiq '^32:2025:2 .*(certificate|SSL)' "$OUT"
equal "rogue server: it got nothing" "$(stored rogue)" 1
stop national
national_start_tls test
check "right server back: 32:2025:2 DELIVERED" wait_for 100 outbox_is r32 32:2025:2 DELIVERED
equal "national: two bilans stored" "$(stored test)" 2

# ---------------------------------------------------------------- a token of another region
printf 'token-of-11\n' >"${TOKEN_FILE[r32]}"
check "finalise version 3 with region 11's token" finalise r32
check "another region's token: NEEDS_OPERATOR" wait_for 100 outbox_is r32 32:2025:3 NEEDS_OPERATOR
equal "another region's token: 403" "$(outbox_field r32 32:2025:3 5)" 403
equal "national: still two bilans" "$(stored test)" 2

stop r32
stop national
finish
