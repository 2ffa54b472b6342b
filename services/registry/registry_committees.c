/*  registry_committees: the regional committee, its yearly working groups,
    and each establishment's health-promotion steering committee (COPIL)
    with its members by category.

    A committee sits from its creation (constitution) day until the day it
    is dissolved, which is the first day without it; a region or an
    establishment has at most one sitting committee. A committee is not
    dissolved before a meeting it held, nor a working group moved to
    another year than its meetings'.  */
#include "registry_rules.h"

#include <czmq.h>

//  Fails on "date" when a meeting of the body is dated on or after date,
//  the first day without the committee being dissolved. Returns 0 or -1.
static int
s_no_meeting_from (registry_t *self, pps_call_t *call, Registry__BodyKind kind, uint64_t id,
                   const char *what, const Pps__Date *date)
{
    Registry__MeetingList *meetings = registry_body_meetings (self, call, kind, id);
    if (!meetings)
        return -1;
    char day [16];
    for (size_t index = 0; index < meetings->n_items; index++) {
        const Registry__Meeting *meeting = meetings->items [index];
        if (pps_date_compare (meeting->date, date) >= 0)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "date",
                                  "meeting %llu of %s %llu is dated %s, on or after date "
                                  "(the first day without the committee)",
                                  (unsigned long long) meeting->id, what, (unsigned long long) id,
                                  pps_date_format (meeting->date, day, sizeof day));
    }
    return 0;
}

//  ---------------------------------------------------------------- regional committee

typedef struct {
    const char *region_code;
    Registry__RegionalCommittee *latest;      //  Latest created in the region
    Registry__RegionalCommittee *sitting;     //  One not dissolved
    Registry__RegionalCommittee *last_ended;  //  Latest dissolution
} regional_scan_t;

static int
s_scan_regional (ProtobufCMessage *record, void *arg)
{
    regional_scan_t *scan = arg;
    Registry__RegionalCommittee *committee = (Registry__RegionalCommittee *) record;
    if (!streq (committee->region_code, scan->region_code))
        return 0;
    //  Records come in id order, so a tie on the date keeps the newer one
    if (!scan->latest || pps_date_compare (committee->created_on, scan->latest->created_on) >= 0)
        scan->latest = committee;
    if (!pps_date_is_set (committee->dissolved_on))
        scan->sitting = committee;
    else
    if (!scan->last_ended
    ||  pps_date_compare (committee->dissolved_on, scan->last_ended->dissolved_on) > 0)
        scan->last_ended = committee;
    return 0;
}

static int
s_scan_region_committees (registry_t *self, pps_call_t *call, regional_scan_t *scan)
{
    int rc = pps_store_each (pps_call_txn (call), self->regional_committees,
                             &registry__regional_committee__descriptor, pps_call_arena (call),
                             s_scan_regional, scan);
    return rc ? pps_call_fail_lmdb (call, rc, "regional committees") : 0;
}

