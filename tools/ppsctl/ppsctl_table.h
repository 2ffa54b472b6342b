/*  ppsctl_table: a table for people. Each column is as wide as its content;
    a cell longer than PPSCTL_CELL_MAX characters is cut with "…" (counting
    characters, not bytes, so that accented names align); numbers and
    amounts are right-aligned; no line ends with blanks.

    Which columns are shown:
      --columns a,b,c   those, in that order (a column's name or its alias,
                        e.g. "planned_budget" or "planned_budget_cents");
      --columns all     every column;
      otherwise         every column that is not empty in every row; when
                        that is wider than the width (ppsctl_table_width),
                        columns are left out by rank (the least telling
                        first: long free texts, lists, booleans, then
                        numbers and dates), text columns are narrowed down
                        to PPSCTL_CELL_MIN, and a line after the table
                        names the columns left out.
*/
#ifndef PPSCTL_TABLE_H_INCLUDED
#define PPSCTL_TABLE_H_INCLUDED

#include "ppsctl.h"

//  Longest cell, in characters; longer ones are cut with "…".
#define PPSCTL_CELL_MAX    40
//  A text column is never narrowed below this, to fit the width.
#define PPSCTL_CELL_MIN    16

//  Ranks of columns, what the default view keeps longest first.
#define PPSCTL_RANK_LABEL   8     //  The record's name or title: narrowed, never left out
#define PPSCTL_RANK_STATE   7     //  An enum, an amount
#define PPSCTL_RANK_DATE    6
#define PPSCTL_RANK_PLAIN   5     //  Numbers, short texts (the default)
#define PPSCTL_RANK_FLAG    3     //  Booleans
#define PPSCTL_RANK_LIST    2     //  Lists and their sizes
//  A text column with a cell longer than PPSCTL_CELL_MAX ranks 1.
//  The width tables fit when neither $COLUMNS nor a terminal says.
#define PPSCTL_WIDTH_DEFAULT 120

typedef struct _ppsctl_table_t ppsctl_table_t;

//  A new empty table, in arena: it lives as long as the arena.
ppsctl_table_t *ppsctl_table_new (pps_arena_t *arena);

//  Add a column: name is its header and what --columns calls it, alias
//  another name --columns accepts (or NULL); right-aligned when right.
//  Columns are added before any row.
void ppsctl_table_column (ppsctl_table_t *self, const char *name, const char *alias, bool right);

//  Rank of the last column added (PPSCTL_RANK_PLAIN unless said).
void ppsctl_table_rank (ppsctl_table_t *self, int rank);

//  Print no header line: for a log read line by line ("one line per
//  event"); the headers still name the columns for --columns.
void ppsctl_table_headless (ppsctl_table_t *self);

//  Start a row; then give each column's cell in order. A row given fewer
//  cells than there are columns has empty ones.
void ppsctl_table_row (ppsctl_table_t *self);

//  The next cell of the current row (text is copied).
void ppsctl_table_cell (ppsctl_table_t *self, const char *text);

//  The next cell, printf-style.
void ppsctl_table_cellf (ppsctl_table_t *self, const char *format, ...)
    __attribute__ ((format (printf, 2, 3)));

//  Number of rows.
size_t ppsctl_table_rows (ppsctl_table_t *self);

//  Print the table with the columns columns chooses (--columns, or NULL for
//  the default), within width characters (0: no limit, and no cell cut,
//  for tables a script reads). Returns 0, or -1
//  when columns names a column the table has not: then prints nothing on
//  out and says on stderr which columns there are.
int ppsctl_table_print (ppsctl_table_t *self, FILE *out, const char *columns, size_t width);

//  The width tables fit: $COLUMNS when it is a number, else the terminal's
//  when out is one, else PPSCTL_WIDTH_DEFAULT.
size_t ppsctl_table_width (FILE *out);

//  Characters (code points) in UTF-8 text.
size_t ppsctl_text_width (const char *text);

//  text padded with blanks to width characters (on the left when right),
//  in arena; text itself when it is as wide already.
const char *ppsctl_text_pad (pps_arena_t *arena, const char *text, size_t width, bool right);

//  text cut to at most max characters, the last one "…" when it was cut,
//  never inside a UTF-8 sequence. Returns text itself when it fits, else a
//  copy in arena.
const char *ppsctl_text_cut (pps_arena_t *arena, const char *text, size_t max);

#endif
