/*  pps_csv_rows: a CSV file whose header row names the fields of a message
    (as the JSON mapping does: `region_code`, a nested field as
    `member.category`, a list by repeating its column), read row by row into
    JSON objects for pps_json_to_message. An empty cell leaves its field
    unset. The gateway's bulk import and `ppsctl import` both read files so,
    and give each row the same request id (pps_csv_request_id), so that a
    file applied through one and then the other writes nothing twice.
*/
#ifndef PPS_CSV_ROWS_H_INCLUDED
#define PPS_CSV_ROWS_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

#define PPS_CSV_ROWS_MAX 100000           //  Rows of one file

//  Called for each data row: its line in the file (the header is line 1),
//  the row as a JSON object of strings, or NULL with field and reason when
//  the row itself is malformed (more cells than columns, a column clash).
//  Return 0 to go on, -1 to stop.
typedef int (pps_csv_row_fn) (void *arg, size_t line, const json_t *row, const char *field,
                              const char *reason);

//  Read data (size bytes). Returns 0, or -1 with the reason in error when
//  the file is not CSV from some line on (the rows before it were read),
//  or has more than PPS_CSV_ROWS_MAX rows (the first ones were read).
int pps_csv_rows (const char *data, size_t size, pps_csv_row_fn *fn, void *arg,
                  char *error, size_t error_size);

//  The request id of a row: "csv-" + the hash of the file and the
//  operation, then the line. buffer holds at least 64 bytes.
char *pps_csv_request_id (const char *data, size_t size, const char *operation, size_t line,
                          char *buffer, size_t buffer_size);

//  Self test.
void pps_csv_rows_test (bool verbose);

#endif
