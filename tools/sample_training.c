/*  sample_training: loads a region's sample training data through the
    training service's API.  */
#include "sample_training.h"
#include "sample_call.h"

#include "pps_client.h"
#include "pps_date.h"
#include "pps_reflect.h"
#include "registry.pb-c.h"
#include "training.pb-c.h"

#define SITES_MAX       5             //  Establishments where sessions are held
#define REFERENTS_MAX   64            //  Establishment referents read from the registry
#define HEADCOUNT_YEAR  2025

typedef struct {
    uint64_t person_id;
    uint64_t establishment_id;
} referent_t;

typedef struct {
    pps_client_t *registry;
    pps_client_t *training;
    pps_arena_t *arena;
    const char *region;
    const char *series;               //  "training", then "training-years"
    unsigned step;                    //  Numbers the fixed request ids of the series
    unsigned requests;                //  Sent in all
    bool failed;
    uint64_t ireps_id;                //  The region's IREPS partner, 0 if none
    uint64_t ars_referent;            //  Person of the active ARS referent designation
    referent_t health [REFERENTS_MAX];  //  Health-unit referents and their establishment
    size_t health_count;
    referent_t prison [REFERENTS_MAX];  //  Prison-staff referents
    size_t prison_count;
} sample_t;

//  ---------------------------------------------------------------- calls

//  A registry read; NULL (logged) when it failed.
static Registry__RegistryReply *
s_registry (sample_t *self, uint32_t op, const ProtobufCMessage *value)
{
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    pps_reflect_set_message (&request.base, op, value);
    return (Registry__RegistryReply *) sample_call (
        self->registry, self->arena, &request.base, &registry__registry_reply__descriptor, NULL,
        pps_reflect_field_name (&registry__registry_request__descriptor, op), &self->failed);
}

//  A training write with the next fixed request id; NULL (logged) when it
//  failed. A replay answers with the first reply, so refusals are real.
static Training__TrainingReply *
s_training (sample_t *self, uint32_t op, const ProtobufCMessage *value)
{
    char request_id [64], what [64];
    snprintf (request_id, sizeof request_id, "sample-%s-%s-%u", self->region, self->series,
              ++self->step);
    snprintf (what, sizeof what, "%s step %u", self->series, self->step);
    self->requests++;
    Training__TrainingRequest request = TRAINING__TRAINING_REQUEST__INIT;
    pps_reflect_set_message (&request.base, op, value);
    return (Training__TrainingReply *) sample_call (
        self->training, self->arena, &request.base, &training__training_reply__descriptor,
        request_id, what, &self->failed);
}

static Pps__Date *
s_date (sample_t *self, const char *text)
{
    return sample_date (self->arena, text);
}

//  ---------------------------------------------------------------- registry reads

//  The IREPS partner, the ARS referent and the establishment referents.
static void
s_read_registry (sample_t *self)
{
    Registry__PartnerFilter partners = REGISTRY__PARTNER_FILTER__INIT;
    partners.region_code = (char *) self->region;
    partners.kind = REGISTRY__PARTNER_KIND__IREPS;
    Registry__RegistryReply *reply = s_registry (self, REGISTRY__REGISTRY_REQUEST__OP_LIST_PARTNERS,
                                                 &partners.base);
    if (reply && reply->partners->n_items)
        self->ireps_id = reply->partners->items [0]->id;

    //  Who holds the posts at the end of the sample year
    Registry__DesignationFilter filter = REGISTRY__DESIGNATION_FILTER__INIT;
    filter.region_code = (char *) self->region;
    filter.active_at = s_date (self, "2025-12-31");
    reply = s_registry (self, REGISTRY__REGISTRY_REQUEST__OP_LIST_DESIGNATIONS, &filter.base);
    if (!reply)
        return;
    for (size_t index = 0; index < reply->designations->n_items; index++) {
        Registry__Designation *designation = reply->designations->items [index];
        referent_t referent = { designation->person_id, designation->establishment_id };
        //  The 2025 sessions were held by the referents the 2024 campaign
        //  named (sample_region's first records); those named before or
        //  since come to the years' sessions. Which steps follow depends on
        //  this list: it must stay what it was when these ids were first sent
        if (designation->start_date->year != 2024)
            continue;
        if (designation->role == REGISTRY__REFERENT_ROLE__ARS_REFERENT)
            self->ars_referent = designation->person_id;
        else
        if (designation->role == REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT
        &&  self->health_count < REFERENTS_MAX)
            self->health [self->health_count++] = referent;
        else
        if (designation->role == REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT
        &&  self->prison_count < REFERENTS_MAX)
            self->prison [self->prison_count++] = referent;
    }
    if (!self->ars_referent)
        zsys_warning ("sample: region %s has no active ARS referent: OO 1.1 stays at no",
                      self->region);
}

