/*  ppsctl_table: tables sized to their content (see ppsctl_table.h).  */
#include "ppsctl_table.h"

#include <stdarg.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define ELLIPSIS "\xe2\x80\xa6"           //  "…", one character

typedef struct {
    const char *name;                     //  Header, and its name for --columns
    const char *alias;                    //  Another name for --columns, or NULL
    bool right;                           //  Right-aligned
    int rank;                             //  PPSCTL_RANK_*
} column_t;

struct _ppsctl_table_t {
    pps_arena_t *arena;                   //  Where everything lives
    column_t **columns;                   //  The columns, in order added
    size_t column_count;
    char ***rows;                         //  Each row: column_count cells
    size_t row_count;
    size_t next_cell;                     //  Index of the next cell of the last row
    bool headless;                        //  No header line
};

size_t
ppsctl_text_width (const char *text)
{
    size_t width = 0;
    for (; *text; text++)
        if (((unsigned char) *text & 0xC0) != 0x80)
            width++;
    return width;
}

const char *
ppsctl_text_cut (pps_arena_t *arena, const char *text, size_t max)
{
    if (ppsctl_text_width (text) <= max)
        return text;
    //  Keep max - 1 characters, then the ellipsis
    size_t characters = 0, at = 0;
    for (; text [at]; at++)
        if (((unsigned char) text [at] & 0xC0) != 0x80 && characters++ == max - 1)
            break;
    return pps_arena_printf (arena, "%.*s" ELLIPSIS, (int) at, text);
}

const char *
ppsctl_text_pad (pps_arena_t *arena, const char *text, size_t width, bool right)
{
    size_t characters = ppsctl_text_width (text);
    if (characters >= width)
        return text;
    int pad = (int) (width - characters);
    return right ? pps_arena_printf (arena, "%*s%s", pad, "", text)
                 : pps_arena_printf (arena, "%s%*s", text, pad, "");
}

ppsctl_table_t *
ppsctl_table_new (pps_arena_t *arena)
{
    ppsctl_table_t *self = pps_arena_alloc (arena, sizeof *self);
    self->arena = arena;
    return self;
}

void
ppsctl_table_column (ppsctl_table_t *self, const char *name, const char *alias, bool right)
{
    assert (self->row_count == 0);
    column_t *column = pps_arena_alloc (self->arena, sizeof *column);
    column->name = pps_arena_strdup (self->arena, name);
    column->alias = alias ? pps_arena_strdup (self->arena, alias) : NULL;
    column->right = right;
    column->rank = PPSCTL_RANK_PLAIN;
    pps_arena_push (self->arena, (void ***) &self->columns, &self->column_count, column);
}

void
ppsctl_table_rank (ppsctl_table_t *self, int rank)
{
    assert (self->column_count > 0);
    self->columns [self->column_count - 1]->rank = rank;
}

void
ppsctl_table_headless (ppsctl_table_t *self)
{
    self->headless = true;
}

void
ppsctl_table_row (ppsctl_table_t *self)
{
    char **cells = pps_arena_alloc (self->arena, (self->column_count + 1) * sizeof (char *));
    for (size_t index = 0; index < self->column_count; index++)
        cells [index] = "";
    pps_arena_push (self->arena, (void ***) &self->rows, &self->row_count, cells);
    self->next_cell = 0;
}

void
ppsctl_table_cell (ppsctl_table_t *self, const char *text)
{
    assert (self->row_count > 0);
    if (self->next_cell < self->column_count)
        self->rows [self->row_count - 1][self->next_cell++] =
            pps_arena_strdup (self->arena, text ? text : "");
}

void
ppsctl_table_cellf (ppsctl_table_t *self, const char *format, ...)
{
    va_list args;
    va_start (args, format);
    char *text = NULL;
    if (vasprintf (&text, format, args) < 0)
        text = NULL;
    va_end (args);
    ppsctl_table_cell (self, text ? text : "");
    free (text);
}

