/*  ppsctl_import: the registry's friendly commands. `import establishments`
    reads the ministry's CSV here (the registry only sees rows) and sends it
    in one ImportEstablishments, which imports every row or none;
    `vacancies` lists the referent roles left empty in a region.  */
#include "ppsctl.h"

#include "pps_date.h"
#include "establishment_csv.h"
#include "registry.pb-c.h"

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

int
ppsctl_cmd_import (ppsctl_t *self, int argc, char **argv)
{
    if (argc < 2 || !streq (argv [0], "establishments"))
        goto usage;
    const char *path = argv [1];
    //  A region's stack imports its own rows unless told otherwise
    const char *region = pps_config_region (self->config);
    for (int index = 2; index < argc; index++) {
        if (streq (argv [index], "--region") && index + 1 < argc)
            region = argv [++index];
        else
        if (streq (argv [index], "--all-regions"))
            region = "";
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
    ProtobufCMessage *reply;
    int rc = ppsctl_send (self, registry, REGISTRY__REGISTRY_REQUEST__OP_IMPORT_ESTABLISHMENTS,
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
        ppsctl_show_reply (self, reply);
    return rc;

usage:
    fprintf (stderr, "usage: ppsctl import establishments FILE [--region CODE | --all-regions]\n");
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
        ppsctl_show_reply (self, reply);
    return rc;

usage:
    fprintf (stderr, "usage: ppsctl vacancies REGION [--date YYYY-MM-DD]\n");
    return PPSCTL_USAGE;
}
