/*  establishment_csv: reads the ministry's establishments CSV with libcsv.

    The text is fed to libcsv one physical line at a time, so that each row
    knows the line it starts on even when a quoted field holds a line break
    (the line a person finds in an editor). The header row names the columns;
    the wanted ones are looked up by name and every other column is ignored.
*/
#include "establishment_csv.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <czmq.h>
#include <csv.h>

//  A wanted column: its header name and the row field it fills.
typedef struct {
    const char *name;
    size_t offset;              //  Of a char * in Registry__EstablishmentRow
} column_t;

static const column_t s_columns [] = {
    { "etablissement",                     offsetof (Registry__EstablishmentRow, name) },
    { "type_code",                         offsetof (Registry__EstablishmentRow, type_code) },
    { "cd_etablissement",                  offsetof (Registry__EstablishmentRow, code) },
    { "quartier_mineurs_liste_A43_3_2014", offsetof (Registry__EstablishmentRow, minors_quarter_2014) },
    { "epm",                               offsetof (Registry__EstablishmentRow, epm) },
    { "disp_code",                         offsetof (Registry__EstablishmentRow, disp_code) },
    { "disp_libelle",                      offsetof (Registry__EstablishmentRow, disp_name) },
    { "departement_code",                  offsetof (Registry__EstablishmentRow, departement_code) },
    { "region_code_insee",                 offsetof (Registry__EstablishmentRow, region_code) },
    { "commune_insee",                     offsetof (Registry__EstablishmentRow, commune) },
    { "capacite_operationnelle",           offsetof (Registry__EstablishmentRow, capacity) },
};
#define COLUMN_COUNT (sizeof s_columns / sizeof s_columns [0])

typedef struct {
    pps_arena_t *arena;
    char **fields;                  //  Fields of the record being read
    size_t field_count;
    size_t header_count;            //  Columns in the header; 0 before it
    size_t index [COLUMN_COUNT];    //  Position of each wanted column
    uint32_t line;                  //  Physical line being fed
    uint32_t record_line;           //  Line the current record started on
    bool at_record_start;           //  The next non-blank line starts a record
    Registry__EstablishmentRow **rows;
    size_t row_count;
    char *error;
    size_t error_size;
    bool failed;
} parser_t;

//  Record the first failure of the parse.
static void
s_fail (parser_t *self, const char *format, ...)
{
    if (self->failed)
        return;
    self->failed = true;
    if (self->error && self->error_size) {
        va_list args;
        va_start (args, format);
        vsnprintf (self->error, self->error_size, format, args);
        va_end (args);
    }
}

//  libcsv field callback: keep a copy of the field in the arena.
static void
s_field (void *data, size_t size, void *arg)
{
    parser_t *self = arg;
    char *field = pps_arena_alloc (self->arena, size + 1);
    if (size)
        memcpy (field, data, size);
    pps_arena_push (self->arena, (void ***) &self->fields, &self->field_count, field);
}

//  Find the wanted columns in the header row.
static void
s_read_header (parser_t *self)
{
    for (size_t column = 0; column < COLUMN_COUNT; column++) {
        size_t position = 0;
        while (position < self->field_count
           &&  !streq (self->fields [position], s_columns [column].name))
            position++;
        if (position == self->field_count) {
            s_fail (self, "line %u: missing column '%s'", self->record_line,
                    s_columns [column].name);
            return;
        }
        self->index [column] = position;
    }
    self->header_count = self->field_count;
}

//  libcsv record callback: the header, or one establishment row.
static void
s_record (int terminator, void *arg)
{
    (void) terminator;
    parser_t *self = arg;
    if (!self->failed) {
        if (self->header_count == 0)
            s_read_header (self);
        else
        if (self->field_count != self->header_count)
            s_fail (self, "line %u: %zu fields where the header has %zu",
                    self->record_line, self->field_count, self->header_count);
        else {
            Registry__EstablishmentRow *row = pps_arena_alloc (self->arena, sizeof *row);
            registry__establishment_row__init (row);
            row->line = self->record_line;
            for (size_t column = 0; column < COLUMN_COUNT; column++)
                *(char **) ((char *) row + s_columns [column].offset) =
                    self->fields [self->index [column]];
            pps_arena_push (self->arena, (void ***) &self->rows, &self->row_count, row);
        }
    }
    self->fields = NULL;
    self->field_count = 0;
    self->at_record_start = true;
}

//  Bytes up to and including the end of the first physical line: LF, CRLF,
//  or a bare CR (old Mac files; libcsv ends a record there too, so the line
//  count must as well).
static size_t
s_line_length (const char *text, size_t size)
{
    for (size_t index = 0; index < size; index++) {
        if (text [index] == '\n')
            return index + 1;
        if (text [index] == '\r')
            return index + 1 < size && text [index + 1] == '\n' ? index + 2 : index + 1;
    }
    return size;
}

