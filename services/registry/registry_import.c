/*  registry_import: ImportEstablishments, the ministry's establishments file
    (already split into rows by establishment_csv on the client side) merged
    into the registry.

    All or nothing: every row is checked first, and every fault of every row
    is reported (with the CSV's column name) before anything is written. Rows
    of other regions than the one asked for are checked for form but not
    written. Then each DISP named by the rows is created, or given the rows'
    regions it lacked, and establishments are upserted by ministry code: a
    row identical to what is stored writes nothing and emits nothing, so a
    re-import of the same file is a no-op.
*/
#include "registry_directorates.h"

#include <czmq.h>
#include <strings.h>

#define IMPORT_ERRORS_SHOWN   10
#define IMPORT_MESSAGE_MAX    440   //  pps_call_fail keeps 512 bytes of message
#define IMPORT_CAPACITY_MAX   100000
#define IMPORT_NOCODE_PREFIX  "NOCODE-"

//  The ministry's type_code and the kind it means.
static const struct {
    const char *type_code;
    Registry__EstablishmentKind kind;
} s_kinds [] = {
    { "MA",    REGISTRY__ESTABLISHMENT_KIND__MA },
    { "CD",    REGISTRY__ESTABLISHMENT_KIND__CD },
    { "MC",    REGISTRY__ESTABLISHMENT_KIND__MC },
    { "CP",    REGISTRY__ESTABLISHMENT_KIND__CP },
    { "EPM",   REGISTRY__ESTABLISHMENT_KIND__EPM },
    { "CSL",   REGISTRY__ESTABLISHMENT_KIND__CSL },
    { "CNE",   REGISTRY__ESTABLISHMENT_KIND__CNE },
    { "EPSNF", REGISTRY__ESTABLISHMENT_KIND__EPSNF },
    //  The monthly statistics name the Fresnes national health establishment
    //  by its quartier code
    { "EPSN",  REGISTRY__ESTABLISHMENT_KIND__EPSNF },
};

//  One row once read: the establishment it describes and what it left unsaid.
typedef struct {
    const Registry__EstablishmentRow *row;
    uint32_t line;
    bool in_scope;                  //  Of the region asked for
    bool capacity_known;            //  False for an empty or "NC" capacity
    bool minors_known;              //  False when nothing says yes or no
    Registry__Establishment *record;
} import_row_t;

//  A DISP named by the rows in scope, and the regions they place it in.
typedef struct {
    const char *code;
    const char *name;
    char **regions;
    size_t region_count;
    uint64_t id;
} import_disp_t;

typedef struct {
    registry_t *registry;
    pps_call_t *call;
    pps_arena_t *arena;
    const char *region_code;        //  "" for every region
    import_row_t *rows;
    size_t row_count;
    Registry__RowError **errors;
    size_t error_count;
    import_disp_t **disps;
    size_t disp_count;
    Registry__ImportReport *report;
} import_t;

//  ---------------------------------------------------------------- checking rows

//  Note a fault of a row; the row's other columns are still checked.
static void
s_row_error (import_t *self, uint32_t line, const char *column, const char *format, ...)
    __attribute__ ((format (printf, 4, 5)));

static void
s_row_error (import_t *self, uint32_t line, const char *column, const char *format, ...)
{
    char message [256];
    va_list args;
    va_start (args, format);
    vsnprintf (message, sizeof message, format, args);
    va_end (args);
    Registry__RowError *error = pps_arena_alloc (self->arena, sizeof *error);
    registry__row_error__init (error);
    error->line = line;
    error->field = (char *) column;
    error->message = pps_arena_strdup (self->arena, message);
    pps_arena_push (self->arena, (void ***) &self->errors, &self->error_count, error);
}

//  A text column: clean UTF-8, at most max bytes, not blank when required.
//  Only a text that passed may be quoted in a later message.
static bool
s_text_ok (import_t *self, uint32_t line, const char *column, const char *value,
           size_t max, bool required)
{
    if (strlen (value) > max)
        s_row_error (self, line, column, "longer than %zu bytes", max);
    else
    if (!pps_text_is_clean (value))
        s_row_error (self, line, column, "not valid UTF-8 text");
    else
    if (required && strspn (value, " \t") == strlen (value))
        s_row_error (self, line, column, "required");
    else
        return true;
    return false;
}

//  "oui", "non" or blank; *known is false for blank.
static void
s_read_yes_no (import_t *self, uint32_t line, const char *column, const char *value,
               bool *known, bool *yes)
{
    *known = *yes = false;
    if (!s_text_ok (self, line, column, value, 8, false) || !*value)
        return;
    if (strcasecmp (value, "oui") == 0)
        *known = *yes = true;
    else
    if (strcasecmp (value, "non") == 0)
        *known = true;
    else
        s_row_error (self, line, column, "'oui', 'non' or empty, not '%s'", value);
}

