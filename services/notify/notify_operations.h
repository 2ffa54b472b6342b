/*  notify_operations: every operation of the notify service and every topic
    of its events, declared once.

    Each line: the request's member (and the handler notify_<name>), its kind
    (READ, WRITE, ADMIN), the reply's member, what it does in one line, and
    the dotted paths of its message the handler refuses to go without. The
    runtime serves the table made from it and Describe tells clients all of
    it (see pps_service.h); protocol.python_client holds the required paths
    to what the handlers refuse.
*/
#ifndef NOTIFY_OPERATIONS_H_INCLUDED
#define NOTIFY_OPERATIONS_H_INCLUDED

#define NOTIFY_OPERATIONS(OP, P) \
    OP (P, list_notifications, READ, notifications,\
        "List the notifications raised, newest first, by region, kind or date.", "") \
    OP (P, get_notification, READ, notification,\
        "Show one notification with its deliveries.", "id") \
    OP (P, list_deliveries, READ, deliveries,\
        "List the e-mails and webhook calls of notifications, by state or channel.", "") \
    OP (P, retry_delivery, WRITE, delivery,\
        "Send a failed delivery again.", "id") \
    OP (P, list_vacancies, READ, vacancies,\
        "List the referent posts that are vacant, and since when.", "") \
    OP (P, run_check, WRITE, check,\
        "Look for vacant referent posts and planned steps due now, instead of at the next "\
        "periodic check.", "")

//  The topics of its events, "notify.<entity>.<verb>" on its PUB socket.
#define NOTIFY_TOPICS \
    "notification.raised", "delivery.sent", "delivery.failed", "delivery.retried", \
    "delivery.requeued"

#endif
