/*  bench_compute: the pure computations, in memory.

    - Bilan: an indicators_view_t built for the largest region of the
      ministry's file (its establishments counted from the CSV, with their
      real kinds and minors' quarters) and records scaled per establishment
      as a busy region would have them (see s_view_build), then the same
      times 10 (ten times the establishments and every other record);
      indicators_compute timed on each. Baseline: one pass over the same
      view reading one field of every record (and of every nested member,
      status change and attendee), the least any computation must touch.
    - National aggregation: the 1x bilan's document (indicators_document_new)
      for 18 regions, national_aggregate and national_regions_table timed
      over them. Baseline: one pass over the 18 documents reading every
      indicator's id, numerator and denominator with jansson.
*/
#include "bench.h"
#include "bench_bilan.h"
#include "indicators.h"
#include "indicators_document.h"
#include "establishment_csv.h"
#include "national_aggregate.h"

#define REGIONS             18
#define YEAR                BENCH_BILAN_YEAR
#define COMPUTE_SECONDS     3.0
#define COMPUTE_MAX_RUNS    2000
#define AGGREGATE_MAX_RUNS  5000

//  Per establishment, what a busy region keeps (the sample of pps-region
//  has fewer): referents with their history, a steering committee of ten
//  categories, projects with their status history, a yearly record per
//  year, headcounts per staff category and year, funding applications.
#define PROJECTS_PER_ESTABLISHMENT     12
#define FORMER_REFERENTS               2     //  Ended designations per role
#define COMMITTEE_MEMBERS              12
#define YEARS_KEPT                     3
#define APPLICATIONS_PER_ESTABLISHMENT 6
//  Per region (times the scale)
#define PARTNERS          60
#define WORKING_GROUPS    6
#define MEETINGS          30
#define MEETING_PEOPLE    18
#define MEETING_STRUCTURES 8
#define OFFERS            8
#define TRAINING_SESSIONS 40
#define SESSION_PEOPLE    20
#define FUNDERS           8
#define CALLS             12

typedef struct {
    pps_arena_t *arena;
    indicators_view_t view;
    const char *region;
    uint64_t next_id;
} builder_t;