PPS_HANDLER (registry_create_regional_committee)
{
    registry_t *registry = self;
    Registry__RegionalCommittee *in = (Registry__RegionalCommittee *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "regional_committee.id",
                              "the service assigns ids; leave regional_committee.id at 0");
    if (pps_check_date (call, "regional_committee.created_on", in->created_on, true)
    ||  registry_check_region (registry, call, "regional_committee.region_code", in->region_code))
        return -1;
    if (pps_date_is_set (in->dissolved_on))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "regional_committee.dissolved_on",
                              "a committee is created sitting; dissolve it with "
                              "dissolve_regional_committee");
    regional_scan_t scan = { in->region_code, NULL, NULL, NULL };
    if (s_scan_region_committees (registry, call, &scan))
        return -1;
    char day [16];
    if (scan.sitting)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "regional_committee.region_code",
                              "region %s already has regional committee %llu since %s",
                              in->region_code, (unsigned long long) scan.sitting->id,
                              pps_date_format (scan.sitting->created_on, day, sizeof day));
    if (scan.last_ended
    &&  pps_date_compare (in->created_on, scan.last_ended->dissolved_on) < 0)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "regional_committee.created_on",
                              "regional committee %llu sat until %s",
                              (unsigned long long) scan.last_ended->id,
                              pps_date_format (scan.last_ended->dissolved_on, day, sizeof day));
    if (!(in->id = pps_record_new_id (call, "regional_committee"))
    ||  pps_record_save (call, registry->regional_committees, in->id, in,
                       "regional committee")
    ||  pps_call_emit (call, "regional_committee.created",
                       REGISTRY__REGISTRY_EVENT__CHANGE_REGIONAL_COMMITTEE, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_dissolve_regional_committee)
{
    registry_t *registry = self;
    const Registry__Dissolve *in = op;
    Registry__RegionalCommittee *committee;
    if (pps_check_date (call, "date", in->date, true)
    ||  pps_record_load (call, registry->regional_committees, in->id,
                       &registry__regional_committee__descriptor, "id", &committee))
        return -1;
    char day [16];
    if (pps_date_is_set (committee->dissolved_on))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "id",
                              "regional committee %llu was dissolved on %s",
                              (unsigned long long) committee->id,
                              pps_date_format (committee->dissolved_on, day, sizeof day));
    if (pps_check_period (call, "date", committee->created_on, in->date)
    ||  s_no_meeting_from (registry, call, REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY,
                           committee->id, "regional committee", in->date))
        return -1;
    committee->dissolved_on = in->date;
    if (pps_record_save (call, registry->regional_committees, committee->id, committee,
                       "regional committee")
    ||  pps_call_emit (call, "regional_committee.dissolved",
                       REGISTRY__REGISTRY_EVENT__CHANGE_REGIONAL_COMMITTEE, &committee->base))
        return -1;
    *result_p = &committee->base;
    return 0;
}

PPS_HANDLER (registry_get_regional_committee)
{
    registry_t *registry = self;
    const Registry__ByRegion *in = op;
    if (registry_check_region (registry, call, "region_code", in->region_code))
        return -1;
    regional_scan_t scan = { in->region_code, NULL, NULL, NULL };
    if (s_scan_region_committees (registry, call, &scan))
        return -1;
    if (!scan.latest)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "region_code",
                              "region %s has no regional committee", in->region_code);
    *result_p = &scan.latest->base;
    return 0;
}

//  ---------------------------------------------------------------- working groups

static int
s_working_group_valid (registry_t *self, pps_call_t *call, const Registry__WorkingGroup *in)
{
    if (pps_check_range (call, "working_group.year", in->year, 2000, 2100)
    ||  pps_check_text (call, "working_group.title", in->title, PPS_NAME_MAX, true)
    ||  pps_check_text (call, "working_group.theme", in->theme, PPS_NAME_MAX, false))
        return -1;
    return registry_check_region (self, call, "working_group.region_code", in->region_code);
}

