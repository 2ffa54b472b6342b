/*  sample_projects: loads a region's sample projects through the projects API.  */
#include "sample_projects.h"
#include "sample_call.h"

#include "pps_client.h"
#include "pps_date.h"
#include "projects.pb-c.h"
#include "registry.pb-c.h"

#define SAMPLE_LIST_MAX     4         //  themes, publics, axes of one sample project
#define SAMPLE_SESSIONS_MAX 10
#define SAMPLE_STEPS_MAX    3
#define SAMPLE_SITES        5         //  establishments used besides the minors' one
#define SAMPLE_ALL_MAX      64        //  open establishments the years' records may use

//  Where a project is: one of the sites (0 to SAMPLE_SITES - 1), the minors'
//  establishment, the n-th establishment with a minors' quarter (not an
//  EPM), or the n-th open establishment of the region's list (for
//  Hauts-de-France, the comments name it). A region with fewer falls back
//  on the sites.
#define SITE_MINORS         -1
#define SITE_QUARTER(n)     (-10 - (n))
#define SITE_ANY(n)         (100 + (n))

//  One sample project: its sheet, its life, its sessions and evaluation.
typedef struct {
    int site;                                 //  see SITE_*
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
    const char *series;           //  "projects", then "projects-years"
    unsigned step;                //  Numbers the fixed request ids of the series
    unsigned requests;            //  Sent in all
    bool failed;
    uint64_t sites [SAMPLE_SITES];
    uint64_t minors;              //  EPM or minors' quarter, 0 when none
    uint64_t all [SAMPLE_ALL_MAX];        //  Open establishments, in the registry's order
    size_t all_count;
    uint64_t quarters [SAMPLE_ALL_MAX];   //  Those with a minors' quarter, EPMs aside
    size_t quarter_count;
    uint64_t first [sizeof s_projects / sizeof s_projects [0]];  //  Ids of s_projects
    Registry__PartnerList *partners;
} sample_t;

