/*  bench_pg_bilan: the program's own job, in PostgreSQL.

    - A schema of the records the bilan reads (one table per kind of record
      of indicators_view_t, the nested lists as tables of their own: a
      committee's members, a meeting's people and structures, a project's
      publics and status history; enums as their names), one schema per
      data set: b1 and b10.
    - Loaded with COPY from the very view the bilan section computes on
      (bench_bilan_data_new: the largest region of the CSV, 1x and 10x), so
      that both sides read the same records.
    - The annex 5 and annex 1 figures (every indicator of the contract, the
      amounts granted per funder kind included) and the per-establishment
      figures computed by two SQL queries, sent in one round trip (pipeline)
      as a PostgreSQL-based application would; each figure CHECKED equal to
      indicators_compute's on the same data (numerator, and denominator for
      ratios; the same set of ids; the same establishments), a mismatch
      reported as such.
    - Timed alternately with indicators_compute over the in-memory view.
    - The national aggregate: the 18 regions' documents the bilan section
      aggregates, stored as rows (region, version, indicator, numerator,
      denominator), aggregated by GROUP BY over each region's latest version,
      checked equal to national_aggregate's and timed against it.
*/
#include "peers/postgresql/bench_pg.h"
#include "bench_bilan.h"

#include <inttypes.h>
#include <stdarg.h>

#define BILAN_MAX_RUNS      2000
#define REGIONAL_MAX        96        //  Regional figures a bilan can hold
#define ESTABLISHMENT_CELLS 18        //  9 indicators x (numerator, denominator)

//  ---------------------------------------------------------------- COPY text

typedef struct {
    char *data;
    size_t size;
    size_t capacity;
} text_t;

static void
s_put (text_t *self, const char *format, ...)
{
    va_list args;
    for (;;) {
        size_t room = self->capacity - self->size;
        va_start (args, format);
        int length = vsnprintf (self->data ? self->data + self->size : NULL, room, format, args);
        va_end (args);
        assert (length >= 0);
        if ((size_t) length < room) {
            self->size += (size_t) length;
            return;
        }
        self->capacity = self->capacity * 2 + (size_t) length + 4096;
        self->data = realloc (self->data, self->capacity);
        assert (self->data);
    }
}

static void
s_u64 (text_t *self, uint64_t value)
{
    s_put (self, "%" PRIu64 "\t", value);
}

static void
s_i64 (text_t *self, int64_t value)
{
    s_put (self, "%" PRId64 "\t", value);
}

static void
s_bool (text_t *self, bool value)
{
    s_put (self, "%s\t", value ? "t" : "f");
}

static void
s_date (text_t *self, const Pps__Date *date)
{
    if (pps_date_is_set (date))
        s_put (self, "%04d-%02d-%02d\t", date->year, date->month, date->day);
    else
        s_put (self, "\\N\t");
}

static void
s_text (text_t *self, const char *text)
{
    if (!text) {
        s_put (self, "\\N\t");
        return;
    }
    for (const char *at = text; *at; at++) {
        if (*at == '\\')
            s_put (self, "\\\\");
        else
        if (*at == '\t')
            s_put (self, "\\t");
        else
        if (*at == '\n')
            s_put (self, "\\n");
        else
        if (*at == '\r')
            s_put (self, "\\r");
        else
            s_put (self, "%c", *at);
    }
    s_put (self, "\t");
}

//  An enum value by its name, as the application would store it.
static void
s_enum (text_t *self, const ProtobufCEnumDescriptor *descriptor, int value)
{
    const ProtobufCEnumValue *found = protobuf_c_enum_descriptor_get_value (descriptor, value);
    s_text (self, found ? found->name : "UNKNOWN");
}

static void
s_row_end (text_t *self)
{
    assert (self->size > 0 && self->data [self->size - 1] == '\t');
    self->data [self->size - 1] = '\n';
}

//  COPY the rows of text into target ("table (columns)"), then empty text.
static int
s_copy (PGconn *conn, const char *target, text_t *text)
{
    char sql [512];
    snprintf (sql, sizeof sql, "COPY %s FROM STDIN", target);
    PGresult *result = PQexec (conn, sql);
    int rc = PQresultStatus (result) == PGRES_COPY_IN ? 0 : -1;
    PQclear (result);
    if (rc == 0 && text->size
    &&  PQputCopyData (conn, text->data, (int) text->size) != 1)
        rc = -1;
    if (PQputCopyEnd (conn, rc ? "failed" : NULL) != 1)
        rc = -1;
    while ((result = PQgetResult (conn)) != NULL) {
        if (PQresultStatus (result) != PGRES_COMMAND_OK)
            rc = -1;
        PQclear (result);
    }
    if (rc)
        fprintf (stderr, "pps-bench: PostgreSQL COPY %s: %s", target, PQerrorMessage (conn));
    text->size = 0;
    return rc;
}

//  ---------------------------------------------------------------- schema

static const char *const s_bilan_schema =
    "CREATE TABLE establishment (id bigint PRIMARY KEY, code text NOT NULL, name text, "
    "  kind text NOT NULL, has_minors_quarter boolean NOT NULL, region_code text, "
    "  opened_on date, closed_on date);"
    "CREATE INDEX ON establishment (region_code);"
    "CREATE TABLE health_unit (id bigint NOT NULL, establishment_id bigint NOT NULL, "
    "  hospital_id bigint NOT NULL, opened_on date, closed_on date);"
    "CREATE INDEX ON health_unit (establishment_id);"
    "CREATE TABLE hospital (id bigint NOT NULL, region_code text, "
    "  medical_project_includes_pps boolean NOT NULL);"
    "CREATE INDEX ON hospital (id);"
    "CREATE TABLE partner (id bigint NOT NULL, region_code text);"
    "CREATE INDEX ON partner (region_code);"
    "CREATE TABLE designation (id bigint NOT NULL, person_id bigint NOT NULL, "
    "  role text NOT NULL, region_code text, establishment_id bigint NOT NULL, "
    "  start_date date, end_date date);"
    "CREATE INDEX ON designation (establishment_id);"
    "CREATE INDEX ON designation (role, region_code);"
    "CREATE TABLE programme (ord int PRIMARY KEY, region_code text, adopted_on date, "
    "  period_start date, period_end date, disp_coordination_described boolean NOT NULL);"
    "CREATE TABLE cpom (id bigint NOT NULL, region_code text, start_date date, end_date date, "
    "  includes_prison_health_promotion boolean NOT NULL);"
    "CREATE TABLE regional_committee (ord int PRIMARY KEY, id bigint NOT NULL, "
    "  region_code text, created_on date, dissolved_on date);"
    "CREATE INDEX ON regional_committee (id, ord);"
    "CREATE TABLE working_group (id bigint NOT NULL, region_code text, year int NOT NULL);"
    "CREATE TABLE steering_committee (ord int PRIMARY KEY, id bigint NOT NULL, "
    "  establishment_id bigint NOT NULL, region_code text, constituted_on date, "
    "  dissolved_on date);"
    "CREATE INDEX ON steering_committee (establishment_id, ord);"
    "CREATE TABLE committee_member (committee_id bigint NOT NULL, category int NOT NULL, "
    "  person_id bigint);"
    "CREATE INDEX ON committee_member (committee_id);"
    "CREATE TABLE meeting (id bigint NOT NULL, body_kind text NOT NULL, body_id bigint NOT NULL, "
    "  region_code text, date date);"
    "CREATE INDEX ON meeting (region_code, date);"
    "CREATE TABLE meeting_person (meeting_id bigint NOT NULL, person_id bigint NOT NULL);"
    "CREATE INDEX ON meeting_person (meeting_id);"
    "CREATE TABLE meeting_structure (meeting_id bigint NOT NULL, kind int NOT NULL, "
    "  structure_id bigint NOT NULL);"
    "CREATE INDEX ON meeting_structure (meeting_id);"
    "CREATE TABLE project (id bigint PRIMARY KEY, establishment_id bigint NOT NULL, "
    "  region_code text, status text NOT NULL, promising boolean NOT NULL, "
    "  evidence_based boolean NOT NULL);"
    "CREATE INDEX ON project (establishment_id);"
    "CREATE TABLE project_public (project_id bigint NOT NULL, public text NOT NULL);"
    "CREATE INDEX ON project_public (project_id);"
    "CREATE TABLE project_status (project_id bigint NOT NULL, seq int NOT NULL, "
    "  status text NOT NULL, date date, PRIMARY KEY (project_id, seq));"
    "CREATE TABLE establishment_year (ord int PRIMARY KEY, establishment_id bigint NOT NULL, "
    "  year int NOT NULL, region_code text, has_swot boolean NOT NULL, review_done_on date);"
    "CREATE INDEX ON establishment_year (year, establishment_id, ord);"
    "CREATE TABLE training_offer (id bigint NOT NULL, region_code text, open_from date, "
    "  open_to date);"
    "CREATE TABLE training_session (id bigint NOT NULL, offer_id bigint, region_code text, "
    "  first_date date, last_date date);"
    "CREATE INDEX ON training_session (id);"
    "CREATE TABLE participant (session_id bigint NOT NULL, person_id bigint NOT NULL, "
    "  category int NOT NULL, region_code text);"
    "CREATE INDEX ON participant (session_id);"
    "CREATE INDEX ON participant (person_id);"
    "CREATE TABLE category_count (session_id bigint NOT NULL, category int NOT NULL, "
    "  count bigint NOT NULL, region_code text);"
    "CREATE TABLE staff_headcount (establishment_id bigint NOT NULL, category int NOT NULL, "
    "  count bigint NOT NULL, year int NOT NULL, region_code text);"
    "CREATE INDEX ON staff_headcount (region_code, year);"
    "CREATE TABLE funder (ord int PRIMARY KEY, id bigint NOT NULL, kind text NOT NULL, "
    "  region_code text);"
    "CREATE INDEX ON funder (id, ord);"
    "CREATE TABLE call (ord int PRIMARY KEY, id bigint NOT NULL, region_code text, "
    "  year int NOT NULL, coordinated_instruction boolean NOT NULL, "
    "  funder_ids bigint[] NOT NULL);"
    "CREATE INDEX ON call (id, ord);"
    "CREATE TABLE application (id bigint NOT NULL, call_id bigint NOT NULL, "
    "  funder_id bigint NOT NULL, region_code text, status text NOT NULL, "
    "  amount_granted_cents bigint NOT NULL, decision_date date);"
    "CREATE INDEX ON application (region_code, decision_date);"
    "CREATE TABLE allocation (id bigint NOT NULL, funder_id bigint NOT NULL, "
    "  amount_cents bigint NOT NULL, region_code text, signed_on date);";