//  ---------------------------------------------------------------- training

static uint64_t
s_offer (sample_t *self, const char *title, int minutes, const char *open_from,
         const char *open_to, char **themes, size_t theme_count,
         Training__StaffCategory *audience, size_t audience_count)
{
    Training__TrainingOffer offer = TRAINING__TRAINING_OFFER__INIT;
    offer.region_code = (char *) self->region;
    offer.title = (char *) title;
    offer.provider_kind = TRAINING__PROVIDER_KIND__IREPS;
    offer.provider_partner_id = self->ireps_id;
    offer.themes = themes;
    offer.n_themes = theme_count;
    offer.duration_minutes = minutes;
    offer.audience = audience;
    offer.n_audience = audience_count;
    offer.open_from = s_date (self, open_from);
    offer.open_to = s_date (self, open_to);
    offer.description = "Catalogue régional de formation en promotion de la santé (exemple)";
    Training__TrainingReply *reply = s_training (self, TRAINING__TRAINING_REQUEST__OP_CREATE_OFFER,
                                                 &offer.base);
    return reply ? reply->offer->id : 0;
}

static uint64_t
s_session (sample_t *self, uint64_t offer_id, const char *first, const char *last,
           uint64_t establishment_id, const char *site_label)
{
    static char *trainers [] = { "Chargé·e de projets IREPS (exemple)" };
    Training__TrainingSession session = TRAINING__TRAINING_SESSION__INIT;
    session.offer_id = offer_id;
    session.first_date = s_date (self, first);
    session.last_date = last ? s_date (self, last) : NULL;
    session.establishment_id = establishment_id;
    session.site_label = (char *) site_label;
    session.trainers = trainers;
    session.n_trainers = 1;
    Training__TrainingReply *reply = s_training (
        self, TRAINING__TRAINING_REQUEST__OP_CREATE_SESSION, &session.base);
    return reply ? reply->session->id : 0;
}

static void
s_participant (sample_t *self, uint64_t session_id, uint64_t person_id,
               Training__StaffCategory category, uint64_t establishment_id)
{
    Training__Participant participant = TRAINING__PARTICIPANT__INIT;
    participant.session_id = session_id;
    participant.person_id = person_id;
    participant.category = category;
    participant.establishment_id = establishment_id;
    s_training (self, TRAINING__TRAINING_REQUEST__OP_ADD_PARTICIPANT, &participant.base);
}

static void
s_count (sample_t *self, uint64_t session_id, Training__StaffCategory category, int32_t count)
{
    Training__CategoryCount line = TRAINING__CATEGORY_COUNT__INIT;
    line.session_id = session_id;
    line.category = category;
    line.count = count;
    s_training (self, TRAINING__TRAINING_REQUEST__OP_SET_CATEGORY_COUNT, &line.base);
}

static void
s_headcount (sample_t *self, int32_t year, uint64_t establishment_id,
             Training__StaffCategory category, int32_t count)
{
    Training__StaffHeadcount line = TRAINING__STAFF_HEADCOUNT__INIT;
    line.establishment_id = establishment_id;
    line.year = year;
    line.category = category;
    line.count = count;
    s_training (self, TRAINING__TRAINING_REQUEST__OP_PUT_HEADCOUNT, &line.base);
}

//  The referent of that list working in establishment_id, or 0.
static uint64_t
s_referent_of (const referent_t *referents, size_t count, uint64_t establishment_id)
{
    for (size_t index = 0; index < count; index++)
        if (referents [index].establishment_id == establishment_id)
            return referents [index].person_id;
    return 0;
}

