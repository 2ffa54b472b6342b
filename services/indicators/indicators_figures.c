/*  indicators_figures: the indicator definitions and a list being filled.  */
#include "indicators_figures.h"

#include <czmq.h>
#include <math.h>

#define YES_NO  INDICATORS__INDICATOR_KIND__YES_NO
#define RATIO   INDICATORS__INDICATOR_KIND__RATIO
#define COUNT   INDICATORS__INDICATOR_KIND__COUNT
#define AMOUNT  INDICATORS__INDICATOR_KIND__AMOUNT

//  In the order the bilan lists them. Labels follow the instruction's words.
static const indicators_definition_t s_definitions [] = {
    { "A5.1", YES_NO, false, false, "Programme régional de promotion de la santé en milieu pénitentiaire" },
    { "A5.2", YES_NO, false, false, "Personne ressource identifiée et mandatée au sein de l'ARS" },
    { "A5.3", YES_NO, false, false, "Offre de formation" },
    { "A5.4", RATIO, false, true, "Référents PS désignés au sein des USMP / USMP" },
    { "A5.5", RATIO, true, true, "Comités de pilotage de promotion de la santé / établissements" },
    { "A5.6", RATIO, false, true, "Projets de promotion de la santé mis en place / établissements" },
    { "A5.7", RATIO, false, true, "Référents PS parmi le personnel pénitentiaire / établissements" },
    { "A5.8", RATIO, false, true, "Projets en EPM et quartiers mineurs / EPM et quartiers mineurs" },
    { "OO1.1", YES_NO, false, false, "Référent ARS formé" },
    { "OO1.2", YES_NO, false, false, "Coordination avec la DISP décrite" },
    { "OO1.3", YES_NO, false, false, "Concertation des financeurs (AAP conjoint ou instruction coordonnée)" },
    { "OS2.cpom", YES_NO, false, false, "CPOM effectif incluant la promotion de la santé en milieu pénitentiaire" },
    { "OS2.health_trained", RATIO, true, false, "Professionnels de santé formés / effectif" },
    { "OS2.prison_trained", RATIO, true, false, "Personnels pénitentiaires formés / effectif" },
    { "OS3.committee", YES_NO, false, false, "Comité régional créé" },
    { "OS3.working_groups", COUNT, false, false, "Groupes de travail de l'année" },
    { "OS3.meetings", COUNT, false, false, "Réunions régionales" },
    { "OS3.people", COUNT, false, false, "Personnes distinctes présentes aux réunions régionales" },
    { "OS3.structures", COUNT, false, false, "Structures distinctes présentes aux réunions régionales" },
    { "OO4.1", RATIO, true, true, "Établissements ayant réalisé une analyse AFOM / établissements" },
    { "OO4.2", COUNT, false, false, "Partenaires recensés" },
    { "OO4.3.sources", COUNT, false, false, "Sources de financement mobilisées" },
    { "OO4.3.granted", AMOUNT, false, false, "Montants accordés (centimes)" },
    { "OO4.6", RATIO, true, false, "Projets prometteurs ou probants / projets mis en place" },
    { "OO5.1", RATIO, true, false, "Hôpitaux de rattachement dont le projet médical inclut la PS / hôpitaux" },
    { "OO5.2", RATIO, true, true, "Établissements avec les deux référents (et PJJ si mineurs) / établissements" },
    { "OO5.4", RATIO, true, true, "Comités de pilotage couvrant les catégories obligatoires / comités" },
    { "OO5.5", RATIO, true, true, "Établissements ayant fait leur bilan annuel / établissements" },
};

const indicators_definition_t *
indicators_definition (const char *id)
{
    size_t count = sizeof s_definitions / sizeof s_definitions [0];
    for (size_t index = 0; index < count; index++)
        if (streq (s_definitions [index].id, id))
            return &s_definitions [index];
    //  A dynamic id takes the definition of its stem
    const char *dot = strrchr (id, '.');
    for (size_t index = 0; dot && index < count; index++) {
        size_t length = strlen (s_definitions [index].id);
        if ((size_t) (dot - id) == length && strncmp (s_definitions [index].id, id, length) == 0)
            return &s_definitions [index];
    }
    return NULL;
}

static Indicators__Indicator *
s_indicator_new (pps_arena_t *arena, const char *id, const indicators_definition_t *definition)
{
    Indicators__Indicator *indicator = pps_arena_alloc (arena, sizeof *indicator);
    indicators__indicator__init (indicator);
    indicator->id = pps_arena_strdup (arena, id);
    indicator->kind = definition->kind;
    indicator->label = (char *) definition->label;
    //  Zero is a real value; a ratio over zero has none
    indicator->has_value = definition->kind != RATIO;
    return indicator;
}

void
figures_init (figures_t *self, pps_arena_t *arena, bool establishment)
{
    self->items = NULL;
    self->count = 0;
    self->arena = arena;
    for (size_t index = 0; index < sizeof s_definitions / sizeof s_definitions [0]; index++) {
        const indicators_definition_t *definition = &s_definitions [index];
        if (establishment && !definition->per_establishment)
            continue;
        pps_arena_push (arena, (void ***) &self->items, &self->count,
                        s_indicator_new (arena, definition->id, definition));
    }
}

static void
s_derive (Indicators__Indicator *indicator)
{
    if (indicator->kind == RATIO) {
        indicator->has_value = indicator->denominator > 0;
        //  Four decimals: what a reader compares, and stable across platforms
        indicator->value = indicator->has_value
            ? round ((double) indicator->numerator / (double) indicator->denominator * 10000.0) / 10000.0
            : 0;
    }
    else {
        indicator->denominator = 0;
        indicator->has_value = true;
        indicator->value = (double) indicator->numerator;
    }
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
    for (size_t index = 0; index < self->count; index++) {
        Indicators__Indicator *indicator = self->items [index];
        if (streq (indicator->id, id)) {
            indicator->numerator += cents;
            s_derive (indicator);
            return;
        }
    }
    const indicators_definition_t *definition = indicators_definition (stem);
    assert (definition);
    Indicators__Indicator *indicator = s_indicator_new (self->arena, id, definition);
    indicator->numerator = cents;
    s_derive (indicator);
    pps_arena_push (self->arena, (void ***) &self->items, &self->count, indicator);
}
