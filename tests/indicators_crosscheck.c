/*  Cross-check: the bilan the indicators service computes from its event-fed
    read model equals the figures the owning services compute from their own
    records through their own queries, for every year of the sample (2023 to
    2026), and each year's bilan has no validation error. The whole region
    runs in-process (one actor per service, ipc endpoints in a temporary
    directory) with the sample data of Hauts-de-France (sample_load.h).
    Usage: indicators_crosscheck CSV   (the ministry's establishments file)
*/
#include <czmq.h>
#include <sodium.h>
#include "pps_client.h"
#include "pps_fs.h"
#include "pps_reflect.h"
#include "pps_runner.h"
#include "registry.h"
#include "projects.h"
#include "training.h"
#include "funding.h"
#include "indicators.h"
#include "sample_load.h"

static int s_failures = 0;
static int s_checks = 0;

#define CHECK_EQ(what, actual, expected) \
    s_check_eq (what, (long long) (actual), (long long) (expected), __LINE__)

static void
s_check_eq (const char *what, long long actual, long long expected, int line)
{
    s_checks++;
    if (actual != expected) {
        fprintf (stderr, "%s:%d: %s: the bilan says %lld, the owning service %lld\n",
                 __FILE__, line, what, actual, expected);
        s_failures++;
    }
}

typedef struct {
    pps_config_t *config;
    pps_arena_t *arena;
    pps_client_t *registry, *projects, *training, *funding, *indicators;
} region_t;

//  Call a service with op set at its number, and return the reply's result
//  (or NULL, counted as a failure).
static ProtobufCMessage *
s_ask (region_t *self, pps_client_t *client, const ProtobufCMessageDescriptor *request_type,
       const ProtobufCMessageDescriptor *reply_type, uint32_t op, ProtobufCMessage *value)
{
    ProtobufCMessage *request = pps_arena_message (self->arena, request_type);
    char request_id [33];
    pps_reflect_set_string (request, 1, pps_arena_strdup (self->arena,
                                                          pps_client_new_request_id (request_id)));
    pps_reflect_set_message (request, op, value);
    ProtobufCMessage *reply = NULL;
    if (pps_client_call (client, request, reply_type, self->arena, &reply)
    ||  pps_client_status (reply)->code != PPS__CODE__OK) {
        fprintf (stderr, "call %s op %u failed: %s\n", request_type->name, op,
                 reply ? pps_client_status (reply)->message : "no answer");
        s_failures++;
        return NULL;
    }
    const ProtobufCMessage *result = NULL;
    pps_reflect_oneof (reply, &result);
    return (ProtobufCMessage *) result;
}

static Pps__Date *
s_date (region_t *self, int year, int month, int day)
{
    Pps__Date *date = pps_arena_alloc (self->arena, sizeof *date);
    pps__date__init (date);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

static const Indicators__Indicator *
s_indicator (const Indicators__Bilan *bilan, const char *id)
{
    const Indicators__Indicator *indicator = indicators_find (bilan->indicators,
                                                              bilan->n_indicators, id);
    if (!indicator) {
        fprintf (stderr, "indicator %s missing\n", id);
        exit (1);
    }
    return indicator;
}

//  Wait (bounded) until the read model has applied every source's last event.
static bool
s_model_caught_up (region_t *self)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        Indicators__ModelQuery query = INDICATORS__MODEL_QUERY__INIT;
        Indicators__ModelStatus *status = (Indicators__ModelStatus *) s_ask (
            self, self->indicators, &indicators__indicators_request__descriptor,
            &indicators__indicators_reply__descriptor,
            INDICATORS__INDICATORS_REQUEST__OP_MODEL_STATUS, &query.base);
        bool done = status != NULL && status->n_sources == 4;
        for (size_t index = 0; done && index < status->n_sources; index++)
            done = status->sources [index]->lag == 0 && status->sources [index]->applied_seq > 0;
        if (done)
            return true;
        zclock_sleep (100);
    }
    return false;
}

#define REGISTRY(op, value) s_ask (self, self->registry, &registry__registry_request__descriptor, \
    &registry__registry_reply__descriptor, REGISTRY__REGISTRY_REQUEST__OP_##op, &(value)->base)
