/*  establishment_csv: reads the ministry's establishments file
    (shared/data/etablissements_penitentiaires.csv, one row per establishment)
    into EstablishmentRow messages for the registry's ImportEstablishments.

    Columns are found by their header name, so their order does not matter.
    Parsing is done on the client side; the registry validates every row and
    imports all of them or none.
*/
#ifndef ESTABLISHMENT_CSV_H_INCLUDED
#define ESTABLISHMENT_CSV_H_INCLUDED

#include "pps_arena.h"
#include "registry.pb-c.h"

//  Read the CSV file at path. On success returns 0 and sets *rows_p / *count_p
//  (rows allocated in arena, each with its line number, the header being
//  line 1). On failure (unreadable file, malformed CSV, missing column)
//  returns -1 and writes the reason, with the line number, into error.
int establishment_csv_read (const char *path, pps_arena_t *arena,
                            Registry__EstablishmentRow ***rows_p, size_t *count_p,
                            char *error, size_t error_size);

//  Same from a buffer in memory.
int establishment_csv_parse (const char *text, size_t size, pps_arena_t *arena,
                             Registry__EstablishmentRow ***rows_p, size_t *count_p,
                             char *error, size_t error_size);

//  Self test.
void establishment_csv_test (bool verbose);

#endif
