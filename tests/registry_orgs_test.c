/*  registry.orgs: regions, directorates, establishments, hospitals, health
    units, partners and persons, driven through a real registry served
    in-process (see orgs_harness.h): validation with the field at fault,
    references, unique codes, list filters, updates and idempotent retries,
    opening and closing dates of establishments and their health units.  */
#include "orgs_harness.h"

//  ---------------------------------------------------------------- records

static Registry__Region *
s_region (test_t *t, const char *code, const char *name)
{
    Registry__Region *region = pps_arena_alloc (t->arena, sizeof *region);
    registry__region__init (region);
    region->code = (char *) code;
    region->name = (char *) name;
    return region;
}

static Registry__Directorate *
s_directorate (test_t *t, Registry__DirectorateKind kind, const char *code, const char *region)
{
    Registry__Directorate *directorate = pps_arena_alloc (t->arena, sizeof *directorate);
    registry__directorate__init (directorate);
    directorate->kind = kind;
    directorate->code = (char *) code;
    directorate->name = pps_arena_printf (t->arena, "Direction %s", code);
    if (region)
        pps_arena_push (t->arena, (void ***) &directorate->region_codes,
                        &directorate->n_region_codes, (char *) region);
    return directorate;
}

static Registry__Establishment *
s_establishment (test_t *t, const char *code, Registry__EstablishmentKind kind,
                 const char *region, uint64_t directorate_id)
{
    Registry__Establishment *establishment = pps_arena_alloc (t->arena, sizeof *establishment);
    registry__establishment__init (establishment);
    establishment->code = (char *) code;
    establishment->name = pps_arena_printf (t->arena, "Etablissement %s", code);
    establishment->kind = kind;
    establishment->region_code = (char *) region;
    establishment->directorate_id = directorate_id;
    establishment->capacity = 400;
    return establishment;
}

static Registry__Person *
s_person (test_t *t, const char *full_name, const char *email, const char *phone)
{
    Registry__Person *person = pps_arena_alloc (t->arena, sizeof *person);
    registry__person__init (person);
    person->full_name = (char *) full_name;
    person->organisation = "ARS Hauts-de-France";
    person->role_title = "chargée de mission";
    person->work_email = (char *) email;
    person->work_phone = (char *) phone;
    person->region_code = "32";
    person->category = REGISTRY__PROFESSIONAL_CATEGORY__ARS_STAFF;
    return person;
}

