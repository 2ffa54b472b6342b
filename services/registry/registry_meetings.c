/*  registry_meetings: meetings of the regional committee, of working groups
    and of steering committees, with the staff and structures that attended,
    and their statistics (OS 3 of annex 1: number of meetings, distinct
    people, distinct structures). A meeting is dated within the life of its
    body: a committee sitting that day, a working group of that year.  */
#include "registry_rules.h"

#include <czmq.h>

//  Fails on meeting.date when a committee (what: its kind, for the message)
//  did not sit on date: before its creation, or on or after its
//  dissolution, the first day without it. Returns 0 or -1.
static int
s_committee_sits (pps_call_t *call, const char *what, uint64_t id, const Pps__Date *created,
                  const Pps__Date *dissolved, const Pps__Date *date)
{
    if (registry_rules_committee_active (created, dissolved, date))
        return 0;
    char from [16], until [16];
    return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "meeting.date",
                          "%s %llu sits from %s%s%s: meeting.date is outside", what,
                          (unsigned long long) id, pps_date_format (created, from, sizeof from),
                          pps_date_is_set (dissolved) ? " until its dissolution on " : "",
                          pps_date_format (dissolved, until, sizeof until));
}

//  The region of the body that met, or NULL with the call failed. The body
//  must exist on date: a committee sitting, a working group of that year.
static const char *
s_body_region (registry_t *self, pps_call_t *call, Registry__BodyKind kind, uint64_t id,
               const Pps__Date *date)
{
    const char *field = "meeting.body_id";
    if (kind == REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY) {
        Registry__RegionalCommittee *committee;
        if (pps_record_load (call, self->regional_committees, id,
                           &registry__regional_committee__descriptor, field, &committee)
        ||  s_committee_sits (call, "regional committee", id, committee->created_on,
                              committee->dissolved_on, date))
            return NULL;
        return committee->region_code;
    }
    if (kind == REGISTRY__BODY_KIND__WORKING_GROUP_BODY) {
        Registry__WorkingGroup *group;
        if (pps_record_load (call, self->working_groups, id,
                           &registry__working_group__descriptor, field, &group))
            return NULL;
        //  A working group is set up for one year
        if (date->year != group->year) {
            pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "meeting.date",
                           "working group %llu is of year %d: meeting.date is outside",
                           (unsigned long long) id, group->year);
            return NULL;
        }
        return group->region_code;
    }
    //  A steering committee belongs to the region its establishment is in now
    Registry__SteeringCommittee *committee;
    Registry__Establishment *establishment;
    if (pps_record_load (call, self->steering_committees, id,
                       &registry__steering_committee__descriptor, field, &committee)
    ||  pps_record_load (call, self->establishments, committee->establishment_id,
                       &registry__establishment__descriptor,
                       "steering_committee.establishment_id", &establishment)
    ||  s_committee_sits (call, "steering committee", id, committee->constituted_on,
                          committee->dissolved_on, date))
        return NULL;
    return establishment->region_code;
}

//  Checks that a structure exists (the ARS, the region's own agency, always does).
static int
s_structure_exists (registry_t *self, pps_call_t *call, size_t index,
                   const Registry__StructureRef *structure)
{
    char field [64];
    snprintf (field, sizeof field, "meeting.attendee_structures[%zu].id", index);
    MDB_dbi dbi;
    const ProtobufCMessageDescriptor *descriptor;
    switch (structure->kind) {
        case REGISTRY__STRUCTURE_KIND__DIRECTORATE_STRUCTURE:
            dbi = self->directorates;
            descriptor = &registry__directorate__descriptor;
            break;
        case REGISTRY__STRUCTURE_KIND__ESTABLISHMENT_STRUCTURE:
            dbi = self->establishments;
            descriptor = &registry__establishment__descriptor;
            break;
        case REGISTRY__STRUCTURE_KIND__HEALTH_UNIT_STRUCTURE:
            dbi = self->health_units;
            descriptor = &registry__health_unit__descriptor;
            break;
        case REGISTRY__STRUCTURE_KIND__HOSPITAL_STRUCTURE:
            dbi = self->hospitals;
            descriptor = &registry__hospital__descriptor;
            break;
        case REGISTRY__STRUCTURE_KIND__PARTNER_STRUCTURE:
            dbi = self->partners;
            descriptor = &registry__partner__descriptor;
            break;
        default:
            return 0;           //  The ARS: checked with the fields
    }
    void *record;
    return pps_record_load (call, dbi, structure->id, descriptor, field, &record);
}