//  Every record of view into the tables of the connection's schema.
static int
s_load (PGconn *conn, const indicators_view_t *view)
{
    text_t text = { 0 };
    text_t more = { 0 };
    text_t third = { 0 };
    int rc = 0;
    for (size_t at = 0; at < view->n_establishments; at++) {
        const Registry__Establishment *row = view->establishments [at];
        s_u64 (&text, row->id);
        s_text (&text, row->code);
        s_text (&text, row->name);
        s_enum (&text, &registry__establishment_kind__descriptor, row->kind);
        s_bool (&text, row->has_minors_quarter);
        s_text (&text, row->region_code);
        s_date (&text, row->opened_on);
        s_date (&text, row->closed_on);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "establishment", &text);
    for (size_t at = 0; at < view->n_health_units; at++) {
        const Registry__HealthUnit *row = view->health_units [at];
        s_u64 (&text, row->id);
        s_u64 (&text, row->establishment_id);
        s_u64 (&text, row->hospital_id);
        s_date (&text, row->opened_on);
        s_date (&text, row->closed_on);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "health_unit", &text);
    for (size_t at = 0; at < view->n_hospitals; at++) {
        const Registry__Hospital *row = view->hospitals [at];
        s_u64 (&text, row->id);
        s_text (&text, row->region_code);
        s_bool (&text, row->medical_project_includes_pps);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "hospital", &text);
    for (size_t at = 0; at < view->n_partners; at++) {
        s_u64 (&text, view->partners [at]->id);
        s_text (&text, view->partners [at]->region_code);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "partner", &text);
    for (size_t at = 0; at < view->n_designations; at++) {
        const Registry__Designation *row = view->designations [at];
        s_u64 (&text, row->id);
        s_u64 (&text, row->person_id);
        s_enum (&text, &registry__referent_role__descriptor, row->role);
        s_text (&text, row->region_code);
        s_u64 (&text, row->establishment_id);
        s_date (&text, row->start_date);
        s_date (&text, row->end_date);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "designation", &text);
    for (size_t at = 0; at < view->n_programmes; at++) {
        const Registry__Programme *row = view->programmes [at];
        s_u64 (&text, at);
        s_text (&text, row->region_code);
        s_date (&text, row->adopted_on);
        s_date (&text, row->period_start);
        s_date (&text, row->period_end);
        s_bool (&text, row->disp_coordination_described);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "programme", &text);
    for (size_t at = 0; at < view->n_cpoms; at++) {
        const Registry__Cpom *row = view->cpoms [at];
        s_u64 (&text, row->id);
        s_text (&text, row->region_code);
        s_date (&text, row->start_date);
        s_date (&text, row->end_date);
        s_bool (&text, row->includes_prison_health_promotion);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "cpom", &text);
    for (size_t at = 0; at < view->n_regional_committees; at++) {
        const Registry__RegionalCommittee *row = view->regional_committees [at];
        s_u64 (&text, at);
        s_u64 (&text, row->id);
        s_text (&text, row->region_code);
        s_date (&text, row->created_on);
        s_date (&text, row->dissolved_on);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "regional_committee", &text);
    for (size_t at = 0; at < view->n_working_groups; at++) {
        s_u64 (&text, view->working_groups [at]->id);
        s_text (&text, view->working_groups [at]->region_code);
        s_i64 (&text, view->working_groups [at]->year);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "working_group", &text);
    for (size_t at = 0; at < view->n_steering_committees; at++) {
        const Registry__SteeringCommittee *row = view->steering_committees [at];
        s_u64 (&text, at);
        s_u64 (&text, row->id);
        s_u64 (&text, row->establishment_id);
        s_text (&text, row->region_code);
        s_date (&text, row->constituted_on);
        s_date (&text, row->dissolved_on);
        s_row_end (&text);
        for (size_t member = 0; member < row->n_members; member++) {
            s_u64 (&more, row->id);
            s_i64 (&more, row->members [member]->category);
            s_u64 (&more, row->members [member]->person_id);
            s_row_end (&more);
        }
    }
    rc |= s_copy (conn, "steering_committee", &text);
    rc |= s_copy (conn, "committee_member", &more);
    for (size_t at = 0; at < view->n_meetings; at++) {
        const Registry__Meeting *row = view->meetings [at];
        s_u64 (&text, row->id);
        s_enum (&text, &registry__body_kind__descriptor, row->body_kind);
        s_u64 (&text, row->body_id);
        s_text (&text, row->region_code);
        s_date (&text, row->date);
        s_row_end (&text);
        for (size_t person = 0; person < row->n_attendee_person_ids; person++) {
            s_u64 (&more, row->id);
            s_u64 (&more, row->attendee_person_ids [person]);
            s_row_end (&more);
        }
        for (size_t structure = 0; structure < row->n_attendee_structures; structure++) {
            s_u64 (&third, row->id);
            s_i64 (&third, row->attendee_structures [structure]->kind);
            s_u64 (&third, row->attendee_structures [structure]->id);
            s_row_end (&third);
        }
    }
    rc |= s_copy (conn, "meeting", &text);
    rc |= s_copy (conn, "meeting_person", &more);
    rc |= s_copy (conn, "meeting_structure", &third);
    for (size_t at = 0; at < view->n_projects; at++) {
        const Projects__Project *row = view->projects [at];
        s_u64 (&text, row->id);
        s_u64 (&text, row->establishment_id);
        s_text (&text, row->region_code);
        s_enum (&text, &projects__project_status__descriptor, row->status);
        s_bool (&text, row->promising);
        s_bool (&text, row->evidence_based);
        s_row_end (&text);
        for (size_t public = 0; public < row->n_publics; public++) {
            s_u64 (&more, row->id);
            s_enum (&more, &projects__target_public__descriptor, row->publics [public]);
            s_row_end (&more);
        }
        for (size_t change = 0; change < row->n_history; change++) {
            s_u64 (&third, row->id);
            s_u64 (&third, change);
            s_enum (&third, &projects__project_status__descriptor, row->history [change]->status);
            s_date (&third, row->history [change]->date);
            s_row_end (&third);
        }
    }
    rc |= s_copy (conn, "project", &text);
    rc |= s_copy (conn, "project_public", &more);
    rc |= s_copy (conn, "project_status", &third);
    for (size_t at = 0; at < view->n_establishment_years; at++) {
        const Projects__EstablishmentYear *row = view->establishment_years [at];
        s_u64 (&text, at);
        s_u64 (&text, row->establishment_id);
        s_i64 (&text, row->year);
        s_text (&text, row->region_code);
        s_bool (&text, row->swot != NULL);
        s_date (&text, row->review ? row->review->done_on : NULL);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "establishment_year", &text);
    for (size_t at = 0; at < view->n_offers; at++) {
        const Training__TrainingOffer *row = view->offers [at];
        s_u64 (&text, row->id);
        s_text (&text, row->region_code);
        s_date (&text, row->open_from);
        s_date (&text, row->open_to);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "training_offer", &text);
    for (size_t at = 0; at < view->n_training_sessions; at++) {
        const Training__TrainingSession *row = view->training_sessions [at];
        s_u64 (&text, row->id);
        s_u64 (&text, row->offer_id);
        s_text (&text, row->region_code);
        s_date (&text, row->first_date);
        s_date (&text, row->last_date);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "training_session", &text);
    for (size_t at = 0; at < view->n_participants; at++) {
        const Training__Participant *row = view->participants [at];
        s_u64 (&text, row->session_id);
        s_u64 (&text, row->person_id);
        s_i64 (&text, row->category);
        s_text (&text, row->region_code);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "participant", &text);
    for (size_t at = 0; at < view->n_category_counts; at++) {
        const Training__CategoryCount *row = view->category_counts [at];
        s_u64 (&text, row->session_id);
        s_i64 (&text, row->category);
        s_i64 (&text, row->count);
        s_text (&text, row->region_code);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "category_count", &text);
    for (size_t at = 0; at < view->n_headcounts; at++) {
        const Training__StaffHeadcount *row = view->headcounts [at];
        s_u64 (&text, row->establishment_id);
        s_i64 (&text, row->category);
        s_i64 (&text, row->count);
        s_i64 (&text, row->year);
        s_text (&text, row->region_code);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "staff_headcount", &text);
    for (size_t at = 0; at < view->n_funders; at++) {
        const Funding__Funder *row = view->funders [at];
        s_u64 (&text, at);
        s_u64 (&text, row->id);
        s_enum (&text, &funding__funder_kind__descriptor, row->kind);
        s_text (&text, row->region_code);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "funder", &text);
    for (size_t at = 0; at < view->n_calls; at++) {
        const Funding__Call *row = view->calls [at];
        s_u64 (&text, at);
        s_u64 (&text, row->id);
        s_text (&text, row->region_code);
        s_i64 (&text, row->year);
        s_bool (&text, row->coordinated_instruction);
        s_put (&text, "{");
        for (size_t funder = 0; funder < row->n_funder_ids; funder++)
            s_put (&text, "%s%" PRIu64, funder ? "," : "", row->funder_ids [funder]);
        s_put (&text, "}\t");
        s_row_end (&text);
    }
    rc |= s_copy (conn, "call", &text);
    for (size_t at = 0; at < view->n_applications; at++) {
        const Funding__Application *row = view->applications [at];
        s_u64 (&text, row->id);
        s_u64 (&text, row->call_id);
        s_u64 (&text, row->funder_id);
        s_text (&text, row->region_code);
        s_enum (&text, &funding__application_status__descriptor, row->status);
        s_i64 (&text, row->amount_granted_cents);
        s_date (&text, row->decision_date);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "application", &text);
    for (size_t at = 0; at < view->n_allocations; at++) {
        const Funding__Allocation *row = view->allocations [at];
        s_u64 (&text, row->id);
        s_u64 (&text, row->funder_id);
        s_i64 (&text, row->amount_cents);
        s_text (&text, row->region_code);
        s_date (&text, row->signed_on);
        s_row_end (&text);
    }
    rc |= s_copy (conn, "allocation", &text);
    free (text.data);
    free (more.data);
    free (third.data);
    return rc ? -1 : 0;
}