size_t
ppsctl_table_rows (ppsctl_table_t *self)
{
    return self->row_count;
}

size_t
ppsctl_table_width (FILE *out)
{
    const char *columns = getenv ("COLUMNS");
    int64_t width;
    if (columns && ppsctl_parse_int (columns, 20, 100000, &width) == 0)
        return (size_t) width;
    struct winsize size;
    if (isatty (fileno (out)) && ioctl (fileno (out), TIOCGWINSZ, &size) == 0 && size.ws_col >= 20)
        return size.ws_col;
    return PPSCTL_WIDTH_DEFAULT;
}

//  The column called name (or by its alias), or -1.
static ssize_t
s_column_find (ppsctl_table_t *self, const char *name, size_t length)
{
    for (size_t index = 0; index < self->column_count; index++) {
        const column_t *column = self->columns [index];
        if ((strlen (column->name) == length && strncmp (column->name, name, length) == 0)
        ||  (column->alias && strlen (column->alias) == length
             && strncmp (column->alias, name, length) == 0))
            return (ssize_t) index;
    }
    return -1;
}

//  Choose the columns from --columns into shown (indexes); returns their
//  number, or -1 with the error said.
static ssize_t
s_choose (ppsctl_table_t *self, const char *columns, size_t *shown)
{
    size_t count = 0;
    if (streq (columns, "all")) {
        for (size_t index = 0; index < self->column_count; index++)
            shown [count++] = index;
        return (ssize_t) count;
    }
    const char *at = columns;
    while (*at) {
        size_t length = strcspn (at, ",");
        ssize_t found = length ? s_column_find (self, at, length) : -1;
        if (found < 0 || count == self->column_count) {
            fprintf (stderr, "error: --columns: no column '%.*s'; this table has:", (int) length, at);
            for (size_t index = 0; index < self->column_count; index++)
                fprintf (stderr, " %s", self->columns [index]->name);
            fprintf (stderr, " (or all)\n");
            return -1;
        }
        shown [count++] = (size_t) found;
        at += length;
        if (*at == ',')
            at++;
    }
    return (ssize_t) count;
}

//  Print text in a column of width characters. Blanks are held back in
//  *pending until some text follows them, so that no line ends with blanks.
static void
s_print_cell (FILE *out, const char *text, size_t width, bool right, size_t *pending)
{
    size_t pad = width - ppsctl_text_width (text);
    if (right)
        *pending += pad;
    if (*text) {
        fprintf (out, "%*s%s", (int) *pending, "", text);
        *pending = 0;
    }
    *pending += (right ? 0 : pad) + 2;
}