#define PROJECTS(op, value) s_ask (self, self->projects, &projects__projects_request__descriptor, \
    &projects__projects_reply__descriptor, PROJECTS__PROJECTS_REQUEST__OP_##op, &(value)->base)
#define TRAINING(op, value) s_ask (self, self->training, &training__training_request__descriptor, \
    &training__training_reply__descriptor, TRAINING__TRAINING_REQUEST__OP_##op, &(value)->base)
#define FUNDING(op, value) s_ask (self, self->funding, &funding__funding_request__descriptor, \
    &funding__funding_reply__descriptor, FUNDING__FUNDING_REQUEST__OP_##op, &(value)->base)

//  Designations of a role active at the date in the region (establishment scope or not).
static size_t
s_active (region_t *self, Registry__ReferentRole role, Pps__Date *date, uint64_t *person_p)
{
    Registry__DesignationFilter filter = REGISTRY__DESIGNATION_FILTER__INIT;
    filter.region_code = "32";
    filter.role = role;
    filter.active_at = date;
    Registry__DesignationList *list = (Registry__DesignationList *) REGISTRY (LIST_DESIGNATIONS, &filter);
    if (list && list->n_items && person_p)
        *person_p = list->items [0]->person_id;
    return list ? list->n_items : 0;
}

//  A structure that attended a meeting, for counting distinct ones.
static int
s_compare_structures (const void *a, const void *b)
{
    const Registry__StructureRef *left = *(Registry__StructureRef *const *) a;
    const Registry__StructureRef *right = *(Registry__StructureRef *const *) b;
    if (left->kind != right->kind)
        return left->kind < right->kind ? -1 : 1;
    return left->id < right->id ? -1 : left->id > right->id;
}

static int
s_compare_ids (const void *a, const void *b)
{
    uint64_t left = *(const uint64_t *) a, right = *(const uint64_t *) b;
    return left < right ? -1 : left > right;
}

//  OS3.people and OS3.structures from the registry's own meetings of the
//  regional committee and the working groups in [start, end]: people and
//  structures distinct over both bodies.
static void
s_distinct_attendance (region_t *self, const Indicators__Bilan *bilan, Pps__Date *start,
                       Pps__Date *end)
{
    uint64_t *people = NULL;
    Registry__StructureRef **places = NULL;
    size_t people_count = 0, place_count = 0;
    Registry__BodyKind bodies [] = { REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY,
                                     REGISTRY__BODY_KIND__WORKING_GROUP_BODY };
    for (size_t body = 0; body < 2; body++) {
        Registry__MeetingFilter filter = REGISTRY__MEETING_FILTER__INIT;
        filter.region_code = "32";
        filter.body_kind = bodies [body];
        filter.from = start;
        filter.to = end;
        Registry__MeetingList *list = (Registry__MeetingList *) REGISTRY (LIST_MEETINGS, &filter);
        for (size_t index = 0; list && index < list->n_items; index++) {
            Registry__Meeting *meeting = list->items [index];
            people = realloc (people, (people_count + meeting->n_attendee_person_ids + 1)
                                      * sizeof (uint64_t));
            places = realloc (places, (place_count + meeting->n_attendee_structures + 1)
                                      * sizeof (Registry__StructureRef *));
            assert (people && places);
            for (size_t at = 0; at < meeting->n_attendee_person_ids; at++)
                people [people_count++] = meeting->attendee_person_ids [at];
            for (size_t at = 0; at < meeting->n_attendee_structures; at++)
                places [place_count++] = meeting->attendee_structures [at];
        }
    }
    size_t distinct_people = 0, distinct_places = 0;
    if (people_count) {
        qsort (people, people_count, sizeof people [0], s_compare_ids);
        for (size_t index = 0; index < people_count; index++)
            distinct_people += index == 0 || people [index] != people [index - 1];
    }
    if (place_count) {
        qsort (places, place_count, sizeof places [0], s_compare_structures);
        for (size_t index = 0; index < place_count; index++)
            distinct_places += index == 0 || s_compare_structures (&places [index],
                                                                   &places [index - 1]) != 0;
    }
    CHECK_EQ ("OS3.people", s_indicator (bilan, "OS3.people")->numerator, distinct_people);
    CHECK_EQ ("OS3.structures", s_indicator (bilan, "OS3.structures")->numerator, distinct_places);
    free (people);
    free (places);
}

