/*  sample_funding: loads a region's sample funding through the funding API.  */
#include "sample_funding.h"
#include "sample_call.h"

#include "pps_client.h"
#include "pps_date.h"
#include "pps_money.h"
#include "pps_reflect.h"
#include "funding.pb-c.h"
#include "projects.pb-c.h"
#include "registry.pb-c.h"

#define CALL_MS   10000               //  Longer than the funding service's peer checks

//  Each write has its own step number, whatever the region's data, so that
//  a second load sends the same request ids for the same changes.
enum {
    STEP_FUNDERS = 1,                 //  1..4
    STEP_CALL = 5,
    STEP_OPEN = 6,
    STEP_APPLICATIONS = 10,           //  10..19
    STEP_CLOSE = 20,
    STEP_DECISIONS = 30,              //  30..39
    STEP_DECIDED = 40,
    STEP_ALLOCATION = 50,
    STEP_INDIRECT = 51
};

enum { FIR, DISP, MILDECA, CONVENTION, FUNDERS };

typedef struct {
    Funding__FunderKind kind;
    Funding__FunderLevel level;
    const char *name;
} sample_funder_t;

static const sample_funder_t s_funders [FUNDERS] = {
    { FUNDING__FUNDER_KIND__FIR, FUNDING__FUNDER_LEVEL__REGIONAL,
      "ARS - Fonds d'intervention régional (exemple)" },
    { FUNDING__FUNDER_KIND__DISP_DRUG_FUND, FUNDING__FUNDER_LEVEL__REGIONAL,
      "DISP - fonds de concours drogue (exemple)" },
    { FUNDING__FUNDER_KIND__MILDECA, FUNDING__FUNDER_LEVEL__NATIONAL,
      "MILDECA (exemple)" },
    { FUNDING__FUNDER_KIND__HOSPITAL_CONVENTION, FUNDING__FUNDER_LEVEL__LOCAL,
      "Convention ARS / centre hospitalier de rattachement (exemple)" },
};

//  The applications of the joint call: which sample project asks which
//  funder for what share of its budget, and what is decided.
typedef struct {
    size_t project;                   //  Index among the region's live projects
    int funder;                       //  FIR or DISP
    int64_t share_percent;            //  Of the planned budget
    Funding__ApplicationStatus decision;
    int64_t granted_percent;          //  Of the amount requested
    const char *reason;
} sample_application_t;

static const sample_application_t s_plan [] = {
    { 0, FIR,  60, FUNDING__APPLICATION_STATUS__GRANTED,        100, NULL },
    { 0, DISP, 40, FUNDING__APPLICATION_STATUS__PARTLY_GRANTED,  50, NULL },
    { 1, FIR, 100, FUNDING__APPLICATION_STATUS__PARTLY_GRANTED,  70, NULL },
    { 2, DISP, 100, FUNDING__APPLICATION_STATUS__REJECTED,         0,
      "Hors des priorités du fonds de concours drogue pour 2025 (exemple)" },
};
#define APPLICATION_COUNT (sizeof s_plan / sizeof s_plan [0])

typedef struct {
    pps_client_t *funding;
    pps_client_t *projects;
    pps_client_t *registry;
    pps_arena_t *arena;
    const char *region;
    bool failed;
    uint64_t funders [FUNDERS];
    uint64_t call_id;
} sample_t;

//  Send one funding write under the step's fixed request id; returns the
//  reply, or NULL (logged, and the load marked failed) when refused.
static Funding__FundingReply *
s_write (sample_t *self, unsigned step, Funding__FundingRequest *request)
{
    char request_id [64], what [64];
    snprintf (request_id, sizeof request_id, "sample-%s-funding-%u", self->region, step);
    snprintf (what, sizeof what, "funding step %u", step);
    return (Funding__FundingReply *) sample_call (
        self->funding, self->arena, &request->base, &funding__funding_reply__descriptor,
        request_id, what, &self->failed);
}

//  Send a read to another service; returns its reply or NULL (logged).
static ProtobufCMessage *
s_read (sample_t *self, pps_client_t *client, ProtobufCMessage *request,
        const ProtobufCMessageDescriptor *reply_descriptor, const char *what)
{
    return sample_call (client, self->arena, request, reply_descriptor, NULL, what, &self->failed);
}