//  True when a line holds nothing but its line break (libcsv skips it).
static bool
s_line_is_blank (const char *line, size_t size)
{
    for (size_t index = 0; index < size; index++)
        if (line [index] != '\r' && line [index] != '\n')
            return false;
    return true;
}

int
establishment_csv_parse (const char *text, size_t size, pps_arena_t *arena,
                         Registry__EstablishmentRow ***rows_p, size_t *count_p,
                         char *error, size_t error_size)
{
    assert (arena && rows_p && count_p);
    parser_t self = {
        .arena = arena, .error = error, .error_size = error_size, .at_record_start = true
    };
    if (error && error_size)
        *error = 0;
    //  A spreadsheet saving as "CSV UTF-8" puts a byte order mark first
    if (size >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        size -= 3;
    }
    struct csv_parser parser;
    if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
        s_fail (&self, "cannot start the CSV parser");
        return -1;
    }
    size_t start = 0;
    while (start < size && !self.failed) {
        size_t length = s_line_length (text + start, size - start);
        self.line++;
        if (self.at_record_start && !s_line_is_blank (text + start, length)) {
            self.record_line = self.line;
            self.at_record_start = false;
        }
        if (csv_parse (&parser, text + start, length, s_field, s_record, &self) != length)
            s_fail (&self, "line %u: %s", self.line, csv_strerror (csv_error (&parser)));
        start += length;
    }
    if (!self.failed && csv_fini (&parser, s_field, s_record, &self))
        s_fail (&self, "line %u: %s (a quote is not closed)", self.record_line,
                csv_strerror (csv_error (&parser)));
    csv_free (&parser);
    if (!self.failed && self.header_count == 0)
        s_fail (&self, "the file is empty: no header line");
    if (self.failed)
        return -1;
    *rows_p = self.rows;
    *count_p = self.row_count;
    return 0;
}

int
establishment_csv_read (const char *path, pps_arena_t *arena,
                        Registry__EstablishmentRow ***rows_p, size_t *count_p,
                        char *error, size_t error_size)
{
    FILE *file = fopen (path, "rb");
    if (!file) {
        if (error && error_size)
            snprintf (error, error_size, "cannot open %s: %s", path, strerror (errno));
        return -1;
    }
    //  Read in chunks rather than by size, so that a pipe works too
    size_t size = 0, capacity = 64 * 1024;
    char *text = malloc (capacity);
    assert (text);
    size_t got;
    while ((got = fread (text + size, 1, capacity - size, file)) > 0) {
        size += got;
        if (size == capacity) {
            capacity *= 2;
            text = realloc (text, capacity);
            assert (text);
        }
    }
    bool broken = ferror (file);
    fclose (file);
    int rc = -1;
    if (broken) {
        if (error && error_size)
            snprintf (error, error_size, "cannot read %s", path);
    }
    else
        rc = establishment_csv_parse (text, size, arena, rows_p, count_p, error, error_size);
    free (text);
    return rc;
}

//  ---------------------------------------------------------------- self test
//  The checks below must run in every build type, NDEBUG or not.
#undef NDEBUG
#include <assert.h>