//  ---------------------------------------------------------------- the queries

//  What both queries share: the scope ($1 region, $2 year; the period is the
//  year, the reference date its last day) and each counted establishment's
//  tally, as indicators_compute.c counts it.
#define SQL_TALLY \
"WITH s AS (SELECT $1::text AS region, $2::int AS year, make_date ($2::int, 1, 1) AS p_start, " \
"                  make_date ($2::int, 12, 31) AS p_end, make_date ($2::int, 12, 31) AS ref), " \
"est AS (SELECT e.id, e.kind, e.has_minors_quarter, (e.kind = 'EPM' OR e.has_minors_quarter) AS minors " \
"        FROM establishment e, s WHERE e.region_code = s.region " \
"        AND (e.opened_on IS NULL OR e.opened_on <= s.ref) AND (e.closed_on IS NULL OR e.closed_on >= s.ref)), " \
"units AS (SELECT h.establishment_id AS id, h.hospital_id FROM health_unit h JOIN est e ON e.id = h.establishment_id, s " \
"          WHERE (h.opened_on IS NULL OR h.opened_on <= s.ref) AND (h.closed_on IS NULL OR h.closed_on >= s.ref)), " \
"hu AS (SELECT id, count(*) AS n FROM units GROUP BY id), " \
"refs AS (SELECT d.establishment_id AS id, " \
"                count(*) FILTER (WHERE d.role = 'HEALTH_UNIT_REFERENT') AS health, " \
"                count(*) FILTER (WHERE d.role = 'PRISON_STAFF_REFERENT') AS prison, " \
"                count(*) FILTER (WHERE d.role = 'PJJ_REFERENT') AS pjj " \
"         FROM designation d JOIN est e ON e.id = d.establishment_id, s " \
"         WHERE d.region_code = s.region AND d.start_date <= s.ref AND (d.end_date IS NULL OR d.end_date >= s.ref) " \
"         GROUP BY d.establishment_id), " \
"com AS (SELECT DISTINCT ON (c.establishment_id) c.establishment_id AS id, c.id AS committee_id " \
"        FROM steering_committee c JOIN est e ON e.id = c.establishment_id, s " \
"        WHERE c.constituted_on <= s.ref AND (c.dissolved_on IS NULL OR s.ref < c.dissolved_on) " \
"        ORDER BY c.establishment_id, c.ord), " \
"running AS (SELECT DISTINCT ON (r.project_id) r.project_id, r.date AS start, n.seq AS next_seq, " \
"                   n.date AS next_date " \
"            FROM project p JOIN est e ON e.id = p.establishment_id " \
"            JOIN project_status r ON r.project_id = p.id AND r.status = 'RUNNING' " \
"            LEFT JOIN project_status n ON n.project_id = r.project_id AND n.seq = r.seq + 1 " \
"            ORDER BY r.project_id, r.seq), " \
"prj AS (SELECT p.establishment_id AS id, count(*) AS n, " \
"               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM project_public pp WHERE pp.project_id = p.id " \
"                                              AND pp.public IN ('MINORS', 'ALL_DETAINEES'))) AS minors_public, " \
"               count(*) FILTER (WHERE p.promising OR p.evidence_based) AS promising " \
"        FROM project p JOIN running r ON r.project_id = p.id, s " \
"        WHERE (r.start IS NULL OR r.start <= s.p_end) " \
"        AND NOT (r.next_seq IS NOT NULL AND (r.next_date IS NULL OR r.next_date < s.p_start)) " \
"        GROUP BY p.establishment_id), " \
"yr AS (SELECT DISTINCT ON (y.establishment_id) y.establishment_id AS id, y.has_swot, " \
"              y.review_done_on IS NOT NULL AS reviewed " \
"       FROM establishment_year y JOIN est e ON e.id = y.establishment_id, s WHERE y.year = s.year " \
"       ORDER BY y.establishment_id, y.ord), " \
"tally AS (SELECT e.id, e.minors::int AS minors, coalesce (hu.n, 0) AS health_units, " \
"  coalesce (refs.health, 0) AS health_referents, coalesce (refs.prison, 0) AS prison_referents, " \
"  (coalesce (refs.health, 0) > 0 AND coalesce (refs.prison, 0) > 0 " \
"   AND (NOT e.minors OR coalesce (refs.pjj, 0) > 0))::int AS both_referents, " \
"  (com.committee_id IS NOT NULL)::int AS committees, " \
"  (com.committee_id IS NOT NULL AND (SELECT count (DISTINCT m.category) FROM committee_member m " \
"     WHERE m.committee_id = com.committee_id " \
"     AND (m.category IN (1, 2, 3, 4, 5, 6, 7, 10) OR (m.category = 8 AND e.minors))) " \
"     = CASE WHEN e.minors THEN 9 ELSE 8 END)::int AS complete_committees, " \
"  coalesce (prj.n, 0) AS projects, " \
"  CASE WHEN e.kind = 'EPM' THEN coalesce (prj.n, 0) " \
"       WHEN e.has_minors_quarter THEN coalesce (prj.minors_public, 0) ELSE 0 END AS minors_projects, " \
"  coalesce (prj.promising, 0) AS promising_projects, " \
"  coalesce (yr.has_swot, false)::int AS swots, coalesce (yr.reviewed, false)::int AS reviews " \
"  FROM est e LEFT JOIN hu ON hu.id = e.id LEFT JOIN refs ON refs.id = e.id LEFT JOIN com ON com.id = e.id " \
"  LEFT JOIN prj ON prj.id = e.id LEFT JOIN yr ON yr.id = e.id) "

