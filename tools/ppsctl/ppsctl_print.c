/*  ppsctl_print: replies for humans. A record is "field: value" lines with
    nested records indented; a list (a message whose repeated message field
    is "items") is a table with one column per scalar field.  */
#include "ppsctl.h"

#include "pps_date.h"

//  Longest text in a table cell, in characters; longer ones are cut.
#define CELL_MAX 40

char *
ppsctl_print_scalar (pps_arena_t *arena, const ProtobufCFieldDescriptor *field,
                     const void *value)
{
    switch (field->type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32:
            return pps_arena_printf (arena, "%" PRId32, *(const int32_t *) value);
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:
            return pps_arena_printf (arena, "%" PRIu32, *(const uint32_t *) value);
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64:
            return pps_arena_printf (arena, "%" PRId64, *(const int64_t *) value);
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:
            return pps_arena_printf (arena, "%" PRIu64, *(const uint64_t *) value);
        case PROTOBUF_C_TYPE_FLOAT:
            return pps_arena_printf (arena, "%g", (double) *(const float *) value);
        case PROTOBUF_C_TYPE_DOUBLE:
            return pps_arena_printf (arena, "%g", *(const double *) value);
        case PROTOBUF_C_TYPE_BOOL:
            return *(const protobuf_c_boolean *) value ? "true" : "false";
        case PROTOBUF_C_TYPE_ENUM: {
            int number = *(const int *) value;
            const ProtobufCEnumValue *named =
                protobuf_c_enum_descriptor_get_value (field->descriptor, number);
            return named ? (char *) named->name : pps_arena_printf (arena, "%d", number);
        }
        case PROTOBUF_C_TYPE_STRING: {
            const char *text = *(const char *const *) value;
            return (char *) (text ? text : "");
        }
        case PROTOBUF_C_TYPE_BYTES: {
            const ProtobufCBinaryData *data = value;
            return pps_arena_printf (arena, "(%zu bytes)", data->len);
        }
        case PROTOBUF_C_TYPE_MESSAGE: {
            const Pps__Date *date = *(const Pps__Date *const *) value;
            if (ppsctl_is_date (field)) {
                char *buffer = pps_arena_alloc (arena, 16);
                return pps_date_format (date, buffer, 16);
            }
            return date ? (char *) ((const ProtobufCMessage *) date)->descriptor->short_name : "";
        }
    }
    return "?";
}

//  All values of a scalar field joined by ", " (one value when singular).
static char *
s_field_text (pps_arena_t *arena, const ProtobufCMessage *message,
              const ProtobufCFieldDescriptor *field)
{
    size_t count = ppsctl_value_count (message, field);
    if (field->label != PROTOBUF_C_LABEL_REPEATED)
        return count ? ppsctl_print_scalar (arena, field, ppsctl_value (message, field, 0)) : "";
    char *text = "";
    for (size_t index = 0; index < count; index++)
        text = pps_arena_printf (arena, "%s%s%s", text, index ? ", " : "",
                                 ppsctl_print_scalar (arena, field,
                                                      ppsctl_value (message, field, index)));
    return text;
}

//  True for a field printed as one value: not a record, dates included.
static bool
s_is_scalar (const ProtobufCFieldDescriptor *field)
{
    return field->type != PROTOBUF_C_TYPE_MESSAGE || ppsctl_is_date (field);
}

void
ppsctl_print_record (FILE *out, pps_arena_t *arena, const ProtobufCMessage *record,
                     int indent)
{
    const ProtobufCMessageDescriptor *descriptor = record->descriptor;
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        size_t count = ppsctl_value_count (record, field);
        //  Only the chosen member of a oneof is part of the record
        if ((field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && !count)
            continue;
        if (s_is_scalar (field)) {
            const char *text = s_field_text (arena, record, field);
            fprintf (out, "%*s%s:%s%s\n", indent, "", field->name, *text ? " " : "", text);
            continue;
        }
        if (field->label != PROTOBUF_C_LABEL_REPEATED) {
            if (!count)
                continue;
            fprintf (out, "%*s%s:\n", indent, "", field->name);
            ppsctl_print_record (out, arena,
                                 *(const ProtobufCMessage *const *) ppsctl_value (record, field, 0),
                                 indent + 2);
            continue;
        }
        fprintf (out, "%*s%s:%s\n", indent, "", field->name, count ? "" : " (none)");
        for (size_t item = 0; item < count; item++) {
            fprintf (out, "%*s[%zu]\n", indent + 2, "", item);
            ppsctl_print_record (out, arena,
                                 *(const ProtobufCMessage *const *) ppsctl_value (record, field, item),
                                 indent + 4);
        }
    }
}

