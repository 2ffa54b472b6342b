/*  funding_operations: every operation of the funding service and every topic
    of its events, declared once.

    Each line: the request's member (and the handler funding_<name>), its kind
    (READ, WRITE, ADMIN), the reply's member, what it does in one line, and
    the dotted paths of its message the handler refuses to go without. The
    runtime serves the table made from it and Describe tells clients all of
    it (see pps_service.h); protocol.python_client holds the required paths
    to what the handlers refuse.
*/
#ifndef FUNDING_OPERATIONS_H_INCLUDED
#define FUNDING_OPERATIONS_H_INCLUDED

#define FUNDING_OPERATIONS(OP, P) \
    OP (P, create_funder, WRITE, funder,\
        "Add a funder (ARS fund, prison administration, CPAM...); "\
        "regional and local ones name their region.", "kind name level") \
    OP (P, update_funder, WRITE, funder,\
        "Change a funder's kind, name, level or region.", "id kind name level") \
    OP (P, get_funder, READ, funder,\
        "Show one funder.", "id") \
    OP (P, list_funders, READ, funders,\
        "List funders by kind, level or region.", "") \
    OP (P, create_call, WRITE, call,\
        "Create a call for projects as a draft, with its funders, "\
        "dates and envelope.", "title year opening_date closing_date funder_ids") \
    OP (P, update_call, WRITE, call,\
        "Change a draft or open call; an open call "\
        "keeps its funders and region.", "id title year opening_date closing_date funder_ids") \
    OP (P, transition_call, WRITE, call,\
        "Move a call one step: draft, open, closed, "\
        "then decided once all are settled.", "status date call_id") \
    OP (P, get_call, READ, call,\
        "Show one call for projects.", "id") \
    OP (P, list_calls, READ, calls,\
        "List calls for projects by year, status, funder or region.", "") \
    OP (P, submit_application, WRITE, application,\
        "Submit a project's request to one funder of an open call, "\
        "with the amount asked.", "call_id project_id amount_requested_cents submitted_on") \
    OP (P, review_application, WRITE, application,\
        "Mark a submitted application as under review.", "application_id") \
    OP (P, decide_application, WRITE, application,\
        "Record a funder's decision: granted, partly granted, "\
        "or rejected with a reason.", "status decision_date application_id") \
    OP (P, withdraw_application, WRITE, application,\
        "Withdraw an application that is not decided yet.", "date application_id") \
    OP (P, get_application, READ, application,\
        "Show one application.", "id") \
    OP (P, list_applications, READ, applications,\
        "List applications by call, project, funder, status or establishment.", "") \
    OP (P, create_allocation, WRITE, allocation,\
        "Record a budget given to a health unit through a convention "\
        "with its hospital.", "amount_cents year purpose signed_on funder_id health_unit_id") \
    OP (P, get_allocation, READ, allocation,\
        "Show one allocation.", "id") \
    OP (P, list_allocations, READ, allocations,\
        "List allocations by year, health unit or funder.", "") \
    OP (P, create_indirect_funding, WRITE, indirect_funding,\
        "Record a partner funded under a CPOM who works "\
        "in an establishment in a year.", "year description partner_id cpom_id establishment_id") \
    OP (P, list_indirect_fundings, READ, indirect_fundings,\
        "List indirect funding by year, establishment or partner.", "") \
    OP (P, co_financing, READ, co_financing,\
        "Show a project's requests and grants by funder, "\
        "against its planned budget.", "project_id") \
    OP (P, concertation, READ, concertation,\
        "Show a call's requests and grants against its envelope, "\
        "for the funders to agree.", "call_id") \
    OP (P, granted_totals, READ, granted_totals,\
        "Total the amounts granted in a period, by funder, establishment and theme.", "from to")

//  The topics of its events, "funding.<entity>.<verb>" on its PUB socket.
#define FUNDING_TOPICS \
    "funder.created", "funder.updated", "call.created", "call.updated", \
    "call.transitioned", "application.submitted", "application.reviewed", \
    "application.decided", "application.withdrawn", "allocation.created", \
    "indirect.created"

#endif
