/*  indicators_figures: a list of figures being filled, for the region or
    for one establishment, with the indicators of the bilan contract
    (bilan/pps_bilan.h).

    A list starts with every indicator of the contract at zero, so that an
    indicator is never missing because it is 0; the computation then sets
    each one by id, and the contract derives its value.
*/
#ifndef INDICATORS_FIGURES_H_INCLUDED
#define INDICATORS_FIGURES_H_INCLUDED

#include "pps_arena.h"
#include "pps_bilan.h"
#include "indicators.pb-c.h"

typedef struct {
    Indicators__Indicator **items;
    size_t count;
    pps_arena_t *arena;
} figures_t;

//  Start a list with every indicator at zero: all of them, or for an
//  establishment only those the contract gives per establishment.
void figures_init (figures_t *self, pps_arena_t *arena, bool establishment);

//  Set an indicator's numerator and denominator (ignored but for ratios)
//  and derive its value. The id must be the contract's (a programming
//  error if not).
void figures_set (figures_t *self, const char *id, int64_t numerator, int64_t denominator);

//  Append (or add to) a funder's amount "<stem>.<suffix>". A sum past
//  INT64_MAX stays at INT64_MAX, which the contract's amount limit refuses.
void figures_add_amount (figures_t *self, const char *stem, const char *suffix, int64_t cents);

#endif
