/*  indicators_bilans: compute a draft bilan, finalise it (frozen, versioned,
    hashed, queued for the national service), get and list them, and say
    how far the read model is behind its sources.

    Bilans are stored under "<region>:<year>:<version>" (year on 4 digits,
    version on 10) so that a region's versions sort in order; the outbox
    entry of a finalised bilan is written in the same transaction.
*/
#include "indicators_service.h"

#include <czmq.h>
#include "indicators_document.h"
#include "indicators_model.h"

#define OUTBOX_KEY_MAX 64

//  ---------------------------------------------------------------- helpers

static int
s_scope (indicators_t *self, pps_call_t *call, const char *region_code, int32_t year,
         const Pps__Date *reference, indicators_scope_t *scope)
{
    if (!region_code || !*region_code)
        region_code = pps_config_region (self->config);
    if (pps_check_text (call, "region_code", region_code, 8, true)
    ||  pps_check_range (call, "year", year, 2000, 2100)
    ||  pps_check_date (call, "reference_date", reference, false))
        return -1;
    indicators_scope_year (scope, pps_arena_strdup (pps_call_arena (call), region_code),
                           year, reference);
    if (!pps_date_in_range (&scope->reference_date, &scope->period_start, &scope->period_end))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "reference_date",
                              "reference_date must lie in %d", year);
    return 0;
}

char *
indicators_bilan_key (pps_arena_t *arena, const char *region_code, int32_t year, uint32_t version)
{
    return pps_arena_printf (arena, "%s:%04d:%010u", region_code, year, version);
}

static char *
s_version_counter (pps_arena_t *arena, const char *region_code, int32_t year)
{
    return pps_arena_printf (arena, "version:%s:%04d", region_code, year);
}

//  How far the read model is behind each source: the applied seq from our
//  store, the last seq from the source itself. *reachable_p is false when a
//  source did not answer (its lag is then unknown and reported as 0).
static Indicators__ModelStatus *
s_progress (indicators_t *self, pps_call_t *call, bool *reachable_p, uint64_t *lag_p)
{
    pps_arena_t *arena = pps_call_arena (call);
    Indicators__ModelStatus *status = pps_arena_alloc (arena, sizeof *status);
    indicators__model_status__init (status);
    status->records = indicators_model_size (self->store, pps_call_txn (call));
    *reachable_p = true;
    *lag_p = 0;
    for (size_t index = 0; indicators_model_sources [index]; index++) {
        const char *source = indicators_model_sources [index];
        Indicators__SourceProgress *progress = pps_arena_alloc (arena, sizeof *progress);
        indicators__source_progress__init (progress);
        progress->source = (char *) source;
        progress->applied_seq = pps_subscriber_applied (self->store, pps_call_txn (call), source);
        Pps__ServiceStatusRequest ask = PPS__SERVICE_STATUS_REQUEST__INIT;
        Pps__CommonRequest request = PPS__COMMON_REQUEST__INIT;
        request.op_case = PPS__COMMON_REQUEST__OP_SERVICE_STATUS;
        request.service_status = &ask;
        Pps__CommonReply *reply = (Pps__CommonReply *) pps_peer_ask (self->peers [index], arena,
                                                                     &request.base);
        if (reply && reply->service_status) {
            uint64_t last = reply->service_status->last_seq;
            progress->lag = last > progress->applied_seq ? last - progress->applied_seq : 0;
            *lag_p += progress->lag;
        }
        else
            *reachable_p = false;
        pps_arena_push (arena, (void ***) &status->sources, &status->n_sources, progress);
    }
    return status;
}

static Indicators__Bilan *
s_compute (indicators_t *self, pps_call_t *call, const indicators_scope_t *scope)
{
    pps_arena_t *arena = pps_call_arena (call);
    indicators_view_t view;
    int rc = indicators_view_from_model (&view, self->store, pps_call_txn (call), arena);
    if (rc) {
        pps_call_fail_lmdb (call, rc, "the read model");
        return NULL;
    }
    Indicators__Bilan *bilan = pps_arena_alloc (arena, sizeof *bilan);
    indicators__bilan__init (bilan);
    indicators_compute (&view, scope, arena, bilan);
    bilan->computed_ms = pps_call_now_ms (call);
    bilan->state = INDICATORS__BILAN_STATE__DRAFT;
    return bilan;
}

