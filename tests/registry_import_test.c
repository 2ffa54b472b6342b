/*  registry.import: ImportEstablishments driven through a real registry
    served in-process (see orgs_harness.h): a small inline file first (scope,
    upserts, DISPs, what a re-import leaves alone (the operator's opening and
    closing dates included), every bad row reported and nothing written, a
    minors' quarter kept while a PJJ referent is in post), then the
    ministry's real file when its path (first argument) exists: one region,
    then all of them.  */
#include "orgs_harness.h"
#include "establishment_csv.h"

#define HEADER \
    "etablissement,type_code,cd_etablissement,quartier_mineurs_liste_A43_3_2014,epm," \
    "disp_code,disp_libelle,departement_code,region_code_insee,commune_insee," \
    "capacite_operationnelle\n"

static const char *s_inline_csv =
    HEADER
    "MA TESTVILLE,MA,T001,oui,non,DISP-T,DISP de Test,80,32,Testville,100\n"
    "EPM TEST,EPM,T002,,oui,DISP-T,DISP de Test,59,32,Testbourg,NC\n"
    "CP SANS CODE,CP,,,non,DISP-T,DISP de Test,62,32,Sanscode,300\n"
    "MA AILLEURS,MA,T004,,non,DISP-U,DISP d'ailleurs,75,11,Paris,50\n";

typedef struct {
    Registry__EstablishmentRow **items;
    size_t count;
} rows_t;

//  Parse a CSV text into rows (a fresh copy each time, free to modify).
static rows_t
s_rows (test_t *t, const char *text)
{
    rows_t rows;
    char error [256];
    if (establishment_csv_parse (text, strlen (text), t->arena, &rows.items, &rows.count,
                                 error, sizeof error)) {
        fprintf (stderr, "%s\n", error);
        CHECK (false);
    }
    return rows;
}

static Registry__ImportEstablishments *
s_request (test_t *t, const char *region, rows_t rows)
{
    Registry__ImportEstablishments *request = pps_arena_alloc (t->arena, sizeof *request);
    registry__import_establishments__init (request);
    request->region_code = (char *) region;
    request->rows = rows.items;
    request->n_rows = rows.count;
    return request;
}

//  Import that must succeed with these counts and add that many events.
static void
s_import (test_t *t, const char *region, rows_t rows, uint32_t in_scope, uint32_t created,
          uint32_t updated, uint32_t unchanged, uint32_t disps, uint64_t events, int line)
{
    uint64_t seq = orgs_harness_last_seq (t);
    Registry__ImportReport *report = orgs_harness_expect (
        SEND (IMPORT_ESTABLISHMENTS, import_establishments, s_request (t, region, rows)),
        PPS__CODE__OK, NULL, __FILE__, line)->import_report;
    uint64_t added = orgs_harness_last_seq (t) - seq;
    if (report->rows_read != rows.count || report->rows_in_scope != in_scope
    ||  report->created != created || report->updated != updated
    ||  report->unchanged != unchanged || report->directorates_created != disps
    ||  report->n_errors || added != events) {
        fprintf (stderr, "read %u in scope %u created %u updated %u unchanged %u "
                 "directorates %u, %llu events\n", report->rows_read, report->rows_in_scope,
                 report->created, report->updated, report->unchanged,
                 report->directorates_created, (unsigned long long) added);
        test_scratch_abort (__FILE__, line, "import report");
    }
}

//  Import that must fail on its rows, write nothing, and say what.
static const char *
s_import_fails (test_t *t, const char *region, rows_t rows, int line)
{
    uint64_t seq = orgs_harness_last_seq (t);
    Registry__RegistryReply *reply = orgs_harness_expect (
        SEND (IMPORT_ESTABLISHMENTS, import_establishments, s_request (t, region, rows)),
        PPS__CODE__INVALID_ARGUMENT, "rows", __FILE__, line);
    if (orgs_harness_last_seq (t) != seq)
        test_scratch_abort (__FILE__, line, "a failed import wrote events");
    //  The refusal also carries the full list of bad rows
    if (!reply->import_report || reply->import_report->n_errors == 0
    ||  reply->import_report->created || reply->import_report->updated)
        test_scratch_abort (__FILE__, line, "a refused import carries no row errors");
    return pps_client_status (&reply->base)->message;
}

