/*  fuzz_seeds: writes the seed corpus of every fuzz target, from the code
    itself, so that the seeds follow the protocol when it changes.

    Usage: fuzz_seeds OUT_DIR    (writes OUT_DIR/<target>/...)

    The region runs in this process (fuzz_region). Its sample is loaded
    through recording proxies, one per service (a ROUTER in front of the
    service's ROUTER, passing frames both ways), so every request of the
    sample loaders (hundreds of valid requests, reads and writes) becomes a
    seed of that service's target, raw and structured. Besides:
      - every service: each operation with an empty message (structured)
        and its raw frame, so that no operation starts unseen;
      - indicators: compute, get, every export format, list, retry;
      - national_rules and national_api: the region's finalised 2025
        bilan document (or one computed on an empty region) and broken
        variants of it, resends under a wrong key, every GET route;
      - decoders: establishment CSV texts and national answer bodies.
*/
#include "fuzz_region.h"

#include <dirent.h>
#include <sys/stat.h>
#include "indicators.h"
#include "indicators_document.h"

#define SERVICES "registry", "projects", "training", "funding", "indicators", "notify"

static const char *s_out;

//  ---------------------------------------------------------------- files

static void
s_write (const char *target, const char *name, const void *prefix, size_t prefix_size,
         const void *data, size_t size)
{
    char *path = zsys_sprintf ("%s/%s/%s", s_out, target, name);
    FILE *file = fopen (path, "wb");
    if (!file) {
        fprintf (stderr, "fuzz_seeds: cannot write %s: %s\n", path, strerror (errno));
        exit (1);
    }
    //  fwrite's buffer may not be NULL, even for no bytes (UBSan, gcc)
    if (prefix_size)
        fwrite (prefix, 1, prefix_size, file);
    if (size)
        fwrite (data, 1, size, file);
    fclose (file);
    zstr_free (&path);
}

//  Empty OUT_DIR/target of the files an earlier run wrote.
static int
s_clear (const char *target)
{
    if (zsys_dir_create ("%s/%s", s_out, target))
        return -1;
    char *path = zsys_sprintf ("%s/%s", s_out, target);
    DIR *dir = opendir (path);
    struct dirent *entry;
    while (dir && (entry = readdir (dir)))
        if (entry->d_type == DT_REG) {
            char *file = zsys_sprintf ("%s/%s", path, entry->d_name);
            unlink (file);
            zstr_free (&file);
        }
    if (dir)
        closedir (dir);
    zstr_free (&path);
    return dir ? 0 : -1;
}

//  A request frame of service: its raw seed and its structured one.
static void
s_request_seeds (const pps_service_t *service, pps_arena_t *arena, const char *name,
                 const uint8_t *frame, size_t size)
{
    char file [96];
    snprintf (file, sizeof file, "%s-raw", name);
    s_write (service->name, file, "\0", 1, frame, size);
    size_t input_size;
    uint8_t *input = fuzz_region_structured (service, arena, frame, size, &input_size);
    if (input) {
        snprintf (file, sizeof file, "%s-op", name);
        s_write (service->name, file, NULL, 0, input, input_size);
    }
}

//  ---------------------------------------------------------------- recorders

typedef struct {
    const pps_service_t *service;
    char frontend [96];               //  Where the loaders connect
    const char *backend;              //  The service's ROUTER
} recorder_t;

static void
s_recorder_actor (zsock_t *pipe, void *args)
{
    recorder_t *self = args;
    zsock_t *frontend = zsock_new_router (self->frontend);
    zsock_t *backend = zsock_new_dealer (self->backend);
    assert (frontend && backend);
    zsock_signal (pipe, 0);
    zpoller_t *poller = zpoller_new (pipe, frontend, backend, NULL);
    pps_arena_t *arena = pps_arena_new ();
    size_t count = 0;
    while (true) {
        void *which = zpoller_wait (poller, -1);
        if (which == frontend) {
            zmsg_t *message = zmsg_recv (frontend);
            zframe_t *payload = message ? zmsg_last (message) : NULL;
            if (payload) {
                char name [32];
                snprintf (name, sizeof name, "sample-%05zu", count++);
                s_request_seeds (self->service, arena, name, zframe_data (payload),
                                 zframe_size (payload));
                pps_arena_reset (arena);
            }
            zmsg_send (&message, backend);
        }
        else
        if (which == backend) {
            zmsg_t *message = zmsg_recv (backend);
            zmsg_send (&message, frontend);
        }
        else
            break;                    //  $TERM on the pipe, or interrupted
    }
    pps_arena_destroy (&arena);
    zpoller_destroy (&poller);
    zsock_destroy (&frontend);
    zsock_destroy (&backend);
}