#define PUSH(builder, name, item) \
    pps_arena_push ((builder)->arena, (void ***) &(builder)->view.name, \
                    &(builder)->view.n_##name, (item))

static Pps__Date *
s_date (builder_t *self, int32_t ordinal)
{
    Pps__Date *date = pps_arena_alloc (self->arena, sizeof *date);
    pps__date__init (date);
    pps_date_from_ordinal (date, ordinal);
    return date;
}

static void *
s_new (builder_t *self, size_t size, void (*init) (void *))
{
    void *record = pps_arena_alloc (self->arena, size);
    init (record);
    return record;
}
#define NEW(self, type, init) ((type *) s_new ((self), sizeof (type), (void (*) (void *)) (init)))

static void
s_designate (builder_t *self, uint64_t person, Registry__ReferentRole role, uint64_t establishment,
             int32_t start, int32_t end)
{
    Registry__Designation *designation = NEW (self, Registry__Designation, registry__designation__init);
    designation->id = ++self->next_id;
    designation->person_id = person;
    designation->role = role;
    designation->region_code = (char *) self->region;
    designation->establishment_id = establishment;
    designation->start_date = s_date (self, start);
    if (end)
        designation->end_date = s_date (self, end);
    PUSH (self, designations, designation);
}

static const Registry__ReferentRole s_local_roles [] = {
    REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT,
    REGISTRY__REFERENT_ROLE__PJJ_REFERENT
};

//  One establishment of the file (copy number copy) and what hangs off it.
static void
s_establishment (builder_t *self, const Registry__EstablishmentRow *row, size_t copy)
{
    Registry__Establishment *establishment =
        NEW (self, Registry__Establishment, registry__establishment__init);
    uint64_t id = ++self->next_id;
    establishment->id = id;
    establishment->code = pps_arena_printf (self->arena, "%s-%zu", row->code, copy);
    establishment->name = row->name;
    const ProtobufCEnumValue *kind = protobuf_c_enum_descriptor_get_value_by_name (
        &registry__establishment_kind__descriptor, row->type_code);
    establishment->kind = kind ? kind->value : REGISTRY__ESTABLISHMENT_KIND__MA;
    establishment->has_minors_quarter = streq (row->minors_quarter_2014, "oui");
    establishment->region_code = (char *) self->region;
    PUSH (self, establishments, establishment);
    bool minors = establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM
               || establishment->has_minors_quarter;

    Registry__Hospital *hospital = NEW (self, Registry__Hospital, registry__hospital__init);
    hospital->id = ++self->next_id;
    hospital->region_code = (char *) self->region;
    hospital->medical_project_includes_pps = id % 3 != 0;
    PUSH (self, hospitals, hospital);
    Registry__HealthUnit *unit = NEW (self, Registry__HealthUnit, registry__health_unit__init);
    unit->id = ++self->next_id;
    unit->establishment_id = id;
    unit->hospital_id = hospital->id;
    PUSH (self, health_units, unit);

    //  Referents: the current one and former ones per role (turnover)
    for (size_t role = 0; role < 3; role++) {
        if (s_local_roles [role] == REGISTRY__REFERENT_ROLE__PJJ_REFERENT && !minors)
            continue;
        for (int former = 0; former < FORMER_REFERENTS; former++)
            s_designate (self, ++self->next_id, s_local_roles [role], id,
                         20200101 + former * 10000, 20201231 + former * 10000);
        s_designate (self, ++self->next_id, s_local_roles [role], id, 20220101, 0);
    }
    Registry__SteeringCommittee *committee =
        NEW (self, Registry__SteeringCommittee, registry__steering_committee__init);
    committee->id = ++self->next_id;
    committee->establishment_id = id;
    committee->region_code = (char *) self->region;
    committee->constituted_on = s_date (self, 20230315);
    for (int member = 0; member < COMMITTEE_MEMBERS; member++) {
        Registry__CommitteeMember *item = NEW (self, Registry__CommitteeMember,
                                               registry__committee_member__init);
        item->category = 1 + member % 10;
        item->person_id = ++self->next_id;
        pps_arena_push (self->arena, (void ***) &committee->members, &committee->n_members, item);
    }
    PUSH (self, steering_committees, committee);

    //  Projects: draft -> planned -> running (-> completed), over the years
    for (int index = 0; index < PROJECTS_PER_ESTABLISHMENT; index++) {
        Projects__Project *project = NEW (self, Projects__Project, projects__project__init);
        project->id = ++self->next_id;
        project->establishment_id = id;
        project->region_code = (char *) self->region;
        project->establishment_minors = minors;
        project->promising = index % 4 == 0;
        int32_t year = YEAR - 2 + index % 3;
        int steps = 2 + index % 3;
        for (int step = 0; step < steps; step++) {
            Projects__StatusChange *change = NEW (self, Projects__StatusChange,
                                                  projects__status_change__init);
            change->status = 1 + step;
            change->date = s_date (self, year * 10000 + 201 + step * 200);
            project->status = change->status;
            pps_arena_push (self->arena, (void ***) &project->history, &project->n_history, change);
        }
        PUSH (self, projects, project);
    }
    for (int year = YEAR - YEARS_KEPT + 1; year <= YEAR; year++) {
        Projects__EstablishmentYear *record = NEW (self, Projects__EstablishmentYear,
                                                   projects__establishment_year__init);
        record->establishment_id = id;
        record->year = year;
        record->region_code = (char *) self->region;
        record->swot = NEW (self, Projects__Swot, projects__swot__init);
        if (id % 2 == 0) {
            record->review = NEW (self, Projects__Review, projects__review__init);
            record->review->done_on = s_date (self, year * 10000 + 1210);
        }
        PUSH (self, establishment_years, record);
        for (int category = 1; category <= 8; category++) {
            Training__StaffHeadcount *headcount = NEW (self, Training__StaffHeadcount,
                                                       training__staff_headcount__init);
            headcount->establishment_id = id;
            headcount->category = category;
            headcount->count = 5 + (int32_t) (id % 40);
            headcount->year = year;
            headcount->region_code = (char *) self->region;
            PUSH (self, headcounts, headcount);
        }
    }
}

//  What the region has once (times the scale).
static void
s_regional (builder_t *self, size_t scale, uint64_t first_call, size_t establishments)
{
    for (size_t copy = 0; copy < scale; copy++) {
        s_designate (self, ++self->next_id, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0, 20230101, 0);
        for (int index = 0; index < PARTNERS; index++) {
            Registry__Partner *partner = NEW (self, Registry__Partner, registry__partner__init);
            partner->id = ++self->next_id;
            partner->region_code = (char *) self->region;
            PUSH (self, partners, partner);
        }
        for (int index = 0; index < WORKING_GROUPS; index++) {
            Registry__WorkingGroup *group = NEW (self, Registry__WorkingGroup,
                                                 registry__working_group__init);
            group->id = ++self->next_id;
            group->region_code = (char *) self->region;
            group->year = YEAR - index % 2;
            PUSH (self, working_groups, group);
        }
        for (int index = 0; index < MEETINGS; index++) {
            Registry__Meeting *meeting = NEW (self, Registry__Meeting, registry__meeting__init);
            meeting->id = ++self->next_id;
            meeting->body_kind = 1 + index % 3;
            meeting->body_id = 1;
            meeting->region_code = (char *) self->region;
            meeting->date = s_date (self, (YEAR - index % 2) * 10000 + 101 + (index % 12) * 100);
            meeting->attendee_person_ids = pps_arena_alloc (self->arena,
                                                            MEETING_PEOPLE * sizeof (uint64_t));
            meeting->n_attendee_person_ids = MEETING_PEOPLE;
            for (int at = 0; at < MEETING_PEOPLE; at++)
                meeting->attendee_person_ids [at] = 1 + (uint64_t) ((index * 7 + at * 13) % 200);
            for (int at = 0; at < MEETING_STRUCTURES; at++) {
                Registry__StructureRef *structure = NEW (self, Registry__StructureRef,
                                                         registry__structure_ref__init);
                structure->kind = 1 + at % 4;
                structure->id = (uint64_t) (index + at) % 25;
                pps_arena_push (self->arena, (void ***) &meeting->attendee_structures,
                                &meeting->n_attendee_structures, structure);
            }
            PUSH (self, meetings, meeting);
        }
        for (int index = 0; index < OFFERS; index++) {
            Training__TrainingOffer *offer = NEW (self, Training__TrainingOffer,
                                                  training__training_offer__init);
            offer->id = ++self->next_id;
            offer->region_code = (char *) self->region;
            offer->open_from = s_date (self, (YEAR - index % 2) * 10000 + 101);
            offer->open_to = s_date (self, (YEAR - index % 2) * 10000 + 1231);
            PUSH (self, offers, offer);
        }
        for (int index = 0; index < TRAINING_SESSIONS; index++) {
            Training__TrainingSession *session = NEW (self, Training__TrainingSession,
                                                      training__training_session__init);
            session->id = ++self->next_id;
            session->offer_id = 1;
            session->region_code = (char *) self->region;
            session->first_date = s_date (self, (YEAR - index % 2) * 10000 + 115 + (index % 11) * 100);
            PUSH (self, training_sessions, session);
            for (int at = 0; at < SESSION_PEOPLE; at++) {
                Training__Participant *participant = NEW (self, Training__Participant,
                                                          training__participant__init);
                participant->session_id = session->id;
                participant->person_id = 1 + (uint64_t) ((index * 31 + at * 17) % 500);
                participant->category = 1 + at % 8;
                participant->region_code = (char *) self->region;
                PUSH (self, participants, participant);
            }
            Training__CategoryCount *line = NEW (self, Training__CategoryCount,
                                                 training__category_count__init);
            line->session_id = session->id;
            line->category = 1 + index % 8;
            line->count = 4;
            line->region_code = (char *) self->region;
            PUSH (self, category_counts, line);
        }
        uint64_t first_funder = self->next_id + 1;
        for (int index = 0; index < FUNDERS; index++) {
            Funding__Funder *funder = NEW (self, Funding__Funder, funding__funder__init);
            funder->id = ++self->next_id;
            funder->kind = 1 + index % 10;
            funder->region_code = (char *) self->region;
            PUSH (self, funders, funder);
        }
        for (int index = 0; index < CALLS; index++) {
            Funding__Call *call = NEW (self, Funding__Call, funding__call__init);
            call->id = first_call + copy * CALLS + (uint64_t) index;
            call->region_code = (char *) self->region;
            call->year = YEAR - index % 2;
            call->funder_ids = pps_arena_alloc (self->arena, 2 * sizeof (uint64_t));
            call->funder_ids [0] = first_funder + (uint64_t) (index % FUNDERS);
            call->n_funder_ids = 1;
            if (index % 3 == 0)
                call->funder_ids [call->n_funder_ids++] = first_funder + (uint64_t) ((index + 1) % FUNDERS);
            PUSH (self, calls, call);
        }
        for (size_t index = 0; index < establishments / scale * APPLICATIONS_PER_ESTABLISHMENT; index++) {
            Funding__Application *application = NEW (self, Funding__Application,
                                                     funding__application__init);
            application->id = ++self->next_id;
            application->call_id = first_call + copy * CALLS + index % CALLS;
            application->funder_id = first_funder + index % FUNDERS;
            application->region_code = (char *) self->region;
            application->status = index % 4 == 3 ? FUNDING__APPLICATION_STATUS__REJECTED
                                                 : FUNDING__APPLICATION_STATUS__GRANTED;
            application->amount_requested_cents = 500000 + (int64_t) index * 100;
            application->amount_granted_cents = index % 4 == 3 ? 0 : application->amount_requested_cents;
            application->decision_date = s_date (self, (YEAR - (int32_t) index % 2) * 10000 + 615);
            PUSH (self, applications, application);
        }
        for (size_t index = 0; index < establishments / scale; index++) {
            Funding__Allocation *allocation = NEW (self, Funding__Allocation,
                                                   funding__allocation__init);
            allocation->id = ++self->next_id;
            allocation->funder_id = first_funder;
            allocation->amount_cents = 1500000;
            allocation->region_code = (char *) self->region;
            allocation->signed_on = s_date (self, YEAR * 10000 + 301);
            PUSH (self, allocations, allocation);
        }
    }
    Registry__Programme *programme = NEW (self, Registry__Programme, registry__programme__init);
    programme->region_code = (char *) self->region;
    programme->adopted_on = s_date (self, 20230615);
    programme->period_start = s_date (self, 20230101);
    programme->period_end = s_date (self, 20271231);
    programme->disp_coordination_described = true;
    PUSH (self, programmes, programme);
    Registry__Cpom *cpom = NEW (self, Registry__Cpom, registry__cpom__init);
    cpom->id = ++self->next_id;
    cpom->region_code = (char *) self->region;
    cpom->start_date = s_date (self, 20230101);
    cpom->includes_prison_health_promotion = true;
    PUSH (self, cpoms, cpom);
    Registry__RegionalCommittee *committee = NEW (self, Registry__RegionalCommittee,
                                                  registry__regional_committee__init);
    committee->id = ++self->next_id;
    committee->region_code = (char *) self->region;
    committee->created_on = s_date (self, 20230201);
    PUSH (self, regional_committees, committee);
}

//  The view of region's rows, every establishment repeated scale times.
static void
s_view_build (builder_t *self, Registry__EstablishmentRow **rows, size_t count, size_t scale)
{
    memset (&self->view, 0, sizeof self->view);
    self->next_id = 1000;                   //  Calls take ids 1..CALLS*scale
    size_t establishments = 0;
    for (size_t copy = 0; copy < scale; copy++)
        for (size_t index = 0; index < count; index++)
            if (streq (rows [index]->region_code, self->region)) {
                s_establishment (self, rows [index], copy);
                establishments++;
            }
    s_regional (self, scale, 1, establishments);
}

static size_t
s_view_records (const indicators_view_t *view)
{
    return view->n_establishments + view->n_health_units + view->n_hospitals + view->n_partners
         + view->n_designations + view->n_programmes + view->n_cpoms
         + view->n_regional_committees + view->n_working_groups + view->n_steering_committees
         + view->n_meetings + view->n_projects + view->n_establishment_years + view->n_offers
         + view->n_training_sessions + view->n_participants + view->n_category_counts
         + view->n_headcounts + view->n_funders + view->n_calls + view->n_applications
         + view->n_allocations;
}

//  The least any computation must do: touch every record once.
static uint64_t
s_view_pass (const indicators_view_t *view)
{
    uint64_t sum = 0;
    for (size_t index = 0; index < view->n_establishments; index++)
        sum += view->establishments [index]->id + (uint64_t) view->establishments [index]->kind;
    for (size_t index = 0; index < view->n_health_units; index++)
        sum += view->health_units [index]->establishment_id;
    for (size_t index = 0; index < view->n_hospitals; index++)
        sum += view->hospitals [index]->medical_project_includes_pps;
    for (size_t index = 0; index < view->n_partners; index++)
        sum += view->partners [index]->id;
    for (size_t index = 0; index < view->n_designations; index++)
        sum += (uint64_t) view->designations [index]->role
             + (uint64_t) pps_date_ordinal (view->designations [index]->start_date);
    for (size_t index = 0; index < view->n_steering_committees; index++)
        for (size_t at = 0; at < view->steering_committees [index]->n_members; at++)
            sum += (uint64_t) view->steering_committees [index]->members [at]->category;
    for (size_t index = 0; index < view->n_meetings; index++)
        for (size_t at = 0; at < view->meetings [index]->n_attendee_person_ids; at++)
            sum += view->meetings [index]->attendee_person_ids [at];
    for (size_t index = 0; index < view->n_projects; index++)
        for (size_t at = 0; at < view->projects [index]->n_history; at++)
            sum += (uint64_t) pps_date_ordinal (view->projects [index]->history [at]->date);
    for (size_t index = 0; index < view->n_establishment_years; index++)
        sum += (uint64_t) view->establishment_years [index]->year;
    for (size_t index = 0; index < view->n_participants; index++)
        sum += view->participants [index]->session_id;
    for (size_t index = 0; index < view->n_headcounts; index++)
        sum += (uint64_t) view->headcounts [index]->count;
    for (size_t index = 0; index < view->n_applications; index++)
        sum += (uint64_t) view->applications [index]->amount_granted_cents;
    for (size_t index = 0; index < view->n_allocations; index++)
        sum += (uint64_t) view->allocations [index]->amount_cents;
    for (size_t index = 0; index < view->n_training_sessions; index++)
        sum += view->training_sessions [index]->id;
    return sum;
}

static volatile uint64_t s_sink;          //  Keeps the baseline's work

//  Time indicators_compute on view; fills figure (rate = bilans/s).
static Indicators__Bilan *
s_time_compute (const indicators_view_t *view, const char *region, pps_arena_t *keep,
                bench_figure_t *figure, bench_figure_t *pass)
{
    indicators_scope_t scope;
    indicators_scope_year (&scope, region, YEAR, NULL);
    pps_arena_t *arena = pps_arena_new ();
    bench_samples_t *samples = bench_samples_new (COMPUTE_MAX_RUNS);
    Indicators__Bilan *bilan = NULL;
    int64_t start = bench_now_ns ();
    size_t runs = 0;
    for (; runs < COMPUTE_MAX_RUNS; runs++) {
        if (runs >= 3 && bench_now_ns () - start > (int64_t) (COMPUTE_SECONDS * 1e9))
            break;
        pps_arena_reset (arena);
        int64_t begin = bench_now_ns ();
        Indicators__Bilan *computed = pps_arena_alloc (arena, sizeof *computed);
        indicators__bilan__init (computed);
        indicators_compute (view, &scope, arena, computed);
        bench_samples_add (samples, bench_now_ns () - begin);
    }
    bench_figure_set (figure, samples, runs, (double) (bench_now_ns () - start) / 1e9);
    //  Keep one bilan for the documents
    if (keep) {
        bilan = pps_arena_alloc (keep, sizeof *bilan);
        indicators__bilan__init (bilan);
        indicators_compute (view, &scope, keep, bilan);
    }
    bench_samples_destroy (&samples);
    samples = bench_samples_new (COMPUTE_MAX_RUNS);
    start = bench_now_ns ();
    for (runs = 0; runs < COMPUTE_MAX_RUNS; runs++) {
        int64_t begin = bench_now_ns ();
        s_sink += s_view_pass (view);
        bench_samples_add (samples, bench_now_ns () - begin);
    }
    bench_figure_set (pass, samples, runs, (double) (bench_now_ns () - start) / 1e9);
    bench_samples_destroy (&samples);
    pps_arena_destroy (&arena);
    return bilan;
}

//  ---------------------------------------------------------------- national

static uint64_t
s_documents_pass (const national_entry_t *entries, size_t count)
{
    uint64_t sum = 0;
    for (size_t index = 0; index < count; index++) {
        const json_t *indicators = json_object_get (entries [index].document, "indicators");
        for (size_t at = 0; at < json_array_size (indicators); at++) {
            const json_t *indicator = json_array_get (indicators, at);
            const char *id = json_string_value (json_object_get (indicator, "id"));
            sum += (id ? (uint64_t) id [0] : 0)
                 + (uint64_t) json_integer_value (json_object_get (indicator, "numerator"))
                 + (uint64_t) json_integer_value (json_object_get (indicator, "denominator"));
        }
    }
    return sum;
}

national_entry_t *
bench_national_entries (const Indicators__Bilan *bilan)
{
    static const char *const codes [REGIONS] = {
        "01", "02", "03", "04", "06", "11", "24", "27", "28",
        "32", "44", "52", "53", "75", "76", "84", "93", "94"
    };
    json_t *document = indicators_document_new (bilan);
    if (!document)
        return NULL;
    national_entry_t *entries = calloc (REGIONS, sizeof (national_entry_t));
    assert (entries);
    int64_t now_ms = zclock_time ();
    for (size_t index = 0; index < REGIONS; index++) {
        snprintf (entries [index].region, sizeof entries [index].region, "%s", codes [index]);
        entries [index].version = 1;
        entries [index].received_ms = now_ms;
        entries [index].first_received_ms = now_ms;
        entries [index].document = json_deep_copy (document);
        json_object_set_new (entries [index].document, "region", json_string (codes [index]));
    }
    json_decref (document);
    return entries;
}

static void
s_national (const Indicators__Bilan *bilan)
{
    national_entry_t *entries = bench_national_entries (bilan);
    if (!entries) {
        fprintf (stderr, "pps-bench: no bilan document\n");
        return;
    }
    size_t indicators = json_array_size (json_object_get (entries [0].document, "indicators"));

    bench_samples_t *aggregate = bench_samples_new (AGGREGATE_MAX_RUNS);
    bench_samples_t *table = bench_samples_new (AGGREGATE_MAX_RUNS);
    bench_samples_t *pass = bench_samples_new (AGGREGATE_MAX_RUNS);
    int64_t start = bench_now_ns ();
    size_t runs = 0;
    for (; runs < AGGREGATE_MAX_RUNS && bench_now_ns () - start < (int64_t) 2e9; runs++) {
        int64_t begin = bench_now_ns ();
        json_t *result = national_aggregate ("2025", entries, REGIONS, BENCH_NATIONAL_DUE);
        json_decref (result);
        int64_t middle = bench_now_ns ();
        result = national_regions_table ("2025", entries, REGIONS, BENCH_NATIONAL_DUE);
        json_decref (result);
        int64_t end = bench_now_ns ();
        s_sink += s_documents_pass (entries, REGIONS);
        bench_samples_add (aggregate, middle - begin);
        bench_samples_add (table, end - middle);
        bench_samples_add (pass, bench_now_ns () - end);
    }
    double pass_p50 = bench_samples_pct_us (pass, 50);
    char result [96], baseline [96], ratio [64];
    snprintf (baseline, sizeof baseline, "one jansson pass over the 18 documents: %.1f us", pass_p50);
    double p50 = bench_samples_pct_us (aggregate, 50);
    snprintf (result, sizeof result, "%.0f aggregates/s (%zu indicators x 18)", 1e6 / p50, indicators);
    snprintf (ratio, sizeof ratio, "%.1f x pass", p50 / pass_p50);
    bench_row ("national_aggregate, 18 regions", result, p50, bench_samples_pct_us (aggregate, 99),
               baseline, ratio);
    p50 = bench_samples_pct_us (table, 50);
    snprintf (result, sizeof result, "%.0f tables/s", 1e6 / p50);
    snprintf (ratio, sizeof ratio, "%.1f x pass", p50 / pass_p50);
    bench_row ("national_regions_table, 18 regions", result, p50, bench_samples_pct_us (table, 99),
               baseline, ratio);
    bench_samples_destroy (&aggregate);
    bench_samples_destroy (&table);
    bench_samples_destroy (&pass);
    national_entries_free (entries, REGIONS);
}

//  ---------------------------------------------------------------- bilan

//  The largest region: the most establishments in the file.
static const char *
s_largest (Registry__EstablishmentRow **rows, size_t count, size_t *largest_count_p)
{
    const char *largest = NULL;
    size_t largest_count = 0;
    for (size_t index = 0; index < count; index++) {
        size_t same = 0;
        for (size_t other = 0; other < count; other++)
            same += streq (rows [other]->region_code, rows [index]->region_code);
        if (same > largest_count) {
            largest_count = same;
            largest = rows [index]->region_code;
        }
    }
    *largest_count_p = largest_count;
    return largest;
}

bench_bilan_data_t *
bench_bilan_data_new (bench_t *self, size_t scale)
{
    pps_arena_t *rows_arena = pps_arena_new ();
    Registry__EstablishmentRow **rows = NULL;
    size_t count = 0;
    char error [256];
    if (establishment_csv_read (self->csv_path, rows_arena, &rows, &count, error, sizeof error)) {
        fprintf (stderr, "pps-bench: %s\n", error);
        pps_arena_destroy (&rows_arena);
        return NULL;
    }
    size_t largest_count = 0;
    const char *largest = s_largest (rows, count, &largest_count);
    bench_bilan_data_t *data = calloc (1, sizeof (bench_bilan_data_t));
    assert (data && largest);
    snprintf (data->region, sizeof data->region, "%s", largest);
    //  The records point to the rows' strings: the rows live as long
    data->arena = rows_arena;
    builder_t builder = { .arena = rows_arena, .region = data->region };
    s_view_build (&builder, rows, count, scale);
    data->view = builder.view;
    data->establishments = largest_count * scale;
    data->records = s_view_records (&data->view);
    return data;
}

void
bench_bilan_data_destroy (bench_bilan_data_t **self_p)
{
    if (*self_p) {
        pps_arena_destroy (&(*self_p)->arena);
        free (*self_p);
        *self_p = NULL;
    }
}

void
bench_bilan (bench_t *self)
{
    pps_arena_t *rows_arena = pps_arena_new ();
    Registry__EstablishmentRow **rows = NULL;
    size_t count = 0;
    char error [256];
    if (establishment_csv_read (self->csv_path, rows_arena, &rows, &count, error, sizeof error)) {
        fprintf (stderr, "pps-bench: %s\n", error);
        pps_arena_destroy (&rows_arena);
        return;
    }
    size_t largest_count = 0;
    const char *largest = s_largest (rows, count, &largest_count);
    pps_arena_t *keep = pps_arena_new ();
    Indicators__Bilan *bilan = NULL;
    bench_figure_t figures [2], passes [2];
    size_t records [2];
    size_t scales [2] = { 1, 10 };
    for (int index = 0; index < 2; index++) {
        builder_t builder = { .arena = pps_arena_new (), .region = largest };
        s_view_build (&builder, rows, count, scales [index]);
        records [index] = s_view_records (&builder.view);
        Indicators__Bilan *computed = s_time_compute (&builder.view, largest, index ? NULL : keep,
                                                      &figures [index], &passes [index]);
        if (index == 0)
            bilan = computed;
        pps_arena_destroy (&builder.arena);
    }
    for (int index = 0; index < 2; index++) {
        char measure [128], result [128], baseline [96], ratio [96];
        snprintf (measure, sizeof measure, "indicators_compute, %zux region %s (%zu establishments)",
                  scales [index], largest, largest_count * scales [index]);
        snprintf (result, sizeof result, "%.0f bilans/s; %zu records in the view",
                  1e6 / figures [index].p50_us, records [index]);
        snprintf (baseline, sizeof baseline, "one pass over the view: %.1f us",
                  passes [index].p50_us);
        if (index == 0)
            snprintf (ratio, sizeof ratio, "%.0f x pass", figures [index].p50_us / passes [index].p50_us);
        else
            snprintf (ratio, sizeof ratio, "%.0f x pass; %.0f x the 1x time (linear: 10)",
                      figures [index].p50_us / passes [index].p50_us,
                      figures [index].p50_us / figures [0].p50_us);
        bench_row (measure, result, figures [index].p50_us, figures [index].p99_us, baseline, ratio);
    }
    if (bilan)
        s_national (bilan);
    pps_arena_destroy (&keep);
    pps_arena_destroy (&rows_arena);
}
