/*  projects_rules: lifecycle, running period and counts of a project.  */
#include "projects_rules.h"

#include <czmq.h>

bool
projects_rules_transition_allowed (Projects__ProjectStatus from, Projects__ProjectStatus to)
{
    switch (from) {
        case PROJECTS__PROJECT_STATUS__DRAFT:
            return to == PROJECTS__PROJECT_STATUS__PLANNED
                || to == PROJECTS__PROJECT_STATUS__ABANDONED;
        case PROJECTS__PROJECT_STATUS__PLANNED:
            return to == PROJECTS__PROJECT_STATUS__RUNNING
                || to == PROJECTS__PROJECT_STATUS__ABANDONED;
        case PROJECTS__PROJECT_STATUS__RUNNING:
            return to == PROJECTS__PROJECT_STATUS__COMPLETED
                || to == PROJECTS__PROJECT_STATUS__ABANDONED;
        default:
            return false;
    }
}

bool
projects_rules_final (Projects__ProjectStatus status)
{
    return status == PROJECTS__PROJECT_STATUS__COMPLETED
        || status == PROJECTS__PROJECT_STATUS__ABANDONED;
}

const char *
projects_rules_status_name (Projects__ProjectStatus status)
{
    const ProtobufCEnumValue *value = protobuf_c_enum_descriptor_get_value (
        &projects__project_status__descriptor, status);
    return value ? value->name : "?";
}

const Pps__Date *
projects_rules_last_change (const Projects__Project *project)
{
    if (project->n_history == 0)
        return NULL;
    return project->history [project->n_history - 1]->date;
}

bool
projects_rules_running_period (const Projects__Project *project,
                               const Pps__Date **start_p, const Pps__Date **end_p)
{
    //  Statuses only move forward, so RUNNING appears at most once and the
    //  entry after it (COMPLETED or ABANDONED) is when it stopped
    *start_p = NULL;
    *end_p = NULL;
    for (size_t index = 0; index < project->n_history; index++) {
        if (project->history [index]->status != PROJECTS__PROJECT_STATUS__RUNNING)
            continue;
        *start_p = project->history [index]->date;
        if (index + 1 < project->n_history)
            *end_p = project->history [index + 1]->date;
        return true;
    }
    return false;
}

bool
projects_rules_implemented (const Projects__Project *project,
                            const Pps__Date *from, const Pps__Date *to)
{
    const Pps__Date *start, *end;
    if (!projects_rules_running_period (project, &start, &end))
        return false;
    if (pps_date_is_set (to) && pps_date_compare (start, to) > 0)
        return false;
    if (pps_date_is_set (from) && end && pps_date_compare (end, from) < 0)
        return false;
    return true;
}

bool
projects_rules_in_running_period (const Projects__Project *project, const Pps__Date *day)
{
    const Pps__Date *start, *end;
    if (!projects_rules_running_period (project, &start, &end))
        return false;
    return pps_date_in_range (day, start, end);
}

bool
projects_rules_may_record (Projects__ProjectStatus status)
{
    return status == PROJECTS__PROJECT_STATUS__RUNNING
        || status == PROJECTS__PROJECT_STATUS__COMPLETED;
}

bool
projects_rules_counts_valid (Projects__GroupKind group, uint32_t registered, uint32_t attended)
{
    return group == PROJECTS__GROUP_KIND__OPEN_GROUP || attended <= registered;
}


//  ---------------------------------------------------------------- rétroplanning

//  Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms).
static int64_t
s_days_from_civil (int64_t year, int64_t month, int64_t day)
{
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t year_of_era = year - era * 400;
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

static void
s_civil_from_days (int64_t days, Pps__Date *out)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t day_of_era = days - era * 146097;
    int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
                           - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t month_index = (5 * day_of_year + 2) / 153;
    int64_t day = day_of_year - (153 * month_index + 2) / 5 + 1;
    int64_t month = month_index < 10 ? month_index + 3 : month_index - 9;
    out->year = (int32_t) (year_of_era + era * 400 + (month <= 2));
    out->month = (int32_t) month;
    out->day = (int32_t) day;
}

int32_t
projects_rules_days_between (const Pps__Date *a, const Pps__Date *b)
{
    return (int32_t) (s_days_from_civil (b->year, b->month, b->day)
                    - s_days_from_civil (a->year, a->month, a->day));
}

void
projects_rules_add_days (const Pps__Date *day, int32_t days, Pps__Date *out)
{
    s_civil_from_days (s_days_from_civil (day->year, day->month, day->day) + days, out);
}

bool
projects_rules_offset_valid (Projects__OffsetUnit unit, int32_t offset)
{
    switch (unit) {
        case PROJECTS__OFFSET_UNIT__DAYS:
            return offset >= -730 && offset <= 730;
        case PROJECTS__OFFSET_UNIT__WEEKS:
            return offset >= -104 && offset <= 104;
        case PROJECTS__OFFSET_UNIT__MONTHS:
            return offset >= -24 && offset <= 24;
        default:
            return false;
    }
}