static Pps__Date *
s_date (test_t *t, int year, int month, int day)
{
    Pps__Date *date = pps_arena_alloc (t->arena, sizeof *date);
    pps__date__init (date);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

static Registry__ById *
s_by_id (test_t *t, uint64_t id)
{
    Registry__ById *by_id = pps_arena_alloc (t->arena, sizeof *by_id);
    registry__by_id__init (by_id);
    by_id->id = id;
    return by_id;
}

//  ---------------------------------------------------------------- handlers

typedef struct {
    uint64_t disp_id;           //  DISP-TEST, serving region 32
    uint64_t establishment_id;
    uint64_t hospital_id;       //  CHU de Lille
} fixture_t;

static void
s_test_directorates (test_t *t, fixture_t *fixture)
{
    OK (SEND (CREATE_REGION, create_region, s_region (t, "32", "Hauts-de-France")));
    OK (SEND (CREATE_REGION, create_region, s_region (t, "11", "Île-de-France")));

    Registry__Directorate *disp = OK (SEND (CREATE_DIRECTORATE, create_directorate,
        s_directorate (t, REGISTRY__DIRECTORATE_KIND__DISP, "DISP-TEST", "32")))->directorate;
    CHECK (disp->id > 0);
    fixture->disp_id = disp->id;
    Registry__Directorate *pjj = OK (SEND (CREATE_DIRECTORATE, create_directorate,
        s_directorate (t, REGISTRY__DIRECTORATE_KIND__DIRPJJ, "DIRPJJ-GRAND-NORD", "32")))->directorate;

    EXPECT (SEND (CREATE_DIRECTORATE, create_directorate,
        s_directorate (t, 0, "DISP-X", "32")), INVALID_ARGUMENT, "directorate.kind");
    EXPECT (SEND (CREATE_DIRECTORATE, create_directorate,
        s_directorate (t, REGISTRY__DIRECTORATE_KIND__DISP, "DISP-TEST", "11")),
        ALREADY_EXISTS, "directorate.code");
    EXPECT (SEND (CREATE_DIRECTORATE, create_directorate,
        s_directorate (t, REGISTRY__DIRECTORATE_KIND__DISP, "DISP-X", "99")),
        NOT_FOUND, "directorate.region_codes");
    EXPECT (SEND (CREATE_DIRECTORATE, create_directorate,
        s_directorate (t, REGISTRY__DIRECTORATE_KIND__DISP, "DISP-0123456789-0123456789-012345", "32")),
        INVALID_ARGUMENT, "directorate.code");
    Registry__Directorate *twice = s_directorate (t, REGISTRY__DIRECTORATE_KIND__DISP, "DISP-X", "32");
    pps_arena_push (t->arena, (void ***) &twice->region_codes, &twice->n_region_codes, "32");
    EXPECT (SEND (CREATE_DIRECTORATE, create_directorate, twice),
            INVALID_ARGUMENT, "directorate.region_codes");
    Registry__Directorate *with_id = s_directorate (t, REGISTRY__DIRECTORATE_KIND__DISP, "DISP-X", "32");
    with_id->id = 77;
    EXPECT (SEND (CREATE_DIRECTORATE, create_directorate, with_id), INVALID_ARGUMENT, "directorate.id");

    //  A rename frees the old code and keeps the index right
    pjj->code = "DIRPJJ-NORD";
    OK (SEND (UPDATE_DIRECTORATE, update_directorate, pjj));
    Registry__Directorate *again = OK (SEND (CREATE_DIRECTORATE, create_directorate,
        s_directorate (t, REGISTRY__DIRECTORATE_KIND__DIRPJJ, "DIRPJJ-GRAND-NORD", "11")))->directorate;
    again->code = "DIRPJJ-NORD";
    EXPECT (SEND (UPDATE_DIRECTORATE, update_directorate, again), ALREADY_EXISTS, "directorate.code");
    Registry__Directorate *ghost = s_directorate (t, REGISTRY__DIRECTORATE_KIND__DISP, "DISP-G", "32");
    ghost->id = 999;
    EXPECT (SEND (UPDATE_DIRECTORATE, update_directorate, ghost), NOT_FOUND, "directorate.id");

    Registry__Directorate *got = OK (SEND (GET_DIRECTORATE, get_directorate,
                                           s_by_id (t, pjj->id)))->directorate;
    CHECK (streq (got->code, "DIRPJJ-NORD") && got->n_region_codes == 1);
    EXPECT (SEND (GET_DIRECTORATE, get_directorate, s_by_id (t, 999)), NOT_FOUND, "id");

    Registry__DirectorateFilter filter = REGISTRY__DIRECTORATE_FILTER__INIT;
    filter.region_code = "32";
    CHECK (OK (SEND (LIST_DIRECTORATES, list_directorates, &filter))->directorates->n_items == 2);
    filter.kind = REGISTRY__DIRECTORATE_KIND__DIRPJJ;
    CHECK (OK (SEND (LIST_DIRECTORATES, list_directorates, &filter))->directorates->n_items == 1);
    filter.region_code = "";
    CHECK (OK (SEND (LIST_DIRECTORATES, list_directorates, &filter))->directorates->n_items == 2);
    filter.kind = 0;
    filter.region_code = "11";
    CHECK (OK (SEND (LIST_DIRECTORATES, list_directorates, &filter))->directorates->n_items == 1);

    //  Establishments: their directorate must be an existing DISP
    EXPECT (SEND (CREATE_ESTABLISHMENT, create_establishment,
        s_establishment (t, "TEST-1", REGISTRY__ESTABLISHMENT_KIND__MA, "32", pjj->id)),
        INVALID_ARGUMENT, "establishment.directorate_id");
    EXPECT (SEND (CREATE_ESTABLISHMENT, create_establishment,
        s_establishment (t, "TEST-1", REGISTRY__ESTABLISHMENT_KIND__MA, "32", 999)),
        NOT_FOUND, "establishment.directorate_id");
    Registry__Establishment *establishment = OK (SEND (CREATE_ESTABLISHMENT, create_establishment,
        s_establishment (t, "TEST-1", REGISTRY__ESTABLISHMENT_KIND__MA, "32", disp->id)))->establishment;
    fixture->establishment_id = establishment->id;
    EXPECT (SEND (CREATE_ESTABLISHMENT, create_establishment,
        s_establishment (t, "TEST-1", REGISTRY__ESTABLISHMENT_KIND__CD, "32", 0)),
        ALREADY_EXISTS, "establishment.code");

    //  A DISP with establishments cannot turn into a DIRPJJ
    disp->kind = REGISTRY__DIRECTORATE_KIND__DIRPJJ;
    EXPECT (SEND (UPDATE_DIRECTORATE, update_directorate, disp),
            FAILED_PRECONDITION, "directorate.kind");
    disp->kind = REGISTRY__DIRECTORATE_KIND__DISP;
    disp->seat = "Lille";
    CHECK (streq (OK (SEND (UPDATE_DIRECTORATE, update_directorate, disp))->directorate->seat,
                  "Lille"));
}

static void
s_test_health (test_t *t, fixture_t *fixture)
{
    Registry__Hospital hospital = REGISTRY__HOSPITAL__INIT;
    hospital.name = "CHU de Lille";
    hospital.region_code = "32";
    hospital.finess = "59078019";
    EXPECT (SEND (CREATE_HOSPITAL, create_hospital, &hospital), INVALID_ARGUMENT, "hospital.finess");
    hospital.finess = "590780193";
    hospital.region_code = "";
    EXPECT (SEND (CREATE_HOSPITAL, create_hospital, &hospital), INVALID_ARGUMENT, "hospital.region_code");
    hospital.region_code = "99";
    EXPECT (SEND (CREATE_HOSPITAL, create_hospital, &hospital), NOT_FOUND, "hospital.region_code");
    hospital.region_code = "32";
    Registry__Hospital *chu = OK (SEND (CREATE_HOSPITAL, create_hospital, &hospital))->hospital;
    fixture->hospital_id = chu->id;
    hospital.name = "CH de Corte";
    hospital.finess = "2B0000024";
    hospital.region_code = "11";
    Registry__Hospital *other = OK (SEND (CREATE_HOSPITAL, create_hospital, &hospital))->hospital;
    CHECK (chu->id && other->id && chu->id != other->id);
    chu->medical_project_includes_pps = true;
    OK (SEND (UPDATE_HOSPITAL, update_hospital, chu));
    CHECK (OK (SEND (GET_HOSPITAL, get_hospital, s_by_id (t, chu->id)))->hospital
           ->medical_project_includes_pps);
    Registry__ByRegion by_region = REGISTRY__BY_REGION__INIT;
    by_region.region_code = "32";
    CHECK (OK (SEND (LIST_HOSPITALS, list_hospitals, &by_region))->hospitals->n_items == 1);
    by_region.region_code = "";
    CHECK (OK (SEND (LIST_HOSPITALS, list_hospitals, &by_region))->hospitals->n_items == 2);

    Registry__HealthUnit unit = REGISTRY__HEALTH_UNIT__INIT;
    unit.name = "USMP Test";
    unit.establishment_id = 999;
    unit.hospital_id = chu->id;
    EXPECT (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit),
            NOT_FOUND, "health_unit.establishment_id");
    unit.establishment_id = fixture->establishment_id;
    unit.hospital_id = 999;
    EXPECT (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit), NOT_FOUND, "health_unit.hospital_id");
    unit.hospital_id = 0;
    EXPECT (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit),
            INVALID_ARGUMENT, "health_unit.hospital_id");
    unit.hospital_id = chu->id;
    unit.name = "";
    EXPECT (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit), INVALID_ARGUMENT, "health_unit.name");
    unit.name = "USMP Test";
    Registry__HealthUnit *created = OK (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit))->health_unit;
    created->name = "USMP du centre de test";
    OK (SEND (UPDATE_HEALTH_UNIT, update_health_unit, created));
    CHECK (streq (OK (SEND (GET_HEALTH_UNIT, get_health_unit, s_by_id (t, created->id)))
                  ->health_unit->name, "USMP du centre de test"));

    Registry__HealthUnitFilter filter = REGISTRY__HEALTH_UNIT_FILTER__INIT;
    filter.region_code = "32";
    CHECK (OK (SEND (LIST_HEALTH_UNITS, list_health_units, &filter))->health_units->n_items == 1);
    filter.region_code = "11";
    CHECK (OK (SEND (LIST_HEALTH_UNITS, list_health_units, &filter))->health_units->n_items == 0);
    filter.region_code = "";
    filter.establishment_id = fixture->establishment_id;
    CHECK (OK (SEND (LIST_HEALTH_UNITS, list_health_units, &filter))->health_units->n_items == 1);
    filter.establishment_id = 0;
    filter.hospital_id = other->id;
    CHECK (OK (SEND (LIST_HEALTH_UNITS, list_health_units, &filter))->health_units->n_items == 0);
}

