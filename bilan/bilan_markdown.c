/*  bilan_markdown: the contract's indicators and rules as the tables of
    docs/bilan.md, so that the documentation is checked against the code
    (tests/bilan_docs.sh) instead of copied from it.  */
#include "pps_bilan.h"

#include <stdio.h>
#include <stdlib.h>

char *
pps_bilan_markdown (void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream (&text, &size);
    if (!out)
        return NULL;
    fprintf (out, "| id | kind | per establishment | label (French) | counts | source |\n");
    fprintf (out, "| --- | --- | --- | --- | --- | --- |\n");
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const pps_bilan_indicator_t *indicator = pps_bilan_indicator_at (index);
        fprintf (out, "| `%s` | %s | %s | %s | %s | %s |\n", indicator->id,
                 pps_bilan_kind_name (indicator->kind),
                 indicator->per_establishment ? "yes" : "no", indicator->label,
                 indicator->definition, indicator->source);
    }
    fprintf (out, "\n| rule | severity | what it checks |\n| --- | --- | --- |\n");
    for (size_t index = 0; index < pps_bilan_rule_count (); index++) {
        const pps_bilan_rule_t *rule = pps_bilan_rule_at (index);
        fprintf (out, "| `%s` | %s | %s |\n", rule->name,
                 rule->severity == PPS_BILAN_ERROR ? "error" : "warning", rule->description);
    }
    if (fclose (out)) {
        free (text);
        return NULL;
    }
    return text;
}
