/*  sample_projects: loads a region's sample projects through the projects API.  */
#include "sample_projects.h"
#include "sample_call.h"

#include "pps_client.h"
#include "pps_date.h"
#include "projects.pb-c.h"
#include "registry.pb-c.h"

#define SAMPLE_LIST_MAX     4         //  themes, publics, axes of one sample project
#define SAMPLE_SESSIONS_MAX 4
#define SAMPLE_STEPS_MAX    3
#define SAMPLE_SITES        5         //  establishments used besides the minors' one

//  One sample project: its sheet, its life, its sessions and evaluation.
typedef struct {
    int site;                                 //  index into the sites; -1 = the minors' one
    const char *title;
    Projects__Carrier carrier;
    const char *carrier_name;
    Registry__PartnerKind partner;            //  an intervenor of that kind, if listed
    Projects__Theme themes [SAMPLE_LIST_MAX];             //  0-terminated
    Projects__TargetPublic publics [SAMPLE_LIST_MAX];     //  0-terminated
    Projects__OttawaAxis axes [SAMPLE_LIST_MAX];          //  0-terminated
    Projects__Place place;
    Projects__Participation participation;
    int64_t budget_cents;
    const char *context;
    const char *needs_voiced;
    const char *general_objective;
    const char *created_on;
    const char *steps [SAMPLE_STEPS_MAX];     //  "P:date", "R:date", "C:date", "A:date"
    const char *sessions [SAMPLE_SESSIONS_MAX];   //  dates
    Projects__GroupKind group;
    uint32_t registered;                      //  per session; attended a little less
    const char *results;                      //  evaluation, NULL for none
    const char *evaluated_on;
    bool promising;
    bool evidence_based;
} sample_project_t;