//  The catalogue, the sessions and who attended them.
static void
s_sessions (sample_t *self, Registry__Establishment **sites, size_t site_count)
{
    static char *themes_basics [] = { "promotion de la santé", "charte d'Ottawa", "démarche projet" };
    static char *themes_harm [] = { "addictions", "réduction des risques et des dommages" };
    static char *themes_mental [] = { "santé mentale", "prévention du suicide" };
    static Training__StaffCategory everyone [] = {
        TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, TRAINING__STAFF_CATEGORY__PRISON_GUARD,
        TRAINING__STAFF_CATEGORY__PRISON_OFFICER, TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT,
        TRAINING__STAFF_CATEGORY__SPIP, TRAINING__STAFF_CATEGORY__PJJ,
        TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE
    };
    uint64_t basics = s_offer (self, "Promotion de la santé en milieu pénitentiaire : "
                               "les fondamentaux (exemple)", 14 * 60, "2025-01-01", "2025-12-31",
                               themes_basics, 3, everyone, 7);
    uint64_t harm = s_offer (self, "Réduction des risques et des dommages en détention (exemple)",
                             7 * 60, "2025-03-01", "2025-11-30", themes_harm, 2, everyone, 3);
    uint64_t mental = s_offer (self, "Santé mentale et prévention du suicide : repérage (exemple)",
                               10 * 60 + 30, "2025-09-01", "2026-06-30", themes_mental, 2,
                               everyone, 5);

    //  A regional session for the ARS and the referents of the other sites
    uint64_t regional = s_session (self, basics, "2025-04-08", "2025-04-09", 0,
                                   "Locaux de l'IREPS (exemple)");
    if (self->ars_referent)
        s_participant (self, regional, self->ars_referent,
                       TRAINING__STAFF_CATEGORY__OTHER_CATEGORY, 0);

    //  One session on each site: pluridisciplinary, as the instruction asks
    const char *days [SITES_MAX][2] = {
        { "2025-02-11", NULL }, { "2025-03-18", "2025-03-19" }, { "2025-05-06", NULL },
        { "2025-06-17", "2025-06-18" }, { "2025-10-14", NULL }
    };
    for (size_t index = 0; index < site_count && !self->failed; index++) {
        uint64_t site = sites [index]->id;
        uint64_t offer = index == 4 ? mental : index % 2 ? harm : basics;
        uint64_t session = s_session (self, offer, days [index][0], days [index][1], site, "");
        uint64_t nurse = s_referent_of (self->health, self->health_count, site);
        uint64_t officer = s_referent_of (self->prison, self->prison_count, site);
        if (nurse)
            s_participant (self, session, nurse, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 0);
        if (officer)
            s_participant (self, session, officer, TRAINING__STAFF_CATEGORY__PRISON_OFFICER, 0);
        //  Names are not collected for the others
        s_count (self, session, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 8 + (int32_t) index * 2);
        s_count (self, session, TRAINING__STAFF_CATEGORY__PRISON_OFFICER, 2);
        s_count (self, session, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 3 + (int32_t) index % 2);
        s_count (self, session, TRAINING__STAFF_CATEGORY__SPIP, 2);
        if (index % 2 == 0)
            s_count (self, session, TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE, 1);
        if (index == 0)
            s_count (self, session, TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT, 1);
        //  The first site's nurse comes back in the autumn: still one person
        if (index == 0 && nurse) {
            uint64_t again = s_session (self, mental, "2025-11-25", NULL, site, "");
            s_participant (self, again, nurse, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 0);
            s_count (self, again, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 6);
        }
    }
    //  Referents of establishments without a session of their own come to
    //  the regional one
    for (size_t index = 0; index < self->health_count && regional; index++) {
        bool on_site = false;
        for (size_t site = 0; site < site_count; site++)
            on_site |= sites [site]->id == self->health [index].establishment_id;
        if (!on_site)
            s_participant (self, regional, self->health [index].person_id,
                           TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL,
                           self->health [index].establishment_id);
    }
}

//  Staff of every establishment of the region in 2025.
static void
s_headcounts (sample_t *self, Registry__EstablishmentList *establishments)
{
    for (size_t index = 0; index < establishments->n_items && !self->failed; index++) {
        Registry__Establishment *establishment = establishments->items [index];
        //  Even a small semi-liberty centre has a few staff
        int32_t capacity = establishment->capacity > 25 ? establishment->capacity : 25;
        int32_t prison = capacity * 2 / 5;
        int32_t guards = prison * 80 / 100;
        int32_t officers = prison * 15 / 100;
        int32_t management = prison - guards - officers;
        s_headcount (self, HEADCOUNT_YEAR, establishment->id,
                     TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, capacity / 25);
        s_headcount (self, HEADCOUNT_YEAR, establishment->id,
                     TRAINING__STAFF_CATEGORY__PRISON_GUARD, guards);
        s_headcount (self, HEADCOUNT_YEAR, establishment->id,
                     TRAINING__STAFF_CATEGORY__PRISON_OFFICER, officers);
        s_headcount (self, HEADCOUNT_YEAR, establishment->id,
                     TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT, management > 0 ? management : 1);
    }
}