//  Characters (not bytes) in UTF-8 text, so that accented names align.
static size_t
s_width (const char *text)
{
    size_t width = 0;
    for (; *text; text++)
        if (((unsigned char) *text & 0xC0) != 0x80)
            width++;
    return width;
}

//  Text cut to CELL_MAX characters, on a character boundary.
static char *
s_cell (pps_arena_t *arena, const char *text)
{
    if (s_width (text) <= CELL_MAX)
        return (char *) text;
    size_t width = 0;
    const char *end = text;
    for (; *end; end++)
        if (((unsigned char) *end & 0xC0) != 0x80 && ++width > CELL_MAX - 3)
            break;
    return pps_arena_printf (arena, "%.*s...", (int) (end - text), text);
}

//  Print text in a column of width characters, right-aligned for numbers.
//  Blanks are held back in *pending until some text follows them, so that
//  no line ends with blanks.
static void
s_print_cell (FILE *out, const char *text, size_t width, bool right, size_t *pending)
{
    size_t pad = width - s_width (text);
    if (right)
        *pending += pad;
    if (*text) {
        fprintf (out, "%*s%s", (int) *pending, "", text);
        *pending = 0;
    }
    *pending += (right ? 0 : pad) + 2;
}

//  Print the items of a list as a table, then "N items".
static void
s_print_table (FILE *out, pps_arena_t *arena, const ProtobufCMessage *list,
               const ProtobufCFieldDescriptor *items)
{
    size_t rows = ppsctl_value_count (list, items);
    const ProtobufCMessageDescriptor *descriptor = items->descriptor;
    //  Columns: every field but single nested records; a nested list shows its size
    size_t columns = 0;
    const ProtobufCFieldDescriptor **fields =
        pps_arena_alloc (arena, descriptor->n_fields * sizeof (*fields));
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        if (s_is_scalar (field) || field->label == PROTOBUF_C_LABEL_REPEATED)
            fields [columns++] = field;
    }
    char ***cells = pps_arena_alloc (arena, (rows + 1) * sizeof (char **));
    size_t *widths = pps_arena_alloc (arena, columns * sizeof (size_t));
    bool *right = pps_arena_alloc (arena, columns * sizeof (bool));
    for (size_t row = 0; row <= rows; row++) {
        cells [row] = pps_arena_alloc (arena, columns * sizeof (char *));
        const ProtobufCMessage *item = row ? *(const ProtobufCMessage *const *)
                                             ppsctl_value (list, items, row - 1) : NULL;
        for (size_t column = 0; column < columns; column++) {
            const ProtobufCFieldDescriptor *field = fields [column];
            const char *text;
            if (!item)
                text = field->name;
            else
            if (s_is_scalar (field))
                text = s_cell (arena, s_field_text (arena, item, field));
            else
                text = pps_arena_printf (arena, "%zu", ppsctl_value_count (item, field));
            cells [row][column] = (char *) text;
            if (s_width (text) > widths [column])
                widths [column] = s_width (text);
        }
    }
    for (size_t column = 0; column < columns; column++) {
        ProtobufCType type = fields [column]->type;
        right [column] = fields [column]->label != PROTOBUF_C_LABEL_REPEATED
                      && type != PROTOBUF_C_TYPE_STRING && type != PROTOBUF_C_TYPE_BOOL
                      && type != PROTOBUF_C_TYPE_ENUM && type != PROTOBUF_C_TYPE_MESSAGE
                      && type != PROTOBUF_C_TYPE_BYTES;
        right [column] |= !s_is_scalar (fields [column]);
    }
    for (size_t row = 0; row <= rows; row++) {
        size_t pending = 0;
        for (size_t column = 0; column < columns; column++)
            s_print_cell (out, cells [row][column], widths [column], right [column], &pending);
        fputc ('\n', out);
    }
    fprintf (out, "%zu item%s\n", rows, rows == 1 ? "" : "s");
}

void
ppsctl_print_result (FILE *out, pps_arena_t *arena, const ProtobufCMessage *result)
{
    const ProtobufCFieldDescriptor *items =
        protobuf_c_message_descriptor_get_field_by_name (result->descriptor, "items");
    if (items && items->label == PROTOBUF_C_LABEL_REPEATED
    &&  items->type == PROTOBUF_C_TYPE_MESSAGE)
        s_print_table (out, arena, result, items);
    else
        ppsctl_print_record (out, arena, result, 0);
}