bool
projects_rules_phase_fits (Projects__StepPhase phase, int32_t offset)
{
    switch (phase) {
        case PROJECTS__STEP_PHASE__BEFORE_SESSION:
            return offset < 0;
        case PROJECTS__STEP_PHASE__FOR_SESSION:
            return offset <= 0;
        case PROJECTS__STEP_PHASE__DURING_SESSION:
            return offset == 0;
        case PROJECTS__STEP_PHASE__AFTER_SESSION:
            return offset >= 0;
        default:
            return false;
    }
}

bool
projects_rules_step_key_valid (const char *key)
{
    size_t length = key ? strlen (key) : 0;
    if (length == 0 || length > PROJECTS_STEP_KEY_MAX)
        return false;
    for (const char *c = key; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
            return false;
    return true;
}

//  Days in a month of a year.
static int
s_month_days (int year, int month)
{
    static const int days [] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days [month - 1];
}

void
projects_rules_step_due (const Pps__Date *session, Projects__OffsetUnit unit, int32_t offset,
                         Pps__Date *due)
{
    if (unit == PROJECTS__OFFSET_UNIT__MONTHS) {
        //  "Mois-2" of 31 May is 31 March; of 31 March, one back, is 28/29 February
        int32_t months = session->year * 12 + (session->month - 1) + offset;
        due->year = months / 12;
        due->month = months % 12 + 1;
        int last = s_month_days (due->year, due->month);
        due->day = session->day > last ? last : session->day;
    }
    else
        projects_rules_add_days (session, unit == PROJECTS__OFFSET_UNIT__WEEKS ? 7 * offset
                                                                               : offset, due);
}

//  An offset in days for ordering a template's steps: a month counts 30.44
//  days, so that "Mois-1" comes before "S-4" and after "S-5".
static int32_t
s_offset_order (const Projects__TemplateStep *step)
{
    switch (step->unit) {
        case PROJECTS__OFFSET_UNIT__MONTHS:
            return step->offset * 3044;
        case PROJECTS__OFFSET_UNIT__WEEKS:
            return step->offset * 700;
        default:
            return step->offset * 100;
    }
}

//  Annex 2, "Rétroplanning type", one line per step (docs/plans.md quotes
//  each sentence and says how its date was read).
static const struct {
    const char *key;
    Projects__StepPhase phase;
    Projects__OffsetUnit unit;
    int32_t offset;
    const char *label;
} s_annex2 [] = {
    { "gather_wishes", PROJECTS__STEP_PHASE__BEFORE_SESSION, PROJECTS__OFFSET_UNIT__MONTHS, -2,
      "Recueillir les avis des personnes" },
    { "posters", PROJECTS__STEP_PHASE__BEFORE_SESSION, PROJECTS__OFFSET_UNIT__MONTHS, -1,
      "Faire des affiches" },
    { "post_posters", PROJECTS__STEP_PHASE__BEFORE_SESSION, PROJECTS__OFFSET_UNIT__WEEKS, -3,
      "Déposer les affiches en détention et chez les partenaires (SPIP/école) avec la date "
      "limite d'inscription à noter et l'inscription auprès de l'USMP" },
    { "inform_partners", PROJECTS__STEP_PHASE__BEFORE_SESSION, PROJECTS__OFFSET_UNIT__WEEKS, -3,
      "Écrire des mails au SPIP/école et chef de détention pour informer de l'action "
      "(information simple si groupe ouvert, critères de recrutement si groupe fermé)" },
    { "collect_answers", PROJECTS__STEP_PHASE__BEFORE_SESSION, PROJECTS__OFFSET_UNIT__WEEKS, -2,
      "Recueillir les réponses" },
    { "form_group", PROJECTS__STEP_PHASE__BEFORE_SESSION, PROJECTS__OFFSET_UNIT__WEEKS, -1,
      "Constituer le groupe" },
    { "convocations", PROJECTS__STEP_PHASE__BEFORE_SESSION, PROJECTS__OFFSET_UNIT__WEEKS, -1,
      "Envoyer une convocation à chaque personne détenue informant de la date, du lieu et "
      "de l'horaire de l'action" },
    { "participants_list", PROJECTS__STEP_PHASE__BEFORE_SESSION, PROJECTS__OFFSET_UNIT__DAYS, -3,
      "Envoyer la liste des personnes détenues participant au groupe à la détention" },
    { "material", PROJECTS__STEP_PHASE__FOR_SESSION, PROJECTS__OFFSET_UNIT__DAYS, -1,
      "S'assurer d'avoir le matériel nécessaire" },
    { "room", PROJECTS__STEP_PHASE__FOR_SESSION, PROJECTS__OFFSET_UNIT__DAYS, -1,
      "S'assurer que la salle est opérationnelle (tables, chaises) et propre ; si non "
      "propre, demander à la détention de la faire nettoyer" },
    { "attendance_sheet", PROJECTS__STEP_PHASE__FOR_SESSION, PROJECTS__OFFSET_UNIT__DAYS, -1,
      "Préparer la liste des personnes sur une feuille" },
    { "call_list", PROJECTS__STEP_PHASE__FOR_SESSION, PROJECTS__OFFSET_UNIT__DAYS, -1,
      "Transmettre la liste au surveillant de l'USMP ou du lieu de l'action chargé "
      "d'appeler les personnes le jour J" },
    { "sign_in", PROJECTS__STEP_PHASE__DURING_SESSION, PROJECTS__OFFSET_UNIT__DAYS, 0,
      "Faire émarger les personnes" },
    { "rules", PROJECTS__STEP_PHASE__DURING_SESSION, PROJECTS__OFFSET_UNIT__DAYS, 0,
      "Se présenter et bien définir les règles (secret médical et/ou confidentialité "
      "du groupe)" },
    { "debrief", PROJECTS__STEP_PHASE__DURING_SESSION, PROJECTS__OFFSET_UNIT__DAYS, 0,
      "Débriefing bref oral avec les personnes en fin d'action pour recueillir les avis "
      "et/ou questionnaire de satisfaction très bref à remplir immédiatement, anonyme" },
    { "attendance_back", PROJECTS__STEP_PHASE__AFTER_SESSION, PROJECTS__OFFSET_UNIT__DAYS, 1,
      "Récupérer la feuille de présence" },
    { "evaluations", PROJECTS__STEP_PHASE__AFTER_SESSION, PROJECTS__OFFSET_UNIT__WEEKS, 1,
      "Recueillir les questionnaires d'évaluation, dans la semaine" },
    { "report", PROJECTS__STEP_PHASE__AFTER_SESSION, PROJECTS__OFFSET_UNIT__WEEKS, 1,
      "Faire rapidement un compte rendu de l'action : nombre de personnes venues / nombre "
      "d'inscrits ; lieu, date, horaire, intervenant ; quelques phrases sur le contenu de "
      "la séance" },
};

size_t
projects_rules_annex2 (pps_arena_t *arena, Projects__TemplateStep ***steps_p)
{
    size_t count = sizeof s_annex2 / sizeof s_annex2 [0];
    Projects__TemplateStep **steps = pps_arena_alloc (arena, count * sizeof *steps);
    for (size_t index = 0; index < count; index++) {
        Projects__TemplateStep *step = (Projects__TemplateStep *)
            pps_arena_message (arena, &projects__template_step__descriptor);
        step->key = (char *) s_annex2 [index].key;
        step->label = (char *) s_annex2 [index].label;
        step->phase = s_annex2 [index].phase;
        step->unit = s_annex2 [index].unit;
        step->offset = s_annex2 [index].offset;
        steps [index] = step;
    }
    *steps_p = steps;
    return count;
}

//  Order a plan's steps by due date, keeping the order of equal ones
//  (insertion sort: a plan has at most PROJECTS_STEPS_MAX steps).
static void
s_sort_steps (Projects__PlanStep **steps, size_t count)
{
    for (size_t index = 1; index < count; index++) {
        Projects__PlanStep *step = steps [index];
        size_t at = index;
        while (at > 0 && pps_date_compare (steps [at - 1]->due, step->due) > 0) {
            steps [at] = steps [at - 1];
            at--;
        }
        steps [at] = step;
    }
}

Projects__PlanStep **
projects_rules_plan_steps (pps_arena_t *arena, Projects__TemplateStep *const *steps, size_t count,
                           const Pps__Date *date)
{
    Projects__PlanStep **out = pps_arena_alloc (arena, (count + 1) * sizeof *out);
    for (size_t index = 0; index < count; index++) {
        const Projects__TemplateStep *from = steps [index];
        Projects__PlanStep *step = (Projects__PlanStep *)
            pps_arena_message (arena, &projects__plan_step__descriptor);
        step->key = from->key;
        step->label = from->label;
        step->phase = from->phase;
        step->unit = from->unit;
        step->offset = from->offset;
        step->due = (Pps__Date *) pps_arena_message (arena, &pps__date__descriptor);
        projects_rules_step_due (date, from->unit, from->offset, step->due);
        step->responsible_organisation = from->responsible_organisation;
        step->state = PROJECTS__STEP_STATE__TO_DO;
        out [index] = step;
    }
    s_sort_steps (out, count);
    return out;
}

size_t
projects_rules_move_plan (pps_arena_t *arena, Projects__SessionPlan *plan, const Pps__Date *date)
{
    size_t moved = 0;
    for (size_t index = 0; index < plan->n_steps; index++) {
        Projects__PlanStep *step = plan->steps [index];
        //  A step done stays on the day it was due: that is its history
        if (step->state == PROJECTS__STEP_STATE__DONE)
            continue;
        Pps__Date *due = (Pps__Date *) pps_arena_message (arena, &pps__date__descriptor);
        projects_rules_step_due (date, step->unit, step->offset, due);
        if (!step->due || pps_date_compare (due, step->due) != 0)
            moved++;
        step->due = due;
    }
    Pps__Date *day = (Pps__Date *) pps_arena_message (arena, &pps__date__descriptor);
    day->year = date->year;
    day->month = date->month;
    day->day = date->day;
    plan->date = day;
    s_sort_steps (plan->steps, plan->n_steps);
    return moved;
}

Projects__PlanStep *
projects_rules_plan_step (const Projects__SessionPlan *plan, const char *key)
{
    for (size_t index = 0; index < plan->n_steps; index++)
        if (streq (plan->steps [index]->key, key))
            return plan->steps [index];
    return NULL;
}

size_t
projects_rules_template_put (pps_arena_t *arena, Projects__TemplateStep *const *steps,
                             size_t count, Projects__TemplateStep *step,
                             Projects__TemplateStep ***out_p,
                             const Projects__TemplateStep **before_p)
{
    Projects__TemplateStep **out = pps_arena_alloc (arena, (count + 1) * sizeof *out);
    size_t kept = 0;
    *before_p = NULL;
    for (size_t index = 0; index < count; index++) {
        if (streq (steps [index]->key, step->key))
            *before_p = steps [index];
        else
            out [kept++] = steps [index];
    }
    //  After every step falling on or before it: a new step joins the end of its day
    size_t at = kept;
    while (at > 0 && s_offset_order (out [at - 1]) > s_offset_order (step)) {
        out [at] = out [at - 1];
        at--;
    }
    out [at] = step;
    *out_p = out;
    return kept + 1;
}

size_t
projects_rules_template_remove (pps_arena_t *arena, Projects__TemplateStep *const *steps,
                                size_t count, const char *key, Projects__TemplateStep ***out_p)
{
    Projects__TemplateStep **out = pps_arena_alloc (arena, (count + 1) * sizeof *out);
    size_t kept = 0;
    for (size_t index = 0; index < count; index++)
        if (!streq (steps [index]->key, key))
            out [kept++] = steps [index];
    *out_p = out;
    return kept;
}

const char *
projects_rules_offset_text (pps_arena_t *arena, Projects__OffsetUnit unit, int32_t offset)
{
    const char *letter = unit == PROJECTS__OFFSET_UNIT__MONTHS ? "Mois"
                       : unit == PROJECTS__OFFSET_UNIT__WEEKS ? "S" : "J";
    if (offset == 0)
        return unit == PROJECTS__OFFSET_UNIT__DAYS ? "J" : pps_arena_printf (arena, "%s", letter);
    return pps_arena_printf (arena, "%s%+d", letter, offset);
}

//  ---------------------------------------------------------------- self test

static Pps__Date *
s_test_date (pps_arena_t *arena, const char *text)
{
    Pps__Date *date = pps_arena_alloc (arena, sizeof *date);
    pps__date__init (date);
    int rc = pps_date_parse (text, date);
    assert (rc == 0);
    return date;
}

//  A project whose history is the given statuses on the given dates.
static Projects__Project *
s_test_project (pps_arena_t *arena, size_t count, const Projects__ProjectStatus *statuses,
                const char *const *dates)
{
    Projects__Project *project = pps_arena_alloc (arena, sizeof *project);
    projects__project__init (project);
    for (size_t index = 0; index < count; index++) {
        Projects__StatusChange *change = pps_arena_alloc (arena, sizeof *change);
        projects__status_change__init (change);
        change->status = statuses [index];
        change->date = s_test_date (arena, dates [index]);
        pps_arena_push (arena, (void ***) &project->history, &project->n_history, change);
        project->status = statuses [index];
    }
    return project;
}


//  A day's ordinal yyyymmdd, for short checks.
static int32_t
s_ordinal (const Pps__Date *date)
{
    return pps_date_ordinal (date);
}

//  The due day of a step for a session, as an ordinal.
static int32_t
s_due (pps_arena_t *arena, const char *session, Projects__OffsetUnit unit, int32_t offset)
{
    Pps__Date due = PPS__DATE__INIT;
    projects_rules_step_due (s_test_date (arena, session), unit, offset, &due);
    assert (pps_date_is_valid (&due));
    return s_ordinal (&due);
}

//  The plan step with key among steps, asserted present.
static Projects__PlanStep *
s_step_of (Projects__PlanStep **steps, size_t count, const char *key)
{
    for (size_t index = 0; index < count; index++)
        if (streq (steps [index]->key, key))
            return steps [index];
    assert (!"step present");
    return NULL;
}

//  The rétroplanning: calendar arithmetic, annex 2, plans moved, templates adapted.
static void
s_test_plans (pps_arena_t *arena, bool verbose)
{
    const Projects__OffsetUnit D = PROJECTS__OFFSET_UNIT__DAYS;
    const Projects__OffsetUnit W = PROJECTS__OFFSET_UNIT__WEEKS;
    const Projects__OffsetUnit M = PROJECTS__OFFSET_UNIT__MONTHS;

    //  Days: every day from 1999 to 2032 is one after the previous, and back
    Pps__Date day = PPS__DATE__INIT, next = PPS__DATE__INIT, back = PPS__DATE__INIT;
    pps_date_parse ("1999-01-01", &day);
    for (int index = 0; index < 12000; index++) {
        projects_rules_add_days (&day, 1, &next);
        assert (pps_date_is_valid (&next) && pps_date_compare (&next, &day) > 0);
        assert (projects_rules_days_between (&day, &next) == 1);
        projects_rules_add_days (&next, -1, &back);
        assert (pps_date_compare (&back, &day) == 0);
        day = next;
    }
    assert (s_ordinal (&day) == 20311109);
    assert (projects_rules_days_between (s_test_date (arena, "2024-02-28"),
                                         s_test_date (arena, "2024-03-01")) == 2);
    assert (projects_rules_days_between (s_test_date (arena, "2025-02-28"),
                                         s_test_date (arena, "2025-03-01")) == 1);
    assert (projects_rules_days_between (s_test_date (arena, "2026-01-01"),
                                         s_test_date (arena, "2025-12-01")) == -31);

    //  Annex 2's offsets from a session on Thursday 21 May 2026
    assert (s_due (arena, "2026-05-21", M, -2) == 20260321);     //  Mois-2
    assert (s_due (arena, "2026-05-21", M, -1) == 20260421);     //  Mois-1
    assert (s_due (arena, "2026-05-21", W, -3) == 20260430);     //  S-3: a Thursday too
    assert (s_due (arena, "2026-05-21", W, -2) == 20260507);
    assert (s_due (arena, "2026-05-21", W, -1) == 20260514);
    assert (s_due (arena, "2026-05-21", D, -3) == 20260518);     //  J-3
    assert (s_due (arena, "2026-05-21", D, -2) == 20260519);     //  J-2
    assert (s_due (arena, "2026-05-21", D, 0) == 20260521);
    assert (s_due (arena, "2026-05-21", W, 1) == 20260528);
    //  Months back keep the day, or take the month's last one
    assert (s_due (arena, "2026-05-31", M, -1) == 20260430);
    assert (s_due (arena, "2024-03-31", M, -1) == 20240229);     //  leap year
    assert (s_due (arena, "2025-03-31", M, -1) == 20250228);
    assert (s_due (arena, "2025-04-30", M, -2) == 20250228);
    assert (s_due (arena, "2026-01-15", M, -2) == 20251115);     //  into the year before
    assert (s_due (arena, "2026-02-10", M, -14) == 20241210);
    assert (s_due (arena, "2025-12-10", M, 2) == 20260210);      //  and after
    //  Weeks and days back over a year's end and February
    assert (s_due (arena, "2026-01-10", W, -3) == 20251220);
    assert (s_due (arena, "2024-03-02", D, -3) == 20240228);
    assert (s_due (arena, "2025-03-02", D, -3) == 20250227);

    //  Bounds and shapes
    assert (projects_rules_offset_valid (M, -24) && !projects_rules_offset_valid (M, -25));
    assert (projects_rules_offset_valid (W, 104) && !projects_rules_offset_valid (W, 105));
    assert (projects_rules_offset_valid (D, -730) && !projects_rules_offset_valid (D, 731));
    assert (!projects_rules_offset_valid (PROJECTS__OFFSET_UNIT__OFFSET_UNIT_UNSPECIFIED, 0));
    assert (projects_rules_phase_fits (PROJECTS__STEP_PHASE__BEFORE_SESSION, -1));
    assert (!projects_rules_phase_fits (PROJECTS__STEP_PHASE__BEFORE_SESSION, 0));
    assert (projects_rules_phase_fits (PROJECTS__STEP_PHASE__FOR_SESSION, 0));
    assert (!projects_rules_phase_fits (PROJECTS__STEP_PHASE__FOR_SESSION, 1));
    assert (projects_rules_phase_fits (PROJECTS__STEP_PHASE__DURING_SESSION, 0));
    assert (!projects_rules_phase_fits (PROJECTS__STEP_PHASE__DURING_SESSION, -1));
    assert (projects_rules_phase_fits (PROJECTS__STEP_PHASE__AFTER_SESSION, 0));
    assert (!projects_rules_phase_fits (PROJECTS__STEP_PHASE__AFTER_SESSION, -1));
    assert (!projects_rules_phase_fits (PROJECTS__STEP_PHASE__STEP_PHASE_UNSPECIFIED, 0));
    assert (projects_rules_step_key_valid ("post_posters") && projects_rules_step_key_valid ("j-3"));
    assert (!projects_rules_step_key_valid ("") && !projects_rules_step_key_valid ("Affiches"));
    assert (!projects_rules_step_key_valid ("a b") && !projects_rules_step_key_valid ("é"));
    assert (!projects_rules_step_key_valid ("abcdefghijklmnopqrstuvwxyz0123456"));
    assert (streq (projects_rules_offset_text (arena, M, -2), "Mois-2"));
    assert (streq (projects_rules_offset_text (arena, W, -3), "S-3"));
    assert (streq (projects_rules_offset_text (arena, D, -3), "J-3"));
    assert (streq (projects_rules_offset_text (arena, D, 0), "J"));
    assert (streq (projects_rules_offset_text (arena, D, 1), "J+1"));

    //  Annex 2's template: its steps are well formed, unique, in order
    Projects__TemplateStep **annex;
    size_t count = projects_rules_annex2 (arena, &annex);
    assert (count == 18);
    for (size_t index = 0; index < count; index++) {
        assert (projects_rules_step_key_valid (annex [index]->key));
        assert (projects_rules_offset_valid (annex [index]->unit, annex [index]->offset));
        assert (projects_rules_phase_fits (annex [index]->phase, annex [index]->offset));
        assert (*annex [index]->label && pps_text_is_clean (annex [index]->label));
        assert (strlen (annex [index]->label) <= PROJECTS_NOTE_MAX);
        for (size_t before = 0; before < index; before++) {
            assert (!streq (annex [before]->key, annex [index]->key));
            assert (s_offset_order (annex [before]) <= s_offset_order (annex [index]));
        }
    }
    assert (streq (annex [0]->key, "gather_wishes") && annex [0]->unit == M);

    //  A plan for 21 May 2026: due dates, in order, ties in the template's order
    Projects__PlanStep **steps = projects_rules_plan_steps (arena, annex, count,
                                                            s_test_date (arena, "2026-05-21"));
    for (size_t index = 0; index < count; index++) {
        assert (steps [index]->state == PROJECTS__STEP_STATE__TO_DO);
        if (index)
            assert (pps_date_compare (steps [index - 1]->due, steps [index]->due) <= 0);
        if (verbose)
            printf ("%s %d; ", steps [index]->key, s_ordinal (steps [index]->due));
    }
    assert (streq (steps [0]->key, "gather_wishes") && s_ordinal (steps [0]->due) == 20260321);
    assert (streq (steps [2]->key, "post_posters") && streq (steps [3]->key, "inform_partners"));
    assert (s_ordinal (s_step_of (steps, count, "participants_list")->due) == 20260518);
    assert (s_ordinal (s_step_of (steps, count, "report")->due) == 20260528);

    //  The session moves three weeks later: the steps not done follow it
    Projects__SessionPlan plan = PROJECTS__SESSION_PLAN__INIT;
    plan.date = s_test_date (arena, "2026-05-21");
    plan.steps = steps;
    plan.n_steps = count;
    Projects__PlanStep *gathered = projects_rules_plan_step (&plan, "gather_wishes");
    gathered->state = PROJECTS__STEP_STATE__DONE;
    gathered->done_on = s_test_date (arena, "2026-03-20");
    projects_rules_plan_step (&plan, "posters")->state = PROJECTS__STEP_STATE__NOT_APPLICABLE;
    assert (projects_rules_plan_step (&plan, "nothing") == NULL);
    assert (projects_rules_move_plan (arena, &plan, s_test_date (arena, "2026-06-11")) == count - 1);
    assert (s_ordinal (plan.date) == 20260611);
    assert (s_ordinal (gathered->due) == 20260321);              //  done: stays
    assert (s_ordinal (projects_rules_plan_step (&plan, "posters")->due) == 20260511);
    assert (s_ordinal (projects_rules_plan_step (&plan, "post_posters")->due) == 20260521);
    assert (s_ordinal (projects_rules_plan_step (&plan, "participants_list")->due) == 20260608);
    assert (s_ordinal (projects_rules_plan_step (&plan, "report")->due) == 20260618);
    for (size_t index = 1; index < plan.n_steps; index++)
        assert (pps_date_compare (plan.steps [index - 1]->due, plan.steps [index]->due) <= 0);
    //  Moved back before the step done: it keeps its day and its place by date
    assert (projects_rules_move_plan (arena, &plan, s_test_date (arena, "2026-04-02"))
            == count - 1);
    assert (streq (plan.steps [0]->key, "posters") && s_ordinal (plan.steps [0]->due) == 20260302);
    assert (streq (plan.steps [1]->key, "post_posters") && s_ordinal (plan.steps [1]->due) == 20260312);
    assert (streq (plan.steps [4]->key, "gather_wishes"));          //  21 March, after the 19th
    //  Moved to its own day: nothing moves
    assert (projects_rules_move_plan (arena, &plan, s_test_date (arena, "2026-04-02")) == 0);

    //  A region shifts "posters" to five weeks before and adds a step
    Projects__TemplateStep shifted = PROJECTS__TEMPLATE_STEP__INIT;
    shifted.key = "posters";
    shifted.label = "Faire des affiches (imprimerie de l'établissement)";
    shifted.phase = PROJECTS__STEP_PHASE__BEFORE_SESSION;
    shifted.unit = W;
    shifted.offset = -5;
    Projects__TemplateStep **adapted;
    const Projects__TemplateStep *replaced;
    size_t adapted_count = projects_rules_template_put (arena, annex, count, &shifted, &adapted,
                                                        &replaced);
    assert (adapted_count == count && replaced == annex [1]);
    assert (adapted [1] == &shifted && streq (adapted [0]->key, "gather_wishes"));
    Projects__TemplateStep booking = PROJECTS__TEMPLATE_STEP__INIT;
    booking.key = "book_room";
    booking.label = "Réserver la salle";
    booking.phase = PROJECTS__STEP_PHASE__BEFORE_SESSION;
    booking.unit = M;
    booking.offset = -1;                //  30.44 days: after S-5, before S-4 and S-3
    adapted_count = projects_rules_template_put (arena, adapted, adapted_count, &booking,
                                                 &adapted, &replaced);
    assert (adapted_count == count + 1 && replaced == NULL);
    assert (adapted [2] == &booking && streq (adapted [3]->key, "post_posters"));
    Projects__TemplateStep last_day = PROJECTS__TEMPLATE_STEP__INIT;
    last_day.key = "keys";
    last_day.label = "Demander les clés de la salle";
    last_day.phase = PROJECTS__STEP_PHASE__FOR_SESSION;
    last_day.unit = D;
    last_day.offset = -1;               //  joins the end of its day
    adapted_count = projects_rules_template_put (arena, adapted, adapted_count, &last_day,
                                                 &adapted, &replaced);
    assert (streq (adapted [12]->key, "call_list") && adapted [13] == &last_day);
    Projects__PlanStep **planned = projects_rules_plan_steps (arena, adapted, adapted_count,
                                                              s_test_date (arena, "2026-05-21"));
    assert (s_ordinal (s_step_of (planned, adapted_count, "posters")->due) == 20260416);
    assert (s_ordinal (s_step_of (planned, adapted_count, "book_room")->due) == 20260421);
    assert (streq (planned [1]->key, "posters") && streq (planned [2]->key, "book_room"));
    //  ... and removes one
    Projects__TemplateStep **removed;
    assert (projects_rules_template_remove (arena, adapted, adapted_count, "rules", &removed)
            == adapted_count - 1);
    for (size_t index = 0; index < adapted_count - 1; index++)
        assert (!streq (removed [index]->key, "rules"));
    assert (projects_rules_template_remove (arena, adapted, adapted_count, "none", &removed)
            == adapted_count);
}

void
projects_rules_test (bool verbose)
{
    pps_arena_t *arena = pps_arena_new ();
    const Projects__ProjectStatus U = PROJECTS__PROJECT_STATUS__PROJECT_STATUS_UNSPECIFIED;
    const Projects__ProjectStatus D = PROJECTS__PROJECT_STATUS__DRAFT;
    const Projects__ProjectStatus P = PROJECTS__PROJECT_STATUS__PLANNED;
    const Projects__ProjectStatus R = PROJECTS__PROJECT_STATUS__RUNNING;
    const Projects__ProjectStatus C = PROJECTS__PROJECT_STATUS__COMPLETED;
    const Projects__ProjectStatus A = PROJECTS__PROJECT_STATUS__ABANDONED;

    //  The lifecycle: every pair of statuses, against the expected table
    const char *allowed [] = { "DP", "DA", "PR", "PA", "RC", "RA" };
    const char letters [] = "UDPRCA";
    for (int from = (int) U; from <= (int) A; from++)
        for (int to = (int) U; to <= (int) A; to++) {
            bool expected = false;
            for (size_t index = 0; index < sizeof allowed / sizeof allowed [0]; index++)
                if (allowed [index][0] == letters [from] && allowed [index][1] == letters [to])
                    expected = true;
            if (verbose)
                printf ("%c->%c %d ", letters [from], letters [to], expected);
            assert (projects_rules_transition_allowed ((Projects__ProjectStatus) from,
                                                       (Projects__ProjectStatus) to) == expected);
        }
    assert (!projects_rules_transition_allowed (R, (Projects__ProjectStatus) 99));
    assert (!projects_rules_transition_allowed ((Projects__ProjectStatus) 99, R));
    assert (projects_rules_final (C) && projects_rules_final (A));
    assert (!projects_rules_final (D) && !projects_rules_final (P) && !projects_rules_final (R));
    assert (streq (projects_rules_status_name (R), "RUNNING"));
    assert (streq (projects_rules_status_name ((Projects__ProjectStatus) 99), "?"));
    assert (projects_rules_may_record (R) && projects_rules_may_record (C));
    assert (!projects_rules_may_record (D) && !projects_rules_may_record (P)
            && !projects_rules_may_record (A));

    //  Running periods
    const Projects__ProjectStatus draft_statuses [] = { D, P };
    const char *draft_dates [] = { "2025-01-10", "2025-02-01" };
    Projects__Project *planned = s_test_project (arena, 2, draft_statuses, draft_dates);
    const Pps__Date *start, *end;
    assert (!projects_rules_running_period (planned, &start, &end));
    assert (start == NULL && end == NULL);
    assert (!projects_rules_implemented (planned, NULL, NULL));
    assert (!projects_rules_in_running_period (planned, s_test_date (arena, "2025-02-01")));
    assert (pps_date_compare (projects_rules_last_change (planned),
                              s_test_date (arena, "2025-02-01")) == 0);
    Projects__Project empty = PROJECTS__PROJECT__INIT;
    assert (projects_rules_last_change (&empty) == NULL);

    const Projects__ProjectStatus running_statuses [] = { D, P, R };
    const char *running_dates [] = { "2024-09-01", "2024-10-01", "2024-11-15" };
    Projects__Project *running = s_test_project (arena, 3, running_statuses, running_dates);
    assert (projects_rules_running_period (running, &start, &end));
    assert (pps_date_ordinal (start) == 20241115 && end == NULL);

    const Projects__ProjectStatus completed_statuses [] = { D, P, R, C };
    const char *completed_dates [] = { "2024-01-05", "2024-02-01", "2024-03-01", "2024-12-20" };
    Projects__Project *completed = s_test_project (arena, 4, completed_statuses, completed_dates);
    assert (projects_rules_running_period (completed, &start, &end));
    assert (pps_date_ordinal (start) == 20240301 && pps_date_ordinal (end) == 20241220);

    const Projects__ProjectStatus stopped_statuses [] = { D, P, R, A };
    const char *stopped_dates [] = { "2025-01-05", "2025-02-01", "2025-03-01", "2025-03-01" };
    Projects__Project *stopped = s_test_project (arena, 4, stopped_statuses, stopped_dates);
    const Projects__ProjectStatus dropped_statuses [] = { D, A };
    const char *dropped_dates [] = { "2025-01-05", "2025-04-01" };
    Projects__Project *dropped = s_test_project (arena, 2, dropped_statuses, dropped_dates);

    //  Implemented during a period: running at some time within [from, to]
    Pps__Date *year_start = s_test_date (arena, "2025-01-01");
    Pps__Date *year_end = s_test_date (arena, "2025-12-31");
    Pps__Date unset = PPS__DATE__INIT;
    assert (projects_rules_implemented (running, year_start, year_end));  //  still runs
    assert (!projects_rules_implemented (completed, year_start, year_end)); //  ended in 2024
    assert (projects_rules_implemented (completed, s_test_date (arena, "2024-01-01"),
                                        s_test_date (arena, "2024-12-31")));
    assert (projects_rules_implemented (stopped, year_start, year_end));  //  ran one day
    assert (!projects_rules_implemented (dropped, year_start, year_end)); //  never ran
    //  Bounds are inclusive on both sides
    assert (projects_rules_implemented (completed, s_test_date (arena, "2024-12-20"), year_end));
    assert (!projects_rules_implemented (completed, s_test_date (arena, "2024-12-21"), year_end));
    assert (projects_rules_implemented (running, year_start, s_test_date (arena, "2024-11-15")));
    assert (!projects_rules_implemented (running, year_start, s_test_date (arena, "2024-11-14")));
    //  Open bounds
    assert (projects_rules_implemented (completed, &unset, &unset));
    assert (projects_rules_implemented (completed, NULL, s_test_date (arena, "2024-03-01")));
    assert (!projects_rules_implemented (completed, NULL, s_test_date (arena, "2024-02-29")));
    assert (projects_rules_implemented (running, s_test_date (arena, "2030-01-01"), NULL));
    assert (!projects_rules_implemented (completed, s_test_date (arena, "2030-01-01"), NULL));

    //  Sessions within the running period, ends included
    assert (projects_rules_in_running_period (completed, s_test_date (arena, "2024-03-01")));
    assert (projects_rules_in_running_period (completed, s_test_date (arena, "2024-12-20")));
    assert (!projects_rules_in_running_period (completed, s_test_date (arena, "2024-12-21")));
    assert (!projects_rules_in_running_period (completed, s_test_date (arena, "2024-02-29")));
    assert (projects_rules_in_running_period (running, s_test_date (arena, "2031-06-01")));
    assert (!projects_rules_in_running_period (running, s_test_date (arena, "2024-11-14")));

    //  Counts
    assert (projects_rules_counts_valid (PROJECTS__GROUP_KIND__CLOSED_GROUP, 12, 12));
    assert (projects_rules_counts_valid (PROJECTS__GROUP_KIND__CLOSED_GROUP, 12, 0));
    assert (!projects_rules_counts_valid (PROJECTS__GROUP_KIND__CLOSED_GROUP, 12, 13));
    assert (projects_rules_counts_valid (PROJECTS__GROUP_KIND__OPEN_GROUP, 0, 25));
    assert (!projects_rules_counts_valid (PROJECTS__GROUP_KIND__GROUP_KIND_UNSPECIFIED, 1, 2));

    s_test_plans (arena, verbose);

    pps_arena_destroy (&arena);
}
