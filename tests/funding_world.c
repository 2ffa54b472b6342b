/*  funding_world: the registry records and projects the funding tests refer
    to, made through those services' own APIs, and the funding records the
    tests send.  */
#include "funding_harness.h"

#define REGISTRY(upper, value) \
    fh_registry (self, REGISTRY__REGISTRY_REQUEST__OP_##upper, (value))

//  Create a region in the registry.
static void
s_region (fh_t *self, const char *code, const char *name)
{
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = (char *) code;
    region.name = (char *) name;
    REGISTRY (CREATE_REGION, &region);
}

//  Create an establishment; returns its id.
static uint64_t
s_establishment (fh_t *self, const char *code, const char *name, const char *region,
                 Registry__EstablishmentKind kind)
{
    Registry__Establishment establishment = REGISTRY__ESTABLISHMENT__INIT;
    establishment.code = (char *) code;
    establishment.name = (char *) name;
    establishment.kind = kind;
    establishment.region_code = (char *) region;
    establishment.capacity = 300;
    return REGISTRY (CREATE_ESTABLISHMENT, &establishment)->establishment->id;
}

//  Create a hospital of region 32; returns its id.
static uint64_t
s_hospital (fh_t *self, const char *name)
{
    Registry__Hospital hospital = REGISTRY__HOSPITAL__INIT;
    hospital.name = (char *) name;
    hospital.region_code = "32";
    return REGISTRY (CREATE_HOSPITAL, &hospital)->hospital->id;
}

//  Create a partner of region 32; returns its id.
static uint64_t
s_partner (fh_t *self, const char *name, Registry__PartnerKind kind)
{
    Registry__Partner partner = REGISTRY__PARTNER__INIT;
    partner.name = (char *) name;
    partner.kind = kind;
    partner.region_code = "32";
    return REGISTRY (CREATE_PARTNER, &partner)->partner->id;
}

uint64_t
fh_project (fh_t *self, uint64_t establishment_id, const char *title, int64_t budget,
            Projects__Theme theme, Projects__Theme other_theme)
{
    Projects__Project *project = (Projects__Project *)
        pps_arena_message (self->arena, &projects__project__descriptor);
    project->establishment_id = establishment_id;
    project->title = (char *) title;
    project->carrier = PROJECTS__CARRIER__HEALTH_UNIT;
    project->planned_budget_cents = budget;
    project->created_on = fh_date (self, 2025, 1, 15);
    project->themes = pps_arena_alloc (self->arena, 2 * sizeof (Projects__Theme));
    project->themes [project->n_themes++] = theme;
    if (other_theme)
        project->themes [project->n_themes++] = other_theme;
    Projects__ProjectsReply *reply = fh_projects (self, PROJECTS__PROJECTS_REQUEST__OP_CREATE_PROJECT,
                                                  project);
    CHECK (reply->project && reply->project->id);
    return reply->project->id;
}

void
fh_world (fh_t *self, fh_world_t *world)
{
    memset (world, 0, sizeof *world);
    s_region (self, "32", "Hauts-de-France");
    s_region (self, "11", "Île-de-France");
    world->establishments [0] = s_establishment (self, "F1", "MA Alpha", "32",
                                                 REGISTRY__ESTABLISHMENT_KIND__MA);
    world->establishments [1] = s_establishment (self, "F2", "CD Beta", "32",
                                                 REGISTRY__ESTABLISHMENT_KIND__CD);
    world->establishments [2] = s_establishment (self, "F3", "CP Gamma", "32",
                                                 REGISTRY__ESTABLISHMENT_KIND__CP);
    world->other_establishment = s_establishment (self, "F4", "MA Delta", "11",
                                                  REGISTRY__ESTABLISHMENT_KIND__MA);
    world->hospital = s_hospital (self, "CH Alpha");
    world->other_hospital = s_hospital (self, "CH Omega");

    Registry__HealthUnit unit = REGISTRY__HEALTH_UNIT__INIT;
    unit.name = "USMP Alpha";
    unit.establishment_id = world->establishments [0];
    unit.hospital_id = world->hospital;
    world->health_unit = REGISTRY (CREATE_HEALTH_UNIT, &unit)->health_unit->id;

    world->partner = s_partner (self, "IREPS Hauts-de-France", REGISTRY__PARTNER_KIND__IREPS);
    world->other_partner = s_partner (self, "CSAPA Beta", REGISTRY__PARTNER_KIND__CSAPA);
    Registry__Cpom cpom = REGISTRY__CPOM__INIT;
    cpom.region_code = "32";
    cpom.title = "CPOM ARS / IREPS 2024-2026";
    cpom.partner_id = world->partner;
    cpom.start_date = fh_date (self, 2024, 1, 1);
    cpom.end_date = fh_date (self, 2026, 12, 31);
    cpom.includes_prison_health_promotion = true;
    world->cpom = REGISTRY (CREATE_CPOM, &cpom)->cpom->id;

    world->projects [0] = fh_project (self, world->establishments [0], "Réduction des risques",
                                      FH_BUDGET_0, PROJECTS__THEME__ADDICTIONS_HARM_REDUCTION,
                                      PROJECTS__THEME__SEXUAL_HEALTH);
    world->projects [1] = fh_project (self, world->establishments [1], "Sans tabac",
                                      FH_BUDGET_1, PROJECTS__THEME__TOBACCO,
                                      PROJECTS__THEME__NUTRITION);
    world->projects [2] = fh_project (self, world->other_establishment, "Ailleurs",
                                      FH_BUDGET_1, PROJECTS__THEME__TOBACCO, 0);
    world->projects [3] = fh_project (self, world->establishments [1], "Bien-être",
                                      FH_BUDGET_3, PROJECTS__THEME__MENTAL_WELLBEING, 0);
}

//  ---------------------------------------------------------------- funding records

Funding__Funder *
fh_funder (fh_t *self, Funding__FunderKind kind, Funding__FunderLevel level, const char *region,
           const char *name)
{
    Funding__Funder *funder = (Funding__Funder *)
        pps_arena_message (self->arena, &funding__funder__descriptor);
    funder->kind = kind;
    funder->level = level;
    funder->region_code = (char *) region;
    funder->name = (char *) name;
    return funder;
}

Funding__Call *
fh_call (fh_t *self, const char *title, int64_t envelope, uint64_t funder, uint64_t other_funder)
{
    Funding__Call *call = (Funding__Call *) pps_arena_message (self->arena, &funding__call__descriptor);
    call->title = (char *) title;
    call->year = 2025;
    call->envelope_cents = envelope;
    call->opening_date = fh_date (self, 2025, 3, 1);
    call->closing_date = fh_date (self, 2025, 4, 30);
    call->funder_ids = pps_arena_alloc (self->arena, 2 * sizeof (uint64_t));
    call->funder_ids [call->n_funder_ids++] = funder;
    if (other_funder)
        call->funder_ids [call->n_funder_ids++] = other_funder;
    return call;
}

Funding__Application *
fh_application (fh_t *self, uint64_t call_id, uint64_t funder_id, uint64_t project_id,
                int64_t amount, Pps__Date *submitted)
{
    Funding__Application *application = (Funding__Application *)
        pps_arena_message (self->arena, &funding__application__descriptor);
    application->call_id = call_id;
    application->funder_id = funder_id;
    application->project_id = project_id;
    application->amount_requested_cents = amount;
    application->submitted_on = submitted ? submitted : fh_date (self, 2025, 3, 15);
    return application;
}

Funding__Decision *
fh_decision (fh_t *self, uint64_t application_id, Funding__ApplicationStatus status,
             int64_t amount, Pps__Date *date, const char *reason)
{
    Funding__Decision *decision = (Funding__Decision *)
        pps_arena_message (self->arena, &funding__decision__descriptor);
    decision->application_id = application_id;
    decision->status = status;
    decision->amount_granted_cents = amount;
    decision->decision_date = date ? date : fh_date (self, 2025, 6, 1);
    decision->rejection_reason = (char *) (reason ? reason : "");
    return decision;
}

Funding__CallTransition *
fh_transition (fh_t *self, uint64_t call_id, Funding__CallStatus status, Pps__Date *date)
{
    Funding__CallTransition *transition = (Funding__CallTransition *)
        pps_arena_message (self->arena, &funding__call_transition__descriptor);
    transition->call_id = call_id;
    transition->status = status;
    transition->date = date;
    return transition;
}

Funding__Application *
fh_submit_ok (fh_t *self, Funding__Application *application, const char *file, int line)
{
    Funding__FundingReply *reply = fh_funding (
        self, FUNDING__FUNDING_REQUEST__OP_SUBMIT_APPLICATION, application, NULL);
    fh_expect (reply, PPS__CODE__OK, NULL, file, line);
    return reply->application;
}

Funding__Application *
fh_decide_ok (fh_t *self, Funding__Decision *decision, const char *file, int line)
{
    Funding__FundingReply *reply = fh_funding (
        self, FUNDING__FUNDING_REQUEST__OP_DECIDE_APPLICATION, decision, NULL);
    fh_expect (reply, PPS__CODE__OK, NULL, file, line);
    return reply->application;
}

Funding__Call *
fh_transition_ok (fh_t *self, Funding__CallTransition *transition, const char *file, int line)
{
    Funding__FundingReply *reply = fh_funding (
        self, FUNDING__FUNDING_REQUEST__OP_TRANSITION_CALL, transition, NULL);
    fh_expect (reply, PPS__CODE__OK, NULL, file, line);
    return reply->call;
}
