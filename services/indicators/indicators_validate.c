/*  indicators_validate: the rules of the bilan contract over a computed
    bilan. The region runs the very code the national service runs on what
    it receives (pps_bilan_rules_run over the bilan's document), so that a
    bilan the national service would refuse never gets past finalise. A
    rule never changes a figure: it adds an issue (warning or error) naming
    the rule, the indicator and, for a figure of one establishment, that
    establishment.  */
#include "indicators.h"

#include <czmq.h>
#include "indicators_document.h"

typedef struct {
    Indicators__Bilan *bilan;
    pps_arena_t *arena;
} found_t;

static void
s_found (const pps_bilan_issue_t *issue, void *arg)
{
    found_t *found = arg;
    Indicators__ValidationIssue *own = pps_arena_alloc (found->arena, sizeof *own);
    indicators__validation_issue__init (own);
    own->rule = (char *) issue->rule;
    own->severity = issue->severity == PPS_BILAN_ERROR ? INDICATORS__SEVERITY__ERROR
                                                       : INDICATORS__SEVERITY__WARNING;
    own->indicator = pps_arena_strdup (found->arena, issue->indicator);
    own->message = pps_arena_strdup (found->arena, issue->message);
    for (size_t at = 0; at < found->bilan->n_establishments && *issue->establishment; at++)
        if (streq (found->bilan->establishments [at]->code, issue->establishment))
            own->establishment_id = found->bilan->establishments [at]->establishment_id;
    pps_arena_push (found->arena, (void ***) &found->bilan->validation,
                    &found->bilan->n_validation, own);
}

void
indicators_validate (Indicators__Bilan *bilan, pps_arena_t *arena)
{
    json_t *document = indicators_document_new (bilan);
    if (!document) {
        zsys_error ("indicators: cannot build the document of a bilan to check it");
        return;
    }
    found_t found = { bilan, arena };
    pps_bilan_rules_run (document, s_found, &found);
    json_decref (document);
}
