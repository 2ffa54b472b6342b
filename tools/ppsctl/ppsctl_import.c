/*  ppsctl_import: the registry's friendly commands. `import establishments`
    reads the ministry's CSV here (the registry only sees rows) and sends it
    in one ImportEstablishments, which imports every row or none;
    `vacancies` lists the referent roles left empty in a region.

    Establishments belong to a region the registry knows. On a fresh
    registry the import says which region to create first, with the exact
    command (the region's and its ARS's names taken from the file), or
    creates it itself when --create-region says so.  */
#include "ppsctl.h"
#include "pps_csv_rows.h"
#include "pps_fs.h"
#include "pps_json.h"

#include <csv.h>
#include "pps_date.h"
#include "pps_reflect.h"
#include "establishment_csv.h"
#include "registry.pb-c.h"

//  Columns of the ministry's file that name a region and its agency.
#define COLUMN_CODE  "region_code_insee"
#define COLUMN_NAME  "region"
#define COLUMN_ARS   "ars"

//  What the file says of one region.
typedef struct {
    const char *code;
    const char *name;             //  "Hauts-de-France", or NULL
    const char *ars_name;         //  "ARS Hauts-de-France", or NULL
} s_region_t;

//  Reading the file's region columns with libcsv.
typedef struct {
    pps_arena_t *arena;
    size_t column;                //  Of the field being read
    bool header;                  //  Reading the header line
    ssize_t code_at, name_at, ars_at;
    char *code, *name, *ars;      //  Of the current line
    s_region_t **regions;         //  Each region once
    size_t region_count;
} s_reader_t;

static void
s_on_field (void *data, size_t size, void *arg)
{
    s_reader_t *reader = arg;
    char *text = pps_arena_alloc (reader->arena, size + 1);
    memcpy (text, data, size);
    if (reader->header) {
        ssize_t column = (ssize_t) reader->column;
        if (streq (text, COLUMN_CODE))
            reader->code_at = column;
        else
        if (streq (text, COLUMN_NAME))
            reader->name_at = column;
        else
        if (streq (text, COLUMN_ARS))
            reader->ars_at = column;
    }
    else
    if ((ssize_t) reader->column == reader->code_at)
        reader->code = text;
    else
    if ((ssize_t) reader->column == reader->name_at)
        reader->name = text;
    else
    if ((ssize_t) reader->column == reader->ars_at)
        reader->ars = text;
    reader->column++;
}

static void
s_on_line (int terminator, void *arg)
{
    s_reader_t *reader = arg;
    if (!reader->header && reader->code && *reader->code) {
        bool known = false;
        for (size_t index = 0; index < reader->region_count && !known; index++)
            known = streq (reader->regions [index]->code, reader->code);
        if (!known) {
            s_region_t *region = pps_arena_alloc (reader->arena, sizeof *region);
            region->code = reader->code;
            region->name = reader->name && *reader->name ? reader->name : NULL;
            region->ars_name = reader->ars && *reader->ars ? reader->ars : NULL;
            pps_arena_push (reader->arena, (void ***) &reader->regions, &reader->region_count,
                            region);
        }
    }
    reader->header = false;
    reader->column = 0;
    reader->code = reader->name = reader->ars = NULL;
}

//  The regions the file names, each with the names it gives them (in
//  arena); sets *regions_p and returns their number (0 when unreadable).
static size_t
s_file_regions (pps_arena_t *arena, const char *path, s_region_t ***regions_p)
{
    s_reader_t reader = { .arena = arena, .header = true,
                          .code_at = -1, .name_at = -1, .ars_at = -1 };
    struct csv_parser parser;
    FILE *file = fopen (path, "rb");
    if (!file || csv_init (&parser, CSV_APPEND_NULL) != 0) {
        if (file)
            fclose (file);
        *regions_p = NULL;
        return 0;
    }
    char buffer [8192];
    size_t bytes;
    while ((bytes = fread (buffer, 1, sizeof buffer, file)) > 0)
        if (csv_parse (&parser, buffer, bytes, s_on_field, s_on_line, &reader) != bytes)
            break;
    csv_fini (&parser, s_on_field, s_on_line, &reader);
    csv_free (&parser);
    fclose (file);
    *regions_p = reader.regions;
    return reader.region_count;
}

//  The region of that code in the file, or NULL.
static const s_region_t *
s_region_find (s_region_t **regions, size_t count, const char *code)
{
    for (size_t index = 0; index < count; index++)
        if (streq (regions [index]->code, code))
            return regions [index];
    return NULL;
}