int
ppsctl_table_print (ppsctl_table_t *self, FILE *out, const char *columns, size_t width)
{
    size_t *shown = pps_arena_alloc (self->arena, (self->column_count + 1) * sizeof (size_t));
    size_t *widths = pps_arena_alloc (self->arena, (self->column_count + 1) * sizeof (size_t));
    size_t count = 0;
    bool chosen = columns && *columns;
    if (chosen) {
        ssize_t rc = s_choose (self, columns, shown);
        if (rc < 0)
            return -1;
        count = (size_t) rc;
    }
    else
        //  By default, a column empty in every row says nothing
        for (size_t index = 0; index < self->column_count; index++) {
            bool empty = true;
            for (size_t row = 0; row < self->row_count && empty; row++)
                empty = !*self->rows [row][index];
            if (!empty || self->row_count == 0)
                shown [count++] = index;
        }
    //  Natural widths: the header and the cells, cut at PPSCTL_CELL_MAX;
    //  and each column's rank, a long text's lowest
    int *ranks = pps_arena_alloc (self->arena, (count + 1) * sizeof (int));
    size_t total = 0;
    for (size_t at = 0; at < count; at++) {
        size_t index = shown [at];
        const column_t *column = self->columns [index];
        size_t natural = self->headless ? 0 : ppsctl_text_width (column->name);
        bool long_text = false;
        for (size_t row = 0; row < self->row_count; row++) {
            size_t cell = ppsctl_text_width (self->rows [row][index]);
            long_text |= cell > PPSCTL_CELL_MAX;
            if (width && cell > PPSCTL_CELL_MAX)
                cell = PPSCTL_CELL_MAX;
            if (cell > natural)
                natural = cell;
        }
        widths [at] = natural;
        ranks [at] = long_text && !column->right && column->rank < PPSCTL_RANK_LABEL
                   ? 1 : column->rank;
        total += natural + (at ? 2 : 0);
    }
    //  Too wide for the default columns: leave out the least telling ones
    //  (the rightmost of the lowest rank, never the first column), down to
    //  dates; then narrow the widest text column; then leave out the rest
    bool *out_p = pps_arena_alloc (self->arena, count + 1);
    size_t left_out = 0;
    while (!chosen && width && total > width) {
        size_t lowest = count;
        for (size_t at = 1; at < count; at++)
            if (!out_p [at] && ranks [at] < PPSCTL_RANK_LABEL
            &&  (lowest == count || ranks [at] <= ranks [lowest]))
                lowest = at;
        size_t widest = count;
        for (size_t at = 0; at < count; at++)
            if (!out_p [at] && !self->columns [shown [at]]->right
            &&  widths [at] > PPSCTL_CELL_MIN
            &&  (self->headless
                 || ppsctl_text_width (self->columns [shown [at]]->name) < widths [at])
            &&  (widest == count || widths [at] > widths [widest]))
                widest = at;
        if (lowest < count && (ranks [lowest] <= PPSCTL_RANK_DATE || widest == count)) {
            out_p [lowest] = true;
            total -= widths [lowest] + 2;
            left_out++;
        }
        else
        if (widest < count) {
            widths [widest]--;
            total--;
        }
        else
            break;
    }
    //  Header, then the rows, each cell cut to its column
    size_t pending = 0;
    for (size_t at = 0; at < count && !self->headless; at++) {
        const column_t *column = self->columns [shown [at]];
        if (!out_p [at])
            s_print_cell (out, column->name, widths [at], column->right, &pending);
    }
    if (!self->headless)
        fputc ('\n', out);
    for (size_t row = 0; row < self->row_count; row++) {
        pending = 0;
        for (size_t at = 0; at < count; at++) {
            const column_t *column = self->columns [shown [at]];
            if (out_p [at])
                continue;
            const char *cell = self->rows [row][shown [at]];
            s_print_cell (out, width ? ppsctl_text_cut (self->arena, cell, widths [at]) : cell,
                          widths [at], column->right, &pending);
        }
        fputc ('\n', out);
    }
    if (left_out) {
        //  The note wrapped to the width too
        char **words = NULL;
        size_t word_count = 0;
        pps_arena_push (self->arena, (void ***) &words, &word_count, pps_arena_printf (
            self->arena, "(%zu more column%s to fit %zu characters:", left_out,
            left_out == 1 ? "" : "s", width));
        for (size_t at = 0; at < count; at++)
            if (out_p [at])
                pps_arena_push (self->arena, (void ***) &words, &word_count,
                                (void *) self->columns [shown [at]]->name);
        const char *const tail [] = { "--", "choose", "with", "--columns", "a,b,c", "or",
                                      "--columns", "all)" };
        for (size_t index = 0; index < sizeof tail / sizeof tail [0]; index++)
            pps_arena_push (self->arena, (void ***) &words, &word_count, (void *) tail [index]);
        size_t line = 0;
        for (size_t index = 0; index < word_count; index++) {
            size_t length = ppsctl_text_width (words [index]);
            if (line && line + 1 + length > width) {
                fputc ('\n', out);
                line = 0;
            }
            fprintf (out, "%s%s", line ? " " : "", words [index]);
            line += (line ? 1 : 0) + length;
        }
        fputc ('\n', out);
    }
    return 0;
}