//  True when the establishment is listed open at date.
static bool
s_listed_open (test_t *t, uint64_t id, Pps__Date *date)
{
    Registry__EstablishmentFilter filter = REGISTRY__ESTABLISHMENT_FILTER__INIT;
    filter.open_at = date;
    Registry__EstablishmentList *list =
        OK (SEND (LIST_ESTABLISHMENTS, list_establishments, &filter))->establishments;
    for (size_t index = 0; index < list->n_items; index++)
        if (list->items [index]->id == id)
            return true;
    return false;
}

//  Opening and closing dates: an establishment's, its health units' within
//  them, and a change of the establishment's dates that would leave a unit
//  outside refused. Refusals write nothing.
static void
s_test_life (test_t *t, fixture_t *fixture)
{
    uint64_t seq = orgs_harness_last_seq (t);
    Registry__Establishment *in = s_establishment (t, "TEST-LIFE", REGISTRY__ESTABLISHMENT_KIND__MA,
                                                   "32", fixture->disp_id);
    in->opened_on = s_date (t, 2023, 2, 30);
    EXPECT (SEND (CREATE_ESTABLISHMENT, create_establishment, in),
            INVALID_ARGUMENT, "establishment.opened_on");
    in->opened_on = s_date (t, 2020, 3, 1);
    in->closed_on = s_date (t, 2020, 2, 29);
    EXPECT (SEND (CREATE_ESTABLISHMENT, create_establishment, in),
            INVALID_ARGUMENT, "establishment.closed_on");
    CHECK (orgs_harness_last_seq (t) == seq);
    in->closed_on = NULL;
    Registry__Establishment *life = OK (SEND (CREATE_ESTABLISHMENT, create_establishment,
                                              in))->establishment;
    CHECK (pps_date_ordinal (life->opened_on) == 20200301);
    CHECK (!s_listed_open (t, life->id, s_date (t, 2020, 2, 29)));
    CHECK (s_listed_open (t, life->id, s_date (t, 2020, 3, 1)));

    //  A unit's own dates: real days, in order, within the establishment's
    Registry__HealthUnit unit = REGISTRY__HEALTH_UNIT__INIT;
    unit.name = "USMP Life";
    unit.establishment_id = life->id;
    unit.hospital_id = fixture->hospital_id;
    unit.opened_on = s_date (t, 2023, 2, 30);
    seq = orgs_harness_last_seq (t);
    EXPECT (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit),
            INVALID_ARGUMENT, "health_unit.opened_on");
    unit.opened_on = s_date (t, 2021, 1, 1);
    unit.closed_on = s_date (t, 2020, 12, 31);
    EXPECT (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit),
            INVALID_ARGUMENT, "health_unit.closed_on");
    unit.opened_on = s_date (t, 2020, 2, 1);
    unit.closed_on = NULL;
    EXPECT (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit),
            FAILED_PRECONDITION, "health_unit.opened_on");
    CHECK (orgs_harness_last_seq (t) == seq);
    unit.opened_on = s_date (t, 2020, 3, 1);
    Registry__HealthUnit *usmp = OK (SEND (CREATE_HEALTH_UNIT, create_health_unit,
                                           &unit))->health_unit;
    usmp->closed_on = s_date (t, 2024, 12, 31);
    OK (SEND (UPDATE_HEALTH_UNIT, update_health_unit, usmp));

    //  The establishment cannot close before its unit, nor open after it
    seq = orgs_harness_last_seq (t);
    life->closed_on = s_date (t, 2024, 6, 30);
    const char *message = EXPECT (SEND (UPDATE_ESTABLISHMENT, update_establishment, life),
                                  FAILED_PRECONDITION, "establishment.closed_on")->status->message;
    CHECK (strstr (message, pps_arena_printf (t->arena, "health unit %llu",
                                              (unsigned long long) usmp->id)));
    life->closed_on = NULL;
    life->opened_on = s_date (t, 2020, 4, 1);
    EXPECT (SEND (UPDATE_ESTABLISHMENT, update_establishment, life),
            FAILED_PRECONDITION, "establishment.opened_on");
    CHECK (orgs_harness_last_seq (t) == seq);
    life->opened_on = s_date (t, 2020, 3, 1);
    life->closed_on = s_date (t, 2024, 12, 31);
    OK (SEND (UPDATE_ESTABLISHMENT, update_establishment, life));
    CHECK (!s_listed_open (t, life->id, s_date (t, 2025, 1, 1)));
    CHECK (s_listed_open (t, life->id, s_date (t, 2024, 12, 31)));

    //  Once closed: a unit dated past the closing is refused; a unit without
    //  dates takes the establishment's
    seq = orgs_harness_last_seq (t);
    usmp->closed_on = s_date (t, 2025, 1, 1);
    EXPECT (SEND (UPDATE_HEALTH_UNIT, update_health_unit, usmp),
            FAILED_PRECONDITION, "health_unit.closed_on");
    unit.opened_on = s_date (t, 2025, 1, 1);
    EXPECT (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit),
            FAILED_PRECONDITION, "health_unit.opened_on");
    CHECK (orgs_harness_last_seq (t) == seq);
    unit.opened_on = NULL;
    OK (SEND (CREATE_HEALTH_UNIT, create_health_unit, &unit));
    Registry__HealthUnit *got = OK (SEND (GET_HEALTH_UNIT, get_health_unit,
                                          s_by_id (t, usmp->id)))->health_unit;
    CHECK (pps_date_ordinal (got->opened_on) == 20200301);
    CHECK (pps_date_ordinal (got->closed_on) == 20241231);
}

