/*  pps_csv_rows: a CSV file, a row at a time, as JSON objects.  */
#include "pps_csv_rows.h"

#include <assert.h>
#include <csv.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pps_json.h"

typedef struct {
    pps_csv_row_fn *fn;
    void *arg;
    char **header;                    //  Column names
    size_t columns;
    json_t *row;
    size_t column;
    size_t line;
    size_t rows;
    char field [128];
    char reason [256];
    bool stopped;
} reader_t;

static void
s_cell (void *data, size_t size, void *arg)
{
    reader_t *self = arg;
    char *text = strndup (data ? data : "", size);
    assert (text);
    if (self->line == 1) {
        char **header = realloc (self->header, (self->columns + 1) * sizeof (char *));
        assert (header);
        self->header = header;
        self->header [self->columns++] = text;
        return;
    }
    if (self->column >= self->columns) {
        if (*text && !*self->reason)
            snprintf (self->reason, sizeof self->reason, "more cells than the header has");
    }
    else
    if (*text && !*self->reason) {
        const char *name = self->header [self->column];
        if (pps_json_set_path (self->row, name, text, self->reason, sizeof self->reason))
            snprintf (self->field, sizeof self->field, "%s", name);
    }
    free (text);
    self->column++;
}

static void
s_row (int terminator, void *arg)
{
    (void) terminator;
    reader_t *self = arg;
    if (self->line > 1 && !self->stopped) {
        if (++self->rows > PPS_CSV_ROWS_MAX)
            self->stopped = true;
        else
        if (self->fn (self->arg, self->line, *self->reason ? NULL : self->row, self->field,
                      self->reason))
            self->stopped = true;
    }
    json_decref (self->row);
    self->row = json_object ();
    self->column = 0;
    self->field [0] = 0;
    self->reason [0] = 0;
    self->line++;
}

int
pps_csv_rows (const char *data, size_t size, pps_csv_row_fn *fn, void *arg,
              char *error, size_t error_size)
{
    reader_t self = { .fn = fn, .arg = arg, .row = json_object (), .line = 1 };
    struct csv_parser parser;
    csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
    size_t parsed = csv_parse (&parser, data, size, s_cell, s_row, &self);
    int rc = 0;
    if (parsed != size || csv_fini (&parser, s_cell, s_row, &self) != 0) {
        snprintf (error, error_size, "the file is not CSV from line %zu: %s", self.line,
                  csv_strerror (csv_error (&parser)));
        rc = -1;
    }
    else
    if (self.rows > PPS_CSV_ROWS_MAX) {
        snprintf (error, error_size, "only the first %d rows were read", PPS_CSV_ROWS_MAX);
        rc = -1;
    }
    csv_free (&parser);
    for (size_t index = 0; index < self.columns; index++)
        free (self.header [index]);
    free (self.header);
    json_decref (self.row);
    return rc;
}

char *
pps_csv_request_id (const char *data, size_t size, const char *operation, size_t line,
                    char *buffer, size_t buffer_size)
{
    uint8_t hash [crypto_generichash_BYTES];
    crypto_generichash (hash, sizeof hash, (const uint8_t *) data, size,
                        (const uint8_t *) operation, strlen (operation));
    char hex [33];
    sodium_bin2hex (hex, sizeof hex, hash, 16);
    snprintf (buffer, buffer_size, "csv-%s-%zu", hex, line);
    return buffer;
}

//  ---------------------------------------------------------------- self test

typedef struct {
    size_t calls;
    size_t refused_line;
    char names [4][64];
} collect_t;

static int
s_collect (void *arg, size_t line, const json_t *row, const char *field, const char *reason)
{
    (void) field;
    (void) reason;
    collect_t *collect = arg;
    if (!row)
        collect->refused_line = line;
    else
    if (collect->calls < 4) {
        const char *name = json_string_value (json_object_get (row, "full_name"));
        snprintf (collect->names [collect->calls], 64, "%s", name ? name : "");
    }
    collect->calls++;
    return 0;
}

void
pps_csv_rows_test (bool verbose)
{
    (void) verbose;
    const char *text = "full_name,member.category,tag,tag\n"
                       "Anne,HEALTH,a,b\n"
                       "\"Martin, Bruno\",,c,\n"
                       "Chloé,X,d,e,extra\n";
    collect_t collect = { 0 };
    char error [128];
    assert (pps_csv_rows (text, strlen (text), s_collect, &collect, error, sizeof error) == 0);
    assert (collect.calls == 3 && collect.refused_line == 4);
    assert (strcmp (collect.names [0], "Anne") == 0);
    assert (strcmp (collect.names [1], "Martin, Bruno") == 0);
    const char *broken = "a,b\n\"open,1\n";
    collect_t again = { 0 };
    assert (pps_csv_rows (broken, strlen (broken), s_collect, &again, error, sizeof error) == -1);
    char first [64], second [64];
    pps_csv_request_id (text, strlen (text), "create_person", 2, first, sizeof first);
    pps_csv_request_id (text, strlen (text), "create_person", 3, second, sizeof second);
    assert (strncmp (first, "csv-", 4) == 0 && strcmp (first, second) != 0);
    pps_csv_request_id (text, strlen (text), "update_person", 2, second, sizeof second);
    assert (strcmp (first, second) != 0);
}
