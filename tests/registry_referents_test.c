/*  Drives the registry service in-process: referent designations and
    vacancies, the programme and CPOMs, committees and their missing
    categories, meetings and their statistics, and dated records kept
    within the life of what they belong to (establishments, committees,
    working groups). Every refused request must name the right field and
    leave the event log as it was.  */
#undef NDEBUG                   //  the checks below run in every build type
#include <assert.h>
#include <czmq.h>
#include "pps_client.h"
#include "pps_config.h"
#include "pps_date.h"
#include "pps_reflect.h"
#include "pps_server.h"
#include "registry.h"

#define REQ Registry__RegistryRequest
#define REPLY Registry__RegistryReply
#define OP(name) REGISTRY__REGISTRY_REQUEST__OP_##name
#define ROLE(name) REGISTRY__REFERENT_ROLE__##name##_REFERENT
#define BODY(name) REGISTRY__BODY_KIND__##name##_BODY
#define STRUCTURE(name) REGISTRY__STRUCTURE_KIND__##name##_STRUCTURE

static pps_client_t *s_client;
static pps_arena_t *s_arena;
static Registry__ByRegion *s_region;     //  the region "32", as a query

//  An empty request; writes get a fresh request id.
static REQ *
s_request (bool write)
{
    REQ *request = (REQ *) pps_arena_message (s_arena, &registry__registry_request__descriptor);
    if (write)
        request->request_id = pps_client_new_request_id (pps_arena_alloc (s_arena, 40));
    request->actor = "referents-test";
    return request;
}

//  A request carrying message as operation op.
static REQ *
s_op (bool write, uint32_t op, void *message)
{
    REQ *request = s_request (write);
    pps_reflect_set_message (&request->base, op, message);
    return request;
}

//  The same request under a fresh request id, to send it again.
static REQ *
s_again (REQ *request)
{
    request->request_id = s_request (true)->request_id;
    return request;
}

static REPLY *s_ok (REQ *request);

static uint64_t
s_last_seq (void)
{
    REQ *request = s_op (false, OP (SERVICE_STATUS),
                         pps_arena_message (s_arena, &pps__service_status_request__descriptor));
    return s_ok (request)->service_status->last_seq;
}

//  Sends request and checks that it gets code on field; a refused request
//  must leave the event log as it was.
static REPLY *
s_refused (REQ *request, Pps__Code code, const char *field)
{
    uint64_t before = code ? s_last_seq () : 0;
    ProtobufCMessage *reply = NULL;
    assert (pps_client_call (s_client, &request->base, &registry__registry_reply__descriptor,
                             s_arena, &reply) == 0);
    const Pps__Status *status = pps_client_status (reply);
    if ((int) status->code != (int) code || !streq (status->field, field)) {
        fprintf (stderr, "op %d: expected %d on '%s', got %d on '%s': %s\n", request->op_case,
                 code, field, status->code, status->field, status->message);
        assert (false);
    }
    assert (!code || s_last_seq () == before);
    return (REPLY *) reply;
}

//  The reply of a request that must succeed.
static REPLY *
s_ok (REQ *request)
{
    return s_refused (request, PPS__CODE__OK, "");
}

//  The topic of the last event.
static const char *
s_last_topic (void)
{
    uint64_t seq = s_last_seq ();
    Pps__EventsSinceRequest *since = (Pps__EventsSinceRequest *)
        pps_arena_message (s_arena, &pps__events_since_request__descriptor);
    since->seq = seq - 1;
    REPLY *reply = s_ok (s_op (false, OP (EVENTS_SINCE), since));
    assert (reply->events->n_events == 1);
    Registry__RegistryEvent *event = (Registry__RegistryEvent *)
        pps_arena_unpack (s_arena, &registry__registry_event__descriptor,
                          reply->events->events [0].data, reply->events->events [0].len);
    assert (event);
    return event->topic;
}