//  A stable code for the few establishments the ministry gives none: from
//  the name, upper case, each run of other characters made one '-'.
static char *
s_derived_code (pps_arena_t *arena, const char *name)
{
    char code [PPS_CODE_MAX + 1];
    size_t length = strlen (IMPORT_NOCODE_PREFIX);
    memcpy (code, IMPORT_NOCODE_PREFIX, length);
    for (const char *c = name; *c && length < PPS_CODE_MAX; c++) {
        if ((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))
            code [length++] = *c;
        else
        if (*c >= 'a' && *c <= 'z')
            code [length++] = (char) (*c - 'a' + 'A');
        else
        if (code [length - 1] != '-')
            code [length++] = '-';
    }
    while (code [length - 1] == '-')
        length--;
    code [length] = 0;
    return pps_arena_strdup (arena, code);
}

//  Read one row into its establishment record, noting every fault.
static void
s_read_row (import_t *self, import_row_t *item)
{
    const Registry__EstablishmentRow *row = item->row;
    uint32_t line = item->line;
    Registry__Establishment *record = pps_arena_alloc (self->arena, sizeof *record);
    registry__establishment__init (record);
    item->record = record;

    if (s_text_ok (self, line, "etablissement", row->name, PPS_NAME_MAX, true))
        record->name = row->name;
    if (s_text_ok (self, line, "type_code", row->type_code, PPS_CODE_MAX, true)) {
        for (size_t index = 0; index < sizeof s_kinds / sizeof s_kinds [0]; index++)
            if (strcasecmp (row->type_code, s_kinds [index].type_code) == 0)
                record->kind = s_kinds [index].kind;
        if (!record->kind)
            s_row_error (self, line, "type_code",
                         "unknown kind '%s' (MA, CD, MC, CP, EPM, CSL, CNE, EPSNF)",
                         row->type_code);
    }
    bool epm_known, epm, quarter_known, quarter;
    s_read_yes_no (self, line, "epm", row->epm, &epm_known, &epm);
    s_read_yes_no (self, line, "quartier_mineurs_liste_A43_3_2014", row->minors_quarter_2014,
                   &quarter_known, &quarter);
    if (epm)
        record->kind = REGISTRY__ESTABLISHMENT_KIND__EPM;
    record->has_minors_quarter = epm || quarter;
    //  The 2014 list is old: a blank there does not mean "no minors' quarter"
    item->minors_known = epm || quarter_known;

    if (s_text_ok (self, line, "cd_etablissement", row->code, PPS_CODE_MAX, false))
        record->code = *row->code ? row->code : s_derived_code (self->arena, record->name);
    if (s_text_ok (self, line, "disp_code", row->disp_code, PPS_CODE_MAX, true))
        s_text_ok (self, line, "disp_libelle", row->disp_name, PPS_NAME_MAX, false);
    if (s_text_ok (self, line, "departement_code", row->departement_code, 8, false))
        record->departement_code = row->departement_code;
    if (s_text_ok (self, line, "commune_insee", row->commune, PPS_NAME_MAX, false))
        record->commune = row->commune;
    if (s_text_ok (self, line, "region_code_insee", row->region_code, PPS_CODE_MAX, true)) {
        if (strspn (row->region_code, "0123456789") != strlen (row->region_code))
            s_row_error (self, line, "region_code_insee",
                         "'%s' is not an INSEE region code", row->region_code);
        record->region_code = row->region_code;
    }
    //  The ministry writes "NC" (not communicated) when it has no figure:
    //  that is no capacity known, which an update leaves as it was
    const char *capacity = row->capacity;
    if (s_text_ok (self, line, "capacite_operationnelle", capacity, 16, false)
    &&  *capacity && strcasecmp (capacity, "NC") != 0) {
        if (strspn (capacity, "0123456789") != strlen (capacity)
        ||  atol (capacity) > IMPORT_CAPACITY_MAX)
            s_row_error (self, line, "capacite_operationnelle",
                         "'%s' is not a number of places (0 to %d, or NC)", capacity,
                         IMPORT_CAPACITY_MAX);
        else {
            record->capacity = (int32_t) atol (capacity);
            item->capacity_known = true;
        }
    }
    item->in_scope = !*self->region_code || streq (self->region_code, row->region_code);
}