//  True when the registry knows region code; false when it does not, or
//  when it cannot say (the import then says what is wrong).
static bool
s_region_known (ppsctl_t *self, const ppsctl_service_t *registry, const char *code,
                bool *unknown_p)
{
    Registry__ByRegion *query = (Registry__ByRegion *)
        pps_arena_message (self->arena, &registry__by_region__descriptor);
    query->region_code = (char *) code;
    ProtobufCMessage *request = ppsctl_request_new (self, registry->request, NULL);
    pps_reflect_set_message (request, REGISTRY__REGISTRY_REQUEST__OP_GET_REGION, &query->base);
    ProtobufCMessage *reply;
    *unknown_p = false;
    if (ppsctl_call (self, registry->name, request, registry->reply, self->timeout_ms, true,
                     &reply))
        return false;
    const Pps__Status *status = pps_client_status (reply);
    *unknown_p = status->code == PPS__CODE__NOT_FOUND;
    return status->code == PPS__CODE__OK;
}

//  Create region from what the file says of it. Returns an exit code.
static int
s_create_region (ppsctl_t *self, const ppsctl_service_t *registry, const s_region_t *region,
                 const char *path)
{
    Registry__Region *record = (Registry__Region *)
        pps_arena_message (self->arena, &registry__region__descriptor);
    record->code = (char *) region->code;
    record->name = (char *) region->name;
    record->ars_name = (char *) (region->ars_name ? region->ars_name : "");
    ProtobufCMessage *request = ppsctl_request_new (self, registry->request, NULL);
    pps_reflect_set_message (request, REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION,
                             &record->base);
    ProtobufCMessage *reply;
    int rc = ppsctl_call (self, registry->name, request, registry->reply, self->timeout_ms,
                          false, &reply);
    if (rc == PPSCTL_OK)
        rc = ppsctl_check_status (reply);
    if (rc == PPSCTL_OK)
        fprintf (stderr, "created region %s %s (%s), as %s names it\n", region->code,
                 region->name, record->ars_name, path);
    return rc;
}

//  Make sure every region the import needs is in the registry: create the
//  missing ones with --create-region, else say how. Returns an exit code.
static int
s_regions_ready (ppsctl_t *self, const ppsctl_service_t *registry, const char *path,
                 const char *region, bool create)
{
    s_region_t **regions;
    size_t count = s_file_regions (self->arena, path, &regions);
    //  This region's rows, or every region the file names
    const char **needed = NULL;
    size_t needed_count = 0;
    if (*region)
        pps_arena_push (self->arena, (void ***) &needed, &needed_count, (void *) region);
    else
        for (size_t index = 0; index < count; index++)
            pps_arena_push (self->arena, (void ***) &needed, &needed_count,
                            (void *) regions [index]->code);
    int rc = PPSCTL_OK;
    for (size_t index = 0; index < needed_count && rc == PPSCTL_OK; index++) {
        bool unknown;
        if (s_region_known (self, registry, needed [index], &unknown) || !unknown)
            continue;
        const s_region_t *named = s_region_find (regions, count, needed [index]);
        if (create && named && named->name)
            rc = s_create_region (self, registry, named, path);
        else
        if (named && named->name) {
            fprintf (stderr,
                     "error: region %s is not in the registry yet: its establishments cannot be\n"
                     "  imported before it exists. Create it first:\n"
                     "    ppsctl registry create-region code=%s name=\"%s\" ars_name=\"%s\"\n"
                     "  or let the import create it with the names the file gives:\n"
                     "    ppsctl import establishments %s%s%s --create-region\n",
                     named->code, named->code, named->name,
                     named->ars_name ? named->ars_name : "", path,
                     *region ? " --region " : " --all-regions", region);
            rc = PPSCTL_FAILED;
        }
        else {
            fprintf (stderr,
                     "error: region %s is not in the registry yet, and %s names no such "
                     "region;\n  create it first:\n"
                     "    ppsctl registry create-region code=%s name=\"...\" ars_name=\"ARS ...\"\n",
                     needed [index], path, needed [index]);
            rc = PPSCTL_FAILED;
        }
    }
    return rc;
}

