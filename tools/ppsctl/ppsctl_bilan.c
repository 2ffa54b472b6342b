/*  ppsctl_bilan: `ppsctl bilan ...` and `ppsctl outbox ...`, thin wrappers
    over the indicators service's operations that print bilans and the
    outbox as tables.  */
#include "ppsctl_bilan.h"
#include "pps_bilan.h"

#include "pps_date.h"
#include "pps_money.h"
#include "ppsctl_table.h"
#include "indicators.pb-c.h"

#define LABEL_MAX  60                 //  Characters of a label in a table
#define ERROR_MAX  60                 //  Characters of an outbox error in a table

//  The options of every bilan command; each command says which it takes.
typedef struct {
    const char *region;               //  --region, else the configured region
    int64_t year;                     //  --year, 0 when not given
    int64_t version;                  //  --version, 0 = the latest
    Pps__Date *date;                  //  --date, or NULL
    const char *format;               //  --format
    const char *output;               //  --output
    bool establishments;              //  --establishments
} options_t;

void
ppsctl_usage_bilan (FILE *out)
{
    fprintf (out,
"usage: ppsctl bilan compute  [--region R] --year Y [--date YYYY-MM-DD] [--establishments]\n"
"       ppsctl bilan show     [--region R] --year Y [--version N] [--establishments]\n"
"       ppsctl bilan finalise [--region R] --year Y [--date YYYY-MM-DD]\n"
"       ppsctl bilan list     [--region R] [--year Y]\n"
"       ppsctl bilan indicators [--markdown]  what each figure counts, and the rules\n"
"       ppsctl bilan export   [--region R] --year Y [--version N]\n"
"                             --format json|csv|dhis2|dhis2-metadata|adx|xlsx\n"
"                             [--output FILE]  (xlsx, a binary file: --output required)\n"
"       ppsctl outbox [list]\n"
"       ppsctl outbox retry KEY\n"
"\n"
"  compute   the draft of the year's bilan, from the figures as they are now\n"
"            (nothing is stored; run it as often as needed)\n"
"  finalise  freeze the bilan as a new version (1, 2...), hash it and queue it\n"
"            for the national service; show and export work on finalised versions\n"
"  show, export\n"
"            a finalised version: --version N, else the latest one finalised (the\n"
"            highest N); a year never finalised has none: finalise it first\n"
"  list      the finalised versions and their state\n"
"  formats   json (the pps-bilan/2 document), csv, dhis2 (dataValueSets),\n"
"            dhis2-metadata, adx, xlsx (a workbook: --output FILE)\n"
"The region defaults to the configured one (ppsctl help: configuration).\n");
}

//  Parse the options after the subcommand; allowed lists the flags this
//  command takes ("rydvfoe": region, year, date, version, format, output,
//  establishments). Returns 0, or prints why and returns PPSCTL_USAGE.
static int
s_options (ppsctl_t *self, int argc, char **argv, const char *allowed, options_t *options)
{
    memset (options, 0, sizeof *options);
    for (int index = 0; index < argc; index++) {
        const char *flag = argv [index];
        const char *value = index + 1 < argc ? argv [index + 1] : NULL;
        char letter = streq (flag, "--region") ? 'r' : streq (flag, "--year") ? 'y'
                    : streq (flag, "--date") ? 'd' : streq (flag, "--version") ? 'v'
                    : streq (flag, "--format") ? 'f' : streq (flag, "--output") ? 'o'
                    : streq (flag, "--establishments") ? 'e' : 0;
        if (!letter || !strchr (allowed, letter)) {
            fprintf (stderr, "error: unexpected '%s'\n", flag);
            return PPSCTL_USAGE;
        }
        if (letter == 'e') {
            options->establishments = true;
            continue;
        }
        if (!value) {
            fprintf (stderr, "error: %s needs a value\n", flag);
            return PPSCTL_USAGE;
        }
        index++;
        if (letter == 'r')
            options->region = value;
        else
        if (letter == 'f')
            options->format = value;
        else
        if (letter == 'o')
            options->output = value;
        else
        if (letter == 'y' && ppsctl_parse_int (value, 2000, 2100, &options->year)) {
            fprintf (stderr, "error: --year: '%s' is not a year from 2000 to 2100\n", value);
            return PPSCTL_USAGE;
        }
        else
        if (letter == 'v' && ppsctl_parse_int (value, 0, UINT32_MAX, &options->version)) {
            fprintf (stderr, "error: --version: '%s' is not a version number\n", value);
            return PPSCTL_USAGE;
        }
        else
        if (letter == 'd') {
            options->date = (Pps__Date *) pps_arena_message (self->arena, &pps__date__descriptor);
            if (pps_date_parse (value, options->date)) {
                fprintf (stderr, "error: --date: '%s' is not a date (YYYY-MM-DD)\n", value);
                return PPSCTL_USAGE;
            }
        }
    }
    if (options->year == 0 && !strchr (allowed, 'l')) {
        fprintf (stderr, "error: --year is required\n");
        return PPSCTL_USAGE;
    }
    return 0;
}