static void
s_registry_checks (region_t *self, const Indicators__Bilan *bilan, Pps__Date *start,
                   Pps__Date *end)
{
    Registry__EstablishmentFilter establishments = REGISTRY__ESTABLISHMENT_FILTER__INIT;
    establishments.region_code = "32";
    establishments.open_at = end;
    Registry__EstablishmentList *open = (Registry__EstablishmentList *) REGISTRY (
        LIST_ESTABLISHMENTS, &establishments);
    establishments.minors_only = true;
    Registry__EstablishmentList *minors = (Registry__EstablishmentList *) REGISTRY (
        LIST_ESTABLISHMENTS, &establishments);
    if (!open || !minors)
        return;
    CHECK_EQ ("A5.5 denominator (establishments)", s_indicator (bilan, "A5.5")->denominator, open->n_items);
    CHECK_EQ ("A5.8 denominator (minors)", s_indicator (bilan, "A5.8")->denominator, minors->n_items);

    Registry__HealthUnitFilter units = REGISTRY__HEALTH_UNIT_FILTER__INIT;
    units.region_code = "32";
    Registry__HealthUnitList *unit_list = (Registry__HealthUnitList *) REGISTRY (LIST_HEALTH_UNITS, &units);
    CHECK_EQ ("A5.4 denominator (health units)", s_indicator (bilan, "A5.4")->denominator,
              unit_list ? unit_list->n_items : 0);
    CHECK_EQ ("A5.4 numerator", s_indicator (bilan, "A5.4")->numerator,
              s_active (self, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, end, NULL));
    CHECK_EQ ("A5.7 numerator", s_indicator (bilan, "A5.7")->numerator,
              s_active (self, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, end, NULL));
    CHECK_EQ ("A5.2", s_indicator (bilan, "A5.2")->numerator,
              s_active (self, REGISTRY__REFERENT_ROLE__ARS_REFERENT, end, NULL) > 0);

    //  The vacancies of the prison-staff role are the establishments without one
    Registry__VacancyQuery vacancies = REGISTRY__VACANCY_QUERY__INIT;
    vacancies.region_code = "32";
    vacancies.date = end;
    Registry__VacancyList *vacant = (Registry__VacancyList *) REGISTRY (VACANCIES, &vacancies);
    size_t prison_vacancies = 0;
    for (size_t index = 0; vacant && index < vacant->n_items; index++)
        prison_vacancies += vacant->items [index]->role == REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT;
    CHECK_EQ ("A5.7 numerator against vacancies", s_indicator (bilan, "A5.7")->numerator,
              open->n_items - prison_vacancies);

    Registry__SteeringCommitteeFilter committees = REGISTRY__STEERING_COMMITTEE_FILTER__INIT;
    committees.region_code = "32";
    committees.active_at = end;
    Registry__SteeringCommitteeList *copils = (Registry__SteeringCommitteeList *) REGISTRY (
        LIST_STEERING_COMMITTEES, &committees);
    CHECK_EQ ("A5.5 numerator (committees)", s_indicator (bilan, "A5.5")->numerator,
              copils ? copils->n_items : 0);
    size_t complete = 0;
    for (size_t index = 0; copils && index < copils->n_items; index++) {
        Registry__ById by_id = REGISTRY__BY_ID__INIT;
        by_id.id = copils->items [index]->id;
        Registry__MissingCategories *missing = (Registry__MissingCategories *) REGISTRY (
            MISSING_CATEGORIES, &by_id);
        complete += missing && missing->n_missing == 0;
    }
    CHECK_EQ ("OO5.4 numerator", s_indicator (bilan, "OO5.4")->numerator, complete);

    Registry__PartnerFilter partners = REGISTRY__PARTNER_FILTER__INIT;
    partners.region_code = "32";
    Registry__PartnerList *partner_list = (Registry__PartnerList *) REGISTRY (LIST_PARTNERS, &partners);
    CHECK_EQ ("OO4.2", s_indicator (bilan, "OO4.2")->numerator, partner_list ? partner_list->n_items : 0);

    Registry__WorkingGroupFilter groups = REGISTRY__WORKING_GROUP_FILTER__INIT;
    groups.region_code = "32";
    groups.year = end->year;
    Registry__WorkingGroupList *group_list = (Registry__WorkingGroupList *) REGISTRY (
        LIST_WORKING_GROUPS, &groups);
    CHECK_EQ ("OS3.working_groups", s_indicator (bilan, "OS3.working_groups")->numerator,
              group_list ? group_list->n_items : 0);

    Registry__MeetingFilter meetings = REGISTRY__MEETING_FILTER__INIT;
    meetings.region_code = "32";
    meetings.from = start;
    meetings.to = end;
    meetings.body_kind = REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY;
    Registry__MeetingStats *regional = (Registry__MeetingStats *) REGISTRY (MEETING_STATS, &meetings);
    meetings.body_kind = REGISTRY__BODY_KIND__WORKING_GROUP_BODY;
    Registry__MeetingStats *working = (Registry__MeetingStats *) REGISTRY (MEETING_STATS, &meetings);
    if (regional && working)
        CHECK_EQ ("OS3.meetings", s_indicator (bilan, "OS3.meetings")->numerator,
                  regional->meetings + working->meetings);
    //  Distinct counts do not add up over two bodies: counted over both
    s_distinct_attendance (self, bilan, start, end);
}

