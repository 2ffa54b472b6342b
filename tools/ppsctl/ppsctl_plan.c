/*  ppsctl_plan: `ppsctl plan` and `ppsctl upcoming`, a project's planned
    sessions with their steps, and a region's steps coming up, as tables
    (see ppsctl_plan.h). A step's "when" is counted from today (UTC), as
    the reminders of pps-notify count it.  */
#include "ppsctl_plan.h"

#include "ppsctl_table.h"
#include "pps_date.h"
#include "projects.pb-c.h"

#define UPCOMING_DAYS_MAX 366

void
ppsctl_usage_plan (FILE *out)
{
    fprintf (out, "usage: ppsctl plan PROJECT [--all]     a project's planned sessions and their steps\n"
                  "                                       (--all: the cancelled ones too)\n"
                  "       ppsctl plan --plan ID           one planned session\n"
                  "plan, move, assign and mark with the projects service's operations:\n"
                  "  ppsctl projects plan-session project_id=2 date=2027-01-14 place=LIVING_SPACE "
                  "group=CLOSED_GROUP\n"
                  "  ppsctl projects assign-step plan_id=1 key=posters responsible_person_id=4\n"
                  "  ppsctl projects mark-step plan_id=1 key=posters state=DONE done_on=2026-12-03\n"
                  "  ppsctl projects update-plan id=1 date=2027-01-21 place=LIVING_SPACE "
                  "group=CLOSED_GROUP\n"
                  "  ppsctl projects get-plan-template region_code=32\n");
}

void
ppsctl_usage_upcoming (FILE *out)
{
    fprintf (out, "usage: ppsctl upcoming [REGION] [--days N] [--establishment ID] [--person ID]\n"
                  "                       [--on YYYY-MM-DD]\n"
                  "the steps to do of the region's planned sessions (default: the configured\n"
                  "region) falling due in the next N days (default 14, at most %d), the overdue\n"
                  "ones first\n", UPCOMING_DAYS_MAX);
}

//  An enum value's name, "?" when unknown.
static const char *
s_enum_name (const ProtobufCEnumDescriptor *descriptor, int value)
{
    const ProtobufCEnumValue *named = protobuf_c_enum_descriptor_get_value (descriptor, value);
    return named ? named->name : "?";
}

//  Send op to the projects service; on an OK reply sets *reply_p.
static int
s_call (ppsctl_t *self, uint32_t op, ProtobufCMessage *payload, Projects__ProjectsReply **reply_p)
{
    ProtobufCMessage *reply;
    int rc = ppsctl_send (self, ppsctl_service_find ("projects"), op, payload, &reply);
    if (rc == PPSCTL_OK)
        rc = ppsctl_check_status (reply);
    if (rc == PPSCTL_OK)
        *reply_p = (Projects__ProjectsReply *) reply;
    return rc;
}

//  A date as YYYY-MM-DD, in the arena.
static const char *
s_day (ppsctl_t *self, const Pps__Date *date)
{
    char buffer [16];
    return pps_arena_strdup (self->arena, pps_date_format (date, buffer, sizeof buffer));
}

