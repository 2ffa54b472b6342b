/*  indicators_operations: every operation of the indicators service and every topic
    of its events, declared once.

    Each line: the request's member (and the handler indicators_<name>), its kind
    (READ, WRITE, ADMIN), the reply's member, what it does in one line, and
    the dotted paths of its message the handler refuses to go without. The
    runtime serves the table made from it and Describe tells clients all of
    it (see pps_service.h); protocol.python_client holds the required paths
    to what the handlers refuse.
*/
#ifndef INDICATORS_OPERATIONS_H_INCLUDED
#define INDICATORS_OPERATIONS_H_INCLUDED

#define INDICATORS_OPERATIONS(OP, P) \
    OP (P, compute_bilan, READ, bilan,\
        "Compute a region's yearly bilan from what the services hold now, without keeping it.", "year") \
    OP (P, finalise_bilan, ADMIN, bilan,\
        "Compute and keep the next version of a yearly bilan, and queue it for the national level.", "year") \
    OP (P, get_bilan, READ, bilan,\
        "Show a finalised bilan: the given version, or the latest when version is 0.", "year") \
    OP (P, list_bilans, READ, bilans,\
        "List the finalised bilans of a region, every year or one.", "") \
    OP (P, model_status, READ, model,\
        "Show how far the indicators' copy of the other services has caught up.", "") \
    OP (P, export_bilan, READ, export,\
        "Export a finalised bilan as JSON, CSV, ADX, DHIS2 values or metadata, or a workbook.", "format bilan") \
    OP (P, list_outbox, READ, outbox,\
        "List the bilans waiting for, or refused by, the national level.", "") \
    OP (P, retry_outbox, ADMIN, outbox_entry,\
        "Send a bilan stuck in the outbox to the national level again now.", "key")

//  The topics of its events, "indicators.<entity>.<verb>" on its PUB socket.
#define INDICATORS_TOPICS \
    "bilan.finalised", "bilan.acknowledged", "bilan.rejected", "outbox_entry.queued", \
    "outbox_entry.requeued", "outbox_entry.retried", "outbox_entry.delivered", \
    "outbox_entry.needs_operator"

#endif
