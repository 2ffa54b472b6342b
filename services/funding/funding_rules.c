/*  funding_rules: call statuses, decisions, submissions, eligibility and the
    judgement of a co-financing, as pure functions.  */
#include "funding_rules.h"

#include <czmq.h>

bool
funding_rules_call_step (Funding__CallStatus from, Funding__CallStatus to)
{
    //  One step forward only: a closed call is not reopened (a new call is
    //  issued instead), so that applications never enter after instruction
    return (from == FUNDING__CALL_STATUS__DRAFT && to == FUNDING__CALL_STATUS__OPEN)
        || (from == FUNDING__CALL_STATUS__OPEN && to == FUNDING__CALL_STATUS__CLOSED)
        || (from == FUNDING__CALL_STATUS__CLOSED && to == FUNDING__CALL_STATUS__DECIDED);
}

bool
funding_rules_pending (Funding__ApplicationStatus status)
{
    return status == FUNDING__APPLICATION_STATUS__SUBMITTED
        || status == FUNDING__APPLICATION_STATUS__UNDER_REVIEW;
}

bool
funding_rules_requested (Funding__ApplicationStatus status)
{
    return status != FUNDING__APPLICATION_STATUS__WITHDRAWN
        && status != FUNDING__APPLICATION_STATUS__APPLICATION_STATUS_UNSPECIFIED;
}

int64_t
funding_rules_granted (const Funding__Application *application)
{
    if (application->status == FUNDING__APPLICATION_STATUS__GRANTED
    ||  application->status == FUNDING__APPLICATION_STATUS__PARTLY_GRANTED)
        return application->amount_granted_cents;
    return 0;
}

//  Fill the refusal; returns -1 so that a rule can "return s_refuse (...)".
static int
s_refuse (funding_refusal_t *refusal, Pps__Code code, const char *field, const char *message)
{
    refusal->code = code;
    refusal->field = field;
    refusal->message = message;
    return -1;
}

int
funding_rules_check_decision (Funding__ApplicationStatus status, int64_t requested,
                              int64_t granted, const char *reason, funding_refusal_t *refusal)
{
    const Pps__Code invalid = PPS__CODE__INVALID_ARGUMENT;
    if (status != FUNDING__APPLICATION_STATUS__GRANTED
    &&  status != FUNDING__APPLICATION_STATUS__PARTLY_GRANTED
    &&  status != FUNDING__APPLICATION_STATUS__REJECTED)
        return s_refuse (refusal, invalid, "status",
                         "a decision is GRANTED, PARTLY_GRANTED or REJECTED");
    //  The amount requested was checked at submission; a grant is held to
    //  the same limit in case an older record was stored without it
    if (!pps_money_valid (granted))
        return s_refuse (refusal, invalid, "amount_granted_cents",
                         "amount_granted_cents is between 0 and 10000000000000 cents "
                         "(PPS_MONEY_MAX, 100 000 000 000,00 euros)");
    //  The rule the instruction's funders apply first: never more than asked
    if (granted > requested)
        return s_refuse (refusal, invalid, "amount_granted_cents",
                         "amount_granted_cents exceeds the amount requested");
    if (status == FUNDING__APPLICATION_STATUS__GRANTED && granted != requested)
        return s_refuse (refusal, invalid, "amount_granted_cents",
                         "a grant gives the amount requested; use PARTLY_GRANTED for less");
    if (status == FUNDING__APPLICATION_STATUS__PARTLY_GRANTED && (granted == 0 || granted == requested))
        return s_refuse (refusal, invalid, "amount_granted_cents",
                         "a partial grant lies strictly between 0 and the amount requested");
    if (status == FUNDING__APPLICATION_STATUS__REJECTED) {
        if (granted != 0)
            return s_refuse (refusal, invalid, "amount_granted_cents",
                             "a rejection grants nothing");
        const char *c = reason ? reason : "";
        while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
            c++;
        if (!*c)
            return s_refuse (refusal, invalid, "rejection_reason",
                             "a rejection says why (rejection_reason)");
    }
    return 0;
}