//  A5.8 from the projects service's records and the registry's: projects
//  implemented in [start, end] in an EPM, or in an establishment with a
//  minors' quarter for a public that includes minors (docs/bilan.md).
static size_t
s_minors_projects (region_t *self, Pps__Date *start, Pps__Date *end)
{
    Projects__ProjectFilter filter = PROJECTS__PROJECT_FILTER__INIT;
    filter.region_code = "32";
    filter.from = start;
    filter.to = end;
    Projects__ProjectList *list = (Projects__ProjectList *) PROJECTS (LIST_PROJECTS, &filter);
    size_t count = 0;
    for (size_t index = 0; list && index < list->n_items; index++) {
        Projects__Project *project = list->items [index];
        Registry__ById by_id = REGISTRY__BY_ID__INIT;
        by_id.id = project->establishment_id;
        Registry__Establishment *establishment = (Registry__Establishment *) REGISTRY (
            GET_ESTABLISHMENT, &by_id);
        if (!establishment)
            continue;
        bool for_minors = false;
        for (size_t at = 0; at < project->n_publics; at++)
            for_minors |= project->publics [at] == PROJECTS__TARGET_PUBLIC__MINORS
                       || project->publics [at] == PROJECTS__TARGET_PUBLIC__ALL_DETAINEES;
        count += establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM
              || (establishment->has_minors_quarter && for_minors);
    }
    return count;
}

