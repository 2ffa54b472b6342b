/*  doc_section: a generated part of a document.  */
#include "doc_section.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
doc_section_check (const char *path, const char *name, const char *wanted)
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
    char begin_marker [64], end_marker [64];
    snprintf (begin_marker, sizeof begin_marker, "<!-- %s:begin -->\n", name);
    snprintf (end_marker, sizeof end_marker, "<!-- %s:end -->", name);
    char *begin = strstr (text, begin_marker);
    char *end = begin ? strstr (begin, end_marker) : NULL;
    if (!end) {
        fprintf (stderr, "%s: no %s ... %s section\n", path, begin_marker, end_marker);
        return 1;
    }
    begin += strlen (begin_marker);
    *end = 0;
    if (strcmp (begin, wanted) != 0) {
        fprintf (stderr, "%s: its %s section differs from the code's; it should read:\n%s",
                 path, name, wanted);
        return 1;
    }
    printf ("ok   %s carries the %s as the code declares them\n", path, name);
    return 0;
}