//  ---------------------------------------------------------------- years
//  The training of the other years: the IREPS's catalogue of 2023, 2024
//  and 2026, sessions on the sites with the referents in post that day and
//  anonymous counts, the ARS referent trained from 2024 (not the one of
//  2023, named in the autumn), more sessions in 2025 (the EPM, the PJJ),
//  and the headcounts of every family and year, SPIP, PJJ, Éducation
//  nationale and the delegated-management staff ("autres") included, so
//  that every OS 2 ratio has a denominator. Loaded after the first records
//  of every service, under request ids "sample-<region>-training-years-<n>".

enum { O_2023, O_SUICIDE, O_2024, O_PROJECT, O_2026, O_BASICS_2025, O_MENTAL_2025, OFFERS };

typedef struct {
    const char *title;                //  The offers of 2025 are found by their titles
    int minutes;
    const char *open_from;
    const char *open_to;
    int themes;                       //  index in s_themes
} sample_offer_t;

static char *s_basics [] = { "promotion de la santé", "charte d'Ottawa", "démarche projet", NULL };
static char *s_mental [] = { "santé mentale", "prévention du suicide", NULL };
static char *s_project [] = { "démarche projet", "évaluation", NULL };
static char **s_themes [] = { s_basics, s_mental, s_project };

static const sample_offer_t s_offers [OFFERS] = {
    { "Promotion de la santé en milieu pénitentiaire : les fondamentaux, édition 2023 (exemple)",
      14 * 60, "2023-01-01", "2023-12-31", 0 },
    { "Repérage et prévention de la crise suicidaire (exemple)", 21 * 60, "2023-03-01",
      "2024-06-30", 1 },
    { "Promotion de la santé en milieu pénitentiaire : les fondamentaux, édition 2024 (exemple)",
      14 * 60, "2024-01-01", "2024-12-31", 0 },
    { "Démarche projet et évaluation en promotion de la santé (exemple)", 7 * 60, "2024-02-01",
      "2024-12-31", 2 },
    { "Promotion de la santé en milieu pénitentiaire : les fondamentaux, édition 2026 (exemple)",
      14 * 60, "2026-01-01", "2026-12-31", 0 },
    { "Promotion de la santé en milieu pénitentiaire : les fondamentaux (exemple)", 0, NULL, NULL, 0 },
    { "Santé mentale et prévention du suicide : repérage (exemple)", 0, NULL, NULL, 0 },
};

#define REGIONAL            -1        //  At the IREPS, not in an establishment
#define CATEGORIES          (TRAINING__STAFF_CATEGORY__OTHER_CATEGORY + 1)
#define GUARDS(n)           [TRAINING__STAFF_CATEGORY__PRISON_GUARD] = (n)
#define OFFICERS(n)         [TRAINING__STAFF_CATEGORY__PRISON_OFFICER] = (n)
#define MANAGEMENT(n)       [TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT] = (n)
#define HEALTH(n)           [TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL] = (n)
#define SPIP_STAFF(n)       [TRAINING__STAFF_CATEGORY__SPIP] = (n)
#define PJJ_STAFF(n)        [TRAINING__STAFF_CATEGORY__PJJ] = (n)
#define EDUCATION(n)        [TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE] = (n)
#define OTHERS(n)           [TRAINING__STAFF_CATEGORY__OTHER_CATEGORY] = (n)

//  A session: on a site, the site's referents in post that day come (by
//  name); at the IREPS, the ARS referent and the health-unit referents of
//  the establishments in the mask. The others are counted, not named.
typedef struct {
    int offer;
    const char *first;
    const char *last;                 //  NULL: one day
    int site;                         //  index in the region's establishments, or REGIONAL
    bool ars;
    unsigned referents;               //  bit n: establishment n's health-unit referent
    int32_t counts [CATEGORIES];
} sample_session_t;

