#!/bin/bash
# The rétroplanning through ppsctl against a real region process (pps-region:
# every regional service, no sample): a session planned with the generic
# operations, `ppsctl plan` (a project's planned sessions as tables),
# `ppsctl upcoming` (the region's steps coming up), a step assigned, marked
# and moved with its session, the region's template adapted, and pps-notify's
# reminder of the plan seen by `ppsctl notifications`.
# Usage: ppsctl_plans.sh BIN_DIR   (the directory holding ppsctl and pps-region)
set -u

BIN=${1:?usage: ppsctl_plans.sh BIN_DIR}
PPSCTL="$BIN/ppsctl"

unset PPS_CONFIG
export PPS_REGION_DATA_DIR COLUMNS=200
PPS_REGION_DATA_DIR=$(mktemp -d)
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
SERVICE_PID=""

cleanup () {
    [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null
    rm -rf "$PPS_REGION_DATA_DIR" "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
ok ()   { passed=$((passed + 1)); echo "ok   $1"; }
fail () {
    failed=$((failed + 1)); echo "FAIL $1"
    sed 's/^/     out: /' "$OUT" | head -30
    sed 's/^/     err: /' "$ERR" | head -10
}
# run WANTED_EXIT NAME ARGS...: run ppsctl, check its exit status
run () {
    local wanted=$1 name=$2
    shift 2
    "$PPSCTL" "$@" >"$OUT" 2>"$ERR"
    local rc=$?
    if [ "$rc" -eq "$wanted" ]; then ok "$name"; else fail "$name (exit $rc, wanted $wanted)"; fi
}
# expect NAME FILE PATTERN: the last output has a line matching PATTERN
expect () {
    if grep -Eq -- "$3" "$2"; then ok "$1"; else fail "$1 (no match for '$3')"; fi
}
absent () {
    if grep -Eq -- "$3" "$2"; then fail "$1 (unexpected '$3')"; else ok "$1"; fi
}
# the id a write printed
id_of () { sed -n 's/^id: \([0-9]*\)$/\1/p' "$OUT" | head -1; }
# a day from today (UTC), YYYY-MM-DD
day () { date -u -d "$1 days" +%F; }

run 0 "plan --help" plan --help
expect "plan --help: usage" "$OUT" "^usage: ppsctl plan PROJECT"
run 0 "upcoming --help" help upcoming
expect "upcoming --help: usage" "$OUT" "^usage: ppsctl upcoming \[REGION\]"

"$BIN/pps-region" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
up=0
for _ in $(seq 50); do
    if "$PPSCTL" status >/dev/null 2>&1; then up=1; break; fi
    sleep 0.1
done
if [ "$up" -ne 1 ]; then
    echo "pps-region did not answer"; cat "$WORK/service.log"
    exit 1
fi

# ---------------------------------------------------------------- a project
run 0 "region" registry create-region code=32 name=Hauts-de-France
run 0 "establishment" registry create-establishment name="MA Test" kind=MA region_code=32 code=X1
ESTABLISHMENT=$(id_of)
run 0 "person" registry create-person full_name="Claire Martin" organisation=USMP region_code=32 \
    work_email=usmp@example.org
CLAIRE=$(id_of)
run 0 "project" projects create-project title="Groupe IST" carrier=HEALTH_UNIT \
    establishment_id="$ESTABLISHMENT" created_on="$(day -60)"
PROJECT=$(id_of)
run 0 "project planned" projects transition-project id="$PROJECT" to=PLANNED date="$(day -30)"

run 0 "plan: no session yet" plan "$PROJECT"
expect "plan: says how to plan one" "$OUT" "has no scheduled planned session; plan one with"

# ---------------------------------------------------------------- plan a session
SESSION=$(day 10)
run 0 "plan-session" projects plan-session project_id="$PROJECT" date="$SESSION" start_time=14:00 \
    place=HEALTH_UNIT_PLACE room="Salle d'éducation pour la santé" group=CLOSED_GROUP
PLAN=$(id_of)
expect "plan-session: annex 2's template" "$OUT" "^template_version: 0$"
run 1 "plan-session: a bad time refused" projects plan-session project_id="$PROJECT" \
    date="$SESSION" start_time=25:00 place=HEALTH_UNIT_PLACE group=CLOSED_GROUP
expect "plan-session: the field named" "$ERR" "^error: INVALID_ARGUMENT plan\.start_time"

run 0 "plan PROJECT" plan "$PROJECT"
expect "plan: the session's line" "$OUT" \
    "^project $PROJECT «Groupe IST»: session on $SESSION at 14:00 \(plan $PLAN, SCHEDULED, template v0\)$"
expect "plan: the table's header" "$OUT" "^due +when +offset +step +what +responsible +state$"
expect "plan: months back" "$OUT" "^$(date -u -d "$SESSION -2 months" +%F) +.*Mois-2 +gather_wishes +Recueillir les avis"
expect "plan: weeks back, overdue" "$OUT" "^$(day -11) +11 d late +S-3 +post_posters +Déposer les affiches"
expect "plan: days back" "$OUT" "^$(day 7) +in 7 d +J-3 +participants_list +Envoyer la liste des personnes d"
expect "plan: after the session" "$OUT" "^$(day 17) +in 17 d +S\+1 +report +"
if [ "$(grep -Ec ' TO_DO$' "$OUT")" -eq 18 ]; then ok "plan: 18 steps to do"; else fail "plan: 18 steps to do"; fi
run 0 "plan --plan ID --json" --json plan --plan "$PLAN"
expect "plan --json: the steps" "$OUT" '"key": "post_posters"'
run 2 "plan without a project" plan
run 1 "plan of an unknown project" plan 999
expect "plan unknown: said" "$ERR" "^error: NOT_FOUND project_id"
run 2 "plan --columns unknown" --columns nope plan "$PROJECT"

# ---------------------------------------------------------------- steps
run 0 "assign-step" projects assign-step plan_id="$PLAN" key=post_posters \
    responsible_person_id="$CLAIRE" responsible_organisation=USMP
run 0 "mark-step done" projects mark-step plan_id="$PLAN" key=gather_wishes state=DONE \
    done_on="$(day -1)"
run 0 "mark-step not applicable" projects mark-step plan_id="$PLAN" key=posters \
    state=NOT_APPLICABLE reason="Affiches fournies par le CeGIDD"
run 1 "mark-step done tomorrow refused" projects mark-step plan_id="$PLAN" key=collect_answers \
    state=DONE done_on="$(day 1)"
expect "mark-step: the field named" "$ERR" "^error: INVALID_ARGUMENT done_on"
run 0 "plan after the marks" --columns step,responsible,state plan "$PROJECT"
expect "plan: who does it" "$OUT" "^post_posters +Claire Martin, USMP +TO_DO$"
expect "plan: done on" "$OUT" "^gather_wishes +- +DONE $(day -1)$"
expect "plan: not applicable, why" "$OUT" "^posters +- +NOT_APPLICABLE: Affiches fournies par l…$"

# ---------------------------------------------------------------- upcoming
run 0 "upcoming --days 7" upcoming --days 7
expect "upcoming: the overdue step first" "$OUT" "^$(day -11) +11 d late +$SESSION +$PLAN +$PROJECT Groupe IST +post_posters +"
expect "upcoming: the count" "$OUT" "^6 steps to do in region 32 within 7 days of $(day 0)$"
absent "upcoming: nothing done" "$OUT" "gather_wishes"
run 0 "upcoming --person" upcoming 32 --person "$CLAIRE"
expect "upcoming --person: hers only" "$OUT" "^1 step to do in region 32 within 14 days"
run 0 "upcoming --json" --json upcoming --days 7
expect "upcoming --json: days_left" "$OUT" '"days_left": -11'
run 2 "upcoming --days 0 refused" upcoming --days 0

# ---------------------------------------------------------------- moved
run 0 "update-plan: three days later" projects update-plan id="$PLAN" date="$(day 13)" \
    place=HEALTH_UNIT_PLACE group=CLOSED_GROUP
run 0 "plan after the move" --columns due,step,state plan "$PROJECT"
expect "moved: the step to do follows" "$OUT" "^$(day -8) +post_posters +TO_DO$"
expect "moved: the step done stays" "$OUT" "^$(date -u -d "$SESSION -2 months" +%F) +gather_wishes +DONE"
run 0 "events: the move is in the audit trail" events projects
expect "events: plan.moved" "$OUT" "projects\.plan\.moved"

# ---------------------------------------------------------------- the region's template
run 0 "put-template-step: posters five weeks back" projects put-template-step region_code=32 \
    step.key=posters step.label="Faire des affiches" step.phase=BEFORE_SESSION step.unit=WEEKS \
    step.offset=-5 note="L'imprimerie demande plus de temps"
expect "template: version 1" "$OUT" "^version: 1$"
expect "template: what changed" "$OUT" "^change: step posters changed \(S-5, was Mois-1\)$"
run 0 "a session planned now" projects plan-session project_id="$PROJECT" date="$(day 40)" \
    place=HEALTH_UNIT_PLACE group=OPEN_GROUP
SECOND=$(id_of)
run 0 "plan --plan: its posters" --columns due,offset,step plan --plan "$SECOND"
expect "template: the shift applies" "$OUT" "^$(day 5) +S-5 +posters$"

# ---------------------------------------------------------------- notify
# pps-notify follows the plans: the step overdue since the plan was made is told
told=0
for _ in $(seq 50); do
    "$PPSCTL" notifications --kind STEP_OVERDUE >"$OUT" 2>"$ERR"
    if grep -Eq "STEP_OVERDUE +plan $PLAN Groupe IST MA Test" "$OUT"; then told=1; break; fi
    sleep 0.1
done
if [ "$told" -eq 1 ]; then ok "notify: the overdue steps told"; else fail "notify: the overdue steps told"; fi
run 0 "status: notify follows the projects service" status
expect "status: the projects subscriber" "$OUT" "^notify +subscriber_lag +projects +0$"

echo "passed $passed, failed $failed"
[ "$failed" -eq 0 ]