//  ---------------------------------------------------------------- services

//  Every operation of service with an empty message.
static void
s_empty_ops (const pps_service_t *service, pps_arena_t *arena)
{
    for (size_t index = 0; index < service->op_count + 2; index++) {
        const char *name = index < service->op_count ? service->ops [index].name
                         : index == service->op_count ? "events_since" : "service_status";
        uint8_t input [3] = { 1, (uint8_t) index, FUZZ_FLAG_ID | FUZZ_FLAG_ACTOR };
        char file [96];
        snprintf (file, sizeof file, "empty-%s-op", name);
        s_write (service->name, file, NULL, 0, input, sizeof input);
        size_t size;
        uint8_t *frame = fuzz_region_frame (service, arena, input, sizeof input, 1, &size);
        assert (frame);
        snprintf (file, sizeof file, "empty-%s-raw", name);
        s_write (service->name, file, "\0", 1, frame, size);
        pps_arena_reset (arena);
    }
}

static void
s_indicators_request (pps_arena_t *arena, const char *name, Indicators__IndicatorsRequest *request)
{
    request->request_id = (char *) name;
    request->actor = "fuzz";
    size_t size;
    uint8_t *frame = pps_arena_pack (arena, &request->base, &size);
    s_request_seeds (&indicators_service, arena, name, frame, size);
    pps_arena_reset (arena);
}

static void
s_indicators_seeds (pps_arena_t *arena)
{
    Indicators__IndicatorsRequest request = INDICATORS__INDICATORS_REQUEST__INIT;
    Indicators__BilanQuery query = INDICATORS__BILAN_QUERY__INIT;
    query.year = 2025;
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_COMPUTE_BILAN;
    request.compute_bilan = &query;
    s_indicators_request (arena, "compute-2025", &request);
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_FINALISE_BILAN;
    request.finalise_bilan = &query;
    s_indicators_request (arena, "finalise-2025", &request);
    Indicators__BilanRef ref = INDICATORS__BILAN_REF__INIT;
    ref.year = 2025;
    ref.version = 1;
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_GET_BILAN;
    request.get_bilan = &ref;
    s_indicators_request (arena, "get-2025-1", &request);
    for (int format = 1; format <= 4; format++) {
        Indicators__ExportRequest export = INDICATORS__EXPORT_REQUEST__INIT;
        export.bilan = &ref;
        export.format = format;
        request.op_case = INDICATORS__INDICATORS_REQUEST__OP_EXPORT_BILAN;
        request.export_bilan = &export;
        char name [32];
        snprintf (name, sizeof name, "export-%d", format);
        s_indicators_request (arena, name, &request);
    }
    Indicators__BilanFilter filter = INDICATORS__BILAN_FILTER__INIT;
    filter.year = 2025;
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_LIST_BILANS;
    request.list_bilans = &filter;
    s_indicators_request (arena, "list-2025", &request);
    Indicators__RetryOutbox retry = INDICATORS__RETRY_OUTBOX__INIT;
    retry.key = "32:2025:1";
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_RETRY_OUTBOX;
    request.retry_outbox = &retry;
    s_indicators_request (arena, "retry-32-2025-1", &request);
}

//  ---------------------------------------------------------------- national