static void
s_warn_behind (Indicators__Bilan *bilan, pps_arena_t *arena, const Indicators__ModelStatus *status,
               bool reachable)
{
    for (size_t index = 0; index < status->n_sources; index++) {
        const Indicators__SourceProgress *progress = status->sources [index];
        if (progress->lag == 0 && reachable)
            continue;
        Indicators__ValidationIssue *issue = pps_arena_alloc (arena, sizeof *issue);
        indicators__validation_issue__init (issue);
        issue->rule = "read_model_behind";
        issue->severity = INDICATORS__SEVERITY__WARNING;
        issue->indicator = "";
        issue->message = reachable
            ? pps_arena_printf (arena, "the read model is %llu events behind %s",
                                (unsigned long long) progress->lag, progress->source)
            : pps_arena_printf (arena, "a source did not answer; %s applied up to seq %llu",
                                progress->source, (unsigned long long) progress->applied_seq);
        pps_arena_push (arena, (void ***) &bilan->validation, &bilan->n_validation, issue);
    }
}

//  ---------------------------------------------------------------- handlers

PPS_HANDLER (indicators_compute_bilan)
{
    indicators_t *indicators = self;
    const Indicators__BilanQuery *in = op;
    indicators_scope_t scope;
    if (s_scope (indicators, call, in->region_code, in->year, in->reference_date, &scope))
        return -1;
    Indicators__Bilan *bilan = s_compute (indicators, call, &scope);
    if (!bilan)
        return -1;
    bool reachable;
    uint64_t lag;
    Indicators__ModelStatus *status = s_progress (indicators, call, &reachable, &lag);
    if (lag || !reachable)
        s_warn_behind (bilan, pps_call_arena (call), status, reachable);
    *result_p = &bilan->base;
    return 0;
}

static int
s_queue (indicators_t *self, pps_call_t *call, const Indicators__Bilan *bilan)
{
    pps_arena_t *arena = pps_call_arena (call);
    Indicators__OutboxEntry *entry = pps_arena_alloc (arena, sizeof *entry);
    indicators__outbox_entry__init (entry);
    entry->key = pps_arena_printf (arena, "%s:%d:%u", bilan->region_code, bilan->year,
                                   bilan->version);
    entry->region_code = bilan->region_code;
    entry->year = bilan->year;
    entry->version = bilan->version;
    entry->state = INDICATORS__OUTBOX_STATE__PENDING;
    entry->created_ms = pps_call_now_ms (call);
    entry->next_attempt_ms = entry->created_ms;
    int rc = pps_store_put (pps_call_txn (call), pps_store_dbi (self->store, "outbox"),
                            entry->key, strlen (entry->key), &entry->base);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the outbox");
    return pps_call_emit (call, "outbox_entry.queued",
                          INDICATORS__INDICATORS_EVENT__CHANGE_OUTBOX_ENTRY, &entry->base);
}

