/*  bench_bilan: the bilan section's data (bench_compute.c), for the peers
    that load the same records into their own store and compute the same
    figures there.
*/
#ifndef BENCH_BILAN_H_INCLUDED
#define BENCH_BILAN_H_INCLUDED

#include "bench.h"
#include "indicators.h"
#include "national_aggregate.h"

//  The view the bilan section computes on: the largest region of the CSV,
//  every record scale times (1 and 10 in the bilan section).
typedef struct {
    pps_arena_t *arena;           //  Holds the view's records
    indicators_view_t view;
    char region [8];              //  Its INSEE code
    size_t establishments;        //  Of the region, times scale
    size_t records;               //  Records in the view
} bench_bilan_data_t;

//  Build it from the CSV of self; NULL when the CSV cannot be read.
bench_bilan_data_t *bench_bilan_data_new (bench_t *self, size_t scale);

//  Destroy; sets *self_p to NULL.
void bench_bilan_data_destroy (bench_bilan_data_t **self_p);

//  The 18 regions' entries the bilan section aggregates: bilan's document
//  (indicators_document_new) under each region's code, received now.
//  Free with national_entries_free (entries, 18). NULL on error.
national_entry_t *bench_national_entries (const Indicators__Bilan *bilan);

//  The year the bilan section computes, the number of entries
//  bench_national_entries makes, and the due date (yyyymmdd) it aggregates with.
#define BENCH_BILAN_YEAR        2025
#define BENCH_NATIONAL_REGIONS  18
#define BENCH_NATIONAL_DUE      20260331

#endif
