/*  indicators_figures: a list of figures being filled.  */
#include "indicators_figures.h"

#include <czmq.h>
#include "pps_money.h"

static Indicators__Indicator *
s_indicator_new (pps_arena_t *arena, const char *id, const pps_bilan_indicator_t *definition)
{
    Indicators__Indicator *indicator = pps_arena_alloc (arena, sizeof *indicator);
    indicators__indicator__init (indicator);
    indicator->id = pps_arena_strdup (arena, id);
    indicator->kind = (Indicators__IndicatorKind) definition->kind;
    indicator->label = (char *) definition->label;
    bool has_value;
    indicator->value = pps_bilan_value (definition->kind, 0, 0, &has_value);
    indicator->has_value = has_value;
    return indicator;
}

void
figures_init (figures_t *self, pps_arena_t *arena, bool establishment)
{
    self->items = NULL;
    self->count = 0;
    self->arena = arena;
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const pps_bilan_indicator_t *definition = pps_bilan_indicator_at (index);
        if (establishment && !definition->per_establishment)
            continue;
        pps_arena_push (arena, (void ***) &self->items, &self->count,
                        s_indicator_new (arena, definition->id, definition));
    }
}

static void
s_derive (Indicators__Indicator *indicator)
{
    pps_bilan_kind_t kind = (pps_bilan_kind_t) indicator->kind;
    if (kind != PPS_BILAN_RATIO)
        indicator->denominator = 0;
    bool has_value;
    indicator->value = pps_bilan_value (kind, indicator->numerator, indicator->denominator,
                                        &has_value);
    indicator->has_value = has_value;
}

void
figures_set (figures_t *self, const char *id, int64_t numerator, int64_t denominator)
{
    for (size_t index = 0; index < self->count; index++) {
        Indicators__Indicator *indicator = self->items [index];
        if (streq (indicator->id, id)) {
            indicator->numerator = numerator;
            indicator->denominator = denominator;
            s_derive (indicator);
            return;
        }
    }
    zsys_error ("indicators: no indicator %s in this list", id);
    assert (false);
}

void
figures_add_amount (figures_t *self, const char *stem, const char *suffix, int64_t cents)
{
    char id [96];
    snprintf (id, sizeof id, "%s.%s", stem, suffix);
    Indicators__Indicator *indicator = NULL;
    for (size_t index = 0; index < self->count && !indicator; index++)
        if (streq (self->items [index]->id, id))
            indicator = self->items [index];
    if (!indicator) {
        const pps_bilan_indicator_t *definition = pps_bilan_indicator (stem);
        assert (definition);
        indicator = s_indicator_new (self->arena, id, definition);
        pps_arena_push (self->arena, (void ***) &self->items, &self->count, indicator);
    }
    if (pps_money_accumulate (&indicator->numerator, cents))
        indicator->numerator = INT64_MAX;
    s_derive (indicator);
}