static void
s_activity_checks (region_t *self, const Indicators__Bilan *bilan, Pps__Date *start, Pps__Date *end)
{
    Projects__StatsQuery project_query = PROJECTS__STATS_QUERY__INIT;
    project_query.region_code = "32";
    project_query.from = start;
    project_query.to = end;
    Projects__ProjectStats *projects = (Projects__ProjectStats *) PROJECTS (PROJECT_STATS, &project_query);
    if (projects) {
        CHECK_EQ ("A5.6 numerator", s_indicator (bilan, "A5.6")->numerator, projects->projects_implemented);
        CHECK_EQ ("A5.8 numerator", s_indicator (bilan, "A5.8")->numerator,
                  s_minors_projects (self, start, end));
        CHECK_EQ ("OO4.6 numerator", s_indicator (bilan, "OO4.6")->numerator,
                  projects->promising_or_evidence_based);
    }
    Projects__YearFilter years = PROJECTS__YEAR_FILTER__INIT;
    years.region_code = "32";
    years.year = end->year;
    Projects__EstablishmentYearList *year_list = (Projects__EstablishmentYearList *) PROJECTS (
        LIST_ESTABLISHMENT_YEARS, &years);
    size_t swots = 0, reviews = 0;
    for (size_t index = 0; year_list && index < year_list->n_items; index++) {
        swots += year_list->items [index]->swot != NULL;
        reviews += year_list->items [index]->review != NULL;
    }
    CHECK_EQ ("OO4.1 numerator", s_indicator (bilan, "OO4.1")->numerator, swots);
    CHECK_EQ ("OO5.5 numerator", s_indicator (bilan, "OO5.5")->numerator, reviews);

    Training__StatsQuery training_query = TRAINING__STATS_QUERY__INIT;
    training_query.region_code = "32";
    training_query.from = start;
    training_query.to = end;
    Training__TrainedStats *trained = (Training__TrainedStats *) TRAINING (TRAINED_STATS, &training_query);
    if (trained) {
        CHECK_EQ ("OS2.health numerator", s_indicator (bilan, "OS2.health_trained")->numerator,
                  trained->health_trained);
        CHECK_EQ ("OS2.health denominator", s_indicator (bilan, "OS2.health_trained")->denominator,
                  trained->health_headcount);
        CHECK_EQ ("OS2.penitentiary numerator",
                  s_indicator (bilan, "OS2.penitentiary_trained")->numerator,
                  trained->penitentiary_trained);
        CHECK_EQ ("OS2.penitentiary denominator",
                  s_indicator (bilan, "OS2.penitentiary_trained")->denominator,
                  trained->penitentiary_headcount);
        CHECK_EQ ("OS2.pjj numerator", s_indicator (bilan, "OS2.pjj_trained")->numerator,
                  trained->pjj_trained);
        CHECK_EQ ("OS2.education numerator",
                  s_indicator (bilan, "OS2.education_trained")->numerator,
                  trained->education_trained);
        CHECK_EQ ("OS2.trained", s_indicator (bilan, "OS2.trained")->numerator,
                  trained->total_trained);
    }
    uint64_t ars_person = 0;
    s_active (self, REGISTRY__REFERENT_ROLE__ARS_REFERENT, end, &ars_person);
    Training__IsTrainedQuery is_trained = TRAINING__IS_TRAINED_QUERY__INIT;
    is_trained.person_id = ars_person;
    is_trained.from = start;
    is_trained.to = end;
    Training__IsTrained *answer = (Training__IsTrained *) TRAINING (IS_TRAINED, &is_trained);
    CHECK_EQ ("OO1.1", s_indicator (bilan, "OO1.1")->numerator, answer && answer->trained);

    Funding__TotalsQuery totals_query = FUNDING__TOTALS_QUERY__INIT;
    totals_query.region_code = "32";
    totals_query.from = start;
    totals_query.to = end;
    Funding__GrantedTotals *totals = (Funding__GrantedTotals *) FUNDING (GRANTED_TOTALS, &totals_query);
    if (totals) {
        CHECK_EQ ("OO4.3.granted", s_indicator (bilan, "OO4.3.granted")->numerator, totals->total_cents);
        CHECK_EQ ("OO4.3.sources", s_indicator (bilan, "OO4.3.sources")->numerator,
                  totals->funders_granting);
        for (size_t index = 0; index < totals->n_by_funder_kind; index++) {
            char id [96];
            snprintf (id, sizeof id, "OO4.3.granted.%s", totals->by_funder_kind [index]->key);
            CHECK_EQ (id, s_indicator (bilan, id)->numerator, totals->by_funder_kind [index]->cents);
        }
    }
}