int
funding_rules_check_submission (const Funding__Call *call, const Pps__Date *submitted_on,
                                funding_refusal_t *refusal)
{
    const Pps__Code precondition = PPS__CODE__FAILED_PRECONDITION;
    if (call->status != FUNDING__CALL_STATUS__OPEN)
        return s_refuse (refusal, precondition, "application.call_id",
                         "the call is not open to applications");
    if (pps_date_is_set (call->opening_date)
    &&  pps_date_compare (submitted_on, call->opening_date) < 0)
        return s_refuse (refusal, precondition, "application.submitted_on",
                         "the application is dated before the call's opening date");
    if (pps_date_is_set (call->closing_date)
    &&  pps_date_compare (submitted_on, call->closing_date) > 0)
        return s_refuse (refusal, precondition, "application.submitted_on",
                         "the application is dated after the call's closing date");
    return 0;
}

int
funding_rules_check_eligible (const Funding__Call *call, uint64_t establishment_id,
                              const Projects__Theme *themes, size_t n_themes,
                              funding_refusal_t *refusal)
{
    const Pps__Code precondition = PPS__CODE__FAILED_PRECONDITION;
    if (call->n_eligible_establishment_ids > 0) {
        bool listed = false;
        for (size_t index = 0; index < call->n_eligible_establishment_ids && !listed; index++)
            listed = call->eligible_establishment_ids [index] == establishment_id;
        if (!listed)
            return s_refuse (refusal, precondition, "application.project_id",
                             "the project's establishment is not eligible to this call");
    }
    if (call->n_eligible_themes > 0) {
        bool shared = false;
        for (size_t index = 0; index < call->n_eligible_themes && !shared; index++)
            for (size_t theme = 0; theme < n_themes && !shared; theme++)
                shared = (int) call->eligible_themes [index] == (int) themes [theme];
        if (!shared)
            return s_refuse (refusal, precondition, "application.project_id",
                             "none of the project's themes is eligible to this call");
    }
    return 0;
}

uint64_t
funding_rules_call_funder (const Funding__Call *call, uint64_t funder_id)
{
    if (funder_id == 0)
        return call->n_funder_ids == 1 ? call->funder_ids [0] : 0;
    for (size_t index = 0; index < call->n_funder_ids; index++)
        if (call->funder_ids [index] == funder_id)
            return funder_id;
    return 0;
}

bool
funding_rules_level_needs_region (Funding__FunderLevel level)
{
    return level == FUNDING__FUNDER_LEVEL__REGIONAL || level == FUNDING__FUNDER_LEVEL__LOCAL;
}

int
funding_rules_judge (Funding__CoFinancing *view)
{
    int64_t remaining, covered;
    if (pps_money_sub (view->planned_budget_cents, view->granted_cents, &remaining)
    ||  pps_money_add (view->granted_cents, view->pending_cents, &covered))
        return -1;
    view->remaining_cents = remaining;
    bool known = view->planned_budget_cents > 0;
    view->over_funded = known && view->granted_cents > view->planned_budget_cents;
    view->under_funded = known && covered < view->planned_budget_cents;
    view->over_requested = known && view->requested_cents > view->planned_budget_cents;
    return 0;
}

//  ---------------------------------------------------------------- self test