//  The establishment with that ministry code, or NULL.
static Registry__Establishment *
s_establishment (test_t *t, const char *code)
{
    Registry__EstablishmentFilter filter = REGISTRY__ESTABLISHMENT_FILTER__INIT;
    Registry__EstablishmentList *list =
        OK (SEND (LIST_ESTABLISHMENTS, list_establishments, &filter))->establishments;
    for (size_t index = 0; index < list->n_items; index++)
        if (streq (list->items [index]->code, code))
            return list->items [index];
    return NULL;
}

//  The directorate with that code, or NULL.
static Registry__Directorate *
s_directorate (test_t *t, const char *code)
{
    Registry__DirectorateFilter filter = REGISTRY__DIRECTORATE_FILTER__INIT;
    Registry__DirectorateList *list =
        OK (SEND (LIST_DIRECTORATES, list_directorates, &filter))->directorates;
    for (size_t index = 0; index < list->n_items; index++)
        if (streq (list->items [index]->code, code))
            return list->items [index];
    return NULL;
}

static void
s_create_region (test_t *t, const char *code)
{
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = (char *) code;
    region.name = pps_arena_printf (t->arena, "Région %s", code);
    OK (SEND (CREATE_REGION, create_region, &region));
}

static void
s_test_inline (test_t *t)
{
    s_create_region (t, "32");
    s_create_region (t, "11");

    //  Region 32: three rows in scope, DISP-T created; the row of region 11
    //  is only checked. The same request id again writes nothing.
    Registry__ImportEstablishments *request = s_request (t, "32", s_rows (t, s_inline_csv));
    uint64_t seq = orgs_harness_last_seq (t);
    Registry__ImportReport *first = OK (SEND_ID (IMPORT_ESTABLISHMENTS, import_establishments,
                                                 request, "import-replay-1"))->import_report;
    CHECK (first->rows_read == 4 && first->rows_in_scope == 3 && first->created == 3);
    CHECK (first->directorates_created == 1);
    CHECK (orgs_harness_last_seq (t) == seq + 4);
    Registry__ImportReport *again = OK (SEND_ID (IMPORT_ESTABLISHMENTS, import_establishments,
                                                 request, "import-replay-1"))->import_report;
    CHECK (again->created == 3 && orgs_harness_last_seq (t) == seq + 4);

    Registry__Establishment *testville = s_establishment (t, "T001");
    Registry__Establishment *epm = s_establishment (t, "T002");
    Registry__Establishment *nocode = s_establishment (t, "NOCODE-CP-SANS-CODE");
    Registry__Directorate *disp_t = s_directorate (t, "DISP-T");
    CHECK (testville && epm && nocode && disp_t && !s_establishment (t, "T004"));
    CHECK (disp_t->kind == REGISTRY__DIRECTORATE_KIND__DISP);
    CHECK (streq (disp_t->name, "DISP de Test"));
    CHECK (disp_t->n_region_codes == 1 && streq (disp_t->region_codes [0], "32"));
    CHECK (testville->kind == REGISTRY__ESTABLISHMENT_KIND__MA && testville->has_minors_quarter);
    CHECK (testville->capacity == 100 && testville->directorate_id == disp_t->id);
    CHECK (streq (testville->departement_code, "80") && streq (testville->commune, "Testville"));
    CHECK (epm->kind == REGISTRY__ESTABLISHMENT_KIND__EPM && epm->has_minors_quarter);
    CHECK (epm->capacity == 0);
    CHECK (nocode->kind == REGISTRY__ESTABLISHMENT_KIND__CP && !nocode->has_minors_quarter);

    //  Same file again: nothing changes, nothing is emitted
    s_import (t, "32", s_rows (t, s_inline_csv), 3, 0, 0, 3, 0, 0, __LINE__);
    //  Region 11, then every region
    s_import (t, "11", s_rows (t, s_inline_csv), 1, 1, 0, 0, 1, 2, __LINE__);
    s_import (t, "", s_rows (t, s_inline_csv), 4, 0, 0, 4, 0, 0, __LINE__);

    //  A new capacity updates; "NC" and a blank minors' column leave what is known
    rows_t rows = s_rows (t, s_inline_csv);
    rows.items [0]->capacity = "120";
    s_import (t, "32", rows, 3, 0, 1, 2, 0, 1, __LINE__);
    rows.items [0]->capacity = "NC";
    rows.items [0]->minors_quarter_2014 = "";
    s_import (t, "32", rows, 3, 0, 0, 3, 0, 0, __LINE__);
    testville = s_establishment (t, "T001");
    CHECK (testville->capacity == 120 && testville->has_minors_quarter);
    rows.items [0]->minors_quarter_2014 = "non";
    s_import (t, "32", rows, 3, 0, 1, 2, 0, 1, __LINE__);
    CHECK (!s_establishment (t, "T001")->has_minors_quarter);

    //  An establishment moving to DISP-T gives DISP-T its region
    rows.items [3]->disp_code = "DISP-T";
    s_import (t, "", rows, 4, 0, 1, 3, 0, 2, __LINE__);
    disp_t = s_directorate (t, "DISP-T");
    CHECK (disp_t->n_region_codes == 2 && streq (disp_t->region_codes [1], "11"));
    CHECK (s_establishment (t, "T004")->directorate_id == disp_t->id);

    //  Every bad row is reported by line and CSV column; nothing is written
    rows = s_rows (t, s_inline_csv);
    rows.items [1]->type_code = "XX";
    rows.items [3]->capacity = "-3";
    const char *message = s_import_fails (t, "32", rows, __LINE__);
    CHECK (strstr (message, "2 bad rows, nothing imported"));
    CHECK (strstr (message, "line 3 type_code: unknown kind 'XX'"));
    CHECK (strstr (message, "line 5 capacite_operationnelle"));
    rows = s_rows (t, s_inline_csv);
    rows.items [0]->name = "";
    rows.items [0]->epm = "peut-être";
    rows.items [2]->region_code = "3a";
    message = s_import_fails (t, "", rows, __LINE__);
    CHECK (strstr (message, "line 2 etablissement: required"));
    CHECK (strstr (message, "line 2 epm"));
    CHECK (strstr (message, "line 4 region_code_insee"));
    rows = s_rows (t, s_inline_csv);
    rows.items [3]->code = "T001";
    CHECK (strstr (s_import_fails (t, "11", rows, __LINE__),
                   "line 5 cd_etablissement: code T001 is also on line 2"));

    //  A row's region must exist when the row is in scope, not otherwise
    rows = s_rows (t, s_inline_csv);
    rows.items [3]->region_code = "93";
    CHECK (strstr (s_import_fails (t, "", rows, __LINE__),
                   "line 5 region_code_insee: region 93 is not in the registry"));
    //  (T001 goes back to the file's capacity and minors' quarter)
    s_import (t, "32", rows, 3, 0, 1, 2, 0, 1, __LINE__);
    CHECK (s_establishment (t, "T001")->capacity == 100);

    //  A disp_code naming a youth-justice directorate
    Registry__Directorate pjj = REGISTRY__DIRECTORATE__INIT;
    pjj.kind = REGISTRY__DIRECTORATE_KIND__DIRPJJ;
    pjj.code = "DIRPJJ-T";
    pjj.name = "DIRPJJ de Test";
    OK (SEND (CREATE_DIRECTORATE, create_directorate, &pjj));
    rows = s_rows (t, s_inline_csv);
    rows.items [2]->disp_code = "DIRPJJ-T";
    CHECK (strstr (s_import_fails (t, "32", rows, __LINE__),
                   "line 4 disp_code: directorate DIRPJJ-T is not a DISP"));

    //  The file has no opening date: what an operator set stays as it is
    Registry__Establishment *dated = s_establishment (t, "T002");
    dated->opened_on = (Pps__Date *) pps_arena_message (t->arena, &pps__date__descriptor);
    pps_date_from_ordinal (dated->opened_on, 20150901);
    dated->closed_on = (Pps__Date *) pps_arena_message (t->arena, &pps__date__descriptor);
    pps_date_from_ordinal (dated->closed_on, 20301231);
    OK (SEND (UPDATE_ESTABLISHMENT, update_establishment, dated));
    s_import (t, "32", s_rows (t, s_inline_csv), 3, 0, 0, 3, 0, 0, __LINE__);
    dated = s_establishment (t, "T002");
    CHECK (pps_date_ordinal (dated->opened_on) == 20150901);
    CHECK (pps_date_ordinal (dated->closed_on) == 20301231);

    //  A file that drops the minors' quarter of an establishment with a PJJ
    //  referent in post is refused like the same update by hand
    Registry__Person person = REGISTRY__PERSON__INIT;
    person.full_name = "Référent PJJ";
    person.region_code = "32";
    Registry__Designation designation = REGISTRY__DESIGNATION__INIT;
    designation.person_id = OK (SEND (CREATE_PERSON, create_person, &person))->person->id;
    designation.role = REGISTRY__REFERENT_ROLE__PJJ_REFERENT;
    designation.establishment_id = s_establishment (t, "T001")->id;
    designation.start_date = (Pps__Date *) pps_arena_message (t->arena, &pps__date__descriptor);
    pps_date_from_ordinal (designation.start_date, 20240101);
    OK (SEND (DESIGNATE, designate, &designation));
    rows = s_rows (t, s_inline_csv);
    rows.items [0]->minors_quarter_2014 = "non";
    seq = orgs_harness_last_seq (t);
    EXPECT (SEND (IMPORT_ESTABLISHMENTS, import_establishments, s_request (t, "32", rows)),
            FAILED_PRECONDITION, "establishment.has_minors_quarter");
    CHECK (orgs_harness_last_seq (t) == seq);
    CHECK (s_establishment (t, "T001")->has_minors_quarter);

    //  The request itself
    EXPECT (SEND (IMPORT_ESTABLISHMENTS, import_establishments,
                  s_request (t, "99", s_rows (t, s_inline_csv))), NOT_FOUND, "region_code");
    EXPECT (SEND (IMPORT_ESTABLISHMENTS, import_establishments,
                  s_request (t, "32", s_rows (t, HEADER))), INVALID_ARGUMENT, "rows");
}