//  Send op with payload to the indicators service; on an OK reply sets
//  *reply_p. Returns an exit code (errors printed).
static int
s_call (ppsctl_t *self, uint32_t op, ProtobufCMessage *payload,
        Indicators__IndicatorsReply **reply_p)
{
    const ppsctl_service_t *service = ppsctl_service_find ("indicators");
    ProtobufCMessage *reply;
    int rc = ppsctl_send (self, service, op, payload, &reply);
    if (rc == PPSCTL_OK)
        rc = ppsctl_check_status (reply);
    if (rc == PPSCTL_OK)
        *reply_p = (Indicators__IndicatorsReply *) reply;
    return rc;
}

//  After a refusal of show or export: when no version was ever finalised,
//  or not that one, say what to do.
static void
s_hint_not_finalised (ppsctl_t *self, const options_t *options)
{
    const char *region = options->region ? options->region : pps_config_region (self->config);
    if (options->version)
        fprintf (stderr, "hint: version %" PRId64 " of bilan %s %" PRId64 " was never finalised; "
                 "ppsctl bilan list --year %" PRId64 " lists those that were (without "
                 "--version: the latest)\n", options->version, region, options->year,
                 options->year);
    else
        fprintf (stderr, "hint: only a finalised bilan is shown or exported, and bilan %s %" PRId64
                 " has never\n  been finalised (\"version 0\": none yet; without --version, "
                 "the latest finalised\n  version is taken). See the draft with\n"
                 "    ppsctl bilan compute --year %" PRId64 "\n"
                 "  then freeze it (a new version, queued for the national service) with\n"
                 "    ppsctl bilan finalise --year %" PRId64 "\n",
                 region, options->year, options->year, options->year);
}

//  s_call for show and export: with the hint when nothing was finalised.
static int
s_call_finalised (ppsctl_t *self, uint32_t op, ProtobufCMessage *payload,
                  const options_t *options, Indicators__IndicatorsReply **reply_p)
{
    const ppsctl_service_t *service = ppsctl_service_find ("indicators");
    ProtobufCMessage *reply;
    int rc = ppsctl_send (self, service, op, payload, &reply);
    if (rc)
        return rc;
    const Pps__Status *status = pps_client_status (reply);
    rc = ppsctl_check_status (reply);
    if (rc == PPSCTL_OK)
        *reply_p = (Indicators__IndicatorsReply *) reply;
    else
    if (status->code == PPS__CODE__NOT_FOUND && status->field && streq (status->field, "version"))
        s_hint_not_finalised (self, options);
    return rc;
}

//  ---------------------------------------------------------------- printing

//  text cut to at most max characters, with "…" when it was cut.
static const char *
s_cut (ppsctl_t *self, const char *text, size_t max)
{
    return ppsctl_text_cut (self->arena, text, max);
}