//  Set date to year-month-day; returns it.
static Pps__Date *
s_date (Pps__Date *date, int year, int month, int day)
{
    pps__date__init (date);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

//  Decisions against the amount requested; granted and pending statuses.
static void
s_test_decisions (void)
{
    funding_refusal_t refusal = { 0, NULL, NULL };
    const int GRANTED = FUNDING__APPLICATION_STATUS__GRANTED;
    const int PARTLY = FUNDING__APPLICATION_STATUS__PARTLY_GRANTED;
    const int REJECTED = FUNDING__APPLICATION_STATUS__REJECTED;
    assert (funding_rules_check_decision (GRANTED, 1000, 1000, "", &refusal) == 0);
    assert (funding_rules_check_decision (PARTLY, 1000, 1, NULL, &refusal) == 0);
    assert (funding_rules_check_decision (PARTLY, 1000, 999, "budget", &refusal) == 0);
    assert (funding_rules_check_decision (REJECTED, 1000, 0, "hors sujet", &refusal) == 0);

    assert (funding_rules_check_decision (GRANTED, 1000, 1001, "", &refusal) == -1);
    assert (refusal.code == PPS__CODE__INVALID_ARGUMENT);
    assert (streq (refusal.field, "amount_granted_cents"));
    assert (funding_rules_check_decision (PARTLY, 1000, 1001, "", &refusal) == -1);
    assert (streq (refusal.field, "amount_granted_cents"));
    assert (funding_rules_check_decision (GRANTED, 1000, 999, "", &refusal) == -1);
    assert (streq (refusal.field, "amount_granted_cents"));
    assert (funding_rules_check_decision (PARTLY, 1000, 0, "", &refusal) == -1);
    assert (funding_rules_check_decision (PARTLY, 1000, 1000, "", &refusal) == -1);
    assert (funding_rules_check_decision (GRANTED, 1000, -1, "", &refusal) == -1);
    assert (streq (refusal.field, "amount_granted_cents"));
    assert (funding_rules_check_decision (REJECTED, 1000, 10, "non", &refusal) == -1);
    assert (streq (refusal.field, "amount_granted_cents"));
    assert (funding_rules_check_decision (REJECTED, 1000, 0, " \t", &refusal) == -1);
    assert (streq (refusal.field, "rejection_reason"));
    assert (funding_rules_check_decision (REJECTED, 1000, 0, NULL, &refusal) == -1);
    assert (streq (refusal.field, "rejection_reason"));
    assert (funding_rules_check_decision (FUNDING__APPLICATION_STATUS__SUBMITTED, 1000, 0, "",
                                          &refusal) == -1);
    assert (streq (refusal.field, "status"));
    assert (funding_rules_check_decision (FUNDING__APPLICATION_STATUS__WITHDRAWN, 1000, 0, "",
                                          &refusal) == -1);
    assert (funding_rules_check_decision (0, 1000, 0, "", &refusal) == -1);
    assert (streq (refusal.field, "status"));
    //  The largest amount is granted; above it, never, whatever was requested
    assert (funding_rules_check_decision (GRANTED, PPS_MONEY_MAX, PPS_MONEY_MAX, "",
                                          &refusal) == 0);
    assert (funding_rules_check_decision (GRANTED, INT64_MAX, INT64_MAX, "", &refusal) == -1);
    assert (refusal.code == PPS__CODE__INVALID_ARGUMENT);
    assert (streq (refusal.field, "amount_granted_cents"));
    assert (funding_rules_check_decision (PARTLY, INT64_MAX, PPS_MONEY_MAX + 1, "",
                                          &refusal) == -1);
    assert (streq (refusal.field, "amount_granted_cents"));

    Funding__Application application = FUNDING__APPLICATION__INIT;
    application.amount_granted_cents = 500;
    application.status = FUNDING__APPLICATION_STATUS__PARTLY_GRANTED;
    assert (funding_rules_granted (&application) == 500);
    application.status = FUNDING__APPLICATION_STATUS__UNDER_REVIEW;
    assert (funding_rules_granted (&application) == 0);
    assert (funding_rules_pending (FUNDING__APPLICATION_STATUS__SUBMITTED));
    assert (funding_rules_pending (FUNDING__APPLICATION_STATUS__UNDER_REVIEW));
    assert (!funding_rules_pending (FUNDING__APPLICATION_STATUS__GRANTED));
    assert (!funding_rules_pending (FUNDING__APPLICATION_STATUS__WITHDRAWN));
    assert (funding_rules_requested (FUNDING__APPLICATION_STATUS__REJECTED));
    assert (!funding_rules_requested (FUNDING__APPLICATION_STATUS__WITHDRAWN));
}

//  Call steps, submission dates, the funders of a call, eligibility.
static void
s_test_calls (void)
{
    const int DRAFT = FUNDING__CALL_STATUS__DRAFT, OPEN = FUNDING__CALL_STATUS__OPEN;
    const int CLOSED = FUNDING__CALL_STATUS__CLOSED, DECIDED = FUNDING__CALL_STATUS__DECIDED;
    assert (funding_rules_call_step (DRAFT, OPEN));
    assert (funding_rules_call_step (OPEN, CLOSED));
    assert (funding_rules_call_step (CLOSED, DECIDED));
    assert (!funding_rules_call_step (DRAFT, CLOSED));
    assert (!funding_rules_call_step (OPEN, DECIDED));
    assert (!funding_rules_call_step (CLOSED, OPEN));
    assert (!funding_rules_call_step (DECIDED, DRAFT));
    assert (!funding_rules_call_step (OPEN, OPEN));
    assert (!funding_rules_call_step (0, DRAFT));

    //  Submission dates: inclusive bounds
    Pps__Date opening, closing, day;
    Funding__Call call = FUNDING__CALL__INIT;
    call.opening_date = s_date (&opening, 2025, 3, 1);
    call.closing_date = s_date (&closing, 2025, 4, 30);
    call.status = FUNDING__CALL_STATUS__OPEN;
    funding_refusal_t refusal = { 0, NULL, NULL };
    assert (funding_rules_check_submission (&call, s_date (&day, 2025, 3, 1), &refusal) == 0);
    assert (funding_rules_check_submission (&call, s_date (&day, 2025, 4, 30), &refusal) == 0);
    assert (funding_rules_check_submission (&call, s_date (&day, 2025, 5, 1), &refusal) == -1);
    assert (refusal.code == PPS__CODE__FAILED_PRECONDITION);
    assert (streq (refusal.field, "application.submitted_on"));
    assert (funding_rules_check_submission (&call, s_date (&day, 2025, 2, 28), &refusal) == -1);
    assert (streq (refusal.field, "application.submitted_on"));
    call.status = FUNDING__CALL_STATUS__CLOSED;
    assert (funding_rules_check_submission (&call, s_date (&day, 2025, 3, 10), &refusal) == -1);
    assert (streq (refusal.field, "application.call_id"));

    //  Funders of a call
    uint64_t joint [] = { 4, 9 };
    call.funder_ids = joint;
    call.n_funder_ids = 2;
    assert (funding_rules_call_funder (&call, 9) == 9);
    assert (funding_rules_call_funder (&call, 5) == 0);
    assert (funding_rules_call_funder (&call, 0) == 0);
    call.n_funder_ids = 1;
    assert (funding_rules_call_funder (&call, 0) == 4);
    assert (funding_rules_call_funder (&call, 9) == 0);

    //  Eligibility
    Projects__Theme themes [] = { PROJECTS__THEME__TOBACCO, PROJECTS__THEME__NUTRITION };
    assert (funding_rules_check_eligible (&call, 77, themes, 2, &refusal) == 0);
    uint64_t establishments [] = { 10, 11 };
    call.eligible_establishment_ids = establishments;
    call.n_eligible_establishment_ids = 2;
    assert (funding_rules_check_eligible (&call, 11, themes, 2, &refusal) == 0);
    assert (funding_rules_check_eligible (&call, 77, themes, 2, &refusal) == -1);
    assert (streq (refusal.field, "application.project_id"));
    Projects__Theme eligible [] = { PROJECTS__THEME__ADDICTIONS_HARM_REDUCTION,
                                    PROJECTS__THEME__NUTRITION };
    call.eligible_themes = eligible;
    call.n_eligible_themes = 2;
    assert (funding_rules_check_eligible (&call, 10, themes, 2, &refusal) == 0);
    assert (funding_rules_check_eligible (&call, 10, themes, 1, &refusal) == -1);
    assert (funding_rules_check_eligible (&call, 10, NULL, 0, &refusal) == -1);

    assert (funding_rules_level_needs_region (FUNDING__FUNDER_LEVEL__REGIONAL));
    assert (funding_rules_level_needs_region (FUNDING__FUNDER_LEVEL__LOCAL));
    assert (!funding_rules_level_needs_region (FUNDING__FUNDER_LEVEL__NATIONAL));
}

//  A co-financing judged against its planned budget, overflow included.
static void
s_test_judge (void)
{
    Funding__CoFinancing view = FUNDING__CO_FINANCING__INIT;
    view.planned_budget_cents = 10000;
    view.requested_cents = 12000;
    view.granted_cents = 6000;
    view.pending_cents = 6000;
    assert (funding_rules_judge (&view) == 0);
    assert (view.remaining_cents == 4000);
    assert (!view.over_funded && !view.under_funded && view.over_requested);

    view.pending_cents = 0;
    assert (funding_rules_judge (&view) == 0);
    assert (view.under_funded && !view.over_funded);

    view.granted_cents = 11000;
    assert (funding_rules_judge (&view) == 0);
    assert (view.over_funded && !view.under_funded && view.remaining_cents == -1000);

    view.granted_cents = 10000;
    view.requested_cents = 10000;
    assert (funding_rules_judge (&view) == 0);
    assert (!view.over_funded && !view.under_funded && !view.over_requested);
    assert (view.remaining_cents == 0);

    //  An unknown budget judges nothing
    view.planned_budget_cents = 0;
    assert (funding_rules_judge (&view) == 0);
    assert (!view.over_funded && !view.under_funded && !view.over_requested);

    //  Sums that overflow are reported, not wrapped
    view.granted_cents = INT64_MAX;
    view.pending_cents = 1;
    view.remaining_cents = 42;
    assert (funding_rules_judge (&view) == -1);
    assert (view.remaining_cents == 42);
}

void
funding_rules_test (bool verbose)
{
    (void) verbose;
    s_test_decisions ();
    s_test_calls ();
    s_test_judge ();
}
