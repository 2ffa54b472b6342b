/*  indicators: the service that keeps a read model of the region's records
    from the other services' events, computes the yearly bilan, freezes and
    versions it, and pushes it to the national service through a durable
    outbox.

        indicators_service.c   the service: databases, op table, subscriber, outbox
        indicators_model.c     the read model fed by events
        indicators_view.c      the records a bilan is computed from
        indicators_figures.c   the indicator definitions and lists of figures
        indicators_compute.c   regional and per-establishment figures
        indicators_activity.c  training and funding figures
        indicators_validate.c  validation rules over a computed bilan
        indicators_document.c  the JSON document, its canonical form and hash
        indicators_bilans.c    compute, finalise, get, list (handlers)
        indicators_outbox.c    the outbox actor and its handlers
        indicators_outbox_http.c  the POST to the national service and its verdicts
        indicators_export.c    JSON, CSV, DHIS2 data and metadata, ADX and XLSX exports
*/
#ifndef INDICATORS_H_INCLUDED
#define INDICATORS_H_INCLUDED

#include "pps_service.h"
#include "pps_validate.h"
#include "pps_date.h"
#include "indicators.pb-c.h"
#include "indicators_compute.h"
#include "indicators_figures.h"

#define INDICATORS_SCHEMA_VERSION 1

extern const pps_service_t indicators_service;

//  The key of a stored bilan: "<region>:<year on 4>:<version on 10>", so
//  that a region's versions sort in order. Allocated in arena.
char *indicators_bilan_key (pps_arena_t *arena, const char *region_code, int32_t year,
                            uint32_t version);

//  The training and funding figures (indicators_activity.c).
void indicators_activity (figures_t *figures, const indicators_view_t *view,
                          const indicators_scope_t *scope, pps_arena_t *arena);

//  Run the validation rules over a computed bilan (indicators_validate.c).
void indicators_validate (Indicators__Bilan *bilan, pps_arena_t *arena);

#endif