int
main (int argc, char **argv)
{
    if (argc < 2 || access (argv [1], R_OK) != 0) {
        printf ("indicators.crosscheck: no establishments CSV, skipped\n");
        return 77;
    }
    if (sodium_init () < 0)
        return 1;
    zsys_init ();
    zsys_set_logstream (NULL);
    char data_dir [] = "/tmp/pps-crosscheck-XXXXXX";
    if (!mkdtemp (data_dir))
        return 1;
    region_t region = { .config = pps_config_load (NULL), .arena = pps_arena_new () }, *self = &region;
    pps_config_set (self->config, "region/data_dir", data_dir);
    pps_config_set (self->config, "server/heartbeat_ms", "200");
    const pps_service_t *services [] = { &registry_service, &projects_service, &training_service,
                                         &funding_service, &indicators_service, NULL };
    zactor_t *actors [6] = { NULL };
    if (pps_runner_start (services, self->config, actors)) {
        fprintf (stderr, "cannot start the region\n");
        return 1;
    }
    int rc = sample_load (self->config, argv [1]);
    if (rc) {
        fprintf (stderr, "cannot load the sample\n");
        s_failures++;
    }
    self->registry = pps_client_new (pps_config_endpoint (self->config, "registry"), 5000, 1);
    self->projects = pps_client_new (pps_config_endpoint (self->config, "projects"), 5000, 1);
    self->training = pps_client_new (pps_config_endpoint (self->config, "training"), 5000, 1);
    self->funding = pps_client_new (pps_config_endpoint (self->config, "funding"), 5000, 1);
    self->indicators = pps_client_new (pps_config_endpoint (self->config, "indicators"), 5000, 1);

    if (!rc && s_model_caught_up (self)) {
        //  Every year of the sample; the numerators must move from year to
        //  year (the trends a console draws), 2026 being the year not over
        int64_t projects [4] = { 0 }, trained [4] = { 0 };
        for (int year = 2023; year <= 2026; year++) {
            Indicators__BilanQuery query = INDICATORS__BILAN_QUERY__INIT;
            query.region_code = "32";
            query.year = year;
            Indicators__Bilan *bilan = (Indicators__Bilan *) s_ask (
                self, self->indicators, &indicators__indicators_request__descriptor,
                &indicators__indicators_reply__descriptor,
                INDICATORS__INDICATORS_REQUEST__OP_COMPUTE_BILAN, &query.base);
            if (!bilan)
                continue;
            Pps__Date *start = s_date (self, year, 1, 1), *end = s_date (self, year, 12, 31);
            s_registry_checks (self, bilan, start, end);
            s_activity_checks (self, bilan, start, end);
            size_t errors = 0;
            for (size_t index = 0; index < bilan->n_validation; index++)
                if (bilan->validation [index]->severity == INDICATORS__SEVERITY__ERROR) {
                    fprintf (stderr, "%d: validation error %s: %s\n", year,
                             bilan->validation [index]->rule, bilan->validation [index]->message);
                    errors++;
                }
            CHECK_EQ ("validation errors", errors, 0);
            projects [year - 2023] = s_indicator (bilan, "A5.6")->numerator;
            trained [year - 2023] = s_indicator (bilan, "OS2.trained")->numerator;
        }
        s_checks++;
        if (!(projects [0] < projects [1] && projects [1] < projects [2]
              && trained [0] < trained [1] && trained [1] < trained [2])) {
            fprintf (stderr, "no trend: A5.6 %lld %lld %lld, OS2.trained %lld %lld %lld\n",
                     (long long) projects [0], (long long) projects [1], (long long) projects [2],
                     (long long) trained [0], (long long) trained [1], (long long) trained [2]);
            s_failures++;
        }
    }
    else
    if (!rc) {
        fprintf (stderr, "the read model did not catch up\n");
        s_failures++;
    }
    pps_client_destroy (&self->registry);
    pps_client_destroy (&self->projects);
    pps_client_destroy (&self->training);
    pps_client_destroy (&self->funding);
    pps_client_destroy (&self->indicators);
    pps_runner_stop (actors, 5);
    pps_config_destroy (&self->config);
    pps_arena_destroy (&self->arena);
    if (pps_fs_remove_tree (data_dir))
        fprintf (stderr, "could not remove %s\n", data_dir);
    printf ("indicators.crosscheck: %d checks, %d failed\n", s_checks, s_failures);
    return s_failures || s_checks < 100 ? 1 : 0;
}
