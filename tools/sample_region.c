/*  sample_region: loads a region's sample data through the registry's API.  */
#include "sample_region.h"

#include "establishment_csv.h"
#include "sample_call.h"
#include "pps_client.h"
#include "pps_date.h"
#include "pps_reflect.h"
#include "registry.pb-c.h"

#define SITES_MAX   64            //  Establishments whose records the years refer to

typedef struct {
    pps_client_t *client;
    pps_arena_t *arena;
    const char *region;
    const char *series;           //  "" for the first records, "years-" for the years'
    unsigned step;                //  Numbers the fixed request ids of the series
    unsigned requests;            //  Sent in all
    bool failed;
    bool replaying;               //  Sending the first records again for the years
    uint64_t people [8];          //  Regional referents, who attend meetings
    size_t people_count;
    //  What the years' records refer to, by establishment index in the
    //  registry's list (ids come from the replies, replayed or not)
    size_t sites;
    uint64_t units [SITES_MAX];               //  The establishment's health unit
    uint64_t nurses [SITES_MAX];              //  Health-unit referents of April 2024
    uint64_t officers [SITES_MAX];            //  Prison-staff referents of April 2024
    uint64_t nurse_designations [SITES_MAX];
    uint64_t committee_id;                    //  The regional committee
    uint64_t groups_2025 [2];                 //  The working groups of 2025
    uint64_t copils [3];                      //  The steering committees of 2024
} sample_t;

