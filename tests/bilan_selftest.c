/*  bilan_selftest: the contract's self test (bilan contract), and the
    check that docs/bilan.md carries the contract's tables as they are
    (bilan docs FILE): the text between the markers
    "<!-- contract:begin -->" and "<!-- contract:end -->" must be exactly
    what pps_bilan_markdown gives, so the documentation cannot drift.  */
#include "pps_bilan.h"
#include "doc_section.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main (int argc, char **argv)
{
    if (argc == 2 && strcmp (argv [1], "contract") == 0) {
        pps_bilan_test (getenv ("VERBOSE") != NULL);
        printf ("ok   bilan contract\n");
        return 0;
    }
    if (argc == 3 && strcmp (argv [1], "docs") == 0) {
        char *wanted = pps_bilan_markdown ();
        int rc = doc_section_check (argv [2], "contract", wanted);
        free (wanted);
        return rc;
    }
    fprintf (stderr, "usage: bilan_selftest contract | docs FILE\n");
    return 2;
}
