/*  funding_rules: the funding service's rules that need no storage.

    How a call moves through its statuses; which applications wait for a
    decision and which count as requests; what a decision must respect
    (a grant never exceeds the request, a partial grant lies strictly
    between nothing and the request, a rejection grants nothing and says
    why); when an application is on time and eligible to a call; which of a
    call's funders an application asks; and how a project's co-financing is
    judged against its planned budget. The handlers gather the records and
    ask these functions, so that the rules can be tested alone.
*/
#ifndef FUNDING_RULES_H_INCLUDED
#define FUNDING_RULES_H_INCLUDED

#include "funding.h"

//  Why a rule refused: the status code, the offending field, a message.
typedef struct {
    Pps__Code code;
    const char *field;
    const char *message;              //  Static text
} funding_refusal_t;

//  True when a call may go from status from to status to: one step along
//  DRAFT -> OPEN -> CLOSED -> DECIDED.
bool funding_rules_call_step (Funding__CallStatus from, Funding__CallStatus to);

//  True while an application waits for its decision (submitted or under review).
bool funding_rules_pending (Funding__ApplicationStatus status);

//  True when an application counts as a request: any status but withdrawn.
bool funding_rules_requested (Funding__ApplicationStatus status);

//  The cents an application was granted: its amount when granted or partly
//  granted, 0 otherwise.
int64_t funding_rules_granted (const Funding__Application *application);

//  Check a decision on an application that requested requested cents: the
//  amount granted is a valid amount (pps_money_valid), never more than
//  requested. Returns 0, or -1 with *refusal set (INVALID_ARGUMENT on
//  "status", "amount_granted_cents" or "rejection_reason").
int funding_rules_check_decision (Funding__ApplicationStatus status, int64_t requested,
                                  int64_t granted, const char *reason,
                                  funding_refusal_t *refusal);

//  Check that an application submitted on submitted_on may enter the call:
//  the call is open and the day lies between its opening and closing dates.
//  Returns 0, or -1 with *refusal set (FAILED_PRECONDITION).
int funding_rules_check_submission (const Funding__Call *call, const Pps__Date *submitted_on,
                                    funding_refusal_t *refusal);

//  Check that a project of establishment_id with those themes is eligible
//  to the call (an empty eligible list accepts everything; themes must
//  share at least one). Returns 0, or -1 with *refusal set
//  (FAILED_PRECONDITION on "application.project_id").
int funding_rules_check_eligible (const Funding__Call *call, uint64_t establishment_id,
                                  const Projects__Theme *themes, size_t n_themes,
                                  funding_refusal_t *refusal);

//  The funder an application of the call asks: funder_id when it is one of
//  the call's, the call's only funder when funder_id is 0; 0 when neither
//  (an unknown funder, or none named in a joint call).
uint64_t funding_rules_call_funder (const Funding__Call *call, uint64_t funder_id);

//  True when a funder of that level must name its region.
bool funding_rules_level_needs_region (Funding__FunderLevel level);

//  Judge a co-financing whose planned_budget_cents, requested_cents,
//  granted_cents and pending_cents are set: fills remaining_cents and the
//  over_funded, under_funded and over_requested flags (all off when the
//  planned budget is 0, i.e. unknown). Returns 0, or -1 when a sum
//  overflows (the view is left unjudged).
int funding_rules_judge (Funding__CoFinancing *view);

//  Self test.
void funding_rules_test (bool verbose);

#endif