//  Checks what an in-scope row refers to: its region, and a DISP rather
//  than a DIRPJJ under its disp_code. Returns -1 on a storage error.
static int
s_check_references (import_t *self, import_row_t *item)
{
    registry_t *registry = self->registry;
    MDB_val key = { strlen (item->row->region_code), item->row->region_code }, data;
    int rc = mdb_get (pps_call_txn (self->call), registry->regions, &key, &data);
    if (rc == MDB_NOTFOUND)
        s_row_error (self, item->line, "region_code_insee", "region %s is not in the registry",
                     item->row->region_code);
    else
    if (rc)
        return pps_call_fail_lmdb (self->call, rc, "regions");

    uint64_t id = registry_directorate_by_code (registry, self->call, item->row->disp_code);
    if (id) {
        Registry__Directorate *directorate;
        if (pps_record_load (self->call, registry->directorates, id,
                           &registry__directorate__descriptor, "disp_code", &directorate))
            return -1;
        if (directorate->kind != REGISTRY__DIRECTORATE_KIND__DISP)
            s_row_error (self, item->line, "disp_code", "directorate %s is not a DISP",
                         item->row->disp_code);
    }
    return 0;
}

//  Read and check every row. Returns -1 on a storage error only.
static int
s_check_rows (import_t *self)
{
    for (size_t index = 0; index < self->row_count; index++) {
        import_row_t *item = &self->rows [index];
        s_read_row (self, item);
        //  Two rows with one code would overwrite each other
        const char *code = item->record->code;
        for (size_t other = 0; code && *code && other < index; other++)
            if (self->rows [other].record->code
            &&  streq (self->rows [other].record->code, code)) {
                s_row_error (self, item->line, "cd_etablissement",
                             "code %s is also on line %u", code, self->rows [other].line);
                break;
            }
        if (item->in_scope) {
            self->report->rows_in_scope++;
            if (*item->row->region_code && *item->row->disp_code
            &&  s_check_references (self, item))
                return -1;
        }
    }
    return 0;
}

//  Fail the call with the first faults, as "line 12 type_code: ...; ...".
static int
s_fail_rows (import_t *self)
{
    size_t bad_rows = 0;
    for (size_t index = 0; index < self->error_count; index++)
        if (index == 0 || self->errors [index]->line != self->errors [index - 1]->line)
            bad_rows++;
    char message [IMPORT_MESSAGE_MAX + 64];
    size_t length = (size_t) snprintf (message, sizeof message, "%zu bad row%s, nothing imported: ",
                              bad_rows, bad_rows > 1 ? "s" : "");
    size_t shown = 0;
    while (shown < self->error_count && shown < IMPORT_ERRORS_SHOWN) {
        const Registry__RowError *error = self->errors [shown];
        char item [320];
        size_t size = (size_t) snprintf (item, sizeof item, "%sline %u %s: %s", shown ? "; " : "",
                             error->line, error->field, error->message);
        if (length + size > IMPORT_MESSAGE_MAX)
            break;
        memcpy (message + length, item, size + 1);
        length += size;
        shown++;
    }
    if (shown < self->error_count)
        snprintf (message + length, sizeof message - length, "; and %zu more",
                  self->error_count - shown);
    return pps_call_fail (self->call, PPS__CODE__INVALID_ARGUMENT, "rows", "%s", message);
}

//  ---------------------------------------------------------------- writing

//  The DISP entry for code, added on first sight.
static import_disp_t *
s_disp (import_t *self, const Registry__EstablishmentRow *row)
{
    for (size_t index = 0; index < self->disp_count; index++)
        if (streq (self->disps [index]->code, row->disp_code))
            return self->disps [index];
    import_disp_t *disp = pps_arena_alloc (self->arena, sizeof *disp);
    disp->code = row->disp_code;
    disp->name = *row->disp_name ? row->disp_name : row->disp_code;
    pps_arena_push (self->arena, (void ***) &self->disps, &self->disp_count, disp);
    return disp;
}

//  True when region is among the count codes.
static bool
s_has_region (char **codes, size_t count, const char *region)
{
    for (size_t index = 0; index < count; index++)
        if (streq (codes [index], region))
            return true;
    return false;
}

