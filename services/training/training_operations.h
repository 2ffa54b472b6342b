/*  training_operations: every operation of the training service and every topic
    of its events, declared once.

    Each line: the request's member (and the handler training_<name>), its kind
    (READ, WRITE, ADMIN), the reply's member, what it does in one line, and
    the dotted paths of its message the handler refuses to go without. The
    runtime serves the table made from it and Describe tells clients all of
    it (see pps_service.h); protocol.python_client holds the required paths
    to what the handlers refuse.
*/
#ifndef TRAINING_OPERATIONS_H_INCLUDED
#define TRAINING_OPERATIONS_H_INCLUDED

#define TRAINING_OPERATIONS(OP, P) \
    OP (P, create_offer, WRITE, offer,\
        "Add a staff training offer to a region's catalogue, "\
        "open from a given date.", "title provider_kind duration_minutes open_from region_code") \
    OP (P, update_offer, WRITE, offer,\
        "Change a training offer; its sessions must still start "\
        "while it is open.", "id title provider_kind duration_minutes open_from region_code") \
    OP (P, get_offer, READ, offer,\
        "Show one training offer.", "id") \
    OP (P, list_offers, READ, offers,\
        "List training offers by region, provider, or open during a period.", "") \
    OP (P, create_session, WRITE, session,\
        "Schedule a session of a training offer, "\
        "in an establishment or another place.", "first_date offer_id") \
    OP (P, update_session, WRITE, session,\
        "Change a training session's dates, place or trainers; "\
        "it stays in its region.", "id first_date offer_id") \
    OP (P, get_session, READ, session,\
        "Show one training session.", "id") \
    OP (P, list_sessions, READ, sessions,\
        "List training sessions by region, offer, establishment or period.", "") \
    OP (P, add_participant, WRITE, participant,\
        "Record that a named staff member, with their category, "\
        "attended a session.", "session_id person_id category") \
    OP (P, remove_participant, WRITE, participant,\
        "Remove a named staff member from a session's attendance.", "session_id person_id") \
    OP (P, set_category_count, WRITE, category_count,\
        "Set how many staff of a category attended a session, unnamed; "\
        "0 removes it.", "session_id category") \
    OP (P, session_attendance, READ, attendance,\
        "Show who attended a session: named staff, anonymous counts and the total.", "id") \
    OP (P, put_headcount, WRITE, headcount,\
        "Set an establishment's staff "\
        "headcount for a category and a year.", "establishment_id year category") \
    OP (P, list_headcounts, READ, headcounts,\
        "List staff headcounts by region, establishment or year.", "") \
    OP (P, trained_stats, READ, trained_stats,\
        "Count staff trained in a period by category, against headcounts, "\
        "in a region or an establishment.", "region_code from to") \
    OP (P, is_trained, READ, is_trained,\
        "Tell whether a person attended a training session in a period, "\
        "and which ones.", "person_id from to")

//  The topics of its events, "training.<entity>.<verb>" on its PUB socket.
#define TRAINING_TOPICS \
    "offer.created", "offer.updated", "session.created", "session.updated", \
    "participant.added", "participant.removed", "category_count.set", "headcount.set"

#endif