//  Per establishment: its id, then numerator and denominator of A5.4, A5.5,
//  A5.6, A5.7, A5.8, OO4.1, OO5.2, OO5.4, OO5.5 (s_tally_figures' order).
static const char *const s_establishments_sql = SQL_TALLY
"SELECT id, health_referents, health_units, committees, 1, projects, 1, prison_referents, 1, "
"       minors_projects, minors, swots, 1, both_referents, 1, complete_committees, committees, "
"       reviews, 1 FROM tally ORDER BY id";

static const char *const s_establishment_ids [] = {
    PPS_BILAN_A5_4, PPS_BILAN_A5_5, PPS_BILAN_A5_6, PPS_BILAN_A5_7, PPS_BILAN_A5_8,
    PPS_BILAN_OO4_1, PPS_BILAN_OO5_2, PPS_BILAN_OO5_4, PPS_BILAN_OO5_5
};

//  The region's figures: (id, numerator, denominator), every indicator of
//  the contract and one row per funder kind granted money.
static const char *const s_regional_sql = SQL_TALLY ", "
"tot AS (SELECT count (*) AS establishments, coalesce (sum (minors), 0)::bigint AS minors_places, "
"  coalesce (sum (health_units), 0)::bigint AS health_units, "
"  coalesce (sum (health_referents), 0)::bigint AS health_referents, "
"  coalesce (sum (prison_referents), 0)::bigint AS prison_referents, "
"  coalesce (sum (both_referents), 0)::bigint AS both_referents, "
"  coalesce (sum (committees), 0)::bigint AS committees, "
"  coalesce (sum (complete_committees), 0)::bigint AS complete_committees, "
"  coalesce (sum (projects), 0)::bigint AS projects, "
"  coalesce (sum (minors_projects), 0)::bigint AS minors_projects, "
"  coalesce (sum (promising_projects), 0)::bigint AS promising_projects, "
"  coalesce (sum (swots), 0)::bigint AS swots, coalesce (sum (reviews), 0)::bigint AS reviews FROM tally), "
"prog AS (SELECT (g.adopted_on <= s.ref AND (g.period_start IS NULL OR g.period_start <= s.ref) "
"                 AND (g.period_end IS NULL OR g.period_end >= s.ref)) AS in_force, "
"                g.disp_coordination_described AS coordination "
"         FROM programme g, s WHERE g.region_code = s.region ORDER BY g.ord LIMIT 1), "
"mt AS (SELECT m.id FROM meeting m, s WHERE m.region_code = s.region "
"       AND m.body_kind <> 'STEERING_COMMITTEE_BODY' AND m.date BETWEEN s.p_start AND s.p_end "
"       AND (m.body_kind <> 'REGIONAL_COMMITTEE_BODY' OR coalesce ((SELECT rc.created_on <= m.date "
"            AND (rc.dissolved_on IS NULL OR m.date < rc.dissolved_on) FROM regional_committee rc "
"            WHERE rc.id = m.body_id ORDER BY rc.ord LIMIT 1), false))), "
"sess AS (SELECT t.id, coalesce (t.last_date, t.first_date) AS day FROM training_session t, s "
"         WHERE t.region_code = s.region AND (t.first_date IS NULL OR t.first_date <= s.p_end) "
"         AND coalesce (t.last_date, t.first_date) >= s.p_start), "
"att AS (SELECT DISTINCT ON (p.person_id) p.person_id, p.category FROM participant p "
"        JOIN sess ON sess.id = p.session_id ORDER BY p.person_id, sess.day DESC, sess.id DESC), "
"families (category, family) AS (VALUES (1, 'health'), (2, 'penitentiary'), (3, 'penitentiary'), "
"  (4, 'penitentiary'), (5, 'penitentiary'), (6, 'pjj'), (7, 'education'), (8, 'other')), "
"persons AS (SELECT category, count (*) AS n FROM att WHERE category BETWEEN 1 AND 8 GROUP BY category), "
"anon AS (SELECT c.category, sum (c.count) AS n FROM category_count c JOIN sess ON sess.id = c.session_id "
"         WHERE c.count > 0 AND c.category BETWEEN 1 AND 8 GROUP BY c.category), "
"heads AS (SELECT h.category, sum (h.count) AS n FROM staff_headcount h, s WHERE h.year = s.year "
"          AND h.region_code = s.region AND h.count > 0 AND h.category BETWEEN 1 AND 8 GROUP BY h.category), "
"trained AS (SELECT f.family, (coalesce (sum (persons.n), 0) + coalesce (sum (anon.n), 0))::bigint AS n, "
"                   coalesce (sum (heads.n), 0)::bigint AS headcount "
"            FROM families f LEFT JOIN persons USING (category) LEFT JOIN anon USING (category) "
"            LEFT JOIN heads USING (category) GROUP BY f.family), "
"grants AS (SELECT CASE WHEN k.funder_ids IS NULL THEN a.funder_id "
"                       WHEN a.funder_id = 0 THEN CASE WHEN cardinality (k.funder_ids) = 1 "
"                                                      THEN k.funder_ids [1] ELSE 0 END "
"                       WHEN a.funder_id = ANY (k.funder_ids) THEN a.funder_id ELSE 0 END AS funder_id, "
"                  CASE WHEN a.status IN ('GRANTED', 'PARTLY_GRANTED') THEN a.amount_granted_cents "
"                       ELSE 0 END AS cents "
"           FROM application a LEFT JOIN (SELECT DISTINCT ON (c.id) c.id, c.funder_ids FROM call c "
"                                         ORDER BY c.id, c.ord) k ON k.id = a.call_id CROSS JOIN s "
"           WHERE a.region_code = s.region AND a.decision_date BETWEEN s.p_start AND s.p_end "
"           UNION ALL "
"           SELECT l.funder_id, l.amount_cents FROM allocation l, s "
"           WHERE l.region_code = s.region AND l.signed_on BETWEEN s.p_start AND s.p_end), "
"granted AS (SELECT g.funder_id, g.cents, coalesce (f.kind, 'UNKNOWN') AS kind FROM grants g "
"            LEFT JOIN (SELECT DISTINCT ON (id) id, kind FROM funder ORDER BY id, ord) f ON f.id = g.funder_id "
"            WHERE g.cents > 0) "
"SELECT 'A5.1'::text AS id, coalesce ((SELECT in_force FROM prog), false)::int::bigint AS numerator, "
"       0::bigint AS denominator "
"UNION ALL SELECT 'A5.2', (EXISTS (SELECT 1 FROM designation d, s WHERE d.role = 'ARS_REFERENT' "
"  AND d.region_code = s.region AND d.establishment_id = 0 AND d.start_date <= s.ref "
"  AND (d.end_date IS NULL OR d.end_date >= s.ref)))::int, 0 "
"UNION ALL SELECT 'A5.3', (EXISTS (SELECT 1 FROM training_offer o, s WHERE o.region_code = s.region "
"  AND (o.open_from IS NULL OR o.open_from <= s.p_end) AND (o.open_to IS NULL OR o.open_to >= s.p_start)))::int, 0 "
"UNION ALL SELECT 'A5.4', health_referents, health_units FROM tot "
"UNION ALL SELECT 'A5.5', committees, establishments FROM tot "
"UNION ALL SELECT 'A5.6', projects, establishments FROM tot "
"UNION ALL SELECT 'A5.7', prison_referents, establishments FROM tot "
"UNION ALL SELECT 'A5.8', minors_projects, minors_places FROM tot "
"UNION ALL SELECT 'OO1.1', (EXISTS (SELECT 1 FROM designation d JOIN participant p ON p.person_id = d.person_id "
"  JOIN sess ON sess.id = p.session_id, s WHERE d.role = 'ARS_REFERENT' AND d.region_code = s.region "
"  AND d.start_date <= s.ref AND (d.end_date IS NULL OR d.end_date >= s.ref)))::int, 0 "
"UNION ALL SELECT 'OO1.2', coalesce ((SELECT in_force AND coordination FROM prog), false)::int, 0 "
"UNION ALL SELECT 'OO1.3', (EXISTS (SELECT 1 FROM call c, s WHERE c.region_code = s.region AND c.year = s.year "
"  AND (cardinality (c.funder_ids) > 1 OR c.coordinated_instruction)))::int, 0 "
"UNION ALL SELECT 'OS2.cpom', (EXISTS (SELECT 1 FROM cpom c, s WHERE c.region_code = s.region "
"  AND c.includes_prison_health_promotion AND (c.start_date IS NULL OR c.start_date <= s.ref) "
"  AND (c.end_date IS NULL OR c.end_date >= s.ref)))::int, 0 "
"UNION ALL SELECT 'OS2.trained', (SELECT count (*) FROM att WHERE category BETWEEN 1 AND 8) "
"  + (SELECT coalesce (sum (n), 0) FROM anon)::bigint, 0 "
"UNION ALL SELECT 'OS2.' || family || '_trained', n, headcount FROM trained "
"UNION ALL SELECT 'OS3.committee', (EXISTS (SELECT 1 FROM regional_committee rc, s "
"  WHERE rc.region_code = s.region AND rc.created_on <= s.ref "
"  AND (rc.dissolved_on IS NULL OR s.ref < rc.dissolved_on)))::int, 0 "
"UNION ALL SELECT 'OS3.working_groups', (SELECT count (*) FROM working_group w, s "
"  WHERE w.region_code = s.region AND w.year = s.year), 0 "
"UNION ALL SELECT 'OS3.meetings', (SELECT count (*) FROM mt), 0 "
"UNION ALL SELECT 'OS3.people', (SELECT count (DISTINCT mp.person_id) FROM meeting_person mp "
"  JOIN mt ON mt.id = mp.meeting_id), 0 "
"UNION ALL SELECT 'OS3.structures', (SELECT count (DISTINCT (ms.kind, ms.structure_id)) "
"  FROM meeting_structure ms JOIN mt ON mt.id = ms.meeting_id), 0 "
"UNION ALL SELECT 'OO4.1', swots, establishments FROM tot "
"UNION ALL SELECT 'OO4.2', (SELECT count (*) FROM partner p, s WHERE p.region_code = s.region), 0 "
"UNION ALL SELECT 'OO4.3.sources', (SELECT count (DISTINCT funder_id) FROM granted), 0 "
"UNION ALL SELECT 'OO4.3.granted', (SELECT coalesce (sum (cents), 0) FROM granted)::bigint, 0 "
"UNION ALL (SELECT 'OO4.3.granted.' || kind, sum (cents)::bigint, 0 FROM granted GROUP BY kind) "
"UNION ALL SELECT 'OO4.6', promising_projects, projects FROM tot "
"UNION ALL SELECT 'OO5.1', (SELECT count (*) FROM hospital ho JOIN (SELECT DISTINCT hospital_id FROM units) u "
"  ON u.hospital_id = ho.id WHERE ho.medical_project_includes_pps), "
"  (SELECT count (DISTINCT hospital_id) FROM units) "
"UNION ALL SELECT 'OO5.2', both_referents, establishments FROM tot "
"UNION ALL SELECT 'OO5.4', complete_committees, committees FROM tot "
"UNION ALL SELECT 'OO5.5', reviews, establishments FROM tot";