//  Send one request with the next fixed request id; returns the reply or
//  NULL (logged) when the call failed. ALREADY_EXISTS counts as failure:
//  a replay answers with the first reply, so it never shows up here.
static Registry__RegistryReply *
s_call (sample_t *self, Registry__RegistryRequest *request)
{
    char request_id [64], what [64];
    snprintf (request_id, sizeof request_id, "sample-%s-%s%u", self->region, self->series,
              ++self->step);
    snprintf (what, sizeof what, "registry step %s%u", self->series, self->step);
    self->requests++;
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
    if (reply && !self->replaying)
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
        Registry__RegistryReply *reply = s_call (self, &request);
        if (reply && index < SITES_MAX)
            self->units [index] = reply->health_unit->id;
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
        uint64_t nurse_designation = s_designate (self, nurse, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT,
                                                  establishment->id, "2024-04-01");
        name = pps_arena_printf (self->arena, "Officier·e %zu (exemple)", index + 1);
        uint64_t officer = s_person (self, name, establishment->name, "Officier·e référent·e santé",
                                     REGISTRY__PROFESSIONAL_CATEGORY__PRISON_STAFF);
        uint64_t designation = s_designate (self, officer, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT,
                                            establishment->id, "2024-04-01");
        if (index < SITES_MAX) {
            self->nurses [index] = nurse;
            self->officers [index] = officer;
            self->nurse_designations [index] = nurse_designation;
        }
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
    self->committee_id = committee_id;

    const char *groups [] = { "Santé mentale et prévention du suicide", "Réduction des risques" };
    for (int index = 0; index < 2; index++) {
        Registry__WorkingGroup group = REGISTRY__WORKING_GROUP__INIT;
        group.region_code = (char *) self->region;
        group.year = 2025;
        group.title = (char *) groups [index];
        request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_WORKING_GROUP;
        request.create_working_group = &group;
        reply = s_call (self, &request);
        if (reply)
            self->groups_2025 [index] = reply->working_group->id;
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
        reply = s_call (self, &request);
        if (reply)
            self->copils [index] = reply->steering_committee->id;
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

//  ---------------------------------------------------------------- years
//  The records that give the region a history: 2023, the year of the
//  instruction (an ARS referent named in the autumn, working groups that
//  prepare the programme, a few establishments already organised), 2024
//  and 2025 (the programme, the regional committee, referents and
//  committees spreading), and 2026 so far (turnover, new committees).
//  They are loaded after the first records of every service (sample_load.h)
//  under request ids of their own series ("sample-<region>-years-<n>"), so
//  that the first records, and what the other loaders read of them, stay
//  what they were: a data directory loaded by an earlier sample gets the
//  years added, nothing replayed out of step. Establishments are named by
//  their index in the registry's list; for Hauts-de-France the comments
//  give the establishment.

//  Who attends meetings: slots of the roster filled as the people are
//  created (0 where this region's list is too short for them).
enum {
    P_ARS_2023, P_DISP_2023, P_IREPS_2023, P_DIRPJJ_2023,     //  the regional referents of 2023
    P_ARS, P_DISP, P_IREPS, P_DIRPJJ,                         //  those named in 2024
    P_NURSE_0_2023, P_NURSE_3_2023, P_NURSE_6_2023, P_OFFICER_6_2023,
    P_EPM_NURSE, P_EPM_PJJ_2023, P_EPM_PJJ, P_LAON_PJJ,
    P_NURSE_8, P_NURSE_11, P_NURSE_13,
    P_NURSE_BASE,                                             //  the referents of April 2024
    P_OFFICER_BASE = P_NURSE_BASE + 8,
    P_ROSTER = P_OFFICER_BASE + 8
};
#define P_NURSE(index)      (P_NURSE_BASE + (index))
#define P_OFFICER(index)    (P_OFFICER_BASE + (index))

//  The structures that attend, the same way
enum {
    S_ARS, S_DISP, S_IREPS, S_CSAPA, S_SPIP, S_CEGIDD, S_CAARUD, S_EDUCATION, S_ASSOCIATION,
    S_UNIT_BASE,                                              //  the establishments' health units
    S_ROSTER = S_UNIT_BASE + 16
};
#define S_UNIT(index)       (S_UNIT_BASE + (index))

#define B(slot)             (UINT64_C (1) << (slot))
#define NO_SITE             SIZE_MAX  //  A region post
#define NO_SLOT             -1

typedef struct {
    uint64_t people [P_ROSTER];
    Registry__StructureRef *places [S_ROSTER];
} roster_t;

//  One referent post held for a while: who, where, from when to when.
typedef struct {
    size_t site;                      //  index of the establishment, NO_SITE for a region post
    Registry__ReferentRole role;
    const char *name;
    const char *organisation;         //  NULL: from the role and the establishment
    const char *title;                //  NULL: from the role
    Registry__ProfessionalCategory category;  //  0: from the role
    int slot;                         //  in the roster, NO_SLOT when not needed
    const char *start;
    const char *end;                  //  NULL while in post
    Registry__EndReason reason;
    const char *note;
} sample_post_t;

static const sample_post_t s_posts [] = {
    //  The regional chain before the programme: replaced in early 2024
    {   NO_SITE, REGISTRY__REFERENT_ROLE__ARS_REFERENT, "Claire Lefebvre (exemple)", "ARS",
        "Chargée de mission prévention", REGISTRY__PROFESSIONAL_CATEGORY__ARS_STAFF, P_ARS_2023,
        "2023-10-02", "2024-01-14", REGISTRY__END_REASON__TRANSFER, "mutation dans une autre ARS" },
    {   NO_SITE, REGISTRY__REFERENT_ROLE__DISP_HEALTH_REFERENT, "Marc Leroy (exemple)",
        "DISP de Lille", "Référent santé", REGISTRY__PROFESSIONAL_CATEGORY__PRISON_STAFF,
        P_DISP_2023, "2021-09-01", "2024-01-31", REGISTRY__END_REASON__END_OF_MANDATE, "" },
    {   NO_SITE, REGISTRY__REFERENT_ROLE__IREPS_REFERENT, "Émilie Roux (exemple)", "IREPS",
        "Chargée de projets", REGISTRY__PROFESSIONAL_CATEGORY__HEALTH_PROMOTION_STAFF,
        P_IREPS_2023, "2022-01-03", "2024-02-29", REGISTRY__END_REASON__DEPARTURE, "" },
    {   NO_SITE, REGISTRY__REFERENT_ROLE__DIRPJJ_REFERENT, "Hélène Fontaine (exemple)", "DIRPJJ",
        "Conseillère technique santé", REGISTRY__PROFESSIONAL_CATEGORY__PJJ_STAFF, P_DIRPJJ_2023,
        "2022-06-01", "2023-12-31", REGISTRY__END_REASON__END_OF_MANDATE, "" },
    //  Establishment referents of 2023, whose mandates ended when the
    //  programme had everyone named again in April 2024
    {   0, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Nadia Benali (exemple)", NULL, NULL, 0,
        P_NURSE_0_2023, "2022-03-01", "2024-03-31", REGISTRY__END_REASON__END_OF_MANDATE, "" },
    {   1, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Pierre Lambert (exemple)", NULL, NULL, 0,
        NO_SLOT, "2023-01-09", "2024-03-31", REGISTRY__END_REASON__END_OF_MANDATE, "" },
    {   3, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Sandrine Moreau (exemple)", NULL, NULL, 0,
        P_NURSE_3_2023, "2022-09-05", "2024-03-31", REGISTRY__END_REASON__DEPARTURE,
        "départ de l'USMP" },
    {   6, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Karim Haddad (exemple)", NULL, NULL, 0,
        P_NURSE_6_2023, "2021-11-15", "2024-03-31", REGISTRY__END_REASON__END_OF_MANDATE, "" },
    {   7, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Julie Caron (exemple)", NULL, NULL, 0,
        NO_SLOT, "2023-06-01", "2024-03-31", REGISTRY__END_REASON__END_OF_MANDATE, "" },
    {   0, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, "Franck Meyer (exemple)", NULL, NULL, 0,
        NO_SLOT, "2022-03-01", "2024-03-31", REGISTRY__END_REASON__END_OF_MANDATE, "" },
    {   1, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, "Laure Vincent (exemple)", NULL, NULL, 0,
        NO_SLOT, "2023-02-13", "2024-03-31", REGISTRY__END_REASON__TRANSFER, "mutation" },
    {   6, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, "David Mercier (exemple)", NULL, NULL, 0,
        P_OFFICER_6_2023, "2022-10-03", "2024-03-31", REGISTRY__END_REASON__END_OF_MANDATE, "" },
    //  CP Vendin-le-Vieil: its nurse left in 2023, nobody named since
    {   9, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Thomas Girard (exemple)", NULL, NULL, 0,
        NO_SLOT, "2022-05-02", "2023-07-31", REGISTRY__END_REASON__DEPARTURE, "départ de l'USMP" },
    //  The EPM (Quiévrechain): its nurse since 2023, its PJJ referent
    //  replaced in 2025, a prison-staff referent from the autumn of 2024
    {   10, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Anne-Sophie Blanc (exemple)", NULL, NULL,
        0, P_EPM_NURSE, "2023-05-02", NULL, 0, NULL },
    {   10, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, "Yacine Morel (exemple)", NULL, NULL, 0,
        P_EPM_PJJ_2023, "2023-09-01", "2025-08-31", REGISTRY__END_REASON__DEPARTURE,
        "départ de l'unité éducative" },
    {   10, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, "Stéphane Giraud (exemple)", NULL, NULL,
        0, NO_SLOT, "2024-10-01", NULL, 0, NULL },
    {   10, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, "Hugo Chevalier (exemple)", NULL, NULL, 0,
        P_EPM_PJJ, "2025-10-06", NULL, 0, NULL },
    //  PJJ referents of the minors' quarters (CP Laon, CP Liancourt, CP Longuenesse)
    {   3, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, "Céline Rousseau (exemple)", NULL, NULL, 0,
        P_LAON_PJJ, "2024-06-03", NULL, 0, NULL },
    {   4, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, "Manon Lemaire (exemple)", NULL, NULL, 0,
        NO_SLOT, "2025-03-03", NULL, 0, NULL },
    {   7, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, "Bruno Picard (exemple)", NULL, NULL, 0,
        NO_SLOT, "2026-01-15", NULL, 0, NULL },
    //  2025: CP Maubeuge, MA Amiens, MA Arras join; CP Lille-Annoeullin's
    //  prison-staff referent, gone in September, replaced in November
    {   8, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Mathilde Perrin (exemple)", NULL, NULL, 0,
        P_NURSE_8, "2025-05-05", NULL, 0, NULL },
    {   8, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, "Olivier Masson (exemple)", NULL, NULL, 0,
        NO_SLOT, "2025-05-05", "2026-09-30", REGISTRY__END_REASON__TRANSFER, "mutation" },
    {   11, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Inès Bouchard (exemple)", NULL, NULL, 0,
        P_NURSE_11, "2025-06-02", NULL, 0, NULL },
    {   11, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, "Romain Guérin (exemple)", NULL, NULL, 0,
        NO_SLOT, "2025-06-02", NULL, 0, NULL },
    {   12, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Lucie Renard (exemple)", NULL, NULL, 0,
        NO_SLOT, "2025-09-01", NULL, 0, NULL },
    {   5, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, "Fabrice Noël (exemple)", NULL, NULL, 0,
        NO_SLOT, "2025-11-17", NULL, 0, NULL },
    //  2026 so far: CP Château-Thierry's post filled again, MA Béthune and
    //  MA Douai join, MA Arras completes its pair, CP Beauvais's nurse replaced
    {   2, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, "Sabrina Colin (exemple)", NULL, NULL, 0,
        NO_SLOT, "2026-02-02", NULL, 0, NULL },
    {   13, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Élodie Brun (exemple)", NULL, NULL, 0,
        P_NURSE_13, "2026-03-02", NULL, 0, NULL },
    {   14, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Antoine Roger (exemple)", NULL, NULL, 0,
        NO_SLOT, "2026-03-16", NULL, 0, NULL },
    {   12, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, "Valérie Roche (exemple)", NULL, NULL, 0,
        NO_SLOT, "2026-04-01", NULL, 0, NULL },
    {   1, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, "Chloé Aubert (exemple)", NULL, NULL, 0,
        NO_SLOT, "2026-11-16", NULL, 0, NULL },
};

//  A steering committee: where, its life, which footnote-8 categories sit in it.
typedef struct {
    size_t site;
    const char *constituted;
    const char *dissolved;            //  NULL while it sits
    unsigned categories;              //  bit n: MemberCategory n
} sample_copil_t;

#define C(category)     (1u << REGISTRY__MEMBER_CATEGORY__##category)
#define C_ALL           0x7FEu        //  categories 1 to 10
#define C_NO_PJJ        (C_ALL & ~C (PJJ_REPRESENTATIVE))

static const sample_copil_t s_copils [] = {
    { 6, "2023-04-12", NULL, C_NO_PJJ },                              //  CP Lille-Loos-Sequedin
    //  CP Longuenesse holds minors but had no PJJ member: reconstituted in 2026
    { 7, "2023-09-21", "2026-01-05", C_NO_PJJ & ~C (OTHER_USEFUL_PARTNER) },
    { 10, "2023-11-20", NULL, C_ALL },                                //  EPM Quiévrechain
    { 3, "2025-03-20", NULL, C_ALL & ~C (OTHER_USEFUL_PARTNER) },     //  CP Laon
    { 8, "2025-10-02", NULL, C_NO_PJJ & ~C (OTHER_USEFUL_PARTNER) },  //  CP Maubeuge
    { 7, "2026-01-05", NULL, C_ALL },
    { 11, "2026-05-12", NULL, C_NO_PJJ },                             //  MA Amiens
};
#define COPILS (3 + sizeof s_copils / sizeof s_copils [0])    //  those of 2024 first

//  Who sits for each category (labels only: the detainees' representative
//  is never a person of the registry, nor named)
static const char *s_member_labels [] = {
    NULL,
    "Médecin responsable des soins somatiques et cadre de santé (exemple)",
    "Médecin responsable des soins psychiatriques (exemple)",
    "Infirmier·e de l'USMP (exemple)",
    "Direction du centre hospitalier de rattachement (exemple)",
    "Surveillant·e référent·e santé (exemple)",
    "Chef·fe d'établissement (exemple)",
    "Conseiller·e pénitentiaire d'insertion et de probation (exemple)",
    "Éducateur·rice de la PJJ (exemple)",
    "Partenaire associatif (exemple)",
    "Représentant·e des personnes détenues (non nominatif)",
};

typedef struct {
    int year;
    const char *title;
    const char *theme;
} sample_group_t;

static const sample_group_t s_groups [] = {
    { 2023, "Préparation du programme régional", "programme régional" },
    { 2023, "Santé des mineurs détenus", "mineurs" },
    { 2024, "Réduction des risques en détention", "addictions" },
    { 2024, "Formation des professionnels", "formation" },
    { 2024, "Santé des mineurs détenus", "mineurs" },
    { 2026, "Prévention du suicide et santé mentale", "santé mentale" },
};
#define GROUPS (2 + sizeof s_groups / sizeof s_groups [0])    //  those of 2025 first

//  A meeting: its body (the regional committee, the n-th working group,
//  the n-th steering committee), its date, who came.
typedef struct {
    Registry__BodyKind kind;
    size_t body;                      //  index among the groups or committees
    const char *date;
    const char *title;
    uint64_t people;                  //  roster slots
    uint64_t places;
} sample_meeting_t;

#define REGIONAL    REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY, 0
#define GROUP(n)    REGISTRY__BODY_KIND__WORKING_GROUP_BODY, (n)
#define COPIL(n)    REGISTRY__BODY_KIND__STEERING_COMMITTEE_BODY, (n)
#define COMITE      "Comité régional santé PPSMJ"

static const sample_meeting_t s_meetings [] = {
    //  2023: the working groups that prepare the programme
    {   GROUP (2), "2023-10-17", "Programme régional : état des lieux",
        B (P_ARS_2023) | B (P_DISP_2023) | B (P_IREPS_2023) | B (P_DIRPJJ_2023)
        | B (P_NURSE_0_2023) | B (P_NURSE_6_2023),
        B (S_ARS) | B (S_DISP) | B (S_IREPS) | B (S_UNIT (0)) | B (S_UNIT (6)) },
    {   GROUP (3), "2023-11-21", "Santé des mineurs détenus",
        B (P_ARS_2023) | B (P_DIRPJJ_2023) | B (P_EPM_NURSE) | B (P_EPM_PJJ_2023),
        B (S_ARS) | B (S_UNIT (10)) | B (S_EDUCATION) },
    {   GROUP (2), "2023-12-05", "Programme régional : priorités",
        B (P_ARS_2023) | B (P_DISP_2023) | B (P_IREPS_2023) | B (P_NURSE_3_2023)
        | B (P_OFFICER_6_2023) | B (P_EPM_NURSE),
        B (S_ARS) | B (S_DISP) | B (S_IREPS) | B (S_CSAPA) | B (S_UNIT (3)) | B (S_UNIT (10)) },
    //  2024: the regional committee sits; three working groups
    {   REGIONAL, "2024-02-06", "Installation du comité régional santé PPSMJ",
        B (P_ARS) | B (P_DISP) | B (P_IREPS) | B (P_DIRPJJ) | B (P_NURSE_0_2023)
        | B (P_NURSE_6_2023) | B (P_EPM_NURSE),
        B (S_ARS) | B (S_DISP) | B (S_IREPS) | B (S_CSAPA) | B (S_SPIP) | B (S_UNIT (0))
        | B (S_UNIT (6)) | B (S_UNIT (10)) },
    {   GROUP (4), "2024-03-26", "Réduction des risques en détention",
        B (P_ARS) | B (P_IREPS) | B (P_EPM_NURSE),
        B (S_ARS) | B (S_IREPS) | B (S_CSAPA) | B (S_CAARUD) },
    {   GROUP (5), "2024-05-14", "Formation des professionnels",
        B (P_ARS) | B (P_IREPS) | B (P_NURSE (2)) | B (P_NURSE (4)) | B (P_OFFICER (1)),
        B (S_ARS) | B (S_IREPS) | B (S_UNIT (2)) | B (S_UNIT (4)) },
    {   REGIONAL, "2024-06-11", COMITE,
        B (P_ARS) | B (P_DISP) | B (P_IREPS) | B (P_DIRPJJ) | B (P_NURSE (0)) | B (P_NURSE (1))
        | B (P_NURSE (6)) | B (P_OFFICER (0)),
        B (S_ARS) | B (S_DISP) | B (S_IREPS) | B (S_SPIP) | B (S_UNIT (0)) | B (S_UNIT (1))
        | B (S_UNIT (6)) },
    {   GROUP (6), "2024-09-24", "Santé des mineurs détenus",
        B (P_ARS) | B (P_DIRPJJ) | B (P_EPM_NURSE) | B (P_EPM_PJJ_2023) | B (P_LAON_PJJ),
        B (S_ARS) | B (S_UNIT (3)) | B (S_UNIT (10)) | B (S_EDUCATION) },
    {   REGIONAL, "2024-11-19", COMITE,
        B (P_ARS) | B (P_DISP) | B (P_IREPS) | B (P_NURSE (0)) | B (P_NURSE (3)) | B (P_NURSE (7))
        | B (P_OFFICER (3)),
        B (S_ARS) | B (S_DISP) | B (S_IREPS) | B (S_CSAPA) | B (S_UNIT (0)) | B (S_UNIT (3))
        | B (S_UNIT (7)) },
    //  2025: the two working groups meet (the committee's meetings come first)
    {   GROUP (0), "2025-03-18", "Santé mentale et prévention du suicide",
        B (P_ARS) | B (P_IREPS) | B (P_NURSE (2)) | B (P_NURSE (5)) | B (P_NURSE (6)) | B (P_EPM_NURSE),
        B (S_ARS) | B (S_IREPS) | B (S_UNIT (2)) | B (S_UNIT (5)) | B (S_UNIT (6)) | B (S_UNIT (10)) },
    {   GROUP (1), "2025-05-20", "Réduction des risques",
        B (P_ARS) | B (P_DISP) | B (P_NURSE (1)) | B (P_NURSE (3)) | B (P_OFFICER (1)) | B (P_OFFICER (3)),
        B (S_ARS) | B (S_DISP) | B (S_CSAPA) | B (S_CAARUD) | B (S_UNIT (1)) | B (S_UNIT (3)) },
    {   GROUP (1), "2025-09-23", "Réduction des risques",
        B (P_ARS) | B (P_DISP) | B (P_NURSE (0)) | B (P_NURSE (4)) | B (P_NURSE (7)) | B (P_LAON_PJJ),
        B (S_ARS) | B (S_DISP) | B (S_CSAPA) | B (S_CEGIDD) | B (S_UNIT (0)) | B (S_UNIT (4))
        | B (S_UNIT (7)) },
    {   GROUP (0), "2025-10-14", "Santé mentale et prévention du suicide",
        B (P_ARS) | B (P_IREPS) | B (P_NURSE (2)) | B (P_NURSE (6)) | B (P_NURSE_8) | B (P_NURSE_11),
        B (S_ARS) | B (S_IREPS) | B (S_ASSOCIATION) | B (S_UNIT (2)) | B (S_UNIT (6)) | B (S_UNIT (8))
        | B (S_UNIT (11)) },
    {   GROUP (1), "2025-12-09", "Réduction des risques : bilan de l'année",
        B (P_ARS) | B (P_IREPS) | B (P_NURSE (3)) | B (P_OFFICER (0)) | B (P_OFFICER (6)) | B (P_EPM_PJJ),
        B (S_ARS) | B (S_IREPS) | B (S_CSAPA) | B (S_SPIP) | B (S_UNIT (3)) | B (S_UNIT (10)) },
    //  2026 so far
    {   REGIONAL, "2026-02-10", COMITE,
        B (P_ARS) | B (P_DISP) | B (P_IREPS) | B (P_NURSE (0)) | B (P_NURSE_8) | B (P_NURSE_11),
        B (S_ARS) | B (S_DISP) | B (S_IREPS) | B (S_UNIT (0)) | B (S_UNIT (8)) | B (S_UNIT (11)) },
    {   GROUP (7), "2026-04-14", "Prévention du suicide et santé mentale",
        B (P_ARS) | B (P_IREPS) | B (P_NURSE (6)) | B (P_NURSE_13) | B (P_EPM_NURSE),
        B (S_ARS) | B (S_IREPS) | B (S_ASSOCIATION) | B (S_UNIT (6)) | B (S_UNIT (10)) },
    {   REGIONAL, "2026-06-23", COMITE,
        B (P_ARS) | B (P_DISP) | B (P_IREPS) | B (P_NURSE (1)) | B (P_NURSE (3)) | B (P_OFFICER (3))
        | B (P_EPM_PJJ),
        B (S_ARS) | B (S_DISP) | B (S_IREPS) | B (S_CSAPA) | B (S_UNIT (1)) | B (S_UNIT (3))
        | B (S_UNIT (10)) },
    {   GROUP (7), "2026-10-06", "Prévention du suicide et santé mentale",
        B (P_ARS) | B (P_IREPS) | B (P_NURSE (2)) | B (P_NURSE (7)) | B (P_NURSE_13),
        B (S_ARS) | B (S_IREPS) | B (S_CEGIDD) | B (S_UNIT (2)) | B (S_UNIT (7)) },
    {   REGIONAL, "2026-11-17", COMITE,
        B (P_ARS) | B (P_DISP) | B (P_IREPS) | B (P_NURSE (0)) | B (P_NURSE (4)) | B (P_OFFICER (0)),
        B (S_ARS) | B (S_DISP) | B (S_IREPS) | B (S_SPIP) | B (S_UNIT (0)) | B (S_UNIT (4)) },
    //  Steering committees (local: not in OS 3); their establishment and
    //  health unit come too. Indexes: 0-2 those of 2024, then s_copils.
    {   COPIL (3), "2023-06-15", "COPIL promotion de la santé",
        B (P_NURSE_6_2023) | B (P_OFFICER_6_2023), 0 },
    {   COPIL (3), "2023-12-07", "COPIL promotion de la santé",
        B (P_NURSE_6_2023) | B (P_OFFICER_6_2023), 0 },
    {   COPIL (4), "2024-02-08", "COPIL promotion de la santé", 0, 0 },
    {   COPIL (5), "2024-03-14", "COPIL promotion de la santé",
        B (P_EPM_NURSE) | B (P_EPM_PJJ_2023), B (S_EDUCATION) },
    {   COPIL (3), "2024-06-13", "COPIL promotion de la santé",
        B (P_NURSE (6)) | B (P_OFFICER (6)), 0 },
    {   COPIL (0), "2024-10-10", "COPIL promotion de la santé",
        B (P_NURSE (0)) | B (P_OFFICER (0)), B (S_IREPS) },
    {   COPIL (3), "2024-12-05", "COPIL : revue annuelle",
        B (P_NURSE (6)) | B (P_OFFICER (6)), B (S_IREPS) },
    {   COPIL (4), "2025-02-06", "COPIL promotion de la santé", B (P_NURSE (7)), 0 },
    {   COPIL (5), "2025-03-13", "COPIL promotion de la santé",
        B (P_EPM_NURSE) | B (P_EPM_PJJ_2023), B (S_EDUCATION) },
    {   COPIL (0), "2025-04-10", "COPIL promotion de la santé",
        B (P_NURSE (0)) | B (P_OFFICER (0)), 0 },
    {   COPIL (3), "2025-06-19", "COPIL promotion de la santé",
        B (P_NURSE (6)) | B (P_OFFICER (6)), B (S_ASSOCIATION) },
    {   COPIL (6), "2025-09-25", "COPIL promotion de la santé",
        B (P_NURSE (3)) | B (P_OFFICER (3)) | B (P_LAON_PJJ), 0 },
    {   COPIL (5), "2025-10-09", "COPIL promotion de la santé",
        B (P_EPM_NURSE) | B (P_EPM_PJJ), B (S_EDUCATION) },
    {   COPIL (0), "2025-11-13", "COPIL : revue annuelle",
        B (P_NURSE (0)) | B (P_OFFICER (0)), B (S_IREPS) },
    {   COPIL (3), "2025-12-04", "COPIL : revue annuelle",
        B (P_NURSE (6)) | B (P_OFFICER (6)), B (S_IREPS) },
    {   COPIL (5), "2026-03-12", "COPIL promotion de la santé",
        B (P_EPM_NURSE) | B (P_EPM_PJJ), 0 },
    {   COPIL (0), "2026-04-09", "COPIL promotion de la santé",
        B (P_NURSE (0)) | B (P_OFFICER (0)), 0 },
    {   COPIL (6), "2026-05-21", "COPIL promotion de la santé",
        B (P_NURSE (3)) | B (P_OFFICER (3)) | B (P_LAON_PJJ), 0 },
    {   COPIL (3), "2026-06-18", "COPIL promotion de la santé",
        B (P_NURSE (6)) | B (P_OFFICER (6)), 0 },
    {   COPIL (0), "2026-11-12", "COPIL promotion de la santé",
        B (P_NURSE (0)) | B (P_OFFICER (0)), B (S_IREPS) },
};

//  A write of the years' series, op and value set by field number.
static Registry__RegistryReply *
s_write (sample_t *self, uint32_t op, const ProtobufCMessage *value)
{
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    pps_reflect_set_message (&request.base, op, value);
    return s_call (self, &request);
}

static Registry__StructureRef *
s_place (sample_t *self, Registry__StructureKind kind, uint64_t id)
{
    Registry__StructureRef *place = pps_arena_alloc (self->arena, sizeof *place);
    registry__structure_ref__init (place);
    place->kind = kind;
    place->id = id;
    return place;
}

//  The partners the first records did not list, and the CPOM before the
//  programme's; the roster's partners and DISP.
static void
s_years_partners (sample_t *self, roster_t *roster, uint64_t ireps_id)
{
    const struct {
        const char *name;
        Registry__PartnerKind kind;
        int slot;
    } partners [] = {
        { "CeGIDD (exemple)", REGISTRY__PARTNER_KIND__CEGIDD, S_CEGIDD },
        { "CAARUD (exemple)", REGISTRY__PARTNER_KIND__CAARUD, S_CAARUD },
        { "Unité pédagogique régionale, Éducation nationale (exemple)",
          REGISTRY__PARTNER_KIND__EDUCATION_NATIONALE, S_EDUCATION },
        { "Association sportive et culturelle (exemple)", REGISTRY__PARTNER_KIND__ASSOCIATION,
          S_ASSOCIATION },
    };
    for (size_t index = 0; index < sizeof partners / sizeof partners [0]; index++) {
        Registry__Partner partner = REGISTRY__PARTNER__INIT;
        partner.name = (char *) partners [index].name;
        partner.kind = partners [index].kind;
        partner.region_code = (char *) self->region;
        Registry__RegistryReply *reply = s_write (self, REGISTRY__REGISTRY_REQUEST__OP_CREATE_PARTNER,
                                                  &partner.base);
        if (reply)
            roster->places [partners [index].slot] = s_place (
                self, REGISTRY__STRUCTURE_KIND__PARTNER_STRUCTURE, reply->partner->id);
    }
    //  The IREPS's previous contract already covered prisons
    Registry__Cpom cpom = REGISTRY__CPOM__INIT;
    cpom.region_code = (char *) self->region;
    cpom.title = "CPOM ARS / IREPS 2019-2023 (exemple)";
    cpom.partner_id = ireps_id;
    cpom.start_date = s_date (self, "2019-01-01");
    cpom.end_date = s_date (self, "2023-12-31");
    cpom.includes_prison_health_promotion = true;
    s_write (self, REGISTRY__REGISTRY_REQUEST__OP_CREATE_CPOM, &cpom.base);

    //  The DISP, a structure at the meetings (a read: a fresh request id)
    Registry__DirectorateFilter filter = REGISTRY__DIRECTORATE_FILTER__INIT;
    filter.region_code = (char *) self->region;
    filter.kind = REGISTRY__DIRECTORATE_KIND__DISP;
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_DIRECTORATES;
    request.list_directorates = &filter;
    Registry__RegistryReply *reply = (Registry__RegistryReply *) sample_call (
        self->client, self->arena, &request.base, &registry__registry_reply__descriptor, NULL,
        "the region's directorates", &self->failed);
    if (reply && reply->directorates->n_items)
        roster->places [S_DISP] = s_place (self, REGISTRY__STRUCTURE_KIND__DIRECTORATE_STRUCTURE,
                                           reply->directorates->items [0]->id);
}

//  The posts of s_posts, and the end of one of April 2024 (CP Beauvais's
//  nurse retires in October 2026, before her successor's post).
static void
s_years_posts (sample_t *self, Registry__EstablishmentList *establishments, roster_t *roster)
{
    if (self->sites > 1 && self->nurse_designations [1])
        s_end_designation (self, self->nurse_designations [1], "2026-10-31",
                           REGISTRY__END_REASON__DEPARTURE, "départ à la retraite");
    for (size_t index = 0; index < sizeof s_posts / sizeof s_posts [0] && !self->failed; index++) {
        const sample_post_t *post = &s_posts [index];
        Registry__Establishment *establishment = NULL;
        if (post->site != NO_SITE) {
            //  A smaller region has fewer posts; a PJJ post is only where minors are held
            if (post->site >= establishments->n_items)
                continue;
            establishment = establishments->items [post->site];
            if (post->role == REGISTRY__REFERENT_ROLE__PJJ_REFERENT
            &&  establishment->kind != REGISTRY__ESTABLISHMENT_KIND__EPM
            &&  !establishment->has_minors_quarter)
                continue;
        }
        const char *organisation = post->organisation, *title = post->title;
        Registry__ProfessionalCategory category = post->category;
        if (post->role == REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT) {
            organisation = pps_arena_printf (self->arena, "USMP %s", establishment->name);
            title = "Infirmier·e coordinateur·rice";
            category = REGISTRY__PROFESSIONAL_CATEGORY__HEALTH_PROFESSIONAL;
        }
        else
        if (post->role == REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT) {
            organisation = establishment->name;
            title = "Officier·e référent·e santé";
            category = REGISTRY__PROFESSIONAL_CATEGORY__PRISON_STAFF;
        }
        else
        if (post->role == REGISTRY__REFERENT_ROLE__PJJ_REFERENT) {
            organisation = "Unité éducative PJJ";
            title = "Éducateur·rice référent·e santé";
            category = REGISTRY__PROFESSIONAL_CATEGORY__PJJ_STAFF;
        }
        uint64_t person = s_person (self, post->name, organisation, title, category);
        if (post->slot != NO_SLOT)
            roster->people [post->slot] = person;
        //  A past mandate is recorded with its end; a departure of 2026 is
        //  ended when it happened, so that notify tells the team
        bool recent = post->end && strncmp (post->end, "2026", 4) >= 0;
        Registry__Designation designation = REGISTRY__DESIGNATION__INIT;
        designation.person_id = person;
        designation.role = post->role;
        designation.region_code = (char *) self->region;
        designation.establishment_id = establishment ? establishment->id : 0;
        designation.start_date = s_date (self, post->start);
        if (post->end && !recent) {
            designation.end_date = s_date (self, post->end);
            designation.end_reason = post->reason;
            designation.end_note = (char *) post->note;
        }
        Registry__RegistryReply *reply = s_write (self, REGISTRY__REGISTRY_REQUEST__OP_DESIGNATE,
                                                  &designation.base);
        if (reply && recent)
            s_end_designation (self, reply->designation->id, post->end, post->reason, post->note);
    }
}

static void
s_years_groups (sample_t *self, uint64_t *groups)
{
    groups [0] = self->groups_2025 [0];
    groups [1] = self->groups_2025 [1];
    for (size_t index = 0; index < sizeof s_groups / sizeof s_groups [0]; index++) {
        Registry__WorkingGroup group = REGISTRY__WORKING_GROUP__INIT;
        group.region_code = (char *) self->region;
        group.year = s_groups [index].year;
        group.title = (char *) s_groups [index].title;
        group.theme = (char *) s_groups [index].theme;
        Registry__RegistryReply *reply = s_write (
            self, REGISTRY__REGISTRY_REQUEST__OP_CREATE_WORKING_GROUP, &group.base);
        groups [2 + index] = reply ? reply->working_group->id : 0;
    }
}

//  The steering committees of s_copils; copils [n] their ids, those of 2024 first.
static void
s_years_copils (sample_t *self, Registry__EstablishmentList *establishments, uint64_t *copils,
                size_t *sites)
{
    for (size_t index = 0; index < 3; index++) {
        copils [index] = self->copils [index];
        sites [index] = index;
    }
    Registry__CommitteeMember members [REGISTRY__MEMBER_CATEGORY__DETAINEE_REPRESENTATIVE + 1];
    Registry__CommitteeMember *member_list [REGISTRY__MEMBER_CATEGORY__DETAINEE_REPRESENTATIVE + 1];
    for (size_t index = 0; index < sizeof s_copils / sizeof s_copils [0] && !self->failed; index++) {
        const sample_copil_t *spec = &s_copils [index];
        copils [3 + index] = 0;
        sites [3 + index] = spec->site;
        if (spec->site >= establishments->n_items)
            continue;
        Registry__Establishment *establishment = establishments->items [spec->site];
        bool minors = establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM
                   || establishment->has_minors_quarter;
        size_t count = 0;
        for (int category = 1; category <= REGISTRY__MEMBER_CATEGORY__DETAINEE_REPRESENTATIVE; category++) {
            if (!(spec->categories & (1u << category))
            ||  (category == REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE && !minors))
                continue;
            registry__committee_member__init (&members [count]);
            members [count].category = category;
            members [count].label = (char *) s_member_labels [category];
            member_list [count] = &members [count];
            count++;
        }
        Registry__SteeringCommittee copil = REGISTRY__STEERING_COMMITTEE__INIT;
        copil.establishment_id = establishment->id;
        copil.constituted_on = s_date (self, spec->constituted);
        copil.members = member_list;
        copil.n_members = count;
        Registry__RegistryReply *reply = s_write (
            self, REGISTRY__REGISTRY_REQUEST__OP_CREATE_STEERING_COMMITTEE, &copil.base);
        if (!reply)
            return;
        copils [3 + index] = reply->steering_committee->id;
        if (spec->dissolved) {
            Registry__Dissolve dissolve = REGISTRY__DISSOLVE__INIT;
            dissolve.id = copils [3 + index];
            dissolve.date = s_date (self, spec->dissolved);
            s_write (self, REGISTRY__REGISTRY_REQUEST__OP_DISSOLVE_STEERING_COMMITTEE,
                     &dissolve.base);
        }
    }
}

static void
s_years_meetings (sample_t *self, Registry__EstablishmentList *establishments,
                  const roster_t *roster, const uint64_t *groups, const uint64_t *copils,
                  const size_t *copil_sites)
{
    for (size_t index = 0; index < sizeof s_meetings / sizeof s_meetings [0] && !self->failed; index++) {
        const sample_meeting_t *spec = &s_meetings [index];
        Registry__Meeting meeting = REGISTRY__MEETING__INIT;
        meeting.body_kind = spec->kind;
        meeting.body_id = spec->kind == REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY
                        ? self->committee_id
                        : spec->kind == REGISTRY__BODY_KIND__WORKING_GROUP_BODY
                        ? groups [spec->body] : copils [spec->body];
        if (!meeting.body_id)
            continue;             //  A committee this region's list is too short for
        meeting.date = s_date (self, spec->date);
        meeting.title = (char *) spec->title;
        uint64_t people [P_ROSTER];
        Registry__StructureRef *places [S_ROSTER + 2];
        for (int slot = 0; slot < P_ROSTER; slot++)
            if ((spec->people & B (slot)) && roster->people [slot])
                people [meeting.n_attendee_person_ids++] = roster->people [slot];
        //  A steering committee meets in its establishment, its health unit there
        if (spec->kind == REGISTRY__BODY_KIND__STEERING_COMMITTEE_BODY) {
            size_t site = copil_sites [spec->body];
            places [meeting.n_attendee_structures++] = s_place (
                self, REGISTRY__STRUCTURE_KIND__ESTABLISHMENT_STRUCTURE,
                establishments->items [site]->id);
            if (site < SITES_MAX && self->units [site])
                places [meeting.n_attendee_structures++] = s_place (
                    self, REGISTRY__STRUCTURE_KIND__HEALTH_UNIT_STRUCTURE, self->units [site]);
        }
        for (int slot = 0; slot < S_ROSTER; slot++)
            if ((spec->places & B (slot)) && roster->places [slot])
                places [meeting.n_attendee_structures++] = roster->places [slot];
        meeting.attendee_person_ids = people;
        meeting.attendee_structures = places;
        s_write (self, REGISTRY__REGISTRY_REQUEST__OP_CREATE_MEETING, &meeting.base);
    }
}

static void
s_years (sample_t *self, Registry__EstablishmentList *establishments, const uint64_t *partners)
{
    self->series = "years-";
    self->step = 0;
    roster_t roster;
    memset (&roster, 0, sizeof roster);
    for (size_t index = 0; index < 4 && index < self->people_count; index++)
        roster.people [P_ARS + index] = self->people [index];
    for (size_t index = 0; index < 8 && index < self->sites; index++) {
        roster.people [P_NURSE (index)] = self->nurses [index];
        roster.people [P_OFFICER (index)] = self->officers [index];
    }
    roster.places [S_ARS] = s_place (self, REGISTRY__STRUCTURE_KIND__ARS_STRUCTURE, 0);
    roster.places [S_IREPS] = s_place (self, REGISTRY__STRUCTURE_KIND__PARTNER_STRUCTURE, partners [0]);
    roster.places [S_CSAPA] = s_place (self, REGISTRY__STRUCTURE_KIND__PARTNER_STRUCTURE, partners [1]);
    roster.places [S_SPIP] = s_place (self, REGISTRY__STRUCTURE_KIND__PARTNER_STRUCTURE, partners [2]);
    for (size_t index = 0; index < 16 && index < self->sites; index++)
        if (self->units [index])
            roster.places [S_UNIT (index)] = s_place (
                self, REGISTRY__STRUCTURE_KIND__HEALTH_UNIT_STRUCTURE, self->units [index]);

    s_years_partners (self, &roster, partners [0]);
    s_years_posts (self, establishments, &roster);
    uint64_t groups [GROUPS], copils [COPILS];
    size_t copil_sites [COPILS];
    s_years_groups (self, groups);
    s_years_copils (self, establishments, copils, copil_sites);
    s_years_meetings (self, establishments, &roster, groups, copils, copil_sites);
}

//  The first records, then the years' when asked. Returns 0 or -1.
static int
s_load (pps_config_t *config, const char *csv_path, bool years)
{
    sample_t self = {
        .client = pps_client_new (pps_config_endpoint (config, "registry"), 10000, 3),
        .arena = pps_arena_new (),
        .region = pps_config_region (config),
        .series = "",
        .replaying = years,
    };
    if (!self.client) {
        pps_arena_destroy (&self.arena);
        return -1;
    }
    //  The years refer to the first records by the ids their answers give:
    //  the first records depend on nothing but the ministry's file, so
    //  sending them again replays the same answers and writes nothing
    Registry__EstablishmentList *establishments = NULL;
    s_region_and_establishments (&self, csv_path, &establishments);
    if (establishments) {
        self.sites = establishments->n_items;
        s_health_units (&self, establishments);
        uint64_t partners [3];
        partners [0] = s_partner (&self, "IREPS (exemple)", REGISTRY__PARTNER_KIND__IREPS);
        partners [1] = s_partner (&self, "CSAPA (exemple)", REGISTRY__PARTNER_KIND__CSAPA);
        partners [2] = s_partner (&self, "SPIP (exemple)", REGISTRY__PARTNER_KIND__SPIP);
        s_referents (&self, establishments);
        s_instances (&self, establishments, partners [0]);
        if (years && !self.failed) {
            unsigned first = self.requests;
            s_years (&self, establishments, partners);
            if (!self.failed)
                zsys_info ("sample: years of region %s loaded (%u requests)", self.region,
                           self.requests - first);
        }
    }
    if (!self.failed && !years)
        zsys_info ("sample: region %s loaded (%u requests)", self.region, self.requests);
    pps_client_destroy (&self.client);
    pps_arena_destroy (&self.arena);
    return self.failed ? -1 : 0;
}

int
sample_region_load (pps_config_t *config, const char *csv_path)
{
    return s_load (config, csv_path, false);
}

int
sample_region_years_load (pps_config_t *config, const char *csv_path)
{
    return s_load (config, csv_path, true);
}
