/*  sample_region: loads a region's sample data through the registry's API.  */
#include "sample_region.h"

#include "establishment_csv.h"
#include "sample_call.h"
#include "pps_client.h"
#include "pps_date.h"
#include "registry.pb-c.h"

typedef struct {
    pps_client_t *client;
    pps_arena_t *arena;
    const char *region;
    unsigned step;                //  Numbers the fixed request ids
    bool failed;
    uint64_t people [8];          //  Regional referents, who attend meetings
    size_t people_count;
} sample_t;

//  Send one request with the next fixed request id; returns the reply or
//  NULL (logged) when the call failed. ALREADY_EXISTS counts as failure:
//  a replay answers with the first reply, so it never shows up here.
static Registry__RegistryReply *
s_call (sample_t *self, Registry__RegistryRequest *request)
{
    char request_id [64], what [64];
    snprintf (request_id, sizeof request_id, "sample-%s-%u", self->region, ++self->step);
    snprintf (what, sizeof what, "registry step %u", self->step);
    return (Registry__RegistryReply *) sample_call (
        self->client, self->arena, &request->base, &registry__registry_reply__descriptor,
        request_id, what, &self->failed);
}

static Pps__Date *
s_date (sample_t *self, const char *text)
{
    return sample_date (self->arena, text);
}

static uint64_t
s_person (sample_t *self, const char *name, const char *organisation, const char *role,
          Registry__ProfessionalCategory category)
{
    uint64_t id = 0;
    Registry__Person person = REGISTRY__PERSON__INIT;
    person.full_name = (char *) name;
    person.organisation = (char *) organisation;
    person.role_title = (char *) role;
    person.region_code = (char *) self->region;
    person.category = category;
    person.work_email = "contact@example.org";
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_PERSON;
    request.create_person = &person;
    Registry__RegistryReply *reply = s_call (self, &request);
    if (reply)
        id = reply->person->id;
    return id;
}

static uint64_t
s_regional_person (sample_t *self, const char *name, const char *organisation,
                   const char *role, Registry__ProfessionalCategory category)
{
    uint64_t id = s_person (self, name, organisation, role, category);
    if (id && self->people_count < 8)
        self->people [self->people_count++] = id;
    return id;
}

static uint64_t
s_designate (sample_t *self, uint64_t person_id, Registry__ReferentRole role,
             uint64_t establishment_id, const char *start)
{
    Registry__Designation designation = REGISTRY__DESIGNATION__INIT;
    designation.person_id = person_id;
    designation.role = role;
    designation.region_code = (char *) self->region;
    designation.establishment_id = establishment_id;
    designation.start_date = s_date (self, start);
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_DESIGNATE;
    request.designate = &designation;
    Registry__RegistryReply *reply = s_call (self, &request);
    return reply ? reply->designation->id : 0;
}

static void
s_end_designation (sample_t *self, uint64_t designation_id, const char *end,
                   Registry__EndReason reason, const char *note)
{
    Registry__EndDesignation end_designation = REGISTRY__END_DESIGNATION__INIT;
    end_designation.id = designation_id;
    end_designation.end_date = s_date (self, end);
    end_designation.reason = reason;
    end_designation.note = (char *) note;
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_END_DESIGNATION;
    request.end_designation = &end_designation;
    s_call (self, &request);
}

static uint64_t
s_partner (sample_t *self, const char *name, Registry__PartnerKind kind)
{
    Registry__Partner partner = REGISTRY__PARTNER__INIT;
    partner.name = (char *) name;
    partner.kind = kind;
    partner.region_code = (char *) self->region;
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_PARTNER;
    request.create_partner = &partner;
    Registry__RegistryReply *reply = s_call (self, &request);
    return reply ? reply->partner->id : 0;
}