//  ---------------------------------------------------------------- results

typedef struct {
    char id [PPS_BILAN_ID_MAX + 16];
    int64_t numerator;
    int64_t denominator;
} figure_t;

typedef struct {
    figure_t regional [REGIONAL_MAX];
    size_t n_regional;
    uint64_t *ids;                //  Per establishment
    int64_t *cells;               //  ESTABLISHMENT_CELLS per establishment
    size_t n_establishments;
    size_t capacity;
} sql_bilan_t;

//  One pipelined round trip: both queries, then the sync; parse the rows.
static int
s_sql_bilan (PGconn *conn, const char *region, int year, sql_bilan_t *out)
{
    char year_text [16];
    snprintf (year_text, sizeof year_text, "%d", year);
    const char *values [] = { region, year_text };
    if (!PQsendQueryPrepared (conn, "regional", 2, values, NULL, NULL, 0)
    ||  !PQsendQueryPrepared (conn, "establishments", 2, values, NULL, NULL, 0)
    ||  !PQpipelineSync (conn) || PQflush (conn) != 0)
        return -1;
    int rc = 0;
    out->n_regional = 0;
    out->n_establishments = 0;
    for (int query = 0; query < 2; query++) {
        PGresult *result;
        while ((result = PQgetResult (conn)) != NULL) {
            if (PQresultStatus (result) != PGRES_TUPLES_OK) {
                fprintf (stderr, "pps-bench: PostgreSQL bilan: %s", PQresultErrorMessage (result));
                rc = -1;
            }
            else
            if (query == 0) {
                for (int row = 0; row < PQntuples (result) && out->n_regional < REGIONAL_MAX; row++) {
                    figure_t *figure = &out->regional [out->n_regional++];
                    snprintf (figure->id, sizeof figure->id, "%s", PQgetvalue (result, row, 0));
                    figure->numerator = strtoll (PQgetvalue (result, row, 1), NULL, 10);
                    figure->denominator = strtoll (PQgetvalue (result, row, 2), NULL, 10);
                }
            }
            else {
                size_t rows = (size_t) PQntuples (result);
                if (rows > out->capacity) {
                    out->capacity = rows;
                    out->ids = realloc (out->ids, rows * sizeof (uint64_t));
                    out->cells = realloc (out->cells, rows * ESTABLISHMENT_CELLS * sizeof (int64_t));
                    assert (out->ids && out->cells);
                }
                for (size_t row = 0; row < rows; row++) {
                    out->ids [row] = strtoull (PQgetvalue (result, (int) row, 0), NULL, 10);
                    for (int cell = 0; cell < ESTABLISHMENT_CELLS; cell++)
                        out->cells [row * ESTABLISHMENT_CELLS + (size_t) cell] =
                            strtoll (PQgetvalue (result, (int) row, 1 + cell), NULL, 10);
                }
                out->n_establishments = rows;
            }
            PQclear (result);
        }
    }
    PGresult *sync = PQgetResult (conn);
    if (PQresultStatus (sync) != PGRES_PIPELINE_SYNC)
        rc = -1;
    PQclear (sync);
    return rc;
}