static const sample_session_t s_years_sessions [] = {
    //  2023
    { O_SUICIDE, "2023-06-20", "2023-06-21", REGIONAL, false, 1u << 1 | 1u << 3 | 1u << 7, { 0 } },
    { O_2023, "2023-05-16", "2023-05-17", 6, false, 0,
      { GUARDS (9), OFFICERS (2), HEALTH (3), SPIP_STAFF (1) } },
    { O_SUICIDE, "2023-10-10", NULL, 10, false, 0,
      { GUARDS (6), PJJ_STAFF (5), EDUCATION (2), HEALTH (2) } },
    { O_2023, "2023-11-28", NULL, 0, false, 0,
      { GUARDS (7), OFFICERS (1), MANAGEMENT (1), HEALTH (2) } },
    //  2024
    { O_2024, "2024-04-16", "2024-04-17", REGIONAL, true, 1u << 5 | 1u << 7, { 0 } },
    { O_2024, "2024-04-23", NULL, 1, false, 0,
      { GUARDS (10), OFFICERS (2), HEALTH (3), SPIP_STAFF (2), EDUCATION (1) } },
    { O_SUICIDE, "2024-05-21", NULL, 4, false, 0,
      { GUARDS (8), OFFICERS (2), HEALTH (4), PJJ_STAFF (2) } },
    { O_PROJECT, "2024-06-04", NULL, 2, false, 0,
      { GUARDS (5), HEALTH (2), SPIP_STAFF (1), OTHERS (2) } },
    { O_2024, "2024-09-17", NULL, 10, false, 0,
      { GUARDS (5), PJJ_STAFF (6), EDUCATION (3), HEALTH (2) } },
    { O_2024, "2024-11-05", "2024-11-06", 7, false, 0,
      { GUARDS (12), OFFICERS (3), MANAGEMENT (1), HEALTH (3), SPIP_STAFF (2), OTHERS (1) } },
    //  2025, besides the first records' sessions
    { O_BASICS_2025, "2025-06-24", NULL, 8, false, 0,
      { GUARDS (8), OFFICERS (1), HEALTH (2), SPIP_STAFF (1) } },
    { O_MENTAL_2025, "2025-10-07", NULL, 10, false, 0,
      { GUARDS (6), PJJ_STAFF (7), EDUCATION (2), HEALTH (2), OTHERS (2) } },
    //  2026 so far
    { O_2026, "2026-03-24", NULL, REGIONAL, true, 1u << 13 | 1u << 14, { 0 } },
    { O_2026, "2026-05-19", NULL, 8, false, 0,
      { GUARDS (9), OFFICERS (2), HEALTH (3), SPIP_STAFF (2) } },
    { O_MENTAL_2025, "2026-06-09", NULL, 11, false, 0,
      { GUARDS (7), HEALTH (2), EDUCATION (1), OTHERS (1) } },
    { O_2026, "2026-10-13", NULL, 3, false, 0,
      { GUARDS (8), PJJ_STAFF (3), HEALTH (2), EDUCATION (1) } },
};

//  The staff of an establishment of that capacity in a year: the first
//  records' rule for 2025 (health about capacity / 25, prison staff about
//  capacity / 2.5), a little less before, a little more after.
static int32_t
s_staff (int32_t capacity, int year, Training__StaffCategory category, bool minors, bool epm)
{
    static const int percent [] = { 96, 98, 100, 101 };   //  2023 to 2026
    int32_t scaled = capacity * percent [year - 2023] / 100;
    if (scaled < 25)
        scaled = 25;              //  Even a small semi-liberty centre has a few staff
    int32_t prison = scaled * 2 / 5;
    int32_t guards = prison * 80 / 100;
    int32_t officers = prison * 15 / 100;
    int32_t management = prison - guards - officers;
    switch (category) {
        case TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL: return scaled / 25;
        case TRAINING__STAFF_CATEGORY__PRISON_GUARD:        return guards;
        case TRAINING__STAFF_CATEGORY__PRISON_OFFICER:      return officers;
        case TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT:   return management > 0 ? management : 1;
        case TRAINING__STAFF_CATEGORY__SPIP:                return scaled / 40 + 1;
        //  Educators where minors are held: a team at the EPM, two or three
        //  in a minors' quarter
        case TRAINING__STAFF_CATEGORY__PJJ:                 return epm ? 22 + year - 2023
                                                                 : minors ? 4 : 0;
        case TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE: return scaled / 100 + 1;
        //  Staff of the private partners of delegated management, the
        //  professionals annex 1 does not name
        case TRAINING__STAFF_CATEGORY__OTHER_CATEGORY:      return scaled / 30 + 1;
        default:                                            return 0;
    }
}

