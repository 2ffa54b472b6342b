/*  bilan_selftest: the contract's self test (bilan contract), and the
    check that docs/bilan.md carries the contract's tables as they are
    (bilan docs FILE): the text between the markers
    "<!-- contract:begin -->" and "<!-- contract:end -->" must be exactly
    what pps_bilan_markdown gives, so the documentation cannot drift.  */
#include "pps_bilan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BEGIN "<!-- contract:begin -->\n"
#define END   "<!-- contract:end -->"

static int
s_docs (const char *path)
{
    FILE *file = fopen (path, "r");
    if (!file) {
        perror (path);
        return 1;
    }
    static char text [1 << 20];
    size_t size = fread (text, 1, sizeof text - 1, file);
    fclose (file);
    text [size] = 0;
    char *begin = strstr (text, BEGIN);
    char *end = begin ? strstr (begin, END) : NULL;
    if (!end) {
        fprintf (stderr, "%s: no " BEGIN " ... " END " section\n", path);
        return 1;
    }
    begin += strlen (BEGIN);
    *end = 0;
    char *wanted = pps_bilan_markdown ();
    int rc = strcmp (begin, wanted) != 0;
    if (rc)
        fprintf (stderr, "%s: the contract's tables differ from the code's; they should "
                         "read:\n%s", path, wanted);
    else
        printf ("ok   %s carries the contract's tables\n", path);
    free (wanted);
    return rc;
}

int
main (int argc, char **argv)
{
    if (argc == 2 && strcmp (argv [1], "contract") == 0) {
        pps_bilan_test (getenv ("VERBOSE") != NULL);
        printf ("ok   bilan contract\n");
        return 0;
    }
    if (argc == 3 && strcmp (argv [1], "docs") == 0)
        return s_docs (argv [2]);
    fprintf (stderr, "usage: bilan_selftest contract | docs FILE\n");
    return 2;
}