//  Compare one figure; counts and reports a mismatch.
static void
s_check (const char *where, const Indicators__Indicator *indicator, int64_t numerator,
         int64_t denominator, size_t *mismatches)
{
    bool ratio = indicator->kind == (Indicators__IndicatorKind) PPS_BILAN_RATIO;
    if (indicator->numerator == numerator && (!ratio || indicator->denominator == denominator))
        return;
    (*mismatches)++;
    fprintf (stderr, "pps-bench: MISMATCH %s %s: indicators_compute %" PRId64 "/%" PRId64
             ", SQL %" PRId64 "/%" PRId64 "\n", where, indicator->id, indicator->numerator,
             indicator->denominator, numerator, denominator);
}

//  Every figure of bilan against the SQL's; returns the mismatches (a
//  figure on one side only counts as one). *figures_p: figures compared.
static size_t
s_compare (const Indicators__Bilan *bilan, const sql_bilan_t *sql, size_t *figures_p)
{
    size_t mismatches = 0, figures = 0;
    for (size_t index = 0; index < bilan->n_indicators; index++) {
        const Indicators__Indicator *indicator = bilan->indicators [index];
        const figure_t *found = NULL;
        for (size_t at = 0; at < sql->n_regional && !found; at++)
            if (streq (sql->regional [at].id, indicator->id))
                found = &sql->regional [at];
        figures++;
        if (found)
            s_check ("region", indicator, found->numerator, found->denominator, &mismatches);
        else
        if (indicator->numerator != 0) {
            //  SQL has no row for an amount of 0 granted by a kind: only
            //  the contract's own ids are always present
            mismatches++;
            fprintf (stderr, "pps-bench: MISMATCH region %s: not in the SQL's figures\n",
                     indicator->id);
        }
    }
    for (size_t at = 0; at < sql->n_regional; at++)
        if (!indicators_find (bilan->indicators, bilan->n_indicators, sql->regional [at].id)) {
            mismatches++;
            fprintf (stderr, "pps-bench: MISMATCH region %s: only in the SQL's figures\n",
                     sql->regional [at].id);
        }
    if (bilan->n_establishments != sql->n_establishments) {
        mismatches++;
        fprintf (stderr, "pps-bench: MISMATCH establishments: indicators_compute %zu, SQL %zu\n",
                 bilan->n_establishments, sql->n_establishments);
    }
    for (size_t index = 0; index < bilan->n_establishments; index++) {
        const Indicators__EstablishmentFigures *own = bilan->establishments [index];
        size_t row = 0;
        while (row < sql->n_establishments && sql->ids [row] != own->establishment_id)
            row++;
        if (row == sql->n_establishments) {
            mismatches++;
            fprintf (stderr, "pps-bench: MISMATCH establishment %" PRIu64 " not in the SQL's\n",
                     own->establishment_id);
            continue;
        }
        for (size_t at = 0; at < sizeof s_establishment_ids / sizeof s_establishment_ids [0]; at++) {
            const Indicators__Indicator *indicator = indicators_find (
                own->indicators, own->n_indicators, s_establishment_ids [at]);
            figures++;
            if (!indicator) {
                mismatches++;
                continue;
            }
            char where [64];
            snprintf (where, sizeof where, "establishment %" PRIu64, own->establishment_id);
            s_check (where, indicator, sql->cells [row * ESTABLISHMENT_CELLS + 2 * at],
                     sql->cells [row * ESTABLISHMENT_CELLS + 2 * at + 1], &mismatches);
        }
    }
    *figures_p = figures;
    return mismatches;
}

//  ---------------------------------------------------------------- one data set

static PGconn *
s_schema_connect (bench_t *self, const char *schema)
{
    char options [96];
    snprintf (options, sizeof options, "-c search_path=%s", schema);
    return bench_pg_connect (self, options);
}

static int
s_prepare (PGconn *conn, const char *name, const char *sql)
{
    PGresult *result = PQprepare (conn, name, sql, 2, NULL);
    int rc = PQresultStatus (result) == PGRES_COMMAND_OK ? 0 : -1;
    if (rc)
        fprintf (stderr, "pps-bench: PostgreSQL prepare %s: %s", name, PQerrorMessage (conn));
    PQclear (result);
    return rc;
}