PPS_HANDLER (registry_create_working_group)
{
    registry_t *registry = self;
    Registry__WorkingGroup *in = (Registry__WorkingGroup *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "working_group.id",
                              "the service assigns ids; leave working_group.id at 0");
    if (s_working_group_valid (registry, call, in)
    ||  !(in->id = pps_record_new_id (call, "working_group"))
    ||  pps_record_save (call, registry->working_groups, in->id, in, "working group")
    ||  pps_call_emit (call, "working_group.created",
                       REGISTRY__REGISTRY_EVENT__CHANGE_WORKING_GROUP, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

//  Fails on working_group.year when a meeting of the group is dated in
//  another year than year. Returns 0 or -1.
static int
s_meetings_in_year (registry_t *self, pps_call_t *call, uint64_t id, int32_t year)
{
    Registry__MeetingList *meetings = registry_body_meetings (
        self, call, REGISTRY__BODY_KIND__WORKING_GROUP_BODY, id);
    if (!meetings)
        return -1;
    char day [16];
    for (size_t index = 0; index < meetings->n_items; index++) {
        const Registry__Meeting *meeting = meetings->items [index];
        if (meeting->date->year != year)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "working_group.year",
                                  "meeting %llu of working group %llu is dated %s, outside "
                                  "year %d", (unsigned long long) meeting->id,
                                  (unsigned long long) id,
                                  pps_date_format (meeting->date, day, sizeof day), year);
    }
    return 0;
}

PPS_HANDLER (registry_update_working_group)
{
    registry_t *registry = self;
    Registry__WorkingGroup *in = (Registry__WorkingGroup *) op;
    Registry__WorkingGroup *before;
    if (pps_record_load (call, registry->working_groups, in->id,
                       &registry__working_group__descriptor, "working_group.id", &before)
    ||  s_working_group_valid (registry, call, in)
    ||  (in->year != before->year && s_meetings_in_year (registry, call, in->id, in->year))
    ||  pps_record_save (call, registry->working_groups, in->id, in, "working group")
    ||  pps_call_emit (call, "working_group.updated",
                       REGISTRY__REGISTRY_EVENT__CHANGE_WORKING_GROUP, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

typedef struct {
    const Registry__WorkingGroupFilter *filter;
    Registry__WorkingGroupList *list;
    pps_arena_t *arena;
} working_group_scan_t;

static int
s_collect_working_group (ProtobufCMessage *record, void *arg)
{
    working_group_scan_t *scan = arg;
    Registry__WorkingGroup *group = (Registry__WorkingGroup *) record;
    if (*scan->filter->region_code && !streq (scan->filter->region_code, group->region_code))
        return 0;
    if (scan->filter->year && scan->filter->year != group->year)
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_working_groups)
{
    registry_t *registry = self;
    const Registry__WorkingGroupFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false))
        return -1;
    Registry__WorkingGroupList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__working_group_list__init (list);
    working_group_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->working_groups,
                             &registry__working_group__descriptor, pps_call_arena (call),
                             s_collect_working_group, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "working groups");
    *result_p = &list->base;
    return 0;
}

//  ---------------------------------------------------------------- steering committees

//  Checks one member's own fields, named prefix in errors
//  ("steering_committee.members[3]").
static int
s_member_fields (pps_call_t *call, const char *prefix, const Registry__CommitteeMember *member)
{
    char field [96];
    snprintf (field, sizeof field, "%s.category", prefix);
    if (pps_check_enum (call, field, &registry__member_category__descriptor, member->category, true))
        return -1;
    snprintf (field, sizeof field, "%s.label", prefix);
    if (pps_check_text (call, field, member->label, PPS_NAME_MAX, false))
        return -1;
    snprintf (field, sizeof field, "%s.person_id", prefix);
    //  No detainee is ever identified in this system (DESIGN.md section 1)
    if (member->category == REGISTRY__MEMBER_CATEGORY__DETAINEE_REPRESENTATIVE && member->person_id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "the detainee representative is never identified: "
                              "leave %s at 0", field);
    return 0;
}

//  Checks that the person and the partner a member names exist.
static int
s_member_references (registry_t *self, pps_call_t *call, const char *prefix,
                     const Registry__CommitteeMember *member)
{
    char field [96];
    void *record;
    snprintf (field, sizeof field, "%s.person_id", prefix);
    if (member->person_id
    &&  pps_record_load (call, self->persons, member->person_id,
                       &registry__person__descriptor, field, &record))
        return -1;
    snprintf (field, sizeof field, "%s.partner_id", prefix);
    if (member->partner_id
    &&  pps_record_load (call, self->partners, member->partner_id,
                       &registry__partner__descriptor, field, &record))
        return -1;
    return 0;
}

typedef struct {
    const Registry__SteeringCommitteeFilter *filter;
    Registry__SteeringCommitteeList *list;
    pps_arena_t *arena;
} steering_scan_t;

static int
s_collect_steering (ProtobufCMessage *record, void *arg)
{
    steering_scan_t *scan = arg;
    const Registry__SteeringCommitteeFilter *filter = scan->filter;
    Registry__SteeringCommittee *committee = (Registry__SteeringCommittee *) record;
    if (*filter->region_code && !streq (filter->region_code, committee->region_code))
        return 0;
    if (filter->establishment_id && filter->establishment_id != committee->establishment_id)
        return 0;
    if (pps_date_is_set (filter->active_at)
    &&  !registry_rules_committee_active (committee->constituted_on, committee->dissolved_on,
                                          filter->active_at))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

//  The committees that match filter.
static Registry__SteeringCommitteeList *
s_steering_select (registry_t *self, pps_call_t *call, const Registry__SteeringCommitteeFilter *filter)
{
    Registry__SteeringCommitteeList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__steering_committee_list__init (list);
    steering_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), self->steering_committees,
                             &registry__steering_committee__descriptor, pps_call_arena (call),
                             s_collect_steering, &scan);
    if (rc) {
        pps_call_fail_lmdb (call, rc, "steering committees");
        return NULL;
    }
    return list;
}

PPS_HANDLER (registry_create_steering_committee)
{
    registry_t *registry = self;
    Registry__SteeringCommittee *in = (Registry__SteeringCommittee *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "steering_committee.id",
                              "the service assigns ids; leave steering_committee.id at 0");
    if (pps_check_date (call, "steering_committee.constituted_on", in->constituted_on, true)
    ||  pps_check_text (call, "steering_committee.region_code", in->region_code,
                        PPS_CODE_MAX, false))
        return -1;
    if (pps_date_is_set (in->dissolved_on))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "steering_committee.dissolved_on",
                              "a committee is constituted sitting; dissolve it with "
                              "dissolve_steering_committee");
    if (in->n_members > PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "steering_committee.members",
                              "at most %d members", PPS_LIST_MAX);
    char prefix [64];
    for (size_t index = 0; index < in->n_members; index++) {
        snprintf (prefix, sizeof prefix, "steering_committee.members[%zu]", index);
        if (s_member_fields (call, prefix, in->members [index]))
            return -1;
    }
    Registry__Establishment *establishment;
    if (pps_record_load (call, registry->establishments, in->establishment_id,
                       &registry__establishment__descriptor, "steering_committee.establishment_id",
                       &establishment))
        return -1;
    if (*in->region_code && !streq (in->region_code, establishment->region_code))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "steering_committee.region_code",
                              "establishment %llu is in region %s, not %s",
                              (unsigned long long) establishment->id,
                              establishment->region_code, in->region_code);
    in->region_code = establishment->region_code;
    for (size_t index = 0; index < in->n_members; index++) {
        snprintf (prefix, sizeof prefix, "steering_committee.members[%zu]", index);
        if (s_member_references (registry, call, prefix, in->members [index]))
            return -1;
    }
    Registry__SteeringCommitteeFilter filter = REGISTRY__STEERING_COMMITTEE_FILTER__INIT;
    filter.establishment_id = in->establishment_id;
    Registry__SteeringCommitteeList *others = s_steering_select (registry, call, &filter);
    if (!others)
        return -1;
    char day [16];
    for (size_t index = 0; index < others->n_items; index++) {
        Registry__SteeringCommittee *other = others->items [index];
        if (!pps_date_is_set (other->dissolved_on))
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION,
                                  "steering_committee.establishment_id",
                                  "establishment %llu already has steering committee %llu "
                                  "since %s", (unsigned long long) in->establishment_id,
                                  (unsigned long long) other->id,
                                  pps_date_format (other->constituted_on, day, sizeof day));
        if (pps_date_compare (in->constituted_on, other->dissolved_on) < 0)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION,
                                  "steering_committee.constituted_on",
                                  "steering committee %llu sat until %s",
                                  (unsigned long long) other->id,
                                  pps_date_format (other->dissolved_on, day, sizeof day));
    }
    if (!(in->id = pps_record_new_id (call, "steering_committee"))
    ||  pps_record_save (call, registry->steering_committees, in->id, in,
                       "steering committee")
    ||  pps_call_emit (call, "steering_committee.created",
                       REGISTRY__REGISTRY_EVENT__CHANGE_STEERING_COMMITTEE, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

//  Loads a committee that still sits, for a change of its membership.
static int
s_sitting_committee (registry_t *self, pps_call_t *call, uint64_t id, const char *field,
                     Registry__SteeringCommittee **committee_p)
{
    if (pps_record_load (call, self->steering_committees, id,
                       &registry__steering_committee__descriptor, field, committee_p))
        return -1;
    char day [16];
    if (pps_date_is_set ((*committee_p)->dissolved_on))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, field,
                              "steering committee %llu was dissolved on %s",
                              (unsigned long long) id,
                              pps_date_format ((*committee_p)->dissolved_on, day, sizeof day));
    return 0;
}

//  Stores a changed committee and emits its event under verb.
static int
s_steering_store (registry_t *self, pps_call_t *call, Registry__SteeringCommittee *committee,
                  const char *topic, ProtobufCMessage **result_p)
{
    if (pps_record_save (call, self->steering_committees, committee->id, committee,
                       "steering committee")
    ||  pps_call_emit (call, topic, REGISTRY__REGISTRY_EVENT__CHANGE_STEERING_COMMITTEE,
                       &committee->base))
        return -1;
    *result_p = &committee->base;
    return 0;
}

PPS_HANDLER (registry_dissolve_steering_committee)
{
    registry_t *registry = self;
    const Registry__Dissolve *in = op;
    Registry__SteeringCommittee *committee;
    if (pps_check_date (call, "date", in->date, true)
    ||  s_sitting_committee (registry, call, in->id, "id", &committee)
    ||  pps_check_period (call, "date", committee->constituted_on, in->date)
    ||  s_no_meeting_from (registry, call, REGISTRY__BODY_KIND__STEERING_COMMITTEE_BODY,
                           committee->id, "steering committee", in->date))
        return -1;
    committee->dissolved_on = in->date;
    return s_steering_store (registry, call, committee, "steering_committee.dissolved", result_p);
}

PPS_HANDLER (registry_get_steering_committee)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->steering_committees, in->id,
                          &registry__steering_committee__descriptor, "id", result_p);
}