//  Checks a meeting, derives its region and drops repeated attendees.
static int
s_meeting_valid (registry_t *self, pps_call_t *call, Registry__Meeting *in)
{
    if (pps_check_enum (call, "meeting.body_kind", &registry__body_kind__descriptor,
                        in->body_kind, true)
    ||  pps_check_id (call, "meeting.body_id", in->body_id)
    ||  pps_check_date (call, "meeting.date", in->date, true)
    ||  pps_check_text (call, "meeting.title", in->title, PPS_NAME_MAX, false)
    ||  pps_check_text (call, "meeting.region_code", in->region_code, PPS_CODE_MAX, false))
        return -1;
    if (in->n_attendee_person_ids > PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "meeting.attendee_person_ids",
                              "at most %d attendees", PPS_LIST_MAX);
    if (in->n_attendee_structures > PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "meeting.attendee_structures",
                              "at most %d structures", PPS_LIST_MAX);
    for (size_t index = 0; index < in->n_attendee_structures; index++) {
        const Registry__StructureRef *structure = in->attendee_structures [index];
        char field [64];
        snprintf (field, sizeof field, "meeting.attendee_structures[%zu].kind", index);
        if (pps_check_enum (call, field, &registry__structure_kind__descriptor, structure->kind, true))
            return -1;
        snprintf (field, sizeof field, "meeting.attendee_structures[%zu].id", index);
        if (structure->kind == REGISTRY__STRUCTURE_KIND__ARS_STRUCTURE && structure->id)
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                                  "the ARS is the region's own agency: leave %s at 0", field);
    }

    const char *region_code = s_body_region (self, call, in->body_kind, in->body_id, in->date);
    if (!region_code)
        return -1;
    if (*in->region_code && !streq (in->region_code, region_code))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "meeting.region_code",
                              "the body that met is in region %s, not %s", region_code,
                              in->region_code);
    in->region_code = (char *) region_code;

    //  Attendance is a set: a person or a structure counts once
    size_t kept = 0;
    for (size_t index = 0; index < in->n_attendee_person_ids; index++) {
        uint64_t id = in->attendee_person_ids [index];
        char field [64];
        snprintf (field, sizeof field, "meeting.attendee_person_ids[%zu]", index);
        void *person;
        if (pps_record_load (call, self->persons, id, &registry__person__descriptor, field,
                           &person))
            return -1;
        bool seen = false;
        for (size_t at = 0; at < kept && !seen; at++)
            seen = in->attendee_person_ids [at] == id;
        if (!seen)
            in->attendee_person_ids [kept++] = id;
    }
    in->n_attendee_person_ids = kept;
    kept = 0;
    for (size_t index = 0; index < in->n_attendee_structures; index++) {
        Registry__StructureRef *structure = in->attendee_structures [index];
        if (s_structure_exists (self, call, index, structure))
            return -1;
        bool seen = false;
        for (size_t at = 0; at < kept && !seen; at++)
            seen = in->attendee_structures [at]->kind == structure->kind
                && in->attendee_structures [at]->id == structure->id;
        if (!seen)
            in->attendee_structures [kept++] = structure;
    }
    in->n_attendee_structures = kept;
    return 0;
}

PPS_HANDLER (registry_create_meeting)
{
    registry_t *registry = self;
    Registry__Meeting *in = (Registry__Meeting *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "meeting.id",
                              "the service assigns ids; leave meeting.id at 0");
    if (s_meeting_valid (registry, call, in)
    ||  !(in->id = pps_record_new_id (call, "meeting"))
    ||  pps_record_save (call, registry->meetings, in->id, in, "meeting")
    ||  pps_call_emit (call, "meeting.created", REGISTRY__REGISTRY_EVENT__CHANGE_MEETING, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_update_meeting)
{
    registry_t *registry = self;
    Registry__Meeting *in = (Registry__Meeting *) op;
    Registry__Meeting *before;
    if (pps_record_load (call, registry->meetings, in->id, &registry__meeting__descriptor,
                       "meeting.id", &before)
    ||  s_meeting_valid (registry, call, in)
    ||  pps_record_save (call, registry->meetings, in->id, in, "meeting")
    ||  pps_call_emit (call, "meeting.updated", REGISTRY__REGISTRY_EVENT__CHANGE_MEETING, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_get_meeting)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->meetings, in->id,
                          &registry__meeting__descriptor, "id", result_p);
}

typedef struct {
    const Registry__MeetingFilter *filter;
    Registry__MeetingList *list;
    pps_arena_t *arena;
} meeting_scan_t;

static int
s_collect_meeting (ProtobufCMessage *record, void *arg)
{
    meeting_scan_t *scan = arg;
    const Registry__MeetingFilter *filter = scan->filter;
    Registry__Meeting *meeting = (Registry__Meeting *) record;
    if (*filter->region_code && !streq (filter->region_code, meeting->region_code))
        return 0;
    if (filter->body_kind && filter->body_kind != meeting->body_kind)
        return 0;
    if (filter->body_id && filter->body_id != meeting->body_id)
        return 0;
    if (!pps_date_in_range (meeting->date, filter->from, filter->to))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

//  The meetings that match filter, or NULL with the call failed.
static Registry__MeetingList *
s_meetings_select (registry_t *self, pps_call_t *call, const Registry__MeetingFilter *filter)
{
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_enum (call, "body_kind", &registry__body_kind__descriptor, filter->body_kind, false)
    ||  pps_check_date (call, "from", filter->from, false)
    ||  pps_check_date (call, "to", filter->to, false))
        return NULL;
    Registry__MeetingList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__meeting_list__init (list);
    meeting_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), self->meetings, &registry__meeting__descriptor,
                             pps_call_arena (call), s_collect_meeting, &scan);
    if (rc) {
        pps_call_fail_lmdb (call, rc, "meetings");
        return NULL;
    }
    return list;
}