//  A value as the bilan shows it: integers as such, ratios with at most
//  four decimals, "-" for a ratio over zero.
static const char *
s_value (ppsctl_t *self, const Indicators__Indicator *indicator)
{
    if (indicator->kind == INDICATORS__INDICATOR_KIND__AMOUNT)
        return "";
    if (indicator->kind != INDICATORS__INDICATOR_KIND__RATIO)
        return pps_arena_printf (self->arena, "%lld", (long long) indicator->numerator);
    if (!indicator->has_value)
        return "-";
    char *text = pps_arena_printf (self->arena, "%.4f", indicator->value);
    size_t length = strlen (text);
    while (length > 1 && text [length - 1] == '0')
        text [--length] = 0;
    if (length && text [length - 1] == '.')
        text [--length] = 0;
    return text;
}

static void
s_print_indicators (ppsctl_t *self, Indicators__Indicator **items, size_t count, bool labels)
{
    printf ("%-24s %12s %12s %10s%s\n", "id", "numerator", "denominator", "value",
            labels ? "  label" : "");
    for (size_t index = 0; index < count; index++) {
        const Indicators__Indicator *indicator = items [index];
        bool ratio = indicator->kind == INDICATORS__INDICATOR_KIND__RATIO;
        char denominator [24] = "-";
        if (ratio)
            snprintf (denominator, sizeof denominator, "%lld", (long long) indicator->denominator);
        char numerator [PPS_MONEY_TEXT_MAX];
        if (indicator->kind == INDICATORS__INDICATOR_KIND__AMOUNT)
            pps_money_format (indicator->numerator, numerator, sizeof numerator);
        else
            snprintf (numerator, sizeof numerator, "%lld", (long long) indicator->numerator);
        printf ("%-24s %*s %12s %10s", indicator->id,
                12 + (int) (strlen (numerator) - ppsctl_text_width (numerator)), numerator,
                denominator, s_value (self, indicator));
        if (labels && indicator->label && *indicator->label)
            printf ("  %s", s_cut (self, indicator->label, LABEL_MAX));
        printf ("\n");
    }
}

static const char *
s_enum_name (const ProtobufCEnumDescriptor *descriptor, int value)
{
    const ProtobufCEnumValue *named = protobuf_c_enum_descriptor_get_value (descriptor, value);
    return named ? named->name : "?";
}

static void
s_print_bilan (ppsctl_t *self, const Indicators__Bilan *bilan, bool establishments)
{
    char start [16], end [16], reference [16], time [40];
    printf ("bilan %s %d", bilan->region_code, bilan->year);
    if (bilan->version)
        printf (" version %u", bilan->version);
    printf (" %s\n", s_enum_name (&indicators__bilan_state__descriptor, bilan->state));
    printf ("period %s to %s, reference date %s\n",
            pps_date_format (bilan->period_start, start, sizeof start),
            pps_date_format (bilan->period_end, end, sizeof end),
            pps_date_format (bilan->reference_date, reference, sizeof reference));
    printf ("computed %s\n", ppsctl_iso_time (bilan->computed_ms, time, sizeof time));
    if (bilan->finalised_ms)
        printf ("finalised %s by %s\n", ppsctl_iso_time (bilan->finalised_ms, time, sizeof time),
                bilan->finalised_by);
    if (*bilan->sha256)
        printf ("sha256 %s\n", bilan->sha256);
    printf ("\n");
    s_print_indicators (self, bilan->indicators, bilan->n_indicators, true);
    for (size_t index = 0; establishments && index < bilan->n_establishments; index++) {
        const Indicators__EstablishmentFigures *figures = bilan->establishments [index];
        printf ("\nestablishment %s %s (%s%s)\n", figures->code, figures->name, figures->kind,
                figures->minors ? ", minors" : "");
        s_print_indicators (self, figures->indicators, figures->n_indicators, false);
    }
    if (!establishments)
        printf ("\n%zu establishments (--establishments shows their figures)\n",
                bilan->n_establishments);
    if (bilan->n_validation == 0)
        printf ("\nvalidation: no issue\n");
    else
        printf ("\nvalidation: %zu issue%s\n", bilan->n_validation,
                bilan->n_validation > 1 ? "s" : "");
    for (size_t index = 0; index < bilan->n_validation; index++) {
        const Indicators__ValidationIssue *issue = bilan->validation [index];
        printf ("  %-7s %s%s%s: %s\n",
                issue->severity == INDICATORS__SEVERITY__ERROR ? "error" : "warning",
                issue->rule, *issue->indicator ? " " : "", issue->indicator, issue->message);
    }
}