//  Create each DISP the rows name, or add to it the regions it lacks, in one
//  write (and one event) per directorate.
static int
s_store_disps (import_t *self)
{
    registry_t *registry = self->registry;
    pps_call_t *call = self->call;
    for (size_t index = 0; index < self->row_count; index++) {
        import_row_t *item = &self->rows [index];
        if (!item->in_scope)
            continue;
        import_disp_t *disp = s_disp (self, item->row);
        if (!s_has_region (disp->regions, disp->region_count, item->row->region_code))
            pps_arena_push (self->arena, (void ***) &disp->regions, &disp->region_count,
                            item->row->region_code);
    }
    for (size_t index = 0; index < self->disp_count; index++) {
        import_disp_t *disp = self->disps [index];
        Registry__Directorate *after = pps_arena_alloc (self->arena, sizeof *after);
        Registry__Directorate *before = NULL;
        disp->id = registry_directorate_by_code (registry, call, disp->code);
        if (disp->id) {
            if (pps_record_load (call, registry->directorates, disp->id,
                               &registry__directorate__descriptor, "disp_code", &before))
                return -1;
            *after = *before;
            after->region_codes = NULL;
            after->n_region_codes = 0;
            for (size_t region = 0; region < before->n_region_codes; region++)
                pps_arena_push (self->arena, (void ***) &after->region_codes,
                                &after->n_region_codes, before->region_codes [region]);
        }
        else {
            registry__directorate__init (after);
            after->kind = REGISTRY__DIRECTORATE_KIND__DISP;
            after->code = (char *) disp->code;
            after->name = (char *) disp->name;
        }
        for (size_t region = 0; region < disp->region_count; region++)
            if (!s_has_region (after->region_codes, after->n_region_codes, disp->regions [region]))
                pps_arena_push (self->arena, (void ***) &after->region_codes,
                                &after->n_region_codes, disp->regions [region]);
        if (before && after->n_region_codes == before->n_region_codes)
            continue;
        if (registry_directorate_valid (registry, call, after)
        ||  registry_directorate_store (registry, call, after, before))
            return -1;
        if (!before)
            self->report->directorates_created++;
        disp->id = after->id;
    }
    return 0;
}

//  Create, update or leave alone the establishment of one row in scope.
static int
s_store_establishment (import_t *self, import_row_t *item)
{
    registry_t *registry = self->registry;
    pps_call_t *call = self->call;
    Registry__Establishment *record = item->record;
    record->directorate_id = s_disp (self, item->row)->id;
    Registry__Establishment *before = NULL;
    uint64_t id = registry_establishment_by_code (registry, call, record->code);
    if (id) {
        if (pps_record_load (call, registry->establishments, id,
                           &registry__establishment__descriptor, "cd_etablissement", &before))
            return -1;
        //  What the file does not know stays as the operator set it
        record->id = before->id;
        record->opened_on = before->opened_on;
        record->closed_on = before->closed_on;
        if (!item->capacity_known)
            record->capacity = before->capacity;
        if (!item->minors_known)
            record->has_minors_quarter = before->has_minors_quarter;
        size_t old_size, new_size;
        uint8_t *old_bytes = pps_arena_pack (self->arena, &before->base, &old_size);
        uint8_t *new_bytes = pps_arena_pack (self->arena, &record->base, &new_size);
        if (old_size == new_size && memcmp (old_bytes, new_bytes, old_size) == 0) {
            self->report->unchanged++;
            return 0;
        }
    }
    if (registry_establishment_valid (registry, call, record)
    ||  (before && registry_establishment_change_valid (registry, call, record, before))
    ||  registry_establishment_store (registry, call, record, before))
        return -1;
    if (before)
        self->report->updated++;
    else
        self->report->created++;
    return 0;
}

PPS_HANDLER (registry_import_establishments)
{
    registry_t *registry = self;
    const Registry__ImportEstablishments *in = op;
    if (pps_check_text (call, "region_code", in->region_code, PPS_CODE_MAX, false)
    ||  (*in->region_code && registry_check_region (registry, call, "region_code",
                                                    in->region_code)))
        return -1;
    if (in->n_rows == 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "rows", "there are no rows");
    if (in->n_rows > PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "rows",
                              "at most %d rows per import", PPS_LIST_MAX);

    pps_arena_t *arena = pps_call_arena (call);
    import_t import = {
        .registry = registry, .call = call, .arena = arena,
        .region_code = in->region_code,
        .row_count = in->n_rows,
        .rows = pps_arena_alloc (arena, in->n_rows * sizeof (import_row_t)),
        .report = pps_arena_alloc (arena, sizeof (Registry__ImportReport)),
    };
    registry__import_report__init (import.report);
    import.report->rows_read = (uint32_t) in->n_rows;
    for (size_t index = 0; index < in->n_rows; index++) {
        import.rows [index].row = in->rows [index];
        //  Rows sent without line numbers are counted as under a header line
        import.rows [index].line = in->rows [index]->line ? in->rows [index]->line
                                                          : (uint32_t) index + 2;
    }
    if (s_check_rows (&import))
        return -1;
    if (import.error_count) {
        //  The refusal carries every bad row, not only those in the message
        import.report->errors = import.errors;
        import.report->n_errors = import.error_count;
        *result_p = &import.report->base;
        return s_fail_rows (&import);
    }

    if (s_store_disps (&import))
        return -1;
    for (size_t index = 0; index < import.row_count; index++)
        if (import.rows [index].in_scope && s_store_establishment (&import, &import.rows [index]))
            return -1;
    *result_p = &import.report->base;
    return 0;
}
