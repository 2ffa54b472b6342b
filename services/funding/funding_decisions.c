/*  funding_decisions: a funder's decision on an application: granted (the
    amount requested), partly granted (less), or rejected (nothing, with a
    reason). The amounts are checked by funding_rules_check_decision; a
    decision is final.  */
#include "funding_rules.h"

PPS_HANDLER (funding_decide_application)
{
    funding_t *funding = self;
    const Funding__Decision *in = op;
    Funding__Application *application;
    if (pps_check_enum (call, "status", &funding__application_status__descriptor, in->status, true)
    ||  pps_check_date (call, "decision_date", in->decision_date, true)
    ||  pps_check_text (call, "rejection_reason", in->rejection_reason, PPS_TEXT_MAX, false)
    ||  funding_pending_application (funding, call, in->application_id, &application, NULL))
        return -1;
    funding_refusal_t refusal;
    if (funding_rules_check_decision (in->status, application->amount_requested_cents,
                                      in->amount_granted_cents, in->rejection_reason, &refusal))
        return pps_call_fail (call, refusal.code, refusal.field, "%s (requested %lld cents)",
                              refusal.message, (long long) application->amount_requested_cents);
    if (pps_date_compare (in->decision_date, application->submitted_on) < 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "decision_date",
                              "decision_date is before the application was submitted");
    application->status = in->status;
    application->amount_granted_cents = in->amount_granted_cents;
    application->decision_date = in->decision_date;
    application->rejection_reason = in->rejection_reason;
    if (pps_record_save (call, funding->applications, application->id, application,
                      "application")
    ||  pps_call_emit (call, "application.decided", FUNDING__FUNDING_EVENT__CHANGE_APPLICATION,
                       &application->base))
        return -1;
    *result_p = &application->base;
    return 0;
}