static void
s_region_and_establishments (sample_t *self, const char *csv_path,
                             Registry__EstablishmentList **establishments_p)
{
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = (char *) self->region;
    region.name = streq (self->region, "32") ? "Hauts-de-France" : (char *) self->region;
    region.ars_name = streq (self->region, "32") ? "ARS Hauts-de-France" : "ARS";
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request.create_region = &region;
    s_call (self, &request);

    Registry__EstablishmentRow **rows = NULL;
    size_t count = 0;
    char error [256];
    if (establishment_csv_read (csv_path, self->arena, &rows, &count, error, sizeof error)) {
        zsys_error ("sample: %s", error);
        self->failed = true;
        return;
    }
    Registry__ImportEstablishments import = REGISTRY__IMPORT_ESTABLISHMENTS__INIT;
    import.region_code = (char *) self->region;
    import.rows = rows;
    import.n_rows = count;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_IMPORT_ESTABLISHMENTS;
    request.import_establishments = &import;
    Registry__RegistryReply *reply = s_call (self, &request);
    if (reply)
        zsys_info ("sample: %u establishments of region %s imported",
                   reply->import_report->rows_in_scope, self->region);

    //  Reads need no fixed id; they are not replayed
    Registry__EstablishmentFilter filter = REGISTRY__ESTABLISHMENT_FILTER__INIT;
    filter.region_code = (char *) self->region;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS;
    request.list_establishments = &filter;
    reply = s_call (self, &request);
    *establishments_p = reply ? reply->establishments : NULL;
}

//  Hospitals per département and one health unit per establishment.
static void
s_health_units (sample_t *self, Registry__EstablishmentList *establishments)
{
    char departements [16][8];
    uint64_t hospital_ids [16];
    size_t departement_count = 0;
    for (size_t index = 0; index < establishments->n_items && !self->failed; index++) {
        Registry__Establishment *establishment = establishments->items [index];
        size_t slot = 0;
        while (slot < departement_count && !streq (departements [slot], establishment->departement_code))
            slot++;
        Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
        if (slot == departement_count && slot < 16) {
            Registry__Hospital hospital = REGISTRY__HOSPITAL__INIT;
            hospital.name = pps_arena_printf (self->arena,
                "Centre hospitalier de rattachement %s (exemple)", establishment->departement_code);
            hospital.region_code = (char *) self->region;
            hospital.medical_project_includes_pps = slot % 2 == 0;
            request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_HOSPITAL;
            request.create_hospital = &hospital;
            Registry__RegistryReply *reply = s_call (self, &request);
            if (!reply)
                return;
            snprintf (departements [slot], sizeof departements [slot], "%s",
                      establishment->departement_code);
            hospital_ids [slot] = reply->hospital->id;
            departement_count++;
        }
        Registry__HealthUnit unit = REGISTRY__HEALTH_UNIT__INIT;
        unit.name = pps_arena_printf (self->arena, "USMP %s", establishment->name);
        unit.establishment_id = establishment->id;
        unit.hospital_id = hospital_ids [slot < 16 ? slot : 0];
        request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_HEALTH_UNIT;
        request.create_health_unit = &unit;
        s_call (self, &request);
    }
}