static Pps__Date *
s_date (int year, int month, int day)
{
    Pps__Date *date = (Pps__Date *) pps_arena_message (s_arena, &pps__date__descriptor);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

static void *
s_message (const ProtobufCMessageDescriptor *descriptor)
{
    return pps_arena_message (s_arena, descriptor);
}

//  ---------------------------------------------------------------- fixtures

static void
s_create_region (const char *code, const char *name)
{
    Registry__Region *region = s_message (&registry__region__descriptor);
    region->code = (char *) code;
    region->name = (char *) name;
    s_ok (s_op (true, OP (CREATE_REGION), region));
}

static uint64_t
s_create_establishment (const char *code, Registry__EstablishmentKind kind, const char *region)
{
    Registry__Establishment *establishment = s_message (&registry__establishment__descriptor);
    establishment->code = (char *) code;
    establishment->name = pps_arena_printf (s_arena, "EP %s", code);
    establishment->kind = kind;
    establishment->region_code = (char *) region;
    return s_ok (s_op (true, OP (CREATE_ESTABLISHMENT), establishment))->establishment->id;
}

static uint64_t
s_create_person (const char *name)
{
    Registry__Person *person = s_message (&registry__person__descriptor);
    person->full_name = (char *) name;
    person->region_code = "32";
    return s_ok (s_op (true, OP (CREATE_PERSON), person))->person->id;
}

//  A designate request (the region is left to the service for an establishment).
static REQ *
s_designate (uint64_t person, Registry__ReferentRole role, uint64_t establishment,
             Pps__Date *start)
{
    Registry__Designation *designation = s_message (&registry__designation__descriptor);
    designation->person_id = person;
    designation->role = role;
    designation->region_code = establishment ? "" : "32";
    designation->establishment_id = establishment;
    designation->start_date = start;
    return s_op (true, OP (DESIGNATE), designation);
}

static REQ *
s_end (uint64_t id, Pps__Date *end, Registry__EndReason reason)
{
    Registry__EndDesignation *ending = s_message (&registry__end_designation__descriptor);
    ending->id = id;
    ending->end_date = end;
    ending->reason = reason;
    return s_op (true, OP (END_DESIGNATION), ending);
}

static Registry__VacancyList *
s_vacancies (Pps__Date *date)
{
    Registry__VacancyQuery *query = s_message (&registry__vacancy_query__descriptor);
    query->region_code = "32";
    query->date = date;
    return s_ok (s_op (false, OP (VACANCIES), query))->vacancy_list;
}

static Registry__Vacancy *
s_find_vacancy (Registry__VacancyList *list, Registry__ReferentRole role, uint64_t establishment)
{
    for (size_t index = 0; index < list->n_items; index++)
        if (list->items [index]->role == role && list->items [index]->establishment_id == establishment)
            return list->items [index];
    return NULL;
}

//  ---------------------------------------------------------------- scenarios

static uint64_t lille, epm, other_region;       //  establishments
static uint64_t anne, bruno, chloe, david;      //  persons

static void
s_test_referents (void)
{
    Pps__Date *day = s_date (2025, 6, 15);
    //  Nothing designated: 4 region posts, 2 in the MA, 3 in the EPM
    Registry__VacancyList *vacancies = s_vacancies (day);
    assert (vacancies->n_items == 9);
    assert (!s_find_vacancy (vacancies, ROLE (PJJ), lille));
    assert (s_find_vacancy (vacancies, ROLE (PJJ), epm));
    for (size_t index = 0; index < vacancies->n_items; index++)
        assert (!pps_date_is_set (vacancies->items [index]->vacant_since));

    //  The ARS referent, then a second one overlapping is refused
    Registry__Designation *first = s_ok (s_designate (anne, ROLE (ARS), 0,
                                                      s_date (2024, 1, 1)))->designation;
    assert (first->id && streq (s_last_topic (), "registry.designation.created"));
    const char *message = s_refused (s_designate (bruno, ROLE (ARS), 0, s_date (2025, 1, 1)),
                                     PPS__CODE__FAILED_PRECONDITION,
                                     "designation.start_date")->status->message;
    assert (strstr (message, pps_arena_printf (s_arena, "designation %llu",
                                               (unsigned long long) first->id)));

    //  Bad designations
    s_refused (s_designate (anne, ROLE (IREPS), lille, day),
               PPS__CODE__INVALID_ARGUMENT, "designation.establishment_id");
    s_refused (s_designate (999, ROLE (IREPS), 0, day), PPS__CODE__NOT_FOUND,
               "designation.person_id");
    s_refused (s_designate (anne, 0, 0, day), PPS__CODE__INVALID_ARGUMENT, "designation.role");
    s_refused (s_designate (anne, ROLE (IREPS), 0, NULL), PPS__CODE__INVALID_ARGUMENT,
               "designation.start_date");
    s_refused (s_designate (anne, ROLE (PRISON_STAFF), 0, day), PPS__CODE__INVALID_ARGUMENT,
               "designation.establishment_id");
    s_refused (s_designate (anne, ROLE (PJJ), lille, day), PPS__CODE__FAILED_PRECONDITION,
               "designation.establishment_id");
    REQ *request = s_designate (anne, ROLE (PRISON_STAFF), other_region, day);
    request->designate->region_code = "32";
    s_refused (request, PPS__CODE__INVALID_ARGUMENT, "designation.region_code");

    //  Establishment posts: the region comes from the establishment; two
    //  health-unit referents may serve together
    Registry__Designation *somatic = s_ok (s_designate (bruno, ROLE (HEALTH_UNIT), lille,
                                                        s_date (2024, 3, 1)))->designation;
    assert (streq (somatic->region_code, "32"));
    s_ok (s_designate (chloe, ROLE (HEALTH_UNIT), lille, s_date (2024, 5, 1)));
    s_refused (s_designate (chloe, ROLE (HEALTH_UNIT), lille, s_date (2025, 1, 1)),
               PPS__CODE__FAILED_PRECONDITION, "designation.start_date");
    s_ok (s_designate (david, ROLE (PJJ), epm, s_date (2024, 5, 1)));

    //  Ending: reason required, not before the start, not twice
    s_refused (s_end (first->id, s_date (2025, 3, 31), 0), PPS__CODE__INVALID_ARGUMENT, "reason");
    s_refused (s_end (first->id, s_date (2023, 12, 31), REGISTRY__END_REASON__DEPARTURE),
               PPS__CODE__INVALID_ARGUMENT, "end_date");
    s_refused (s_end (4242, s_date (2025, 3, 31), REGISTRY__END_REASON__DEPARTURE),
               PPS__CODE__NOT_FOUND, "id");
    Registry__Designation *ended = s_ok (s_end (first->id, s_date (2025, 3, 31),
                                                REGISTRY__END_REASON__DEPARTURE))->designation;
    assert (pps_date_ordinal (ended->end_date) == 20250331);
    assert (streq (s_last_topic (), "registry.designation.ended"));
    s_refused (s_end (first->id, s_date (2025, 3, 30), REGISTRY__END_REASON__DEPARTURE),
               PPS__CODE__FAILED_PRECONDITION, "id");

    //  The successor cannot start on the last day of the predecessor; a
    //  future start leaves the post vacant today
    s_refused (s_designate (bruno, ROLE (ARS), 0, s_date (2025, 3, 31)),
               PPS__CODE__FAILED_PRECONDITION, "designation.start_date");
    s_ok (s_designate (bruno, ROLE (ARS), 0, s_date (2025, 7, 1)));
    //  A past mandate recorded afterwards, to check the history's order
    request = s_designate (chloe, ROLE (ARS), 0, s_date (2020, 1, 1));
    request->designate->end_date = s_date (2020, 12, 31);
    request->designate->end_reason = REGISTRY__END_REASON__END_OF_MANDATE;
    s_ok (request);

    vacancies = s_vacancies (day);
    Registry__Vacancy *vacancy = s_find_vacancy (vacancies, ROLE (ARS), 0);
    assert (vacancy && pps_date_ordinal (vacancy->vacant_since) == 20250401);
    assert (!s_find_vacancy (vacancies, ROLE (HEALTH_UNIT), lille));
    assert (!s_find_vacancy (vacancies, ROLE (PJJ), epm));
    assert (s_find_vacancy (vacancies, ROLE (PRISON_STAFF), lille));
    assert (vacancies->n_items == 4 + 1 + 2);
    assert (!s_find_vacancy (s_vacancies (s_date (2025, 7, 1)), ROLE (ARS), 0));

    Registry__ScopeRef *scope = s_message (&registry__scope_ref__descriptor);
    scope->region_code = "32";
    request = s_op (false, OP (SCOPE_HISTORY), scope);
    Registry__DesignationList *history = s_ok (request)->designations;
    assert (history->n_items == 3);
    assert (pps_date_ordinal (history->items [0]->start_date) == 20200101);
    assert (history->items [1]->id == first->id);
    assert (pps_date_ordinal (history->items [2]->start_date) == 20250701);
    scope->region_code = "";
    scope->establishment_id = lille;
    assert (s_ok (request)->designations->n_items == 2);

    Registry__DesignationFilter *filter = s_message (&registry__designation_filter__descriptor);
    filter->region_code = "32";
    filter->active_at = day;
    request = s_op (false, OP (LIST_DESIGNATIONS), filter);
    assert (s_ok (request)->designations->n_items == 3);
    filter->person_id = bruno;
    assert (s_ok (request)->designations->n_items == 1);
}

static uint64_t ireps;

static void
s_test_programme (void)
{
    REQ *request = s_op (false, OP (GET_PROGRAMME), s_region);
    s_refused (request, PPS__CODE__NOT_FOUND, "region_code");

    Registry__Programme *programme = s_message (&registry__programme__descriptor);
    programme->region_code = "32";
    programme->period_start = s_date (2024, 1, 1);
    programme->period_end = s_date (2023, 12, 31);
    char *themes [] = { "nutrition", "" };
    programme->priority_themes = themes;
    programme->n_priority_themes = 1;
    REQ *put = s_op (true, OP (PUT_PROGRAMME), programme);
    s_refused (put, PPS__CODE__INVALID_ARGUMENT, "programme.period_end");
    programme->period_end = s_date (2028, 12, 31);
    programme->n_priority_themes = 2;
    s_refused (s_again (put), PPS__CODE__INVALID_ARGUMENT, "programme.priority_themes[1]");
    programme->n_priority_themes = 1;
    s_ok (s_again (put));
    assert (streq (s_last_topic (), "registry.programme.created"));
    programme->adopted_on = s_date (2024, 2, 1);
    s_ok (s_again (put));
    assert (streq (s_last_topic (), "registry.programme.updated"));
    Registry__Programme *stored = s_ok (request)->programme;
    assert (pps_date_ordinal (stored->adopted_on) == 20240201 && stored->n_priority_themes == 1);

    //  CPOM: with exactly one of a partner or a hospital
    Registry__Partner *partner = s_message (&registry__partner__descriptor);
    partner->name = "IREPS Hauts-de-France";
    partner->kind = REGISTRY__PARTNER_KIND__IREPS;
    partner->region_code = "32";
    ireps = s_ok (s_op (true, OP (CREATE_PARTNER), partner))->partner->id;

    Registry__Cpom *cpom = s_message (&registry__cpom__descriptor);
    cpom->region_code = "32";
    cpom->title = "CPOM ARS-IREPS 2024-2028";
    cpom->start_date = s_date (2024, 1, 1);
    request = s_op (true, OP (CREATE_CPOM), cpom);
    s_refused (request, PPS__CODE__INVALID_ARGUMENT, "cpom.partner_id");
    cpom->partner_id = 777;
    s_refused (request, PPS__CODE__NOT_FOUND, "cpom.partner_id");
    cpom->partner_id = ireps;
    cpom->hospital_id = 1;
    s_refused (request, PPS__CODE__INVALID_ARGUMENT, "cpom.partner_id");
    cpom->hospital_id = 0;
    cpom->end_date = s_date (2023, 1, 1);
    s_refused (request, PPS__CODE__INVALID_ARGUMENT, "cpom.end_date");
    cpom->end_date = s_date (2028, 12, 31);
    cpom->id = s_ok (request)->cpom->id;
    cpom->includes_prison_health_promotion = true;
    assert (s_ok (s_op (true, OP (UPDATE_CPOM), cpom))->cpom->includes_prison_health_promotion);
    assert (s_ok (s_op (false, OP (LIST_CPOMS), s_region))->cpoms->n_items == 1);
}

static Registry__CommitteeMember *
s_member (Registry__MemberCategory category, uint64_t person)
{
    Registry__CommitteeMember *member = s_message (&registry__committee_member__descriptor);
    member->category = category;
    member->person_id = person;
    return member;
}

static Registry__MissingCategories *
s_missing (uint64_t committee)
{
    Registry__ById *by_id = s_message (&registry__by_id__descriptor);
    by_id->id = committee;
    return s_ok (s_op (false, OP (MISSING_CATEGORIES), by_id))->missing;
}

static uint64_t regional, group, copil_lille, regional_first;

static void
s_test_committees (void)
{
    Registry__RegionalCommittee *committee = s_message (&registry__regional_committee__descriptor);
    committee->region_code = "32";
    committee->created_on = s_date (2024, 1, 10);
    REQ *request = s_op (true, OP (CREATE_REGIONAL_COMMITTEE), committee);
    uint64_t first = regional_first = s_ok (request)->regional_committee->id;
    s_refused (s_again (request), PPS__CODE__FAILED_PRECONDITION, "regional_committee.region_code");

    Registry__Dissolve *dissolution = s_message (&registry__dissolve__descriptor);
    dissolution->id = first;
    dissolution->date = s_date (2023, 1, 1);
    REQ *dissolve = s_op (true, OP (DISSOLVE_REGIONAL_COMMITTEE), dissolution);
    s_refused (dissolve, PPS__CODE__INVALID_ARGUMENT, "date");
    dissolution->date = s_date (2024, 12, 31);
    s_ok (dissolve);
    assert (streq (s_last_topic (), "registry.regional_committee.dissolved"));
    s_refused (s_again (dissolve), PPS__CODE__FAILED_PRECONDITION, "id");
    committee->created_on = s_date (2025, 1, 6);
    regional = s_ok (s_again (request))->regional_committee->id;
    request = s_op (false, OP (GET_REGIONAL_COMMITTEE), s_region);
    assert (s_ok (request)->regional_committee->id == regional);

    Registry__WorkingGroup *wg = s_message (&registry__working_group__descriptor);
    wg->region_code = "32";
    wg->year = 1999;
    wg->title = "Addictions";
    request = s_op (true, OP (CREATE_WORKING_GROUP), wg);
    s_refused (request, PPS__CODE__INVALID_ARGUMENT, "working_group.year");
    wg->year = 2025;
    group = s_ok (request)->working_group->id;

    //  A detainee representative is never a registered person
    Registry__CommitteeMember *members [] = {
        s_member (REGISTRY__MEMBER_CATEGORY__SOMATIC_CARE_LEAD, bruno),
        s_member (REGISTRY__MEMBER_CATEGORY__PSYCHIATRIC_CARE_LEAD, chloe),
        s_member (REGISTRY__MEMBER_CATEGORY__PRISON_GOVERNOR, 0),
        s_member (REGISTRY__MEMBER_CATEGORY__DETAINEE_REPRESENTATIVE, anne),
    };
    Registry__SteeringCommittee *copil = s_message (&registry__steering_committee__descriptor);
    copil->establishment_id = lille;
    copil->constituted_on = s_date (2024, 9, 1);
    copil->members = members;
    copil->n_members = 4;
    request = s_op (true, OP (CREATE_STEERING_COMMITTEE), copil);
    s_refused (request, PPS__CODE__INVALID_ARGUMENT, "steering_committee.members[3].person_id");
    members [3]->person_id = 0;
    members [2]->partner_id = 999;
    s_refused (request, PPS__CODE__NOT_FOUND, "steering_committee.members[2].partner_id");
    members [2]->partner_id = 0;
    Registry__SteeringCommittee *created = s_ok (request)->steering_committee;
    copil_lille = created->id;
    assert (streq (created->region_code, "32"));
    Registry__MissingCategories *missing = s_missing (copil_lille);
    assert (!missing->minors_held && missing->n_missing == 4);
    assert (missing->missing [0] == REGISTRY__MEMBER_CATEGORY__HEALTH_UNIT_CARE_STAFF);
    s_refused (s_again (request), PPS__CODE__FAILED_PRECONDITION,
               "steering_committee.establishment_id");

    //  In the EPM the PJJ is mandatory too
    copil->establishment_id = epm;
    copil->n_members = 0;
    uint64_t copil_epm = s_ok (s_again (request))->steering_committee->id;
    missing = s_missing (copil_epm);
    assert (missing->minors_held && missing->n_missing == 9);

    Registry__AddMember *addition = s_message (&registry__add_member__descriptor);
    addition->committee_id = copil_epm;
    addition->member = s_member (REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE, david);
    REQ *add = s_op (true, OP (ADD_MEMBER), addition);
    assert (s_ok (add)->steering_committee->n_members == 1);
    assert (streq (s_last_topic (), "registry.steering_committee.updated"));
    assert (s_missing (copil_epm)->n_missing == 8);
    Registry__RemoveMember *removal = s_message (&registry__remove_member__descriptor);
    removal->committee_id = copil_epm;
    removal->index = 1;
    REQ *remove = s_op (true, OP (REMOVE_MEMBER), removal);
    s_refused (remove, PPS__CODE__INVALID_ARGUMENT, "index");
    removal->index = 0;
    assert (s_ok (remove)->steering_committee->n_members == 0);

    dissolution = s_message (&registry__dissolve__descriptor);
    dissolution->id = copil_epm;
    dissolution->date = s_date (2025, 6, 1);
    s_ok (s_op (true, OP (DISSOLVE_STEERING_COMMITTEE), dissolution));
    s_refused (s_again (add), PPS__CODE__FAILED_PRECONDITION, "committee_id");

    Registry__SteeringCommitteeFilter *filter =
        s_message (&registry__steering_committee_filter__descriptor);
    filter->region_code = "32";
    request = s_op (false, OP (LIST_STEERING_COMMITTEES), filter);
    assert (s_ok (request)->steering_committees->n_items == 2);
    filter->active_at = s_date (2025, 6, 1);
    assert (s_ok (request)->steering_committees->n_items == 1);
}

static Registry__StructureRef *
s_structure (Registry__StructureKind kind, uint64_t id)
{
    Registry__StructureRef *structure = s_message (&registry__structure_ref__descriptor);
    structure->kind = kind;
    structure->id = id;
    return structure;
}

static REQ *
s_meeting (Registry__BodyKind kind, uint64_t body, Pps__Date *date, uint64_t *persons,
           size_t n_persons, Registry__StructureRef **structures, size_t n_structures)
{
    Registry__Meeting *meeting = s_message (&registry__meeting__descriptor);
    meeting->body_kind = kind;
    meeting->body_id = body;
    meeting->date = date;
    meeting->attendee_person_ids = persons;
    meeting->n_attendee_person_ids = n_persons;
    meeting->attendee_structures = structures;
    meeting->n_attendee_structures = n_structures;
    return s_op (true, OP (CREATE_MEETING), meeting);
}

static void
s_test_meetings (void)
{
    uint64_t plenary [] = { anne, bruno, anne };
    Registry__StructureRef *plenary_structures [] = {
        s_structure (STRUCTURE (ARS), 0),
        s_structure (STRUCTURE (ESTABLISHMENT), lille),
        s_structure (STRUCTURE (ARS), 0),
    };
    Registry__Meeting *meeting = s_ok (s_meeting (BODY (REGIONAL_COMMITTEE), regional,
        s_date (2025, 3, 12), plenary, 3, plenary_structures, 3))->meeting;
    assert (streq (meeting->region_code, "32"));
    assert (meeting->n_attendee_person_ids == 2 && meeting->n_attendee_structures == 2);

    uint64_t workshop [] = { bruno, chloe };
    Registry__StructureRef *workshop_structures [] = {
        s_structure (STRUCTURE (PARTNER), ireps),
        s_structure (STRUCTURE (ESTABLISHMENT), lille),
    };
    s_ok (s_meeting (BODY (WORKING_GROUP), group, s_date (2025, 5, 20),
                     workshop, 2, workshop_structures, 2));
    uint64_t local [] = { david };
    s_ok (s_meeting (BODY (STEERING_COMMITTEE), copil_lille, s_date (2025, 10, 2), local, 1, NULL, 0));

    //  Refused: unknown body, unknown person, an ARS with an id, no kind
    Pps__Date *day = s_date (2025, 1, 1);
    s_refused (s_meeting (BODY (WORKING_GROUP), 99, day, NULL, 0, NULL, 0),
               PPS__CODE__NOT_FOUND, "meeting.body_id");
    uint64_t unknown [] = { anne, 4242 };
    s_refused (s_meeting (BODY (WORKING_GROUP), group, day, unknown, 2, NULL, 0),
               PPS__CODE__NOT_FOUND, "meeting.attendee_person_ids[1]");
    Registry__StructureRef *ars [] = { s_structure (STRUCTURE (ARS), 5) };
    s_refused (s_meeting (BODY (WORKING_GROUP), group, day, NULL, 0, ars, 1),
               PPS__CODE__INVALID_ARGUMENT, "meeting.attendee_structures[0].id");
    ars [0]->kind = REGISTRY__STRUCTURE_KIND__STRUCTURE_KIND_UNSPECIFIED;
    s_refused (s_meeting (BODY (WORKING_GROUP), group, day, NULL, 0, ars, 1),
               PPS__CODE__INVALID_ARGUMENT, "meeting.attendee_structures[0].kind");
    s_refused (s_meeting (BODY (WORKING_GROUP), group, NULL, NULL, 0, NULL, 0),
               PPS__CODE__INVALID_ARGUMENT, "meeting.date");

    Registry__MeetingFilter *filter = s_message (&registry__meeting_filter__descriptor);
    filter->region_code = "32";
    REQ *request = s_op (false, OP (MEETING_STATS), filter);
    Registry__MeetingStats *stats = s_ok (request)->meeting_stats;
    assert (stats->meetings == 3 && stats->distinct_persons == 4 && stats->distinct_structures == 3);
    //  The regional meetings only (OS 3): committee and working groups
    filter->to = s_date (2025, 6, 30);
    stats = s_ok (request)->meeting_stats;
    assert (stats->meetings == 2 && stats->distinct_persons == 3 && stats->distinct_structures == 3);
    filter->body_kind = BODY (REGIONAL_COMMITTEE);
    stats = s_ok (request)->meeting_stats;
    assert (stats->meetings == 1 && stats->distinct_persons == 2 && stats->distinct_structures == 2);

    filter = s_message (&registry__meeting_filter__descriptor);
    filter->from = s_date (2025, 5, 1);
    assert (s_ok (s_op (false, OP (LIST_MEETINGS), filter))->meetings->n_items == 2);
}

//  ---------------------------------------------------------------- dated records

//  An update of an establishment (its whole record, as stored, with changes).
static REQ *
s_update_establishment (Registry__Establishment *establishment)
{
    return s_op (true, OP (UPDATE_ESTABLISHMENT), establishment);
}

static Registry__Establishment *
s_get_establishment (uint64_t id)
{
    Registry__ById *by_id = s_message (&registry__by_id__descriptor);
    by_id->id = id;
    return s_ok (s_op (false, OP (GET_ESTABLISHMENT), by_id))->establishment;
}

//  True when message names the record ("designation 12", not "designation 123").
static bool
s_names (const char *message, const char *kind, uint64_t id)
{
    const char *name = pps_arena_printf (s_arena, "%s %llu", kind, (unsigned long long) id);
    const char *at = strstr (message, name);
    return at && !isdigit ((unsigned char) at [strlen (name)]);
}

//  Designations stay within their establishment's open life: creation,
//  opening moved later, closing, and a minors' quarter removed while a PJJ
//  referent is in post.
static void
s_test_establishment_life (void)
{
    uint64_t eve = s_create_person ("Eve Moreau");
    uint64_t farid = s_create_person ("Farid Benali");
    Registry__Establishment *in = s_message (&registry__establishment__descriptor);
    in->code = "0590004";
    in->name = "CD de test";
    in->kind = REGISTRY__ESTABLISHMENT_KIND__CD;
    in->region_code = "32";
    in->has_minors_quarter = true;
    in->opened_on = s_date (2020, 3, 1);
    Registry__Establishment *cd = s_ok (s_op (true, OP (CREATE_ESTABLISHMENT), in))->establishment;

    //  Creation: not before the opening, never ending before the start
    s_refused (s_designate (eve, ROLE (PRISON_STAFF), cd->id, s_date (2020, 2, 29)),
               PPS__CODE__FAILED_PRECONDITION, "designation.start_date");
    REQ *request = s_designate (eve, ROLE (PRISON_STAFF), cd->id, s_date (2021, 1, 1));
    request->designate->end_date = s_date (2020, 12, 31);
    request->designate->end_reason = REGISTRY__END_REASON__END_OF_MANDATE;
    s_refused (request, PPS__CODE__INVALID_ARGUMENT, "designation.end_date");
    Registry__Designation *staff = s_ok (s_designate (eve, ROLE (PRISON_STAFF), cd->id,
                                                      s_date (2021, 1, 1)))->designation;
    Registry__Designation *pjj = s_ok (s_designate (farid, ROLE (PJJ), cd->id,
                                                    s_date (2022, 1, 1)))->designation;

    //  Opening moved after a designation's start
    cd->opened_on = s_date (2021, 6, 1);
    const char *message = s_refused (s_update_establishment (cd), PPS__CODE__FAILED_PRECONDITION,
                                     "establishment.opened_on")->status->message;
    assert (s_names (message, "designation", staff->id));
    cd->opened_on = s_date (2020, 3, 1);

    //  Closing while a referent is in post after the last open day; the
    //  designation may end on that day
    cd->closed_on = s_date (2025, 12, 31);
    message = s_refused (s_update_establishment (cd), PPS__CODE__FAILED_PRECONDITION,
                         "establishment.closed_on")->status->message;
    assert (s_names (message, "designation", staff->id));
    s_ok (s_end (staff->id, s_date (2025, 12, 31), REGISTRY__END_REASON__OTHER_REASON));
    message = s_refused (s_update_establishment (cd), PPS__CODE__FAILED_PRECONDITION,
                         "establishment.closed_on")->status->message;
    assert (s_names (message, "designation", pjj->id));
    cd->closed_on = NULL;

    //  The minors' quarter stays while the PJJ referent is in post
    cd->has_minors_quarter = false;
    message = s_refused (s_update_establishment (cd), PPS__CODE__FAILED_PRECONDITION,
                         "establishment.has_minors_quarter")->status->message;
    assert (s_names (message, "designation", pjj->id));
    Registry__Establishment *epm_record = s_get_establishment (epm);
    epm_record->kind = REGISTRY__ESTABLISHMENT_KIND__MA;
    s_refused (s_update_establishment (epm_record), PPS__CODE__FAILED_PRECONDITION,
               "establishment.kind");
    assert (s_get_establishment (cd->id)->has_minors_quarter);
    s_ok (s_end (pjj->id, s_date (2025, 1, 31), REGISTRY__END_REASON__TRANSFER));
    s_ok (s_update_establishment (cd));
    assert (!s_get_establishment (cd->id)->has_minors_quarter);

    //  Closed: now every designation ended by the last open day
    cd->closed_on = s_date (2025, 12, 31);
    s_ok (s_update_establishment (cd));
    assert (streq (s_last_topic (), "registry.establishment.updated"));
    s_refused (s_designate (farid, ROLE (HEALTH_UNIT), cd->id, s_date (2026, 1, 1)),
               PPS__CODE__FAILED_PRECONDITION, "designation.start_date");
    s_refused (s_designate (farid, ROLE (HEALTH_UNIT), cd->id, s_date (2025, 6, 1)),
               PPS__CODE__FAILED_PRECONDITION, "designation.end_date");
    request = s_designate (farid, ROLE (HEALTH_UNIT), cd->id, s_date (2025, 6, 1));
    request->designate->end_date = s_date (2026, 1, 1);
    request->designate->end_reason = REGISTRY__END_REASON__END_OF_MANDATE;
    s_refused (request, PPS__CODE__FAILED_PRECONDITION, "designation.end_date");
    request->designate->end_date = s_date (2025, 12, 31);
    s_ok (s_again (request));
}

//  Meetings within their body's life; dissolutions and a working group's
//  year that would leave a meeting outside refused.
static void
s_test_meeting_life (void)
{
    //  The first regional committee sat from 2024-01-10 until its
    //  dissolution on 2024-12-31, the first day without it
    s_refused (s_meeting (BODY (REGIONAL_COMMITTEE), regional_first, s_date (2024, 1, 9),
                          NULL, 0, NULL, 0), PPS__CODE__FAILED_PRECONDITION, "meeting.date");
    s_refused (s_meeting (BODY (REGIONAL_COMMITTEE), regional_first, s_date (2024, 12, 31),
                          NULL, 0, NULL, 0), PPS__CODE__FAILED_PRECONDITION, "meeting.date");
    s_ok (s_meeting (BODY (REGIONAL_COMMITTEE), regional_first, s_date (2024, 12, 30),
                     NULL, 0, NULL, 0));
    s_refused (s_meeting (BODY (REGIONAL_COMMITTEE), regional, s_date (2025, 1, 5),
                          NULL, 0, NULL, 0), PPS__CODE__FAILED_PRECONDITION, "meeting.date");
    s_refused (s_meeting (BODY (WORKING_GROUP), group, s_date (2024, 12, 31), NULL, 0, NULL, 0),
               PPS__CODE__FAILED_PRECONDITION, "meeting.date");
    s_refused (s_meeting (BODY (WORKING_GROUP), group, s_date (2026, 1, 1), NULL, 0, NULL, 0),
               PPS__CODE__FAILED_PRECONDITION, "meeting.date");
    s_refused (s_meeting (BODY (STEERING_COMMITTEE), copil_lille, s_date (2024, 8, 31),
                          NULL, 0, NULL, 0), PPS__CODE__FAILED_PRECONDITION, "meeting.date");

    //  An update is held to the same rule, and leaves the meeting as it was
    Registry__Meeting *meeting = s_ok (s_meeting (BODY (WORKING_GROUP), group,
        s_date (2025, 11, 20), NULL, 0, NULL, 0))->meeting;
    meeting->date = s_date (2026, 1, 15);
    s_refused (s_op (true, OP (UPDATE_MEETING), meeting), PPS__CODE__FAILED_PRECONDITION,
               "meeting.date");
    meeting->body_kind = BODY (STEERING_COMMITTEE);
    meeting->body_id = copil_lille;
    meeting->date = s_date (2024, 8, 31);
    s_refused (s_op (true, OP (UPDATE_MEETING), meeting), PPS__CODE__FAILED_PRECONDITION,
               "meeting.date");
    Registry__ById *by_id = s_message (&registry__by_id__descriptor);
    by_id->id = meeting->id;
    Registry__Meeting *stored = s_ok (s_op (false, OP (GET_MEETING), by_id))->meeting;
    assert (stored->body_kind == BODY (WORKING_GROUP));
    assert (pps_date_ordinal (stored->date) == 20251120);

    //  A working group keeps the year of its meetings
    Registry__WorkingGroup *wg = s_message (&registry__working_group__descriptor);
    wg->id = group;
    wg->region_code = "32";
    wg->year = 2026;
    wg->title = "Addictions";
    const char *message = s_refused (s_op (true, OP (UPDATE_WORKING_GROUP), wg),
                                     PPS__CODE__FAILED_PRECONDITION,
                                     "working_group.year")->status->message;
    assert (strstr (message, "meeting ") && strstr (message, "outside year 2026"));
    wg->year = 2025;
    wg->theme = "Réduction des risques";
    s_ok (s_op (true, OP (UPDATE_WORKING_GROUP), wg));

    //  No dissolution on or before the day of a meeting (2025-10-02 for the
    //  Lille COPIL, 2025-03-12 for the regional committee)
    Registry__Dissolve *dissolution = s_message (&registry__dissolve__descriptor);
    dissolution->id = copil_lille;
    dissolution->date = s_date (2025, 10, 2);
    REQ *dissolve = s_op (true, OP (DISSOLVE_STEERING_COMMITTEE), dissolution);
    message = s_refused (dissolve, PPS__CODE__FAILED_PRECONDITION, "date")->status->message;
    assert (strstr (message, "meeting ") && strstr (message, "2025-10-02"));
    dissolution->date = s_date (2025, 10, 3);
    s_ok (s_again (dissolve));
    s_refused (s_meeting (BODY (STEERING_COMMITTEE), copil_lille, s_date (2025, 10, 3),
                          NULL, 0, NULL, 0), PPS__CODE__FAILED_PRECONDITION, "meeting.date");

    dissolution = s_message (&registry__dissolve__descriptor);
    dissolution->id = regional;
    dissolution->date = s_date (2025, 3, 1);
    dissolve = s_op (true, OP (DISSOLVE_REGIONAL_COMMITTEE), dissolution);
    message = s_refused (dissolve, PPS__CODE__FAILED_PRECONDITION, "date")->status->message;
    assert (strstr (message, "2025-03-12"));
    dissolution->date = s_date (2025, 3, 13);
    s_ok (s_again (dissolve));
    s_refused (s_meeting (BODY (REGIONAL_COMMITTEE), regional, s_date (2025, 3, 13),
                          NULL, 0, NULL, 0), PPS__CODE__FAILED_PRECONDITION, "meeting.date");
}

int
main (void)
{
    printf (" * registry referents, programme, committees, meetings: ");
    fflush (stdout);
    char tmpdir [] = "/tmp/pps-referents-XXXXXX";
    assert (mkdtemp (tmpdir));
    pps_config_t *config = pps_config_load (NULL);
    pps_config_set (config, "region/data_dir", tmpdir);
    zactor_t *server = pps_server_new (&registry_service, config);
    assert (server);
    s_client = pps_client_new (pps_config_endpoint (config, "registry"), 2000, 1);
    assert (s_client);
    s_arena = pps_arena_new ();

    s_region = s_message (&registry__by_region__descriptor);
    s_region->region_code = "32";
    s_create_region ("32", "Hauts-de-France");
    s_create_region ("11", "Île-de-France");
    lille = s_create_establishment ("0590001", REGISTRY__ESTABLISHMENT_KIND__MA, "32");
    epm = s_create_establishment ("0590002", REGISTRY__ESTABLISHMENT_KIND__EPM, "32");
    other_region = s_create_establishment ("0750001", REGISTRY__ESTABLISHMENT_KIND__MA, "11");
    anne = s_create_person ("Anne Martin");
    bruno = s_create_person ("Bruno Petit");
    chloe = s_create_person ("Chloé Durand");
    david = s_create_person ("David Leroy");

    s_test_referents ();
    s_test_programme ();
    s_test_committees ();
    s_test_meetings ();
    s_test_establishment_life ();
    s_test_meeting_life ();

    pps_arena_destroy (&s_arena);
    pps_client_destroy (&s_client);
    zactor_destroy (&server);
    pps_config_destroy (&config);
    zdir_t *dir = zdir_new (tmpdir, NULL);
    zdir_remove (dir, true);
    zdir_destroy (&dir);
    printf ("OK\n");
    return 0;
}
