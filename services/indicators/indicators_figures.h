/*  indicators_figures: the indicator definitions (docs/bilan.md) as data,
    and a list of figures being filled.

    A list starts with every defined indicator at zero, so that an indicator
    is never missing because it is 0; the computation then sets each one by
    id. Kinds decide the value: a yes/no indicator is its 0/1 numerator, a
    ratio is numerator / denominator (no value over 0), counts and amounts
    are their numerator.
*/
#ifndef INDICATORS_FIGURES_H_INCLUDED
#define INDICATORS_FIGURES_H_INCLUDED

#include "pps_arena.h"
#include "indicators.pb-c.h"

typedef struct {
    const char *id;
    Indicators__IndicatorKind kind;
    bool proportion;              //  numerator counts a subset of the denominator
    bool per_establishment;       //  also computed for each establishment
    const char *label;
} indicators_definition_t;

typedef struct {
    Indicators__Indicator **items;
    size_t count;
    pps_arena_t *arena;
} figures_t;

//  The definition of id, or NULL (dynamic ids such as OO4.3.granted.FIR
//  have the definition of their stem, "OO4.3.granted").
const indicators_definition_t *indicators_definition (const char *id);

//  Start a list with every indicator at zero: all of them, or for an
//  establishment only those defined per establishment.
void figures_init (figures_t *self, pps_arena_t *arena, bool establishment);

//  Set an indicator's numerator and denominator (ignored but for ratios)
//  and derive its value. The id must be defined (a programming error if not).
void figures_set (figures_t *self, const char *id, int64_t numerator, int64_t denominator);

//  Append (or add to) a dynamic amount indicator "<stem>.<suffix>".
void figures_add_amount (figures_t *self, const char *stem, const char *suffix, int64_t cents);

#endif