void
ppsctl_usage_import (FILE *out)
{
    fprintf (out,
"usage: ppsctl import establishments FILE [--region CODE | --all-regions] [--create-region]\n"
"  FILE             the ministry's establishments CSV (etablissements_penitentiaires.csv)\n"
"  --region CODE    import the rows of that region (default: the configured region)\n"
"  --all-regions    import every row\n"
"  --create-region  create a region the registry does not know yet, with the region\n"
"                   and ARS names the file gives (without it, the import stops and\n"
"                   shows the create-region command to run)\n"
"Every row is imported or none; refused rows are listed with their line.\n"
"\n"
"usage: ppsctl import SERVICE OPERATION FILE.csv\n"
"  one request of a write operation per row of FILE; the header row names the\n"
"  fields (as in JSON: region_code, member.category for a nested one, a column\n"
"  repeated for a list), an empty cell leaves its field unset. Each row's request\n"
"  id comes from the file and its line, as the API's CSV import makes it: the same\n"
"  file applied again (here or over HTTP) writes nothing twice: its rows count as\n"
"  ignored (already applied). Prints the rows imported, ignored and refused, and\n"
"  every refused row with its line, field and reason (exit 1 if any).\n");
}

void
ppsctl_usage_vacancies (FILE *out)
{
    fprintf (out, "usage: ppsctl vacancies REGION [--date YYYY-MM-DD]\n"
                  "  referent roles of the region and its establishments with nobody\n"
                  "  designated on that date (default: today)\n");
}

//  Print the rows an import refused, one line each.
static void
s_print_row_errors (const Registry__ImportReport *report)
{
    for (size_t index = 0; report && index < report->n_errors; index++) {
        const Registry__RowError *row = report->errors [index];
        fprintf (stderr, "  line %" PRIu32 ": %s%s%s\n", row->line, row->field,
                 *row->field ? ": " : "", row->message);
    }
}

//  ---------------------------------------------------------------- any operation

typedef struct {
    ppsctl_t *self;
    const ppsctl_service_t *service;
    const ProtobufCFieldDescriptor *member;   //  The operation in the request envelope
    const char *data;
    size_t size;
    size_t imported;              //  Applied now
    size_t ignored;               //  Applied before (status.replayed): nothing written
    size_t refused;
    bool unreachable;
} bulk_t;

static void
s_bulk_refuse (bulk_t *bulk, size_t line, const char *field, const char *reason)
{
    bulk->refused++;
    fprintf (stderr, "  line %zu: %s%s%s\n", line, field ? field : "",
             field && *field ? ": " : "", reason);
}

static int
s_bulk_row (void *arg, size_t line, const json_t *row, const char *field, const char *reason)
{
    bulk_t *bulk = arg;
    if (!row) {
        s_bulk_refuse (bulk, line, field, reason);
        return 0;
    }
    char bad_field [128] = "", error [256] = "";
    ProtobufCMessage *message = pps_json_to_message (bulk->self->arena, bulk->member->descriptor,
                                                     row, bad_field, sizeof bad_field,
                                                     error, sizeof error);
    if (!message) {
        s_bulk_refuse (bulk, line, bad_field, error);
        return 0;
    }
    char request_id [64];
    bulk->self->request_id = pps_csv_request_id (bulk->data, bulk->size, bulk->member->name, line,
                                                 request_id, sizeof request_id);
    ProtobufCMessage *reply = NULL;
    if (ppsctl_send (bulk->self, bulk->service, bulk->member->id, message, &reply) != PPSCTL_OK) {
        bulk->unreachable = true;
        return -1;
    }
    const Pps__Status *status = pps_client_status (reply);
    if (status->code == PPS__CODE__OK && status->replayed)
        bulk->ignored++;
    else
    if (status->code == PPS__CODE__OK)
        bulk->imported++;
    else
        s_bulk_refuse (bulk, line, status->field, status->message);
    return 0;
}

//  ppsctl import SERVICE OPERATION FILE.csv
static int
s_import_rows (ppsctl_t *self, const char *service_name, const char *op_name, const char *path)
{
    const ppsctl_service_t *service = ppsctl_service_find (service_name);
    char name [64];
    snprintf (name, sizeof name, "%s", op_name);
    for (char *dash = strchr (name, '-'); dash; dash = strchr (dash, '-'))
        *dash = '_';
    const ProtobufCFieldDescriptor *member = service
        ? protobuf_c_message_descriptor_get_field_by_name (service->request, name) : NULL;
    if (!member || member->id < 10 || member->type != PROTOBUF_C_TYPE_MESSAGE) {
        fprintf (stderr, "error: %s has no operation %s (ppsctl %s help)\n", service_name, op_name,
                 service_name);
        return PPSCTL_USAGE;
    }
    char *data = pps_fs_read_text (path, 256 << 20);
    if (!data) {
        fprintf (stderr, "error: cannot read %s\n", path);
        return PPSCTL_USAGE;
    }
    bulk_t bulk = { self, service, member, data, strlen (data), 0, 0, 0, false };
    char error [256];
    if (pps_csv_rows (data, bulk.size, s_bulk_row, &bulk, error, sizeof error))
        s_bulk_refuse (&bulk, 0, NULL, error);
    free (data);
    self->request_id = NULL;
    //  A first import prints the line it always did (scripts read it); the
    //  ignored rows are added when there are some
    char ignored [64] = "";
    if (bulk.ignored)
        snprintf (ignored, sizeof ignored, ", %zu ignored (already applied)", bulk.ignored);
    printf ("%s.%s from %s: %zu imported, %zu refused%s%s\n", service_name, name, path,
            bulk.imported, bulk.refused, ignored, bulk.unreachable ? " (stopped: no answer)" : "");
    return bulk.unreachable ? PPSCTL_UNREACHABLE : bulk.refused ? PPSCTL_FAILED : PPSCTL_OK;
}

