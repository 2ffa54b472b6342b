/*  indicators_compute: the bilan's figures from a view of the records.

    Pure: given the same view and scope it gives the same figures. Every
    indicator of docs/bilan.md is always present, zero included, in the
    order of the definitions table; the figures per establishment follow for
    every establishment of the region open at the reference date; then the
    validation rules run over the result.
*/
#ifndef INDICATORS_COMPUTE_H_INCLUDED
#define INDICATORS_COMPUTE_H_INCLUDED

#include "indicators_view.h"
#include "indicators.pb-c.h"

typedef struct {
    const char *region_code;
    int32_t year;
    Pps__Date period_start;
    Pps__Date period_end;
    Pps__Date reference_date;
} indicators_scope_t;

//  The scope of a calendar year: the period is the year, the reference date
//  its last day unless reference is given (and set).
void indicators_scope_year (indicators_scope_t *scope, const char *region_code, int32_t year,
                            const Pps__Date *reference);

//  Fill bilan's region, period, indicators, establishments and validation
//  from view; everything is allocated in arena.
void indicators_compute (const indicators_view_t *view, const indicators_scope_t *scope,
                         pps_arena_t *arena, Indicators__Bilan *bilan);

//  The indicator with that id in a list, or NULL.
Indicators__Indicator *indicators_find (Indicators__Indicator **items, size_t count,
                                        const char *id);

//  Self test of the computation on hand-built data.
void indicators_compute_test (bool verbose);

#endif