PPS_HANDLER (registry_list_steering_committees)
{
    registry_t *registry = self;
    const Registry__SteeringCommitteeFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_date (call, "active_at", filter->active_at, false))
        return -1;
    Registry__SteeringCommitteeList *list = s_steering_select (registry, call, filter);
    if (!list)
        return -1;
    *result_p = &list->base;
    return 0;
}

PPS_HANDLER (registry_add_member)
{
    registry_t *registry = self;
    const Registry__AddMember *in = op;
    if (!in->member)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "member", "member is required");
    Registry__SteeringCommittee *committee;
    if (s_member_fields (call, "member", in->member)
    ||  s_member_references (registry, call, "member", in->member)
    ||  s_sitting_committee (registry, call, in->committee_id, "committee_id", &committee))
        return -1;
    if (committee->n_members >= PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "committee_id",
                              "steering committee %llu already has %d members",
                              (unsigned long long) committee->id, PPS_LIST_MAX);
    //  The unpacked array has no spare room (pps_arena_push would assume some)
    Registry__CommitteeMember **members = pps_arena_alloc (pps_call_arena (call),
        (committee->n_members + 1) * sizeof (Registry__CommitteeMember *));
    if (committee->n_members)
        memcpy (members, committee->members, committee->n_members * sizeof members [0]);
    members [committee->n_members++] = in->member;
    committee->members = members;
    return s_steering_store (registry, call, committee, "steering_committee.updated", result_p);
}