int
ppsctl_cmd_import (ppsctl_t *self, int argc, char **argv)
{
    if (argc == 3 && !streq (argv [0], "establishments"))
        return s_import_rows (self, argv [0], argv [1], argv [2]);
    if (argc < 2 || !streq (argv [0], "establishments"))
        goto usage;
    const char *path = argv [1];
    //  A region's stack imports its own rows unless told otherwise
    const char *region = pps_config_region (self->config);
    bool create = false;
    for (int index = 2; index < argc; index++) {
        if (streq (argv [index], "--region") && index + 1 < argc)
            region = argv [++index];
        else
        if (streq (argv [index], "--all-regions"))
            region = "";
        else
        if (streq (argv [index], "--create-region"))
            create = true;
        else
            goto usage;
    }
    Registry__EstablishmentRow **rows;
    size_t count;
    char error [512];
    if (establishment_csv_read (path, self->arena, &rows, &count, error, sizeof error)) {
        fprintf (stderr, "error: %s: %s\n", path, error);
        return PPSCTL_USAGE;
    }
    Registry__ImportEstablishments *import = (Registry__ImportEstablishments *)
        pps_arena_message (self->arena, &registry__import_establishments__descriptor);
    import->region_code = (char *) region;
    import->rows = rows;
    import->n_rows = count;

    const ppsctl_service_t *registry = ppsctl_service_find ("registry");
    int rc = s_regions_ready (self, registry, path, region, create);
    if (rc)
        return rc;
    ProtobufCMessage *reply;
    rc = ppsctl_send (self, registry, REGISTRY__REGISTRY_REQUEST__OP_IMPORT_ESTABLISHMENTS,
                      &import->base, &reply);
    if (rc)
        return rc;
    const Registry__ImportReport *report = ((Registry__RegistryReply *) reply)->import_report;
    rc = ppsctl_check_status (reply);
    if (rc == PPSCTL_OK && report && report->n_errors) {
        fprintf (stderr, "error: %zu rows refused, nothing was imported\n", report->n_errors);
        rc = PPSCTL_FAILED;
    }
    s_print_row_errors (report);
    if (rc == PPSCTL_OK)
        rc = ppsctl_show_reply (self, reply);
    return rc;

usage:
    ppsctl_usage_import (stderr);
    return PPSCTL_USAGE;
}

int
ppsctl_cmd_vacancies (ppsctl_t *self, int argc, char **argv)
{
    if (argc < 1 || *argv [0] == '-')
        goto usage;
    Registry__VacancyQuery *query = (Registry__VacancyQuery *)
        pps_arena_message (self->arena, &registry__vacancy_query__descriptor);
    query->region_code = argv [0];
    query->date = (Pps__Date *) pps_arena_message (self->arena, &pps__date__descriptor);
    pps_date_today (query->date);
    for (int index = 1; index < argc; index++) {
        if (streq (argv [index], "--date") && index + 1 < argc) {
            index++;
            if (pps_date_parse (argv [index], query->date)) {
                fprintf (stderr, "error: --date: '%s' is not a date (YYYY-MM-DD)\n", argv [index]);
                return PPSCTL_USAGE;
            }
        }
        else
            goto usage;
    }
    const ppsctl_service_t *registry = ppsctl_service_find ("registry");
    ProtobufCMessage *reply;
    int rc = ppsctl_send (self, registry, REGISTRY__REGISTRY_REQUEST__OP_VACANCIES,
                          &query->base, &reply);
    if (rc == PPSCTL_OK)
        rc = ppsctl_check_status (reply);
    if (rc == PPSCTL_OK)
        rc = ppsctl_show_reply (self, reply);
    return rc;

usage:
    ppsctl_usage_vacancies (stderr);
    return PPSCTL_USAGE;
}
