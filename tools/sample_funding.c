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

int
sample_funding_load (pps_config_t *config)
{
    sample_t self = {
        .funding = pps_client_new (pps_config_endpoint (config, "funding"), CALL_MS, 3),
        .projects = pps_client_new (pps_config_endpoint (config, "projects"), CALL_MS, 3),
        .registry = pps_client_new (pps_config_endpoint (config, "registry"), CALL_MS, 3),
        .arena = pps_arena_new (),
        .region = pps_config_region (config),
    };
    self.failed = !self.funding || !self.projects || !self.registry;
    s_funders_and_call (&self);
    s_transition (&self, STEP_OPEN, FUNDING__CALL_STATUS__OPEN, s_date (&self, 2025, 3, 1));
    s_applications (&self);
    s_allocation (&self);
    s_indirect (&self);
    bool failed = self.failed;
    if (!failed)
        zsys_info ("sample funding: region %s loaded", self.region);
    pps_client_destroy (&self.funding);
    pps_client_destroy (&self.projects);
    pps_client_destroy (&self.registry);
    pps_arena_destroy (&self.arena);
    return failed ? -1 : 0;
}