//  The region's finalised 2025 bilan document, or NULL. Caller frees.
static char *
s_region_document (pps_config_t *config, pps_arena_t *arena)
{
    pps_client_t *client = pps_client_new (pps_config_endpoint (config, "indicators"),
                                           FUZZ_REPLY_MS, 1);
    Indicators__IndicatorsRequest request = INDICATORS__INDICATORS_REQUEST__INIT;
    Indicators__BilanRef ref = INDICATORS__BILAN_REF__INIT;
    ref.year = 2025;
    request.request_id = "fuzz-seeds-get";
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_GET_BILAN;
    request.get_bilan = &ref;
    ProtobufCMessage *reply = NULL;
    char *document = NULL;
    if (client && pps_client_call (client, &request.base, &indicators__indicators_reply__descriptor,
                                   arena, &reply) == 0
    &&  ((Indicators__IndicatorsReply *) reply)->bilan
    &&  *((Indicators__IndicatorsReply *) reply)->bilan->document)
        document = strdup (((Indicators__IndicatorsReply *) reply)->bilan->document);
    pps_client_destroy (&client);
    pps_arena_reset (arena);
    return document;
}

//  A bilan computed on an empty region, sealed as the indicators service
//  seals a finalised one. Caller frees.
static char *
s_empty_document (pps_arena_t *arena)
{
    indicators_view_t view;
    memset (&view, 0, sizeof view);
    indicators_scope_t scope;
    indicators_scope_year (&scope, "32", 2025, NULL);
    Indicators__Bilan *bilan = pps_arena_alloc (arena, sizeof *bilan);
    indicators__bilan__init (bilan);
    indicators_compute (&view, &scope, arena, bilan);
    bilan->version = 1;
    bilan->state = INDICATORS__BILAN_STATE__FINALISED;
    bilan->computed_ms = bilan->finalised_ms = 1767225600000LL;
    bilan->finalised_by = "fuzz";
    int rc = indicators_document_seal (bilan, arena, NULL);
    assert (rc == 0);
    char *document = strdup (bilan->document);
    pps_arena_reset (arena);
    return document;
}