//  Send one projects write with the next fixed request id; the reply, or
//  NULL (logged) when the call failed or was refused.
static Projects__ProjectsReply *
s_write (sample_t *self, Projects__ProjectsRequest *request)
{
    char request_id [64], what [64];
    snprintf (request_id, sizeof request_id, "sample-%s-%s-%u", self->region, self->series,
              ++self->step);
    snprintf (what, sizeof what, "%s step %u", self->series, self->step);
    self->requests++;
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
        if (self->all_count < SAMPLE_ALL_MAX)
            self->all [self->all_count++] = establishment->id;
        if (establishment->has_minors_quarter
        &&  establishment->kind != REGISTRY__ESTABLISHMENT_KIND__EPM
        &&  self->quarter_count < SAMPLE_ALL_MAX)
            self->quarters [self->quarter_count++] = establishment->id;
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
    if (site >= SITE_ANY (0))
        return (size_t) (site - SITE_ANY (0)) < self->all_count
             ? self->all [site - SITE_ANY (0)] : self->sites [site % SAMPLE_SITES];
    if (site <= SITE_QUARTER (0))
        return (size_t) (SITE_QUARTER (0) - site) < self->quarter_count
             ? self->quarters [SITE_QUARTER (0) - site] : s_site (self, SITE_MINORS);
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
//  sessions and its evaluation. Returns its id, or 0.
static uint64_t
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
        return 0;
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
    return id;
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

//  ---------------------------------------------------------------- years
//  The projects that give the region a history: some were running before
//  the instruction of 2023, more start in 2024 and 2025, a few in 2026.
//  Loaded after the first records of every service, under request ids of
//  their own series ("sample-<region>-projects-years-<n>"), so that the
//  first records stay what they were and a data directory loaded by an
//  earlier sample gets the years added.

static const sample_project_t s_years_projects [] = {
    {   SITE_ANY (6), "Accueil santé au quartier arrivants (exemple)",       //  CP Lille-Loos-Sequedin
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP", REGISTRY__PARTNER_KIND__IREPS,
        { PROJECTS__THEME__HEALTH_LITERACY, PROJECTS__THEME__INFECTION_SCREENING },
        { PROJECTS__TARGET_PUBLIC__NEWCOMERS },
        { PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS, PROJECTS__OTTAWA_AXIS__REORIENT_HEALTH_SERVICES },
        PROJECTS__PLACE__QUARTER, PROJECTS__PARTICIPATION__CONSULTED, 240000,
        "Les arrivants connaissent mal l'offre de soins de l'USMP et les dépistages proposés.",
        "Savoir à qui s'adresser pour une consultation ou un traitement.",
        "Faire connaître l'offre de soins et de prévention dès l'arrivée.",
        "2022-11-14", { "P:2022-12-05", "R:2023-01-09", "C:2023-12-15" },
        { "2023-01-16", "2023-03-13", "2023-05-15", "2023-09-18", "2023-11-20" },
        PROJECTS__GROUP_KIND__OPEN_GROUP, 0,
        "Séance d'accueil chaque mois ; sept arrivants sur dix y ont assisté (exemple).",
        "2024-01-22", true, false },
    {   SITE_QUARTER (1), "Prévention du VIH et des hépatites : dépistage rapide (exemple)",
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP", REGISTRY__PARTNER_KIND__CEGIDD,  //  CP Liancourt
        { PROJECTS__THEME__INFECTION_SCREENING, PROJECTS__THEME__SEXUAL_HEALTH },
        { PROJECTS__TARGET_PUBLIC__ALL_DETAINEES },
        { PROJECTS__OTTAWA_AXIS__REORIENT_HEALTH_SERVICES, PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS },
        PROJECTS__PLACE__HEALTH_UNIT_PLACE, PROJECTS__PARTICIPATION__INFORMED, 350000,
        "Peu de dépistages réalisés en cours de détention.", NULL,
        "Proposer un dépistage rapide du VIH et des hépatites à toutes les personnes détenues.",
        "2023-02-06", { "P:2023-02-27", "R:2023-03-13", "C:2024-06-28" },
        { "2023-03-20", "2023-06-19", "2023-10-16", "2024-02-12", "2024-05-13" },
        PROJECTS__GROUP_KIND__OPEN_GROUP, 0,
        "Trois cents tests rapides proposés, deux tiers acceptés (exemple).",
        "2024-09-10", false, false },
    {   SITE_ANY (8), "Atelier cuisine et équilibre alimentaire (exemple)",  //  CP Maubeuge
        PROJECTS__CARRIER__ASSOCIATION, "Association sportive et culturelle (exemple)",
        REGISTRY__PARTNER_KIND__ASSOCIATION,
        { PROJECTS__THEME__NUTRITION }, { PROJECTS__TARGET_PUBLIC__ADULTS },
        { PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS, PROJECTS__OTTAWA_AXIS__SUPPORTIVE_ENVIRONMENTS },
        PROJECTS__PLACE__LIVING_SPACE, PROJECTS__PARTICIPATION__CO_DESIGNED, 180000,
        "Cantine chère et peu variée ; plaques de cuisson en cellule.",
        "Apprendre à cuisiner avec les produits de la cantine.",
        "Améliorer l'équilibre alimentaire avec les moyens de la détention.",
        "2023-02-20", { "P:2023-03-06", "R:2023-04-03", "C:2023-11-24" },
        { "2023-04-11", "2023-06-13", "2023-09-12", "2023-11-14" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 8,
        "Huit participants réguliers ; livret de recettes réalisé avec eux (exemple).",
        "2023-12-14", false, false },
    {   SITE_ANY (5), "Sport-santé en détention (exemple)",                  //  CP Lille-Annoeullin
        PROJECTS__CARRIER__PRISON_ADMINISTRATION, "Service des sports de l'établissement",
        REGISTRY__PARTNER_KIND__ASSOCIATION,
        { PROJECTS__THEME__SPORT_PHYSICAL_ACTIVITY, PROJECTS__THEME__MENTAL_WELLBEING },
        { PROJECTS__TARGET_PUBLIC__ADULTS, PROJECTS__TARGET_PUBLIC__OLDER_PEOPLE },
        { PROJECTS__OTTAWA_AXIS__SUPPORTIVE_ENVIRONMENTS, PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS },
        PROJECTS__PLACE__LIVING_SPACE, PROJECTS__PARTICIPATION__CO_DESIGNED, 1200000,
        "Sédentarité, prise de poids et troubles du sommeil fréquents.",
        "Plus de créneaux de sport, y compris pour les plus âgés.",
        "Développer une activité physique adaptée et régulière (projet pluriannuel).",
        "2023-04-17", { "P:2023-05-22", "R:2023-09-04" },
        { "2023-09-11", "2023-11-06", "2024-01-15", "2024-04-08", "2024-10-07", "2025-02-10",
          "2025-06-02", "2025-10-06", "2026-03-02", "2026-09-14" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 12,
        "Évaluation à mi-parcours : assiduité stable, sommeil amélioré selon les participants "
        "(exemple).", "2025-11-20", false, false },
    {   SITE_ANY (14), "Atelier estime de soi et socio-esthétique (exemple)",  //  MA Douai
        PROJECTS__CARRIER__ASSOCIATION, "Association d'insertion (exemple)",
        REGISTRY__PARTNER_KIND__ASSOCIATION,
        { PROJECTS__THEME__MENTAL_WELLBEING }, { PROJECTS__TARGET_PUBLIC__PREPARING_RELEASE },
        { PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS },
        PROJECTS__PLACE__LIVING_SPACE, PROJECTS__PARTICIPATION__CONSULTED, 220000,
        "Image de soi dégradée et isolement ; demande relayée par le SPIP.",
        "Prendre soin de soi avant un parloir ou une sortie.",
        "Restaurer l'estime de soi et préparer la sortie.",
        "2024-01-08", { "P:2024-01-22", "R:2024-02-05", "C:2024-12-13" },
        { "2024-02-13", "2024-04-16", "2024-06-18", "2024-09-17", "2024-11-19" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 8,
        "Échelle d'estime de soi avant et après : progrès chez six participants sur huit "
        "(exemple).", "2025-01-15", true, false },
    {   SITE_MINORS, "Éducation à la santé affective et sexuelle des mineurs (exemple)",
        PROJECTS__CARRIER__PJJ, "Unité éducative PJJ", REGISTRY__PARTNER_KIND__CEGIDD,
        { PROJECTS__THEME__SEXUAL_HEALTH }, { PROJECTS__TARGET_PUBLIC__MINORS },
        { PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS, PROJECTS__OTTAWA_AXIS__COMMUNITY_ACTION },
        PROJECTS__PLACE__LIVING_SPACE, PROJECTS__PARTICIPATION__CO_DESIGNED, 300000,
        "Questions nombreuses des jeunes sur la sexualité et le consentement.",
        "Parler de relations et de consentement entre jeunes.",
        "Développer les compétences psychosociales en santé affective et sexuelle.",
        "2024-01-15", { "P:2024-02-12", "R:2024-03-04", "C:2024-12-20" },
        { "2024-03-11", "2024-05-13", "2024-09-16", "2024-11-18" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 6,
        "Programme de compétences psychosociales validé (référentiel national) mené en "
        "entier (exemple).", "2025-01-27", false, true },
    {   SITE_QUARTER (2), "Parentalité et santé de l'enfant au parloir familles (exemple)",
        PROJECTS__CARRIER__SPIP, "SPIP (exemple)", REGISTRY__PARTNER_KIND__SPIP,  //  CP Longuenesse
        { PROJECTS__THEME__HEALTH_LITERACY }, { PROJECTS__TARGET_PUBLIC__ADULTS },
        { PROJECTS__OTTAWA_AXIS__SUPPORTIVE_ENVIRONMENTS },
        PROJECTS__PLACE__OTHER_PLACE, PROJECTS__PARTICIPATION__CONSULTED, 280000,
        "Les parents détenus s'inquiètent de la santé de leurs enfants.",
        "Être informé du suivi de santé de ses enfants.",
        "Soutenir le rôle de parent en matière de santé de l'enfant.",
        "2024-03-04", { "P:2024-06-03", "R:2024-10-07", "C:2025-05-30" },
        { "2024-10-14", "2024-12-09", "2025-02-10", "2025-04-14" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 10,
        "Ateliers suivis par dix pères ; lien renforcé avec la PMI (exemple).",
        "2025-06-26", false, false },
    {   SITE_QUARTER (0), "Prévention des addictions chez les mineurs : écrans et produits (exemple)",
        PROJECTS__CARRIER__PJJ, "Unité éducative PJJ du quartier mineurs",  //  CP Laon
        REGISTRY__PARTNER_KIND__CSAPA,
        { PROJECTS__THEME__ADDICTIONS_HARM_REDUCTION, PROJECTS__THEME__TOBACCO },
        { PROJECTS__TARGET_PUBLIC__MINORS }, { PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS },
        PROJECTS__PLACE__QUARTER, PROJECTS__PARTICIPATION__CONSULTED, 320000,
        "Usage de cannabis et de tabac fréquent chez les mineurs incarcérés.",
        "Comprendre les effets des produits et des écrans.",
        "Prévenir les conduites addictives des mineurs.",
        "2025-01-06", { "P:2025-01-27", "R:2025-02-03", "C:2025-12-12" },
        { "2025-02-10", "2025-04-07", "2025-06-16", "2025-09-15", "2025-11-17" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 6,
        "Cinq séances ; les jeunes ont construit une exposition sur les écrans (exemple).",
        "2026-01-20", false, false },
    {   SITE_ANY (16), "Premiers secours en santé mentale entre codétenus (exemple)",  //  MA Valenciennes
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP, dispositif de soins psychiatriques",
        REGISTRY__PARTNER_KIND__IREPS,
        { PROJECTS__THEME__MENTAL_WELLBEING, PROJECTS__THEME__SUICIDE_PREVENTION },
        { PROJECTS__TARGET_PUBLIC__ALL_DETAINEES }, { PROJECTS__OTTAWA_AXIS__COMMUNITY_ACTION },
        PROJECTS__PLACE__QUARTER, PROJECTS__PARTICIPATION__PEER_LED, 450000,
        "Crises suicidaires repérées tardivement, la nuit surtout.",
        "Savoir réagir quand un codétenu va mal.",
        "Former des détenus volontaires au repérage et à l'alerte.",
        "2025-02-17", { "P:2025-03-10", "R:2025-04-07" },
        { "2025-04-14", "2025-06-09", "2025-10-13", "2026-02-09", "2026-05-11" },
        PROJECTS__GROUP_KIND__CLOSED_GROUP, 10, NULL, NULL, false, false },
    {   SITE_ANY (13), "Dépistage des cancers et vaccination HPV (exemple)",  //  MA Béthune
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP", REGISTRY__PARTNER_KIND__PARTNER_KIND_UNSPECIFIED,
        { PROJECTS__THEME__INFECTION_SCREENING, PROJECTS__THEME__VACCINATION },
        { PROJECTS__TARGET_PUBLIC__ADULTS }, { PROJECTS__OTTAWA_AXIS__REORIENT_HEALTH_SERVICES },
        PROJECTS__PLACE__HEALTH_UNIT_PLACE, PROJECTS__PARTICIPATION__INFORMED, 250000,
        "Dépistages organisés des cancers rarement à jour à l'entrée.", NULL,
        "Mettre à jour dépistages et vaccinations pendant la détention.",
        "2025-04-14", { "P:2025-04-28", "R:2025-05-12", "C:2025-10-31" },
        { "2025-05-19", "2025-07-07", "2025-09-22" },
        PROJECTS__GROUP_KIND__OPEN_GROUP, 0,
        "Dépistage proposé à tous ; rattrapage vaccinal pour près de la moitié (exemple).",
        "2025-12-01", true, false },
    {   SITE_QUARTER (1), "Hygiène et prévention des infections en cellule (exemple)",
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP", REGISTRY__PARTNER_KIND__PARTNER_KIND_UNSPECIFIED,
        { PROJECTS__THEME__INFECTION_SCREENING, PROJECTS__THEME__HEALTH_LITERACY },
        { PROJECTS__TARGET_PUBLIC__ALL_DETAINEES },
        { PROJECTS__OTTAWA_AXIS__SUPPORTIVE_ENVIRONMENTS, PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS },
        PROJECTS__PLACE__QUARTER, PROJECTS__PARTICIPATION__CONSULTED, 150000,
        "Gale et infections cutanées signalées en hausse.",
        "Avoir de quoi entretenir sa cellule et son linge.",
        "Réduire les infections liées à l'hygiène en détention.",
        "2025-05-05", { "P:2025-06-02", "R:2025-09-15" },
        { "2025-09-22", "2025-11-24", "2026-01-26", "2026-04-20", "2026-09-21" },
        PROJECTS__GROUP_KIND__OPEN_GROUP, 0, NULL, NULL, false, false },
    {   0, "Semaine de la santé mentale en détention (exemple)",
        PROJECTS__CARRIER__HEALTH_UNIT, "USMP", REGISTRY__PARTNER_KIND__IREPS,
        { PROJECTS__THEME__MENTAL_WELLBEING }, { PROJECTS__TARGET_PUBLIC__ALL_DETAINEES },
        { PROJECTS__OTTAWA_AXIS__COMMUNITY_ACTION, PROJECTS__OTTAWA_AXIS__SUPPORTIVE_ENVIRONMENTS },
        PROJECTS__PLACE__LIVING_SPACE, PROJECTS__PARTICIPATION__CONSULTED, 380000,
        "Les semaines d'information sur la santé mentale ne touchent pas la détention.",
        "Parler de santé mentale sans être étiqueté.",
        "Déstigmatiser la santé mentale et faire connaître les soins.",
        "2026-01-12", { "P:2026-02-02", "R:2026-03-02", "C:2026-10-30" },
        { "2026-03-16", "2026-03-18", "2026-10-12" },
        PROJECTS__GROUP_KIND__OPEN_GROUP, 0,
        "Cinq ateliers et un ciné-débat ; cent vingt participations (exemple).",
        "2026-11-20", true, false },
    {   SITE_ANY (12), "Prévention des chutes et de la perte d'autonomie (exemple)",  //  MA Arras
        PROJECTS__CARRIER__PRISON_ADMINISTRATION, "Direction de l'établissement",
        REGISTRY__PARTNER_KIND__ASSOCIATION,
        { PROJECTS__THEME__AGEING_DISABILITY, PROJECTS__THEME__SPORT_PHYSICAL_ACTIVITY },
        { PROJECTS__TARGET_PUBLIC__OLDER_PEOPLE },
        { PROJECTS__OTTAWA_AXIS__SUPPORTIVE_ENVIRONMENTS },
        PROJECTS__PLACE__LIVING_SPACE, PROJECTS__PARTICIPATION__CONSULTED, 200000,
        "Personnes âgées plus nombreuses ; chutes en cellule et dans les escaliers.", NULL,
        "Prévenir les chutes des personnes âgées détenues.",
        "2026-09-14", { "P:2026-10-19" }, { NULL },
        PROJECTS__GROUP_KIND__GROUP_KIND_UNSPECIFIED, 0, NULL, NULL, false, false },
};

//  What happened later to projects of s_projects: sessions of other years,
//  and the tobacco project that started in 2026.
typedef struct {
    size_t project;                           //  index in s_projects
    const char *running;                      //  RUNNING from that day, NULL if it was
    const char *sessions [SAMPLE_SESSIONS_MAX];
} sample_later_t;

static const sample_later_t s_later [] = {
    { 2, NULL, { "2024-10-15", "2024-12-03", "2026-01-20", "2026-05-12" } },
    { 1, NULL, { "2026-01-19", "2026-03-16", "2026-06-08" } },
    { 4, "2026-01-12", { "2026-02-09", "2026-03-09", "2026-04-13", "2026-06-15" } },
};

//  SWOTs and reviews of other years than 2025, and more of 2025.
typedef struct {
    int site;                     //  see SITE_*
    int year;
    const char *swot_on;
    const char *review_on;        //  NULL: no review (yet)
} sample_establishment_year_t;

static const sample_establishment_year_t s_establishment_years [] = {
    { SITE_ANY (6), 2023, "2023-03-09", "2024-01-18" },
    { SITE_QUARTER (1), 2023, "2023-10-05", NULL },
    { 0, 2024, "2024-02-15", "2024-12-12" },
    { 1, 2024, "2024-03-07", NULL },
    { SITE_ANY (6), 2024, "2024-02-01", "2024-12-05" },
    { SITE_MINORS, 2024, "2024-04-04", "2025-01-16" },
    { SITE_QUARTER (0), 2025, "2025-04-10", "2025-12-18" },
    { SITE_ANY (8), 2025, "2025-11-06", NULL },
    { SITE_ANY (6), 2025, "2025-02-20", "2026-01-15" },
    { 0, 2026, "2026-02-12", NULL },
    { 1, 2026, "2026-02-26", NULL },
    { SITE_ANY (6), 2026, "2026-03-05", "2026-11-26" },
    { SITE_MINORS, 2026, "2026-03-19", NULL },
    { SITE_QUARTER (0), 2026, "2026-04-02", NULL },
    { SITE_ANY (8), 2026, "2026-04-16", NULL },
    { SITE_ANY (11), 2026, "2026-06-04", NULL },
};

static void
s_later_sessions (sample_t *self)
{
    for (size_t index = 0; index < sizeof s_later / sizeof s_later [0] && !self->failed; index++) {
        const sample_later_t *later = &s_later [index];
        const sample_project_t *spec = &s_projects [later->project];
        uint64_t id = self->first [later->project];
        if (!id)
            continue;
        Projects__ProjectsRequest request = PROJECTS__PROJECTS_REQUEST__INIT;
        if (later->running) {
            Projects__TransitionProject transition = PROJECTS__TRANSITION_PROJECT__INIT;
            transition.id = id;
            transition.to = PROJECTS__PROJECT_STATUS__RUNNING;
            transition.date = s_date (self, later->running);
            transition.note = "Intervenant du CSAPA disponible";
            request.op_case = PROJECTS__PROJECTS_REQUEST__OP_TRANSITION_PROJECT;
            request.transition_project = &transition;
            s_write (self, &request);
        }
        for (size_t at = 0; at < SAMPLE_SESSIONS_MAX && later->sessions [at]; at++) {
            Projects__Session session = PROJECTS__SESSION__INIT;
            session.project_id = id;
            session.date = s_date (self, later->sessions [at]);
            session.place = spec->place;
            session.topic = (char *) spec->title;
            session.facilitators = (char *) spec->carrier_name;
            //  The tobacco groups were closed groups of eight
            session.group = spec->group ? spec->group : PROJECTS__GROUP_KIND__CLOSED_GROUP;
            session.registered = spec->group == PROJECTS__GROUP_KIND__OPEN_GROUP ? 0
                               : spec->registered ? spec->registered : 8;
            session.attended = session.group == PROJECTS__GROUP_KIND__OPEN_GROUP
                             ? (uint32_t) (5 + 2 * at) : session.registered - (uint32_t) (at % 2);
            session.feedback = "Retours oraux positifs (exemple)";
            request.op_case = PROJECTS__PROJECTS_REQUEST__OP_RECORD_SESSION;
            request.record_session = &session;
            s_write (self, &request);
        }
    }
}

//  The SWOTs and reviews of s_establishment_years.
static void
s_load_establishment_years (sample_t *self)
{
    for (size_t index = 0; index < sizeof s_establishment_years / sizeof s_establishment_years [0]
                           && !self->failed; index++) {
        const sample_establishment_year_t *spec = &s_establishment_years [index];
        uint64_t establishment_id = s_site (self, spec->site);
        Projects__Swot swot = PROJECTS__SWOT__INIT;
        swot.strengths = spec->year == 2023 ? "USMP motivée ; habitudes de travail avec l'IREPS"
                                            : "COPIL réuni, référents désignés des deux côtés";
        swot.weaknesses = spec->year == 2023 ? "Pas de référent pénitentiaire ; actions isolées"
                                             : "Rotation des personnels ; mouvements difficiles";
        swot.opportunities = spec->year == 2023 ? "Instruction de septembre 2023 ; appel à projets FIR"
                                                : "Appel à projets conjoint ARS / DISP";
        swot.threats = "Surpopulation et effectifs de surveillants tendus";
        swot.needs_people = "Du temps d'infirmier·e et de surveillant·e pour les actions (exemple)";
        swot.needs_logistics = "Une salle pour les groupes, des créneaux de mouvement";
        swot.needs_money = "10 000 à 20 000 euros par an pour les intervenants (exemple)";
        swot.done_on = s_date (self, spec->swot_on);
        Projects__PutSwot put = PROJECTS__PUT_SWOT__INIT;
        put.establishment_id = establishment_id;
        put.year = spec->year;
        put.swot = &swot;
        Projects__ProjectsRequest request = PROJECTS__PROJECTS_REQUEST__INIT;
        request.op_case = PROJECTS__PROJECTS_REQUEST__OP_PUT_SWOT;
        request.put_swot = &put;
        s_write (self, &request);
        if (!spec->review_on)
            continue;
        Projects__Review review = PROJECTS__REVIEW__INIT;
        review.done_on = s_date (self, spec->review_on);
        review.summary = "Revue annuelle en COPIL : actions tenues, besoins actualisés (exemple)";
        Projects__PutReview put_review = PROJECTS__PUT_REVIEW__INIT;
        put_review.establishment_id = establishment_id;
        put_review.year = spec->year;
        put_review.review = &review;
        request.op_case = PROJECTS__PROJECTS_REQUEST__OP_PUT_REVIEW;
        request.put_review = &put_review;
        s_write (self, &request);
    }
}

//  The ids of the first projects, by their titles (they were loaded first:
//  reading them keeps the years independent of how they were loaded).
static void
s_find_first (sample_t *self)
{
    Projects__ProjectFilter filter = PROJECTS__PROJECT_FILTER__INIT;
    filter.region_code = (char *) self->region;
    Projects__ProjectsRequest request = PROJECTS__PROJECTS_REQUEST__INIT;
    request.op_case = PROJECTS__PROJECTS_REQUEST__OP_LIST_PROJECTS;
    request.list_projects = &filter;
    Projects__ProjectsReply *reply = (Projects__ProjectsReply *) sample_call (
        self->projects, self->arena, &request.base, &projects__projects_reply__descriptor, NULL,
        "the region's projects", &self->failed);
    for (size_t index = 0; reply && index < reply->projects->n_items; index++)
        for (size_t spec = 0; spec < sizeof s_projects / sizeof s_projects [0]; spec++)
            if (!self->first [spec] && streq (reply->projects->items [index]->title,
                                              s_projects [spec].title))
                self->first [spec] = reply->projects->items [index]->id;
}

//  The first records (years: false) or the years' (true). Returns 0 or -1.
static int
s_load (pps_config_t *config, bool years)
{
    sample_t self = {
        .registry = pps_client_new (pps_config_endpoint (config, "registry"), 10000, 3),
        .projects = pps_client_new (pps_config_endpoint (config, "projects"), 10000, 3),
        .arena = pps_arena_new (),
        .region = pps_config_region (config),
        .series = years ? "projects-years" : "projects",
    };
    if (self.registry && self.projects && s_choose_sites (&self) == 0) {
        if (years) {
            s_find_first (&self);
            for (size_t index = 0; index < sizeof s_years_projects / sizeof s_years_projects [0]
                                   && !self.failed; index++)
                s_load_project (&self, &s_years_projects [index]);
            s_later_sessions (&self);
            s_load_establishment_years (&self);
        }
        else {
            for (size_t index = 0; index < sizeof s_projects / sizeof s_projects [0]; index++)
                s_load_project (&self, &s_projects [index]);
            s_load_years (&self);
        }
    }
    else
        self.failed = true;
    if (!self.failed)
        zsys_info ("sample projects: %sregion %s loaded (%u requests)", years ? "years of " : "",
                   self.region, self.requests);
    pps_client_destroy (&self.registry);
    pps_client_destroy (&self.projects);
    pps_arena_destroy (&self.arena);
    return self.failed ? -1 : 0;
}

int
sample_projects_load (pps_config_t *config)
{
    return s_load (config, false);
}

int
sample_projects_years_load (pps_config_t *config)
{
    return s_load (config, true);
}