//  Print a bilan as text or JSON.
static void
s_show_bilan (ppsctl_t *self, const Indicators__Bilan *bilan, bool establishments)
{
    if (self->json)
        ppsctl_json_print (stdout, ppsctl_json_message (&bilan->base));
    else
        s_print_bilan (self, bilan, establishments);
}

//  ---------------------------------------------------------------- bilan

static Indicators__BilanQuery *
s_query (ppsctl_t *self, const options_t *options)
{
    Indicators__BilanQuery *query = (Indicators__BilanQuery *)
        pps_arena_message (self->arena, &indicators__bilan_query__descriptor);
    query->region_code = (char *) (options->region ? options->region : "");
    query->year = (int32_t) options->year;
    query->reference_date = options->date;
    return query;
}

static Indicators__BilanRef *
s_ref (ppsctl_t *self, const options_t *options)
{
    Indicators__BilanRef *ref = (Indicators__BilanRef *)
        pps_arena_message (self->arena, &indicators__bilan_ref__descriptor);
    ref->region_code = (char *) (options->region ? options->region : "");
    ref->year = (int32_t) options->year;
    ref->version = (uint32_t) options->version;
    return ref;
}

static int
s_compute (ppsctl_t *self, const options_t *options)
{
    Indicators__IndicatorsReply *reply;
    int rc = s_call (self, INDICATORS__INDICATORS_REQUEST__OP_COMPUTE_BILAN,
                     &s_query (self, options)->base, &reply);
    if (rc == PPSCTL_OK)
        s_show_bilan (self, reply->bilan, options->establishments);
    return rc;
}

static int
s_show (ppsctl_t *self, const options_t *options)
{
    Indicators__IndicatorsReply *reply;
    int rc = s_call_finalised (self, INDICATORS__INDICATORS_REQUEST__OP_GET_BILAN,
                               &s_ref (self, options)->base, options, &reply);
    if (rc == PPSCTL_OK)
        s_show_bilan (self, reply->bilan, options->establishments);
    return rc;
}

static int
s_finalise (ppsctl_t *self, const options_t *options)
{
    //  Chosen here, so that the operator can be told which id to retry with
    if (!self->request_id)
        self->request_id = pps_client_new_request_id (pps_arena_alloc (self->arena, 33));
    Indicators__IndicatorsReply *reply;
    int rc = s_call (self, INDICATORS__INDICATORS_REQUEST__OP_FINALISE_BILAN,
                     &s_query (self, options)->base, &reply);
    if (rc != PPSCTL_OK) {
        if (rc == PPSCTL_UNREACHABLE)
            fprintf (stderr, "hint: retry with --request-id %s: a finalise that did happen "
                     "is then not done twice\n", self->request_id);
        return rc;
    }
    const Indicators__Bilan *bilan = reply->bilan;
    if (self->json) {
        ppsctl_json_print (stdout, ppsctl_json_message (&bilan->base));
        return PPSCTL_OK;
    }
    printf ("finalised %s %d version %u\nsha256 %s\nqueued for the national service as "
            "%s:%d:%u\nrequest id %s\n", bilan->region_code, bilan->year, bilan->version,
            bilan->sha256, bilan->region_code, bilan->year, bilan->version, reply->request_id);
    for (size_t index = 0; index < bilan->n_validation; index++)
        printf ("warning %s: %s\n", bilan->validation [index]->rule,
                bilan->validation [index]->message);
    return PPSCTL_OK;
}

