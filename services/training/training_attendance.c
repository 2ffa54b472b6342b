/*  training_attendance: who took part in a session. Named persons (a
    registry person, once per session, with the staff category the caller
    gives, since the registry's is coarser) or, where names are not
    collected, a count per establishment and category, which replaces the
    previous count of that line. An attendee's establishment is where they
    work; when none is given, the session's site (staff trained on site work
    there). idx_person_session lists the sessions a person attended.  */
#include "training.h"

#include <czmq.h>

//  The session an attendance line refers to, or NULL with the call failed.
static Training__TrainingSession *
s_session (training_t *self, pps_call_t *call, uint64_t session_id, const char *field)
{
    Training__TrainingSession *session = NULL;
    if (pps_record_load (call, self->sessions, session_id, &training__training_session__descriptor,
                       field, &session))
        return NULL;
    return session;
}

PPS_HANDLER (training_add_participant)
{
    training_t *training = self;
    Training__Participant *in = (Training__Participant *) op;
    if (pps_check_id (call, "participant.session_id", in->session_id)
    ||  pps_check_id (call, "participant.person_id", in->person_id)
    ||  pps_check_enum (call, "participant.category", &training__staff_category__descriptor,
                        in->category, true))
        return -1;
    Training__TrainingSession *session = s_session (training, call, in->session_id,
                                                    "participant.session_id");
    if (!session
    ||  training_check_region_echo (call, "participant.region_code", in->region_code,
                                    session->region_code))
        return -1;
    uint8_t key [TRAINING_PARTICIPANT_KEY];
    training_participant_key (key, in->session_id, in->person_id);
    Training__Participant *existing;
    int found = pps_record_load_key (call, training->participants, key, sizeof key,
                                   &training__participant__descriptor, &existing);
    if (found < 0)
        return -1;
    if (found == 0)
        return pps_call_fail (call, PPS__CODE__ALREADY_EXISTS, "participant.person_id",
                              "person %llu already takes part in session %llu",
                              (unsigned long long) in->person_id,
                              (unsigned long long) in->session_id);
    if (!training_ref_person (training, call, "participant.person_id", in->person_id)
    ||  training_attendee_establishment (training, call, "participant.establishment_id",
                                         in->establishment_id, session, &in->establishment_id))
        return -1;
    in->region_code = session->region_code;
    if (pps_record_save_key (call, training->participants, key, sizeof key, in, "participant")
    ||  pps_record_index_add (call, training->idx_person_session, in->person_id, in->session_id)
    ||  pps_call_emit (call, "participant.added", TRAINING__TRAINING_EVENT__CHANGE_PARTICIPANT,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (training_remove_participant)
{
    training_t *training = self;
    const Training__RemoveParticipant *in = op;
    if (pps_check_id (call, "session_id", in->session_id)
    ||  pps_check_id (call, "person_id", in->person_id))
        return -1;
    uint8_t key [TRAINING_PARTICIPANT_KEY];
    training_participant_key (key, in->session_id, in->person_id);
    Training__Participant *participant;
    int found = pps_record_load_key (call, training->participants, key, sizeof key,
                                   &training__participant__descriptor, &participant);
    if (found < 0)
        return -1;
    if (found == 1)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "person_id",
                              "person %llu does not take part in session %llu",
                              (unsigned long long) in->person_id,
                              (unsigned long long) in->session_id);
    if (pps_record_delete_key (call, training->participants, key, sizeof key, "participant")
    ||  pps_record_index_remove (call, training->idx_person_session, in->person_id, in->session_id)
    ||  pps_call_emit (call, "participant.removed", TRAINING__TRAINING_EVENT__CHANGE_PARTICIPANT,
                       &participant->base))
        return -1;
    *result_p = &participant->base;
    return 0;
}

PPS_HANDLER (training_set_category_count)
{
    training_t *training = self;
    Training__CategoryCount *in = (Training__CategoryCount *) op;
    if (pps_check_id (call, "category_count.session_id", in->session_id)
    ||  pps_check_enum (call, "category_count.category", &training__staff_category__descriptor,
                        in->category, true)
    ||  pps_check_range (call, "category_count.count", in->count, 0, TRAINING_COUNT_MAX))
        return -1;
    Training__TrainingSession *session = s_session (training, call, in->session_id,
                                                    "category_count.session_id");
    if (!session
    ||  training_check_region_echo (call, "category_count.region_code", in->region_code,
                                    session->region_code)
    ||  training_attendee_establishment (training, call, "category_count.establishment_id",
                                         in->establishment_id, session, &in->establishment_id))
        return -1;
    in->region_code = session->region_code;
    uint8_t key [TRAINING_COUNT_KEY];
    training_count_key (key, in->session_id, in->establishment_id, (uint32_t) in->category);
    Training__CategoryCount *before;
    int found = pps_record_load_key (call, training->category_counts, key, sizeof key,
                                   &training__category_count__descriptor, &before);
    if (found < 0)
        return -1;
    //  Setting what is already there changes nothing, and says nothing
    int32_t previous = found == 0 ? before->count : 0;
    if (previous != in->count) {
        //  A zero line is removed: the session's attendance lists only counts
        int rc = in->count
            ? pps_record_save_key (call, training->category_counts, key, sizeof key, in,
                                 "category count")
            : pps_record_delete_key (call, training->category_counts, key, sizeof key,
                                   "category count");
        if (rc
        ||  pps_call_emit (call, "category_count.set",
                           TRAINING__TRAINING_EVENT__CHANGE_CATEGORY_COUNT, &in->base))
            return -1;
    }
    *result_p = &in->base;
    return 0;
}

typedef struct {
    pps_arena_t *arena;
    Training__Attendance *attendance;
} attendance_scan_t;

//  Add a named participant to the attendance.
static int
s_collect_participant (ProtobufCMessage *record, void *arg)
{
    attendance_scan_t *scan = arg;
    pps_arena_push (scan->arena, (void ***) &scan->attendance->participants,
                    &scan->attendance->n_participants, record);
    scan->attendance->total++;
    return 0;
}

//  Add an anonymous count line to the attendance.
static int
s_collect_count (ProtobufCMessage *record, void *arg)
{
    attendance_scan_t *scan = arg;
    Training__CategoryCount *count = (Training__CategoryCount *) record;
    pps_arena_push (scan->arena, (void ***) &scan->attendance->counts,
                    &scan->attendance->n_counts, record);
    scan->attendance->total += (uint32_t) count->count;
    return 0;
}

PPS_HANDLER (training_session_attendance)
{
    training_t *training = self;
    const Training__ById *in = op;
    Training__TrainingSession *session = s_session (training, call, in->id, "id");
    if (!session)
        return -1;
    Training__Attendance *attendance = pps_arena_alloc (pps_call_arena (call), sizeof *attendance);
    training__attendance__init (attendance);
    attendance->session = session;
    attendance_scan_t scan = { pps_call_arena (call), attendance };
    uint8_t prefix [8];
    pps_key_u64 (prefix, session->id);
    if (training_each_prefix (call, training->participants, prefix, sizeof prefix,
                              &training__participant__descriptor, s_collect_participant, &scan)
    ||  training_each_prefix (call, training->category_counts, prefix, sizeof prefix,
                              &training__category_count__descriptor, s_collect_count, &scan))
        return -1;
    *result_p = &attendance->base;
    return 0;
}