//  Load data into schema, check and time; keeps the bilan in keep when
//  keep is given. Prints its row.
static Indicators__Bilan *
s_bilan_scale (bench_t *self, size_t scale, pps_arena_t *keep)
{
    bench_bilan_data_t *data = bench_bilan_data_new (self, scale);
    if (!data)
        return NULL;
    char schema [16];
    snprintf (schema, sizeof schema, "b%zu", scale);
    PGconn *conn = s_schema_connect (self, schema);
    Indicators__Bilan *kept = NULL;
    if (!conn) {
        bench_bilan_data_destroy (&data);
        return NULL;
    }
    char sql [128];
    snprintf (sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema, schema);
    int64_t load_start = bench_now_ns ();
    if (bench_pg_exec (conn, sql) || bench_pg_exec (conn, "BEGIN")
    ||  bench_pg_exec (conn, s_bilan_schema) || s_load (conn, &data->view)
    ||  bench_pg_exec (conn, "COMMIT") || bench_pg_exec (conn, "ANALYZE")
    ||  s_prepare (conn, "regional", s_regional_sql)
    ||  s_prepare (conn, "establishments", s_establishments_sql)
    ||  PQenterPipelineMode (conn) != 1) {
        fprintf (stderr, "pps-bench: the bilan's records were not loaded into PostgreSQL\n");
        PQfinish (conn);
        bench_bilan_data_destroy (&data);
        return NULL;
    }
    double load_ms = (double) (bench_now_ns () - load_start) / 1e6;

    indicators_scope_t scope;
    indicators_scope_year (&scope, data->region, BENCH_BILAN_YEAR, NULL);
    pps_arena_t *arena = pps_arena_new ();
    sql_bilan_t result = { 0 };
    //  The check, on the first computation of each
    Indicators__Bilan *bilan = pps_arena_alloc (arena, sizeof *bilan);
    indicators__bilan__init (bilan);
    indicators_compute (&data->view, &scope, arena, bilan);
    size_t figures = 0, mismatches = 0;
    int failed = s_sql_bilan (conn, data->region, BENCH_BILAN_YEAR, &result);
    if (!failed)
        mismatches = s_compare (bilan, &result, &figures);
    //  The region's figures, side by side, in the log
    for (size_t index = 0; index < bilan->n_indicators && !failed; index++) {
        const Indicators__Indicator *indicator = bilan->indicators [index];
        const figure_t *found = NULL;
        for (size_t at = 0; at < result.n_regional && !found; at++)
            if (streq (result.regional [at].id, indicator->id))
                found = &result.regional [at];
        fprintf (stderr, "pps-bench: bilan %zux %-28s indicators_compute %" PRId64 "/%" PRId64
                 "  SQL %" PRId64 "/%" PRId64 "\n", scale, indicator->id, indicator->numerator,
                 indicator->denominator, found ? found->numerator : -1,
                 found ? found->denominator : -1);
    }
    if (keep) {
        kept = pps_arena_alloc (keep, sizeof *kept);
        indicators__bilan__init (kept);
        indicators_compute (&data->view, &scope, keep, kept);
    }
    //  Timed, alternately
    bench_samples_t *compute = bench_samples_new (BILAN_MAX_RUNS);
    bench_samples_t *queries = bench_samples_new (BILAN_MAX_RUNS);
    int64_t start = bench_now_ns ();
    size_t runs = 0;
    for (; runs < BILAN_MAX_RUNS && !failed; runs++) {
        if (runs >= 5 && bench_now_ns () - start > (int64_t) (self->phase_seconds * 1e9))
            break;
        pps_arena_reset (arena);
        int64_t begin = bench_now_ns ();
        Indicators__Bilan *computed = pps_arena_alloc (arena, sizeof *computed);
        indicators__bilan__init (computed);
        indicators_compute (&data->view, &scope, arena, computed);
        int64_t middle = bench_now_ns ();
        failed |= s_sql_bilan (conn, data->region, BENCH_BILAN_YEAR, &result);
        bench_samples_add (compute, middle - begin);
        bench_samples_add (queries, bench_now_ns () - middle);
    }
    double seconds = (double) (bench_now_ns () - start) / 1e9;
    bench_figure_t ours, theirs;
    bench_figure_set (&ours, compute, runs, seconds);
    bench_figure_set (&theirs, queries, runs, seconds);
    char measure [160], text [256], baseline [192], ratio [160];
    snprintf (measure, sizeof measure, "bilan %zux region %s (%zu establishments, %zu records): "
              "indicators_compute / SQL", scale, data->region, data->establishments, data->records);
    if (failed)
        snprintf (text, sizeof text, "SQL FAILED (see the log)");
    else
    if (mismatches)
        snprintf (text, sizeof text, "MISMATCH: %zu of %zu figures differ (see the log); "
                  "loaded in %.0f ms", mismatches, figures, load_ms);
    else
        snprintf (text, sizeof text, "equal: %zu figures checked (%zu indicators of the region, "
                  "%zu establishments' figures); loaded in %.0f ms", figures,
                  bilan->n_indicators, figures - bilan->n_indicators, load_ms);
    snprintf (baseline, sizeof baseline, "PostgreSQL, 2 queries in 1 round trip, alternated: "
              "p50 %.0f us, p99 %.0f us", theirs.p50_us, theirs.p99_us);
    double share = ours.p50_us > 0 ? theirs.p50_us / ours.p50_us : 0;
    if (mismatches || failed)
        snprintf (ratio, sizeof ratio, "pps / pg %.1f (figures NOT equal: the timing compares "
                  "different work)", share);
    else
        snprintf (ratio, sizeof ratio, "pps / pg %.1f (p50 time pg / pps): %s", share,
                  share >= 1 ? "pps wins" : "PostgreSQL wins");
    bench_row (measure, text, ours.p50_us, ours.p99_us, baseline, ratio);
    bench_samples_destroy (&compute);
    bench_samples_destroy (&queries);
    free (result.ids);
    free (result.cells);
    pps_arena_destroy (&arena);
    PQfinish (conn);
    bench_bilan_data_destroy (&data);
    return kept;
}

//  ---------------------------------------------------------------- national

static const char *const s_national_schema =
    "DROP SCHEMA IF EXISTS nat CASCADE; CREATE SCHEMA nat;"
    "CREATE TABLE nat.bilan (region text NOT NULL, period text NOT NULL, version bigint NOT NULL, "
    "  received_at timestamptz NOT NULL, PRIMARY KEY (region, period, version));"
    "CREATE TABLE nat.bilan_indicator (region text NOT NULL, period text NOT NULL, "
    "  version bigint NOT NULL, id text NOT NULL, kind text NOT NULL, numerator bigint NOT NULL, "
    "  denominator bigint, PRIMARY KEY (region, period, version, id));";

//  Per indicator over each region's latest version of period $1: yes_no
//  counts the regions answering 1 over those reporting it; the others sum.
static const char *const s_aggregate_sql =
    "WITH latest AS (SELECT DISTINCT ON (region) region, version FROM nat.bilan "
    "                WHERE period = $1 ORDER BY region, version DESC) "
    "SELECT i.id, min (i.kind), "
    "  CASE WHEN min (i.kind) = 'yes_no' THEN count (*) FILTER (WHERE i.numerator = 1) "
    "       ELSE sum (i.numerator) END::bigint, "
    "  CASE WHEN min (i.kind) = 'yes_no' THEN count (*) "
    "       ELSE coalesce (sum (i.denominator), 0) END::bigint, count (*) "
    "FROM latest l JOIN nat.bilan_indicator i ON i.region = l.region AND i.period = $1 "
    "  AND i.version = l.version GROUP BY i.id ORDER BY i.id COLLATE \"C\"";

//  Regions reporting, and those whose first version arrived by the due day $2.
static const char *const s_timeliness_sql =
    "SELECT count (*), count (*) FILTER (WHERE first_day <= $2::date) FROM "
    "(SELECT region, min ((received_at AT TIME ZONE 'UTC')::date) AS first_day FROM nat.bilan "
    " WHERE period = $1 GROUP BY region) r";

typedef struct {
    char id [PPS_BILAN_ID_MAX + 16];
    char kind [16];
    int64_t numerator;
    int64_t denominator;
    int64_t regions;
} aggregate_t;

typedef struct {
    aggregate_t rows [REGIONAL_MAX];
    size_t count;
    int64_t reporting;
    int64_t on_time;
} sql_aggregate_t;

static int
s_sql_aggregate (PGconn *conn, sql_aggregate_t *out)
{
    const char *values [] = { "2025", "2026-03-31" };
    if (!PQsendQueryPrepared (conn, "aggregate", 1, values, NULL, NULL, 0)
    ||  !PQsendQueryPrepared (conn, "timeliness", 2, values, NULL, NULL, 0)
    ||  !PQpipelineSync (conn) || PQflush (conn) != 0)
        return -1;
    int rc = 0;
    out->count = 0;
    for (int query = 0; query < 2; query++) {
        PGresult *result;
        while ((result = PQgetResult (conn)) != NULL) {
            if (PQresultStatus (result) != PGRES_TUPLES_OK) {
                fprintf (stderr, "pps-bench: PostgreSQL aggregate: %s", PQresultErrorMessage (result));
                rc = -1;
            }
            else
            if (query == 0)
                for (int row = 0; row < PQntuples (result) && out->count < REGIONAL_MAX; row++) {
                    aggregate_t *item = &out->rows [out->count++];
                    snprintf (item->id, sizeof item->id, "%s", PQgetvalue (result, row, 0));
                    snprintf (item->kind, sizeof item->kind, "%s", PQgetvalue (result, row, 1));
                    item->numerator = strtoll (PQgetvalue (result, row, 2), NULL, 10);
                    item->denominator = strtoll (PQgetvalue (result, row, 3), NULL, 10);
                    item->regions = strtoll (PQgetvalue (result, row, 4), NULL, 10);
                }
            else
            if (PQntuples (result) == 1) {
                out->reporting = strtoll (PQgetvalue (result, 0, 0), NULL, 10);
                out->on_time = strtoll (PQgetvalue (result, 0, 1), NULL, 10);
            }
            PQclear (result);
        }
    }
    PGresult *sync = PQgetResult (conn);
    if (PQresultStatus (sync) != PGRES_PIPELINE_SYNC)
        rc = -1;
    PQclear (sync);
    return rc;
}