//  The region's designations (every one, ended or not).
static Registry__DesignationList *
s_designations (sample_t *self)
{
    Registry__DesignationFilter filter = REGISTRY__DESIGNATION_FILTER__INIT;
    filter.region_code = (char *) self->region;
    Registry__RegistryReply *reply = s_registry (self, REGISTRY__REGISTRY_REQUEST__OP_LIST_DESIGNATIONS,
                                                 &filter.base);
    return reply ? reply->designations : NULL;
}

//  The person in post in that role and establishment (0: a region post) on day, or 0.
static uint64_t
s_holder (const Registry__DesignationList *list, Registry__ReferentRole role,
          uint64_t establishment_id, const Pps__Date *day)
{
    for (size_t index = 0; list && index < list->n_items; index++) {
        const Registry__Designation *designation = list->items [index];
        if (designation->role == role && designation->establishment_id == establishment_id
        &&  pps_date_compare (designation->start_date, day) <= 0
        &&  (!pps_date_is_set (designation->end_date)
             || pps_date_compare (designation->end_date, day) >= 0))
            return designation->person_id;
    }
    return 0;
}

//  The offers of s_offers: created, or found among the first records'.
static void
s_years_offers (sample_t *self, uint64_t *offers)
{
    static Training__StaffCategory everyone [] = {
        TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, TRAINING__STAFF_CATEGORY__PRISON_GUARD,
        TRAINING__STAFF_CATEGORY__PRISON_OFFICER, TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT,
        TRAINING__STAFF_CATEGORY__SPIP, TRAINING__STAFF_CATEGORY__PJJ,
        TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE
    };
    Training__OfferFilter filter = TRAINING__OFFER_FILTER__INIT;
    filter.region_code = (char *) self->region;
    Training__TrainingRequest request = TRAINING__TRAINING_REQUEST__INIT;
    request.op_case = TRAINING__TRAINING_REQUEST__OP_LIST_OFFERS;
    request.list_offers = &filter;
    Training__TrainingReply *reply = (Training__TrainingReply *) sample_call (
        self->training, self->arena, &request.base, &training__training_reply__descriptor, NULL,
        "the region's offers", &self->failed);
    for (int index = 0; index < OFFERS && reply; index++) {
        const sample_offer_t *spec = &s_offers [index];
        offers [index] = 0;
        if (spec->open_from) {
            size_t themes = 0;
            while (s_themes [spec->themes][themes])
                themes++;
            offers [index] = s_offer (self, spec->title, spec->minutes, spec->open_from,
                                      spec->open_to, s_themes [spec->themes], themes, everyone,
                                      sizeof everyone / sizeof everyone [0]);
        }
        else
        for (size_t item = 0; item < reply->offers->n_items; item++)
            if (streq (reply->offers->items [item]->title, spec->title))
                offers [index] = reply->offers->items [item]->id;
    }
}

static void
s_years_sessions_load (sample_t *self, Registry__EstablishmentList *establishments)
{
    uint64_t offers [OFFERS];
    s_years_offers (self, offers);
    Registry__DesignationList *designations = s_designations (self);
    for (size_t index = 0; index < sizeof s_years_sessions / sizeof s_years_sessions [0]
                           && !self->failed; index++) {
        const sample_session_t *spec = &s_years_sessions [index];
        if (!offers [spec->offer]
        ||  (spec->site != REGIONAL && (size_t) spec->site >= establishments->n_items))
            continue;             //  A smaller region has fewer sites
        uint64_t site = spec->site == REGIONAL ? 0 : establishments->items [spec->site]->id;
        uint64_t session = s_session (self, offers [spec->offer], spec->first, spec->last, site,
                                      site ? "" : "Locaux de l'IREPS (exemple)");
        if (!session)
            return;
        Pps__Date *day = s_date (self, spec->first);
        if (spec->ars) {
            uint64_t ars = s_holder (designations, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0, day);
            if (ars)
                s_participant (self, session, ars, TRAINING__STAFF_CATEGORY__OTHER_CATEGORY, 0);
        }
        for (size_t at = 0; at < 32 && at < establishments->n_items; at++) {
            uint64_t establishment = establishments->items [at]->id;
            uint64_t nurse = s_holder (designations, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT,
                                       establishment, day);
            if ((spec->referents & (1u << at)) && nurse)
                s_participant (self, session, nurse, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL,
                               establishment);
        }
        if (site) {
            const struct {
                Registry__ReferentRole role;
                Training__StaffCategory category;
            } posts [] = {
                { REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL },
                { REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, TRAINING__STAFF_CATEGORY__PRISON_OFFICER },
                { REGISTRY__REFERENT_ROLE__PJJ_REFERENT, TRAINING__STAFF_CATEGORY__PJJ },
            };
            for (size_t post = 0; post < sizeof posts / sizeof posts [0]; post++) {
                uint64_t person = s_holder (designations, posts [post].role, site, day);
                if (person)
                    s_participant (self, session, person, posts [post].category, 0);
            }
        }
        for (int category = 1; category < CATEGORIES; category++)
            if (spec->counts [category])
                s_count (self, session, category, spec->counts [category]);
    }
}