void
establishment_csv_test (bool verbose)
{
    (void) verbose;
    pps_arena_t *arena = pps_arena_new ();
    Registry__EstablishmentRow **rows;
    size_t count;
    char error [256];

    //  Columns in another order, extra columns, a BOM, CRLF, a blank line,
    //  a quoted comma, a quoted line break and a last line without newline
    const char *good =
        "\xEF\xBB\xBF" "extra,etablissement,type_code,cd_etablissement,epm,"
        "quartier_mineurs_liste_A43_3_2014,disp_code,disp_libelle,departement_code,"
        "region_code_insee,commune_insee,capacite_operationnelle\r\n"
        "x,MA AMIENS,MA,101,non,oui,DISP-LILLE,DISP de Lille,80,32,Amiens,370\r\n"
        "\r\n"
        "y,\"EPM QUIEVRECHAIN, nord\",EPM,102,oui,,DISP-LILLE,DISP de Lille,59,32,"
        "\"Quiévrechain\nbis\",60\r\n"
        "z,CD BAPAUME,CD,,non,,DISP-LILLE,DISP de Lille,62,32,Bapaume,NC";
    int rc = establishment_csv_parse (good, strlen (good), arena, &rows, &count,
                                      error, sizeof error);
    assert (rc == 0);
    assert (count == 3);
    assert (rows [0]->line == 2);
    assert (streq (rows [0]->name, "MA AMIENS"));
    assert (streq (rows [0]->type_code, "MA"));
    assert (streq (rows [0]->code, "101"));
    assert (streq (rows [0]->minors_quarter_2014, "oui"));
    assert (streq (rows [0]->epm, "non"));
    assert (streq (rows [0]->disp_code, "DISP-LILLE"));
    assert (streq (rows [0]->disp_name, "DISP de Lille"));
    assert (streq (rows [0]->departement_code, "80"));
    assert (streq (rows [0]->region_code, "32"));
    assert (streq (rows [0]->commune, "Amiens"));
    assert (streq (rows [0]->capacity, "370"));
    assert (rows [1]->line == 4);
    assert (streq (rows [1]->name, "EPM QUIEVRECHAIN, nord"));
    assert (streq (rows [1]->commune, "Quiévrechain\nbis"));
    assert (streq (rows [1]->minors_quarter_2014, ""));
    assert (rows [2]->line == 6);
    assert (streq (rows [2]->code, ""));
    assert (streq (rows [2]->capacity, "NC"));

    //  A row with a missing field names its line
    const char *short_row =
        "etablissement,type_code,cd_etablissement,quartier_mineurs_liste_A43_3_2014,epm,"
        "disp_code,disp_libelle,departement_code,region_code_insee,commune_insee,"
        "capacite_operationnelle\n"
        "MA AMIENS,MA,101,oui,non,DISP-LILLE,DISP de Lille,80,32,Amiens,370\n"
        "MA BEAUVAIS,MA,103,,non,DISP-LILLE,DISP de Lille,60,32,Beauvais\n";
    assert (establishment_csv_parse (short_row, strlen (short_row), arena, &rows, &count,
                                     error, sizeof error) == -1);
    assert (strstr (error, "line 3"));

    //  A missing column is named
    const char *no_epm =
        "etablissement,type_code,cd_etablissement,quartier_mineurs_liste_A43_3_2014,"
        "disp_code,disp_libelle,departement_code,region_code_insee,commune_insee,"
        "capacite_operationnelle\n";
    assert (establishment_csv_parse (no_epm, strlen (no_epm), arena, &rows, &count,
                                     error, sizeof error) == -1);
    assert (strstr (error, "'epm'"));

    //  A stray quote in strict mode, and a quote never closed
    const char *stray =
        "etablissement,type_code,cd_etablissement,quartier_mineurs_liste_A43_3_2014,epm,"
        "disp_code,disp_libelle,departement_code,region_code_insee,commune_insee,"
        "capacite_operationnelle\n"
        "MA AMIENS,MA,101,oui,non,DISP-LILLE,DISP de Lille,80,32,Amiens,370\n"
        "\"MA \"BEAUVAIS\",MA,103,,non,DISP-LILLE,DISP de Lille,60,32,Beauvais,10\n";
    assert (establishment_csv_parse (stray, strlen (stray), arena, &rows, &count,
                                     error, sizeof error) == -1);
    assert (strstr (error, "line 3"));
    const char *open_quote =
        "etablissement,type_code,cd_etablissement,quartier_mineurs_liste_A43_3_2014,epm,"
        "disp_code,disp_libelle,departement_code,region_code_insee,commune_insee,"
        "capacite_operationnelle\n"
        "\"MA AMIENS,MA,101,oui,non,DISP-LILLE,DISP de Lille,80,32,Amiens,370\n";
    assert (establishment_csv_parse (open_quote, strlen (open_quote), arena, &rows, &count,
                                     error, sizeof error) == -1);
    assert (strstr (error, "line 2"));

    //  Nothing at all, and a header alone
    assert (establishment_csv_parse ("", 0, arena, &rows, &count, error, sizeof error) == -1);
    assert (strstr (error, "empty"));
    assert (establishment_csv_parse (no_epm, strlen (no_epm) - 1, arena, &rows, &count,
                                     error, sizeof error) == -1);
    const char *header_only =
        "etablissement,type_code,cd_etablissement,quartier_mineurs_liste_A43_3_2014,epm,"
        "disp_code,disp_libelle,departement_code,region_code_insee,commune_insee,"
        "capacite_operationnelle\n";
    assert (establishment_csv_parse (header_only, strlen (header_only), arena, &rows, &count,
                                     error, sizeof error) == 0);
    assert (count == 0);

    //  A file that is not there
    assert (establishment_csv_read ("/nonexistent/establishments.csv", arena, &rows, &count,
                                    error, sizeof error) == -1);
    assert (strstr (error, "/nonexistent/establishments.csv"));
    pps_arena_destroy (&arena);
}