//  The ministry's file: Hauts-de-France, then every region.
static void
s_test_real_file (test_t *t, const char *path)
{
    rows_t rows;
    char error [256];
    if (establishment_csv_read (path, t->arena, &rows.items, &rows.count, error, sizeof error)) {
        fprintf (stderr, "%s\n", error);
        CHECK (false);
    }
    CHECK (rows.count == 186);
    //  17 establishments and DISP-LILLE
    s_import (t, "32", rows, 17, 17, 0, 0, 1, 18, __LINE__);
    s_import (t, "32", rows, 17, 0, 0, 17, 0, 0, __LINE__);
    Registry__Directorate *lille = s_directorate (t, "DISP-LILLE");
    CHECK (lille && lille->n_region_codes == 1);
    Registry__Establishment *quievrechain = NULL;
    for (size_t index = 0; index < rows.count && !quievrechain; index++)
        if (streq (rows.items [index]->name, "EPM QUIEVRECHAIN"))
            quievrechain = s_establishment (t, rows.items [index]->code);
    CHECK (quievrechain && quievrechain->kind == REGISTRY__ESTABLISHMENT_KIND__EPM);
    CHECK (quievrechain->has_minors_quarter && quievrechain->directorate_id == lille->id);

    //  Every region: refused while regions are missing, then 169 more
    //  establishments and the 9 other DISPs (MSPOM included)
    CHECK (strstr (s_import_fails (t, "", rows, __LINE__), "region_code_insee"));
    char **created = NULL;
    size_t created_count = 0;
    for (size_t index = 0; index < rows.count; index++) {
        const char *code = rows.items [index]->region_code;
        bool known = streq (code, "32") || streq (code, "11");
        for (size_t other = 0; other < created_count && !known; other++)
            known = streq (created [other], code);
        if (!known) {
            s_create_region (t, code);
            pps_arena_push (t->arena, (void ***) &created, &created_count, (void *) code);
        }
    }
    CHECK (created_count == 20);
    s_import (t, "", rows, 186, 169, 0, 17, 9, 178, __LINE__);
    s_import (t, "", rows, 186, 0, 0, 186, 0, 0, __LINE__);
    Registry__Directorate *mspom = s_directorate (t, "MSPOM");
    CHECK (mspom && mspom->n_region_codes == 9);
    CHECK (s_establishment (t, "NOCODE-CP-FRESNES-VILLEJUIF"));
    CHECK (s_establishment (t, "NOCODE-CP-MATA-UTU"));
    Registry__EstablishmentFilter filter = REGISTRY__ESTABLISHMENT_FILTER__INIT;
    CHECK (OK (SEND (LIST_ESTABLISHMENTS, list_establishments, &filter))
           ->establishments->n_items == 186 + 4);
    filter.region_code = "32";
    CHECK (OK (SEND (LIST_ESTABLISHMENTS, list_establishments, &filter))
           ->establishments->n_items == 17 + 3);
}

int
main (int argc, char **argv)
{
    printf (" * registry.import: ");
    fflush (stdout);
    test_t test;
    orgs_harness_start (&test);
    s_test_inline (&test);
    bool have_file = argc > 1 && zsys_file_exists (argv [1]);
    if (have_file)
        s_test_real_file (&test, argv [1]);
    orgs_harness_stop (&test);
    printf ("OK%s\n", have_file ? "" : " (reference file not found: its import skipped)");
    return 0;
}