//  Every family's headcount of 2023, 2024 and 2026, and of 2025 those the
//  first records left out.
static void
s_years_headcounts (sample_t *self)
{
    for (int year = 2023; year <= 2026 && !self->failed; year++) {
        Registry__EstablishmentFilter filter = REGISTRY__ESTABLISHMENT_FILTER__INIT;
        filter.region_code = (char *) self->region;
        filter.open_at = s_date (self, year == 2023 ? "2023-12-31" : year == 2024 ? "2024-12-31"
                                     : year == 2025 ? "2025-12-31" : "2026-12-31");
        Registry__RegistryReply *reply = s_registry (
            self, REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS, &filter.base);
        for (size_t index = 0; reply && index < reply->establishments->n_items && !self->failed;
             index++) {
            Registry__Establishment *establishment = reply->establishments->items [index];
            bool epm = establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM;
            bool minors = epm || establishment->has_minors_quarter;
            for (int category = 1; category < CATEGORIES; category++) {
                if (year == HEADCOUNT_YEAR && category <= TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT)
                    continue;     //  The first records have them
                int32_t count = s_staff (establishment->capacity, year, category, minors, epm);
                if (count)
                    s_headcount (self, year, establishment->id, category, count);
            }
        }
    }
}

//  The first records (years: false) or the years' (true). Returns 0 or -1.
static int
s_load (pps_config_t *config, bool years)
{
    sample_t self = {
        .registry = pps_client_new (pps_config_endpoint (config, "registry"), 10000, 3),
        .training = pps_client_new (pps_config_endpoint (config, "training"), 10000, 3),
        .arena = pps_arena_new (),
        .region = pps_config_region (config),
        .series = years ? "training-years" : "training",
    };
    if (!self.registry || !self.training)
        self.failed = true;
    if (!years)
        s_read_registry (&self);
    Registry__EstablishmentFilter filter = REGISTRY__ESTABLISHMENT_FILTER__INIT;
    filter.region_code = (char *) self.region;
    filter.open_at = s_date (&self, "2025-12-31");
    Registry__RegistryReply *reply = s_registry (
        &self, REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS, &filter.base);
    if (reply && reply->establishments->n_items == 0) {
        zsys_error ("sample: region %s has no establishment: load the registry's sample first",
                    self.region);
        self.failed = true;
    }
    if (reply && !self.failed) {
        Registry__EstablishmentList *establishments = reply->establishments;
        if (years) {
            s_years_sessions_load (&self, establishments);
            s_years_headcounts (&self);
        }
        else {
            Registry__Establishment *sites [SITES_MAX];
            size_t site_count = 0;
            for (size_t index = 0; index < establishments->n_items && site_count < SITES_MAX; index++)
                sites [site_count++] = establishments->items [index];
            s_sessions (&self, sites, site_count);
            s_headcounts (&self, establishments);
        }
    }
    if (!self.failed)
        zsys_info ("sample: training %sof region %s loaded (%u requests)",
                   years ? "years " : "", self.region, self.requests);
    pps_client_destroy (&self.registry);
    pps_client_destroy (&self.training);
    pps_arena_destroy (&self.arena);
    return self.failed ? -1 : 0;
}

int
sample_training_load (pps_config_t *config)
{
    return s_load (config, false);
}

int
sample_training_years_load (pps_config_t *config)
{
    return s_load (config, true);
}