static const sample_project_t s_projects [] = {
    {   0, "Groupe de parole santé sexuelle et IST (exemple)",
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP", REGISTRY__PARTNER_KIND__CEGIDD,
        { PROJECTS__THEME__SEXUAL_HEALTH, PROJECTS__THEME__INFECTION_SCREENING },
        { PROJECTS__TARGET_PUBLIC__ADULTS, PROJECTS__TARGET_PUBLIC__NEWCOMERS },
        { PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS, PROJECTS__OTTAWA_AXIS__REORIENT_HEALTH_SERVICES },
        PROJECTS__PLACE__HEALTH_UNIT_PLACE, PROJECTS__PARTICIPATION__CONSULTED, 180000,
        "Le dépistage proposé à l'examen d'entrée montre une méconnaissance des IST.",
        "Plusieurs personnes demandent en salle d'attente à parler de contraception et d'IST.",
        "Améliorer les connaissances des personnes détenues sur les IST et le dépistage.",
        "2024-11-04", { "P:2024-12-02", "R:2025-01-13", "C:2025-06-27" },
        { "2025-01-20", "2025-02-17", "2025-03-17", "2025-05-12" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 10,
        "9 personnes en moyenne par séance ; questionnaire à émoticônes : 80 % satisfaits.",
        "2025-07-10", true, false },
    {   -1, "Activité physique et alimentation au quotidien (exemple)",
        PROJECTS__CARRIER__PJJ, "Unité éducative PJJ", REGISTRY__PARTNER_KIND__ASSOCIATION,
        { PROJECTS__THEME__SPORT_PHYSICAL_ACTIVITY, PROJECTS__THEME__NUTRITION },
        { PROJECTS__TARGET_PUBLIC__MINORS },
        { PROJECTS__OTTAWA_AXIS__SUPPORTIVE_ENVIRONMENTS, PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS },
        PROJECTS__PLACE__LIVING_SPACE, PROJECTS__PARTICIPATION__CO_DESIGNED, 250000,
        "Sédentarité et grignotage signalés par les éducateurs et l'USMP.",
        "Les jeunes demandent plus de sport et des ateliers cuisine.",
        "Promouvoir une activité physique régulière et une alimentation équilibrée.",
        "2025-01-08", { "P:2025-02-03", "R:2025-03-03" },
        { "2025-03-10", "2025-04-07", "2025-05-05" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 8,
        NULL, NULL, false, false },
    {   1, "Permanence de réduction des risques et addictions (exemple)",
        PROJECTS__CARRIER__ASSOCIATION, "CSAPA (exemple)", REGISTRY__PARTNER_KIND__CSAPA,
        { PROJECTS__THEME__ADDICTIONS_HARM_REDUCTION, PROJECTS__THEME__TOBACCO },
        { PROJECTS__TARGET_PUBLIC__PEOPLE_WHO_USE_DRUGS,
          PROJECTS__TARGET_PUBLIC__PREPARING_RELEASE },
        { PROJECTS__OTTAWA_AXIS__REORIENT_HEALTH_SERVICES },
        PROJECTS__PLACE__QUARTER, PROJECTS__PARTICIPATION__INFORMED, 320000,
        "Forte prévalence des consommations ; matériel de réduction des risques peu connu.",
        "Être informé des traitements de substitution avant la sortie.",
        "Réduire les risques liés aux consommations pendant la détention et à la sortie.",
        "2024-06-03", { "P:2024-07-01", "R:2024-09-16" },
        { "2025-02-04", "2025-04-01", "2025-09-02" },
        PROJECTS__GROUP_KIND__OPEN_GROUP, 0,
        NULL, NULL, false, false },
    {   2, "Pairs aidants en santé mentale et prévention du suicide (exemple)",
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP, dispositif de soins psychiatriques",
        REGISTRY__PARTNER_KIND__IREPS,
        { PROJECTS__THEME__MENTAL_WELLBEING, PROJECTS__THEME__SUICIDE_PREVENTION },
        { PROJECTS__TARGET_PUBLIC__ALL_DETAINEES },
        { PROJECTS__OTTAWA_AXIS__COMMUNITY_ACTION, PROJECTS__OTTAWA_AXIS__SUPPORTIVE_ENVIRONMENTS },
        PROJECTS__PLACE__QUARTER, PROJECTS__PARTICIPATION__PEER_LED, 400000,
        "Passages à l'acte en hausse ; isolement des personnes au quartier arrivants.",
        "Pouvoir parler à quelqu'un qui a vécu la détention.",
        "Renforcer le repérage et l'entraide face à la crise suicidaire.",
        "2024-10-07", { "P:2024-11-12", "R:2025-01-06", "C:2025-11-28" },
        { "2025-01-27", "2025-04-28", "2025-09-29" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 12,
        "Programme de pairs aidants évalué (référentiel national) ; 11 pairs formés.",
        "2025-12-05", false, true },
    {   3, "Aide à l'arrêt du tabac (exemple)",
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP", REGISTRY__PARTNER_KIND__CSAPA,
        { PROJECTS__THEME__TOBACCO }, { PROJECTS__TARGET_PUBLIC__ADULTS },
        { PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS },
        PROJECTS__PLACE__HEALTH_UNIT_PLACE, PROJECTS__PARTICIPATION__CONSULTED, 90000,
        "Tabagisme quotidien très fréquent ; substituts nicotiniques peu demandés.",
        "Des personnes souhaitent arrêter mais craignent le manque en cellule.",
        "Accompagner les personnes qui veulent arrêter de fumer.",
        "2025-09-15", { "P:2025-10-20" }, { NULL },
        PROJECTS__GROUP_KIND__GROUP_KIND_UNSPECIFIED, 0, NULL, NULL, false, false },
    {   0, "Santé bucco-dentaire (exemple)",
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP", REGISTRY__PARTNER_KIND__PARTNER_KIND_UNSPECIFIED,
        { PROJECTS__THEME__ORAL_HEALTH }, { PROJECTS__TARGET_PUBLIC__ALL_DETAINEES },
        { PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS },
        PROJECTS__PLACE__HEALTH_UNIT_PLACE, PROJECTS__PARTICIPATION__INFORMED, 40000,
        "Délais d'attente longs au cabinet dentaire de l'USMP.",
        NULL, "Faire connaître les gestes d'hygiène bucco-dentaire.",
        "2025-11-03", { NULL }, { NULL },
        PROJECTS__GROUP_KIND__GROUP_KIND_UNSPECIFIED, 0, NULL, NULL, false, false },
    {   4, "Vieillissement et perte d'autonomie (exemple)",
        PROJECTS__CARRIER__PRISON_ADMINISTRATION, "Direction de l'établissement",
        REGISTRY__PARTNER_KIND__OTHER_PARTNER,
        { PROJECTS__THEME__AGEING_DISABILITY }, { PROJECTS__TARGET_PUBLIC__OLDER_PEOPLE,
          PROJECTS__TARGET_PUBLIC__PEOPLE_WITH_DISABILITIES },
        { PROJECTS__OTTAWA_AXIS__SUPPORTIVE_ENVIRONMENTS },
        PROJECTS__PLACE__LIVING_SPACE, PROJECTS__PARTICIPATION__CONSULTED, 120000,
        "Part croissante de personnes âgées ; cellules peu adaptées.",
        NULL, "Adapter l'environnement aux personnes âgées ou handicapées.",
        "2025-02-10", { "P:2025-03-24", "A:2025-09-30" }, { NULL },
        PROJECTS__GROUP_KIND__GROUP_KIND_UNSPECIFIED, 0, NULL, NULL, false, false },
    {   1, "Dépistage des hépatites et vaccination (exemple)",
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP", REGISTRY__PARTNER_KIND__CEGIDD,
        { PROJECTS__THEME__INFECTION_SCREENING, PROJECTS__THEME__VACCINATION },
        { PROJECTS__TARGET_PUBLIC__NEWCOMERS },
        { PROJECTS__OTTAWA_AXIS__REORIENT_HEALTH_SERVICES },
        PROJECTS__PLACE__HEALTH_UNIT_PLACE, PROJECTS__PARTICIPATION__INFORMED, 60000,
        "Couverture vaccinale hépatite B mal connue à l'entrée.",
        NULL, "Proposer le dépistage et la vaccination à chaque arrivant.",
        "2024-01-15", { "P:2024-02-05", "R:2024-03-04", "C:2024-11-29" },
        { "2024-03-11", "2024-06-10" },
        PROJECTS__GROUP_KIND__OPEN_GROUP, 0,
        "Dépistage proposé à 85 % des arrivants.", "2024-12-16", false, false },
};

//  SWOTs of 2025 for the first sites and the minors' one; reviews for some.
typedef struct {
    int site;                     //  -1 = the minors' one
    bool review;
} sample_year_t;

static const sample_year_t s_years [] = {
    { 0, true }, { 1, true }, { 2, false }, { 3, false }, { -1, true },
};

typedef struct {
    pps_client_t *registry;
    pps_client_t *projects;
    pps_arena_t *arena;
    const char *region;
    unsigned step;                //  Numbers the fixed request ids
    bool failed;
    uint64_t sites [SAMPLE_SITES];
    uint64_t minors;              //  EPM or minors' quarter, 0 when none
    Registry__PartnerList *partners;
} sample_t;

//  Send one projects write with the next fixed request id; the reply, or
//  NULL (logged) when the call failed or was refused.
static Projects__ProjectsReply *
s_write (sample_t *self, Projects__ProjectsRequest *request)
{
    char request_id [64], what [64];
    snprintf (request_id, sizeof request_id, "sample-%s-projects-%u", self->region, ++self->step);
    snprintf (what, sizeof what, "projects step %u", self->step);
    return (Projects__ProjectsReply *) sample_call (
        self->projects, self->arena, &request->base, &projects__projects_reply__descriptor,
        request_id, what, &self->failed);
}

//  A read of the registry (a fresh request id: reads are not replayed).
static Registry__RegistryReply *
s_registry_read (sample_t *self, Registry__RegistryRequest *request)
{
    return (Registry__RegistryReply *) sample_call (
        self->registry, self->arena, &request->base, &registry__registry_reply__descriptor, NULL,
        "a registry read", &self->failed);
}

static Pps__Date *
s_date (sample_t *self, const char *text)
{
    return sample_date (self->arena, text);
}

//  The open establishments of the region: the first SAMPLE_SITES that hold
//  no minors, and the first EPM (else the first with a minors' quarter);
//  and the region's partners. Returns -1 when there is no establishment.
static int
s_choose_sites (sample_t *self)
{
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    Registry__EstablishmentFilter filter = REGISTRY__ESTABLISHMENT_FILTER__INIT;
    filter.region_code = (char *) self->region;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS;
    request.list_establishments = &filter;
    Registry__RegistryReply *reply = s_registry_read (self, &request);
    if (!reply)
        return -1;
    size_t count = 0;
    uint64_t quarter = 0;             //  first establishment with a minors' quarter
    for (size_t index = 0; index < reply->establishments->n_items; index++) {
        Registry__Establishment *establishment = reply->establishments->items [index];
        if (pps_date_is_set (establishment->closed_on))
            continue;
        if (establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM) {
            if (!self->minors)
                self->minors = establishment->id;
        }
        else
        if (establishment->has_minors_quarter) {
            if (!quarter)
                quarter = establishment->id;
        }
        else
        if (count < SAMPLE_SITES)
            self->sites [count++] = establishment->id;
    }
    //  An EPM if there is one, else a minors' quarter
    if (!self->minors)
        self->minors = quarter;
    if (count == 0) {
        zsys_error ("sample projects: region %s has no open establishment in the registry "
                    "(load the registry's sample first)", self->region);
        self->failed = true;
        return -1;
    }
    //  A small region: sites repeat
    for (size_t index = count; index < SAMPLE_SITES; index++)
        self->sites [index] = self->sites [index % count];
    if (!self->minors)
        zsys_info ("sample projects: region %s holds no minors; the EPM project goes to %llu",
                   self->region, (unsigned long long) self->sites [0]);

    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_PARTNERS;
    Registry__PartnerFilter partners = REGISTRY__PARTNER_FILTER__INIT;
    partners.region_code = (char *) self->region;
    request.list_partners = &partners;
    reply = s_registry_read (self, &request);
    if (!reply)
        return -1;
    self->partners = reply->partners;
    return 0;
}

static uint64_t
s_site (sample_t *self, int site)
{
    return site < 0 ? (self->minors ? self->minors : self->sites [0]) : self->sites [site];
}

//  The id of the region's first partner of that kind, or 0.
static uint64_t
s_partner (sample_t *self, Registry__PartnerKind kind)
{
    for (size_t index = 0; kind && index < self->partners->n_items; index++)
        if (self->partners->items [index]->kind == kind)
            return self->partners->items [index]->id;
    return 0;
}

//  Number of values before the 0 that ends a sample list.
static size_t
s_count (const int *values)
{
    size_t count = 0;
    while (count < SAMPLE_LIST_MAX && values [count])
        count++;
    return count;
}

//  Create one sample project, move it through its steps, record its
//  sessions and its evaluation.
static void
s_load_project (sample_t *self, const sample_project_t *spec)
{
    Projects__Project project = PROJECTS__PROJECT__INIT;
    Projects__Diagnostic diagnostic = PROJECTS__DIAGNOSTIC__INIT;
    Projects__Objectives objectives = PROJECTS__OBJECTIVES__INIT;
    project.establishment_id = s_site (self, spec->site);
    project.title = (char *) spec->title;
    project.carrier = spec->carrier;
    project.carrier_name = (char *) spec->carrier_name;
    uint64_t partner = s_partner (self, spec->partner);
    project.partner_ids = &partner;
    project.n_partner_ids = partner ? 1 : 0;
    project.funding_summary = "Fonds d'intervention régional (exemple) et valorisation du "
                              "temps des équipes";
    project.themes = (Projects__Theme *) spec->themes;
    project.n_themes = s_count ((const int *) spec->themes);
    project.publics = (Projects__TargetPublic *) spec->publics;
    project.n_publics = s_count ((const int *) spec->publics);
    project.ottawa_axes = (Projects__OttawaAxis *) spec->axes;
    project.n_ottawa_axes = s_count ((const int *) spec->axes);
    Projects__Place place = spec->place;
    project.places = &place;
    project.n_places = 1;
    project.participation = spec->participation;
    diagnostic.context = (char *) spec->context;
    diagnostic.needs_voiced_by_detainees = spec->needs_voiced ? (char *) spec->needs_voiced : "";
    project.diagnostic = &diagnostic;
    objectives.general = (char *) spec->general_objective;
    project.objectives = &objectives;
    project.partnership_inside = "Direction, surveillants référents santé, SPIP";
    project.partnership_outside = "IREPS pour l'appui méthodologique";
    project.planned_budget_cents = spec->budget_cents;
    project.communication = "Présentation en COPIL et affichage en détention";
    project.created_on = s_date (self, spec->created_on);

    Projects__ProjectsRequest request = PROJECTS__PROJECTS_REQUEST__INIT;
    request.op_case = PROJECTS__PROJECTS_REQUEST__OP_CREATE_PROJECT;
    request.create_project = &project;
    Projects__ProjectsReply *reply = s_write (self, &request);
    if (!reply)
        return;
    uint64_t id = reply->project->id;

    //  Sessions are recorded while it runs, before it completes
    size_t steps = 0;
    while (steps < SAMPLE_STEPS_MAX && spec->steps [steps])
        steps++;
    bool completes = steps && (spec->steps [steps - 1][0] == 'C');
    for (size_t index = 0; index < steps; index++) {
        const char *step = spec->steps [index];
        if (step [0] == 'C')
            break;
        Projects__TransitionProject transition = PROJECTS__TRANSITION_PROJECT__INIT;
        transition.id = id;
        transition.to = step [0] == 'P' ? PROJECTS__PROJECT_STATUS__PLANNED
                      : step [0] == 'R' ? PROJECTS__PROJECT_STATUS__RUNNING
                      : PROJECTS__PROJECT_STATUS__ABANDONED;
        transition.date = s_date (self, step + 2);
        transition.note = step [0] == 'A' ? "Référent parti, projet non repris" : "";
        request.op_case = PROJECTS__PROJECTS_REQUEST__OP_TRANSITION_PROJECT;
        request.transition_project = &transition;
        s_write (self, &request);
    }
    for (size_t index = 0; index < SAMPLE_SESSIONS_MAX && spec->sessions [index]; index++) {
        Projects__Session session = PROJECTS__SESSION__INIT;
        session.project_id = id;
        session.date = s_date (self, spec->sessions [index]);
        session.place = spec->place;
        session.topic = (char *) spec->title;
        session.facilitators = (char *) spec->carrier_name;
        session.group = spec->group;
        session.registered = spec->registered;
        //  Open groups come as they are; closed ones lose one or two
        session.attended = spec->group == PROJECTS__GROUP_KIND__OPEN_GROUP
                         ? (uint32_t) (6 + 3 * index) : spec->registered - (uint32_t) (index % 3);
        session.feedback = "Retours oraux positifs ; souhait de poursuivre (exemple)";
        request.op_case = PROJECTS__PROJECTS_REQUEST__OP_RECORD_SESSION;
        request.record_session = &session;
        s_write (self, &request);
    }
    if (completes) {
        Projects__TransitionProject transition = PROJECTS__TRANSITION_PROJECT__INIT;
        transition.id = id;
        transition.to = PROJECTS__PROJECT_STATUS__COMPLETED;
        transition.date = s_date (self, spec->steps [steps - 1] + 2);
        transition.note = "Dernière séance tenue";
        request.op_case = PROJECTS__PROJECTS_REQUEST__OP_TRANSITION_PROJECT;
        request.transition_project = &transition;
        s_write (self, &request);
    }
    if (spec->results) {
        Projects__Evaluation evaluation = PROJECTS__EVALUATION__INIT;
        evaluation.results = (char *) spec->results;
        evaluation.process = "Séances tenues comme prévu, salle réservée à l'avance";
        evaluation.procedure = "Questionnaire anonyme en fin de séance et bilan d'équipe";
        evaluation.evaluated_on = s_date (self, spec->evaluated_on);
        Projects__SetEvaluation set = PROJECTS__SET_EVALUATION__INIT;
        set.project_id = id;
        set.evaluation = &evaluation;
        set.promising = spec->promising;
        set.evidence_based = spec->evidence_based;
        request.op_case = PROJECTS__PROJECTS_REQUEST__OP_SET_EVALUATION;
        request.set_evaluation = &set;
        s_write (self, &request);
    }
}

//  2025 SWOTs (OO 4.1) and yearly reviews (OO 5.5).
static void
s_load_years (sample_t *self)
{
    for (size_t index = 0; index < sizeof s_years / sizeof s_years [0]; index++) {
        uint64_t establishment_id = s_site (self, s_years [index].site);
        Projects__Swot swot = PROJECTS__SWOT__INIT;
        swot.strengths = "USMP et direction impliquées ; COPIL réuni deux fois par an";
        swot.weaknesses = "Rotation des surveillants ; salles d'activité rares";
        swot.opportunities = "Appel à projets régional ; appui méthodologique de l'IREPS";
        swot.threats = "Surpopulation qui réduit les mouvements vers les activités";
        swot.needs_people = "Un temps d'infirmier·e dédié à la prévention (exemple)";
        swot.needs_logistics = "Une salle réservée aux groupes de parole";
        swot.needs_money = "15 000 euros par an pour les intervenants extérieurs (exemple)";
        swot.done_on = s_date (self, "2025-02-14");
        Projects__PutSwot put = PROJECTS__PUT_SWOT__INIT;
        put.establishment_id = establishment_id;
        put.year = 2025;
        put.swot = &swot;
        Projects__ProjectsRequest request = PROJECTS__PROJECTS_REQUEST__INIT;
        request.op_case = PROJECTS__PROJECTS_REQUEST__OP_PUT_SWOT;
        request.put_swot = &put;
        s_write (self, &request);
        if (!s_years [index].review)
            continue;
        Projects__Review review = PROJECTS__REVIEW__INIT;
        review.done_on = s_date (self, "2025-12-11");
        review.summary = "Revue annuelle en COPIL : actions tenues, besoins reconduits (exemple)";
        Projects__PutReview put_review = PROJECTS__PUT_REVIEW__INIT;
        put_review.establishment_id = establishment_id;
        put_review.year = 2025;
        put_review.review = &review;
        request.op_case = PROJECTS__PROJECTS_REQUEST__OP_PUT_REVIEW;
        request.put_review = &put_review;
        s_write (self, &request);
    }
}

int
sample_projects_load (pps_config_t *config)
{
    sample_t self = {
        .registry = pps_client_new (pps_config_endpoint (config, "registry"), 10000, 3),
        .projects = pps_client_new (pps_config_endpoint (config, "projects"), 10000, 3),
        .arena = pps_arena_new (),
        .region = pps_config_region (config),
    };
    if (self.registry && self.projects && s_choose_sites (&self) == 0) {
        for (size_t index = 0; index < sizeof s_projects / sizeof s_projects [0]; index++)
            s_load_project (&self, &s_projects [index]);
        s_load_years (&self);
    }
    else
        self.failed = true;
    if (!self.failed)
        zsys_info ("sample projects: region %s loaded (%u requests)", self.region, self.step);
    pps_client_destroy (&self.registry);
    pps_client_destroy (&self.projects);
    pps_arena_destroy (&self.arena);
    return self.failed ? -1 : 0;
}