//  Referents: the regional chain, and a few establishments with turnover.
static void
s_referents (sample_t *self, Registry__EstablishmentList *establishments)
{
    uint64_t ars = s_regional_person (self, "Camille Martin (exemple)", "ARS", "Chargée de mission santé des détenus",
                             REGISTRY__PROFESSIONAL_CATEGORY__ARS_STAFF);
    s_designate (self, ars, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0, "2024-01-15");
    uint64_t disp = s_regional_person (self, "Julien Bernard (exemple)", "DISP de Lille", "Référent santé",
                              REGISTRY__PROFESSIONAL_CATEGORY__PRISON_STAFF);
    s_designate (self, disp, REGISTRY__REFERENT_ROLE__DISP_HEALTH_REFERENT, 0, "2024-02-01");
    uint64_t ireps = s_regional_person (self, "Sophie Petit (exemple)", "IREPS", "Chargée de projets",
                               REGISTRY__PROFESSIONAL_CATEGORY__HEALTH_PROMOTION_STAFF);
    s_designate (self, ireps, REGISTRY__REFERENT_ROLE__IREPS_REFERENT, 0, "2024-03-01");
    //  The DIRPJJ referent left and nobody replaced them yet: a vacancy
    uint64_t pjj = s_regional_person (self, "Nicolas Durand (exemple)", "DIRPJJ", "Conseiller technique santé",
                             REGISTRY__PROFESSIONAL_CATEGORY__PJJ_STAFF);
    uint64_t pjj_designation = s_designate (self, pjj, REGISTRY__REFERENT_ROLE__DIRPJJ_REFERENT, 0,
                                            "2024-01-01");
    s_end_designation (self, pjj_designation, "2025-06-30", REGISTRY__END_REASON__TRANSFER,
                       "mutation");

    //  Establishment referents in the first half of the establishments
    size_t covered = establishments->n_items / 2;
    for (size_t index = 0; index < covered && !self->failed; index++) {
        Registry__Establishment *establishment = establishments->items [index];
        char *name = pps_arena_printf (self->arena, "Infirmier·e USMP %zu (exemple)", index + 1);
        uint64_t nurse = s_person (self, name, pps_arena_printf (self->arena, "USMP %s", establishment->name),
                                   "Infirmier·e coordinateur·rice", REGISTRY__PROFESSIONAL_CATEGORY__HEALTH_PROFESSIONAL);
        s_designate (self, nurse, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, establishment->id, "2024-04-01");
        name = pps_arena_printf (self->arena, "Officier·e %zu (exemple)", index + 1);
        uint64_t officer = s_person (self, name, establishment->name, "Officier·e référent·e santé",
                                     REGISTRY__PROFESSIONAL_CATEGORY__PRISON_STAFF);
        uint64_t designation = s_designate (self, officer, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT,
                                            establishment->id, "2024-04-01");
        //  Turnover in one establishment out of three
        if (index % 3 == 2)
            s_end_designation (self, designation, "2025-09-30", REGISTRY__END_REASON__DEPARTURE,
                               "départ de l'établissement");
    }
}