PPS_HANDLER (indicators_finalise_bilan)
{
    indicators_t *indicators = self;
    const Indicators__BilanQuery *in = op;
    pps_arena_t *arena = pps_call_arena (call);
    indicators_scope_t scope;
    if (s_scope (indicators, call, in->region_code, in->year, in->reference_date, &scope))
        return -1;
    bool reachable;
    uint64_t lag;
    s_progress (indicators, call, &reachable, &lag);
    if (!reachable || lag)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "",
                              !reachable ? "a source service did not answer: the read model "
                                           "cannot be shown complete; retry when it is up"
                                         : "the read model is %llu events behind its sources; "
                                           "retry in a moment", (unsigned long long) lag);
    Indicators__Bilan *bilan = s_compute (indicators, call, &scope);
    if (!bilan)
        return -1;

    MDB_txn *txn = pps_call_txn (call);
    const char *counter = s_version_counter (arena, scope.region_code, scope.year);
    uint64_t version = pps_store_meta_u64 (indicators->store, txn, counter) + 1;
    int rc = pps_store_set_meta_u64 (indicators->store, txn, counter, version);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the version counter");
    bilan->version = (uint32_t) version;
    bilan->state = INDICATORS__BILAN_STATE__FINALISED;
    bilan->finalised_ms = pps_call_now_ms (call);
    bilan->finalised_by = (char *) (*pps_call_actor (call) ? pps_call_actor (call) : "operator");
    //  What the national service checks, checked here: a bilan it would
    //  refuse must not use up a version nor wait in the outbox
    pps_bilan_problem_t problem;
    memset (&problem, 0, sizeof problem);
    rc = indicators_document_seal (bilan, arena, &problem);
    if (rc < 0)
        return pps_call_fail (call, PPS__CODE__INTERNAL, "", "cannot build the bilan document");
    if (rc > 0)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, problem.field, "%s",
                              problem.message);
    const char *key = indicators_bilan_key (arena, scope.region_code, scope.year, bilan->version);
    if ((rc = pps_store_put (txn, pps_store_dbi (indicators->store, "bilans"), key,
                             strlen (key), &bilan->base)))
        return pps_call_fail_lmdb (call, rc, "the bilan");
    if (pps_call_emit (call, "bilan.finalised", INDICATORS__INDICATORS_EVENT__CHANGE_BILAN,
                       &bilan->base)
    ||  s_queue (indicators, call, bilan))
        return -1;
    //  The outbox looks once this batch has committed (it waits for our lock)
    indicators_outbox_wake (indicators->outbox);
    *result_p = &bilan->base;
    return 0;
}

PPS_HANDLER (indicators_get_bilan)
{
    indicators_t *indicators = self;
    const Indicators__BilanRef *in = op;
    pps_arena_t *arena = pps_call_arena (call);
    indicators_scope_t scope;
    if (s_scope (indicators, call, in->region_code, in->year, NULL, &scope))
        return -1;
    uint32_t version = in->version;
    if (version == 0)
        version = (uint32_t) pps_store_meta_u64 (indicators->store, pps_call_txn (call),
                                                 s_version_counter (arena, scope.region_code,
                                                                    scope.year));
    const char *key = indicators_bilan_key (arena, scope.region_code, scope.year, version);
    ProtobufCMessage *bilan = NULL;
    int rc = version ? pps_store_get (pps_call_txn (call),
                                      pps_store_dbi (indicators->store, "bilans"), key,
                                      strlen (key), &indicators__bilan__descriptor, arena, &bilan)
                     : MDB_NOTFOUND;
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "version",
                              "no finalised bilan %s %d version %u", scope.region_code,
                              scope.year, version);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the bilan");
    *result_p = bilan;
    return 0;
}

typedef struct {
    const Indicators__BilanFilter *filter;
    Indicators__BilanList *list;
    pps_arena_t *arena;
} list_scan_t;

static int
s_collect (ProtobufCMessage *record, void *arg)
{
    list_scan_t *scan = arg;
    Indicators__Bilan *bilan = (Indicators__Bilan *) record;
    if (*scan->filter->region_code && !streq (scan->filter->region_code, bilan->region_code))
        return 0;
    if (scan->filter->year && scan->filter->year != bilan->year)
        return 0;
    //  A listing names the versions; get_bilan gives a whole one
    bilan->document = "";
    bilan->n_establishments = 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, bilan);
    return 0;
}

PPS_HANDLER (indicators_list_bilans)
{
    indicators_t *indicators = self;
    const Indicators__BilanFilter *in = op;
    pps_arena_t *arena = pps_call_arena (call);
    if (pps_check_text (call, "region_code", in->region_code, 8, false))
        return -1;
    Indicators__BilanList *list = pps_arena_alloc (arena, sizeof *list);
    indicators__bilan_list__init (list);
    list_scan_t scan = { in, list, arena };
    int rc = pps_store_each (pps_call_txn (call), pps_store_dbi (indicators->store, "bilans"),
                             &indicators__bilan__descriptor, arena, s_collect, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "bilans");
    *result_p = &list->base;
    return 0;
}

PPS_HANDLER (indicators_model_status)
{
    bool reachable;
    uint64_t lag;
    *result_p = &s_progress (self, call, &reachable, &lag)->base;
    return 0;
}