static int
s_list (ppsctl_t *self, const options_t *options)
{
    Indicators__BilanFilter *filter = (Indicators__BilanFilter *)
        pps_arena_message (self->arena, &indicators__bilan_filter__descriptor);
    filter->region_code = (char *) (options->region ? options->region : "");
    filter->year = (int32_t) options->year;
    Indicators__IndicatorsReply *reply;
    int rc = s_call (self, INDICATORS__INDICATORS_REQUEST__OP_LIST_BILANS, &filter->base, &reply);
    if (rc != PPSCTL_OK)
        return rc;
    const Indicators__BilanList *list = reply->bilans;
    if (self->json) {
        ppsctl_json_print (stdout, ppsctl_json_message (&list->base));
        return PPSCTL_OK;
    }
    ppsctl_table_t *table = ppsctl_table_new (self->arena);
    const char *const headers [] = { "region", "year", "version", "state", "finalised", "sha256" };
    for (size_t column = 0; column < 6; column++)
        ppsctl_table_column (table, headers [column], NULL, column == 1 || column == 2);
    for (size_t index = 0; index < list->n_items; index++) {
        const Indicators__Bilan *bilan = list->items [index];
        char time [40];
        ppsctl_table_row (table);
        ppsctl_table_cell (table, bilan->region_code);
        ppsctl_table_cellf (table, "%d", bilan->year);
        ppsctl_table_cellf (table, "%u", bilan->version);
        ppsctl_table_cell (table, s_enum_name (&indicators__bilan_state__descriptor, bilan->state));
        ppsctl_table_cell (table, ppsctl_iso_time (bilan->finalised_ms, time, sizeof time));
        ppsctl_table_cellf (table, "%.16s", bilan->sha256);
    }
    if (ppsctl_table_print (table, stdout, self->columns, ppsctl_table_width (stdout)))
        return PPSCTL_USAGE;
    printf ("%zu bilan%s\n", list->n_items, list->n_items == 1 ? "" : "s");
    return PPSCTL_OK;
}

//  The formats by name, at their ExportFormat value.
static const char *const s_formats [] = {
    [INDICATORS__EXPORT_FORMAT__JSON] = "json",
    [INDICATORS__EXPORT_FORMAT__CSV] = "csv",
    [INDICATORS__EXPORT_FORMAT__DHIS2] = "dhis2",
    [INDICATORS__EXPORT_FORMAT__ADX] = "adx",
    [INDICATORS__EXPORT_FORMAT__DHIS2_METADATA] = "dhis2-metadata",
    [INDICATORS__EXPORT_FORMAT__XLSX] = "xlsx",
};
#define FORMAT_COUNT (sizeof s_formats / sizeof s_formats [0])