static void
s_test_people (test_t *t)
{
    Registry__Partner partner = REGISTRY__PARTNER__INIT;
    partner.name = "IREPS Hauts-de-France";
    partner.region_code = "32";
    EXPECT (SEND (CREATE_PARTNER, create_partner, &partner), INVALID_ARGUMENT, "partner.kind");
    partner.kind = REGISTRY__PARTNER_KIND__IREPS;
    OK (SEND (CREATE_PARTNER, create_partner, &partner));
    partner.name = "CSAPA de Paris";
    partner.kind = REGISTRY__PARTNER_KIND__CSAPA;
    partner.region_code = "11";
    Registry__Partner *csapa = OK (SEND (CREATE_PARTNER, create_partner, &partner))->partner;
    csapa->departement_code = "75";
    OK (SEND (UPDATE_PARTNER, update_partner, csapa));
    CHECK (streq (OK (SEND (GET_PARTNER, get_partner, s_by_id (t, csapa->id)))
                  ->partner->departement_code, "75"));
    Registry__PartnerFilter filter = REGISTRY__PARTNER_FILTER__INIT;
    filter.region_code = "32";
    CHECK (OK (SEND (LIST_PARTNERS, list_partners, &filter))->partners->n_items == 1);
    filter.kind = REGISTRY__PARTNER_KIND__CSAPA;
    CHECK (OK (SEND (LIST_PARTNERS, list_partners, &filter))->partners->n_items == 0);
    filter.region_code = "";
    CHECK (OK (SEND (LIST_PARTNERS, list_partners, &filter))->partners->n_items == 1);

    //  Idempotent retries: the same request id gives the first reply and
    //  writes nothing
    partner.name = "CODES de l'Aisne";
    partner.kind = REGISTRY__PARTNER_KIND__CODES;
    partner.region_code = "32";
    uint64_t seq = orgs_harness_last_seq (t);
    Registry__RegistryReply *first = OK (SEND_ID (CREATE_PARTNER, create_partner, &partner,
                                                  "orgs-test-replay-1"));
    CHECK (orgs_harness_last_seq (t) == seq + 1);
    Registry__RegistryReply *second = OK (SEND_ID (CREATE_PARTNER, create_partner, &partner,
                                                   "orgs-test-replay-1"));
    CHECK (second->partner->id == first->partner->id);
    CHECK (orgs_harness_last_seq (t) == seq + 1);
    filter.kind = REGISTRY__PARTNER_KIND__CODES;
    CHECK (OK (SEND (LIST_PARTNERS, list_partners, &filter))->partners->n_items == 1);

    EXPECT (SEND (CREATE_PERSON, create_person, s_person (t, "", "", "")),
            INVALID_ARGUMENT, "person.full_name");
    char long_name [PPS_NAME_MAX + 2];
    memset (long_name, 'a', sizeof long_name - 1);
    long_name [sizeof long_name - 1] = 0;
    EXPECT (SEND (CREATE_PERSON, create_person, s_person (t, long_name, "", "")),
            INVALID_ARGUMENT, "person.full_name");
    const char *bad_emails [] = { "jeanne", "jeanne@ars", "jeanne martin@ars.fr", "j@@ars.fr",
                                  "@ars.fr", "jeanne@ars.", "jeanne@.fr" };
    for (size_t index = 0; index < sizeof bad_emails / sizeof bad_emails [0]; index++)
        EXPECT (SEND (CREATE_PERSON, create_person,
                      s_person (t, "Jeanne Martin", bad_emails [index], "")),
                INVALID_ARGUMENT, "person.work_email");
    EXPECT (SEND (CREATE_PERSON, create_person, s_person (t, "Jeanne Martin", "", "appelez-moi")),
            INVALID_ARGUMENT, "person.work_phone");
    Registry__Person *wrong = s_person (t, "Jeanne Martin", "", "");
    wrong->category = 99;
    EXPECT (SEND (CREATE_PERSON, create_person, wrong), INVALID_ARGUMENT, "person.category");
    wrong->category = 0;
    wrong->region_code = "99";
    EXPECT (SEND (CREATE_PERSON, create_person, wrong), NOT_FOUND, "person.region_code");

    Registry__Person *jeanne = OK (SEND (CREATE_PERSON, create_person,
        s_person (t, "Jeanne Martin", "jeanne.martin@ars.sante.fr", "+33 3 20 00 00 00")))->person;
    Registry__Person *paul = OK (SEND (CREATE_PERSON, create_person,
        s_person (t, "Paul Durand", "", "03.20.00.00.01")))->person;
    paul->category = REGISTRY__PROFESSIONAL_CATEGORY__PRISON_STAFF;
    paul->region_code = "11";
    OK (SEND (UPDATE_PERSON, update_person, paul));
    paul->id = 999;
    EXPECT (SEND (UPDATE_PERSON, update_person, paul), NOT_FOUND, "person.id");
    CHECK (streq (OK (SEND (GET_PERSON, get_person, s_by_id (t, jeanne->id)))->person->work_email,
                  "jeanne.martin@ars.sante.fr"));
    Registry__PersonFilter persons = REGISTRY__PERSON_FILTER__INIT;
    persons.region_code = "32";
    CHECK (OK (SEND (LIST_PERSONS, list_persons, &persons))->persons->n_items == 1);
    persons.region_code = "";
    persons.category = REGISTRY__PROFESSIONAL_CATEGORY__PRISON_STAFF;
    Registry__PersonList *list = OK (SEND (LIST_PERSONS, list_persons, &persons))->persons;
    CHECK (list->n_items == 1 && streq (list->items [0]->full_name, "Paul Durand"));
}

int
main (void)
{
    printf (" * registry.orgs: ");
    fflush (stdout);
    test_t test;
    orgs_harness_start (&test);
    fixture_t fixture = { 0 };
    s_test_directorates (&test, &fixture);
    s_test_health (&test, &fixture);
    s_test_life (&test, &fixture);
    s_test_people (&test);
    orgs_harness_stop (&test);
    printf ("OK\n");
    return 0;
}