static size_t
s_compare_aggregate (const json_t *aggregate, const sql_aggregate_t *sql)
{
    size_t mismatches = 0;
    const json_t *indicators = json_object_get (aggregate, "indicators");
    if (json_object_size (indicators) != sql->count) {
        mismatches++;
        fprintf (stderr, "pps-bench: MISMATCH national: %zu indicators, SQL %zu\n",
                 json_object_size (indicators), sql->count);
    }
    for (size_t index = 0; index < sql->count; index++) {
        const aggregate_t *row = &sql->rows [index];
        const json_t *item = json_object_get (indicators, row->id);
        const char *kind = json_string_value (json_object_get (item, "kind"));
        bool fraction = kind && (streq (kind, "yes_no") || streq (kind, "ratio"));
        if (!item
        ||  json_integer_value (json_object_get (item, "numerator")) != row->numerator
        ||  json_integer_value (json_object_get (item, "regions_reporting")) != row->regions
        ||  (fraction && json_integer_value (json_object_get (item, "denominator")) != row->denominator)) {
            mismatches++;
            fprintf (stderr, "pps-bench: MISMATCH national %s: SQL %" PRId64 "/%" PRId64
                     " over %" PRId64 " regions\n", row->id, row->numerator, row->denominator,
                     row->regions);
        }
    }
    const json_t *completeness = json_object_get (aggregate, "completeness");
    const json_t *timeliness = json_object_get (aggregate, "timeliness");
    if (json_integer_value (json_object_get (completeness, "numerator")) != sql->reporting
    ||  json_integer_value (json_object_get (timeliness, "numerator")) != sql->on_time
    ||  json_integer_value (json_object_get (timeliness, "denominator")) != sql->reporting) {
        mismatches++;
        fprintf (stderr, "pps-bench: MISMATCH national completeness or timeliness: SQL %" PRId64
                 " reporting, %" PRId64 " on time\n", sql->reporting, sql->on_time);
    }
    return mismatches;
}

static void
s_national (bench_t *self, const Indicators__Bilan *bilan)
{
    national_entry_t *entries = bench_national_entries (bilan);
    PGconn *conn = entries ? bench_pg_connect (self, NULL) : NULL;
    if (!conn) {
        national_entries_free (entries, BENCH_NATIONAL_REGIONS);
        return;
    }
    text_t bilans = { 0 }, rows = { 0 };
    for (size_t index = 0; index < BENCH_NATIONAL_REGIONS; index++) {
        const national_entry_t *entry = &entries [index];
        char received [32];
        s_text (&bilans, entry->region);
        s_text (&bilans, "2025");
        s_i64 (&bilans, entry->version);
        s_text (&bilans, national_iso_time (entry->first_received_ms, received, sizeof received));
        s_row_end (&bilans);
        const json_t *list = json_object_get (entry->document, "indicators");
        for (size_t at = 0; at < json_array_size (list); at++) {
            const json_t *indicator = json_array_get (list, at);
            const json_t *denominator = json_object_get (indicator, "denominator");
            s_text (&rows, entry->region);
            s_text (&rows, "2025");
            s_i64 (&rows, entry->version);
            s_text (&rows, json_string_value (json_object_get (indicator, "id")));
            s_text (&rows, json_string_value (json_object_get (indicator, "kind")));
            s_i64 (&rows, json_integer_value (json_object_get (indicator, "numerator")));
            if (json_is_integer (denominator))
                s_i64 (&rows, json_integer_value (denominator));
            else
                s_put (&rows, "\\N\t");
            s_row_end (&rows);
        }
    }
    int failed = bench_pg_exec (conn, s_national_schema)
              || s_copy (conn, "nat.bilan", &bilans) || s_copy (conn, "nat.bilan_indicator", &rows)
              || bench_pg_exec (conn, "ANALYZE nat.bilan; ANALYZE nat.bilan_indicator");
    free (bilans.data);
    free (rows.data);
    PGresult *prepared = failed ? NULL : PQprepare (conn, "aggregate", s_aggregate_sql, 1, NULL);
    failed |= PQresultStatus (prepared) != PGRES_COMMAND_OK;
    PQclear (prepared);
    prepared = failed ? NULL : PQprepare (conn, "timeliness", s_timeliness_sql, 2, NULL);
    failed |= PQresultStatus (prepared) != PGRES_COMMAND_OK;
    PQclear (prepared);
    if (failed || PQenterPipelineMode (conn) != 1) {
        fprintf (stderr, "pps-bench: PostgreSQL national: %s", PQerrorMessage (conn));
        PQfinish (conn);
        national_entries_free (entries, BENCH_NATIONAL_REGIONS);
        return;
    }
    sql_aggregate_t *sql = calloc (1, sizeof (sql_aggregate_t));
    assert (sql);
    json_t *aggregate = national_aggregate ("2025", entries, BENCH_NATIONAL_REGIONS,
                                            BENCH_NATIONAL_DUE);
    size_t mismatches = 0;
    failed = s_sql_aggregate (conn, sql);
    if (!failed)
        mismatches = s_compare_aggregate (aggregate, sql);
    json_decref (aggregate);
    bench_samples_t *ours = bench_samples_new (BILAN_MAX_RUNS);
    bench_samples_t *theirs = bench_samples_new (BILAN_MAX_RUNS);
    int64_t start = bench_now_ns ();
    size_t runs = 0;
    for (; runs < BILAN_MAX_RUNS && !failed; runs++) {
        if (runs >= 5 && bench_now_ns () - start > (int64_t) (self->phase_seconds * 1e9 * 2 / 3))
            break;
        int64_t begin = bench_now_ns ();
        aggregate = national_aggregate ("2025", entries, BENCH_NATIONAL_REGIONS, BENCH_NATIONAL_DUE);
        json_decref (aggregate);
        int64_t middle = bench_now_ns ();
        failed |= s_sql_aggregate (conn, sql);
        bench_samples_add (ours, middle - begin);
        bench_samples_add (theirs, bench_now_ns () - middle);
    }
    double ours_p50 = bench_samples_pct_us (ours, 50), ours_p99 = bench_samples_pct_us (ours, 99);
    double theirs_p50 = bench_samples_pct_us (theirs, 50);
    double theirs_p99 = bench_samples_pct_us (theirs, 99);
    char text [192], baseline [192], ratio [160];
    if (failed)
        snprintf (text, sizeof text, "SQL FAILED (see the log)");
    else
        snprintf (text, sizeof text, "%s: %zu indicators, completeness and timeliness %s",
                  mismatches ? "MISMATCH" : "equal", sql->count,
                  mismatches ? "differ (see the log)" : "checked");
    snprintf (baseline, sizeof baseline, "PostgreSQL, GROUP BY over each region's latest version "
              "(2 queries, 1 round trip): p50 %.0f us, p99 %.0f us", theirs_p50, theirs_p99);
    double share = ours_p50 > 0 ? theirs_p50 / ours_p50 : 0;
    if (mismatches || failed)
        snprintf (ratio, sizeof ratio, "pps / pg %.1f (figures NOT equal)", share);
    else
        snprintf (ratio, sizeof ratio, "pps / pg %.1f (p50 time pg / pps): %s", share,
                  share >= 1 ? "pps wins" : "PostgreSQL wins");
    bench_row ("national aggregate of 18 regions: national_aggregate / SQL", text, ours_p50,
               ours_p99, baseline, ratio);
    bench_samples_destroy (&ours);
    bench_samples_destroy (&theirs);
    free (sql);
    PQfinish (conn);
    national_entries_free (entries, BENCH_NATIONAL_REGIONS);
}

//  ---------------------------------------------------------------- the rows

void
bench_pg_bilan (bench_t *self)
{
    pps_arena_t *keep = pps_arena_new ();
    Indicators__Bilan *bilan = s_bilan_scale (self, 1, keep);
    s_bilan_scale (self, 10, NULL);
    if (bilan)
        s_national (self, bilan);
    pps_arena_destroy (&keep);
}