//  Programme, CPOM, regional committee, working groups, COPILs, meetings.
static void
s_instances (sample_t *self, Registry__EstablishmentList *establishments, uint64_t ireps_id)
{
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    Registry__Programme programme = REGISTRY__PROGRAMME__INIT;
    char *themes [] = { "santé mentale", "addictions et réduction des risques", "santé sexuelle" };
    programme.region_code = (char *) self->region;
    programme.adopted_on = s_date (self, "2024-03-15");
    programme.period_start = s_date (self, "2024-01-01");
    programme.period_end = s_date (self, "2028-12-31");
    programme.priority_themes = themes;
    programme.n_priority_themes = 3;
    programme.disp_coordination_described = true;
    programme.disp_coordination_note = "Comité de coordination ARS/DISP trimestriel";
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_PUT_PROGRAMME;
    request.put_programme = &programme;
    s_call (self, &request);

    Registry__Cpom cpom = REGISTRY__CPOM__INIT;
    cpom.region_code = (char *) self->region;
    cpom.title = "CPOM ARS / IREPS 2024-2028 (exemple)";
    cpom.partner_id = ireps_id;
    cpom.start_date = s_date (self, "2024-01-01");
    cpom.end_date = s_date (self, "2028-12-31");
    cpom.includes_prison_health_promotion = true;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_CPOM;
    request.create_cpom = &cpom;
    s_call (self, &request);

    Registry__RegionalCommittee committee = REGISTRY__REGIONAL_COMMITTEE__INIT;
    committee.region_code = (char *) self->region;
    committee.created_on = s_date (self, "2024-01-20");
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGIONAL_COMMITTEE;
    request.create_regional_committee = &committee;
    Registry__RegistryReply *reply = s_call (self, &request);
    uint64_t committee_id = reply ? reply->regional_committee->id : 0;

    const char *groups [] = { "Santé mentale et prévention du suicide", "Réduction des risques" };
    for (int index = 0; index < 2; index++) {
        Registry__WorkingGroup group = REGISTRY__WORKING_GROUP__INIT;
        group.region_code = (char *) self->region;
        group.year = 2025;
        group.title = (char *) groups [index];
        request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_WORKING_GROUP;
        request.create_working_group = &group;
        s_call (self, &request);
    }

    //  Steering committees: a complete one, then partial ones
    Registry__CommitteeMember members [10];
    Registry__CommitteeMember *member_list [10];
    for (int index = 0; index < 10; index++) {
        registry__committee_member__init (&members [index]);
        members [index].category = index + 1;
        members [index].label = "membre (exemple)";
        member_list [index] = &members [index];
    }
    size_t copil_count = establishments->n_items < 3 ? establishments->n_items : 3;
    for (size_t index = 0; index < copil_count; index++) {
        Registry__SteeringCommittee copil = REGISTRY__STEERING_COMMITTEE__INIT;
        Registry__Establishment *establishment = establishments->items [index];
        copil.establishment_id = establishment->id;
        copil.constituted_on = s_date (self, "2024-06-01");
        copil.members = member_list;
        //  The first committee has every category; the others lack some
        copil.n_members = index == 0 ? 10 : 7 - index;
        request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_STEERING_COMMITTEE;
        request.create_steering_committee = &copil;
        s_call (self, &request);
    }

    //  Regional meetings with the persons and structures who attended
    Registry__StructureRef ars = REGISTRY__STRUCTURE_REF__INIT;
    ars.kind = REGISTRY__STRUCTURE_KIND__ARS_STRUCTURE;
    Registry__StructureRef ireps = REGISTRY__STRUCTURE_REF__INIT;
    ireps.kind = REGISTRY__STRUCTURE_KIND__PARTNER_STRUCTURE;
    ireps.id = ireps_id;
    Registry__StructureRef *structures [] = { &ars, &ireps };
    const char *dates [] = { "2025-02-10", "2025-06-16", "2025-11-04" };
    for (int index = 0; index < 3 && committee_id; index++) {
        Registry__Meeting meeting = REGISTRY__MEETING__INIT;
        meeting.body_kind = REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY;
        meeting.body_id = committee_id;
        meeting.date = s_date (self, dates [index]);
        meeting.title = "Comité régional santé PPSMJ";
        //  Not everyone comes every time: distinct people < attendances
        meeting.attendee_person_ids = self->people;
        meeting.n_attendee_person_ids = self->people_count > (size_t) index ? self->people_count - (size_t) index : 0;
        meeting.attendee_structures = structures;
        meeting.n_attendee_structures = 2;
        request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_MEETING;
        request.create_meeting = &meeting;
        s_call (self, &request);
    }
}

int
sample_region_load (pps_config_t *config, const char *csv_path)
{
    sample_t self = {
        .client = pps_client_new (pps_config_endpoint (config, "registry"), 10000, 3),
        .arena = pps_arena_new (),
        .region = pps_config_region (config),
    };
    if (!self.client) {
        pps_arena_destroy (&self.arena);
        return -1;
    }
    Registry__EstablishmentList *establishments = NULL;
    s_region_and_establishments (&self, csv_path, &establishments);
    if (establishments) {
        s_health_units (&self, establishments);
        uint64_t ireps_id = s_partner (&self, "IREPS (exemple)", REGISTRY__PARTNER_KIND__IREPS);
        s_partner (&self, "CSAPA (exemple)", REGISTRY__PARTNER_KIND__CSAPA);
        s_partner (&self, "SPIP (exemple)", REGISTRY__PARTNER_KIND__SPIP);
        s_referents (&self, establishments);
        s_instances (&self, establishments, ireps_id);
    }
    if (!self.failed)
        zsys_info ("sample: region %s loaded (%u requests)", self.region, self.step);
    pps_client_destroy (&self.client);
    pps_arena_destroy (&self.arena);
    return self.failed ? -1 : 0;
}