Registry__MeetingList *
registry_body_meetings (registry_t *self, pps_call_t *call, Registry__BodyKind kind, uint64_t id)
{
    Registry__MeetingFilter filter = REGISTRY__MEETING_FILTER__INIT;
    filter.body_kind = kind;
    filter.body_id = id;
    return s_meetings_select (self, call, &filter);
}

PPS_HANDLER (registry_list_meetings)
{
    Registry__MeetingList *list = s_meetings_select (self, call, op);
    if (!list)
        return -1;
    *result_p = &list->base;
    return 0;
}

static int
s_compare_u64 (const void *left, const void *right)
{
    uint64_t a = *(const uint64_t *) left, b = *(const uint64_t *) right;
    return (a > b) - (a < b);
}

typedef struct {
    uint64_t kind;
    uint64_t id;
} structure_key_t;

static int
s_compare_structure (const void *left, const void *right)
{
    const structure_key_t *a = left, *b = right;
    if (a->kind != b->kind)
        return (a->kind > b->kind) - (a->kind < b->kind);
    return (a->id > b->id) - (a->id < b->id);
}

//  Number of distinct items of a sorted array.
static uint32_t
s_distinct (const void *items, size_t count, size_t size, int (*compare) (const void *, const void *))
{
    uint32_t distinct = 0;
    const uint8_t *bytes = items;
    for (size_t index = 0; index < count; index++)
        if (index == 0 || compare (bytes + (index - 1) * size, bytes + index * size))
            distinct++;
    return distinct;
}

PPS_HANDLER (registry_meeting_stats)
{
    Registry__MeetingList *list = s_meetings_select (self, call, op);
    if (!list)
        return -1;
    size_t n_persons = 0, n_structures = 0;
    for (size_t index = 0; index < list->n_items; index++) {
        n_persons += list->items [index]->n_attendee_person_ids;
        n_structures += list->items [index]->n_attendee_structures;
    }
    pps_arena_t *arena = pps_call_arena (call);
    uint64_t *persons = pps_arena_alloc (arena, (n_persons + 1) * sizeof (uint64_t));
    structure_key_t *structures = pps_arena_alloc (arena, (n_structures + 1) * sizeof (structure_key_t));
    n_persons = n_structures = 0;
    for (size_t index = 0; index < list->n_items; index++) {
        const Registry__Meeting *meeting = list->items [index];
        for (size_t at = 0; at < meeting->n_attendee_person_ids; at++)
            persons [n_persons++] = meeting->attendee_person_ids [at];
        for (size_t at = 0; at < meeting->n_attendee_structures; at++) {
            structures [n_structures].kind = meeting->attendee_structures [at]->kind;
            structures [n_structures++].id = meeting->attendee_structures [at]->id;
        }
    }
    qsort (persons, n_persons, sizeof persons [0], s_compare_u64);
    qsort (structures, n_structures, sizeof structures [0], s_compare_structure);

    Registry__MeetingStats *stats = pps_arena_alloc (arena, sizeof *stats);
    registry__meeting_stats__init (stats);
    stats->meetings = (uint32_t) list->n_items;
    stats->distinct_persons = s_distinct (persons, n_persons, sizeof persons [0], s_compare_u64);
    stats->distinct_structures = s_distinct (structures, n_structures, sizeof structures [0],
                                             s_compare_structure);
    *result_p = &stats->base;
    return 0;
}