static int
s_export (ppsctl_t *self, const options_t *options)
{
    Indicators__ExportFormat format = INDICATORS__EXPORT_FORMAT__EXPORT_FORMAT_UNSPECIFIED;
    for (size_t index = 1; options->format && index < FORMAT_COUNT; index++)
        if (s_formats [index] && strcasecmp (options->format, s_formats [index]) == 0)
            format = (Indicators__ExportFormat) index;
    if (!format) {
        fprintf (stderr, "error: --format json|csv|dhis2|dhis2-metadata|adx|xlsx is required\n");
        return PPSCTL_USAGE;
    }
    //  A workbook is binary: never to a terminal or a pipe by surprise
    if (format == INDICATORS__EXPORT_FORMAT__XLSX && !options->output) {
        fprintf (stderr, "error: --format xlsx writes a binary file: --output FILE is required\n");
        return PPSCTL_USAGE;
    }
    Indicators__ExportRequest *request = (Indicators__ExportRequest *)
        pps_arena_message (self->arena, &indicators__export_request__descriptor);
    request->bilan = s_ref (self, options);
    request->format = format;
    Indicators__IndicatorsReply *reply;
    int rc = s_call_finalised (self, INDICATORS__INDICATORS_REQUEST__OP_EXPORT_BILAN,
                               &request->base, options, &reply);
    if (rc != PPSCTL_OK)
        return rc;
    const Indicators__Export *export = reply->export;
    //  Text formats come in text, binary ones in data
    const void *bytes = export->data.len ? (const void *) export->data.data
                                         : (const void *) export->text;
    size_t size = export->data.len ? export->data.len : strlen (export->text);
    FILE *out = options->output ? fopen (options->output, "wb") : stdout;
    if (!out) {
        fprintf (stderr, "error: --output: cannot write %s\n", options->output);
        return PPSCTL_FAILED;
    }
    bool written = fwrite (bytes, 1, size, out) == size;
    if (options->output) {
        written = fclose (out) == 0 && written;
        if (written)
            fprintf (stderr, "wrote %s (%s, %zu bytes)\n", options->output,
                     export->content_type, size);
    }
    if (!written) {
        fprintf (stderr, "error: cannot write the export\n");
        return PPSCTL_FAILED;
    }
    return PPSCTL_OK;
}

//  The bilan contract as an operator reads it: each indicator with its
//  kind and what it counts, then the rules; or the tables of docs/bilan.md.
static int
s_indicators (int argc, char **argv)
{
    if (argc == 1 && streq (argv [0], "--markdown")) {
        char *text = pps_bilan_markdown ();
        if (!text)
            return PPSCTL_FAILED;
        fputs (text, stdout);
        free (text);
        return PPSCTL_OK;
    }
    if (argc != 0)
        return PPSCTL_USAGE;
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const pps_bilan_indicator_t *indicator = pps_bilan_indicator_at (index);
        printf ("%-26s %-7s %s%s\n    %s\n    %s\n", indicator->id,
                pps_bilan_kind_name (indicator->kind), indicator->label,
                indicator->per_establishment ? " (also per establishment)" : "",
                indicator->definition, indicator->source);
    }
    printf ("\nrules:\n");
    for (size_t index = 0; index < pps_bilan_rule_count (); index++) {
        const pps_bilan_rule_t *rule = pps_bilan_rule_at (index);
        printf ("%-34s %-7s %s\n", rule->name,
                rule->severity == PPS_BILAN_ERROR ? "error" : "warning", rule->description);
    }
    return PPSCTL_OK;
}

int
ppsctl_cmd_bilan (ppsctl_t *self, int argc, char **argv)
{
    if (argc < 1 || streq (argv [0], "help") || streq (argv [0], "--help")) {
        ppsctl_usage_bilan (argc ? stdout : stderr);
        return argc ? PPSCTL_OK : PPSCTL_USAGE;
    }
    const char *command = argv [0];
    if (streq (command, "indicators")) {
        int rc = s_indicators (argc - 1, argv + 1);
        if (rc == PPSCTL_USAGE)
            ppsctl_usage_bilan (stderr);
        return rc;
    }
    options_t options;
    //  Each command with the flags it takes; 'l' marks --year as optional
    const struct {
        const char *name;
        const char *flags;
        int (*run) (ppsctl_t *self, const options_t *options);
    } commands [] = {
        { "compute", "ryde", s_compute },
        { "show", "ryve", s_show },
        { "finalise", "ryd", s_finalise },
        { "finalize", "ryd", s_finalise },
        { "list", "ryl", s_list },
        { "export", "ryvfo", s_export },
    };
    for (size_t index = 0; index < sizeof commands / sizeof commands [0]; index++) {
        if (!streq (command, commands [index].name))
            continue;
        int rc = s_options (self, argc - 1, argv + 1, commands [index].flags, &options);
        if (rc) {
            ppsctl_usage_bilan (stderr);
            return rc;
        }
        return commands [index].run (self, &options);
    }
    fprintf (stderr, "error: unknown bilan command '%s'\n", command);
    ppsctl_usage_bilan (stderr);
    return PPSCTL_USAGE;
}