//  Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
static long
s_epoch_days (const Pps__Date *date)
{
    long year = date->year - (date->month <= 2);
    long era = (year >= 0 ? year : year - 399) / 400;
    long year_of_era = year - era * 400;
    long day_of_year = (153 * (date->month + (date->month > 2 ? -3 : 9)) + 2) / 5 + date->day - 1;
    long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

//  Days from today to day (UTC), as a person says it.
static const char *
s_when (ppsctl_t *self, const Pps__Date *today, const Pps__Date *day)
{
    long days = s_epoch_days (day) - s_epoch_days (today);
    if (days == 0)
        return "today";
    if (days > 0)
        return pps_arena_printf (self->arena, "in %ld d", days);
    return pps_arena_printf (self->arena, "%ld d late", -days);
}

//  Who does a step: "Claire Martin, USMP", "USMP", "person 4" or "-".
static const char *
s_responsible (ppsctl_t *self, uint64_t person_id, const char *name, const char *organisation)
{
    const char *who = *name ? name
                    : person_id ? pps_arena_printf (self->arena, "person %llu",
                                                    (unsigned long long) person_id)
                    : NULL;
    if (who && *organisation)
        return pps_arena_printf (self->arena, "%s, %s", who, organisation);
    return who ? who : *organisation ? organisation : "-";
}

//  An offset as annex 2 writes it: "Mois-2", "S-3", "J-3", "J", "J+7".
static const char *
s_offset (ppsctl_t *self, Projects__OffsetUnit unit, int32_t offset)
{
    const char *letter = unit == PROJECTS__OFFSET_UNIT__MONTHS ? "Mois"
                       : unit == PROJECTS__OFFSET_UNIT__WEEKS ? "S" : "J";
    if (offset == 0)
        return letter;
    return pps_arena_printf (self->arena, "%s%+d", letter, offset);
}

//  ---------------------------------------------------------------- plan

//  A plan's line above its steps.
static void
s_plan_title (ppsctl_t *self, const Projects__SessionPlan *plan, const char *title)
{
    printf ("project %llu «%s»: session on %s%s%s (plan %llu, %s, template v%u)\n",
            (unsigned long long) plan->project_id, title, s_day (self, plan->date),
            *plan->start_time ? " at " : "", plan->start_time, (unsigned long long) plan->id,
            s_enum_name (&projects__plan_state__descriptor, plan->state), plan->template_version);
    printf ("  %s%s%s, %s%s%s\n", s_enum_name (&projects__place__descriptor, plan->place),
            *plan->room ? ", " : "", plan->room,
            s_enum_name (&projects__group_kind__descriptor, plan->group),
            *plan->topic ? ", " : "", plan->topic);
    if (plan->state == PROJECTS__PLAN_STATE__CANCELLED)
        printf ("  cancelled on %s: %s\n", s_day (self, plan->cancelled_on), plan->cancel_reason);
}

//  What a step says, cut to a cell's width: the table then narrows it with
//  the names instead of leaving it out as a long free text.
static const char *
s_what (ppsctl_t *self, const char *label)
{
    return ppsctl_text_cut (self->arena, label, PPSCTL_CELL_MAX);
}

//  A plan's steps as a table. Returns an exit code.
static int
s_plan_table (ppsctl_t *self, const Projects__SessionPlan *plan, const Pps__Date *today)
{
    ppsctl_table_t *table = ppsctl_table_new (self->arena);
    const struct {
        const char *name;
        int rank;
    } columns [] = {
        { "due", PPSCTL_RANK_DATE }, { "when", PPSCTL_RANK_STATE }, { "offset", PPSCTL_RANK_LIST },
        { "step", PPSCTL_RANK_STATE }, { "what", PPSCTL_RANK_LABEL },
        { "responsible", PPSCTL_RANK_LABEL }, { "state", PPSCTL_RANK_STATE },
    };
    for (size_t column = 0; column < sizeof columns / sizeof columns [0]; column++) {
        ppsctl_table_column (table, columns [column].name, NULL, false);
        ppsctl_table_rank (table, columns [column].rank);
    }
    for (size_t index = 0; index < plan->n_steps; index++) {
        const Projects__PlanStep *step = plan->steps [index];
        bool to_do = step->state == PROJECTS__STEP_STATE__TO_DO;
        ppsctl_table_row (table);
        ppsctl_table_cell (table, s_day (self, step->due));
        ppsctl_table_cell (table, to_do && plan->state == PROJECTS__PLAN_STATE__SCHEDULED
                                  ? s_when (self, today, step->due) : "");
        ppsctl_table_cell (table, s_offset (self, step->unit, step->offset));
        ppsctl_table_cell (table, step->key);
        ppsctl_table_cell (table, s_what (self, step->label));
        ppsctl_table_cell (table, s_responsible (self, step->responsible_person_id,
                                                 step->responsible_name,
                                                 step->responsible_organisation));
        if (step->state == PROJECTS__STEP_STATE__DONE)
            ppsctl_table_cellf (table, "DONE %s", s_day (self, step->done_on));
        else
        if (step->state == PROJECTS__STEP_STATE__NOT_APPLICABLE)
            ppsctl_table_cellf (table, "NOT_APPLICABLE: %s", step->reason);
        else
            ppsctl_table_cell (table, s_enum_name (&projects__step_state__descriptor, step->state));
    }
    return ppsctl_table_print (table, stdout, self->columns, ppsctl_table_width (stdout))
           ? PPSCTL_USAGE : PPSCTL_OK;
}

int
ppsctl_cmd_plan (ppsctl_t *self, int argc, char **argv)
{
    int64_t project_id = 0, plan_id = 0;
    bool all = false;
    for (int index = 0; index < argc; index++) {
        if (streq (argv [index], "--all"))
            all = true;
        else
        if (streq (argv [index], "--plan") && index + 1 < argc) {
            if (ppsctl_parse_int (argv [++index], 1, INT64_MAX, &plan_id)) {
                fprintf (stderr, "error: --plan: '%s' is not a plan's id\n", argv [index]);
                return PPSCTL_USAGE;
            }
        }
        else
        if (!project_id && *argv [index] != '-'
        &&  ppsctl_parse_int (argv [index], 1, INT64_MAX, &project_id) == 0)
            continue;
        else {
            fprintf (stderr, "error: unexpected '%s'\n", argv [index]);
            ppsctl_usage_plan (stderr);
            return PPSCTL_USAGE;
        }
    }
    if (!project_id == !plan_id) {
        ppsctl_usage_plan (stderr);
        return PPSCTL_USAGE;
    }
    Projects__ProjectsReply *reply;
    int rc;
    Projects__SessionPlan **plans;
    size_t count;
    if (plan_id) {
        Projects__ById *by_id = (Projects__ById *)
            pps_arena_message (self->arena, &projects__by_id__descriptor);
        by_id->id = (uint64_t) plan_id;
        if ((rc = s_call (self, PROJECTS__PROJECTS_REQUEST__OP_GET_PLAN, &by_id->base, &reply)))
            return rc;
        plans = &reply->plan;
        count = 1;
        project_id = (int64_t) reply->plan->project_id;
    }
    else {
        Projects__PlanFilter *filter = (Projects__PlanFilter *)
            pps_arena_message (self->arena, &projects__plan_filter__descriptor);
        filter->project_id = (uint64_t) project_id;
        filter->state = all ? 0 : PROJECTS__PLAN_STATE__SCHEDULED;
        if ((rc = s_call (self, PROJECTS__PROJECTS_REQUEST__OP_LIST_PLANS, &filter->base, &reply)))
            return rc;
        plans = reply->plans->items;
        count = reply->plans->n_items;
    }
    Projects__ById *by_id = (Projects__ById *)
        pps_arena_message (self->arena, &projects__by_id__descriptor);
    by_id->id = (uint64_t) project_id;
    Projects__ProjectsReply *project;
    if ((rc = s_call (self, PROJECTS__PROJECTS_REQUEST__OP_GET_PROJECT, &by_id->base, &project)))
        return rc;
    if (self->json) {
        json_t *json = json_array ();
        for (size_t index = 0; index < count; index++)
            json_array_append_new (json, ppsctl_json_message (&plans [index]->base));
        ppsctl_json_print (stdout, json);
        return PPSCTL_OK;
    }
    if (count == 0) {
        printf ("project %lld «%s» has no %splanned session; plan one with\n"
                "  ppsctl projects plan-session project_id=%lld date=YYYY-MM-DD "
                "place=... group=...\n", (long long) project_id, project->project->title,
                all ? "" : "scheduled ", (long long) project_id);
        return PPSCTL_OK;
    }
    Pps__Date today = PPS__DATE__INIT;
    pps_date_today (&today);
    for (size_t index = 0; index < count && !rc; index++) {
        if (index)
            printf ("\n");
        s_plan_title (self, plans [index], project->project->title);
        rc = s_plan_table (self, plans [index], &today);
    }
    return rc;
}

//  ---------------------------------------------------------------- upcoming

int
ppsctl_cmd_upcoming (ppsctl_t *self, int argc, char **argv)
{
    Projects__UpcomingQuery *query = (Projects__UpcomingQuery *)
        pps_arena_message (self->arena, &projects__upcoming_query__descriptor);
    query->region_code = (char *) pps_config_region (self->config);
    bool region_given = false;
    for (int index = 0; index < argc; index++) {
        const char *flag = argv [index];
        int64_t value;
        bool has_value = index + 1 < argc;
        if (streq (flag, "--days") && has_value) {
            if (ppsctl_parse_int (argv [++index], 1, UPCOMING_DAYS_MAX, &value)) {
                fprintf (stderr, "error: --days: '%s' is not a number from 1 to %d\n",
                         argv [index], UPCOMING_DAYS_MAX);
                return PPSCTL_USAGE;
            }
            query->days = (uint32_t) value;
        }
        else
        if ((streq (flag, "--establishment") || streq (flag, "--person")) && has_value) {
            if (ppsctl_parse_int (argv [++index], 1, INT64_MAX, &value)) {
                fprintf (stderr, "error: %s: '%s' is not an id\n", flag, argv [index]);
                return PPSCTL_USAGE;
            }
            if (streq (flag, "--person"))
                query->responsible_person_id = (uint64_t) value;
            else
                query->establishment_id = (uint64_t) value;
        }
        else
        if (streq (flag, "--on") && has_value) {
            query->on = (Pps__Date *) pps_arena_message (self->arena, &pps__date__descriptor);
            if (pps_date_parse (argv [++index], query->on)) {
                fprintf (stderr, "error: --on: '%s' is not a date (YYYY-MM-DD)\n", argv [index]);
                return PPSCTL_USAGE;
            }
        }
        else
        if (*flag != '-' && !region_given) {
            query->region_code = (char *) flag;
            region_given = true;
        }
        else {
            fprintf (stderr, "error: unexpected '%s'\n", flag);
            ppsctl_usage_upcoming (stderr);
            return PPSCTL_USAGE;
        }
    }
    Projects__ProjectsReply *reply;
    int rc = s_call (self, PROJECTS__PROJECTS_REQUEST__OP_UPCOMING_STEPS, &query->base, &reply);
    if (rc)
        return rc;
    const Projects__UpcomingStepList *list = reply->upcoming_steps;
    if (self->json) {
        ppsctl_json_print (stdout, ppsctl_json_message (&list->base));
        return PPSCTL_OK;
    }
    Pps__Date today = PPS__DATE__INIT;
    if (query->on)
        today = *query->on;
    else
        pps_date_today (&today);
    ppsctl_table_t *table = ppsctl_table_new (self->arena);
    const struct {
        const char *name;
        int rank;
    } columns [] = {
        { "due", PPSCTL_RANK_DATE }, { "when", PPSCTL_RANK_STATE },
        { "session", PPSCTL_RANK_DATE }, { "plan", PPSCTL_RANK_PLAIN },
        { "project", PPSCTL_RANK_LABEL }, { "step", PPSCTL_RANK_STATE },
        { "what", PPSCTL_RANK_LABEL }, { "responsible", PPSCTL_RANK_LABEL },
    };
    for (size_t column = 0; column < sizeof columns / sizeof columns [0]; column++) {
        ppsctl_table_column (table, columns [column].name, NULL,
                             streq (columns [column].name, "plan"));
        ppsctl_table_rank (table, columns [column].rank);
    }
    for (size_t index = 0; index < list->n_items; index++) {
        const Projects__UpcomingStep *step = list->items [index];
        ppsctl_table_row (table);
        ppsctl_table_cell (table, s_day (self, step->due));
        ppsctl_table_cell (table, s_when (self, &today, step->due));
        ppsctl_table_cell (table, s_day (self, step->session_date));
        ppsctl_table_cellf (table, "%llu", (unsigned long long) step->plan_id);
        ppsctl_table_cell (table, s_what (self, pps_arena_printf (
            self->arena, "%llu %s", (unsigned long long) step->project_id, step->project_title)));
        ppsctl_table_cell (table, step->key);
        ppsctl_table_cell (table, s_what (self, step->label));
        ppsctl_table_cell (table, s_responsible (self, step->responsible_person_id,
                                                 step->responsible_name,
                                                 step->responsible_organisation));
    }
    if (list->n_items
    &&  ppsctl_table_print (table, stdout, self->columns, ppsctl_table_width (stdout)))
        return PPSCTL_USAGE;
    printf ("%zu step%s to do in region %s within %u days of %s\n", list->n_items,
            list->n_items == 1 ? "" : "s", query->region_code,
            query->days ? query->days : 14, s_day (self, &today));
    return PPSCTL_OK;
}
