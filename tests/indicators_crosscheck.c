/*  Cross-check: the bilan the indicators service computes from its event-fed
    read model equals the figures the owning services compute from their own
    records through their own queries. The whole region runs in-process (one
    actor per service, ipc endpoints in a temporary directory) with the
    sample data of Hauts-de-France.
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
#include "sample_region.h"
#include "sample_projects.h"
#include "sample_training.h"
#include "sample_funding.h"

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

static void
s_registry_checks (region_t *self, const Indicators__Bilan *bilan, Pps__Date *end)
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
    groups.year = 2025;
    Registry__WorkingGroupList *group_list = (Registry__WorkingGroupList *) REGISTRY (
        LIST_WORKING_GROUPS, &groups);
    CHECK_EQ ("OS3.working_groups", s_indicator (bilan, "OS3.working_groups")->numerator,
              group_list ? group_list->n_items : 0);

    Registry__MeetingFilter meetings = REGISTRY__MEETING_FILTER__INIT;
    meetings.region_code = "32";
    meetings.from = s_date (self, 2025, 1, 1);
    meetings.to = end;
    meetings.body_kind = REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY;
    Registry__MeetingStats *regional = (Registry__MeetingStats *) REGISTRY (MEETING_STATS, &meetings);
    meetings.body_kind = REGISTRY__BODY_KIND__WORKING_GROUP_BODY;
    Registry__MeetingStats *working = (Registry__MeetingStats *) REGISTRY (MEETING_STATS, &meetings);
    if (regional && working) {
        CHECK_EQ ("OS3.meetings", s_indicator (bilan, "OS3.meetings")->numerator,
                  regional->meetings + working->meetings);
        //  Distinct counts add up only when one body met; the sample has that
        if (working->meetings == 0) {
            CHECK_EQ ("OS3.people", s_indicator (bilan, "OS3.people")->numerator, regional->distinct_persons);
            CHECK_EQ ("OS3.structures", s_indicator (bilan, "OS3.structures")->numerator,
                      regional->distinct_structures);
        }
    }
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
        CHECK_EQ ("A5.8 numerator", s_indicator (bilan, "A5.8")->numerator, projects->in_minors_establishments);
        CHECK_EQ ("OO4.6 numerator", s_indicator (bilan, "OO4.6")->numerator,
                  projects->promising_or_evidence_based);
    }
    Projects__YearFilter years = PROJECTS__YEAR_FILTER__INIT;
    years.region_code = "32";
    years.year = 2025;
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
    int rc = sample_region_load (self->config, argv [1]) || sample_projects_load (self->config)
          || sample_training_load (self->config) || sample_funding_load (self->config);
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
        Indicators__BilanQuery query = INDICATORS__BILAN_QUERY__INIT;
        query.region_code = "32";
        query.year = 2025;
        Indicators__Bilan *bilan = (Indicators__Bilan *) s_ask (
            self, self->indicators, &indicators__indicators_request__descriptor,
            &indicators__indicators_reply__descriptor,
            INDICATORS__INDICATORS_REQUEST__OP_COMPUTE_BILAN, &query.base);
        if (bilan) {
            Pps__Date *start = s_date (self, 2025, 1, 1), *end = s_date (self, 2025, 12, 31);
            s_registry_checks (self, bilan, end);
            s_activity_checks (self, bilan, start, end);
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
    return s_failures || s_checks < 25 ? 1 : 0;
}
