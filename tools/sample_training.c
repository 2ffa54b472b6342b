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
    unsigned step;                    //  Numbers the fixed request ids
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
    snprintf (request_id, sizeof request_id, "sample-%s-training-%u", self->region, ++self->step);
    snprintf (what, sizeof what, "training step %u", self->step);
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
s_headcount (sample_t *self, uint64_t establishment_id, Training__StaffCategory category,
             int32_t count)
{
    Training__StaffHeadcount line = TRAINING__STAFF_HEADCOUNT__INIT;
    line.establishment_id = establishment_id;
    line.year = HEADCOUNT_YEAR;
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
        s_headcount (self, establishment->id, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL,
                     capacity / 25);
        s_headcount (self, establishment->id, TRAINING__STAFF_CATEGORY__PRISON_GUARD, guards);
        s_headcount (self, establishment->id, TRAINING__STAFF_CATEGORY__PRISON_OFFICER, officers);
        s_headcount (self, establishment->id, TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT,
                     management > 0 ? management : 1);
    }
}

int
sample_training_load (pps_config_t *config)
{
    sample_t self = {
        .registry = pps_client_new (pps_config_endpoint (config, "registry"), 10000, 3),
        .training = pps_client_new (pps_config_endpoint (config, "training"), 10000, 3),
        .arena = pps_arena_new (),
        .region = pps_config_region (config),
    };
    if (!self.registry || !self.training)
        self.failed = true;
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
        Registry__Establishment *sites [SITES_MAX];
        size_t site_count = 0;
        for (size_t index = 0; index < establishments->n_items && site_count < SITES_MAX; index++)
            sites [site_count++] = establishments->items [index];
        s_sessions (&self, sites, site_count);
        s_headcounts (&self, establishments);
    }
    if (!self.failed)
        zsys_info ("sample: training of region %s loaded (%u requests)", self.region, self.step);
    pps_client_destroy (&self.registry);
    pps_client_destroy (&self.training);
    pps_arena_destroy (&self.arena);
    return self.failed ? -1 : 0;
}