//  A date in the sample's arena.
static Pps__Date *
s_date (sample_t *self, int year, int month, int day)
{
    Pps__Date *date = (Pps__Date *) pps_arena_message (self->arena, &pps__date__descriptor);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

//  The funders of the region and the joint ARS/DISP call of 2025, opened.
static void
s_funders_and_call (sample_t *self)
{
    for (int index = 0; index < FUNDERS; index++) {
        Funding__Funder funder = FUNDING__FUNDER__INIT;
        funder.kind = s_funders [index].kind;
        funder.level = s_funders [index].level;
        funder.name = (char *) s_funders [index].name;
        funder.region_code = (char *) (funder.level == FUNDING__FUNDER_LEVEL__NATIONAL
                                       ? "" : self->region);
        Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
        request.op_case = FUNDING__FUNDING_REQUEST__OP_CREATE_FUNDER;
        request.create_funder = &funder;
        Funding__FundingReply *reply = s_write (self, STEP_FUNDERS + (unsigned) index, &request);
        if (reply)
            self->funders [index] = reply->funder->id;
    }
    Funding__Call call = FUNDING__CALL__INIT;
    uint64_t joint [] = { self->funders [FIR], self->funders [DISP] };
    call.title = "Appel à projets conjoint ARS / DISP 2025 : santé en détention (exemple)";
    call.funder_ids = joint;
    call.n_funder_ids = 2;
    call.coordinated_instruction = true;
    call.year = 2025;
    call.envelope_cents = 1500000;
    call.opening_date = s_date (self, 2025, 3, 1);
    call.closing_date = s_date (self, 2025, 4, 30);
    Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
    request.op_case = FUNDING__FUNDING_REQUEST__OP_CREATE_CALL;
    request.create_call = &call;
    Funding__FundingReply *reply = s_write (self, STEP_CALL, &request);
    if (reply)
        self->call_id = reply->call->id;
}

//  Move the call to status on date.
static void
s_transition (sample_t *self, unsigned step, Funding__CallStatus status, Pps__Date *date)
{
    Funding__CallTransition transition = FUNDING__CALL_TRANSITION__INIT;
    transition.call_id = self->call_id;
    transition.status = status;
    transition.date = date;
    Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
    request.op_case = FUNDING__FUNDING_REQUEST__OP_TRANSITION_CALL;
    request.transition_call = &transition;
    s_write (self, step, &request);
}

//  The region's projects that may still ask money (not abandoned), in id order.
static Projects__ProjectList *
s_live_projects (sample_t *self)
{
    Projects__ProjectFilter filter = PROJECTS__PROJECT_FILTER__INIT;
    filter.region_code = (char *) self->region;
    Projects__ProjectsRequest request = PROJECTS__PROJECTS_REQUEST__INIT;
    request.op_case = PROJECTS__PROJECTS_REQUEST__OP_LIST_PROJECTS;
    request.list_projects = &filter;
    Projects__ProjectsReply *reply = (Projects__ProjectsReply *) s_read (
        self, self->projects, &request.base, &projects__projects_reply__descriptor,
        "the region's projects");
    if (!reply)
        return NULL;
    Projects__ProjectList *live = (Projects__ProjectList *)
        pps_arena_message (self->arena, &projects__project_list__descriptor);
    for (size_t index = 0; index < reply->projects->n_items; index++)
        if (reply->projects->items [index]->status != PROJECTS__PROJECT_STATUS__ABANDONED)
            pps_arena_push (self->arena, (void ***) &live->items, &live->n_items,
                            reply->projects->items [index]);
    return live;
}

//  percent of cents, at least one euro.
static int64_t
s_share (int64_t cents, int64_t percent)
{
    int64_t product;
    if (pps_money_mul (cents, percent, &product))
        return 100;
    return product / 100 >= 100 ? product / 100 : 100;
}

//  The applications of the sample projects, then (once the call is closed)
//  their decisions.
static void
s_applications (sample_t *self)
{
    Projects__ProjectList *projects = s_live_projects (self);
    if (!projects)
        return;
    if (projects->n_items == 0)
        zsys_warning ("sample funding: region %s has no project; the call gets no application",
                      self->region);
    uint64_t ids [APPLICATION_COUNT] = { 0 };
    int64_t requested [APPLICATION_COUNT] = { 0 };
    for (size_t index = 0; index < APPLICATION_COUNT; index++) {
        const sample_application_t *spec = &s_plan [index];
        if (spec->project >= projects->n_items)
            continue;
        Projects__Project *project = projects->items [spec->project];
        int64_t budget = project->planned_budget_cents > 0 ? project->planned_budget_cents : 500000;
        Funding__Application application = FUNDING__APPLICATION__INIT;
        application.call_id = self->call_id;
        application.funder_id = self->funders [spec->funder];
        application.project_id = project->id;
        application.amount_requested_cents = requested [index] = s_share (budget, spec->share_percent);
        application.submitted_on = s_date (self, 2025, 3, 10 + (int) index);
        Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
        request.op_case = FUNDING__FUNDING_REQUEST__OP_SUBMIT_APPLICATION;
        request.submit_application = &application;
        Funding__FundingReply *reply = s_write (self, STEP_APPLICATIONS + (unsigned) index, &request);
        if (reply)
            ids [index] = reply->application->id;
    }
    s_transition (self, STEP_CLOSE, FUNDING__CALL_STATUS__CLOSED, s_date (self, 2025, 5, 2));
    for (size_t index = 0; index < APPLICATION_COUNT; index++) {
        if (!ids [index])
            continue;
        const sample_application_t *spec = &s_plan [index];
        Funding__Decision decision = FUNDING__DECISION__INIT;
        decision.application_id = ids [index];
        decision.status = spec->decision;
        decision.amount_granted_cents = spec->decision == FUNDING__APPLICATION_STATUS__GRANTED
            ? requested [index] : requested [index] * spec->granted_percent / 100;
        decision.decision_date = s_date (self, 2025, 6, 10 + (int) index);
        decision.rejection_reason = (char *) (spec->reason ? spec->reason : "");
        Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
        request.op_case = FUNDING__FUNDING_REQUEST__OP_DECIDE_APPLICATION;
        request.decide_application = &decision;
        s_write (self, STEP_DECISIONS + (unsigned) index, &request);
    }
    s_transition (self, STEP_DECIDED, FUNDING__CALL_STATUS__DECIDED, s_date (self, 2025, 6, 30));
}

//  A budget for the region's first health unit, by convention with its hospital.
static void
s_allocation (sample_t *self)
{
    Registry__HealthUnitFilter filter = REGISTRY__HEALTH_UNIT_FILTER__INIT;
    filter.region_code = (char *) self->region;
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_HEALTH_UNITS;
    request.list_health_units = &filter;
    Registry__RegistryReply *reply = (Registry__RegistryReply *) s_read (
        self, self->registry, &request.base, &registry__registry_reply__descriptor,
        "the region's health units");
    if (!reply)
        return;
    if (reply->health_units->n_items == 0) {
        zsys_warning ("sample funding: region %s has no health unit; no allocation", self->region);
        return;
    }
    Funding__Allocation allocation = FUNDING__ALLOCATION__INIT;
    allocation.health_unit_id = reply->health_units->items [0]->id;
    allocation.funder_id = self->funders [CONVENTION];
    allocation.amount_cents = 1200000;
    allocation.year = 2025;
    allocation.purpose = "Temps de coordination des actions de promotion de la santé de l'USMP (exemple)";
    allocation.convention_reference = "CONV-PPS-2025-01 (exemple)";
    allocation.signed_on = s_date (self, 2025, 2, 14);
    Funding__FundingRequest write = FUNDING__FUNDING_REQUEST__INIT;
    write.op_case = FUNDING__FUNDING_REQUEST__OP_CREATE_ALLOCATION;
    write.create_allocation = &allocation;
    s_write (self, STEP_ALLOCATION, &write);
}

//  The registry's list reply for op, with a region filter.
static Registry__RegistryReply *
s_region_list (sample_t *self, Registry__RegistryRequest__OpCase op, const char *what)
{
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    Registry__ByRegion by_region = REGISTRY__BY_REGION__INIT;
    Registry__EstablishmentFilter filter = REGISTRY__ESTABLISHMENT_FILTER__INIT;
    by_region.region_code = filter.region_code = (char *) self->region;
    request.op_case = op;
    if (op == REGISTRY__REGISTRY_REQUEST__OP_LIST_CPOMS)
        request.list_cpoms = &by_region;
    else
        request.list_establishments = &filter;
    return (Registry__RegistryReply *) s_read (self, self->registry, &request.base,
                                               &registry__registry_reply__descriptor, what);
}

//  A partner funded under a CPOM of 2025 that intervenes in the first establishment.
static void
s_indirect (sample_t *self)
{
    Registry__RegistryReply *cpoms = s_region_list (self, REGISTRY__REGISTRY_REQUEST__OP_LIST_CPOMS,
                                                    "the region's CPOMs");
    Registry__RegistryReply *establishments = s_region_list (
        self, REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS, "the region's establishments");
    if (!cpoms || !establishments)
        return;
    Registry__Cpom *cpom = NULL;
    for (size_t index = 0; index < cpoms->cpoms->n_items && !cpom; index++) {
        Registry__Cpom *candidate = cpoms->cpoms->items [index];
        int32_t start = pps_date_ordinal (candidate->start_date);
        int32_t end = pps_date_ordinal (candidate->end_date);
        if (candidate->partner_id && start <= 20251231 && (end == 0 || end >= 20250101))
            cpom = candidate;
    }
    if (!cpom || establishments->establishments->n_items == 0) {
        zsys_warning ("sample funding: region %s has no partner CPOM for 2025 or no "
                      "establishment; no indirect funding", self->region);
        return;
    }
    Funding__IndirectFunding indirect = FUNDING__INDIRECT_FUNDING__INIT;
    indirect.partner_id = cpom->partner_id;
    indirect.cpom_id = cpom->id;
    indirect.establishment_id = establishments->establishments->items [0]->id;
    indirect.year = 2025;
    indirect.description = "Ateliers de compétences psychosociales menés au titre du CPOM (exemple)";
    indirect.estimated_cents = 400000;
    Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
    request.op_case = FUNDING__FUNDING_REQUEST__OP_CREATE_INDIRECT_FUNDING;
    request.create_indirect_funding = &indirect;
    s_write (self, STEP_INDIRECT, &request);
}

//  ---------------------------------------------------------------- years
//  The funding of the other years: a call of the FIR alone in 2023 (the
//  funders did not yet concert: OO 1.3 is no), joint ARS/DISP calls from
//  2024, a MILDECA call and a second FIR round in 2025, a regional FLCA
//  call in 2026, the call of 2027 open since November 2026 with an
//  application waiting; allocations by convention and indirect funding
//  through the CPOMs of every year. Applications name their project by
//  its title (the years' projects, sample_projects.c). Steps from
//  STEP_YEARS on, one block of CALL_STEPS per call.

enum {
    STEP_FLCA = 100,                  //  The funder the first records did not have
    STEP_YEARS = 200,                 //  Call n: STEP_YEARS + n * CALL_STEPS + ...
    CALL_STEPS = 40,
    AT_CALL = 0, AT_OPEN = 1, AT_APPLICATIONS = 2, AT_CLOSE = 12, AT_DECISIONS = 13,
    AT_DECIDED = 23,
    STEP_ALLOCATIONS = 600,           //  600..649
    STEP_INDIRECTS = 650              //  650..699
};

#define FLCA        FUNDERS           //  Its index among the region's funders
#define NO_FUNDER   -1
#define MAX_GRANTS  6

typedef struct {
    const char *project;              //  Its title; NULL ends the list
    int funder;
    int64_t share_percent;            //  Of the project's planned budget
    const char *submitted;
    Funding__ApplicationStatus decision;        //  0: waits for a decision
    int64_t granted_percent;          //  Of the amount requested, when partly granted
    const char *decided;
    const char *reason;
} sample_grant_t;

typedef struct {
    int year;
    const char *title;
    int funders [2];                  //  NO_FUNDER for none
    bool coordinated;
    int64_t envelope_cents;
    const char *opening;
    const char *closing;
    const char *closed;               //  NULL: still open
    const char *decided;
    sample_grant_t grants [MAX_GRANTS];
} sample_call_t;

#define GRANTED         FUNDING__APPLICATION_STATUS__GRANTED
#define PARTLY          FUNDING__APPLICATION_STATUS__PARTLY_GRANTED
#define REJECTED        FUNDING__APPLICATION_STATUS__REJECTED

static const sample_call_t s_calls [] = {
    {   2023, "Appel à projets 2023 : prévention et promotion de la santé des personnes détenues "
        "(exemple)", { FIR, NO_FUNDER }, false, 1000000,
        "2023-03-15", "2023-05-15", "2023-05-16", "2023-07-03", {
        { "Accueil santé au quartier arrivants (exemple)", FIR, 80, "2023-04-03", GRANTED, 0,
          "2023-06-20", NULL },
        { "Prévention du VIH et des hépatites : dépistage rapide (exemple)", FIR, 100, "2023-04-12",
          PARTLY, 60, "2023-06-20", NULL },
        { "Atelier cuisine et équilibre alimentaire (exemple)", FIR, 100, "2023-03-28", GRANTED, 0,
          "2023-06-21", NULL },
        { "Sport-santé en détention (exemple)", FIR, 25, "2023-05-02", REJECTED, 0, "2023-06-21",
          "Dossier incomplet : budget prévisionnel à détailler (exemple)" } } },
    {   2024, "Appel à projets conjoint ARS / DISP 2024 : santé en détention (exemple)",
        { FIR, DISP }, true, 2000000, "2024-02-15", "2024-04-15", "2024-04-16", "2024-06-28", {
        { "Atelier estime de soi et socio-esthétique (exemple)", FIR, 70, "2024-02-26", GRANTED, 0,
          "2024-06-14", NULL },
        { "Atelier estime de soi et socio-esthétique (exemple)", DISP, 30, "2024-02-26", GRANTED, 0,
          "2024-06-14", NULL },
        { "Éducation à la santé affective et sexuelle des mineurs (exemple)", FIR, 100, "2024-03-05",
          PARTLY, 80, "2024-06-14", NULL },
        { "Parentalité et santé de l'enfant au parloir familles (exemple)", FIR, 100, "2024-04-02",
          GRANTED, 0, "2024-06-17", NULL },
        { "Sport-santé en détention (exemple)", DISP, 25, "2024-03-18", GRANTED, 0, "2024-06-17",
          NULL } } },
    {   2025, "Appel à projets MILDECA 2025 : conduites addictives des jeunes sous main de justice "
        "(exemple)", { MILDECA, NO_FUNDER }, false, 5000000,
        "2025-01-20", "2025-03-14", "2025-03-17", "2025-05-23", {
        { "Prévention des addictions chez les mineurs : écrans et produits (exemple)", MILDECA, 100,
          "2025-02-10", GRANTED, 0, "2025-05-12", NULL } } },
    {   2025, "Appel à projets FIR 2025, second semestre : santé en détention (exemple)",
        { FIR, NO_FUNDER }, true, 1000000, "2025-06-02", "2025-07-31", "2025-08-01", "2025-10-10", {
        { "Premiers secours en santé mentale entre codétenus (exemple)", FIR, 50, "2025-06-16",
          GRANTED, 0, "2025-09-26", NULL },
        { "Dépistage des cancers et vaccination HPV (exemple)", FIR, 100, "2025-06-20", GRANTED, 0,
          "2025-09-26", NULL },
        { "Hygiène et prévention des infections en cellule (exemple)", FIR, 60, "2025-06-23",
          PARTLY, 60, "2025-09-29", NULL } } },
    {   2026, "Appel à projets conjoint ARS / DISP 2026 : santé en détention (exemple)",
        { FIR, DISP }, true, 2500000, "2026-02-02", "2026-03-31", "2026-04-01", "2026-06-19", {
        { "Semaine de la santé mentale en détention (exemple)", FIR, 60, "2026-02-16", GRANTED, 0,
          "2026-06-05", NULL },
        { "Semaine de la santé mentale en détention (exemple)", DISP, 40, "2026-02-16", PARTLY, 50,
          "2026-06-05", NULL },
        { "Premiers secours en santé mentale entre codétenus (exemple)", FIR, 50, "2026-02-20",
          PARTLY, 80, "2026-06-05", NULL },
        { "Sport-santé en détention (exemple)", DISP, 25, "2026-03-02", GRANTED, 0, "2026-06-08",
          NULL },
        { "Hygiène et prévention des infections en cellule (exemple)", FIR, 40, "2026-03-09",
          REJECTED, 0, "2026-06-08",
          "Déjà soutenu en 2025 ; à présenter au titre du CPOM (exemple)" } } },
    {   2026, "Appel à projets régional FLCA 2026 : tabac et addictions en détention (exemple)",
        { FLCA, NO_FUNDER }, true, 1500000, "2026-04-01", "2026-05-31", "2026-06-01", "2026-07-10", {
        { "Aide à l'arrêt du tabac (exemple)", FLCA, 100, "2026-04-20", GRANTED, 0, "2026-07-03",
          NULL } } },
    {   2027, "Appel à projets conjoint ARS / DISP 2027 : santé en détention (exemple)",
        { FIR, DISP }, true, 2500000, "2026-11-16", "2027-01-15", NULL, NULL, {
        { "Prévention des chutes et de la perte d'autonomie (exemple)", FIR, 100, "2026-11-30",
          0, 0, NULL, NULL } } },
};

//  Budgets given to health units (by their index in the region's list)
//  through the convention with their hospital.
typedef struct {
    size_t unit;
    int year;
    int64_t cents;
    const char *signed_on;
    const char *reference;
} sample_allocation_t;

static const sample_allocation_t s_allocations [] = {
    { 6, 2023, 800000, "2023-03-08", "CONV-PPS-2023-01 (exemple)" },
    { 6, 2024, 900000, "2024-02-20", "CONV-PPS-2024-01 (exemple)" },
    { 10, 2024, 400000, "2024-03-12", "CONV-PPS-2024-02 (exemple)" },
    { 10, 2025, 450000, "2025-03-04", "CONV-PPS-2025-02 (exemple)" },
    { 0, 2026, 1200000, "2026-02-12", "CONV-PPS-2026-01 (exemple)" },
    { 6, 2026, 950000, "2026-02-19", "CONV-PPS-2026-02 (exemple)" },
    { 10, 2026, 450000, "2026-03-05", "CONV-PPS-2026-03 (exemple)" },
};

//  Partners funded under a CPOM (by its title) intervening in an establishment.
typedef struct {
    const char *cpom;
    size_t establishment;
    int year;
    const char *description;
    int64_t estimated_cents;
} sample_indirect_t;

static const sample_indirect_t s_indirects [] = {
    { "CPOM ARS / IREPS 2019-2023 (exemple)", 6, 2023,
      "Formation de relais santé parmi les personnes détenues au titre du CPOM (exemple)", 150000 },
    { "CPOM ARS / IREPS 2024-2028 (exemple)", 1, 2024,
      "Appui méthodologique aux projets de l'établissement (exemple)", 300000 },
    { "CPOM ARS / IREPS 2024-2028 (exemple)", 3, 2026,
      "Ateliers de compétences psychosociales au quartier mineurs (exemple)", 350000 },
};

static Pps__Date *
s_day (sample_t *self, const char *text)
{
    return sample_date (self->arena, text);
}

//  The region's funders: those of the first records (their creations,
//  replayed, give their ids) and the FLCA.
static void
s_years_funders (sample_t *self, uint64_t *funders)
{
    for (int index = 0; index <= FUNDERS; index++) {
        bool flca = index == FUNDERS;
        Funding__Funder funder = FUNDING__FUNDER__INIT;
        funder.kind = flca ? FUNDING__FUNDER_KIND__FLCA_REGIONAL : s_funders [index].kind;
        funder.level = flca ? FUNDING__FUNDER_LEVEL__REGIONAL : s_funders [index].level;
        funder.name = flca ? "ARS - Fonds de lutte contre les addictions, appels régionaux (exemple)"
                           : (char *) s_funders [index].name;
        funder.region_code = (char *) (funder.level == FUNDING__FUNDER_LEVEL__NATIONAL
                                       ? "" : self->region);
        Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
        request.op_case = FUNDING__FUNDING_REQUEST__OP_CREATE_FUNDER;
        request.create_funder = &funder;
        Funding__FundingReply *reply = s_write (
            self, flca ? STEP_FLCA : STEP_FUNDERS + (unsigned) index, &request);
        funders [index] = reply ? reply->funder->id : 0;
    }
}

//  The id of the region's project with that title, and its budget; 0 when none.
static uint64_t
s_project (Projects__ProjectList *projects, const char *title, int64_t *budget_p)
{
    for (size_t index = 0; projects && index < projects->n_items; index++)
        if (streq (projects->items [index]->title, title)) {
            *budget_p = projects->items [index]->planned_budget_cents > 0
                      ? projects->items [index]->planned_budget_cents : 500000;
            return projects->items [index]->id;
        }
    return 0;
}

static void
s_years_call (sample_t *self, unsigned base, const sample_call_t *spec, const uint64_t *funders,
              Projects__ProjectList *projects)
{
    Funding__Call call = FUNDING__CALL__INIT;
    uint64_t ids [2];
    for (int index = 0; index < 2 && spec->funders [index] != NO_FUNDER; index++)
        ids [call.n_funder_ids++] = funders [spec->funders [index]];
    call.title = (char *) spec->title;
    call.funder_ids = ids;
    call.coordinated_instruction = spec->coordinated;
    call.year = spec->year;
    call.envelope_cents = spec->envelope_cents;
    call.opening_date = s_day (self, spec->opening);
    call.closing_date = s_day (self, spec->closing);
    Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
    request.op_case = FUNDING__FUNDING_REQUEST__OP_CREATE_CALL;
    request.create_call = &call;
    Funding__FundingReply *reply = s_write (self, base + AT_CALL, &request);
    if (!reply)
        return;
    self->call_id = reply->call->id;
    s_transition (self, base + AT_OPEN, FUNDING__CALL_STATUS__OPEN, s_day (self, spec->opening));
    uint64_t applications [MAX_GRANTS] = { 0 };
    int64_t requested [MAX_GRANTS] = { 0 };
    for (size_t index = 0; index < MAX_GRANTS && spec->grants [index].project; index++) {
        const sample_grant_t *grant = &spec->grants [index];
        int64_t budget = 0;
        uint64_t project = s_project (projects, grant->project, &budget);
        if (!project)
            continue;             //  The projects' years are not loaded
        Funding__Application application = FUNDING__APPLICATION__INIT;
        application.call_id = self->call_id;
        application.funder_id = funders [grant->funder];
        application.project_id = project;
        application.amount_requested_cents = requested [index] = s_share (budget, grant->share_percent);
        application.submitted_on = s_day (self, grant->submitted);
        request.op_case = FUNDING__FUNDING_REQUEST__OP_SUBMIT_APPLICATION;
        request.submit_application = &application;
        reply = s_write (self, base + AT_APPLICATIONS + (unsigned) index, &request);
        if (reply)
            applications [index] = reply->application->id;
    }
    if (!spec->closed)
        return;                   //  Still open: its applications wait
    s_transition (self, base + AT_CLOSE, FUNDING__CALL_STATUS__CLOSED, s_day (self, spec->closed));
    for (size_t index = 0; index < MAX_GRANTS; index++) {
        const sample_grant_t *grant = &spec->grants [index];
        if (!applications [index])
            continue;
        Funding__Decision decision = FUNDING__DECISION__INIT;
        decision.application_id = applications [index];
        decision.status = grant->decision;
        decision.amount_granted_cents = grant->decision == GRANTED ? requested [index]
                                      : grant->decision == PARTLY
                                      ? requested [index] * grant->granted_percent / 100 : 0;
        decision.decision_date = s_day (self, grant->decided);
        decision.rejection_reason = (char *) (grant->reason ? grant->reason : "");
        request.op_case = FUNDING__FUNDING_REQUEST__OP_DECIDE_APPLICATION;
        request.decide_application = &decision;
        s_write (self, base + AT_DECISIONS + (unsigned) index, &request);
    }
    s_transition (self, base + AT_DECIDED, FUNDING__CALL_STATUS__DECIDED, s_day (self, spec->decided));
}

static void
s_years_allocations (sample_t *self, const uint64_t *funders)
{
    Registry__HealthUnitFilter filter = REGISTRY__HEALTH_UNIT_FILTER__INIT;
    filter.region_code = (char *) self->region;
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_HEALTH_UNITS;
    request.list_health_units = &filter;
    Registry__RegistryReply *reply = (Registry__RegistryReply *) s_read (
        self, self->registry, &request.base, &registry__registry_reply__descriptor,
        "the region's health units");
    for (size_t index = 0; reply && index < sizeof s_allocations / sizeof s_allocations [0]; index++) {
        const sample_allocation_t *spec = &s_allocations [index];
        if (spec->unit >= reply->health_units->n_items)
            continue;
        Funding__Allocation allocation = FUNDING__ALLOCATION__INIT;
        allocation.health_unit_id = reply->health_units->items [spec->unit]->id;
        allocation.funder_id = funders [CONVENTION];
        allocation.amount_cents = spec->cents;
        allocation.year = spec->year;
        allocation.purpose = "Temps de coordination des actions de promotion de la santé de "
                             "l'USMP (exemple)";
        allocation.convention_reference = (char *) spec->reference;
        allocation.signed_on = s_day (self, spec->signed_on);
        Funding__FundingRequest write = FUNDING__FUNDING_REQUEST__INIT;
        write.op_case = FUNDING__FUNDING_REQUEST__OP_CREATE_ALLOCATION;
        write.create_allocation = &allocation;
        s_write (self, STEP_ALLOCATIONS + (unsigned) index, &write);
    }
}

static void
s_years_indirects (sample_t *self)
{
    Registry__RegistryReply *cpoms = s_region_list (self, REGISTRY__REGISTRY_REQUEST__OP_LIST_CPOMS,
                                                    "the region's CPOMs");
    Registry__RegistryReply *establishments = s_region_list (
        self, REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS, "the region's establishments");
    for (size_t index = 0; cpoms && establishments
                           && index < sizeof s_indirects / sizeof s_indirects [0]; index++) {
        const sample_indirect_t *spec = &s_indirects [index];
        Registry__Cpom *cpom = NULL;
        for (size_t item = 0; item < cpoms->cpoms->n_items && !cpom; item++)
            if (streq (cpoms->cpoms->items [item]->title, spec->cpom))
                cpom = cpoms->cpoms->items [item];
        if (!cpom || spec->establishment >= establishments->establishments->n_items)
            continue;
        Funding__IndirectFunding indirect = FUNDING__INDIRECT_FUNDING__INIT;
        indirect.partner_id = cpom->partner_id;
        indirect.cpom_id = cpom->id;
        indirect.establishment_id = establishments->establishments->items [spec->establishment]->id;
        indirect.year = spec->year;
        indirect.description = (char *) spec->description;
        indirect.estimated_cents = spec->estimated_cents;
        Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
        request.op_case = FUNDING__FUNDING_REQUEST__OP_CREATE_INDIRECT_FUNDING;
        request.create_indirect_funding = &indirect;
        s_write (self, STEP_INDIRECTS + (unsigned) index, &request);
    }
}

//  Every project of the region, abandoned ones included (a title names one).
static Projects__ProjectList *
s_all_projects (sample_t *self)
{
    Projects__ProjectFilter filter = PROJECTS__PROJECT_FILTER__INIT;
    filter.region_code = (char *) self->region;
    Projects__ProjectsRequest request = PROJECTS__PROJECTS_REQUEST__INIT;
    request.op_case = PROJECTS__PROJECTS_REQUEST__OP_LIST_PROJECTS;
    request.list_projects = &filter;
    Projects__ProjectsReply *reply = (Projects__ProjectsReply *) s_read (
        self, self->projects, &request.base, &projects__projects_reply__descriptor,
        "the region's projects");
    return reply ? reply->projects : NULL;
}

static void
s_years (sample_t *self)
{
    uint64_t funders [FUNDERS + 1];
    s_years_funders (self, funders);
    Projects__ProjectList *projects = s_all_projects (self);
    for (size_t index = 0; index < sizeof s_calls / sizeof s_calls [0] && !self->failed; index++)
        s_years_call (self, STEP_YEARS + (unsigned) index * CALL_STEPS, &s_calls [index], funders,
                      projects);
    s_years_allocations (self, funders);
    s_years_indirects (self);
}

//  The first records (years: false) or the years' (true). Returns 0 or -1.
static int
s_load (pps_config_t *config, bool years)
{
    sample_t self = {
        .funding = pps_client_new (pps_config_endpoint (config, "funding"), CALL_MS, 3),
        .projects = pps_client_new (pps_config_endpoint (config, "projects"), CALL_MS, 3),
        .registry = pps_client_new (pps_config_endpoint (config, "registry"), CALL_MS, 3),
        .arena = pps_arena_new (),
        .region = pps_config_region (config),
    };
    self.failed = !self.funding || !self.projects || !self.registry;
    if (years)
        s_years (&self);
    else {
        s_funders_and_call (&self);
        s_transition (&self, STEP_OPEN, FUNDING__CALL_STATUS__OPEN, s_date (&self, 2025, 3, 1));
        s_applications (&self);
        s_allocation (&self);
        s_indirect (&self);
    }
    bool failed = self.failed;
    if (!failed)
        zsys_info ("sample funding: %sregion %s loaded", years ? "years of " : "", self.region);
    pps_client_destroy (&self.funding);
    pps_client_destroy (&self.projects);
    pps_client_destroy (&self.registry);
    pps_arena_destroy (&self.arena);
    return failed ? -1 : 0;
}

int
sample_funding_load (pps_config_t *config)
{
    return s_load (config, false);
}

int
sample_funding_years_load (pps_config_t *config)
{
    return s_load (config, true);
}
