/*  Runs establishment_csv's self test, then reads the ministry's real file
    when its path (first argument) exists.  */
#include <czmq.h>
#include "establishment_csv.h"

//  Checked in every build type (assert is compiled out under NDEBUG).
#define CHECK(condition) \
    do { \
        if (!(condition)) { \
            fprintf (stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            exit (1); \
        } \
    } while (0)

//  The reference file: 186 establishments, 17 in Hauts-de-France.
static void
s_real_file (const char *path)
{
    pps_arena_t *arena = pps_arena_new ();
    Registry__EstablishmentRow **rows;
    size_t count;
    char error [256];
    if (establishment_csv_read (path, arena, &rows, &count, error, sizeof error)) {
        fprintf (stderr, "%s\n", error);
        exit (1);
    }
    CHECK (count == 186);
    size_t in_32 = 0, without_code = 0;
    for (size_t index = 0; index < count; index++) {
        //  One physical line per row, after the header
        CHECK (rows [index]->line == index + 2);
        CHECK (*rows [index]->name && *rows [index]->type_code && *rows [index]->region_code);
        if (streq (rows [index]->region_code, "32"))
            in_32++;
        if (!*rows [index]->code)
            without_code++;
    }
    CHECK (in_32 == 17);
    CHECK (without_code == 4);
    CHECK (streq (rows [0]->name, "CD BEDENAC"));
    CHECK (streq (rows [0]->type_code, "CD"));
    CHECK (streq (rows [0]->code, "907699"));
    CHECK (streq (rows [0]->disp_code, "DISP-BORDEAUX"));
    CHECK (streq (rows [0]->region_code, "75"));
    CHECK (streq (rows [0]->capacity, "194"));
    pps_arena_destroy (&arena);
}

int
main (int argc, char **argv)
{
    printf (" * establishment_csv: ");
    establishment_csv_test (false);
    if (argc > 1 && zsys_file_exists (argv [1])) {
        s_real_file (argv [1]);
        printf ("OK (and %s)\n", argv [1]);
    }
    else
        printf ("OK (reference file not found, skipped)\n");
    return 0;
}