//  document with member set to value (JSON text), or deleted when NULL.
static char *
s_variant (const char *document, const char *member, const char *value)
{
    json_t *json = json_loads (document, 0, NULL);
    assert (json);
    if (value)
        json_object_set_new (json, member, json_loads (value, JSON_DECODE_ANY, NULL));
    else
        json_object_del (json, member);
    char *text = json_dumps (json, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref (json);
    return text;
}

//  Seeds of the national targets from document; file names start with prefix.
static void
s_national_seeds (const char *document, const char *prefix)
{
    char name [64];
    size_t size = strlen (document);
    snprintf (name, sizeof name, "%s-document", prefix);
    s_write ("national_rules", name, NULL, 0, document, size);
    snprintf (name, sizeof name, "%s-truncated", prefix);
    s_write ("national_rules", name, NULL, 0, document, size / 2);
    snprintf (name, sizeof name, "%s-post", prefix);
    s_write ("national_api", name, "\0", 1, document, size);
    char *keyed = zsys_sprintf ("32:2025:1\n%s", document);
    snprintf (name, sizeof name, "%s-post-keyed", prefix);
    s_write ("national_api", name, "\1", 1, keyed, strlen (keyed));
    zstr_free (&keyed);
    keyed = zsys_sprintf ("32:2025:2\n%s", document);
    snprintf (name, sizeof name, "%s-post-wrong-key", prefix);
    s_write ("national_api", name, "\1", 1, keyed, strlen (keyed));
    zstr_free (&keyed);
    static const char *const variants [][3] = {
        { "sha256", "\"0000000000000000000000000000000000000000000000000000000000000000\"",
          "bad-sha256" },
        { "version", "0", "version-0" },
        { "region", "\"11\"", "other-region" },
        { "extra", "1", "extra-member" },
        { "indicators", "[]", "no-indicators" },
        { "period_start", "\"2025-02-30\"", "bad-date" },
        { "establishments", NULL, "no-establishments" },
    };
    for (size_t index = 0; index < sizeof variants / sizeof variants [0]; index++) {
        char *text = s_variant (document, variants [index][0], variants [index][1]);
        snprintf (name, sizeof name, "%s-%s", prefix, variants [index][2]);
        s_write ("national_rules", name, NULL, 0, text, strlen (text));
        s_write ("national_api", name, "\0", 1, text, strlen (text));
        free (text);
    }
}

//  The national service's GET routes.
static void
s_national_gets (void)
{
    static const char *const gets [] = {
        "aggregate\n2025", "regions\n2025", "bilans/32/2025", "bilans/32/2025/1",
        "bilans/32/2025/99", "status", "aggregate\n1999",
    };
    for (size_t index = 0; index < sizeof gets / sizeof gets [0]; index++) {
        char name [32];
        snprintf (name, sizeof name, "get-%zu", index);
        s_write ("national_api", name, "\2", 1, gets [index], strlen (gets [index]));
    }
}

static void
s_decoder_seeds (void)
{
    static const char csv [] =
        "etablissement,type_code,cd_etablissement,epm,quartier_mineurs_liste_A43_3_2014,"
        "disp_code,disp_libelle,departement_code,region_code_insee,commune_insee,"
        "capacite_operationnelle\r\n"
        "MA AMIENS,MA,101,non,oui,DISP-LILLE,DISP de Lille,80,32,Amiens,370\r\n"
        "\"EPM QUIEVRECHAIN, nord\",EPM,102,oui,,DISP-LILLE,DISP de Lille,59,32,"
        "\"Quiévrechain\",60\r\n";
    s_write ("decoders", "csv", "\0", 1, csv, sizeof csv - 1);
    s_write ("decoders", "csv-unclosed-quote", "\0", 1, csv, sizeof csv - 8);
    static const char *const bodies [] = {
        ("{\"status\":\"ERROR\",\"httpStatusCode\":400,\"field\":\"indicators[3].value\","
         "\"message\":\"value must be numerator / denominator\"}"),
        "{\"status\":\"ERROR\",\"conflicts\":[{\"object\":\"region\",\"value\":\"token of 11\"}]}",
        "<html><body>502 Bad Gateway</body></html>",
    };
    for (size_t index = 0; index < sizeof bodies / sizeof bodies [0]; index++) {
        char name [32];
        snprintf (name, sizeof name, "reason-%zu", index);
        s_write ("decoders", name, "\1", 1, bodies [index], strlen (bodies [index]));
    }
}

int
main (int argc, char **argv)
{
    if (argc != 2) {
        fprintf (stderr, "usage: %s OUT_DIR\n", argv [0]);
        return 2;
    }
    s_out = argv [1];
    const char *const targets [] = { SERVICES, "national_rules", "national_api", "decoders" };
    for (size_t index = 0; index < sizeof targets / sizeof targets [0]; index++)
        if (s_clear (targets [index])) {
            fprintf (stderr, "fuzz_seeds: cannot make %s/%s\n", s_out, targets [index]);
            return 1;
        }
    pps_config_t *config = fuzz_region_start ("seeds");
    pps_config_t *loaders = pps_config_load (NULL);
    pps_config_set (loaders, "region/code", "32");
    pps_config_set (loaders, "region/data_dir", pps_config_data_dir (config));
    const char *const services [] = { SERVICES };
    const size_t count = sizeof services / sizeof services [0];
    recorder_t recorders [sizeof services / sizeof services [0]];
    zactor_t *actors [sizeof services / sizeof services [0]];
    pps_arena_t *arena = pps_arena_new ();
    for (size_t index = 0; index < count; index++) {
        recorder_t *recorder = &recorders [index];
        recorder->service = fuzz_region_service (services [index]);
        recorder->backend = pps_config_endpoint (config, services [index]);
        snprintf (recorder->frontend, sizeof recorder->frontend, "inproc://recorder-%s",
                  services [index]);
        char key [64];
        snprintf (key, sizeof key, "%s/endpoint", services [index]);
        pps_config_set (loaders, key, recorder->frontend);
        actors [index] = zactor_new (s_recorder_actor, recorder);
        s_empty_ops (recorder->service, arena);
    }
    int rc = fuzz_region_load_sample (loaders);
    for (size_t index = 0; index < count; index++)
        zactor_destroy (&actors [index]);
    s_indicators_seeds (arena);
    char *document = s_region_document (config, arena);
    if (document)
        s_national_seeds (document, "region");
    free (document);
    document = s_empty_document (arena);
    s_national_seeds (document, "empty");
    free (document);
    s_national_gets ();
    s_decoder_seeds ();
    pps_arena_destroy (&arena);
    pps_config_destroy (&loaders);
    fuzz_region_stop ();
    printf ("fuzz_seeds: corpora written under %s (%s)\n", s_out,
            rc == 0 ? "with the region's sample" : rc > 0 ? "with a minimal region"
                                                 : "the region's data did not load");
    return 0;
}
