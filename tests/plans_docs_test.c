/*  plans_docs_test: docs/plans.md carries annex 2's template of steps as
    the projects service builds it (projects_rules_annex2), so that the
    documentation that quotes the annex cannot drift from the steps a
    region gets by default.

    usage: plans_docs_test docs/plans.md  */
#include <czmq.h>
#include "projects_rules.h"
#include "doc_section.h"

int
main (int argc, char **argv)
{
    if (argc != 2) {
        fprintf (stderr, "usage: plans_docs_test docs/plans.md\n");
        return 2;
    }
    pps_arena_t *arena = pps_arena_new ();
    Projects__TemplateStep **steps;
    size_t count = projects_rules_annex2 (arena, &steps);
    char *text = pps_arena_strdup (arena, "| step | phase | due | what to do |\n"
                                          "| --- | --- | --- | --- |\n");
    for (size_t index = 0; index < count; index++)
        text = pps_arena_printf (arena, "%s| `%s` | %s | %s | %s |\n", text, steps [index]->key,
                                 protobuf_c_enum_descriptor_get_value (
                                     &projects__step_phase__descriptor,
                                     steps [index]->phase)->name,
                                 projects_rules_offset_text (arena, steps [index]->unit,
                                                             steps [index]->offset),
                                 steps [index]->label);
    int rc = doc_section_check (argv [1], "annex2-steps", text);
    pps_arena_destroy (&arena);
    return rc;
}