PPS_HANDLER (registry_remove_member)
{
    registry_t *registry = self;
    const Registry__RemoveMember *in = op;
    Registry__SteeringCommittee *committee;
    if (s_sitting_committee (registry, call, in->committee_id, "committee_id", &committee))
        return -1;
    if (in->index >= committee->n_members)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "index",
                              "steering committee %llu has %zu members; index %u is past them",
                              (unsigned long long) committee->id, committee->n_members, in->index);
    memmove (committee->members + in->index, committee->members + in->index + 1,
             (committee->n_members - in->index - 1) * sizeof committee->members [0]);
    committee->n_members--;
    return s_steering_store (registry, call, committee, "steering_committee.updated", result_p);
}

PPS_HANDLER (registry_missing_categories)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    Registry__SteeringCommittee *committee;
    Registry__Establishment *establishment;
    if (pps_record_load (call, registry->steering_committees, in->id,
                       &registry__steering_committee__descriptor, "id", &committee)
    ||  pps_record_load (call, registry->establishments, committee->establishment_id,
                       &registry__establishment__descriptor, "steering_committee.establishment_id",
                       &establishment))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Registry__MissingCategories *result = pps_arena_alloc (arena, sizeof *result);
    registry__missing_categories__init (result);
    result->committee_id = committee->id;
    result->minors_held = registry_rules_holds_minors (establishment);
    result->missing = pps_arena_alloc (arena, REGISTRY_CATEGORY_MAX * sizeof (Registry__MemberCategory));
    result->n_missing = registry_rules_missing_categories (committee->members, committee->n_members,
                                                           result->minors_held, result->missing);
    *result_p = &result->base;
    return 0;
}
