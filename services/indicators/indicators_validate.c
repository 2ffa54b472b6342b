/*  indicators_validate: the rules every bilan is checked against before an
    operator finalises it. A rule never changes a figure: it adds an issue
    (warning or error) naming the rule, the indicator and, for a figure of
    one establishment, that establishment.  */
#include "indicators.h"

#include <czmq.h>

static void
s_issue (Indicators__Bilan *bilan, pps_arena_t *arena, const char *rule,
         Indicators__Severity severity, const char *indicator, uint64_t establishment_id,
         const char *message)
{
    Indicators__ValidationIssue *issue = pps_arena_alloc (arena, sizeof *issue);
    indicators__validation_issue__init (issue);
    issue->rule = (char *) rule;
    issue->severity = severity;
    issue->indicator = (char *) indicator;
    issue->establishment_id = establishment_id;
    issue->message = pps_arena_strdup (arena, message);
    pps_arena_push (arena, (void ***) &bilan->validation, &bilan->n_validation, issue);
}

//  A proportion's numerator counts a subset of its denominator.
static void
s_check_proportions (Indicators__Bilan *bilan, pps_arena_t *arena,
                     Indicators__Indicator **items, size_t count, uint64_t establishment_id)
{
    for (size_t index = 0; index < count; index++) {
        const Indicators__Indicator *indicator = items [index];
        const indicators_definition_t *definition = indicators_definition (indicator->id);
        if (definition && definition->proportion && indicator->numerator > indicator->denominator) {
            char message [160];
            snprintf (message, sizeof message, "%s: numerator %lld is above denominator %lld",
                      indicator->id, (long long) indicator->numerator,
                      (long long) indicator->denominator);
            s_issue (bilan, arena, "numerator_le_denominator", INDICATORS__SEVERITY__ERROR,
                     indicator->id, establishment_id, message);
        }
    }
}

void
indicators_validate (Indicators__Bilan *bilan, pps_arena_t *arena)
{
    Indicators__Indicator **items = bilan->indicators;
    size_t count = bilan->n_indicators;
    s_check_proportions (bilan, arena, items, count, 0);

    Indicators__Indicator *establishments = indicators_find (items, count, "A5.5");
    if (establishments && establishments->denominator == 0)
        s_issue (bilan, arena, "region_without_establishment", INDICATORS__SEVERITY__ERROR,
                 "A5.5", 0, "the region has no open establishment: every ratio is empty");
    Indicators__Indicator *minors = indicators_find (items, count, "A5.8");
    if (minors && minors->denominator == 0)
        s_issue (bilan, arena, "minors_indicator_without_minors", INDICATORS__SEVERITY__WARNING,
                 "A5.8", 0, "no EPM nor minors' quarter in the region: A5.8 has no value");
    const char *trained [] = { "OS2.health_trained", "OS2.prison_trained" };
    for (size_t index = 0; index < 2; index++) {
        Indicators__Indicator *indicator = indicators_find (items, count, trained [index]);
        if (indicator && indicator->denominator == 0)
            s_issue (bilan, arena, "headcount_missing", INDICATORS__SEVERITY__WARNING,
                     trained [index], 0, "no staff headcount for the year: the ratio has no value");
    }
    Indicators__Indicator *programme = indicators_find (items, count, "A5.1");
    if (programme && programme->numerator == 0)
        s_issue (bilan, arena, "programme_missing", INDICATORS__SEVERITY__WARNING, "A5.1", 0,
                 "no regional programme adopted and in force at the reference date");

    for (size_t at = 0; at < bilan->n_establishments; at++) {
        Indicators__EstablishmentFigures *figures = bilan->establishments [at];
        s_check_proportions (bilan, arena, figures->indicators, figures->n_indicators,
                             figures->establishment_id);
        Indicators__Indicator *units = indicators_find (figures->indicators,
                                                        figures->n_indicators, "A5.4");
        if (units && units->denominator == 0) {
            char message [256];
            snprintf (message, sizeof message, "%s has no health unit in the registry",
                      figures->name);
            s_issue (bilan, arena, "establishment_without_health_unit",
                     INDICATORS__SEVERITY__WARNING, "A5.4", figures->establishment_id, message);
        }
    }
}