//  ---------------------------------------------------------------- outbox

//  The outbox as a table (scripts read its columns: key, state, attempts,
//  next attempt, last status, last error).
static int
s_print_outbox (ppsctl_t *self, const Indicators__OutboxList *list)
{
    ppsctl_table_t *table = ppsctl_table_new (self->arena);
    const char *const headers [] = { "key", "state", "attempts", "next_attempt", "status",
                                     "last_error" };
    for (size_t column = 0; column < 6; column++) {
        ppsctl_table_column (table, headers [column], NULL, column == 2 || column == 4);
        ppsctl_table_rank (table, PPSCTL_RANK_LABEL);
    }
    for (size_t index = 0; index < list->n_items; index++) {
        const Indicators__OutboxEntry *entry = list->items [index];
        char next [40] = "-";
        if (entry->state == INDICATORS__OUTBOX_STATE__PENDING)
            ppsctl_iso_time (entry->next_attempt_ms, next, sizeof next);
        ppsctl_table_row (table);
        ppsctl_table_cell (table, entry->key);
        ppsctl_table_cell (table, s_enum_name (&indicators__outbox_state__descriptor,
                                               entry->state));
        ppsctl_table_cellf (table, "%u", entry->attempts);
        ppsctl_table_cell (table, next);
        if (entry->last_http_status)
            ppsctl_table_cellf (table, "%d", entry->last_http_status);
        else
            ppsctl_table_cell (table, "-");
        ppsctl_table_cell (table, *entry->last_error
                                  ? s_cut (self, entry->last_error, ERROR_MAX) : "-");
    }
    if (ppsctl_table_print (table, stdout, self->columns, 0))
        return PPSCTL_USAGE;
    printf ("%zu entr%s\n", list->n_items, list->n_items == 1 ? "y" : "ies");
    return PPSCTL_OK;
}

int
ppsctl_cmd_outbox (ppsctl_t *self, int argc, char **argv)
{
    if (argc == 0 || (argc == 1 && streq (argv [0], "list"))) {
        Indicators__OutboxQuery *query = (Indicators__OutboxQuery *)
            pps_arena_message (self->arena, &indicators__outbox_query__descriptor);
        Indicators__IndicatorsReply *reply;
        int rc = s_call (self, INDICATORS__INDICATORS_REQUEST__OP_LIST_OUTBOX, &query->base,
                         &reply);
        if (rc != PPSCTL_OK)
            return rc;
        if (self->json)
            ppsctl_json_print (stdout, ppsctl_json_message (&reply->outbox->base));
        else
            return s_print_outbox (self, reply->outbox);
        return PPSCTL_OK;
    }
    if (argc == 2 && streq (argv [0], "retry")) {
        Indicators__RetryOutbox *retry = (Indicators__RetryOutbox *)
            pps_arena_message (self->arena, &indicators__retry_outbox__descriptor);
        retry->key = argv [1];
        Indicators__IndicatorsReply *reply;
        int rc = s_call (self, INDICATORS__INDICATORS_REQUEST__OP_RETRY_OUTBOX, &retry->base,
                         &reply);
        if (rc != PPSCTL_OK)
            return rc;
        if (self->json)
            ppsctl_json_print (stdout, ppsctl_json_message (&reply->outbox_entry->base));
        else
            printf ("%s requeued: %s, sent at once\n", reply->outbox_entry->key,
                    s_enum_name (&indicators__outbox_state__descriptor,
                                 reply->outbox_entry->state));
        return PPSCTL_OK;
    }
    ppsctl_usage_bilan (stderr);
    return PPSCTL_USAGE;
}
