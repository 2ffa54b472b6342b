/*  ppsctl_print: replies for humans. A record is "field: value" lines with
    nested records indented; a list (a message whose repeated message field
    is "items") is a table with one column per scalar field (ppsctl_table).
    An amount (a field "<name>_cents") is shown in euros under "<name>":
    "planned_budget: 1 519,00 €".  */
#include "ppsctl.h"
#include "ppsctl_table.h"

#include "pps_date.h"
#include "pps_money.h"

char *
ppsctl_print_scalar (pps_arena_t *arena, const ProtobufCFieldDescriptor *field,
                     const void *value)
{
    switch (field->type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32:
            if (ppsctl_is_money (field))
                return pps_money_format (*(const int32_t *) value,
                                         pps_arena_alloc (arena, PPS_MONEY_TEXT_MAX),
                                         PPS_MONEY_TEXT_MAX);
            return pps_arena_printf (arena, "%" PRId32, *(const int32_t *) value);
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:
            if (ppsctl_is_money (field))
                return pps_money_format (*(const uint32_t *) value,
                                         pps_arena_alloc (arena, PPS_MONEY_TEXT_MAX),
                                         PPS_MONEY_TEXT_MAX);
            return pps_arena_printf (arena, "%" PRIu32, *(const uint32_t *) value);
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64:
            if (ppsctl_is_money (field))
                return pps_money_format (*(const int64_t *) value,
                                         pps_arena_alloc (arena, PPS_MONEY_TEXT_MAX),
                                         PPS_MONEY_TEXT_MAX);
            return pps_arena_printf (arena, "%" PRId64, *(const int64_t *) value);
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:
            if (ppsctl_is_money (field) && *(const uint64_t *) value <= INT64_MAX)
                return pps_money_format ((int64_t) *(const uint64_t *) value,
                                         pps_arena_alloc (arena, PPS_MONEY_TEXT_MAX),
                                         PPS_MONEY_TEXT_MAX);
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
            fprintf (out, "%*s%s:%s%s\n", indent, "", ppsctl_field_label (arena, field),
                     *text ? " " : "", text);
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

//  How telling a field's column is, for the default view of a table.
static int
s_rank (const ProtobufCFieldDescriptor *field, bool first)
{
    const char *const labels [] = { "name", "title", "full_name", "label", NULL };
    if (first)
        return PPSCTL_RANK_LABEL + 1;
    if (field->label == PROTOBUF_C_LABEL_REPEATED || !s_is_scalar (field))
        return PPSCTL_RANK_LIST;
    if (field->type == PROTOBUF_C_TYPE_STRING)
        for (const char *const *label = labels; *label; label++)
            if (streq (field->name, *label))
                return PPSCTL_RANK_LABEL;
    if (field->type == PROTOBUF_C_TYPE_ENUM || ppsctl_is_money (field))
        return PPSCTL_RANK_STATE;
    if (ppsctl_is_date (field))
        return PPSCTL_RANK_DATE;
    if (field->type == PROTOBUF_C_TYPE_BOOL)
        return PPSCTL_RANK_FLAG;
    return PPSCTL_RANK_PLAIN;
}

//  Print the items of a list as a table, then "N items".
static int
s_print_table (ppsctl_t *self, FILE *out, const ProtobufCMessage *list,
               const ProtobufCFieldDescriptor *items)
{
    pps_arena_t *arena = self->arena;
    size_t rows = ppsctl_value_count (list, items);
    const ProtobufCMessageDescriptor *descriptor = items->descriptor;
    //  Columns: every field but single nested records; a nested list shows its size
    ppsctl_table_t *table = ppsctl_table_new (arena);
    const ProtobufCFieldDescriptor **fields =
        pps_arena_alloc (arena, (descriptor->n_fields + 1) * sizeof (*fields));
    size_t columns = 0;
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        if (!s_is_scalar (field) && field->label != PROTOBUF_C_LABEL_REPEATED)
            continue;
        ProtobufCType type = field->type;
        bool right = !s_is_scalar (field)
                  || (field->label != PROTOBUF_C_LABEL_REPEATED
                      && type != PROTOBUF_C_TYPE_STRING && type != PROTOBUF_C_TYPE_BOOL
                      && type != PROTOBUF_C_TYPE_ENUM && type != PROTOBUF_C_TYPE_MESSAGE
                      && type != PROTOBUF_C_TYPE_BYTES);
        const char *label = ppsctl_field_label (arena, field);
        ppsctl_table_column (table, label, streq (label, field->name) ? NULL : field->name, right);
        ppsctl_table_rank (table, s_rank (field, columns == 0));
        fields [columns++] = field;
    }
    for (size_t row = 0; row < rows; row++) {
        const ProtobufCMessage *item = *(const ProtobufCMessage *const *)
                                       ppsctl_value (list, items, row);
        ppsctl_table_row (table);
        for (size_t column = 0; column < columns; column++) {
            const ProtobufCFieldDescriptor *field = fields [column];
            //  An enum left unspecified says nothing in a table
            if (field->type == PROTOBUF_C_TYPE_ENUM && field->label != PROTOBUF_C_LABEL_REPEATED
            &&  *(const int *) ppsctl_value (item, field, 0) == 0)
                ppsctl_table_cell (table, "");
            else
            if (s_is_scalar (field))
                ppsctl_table_cell (table, s_field_text (arena, item, field));
            else
                ppsctl_table_cellf (table, "%zu", ppsctl_value_count (item, field));
        }
    }
    if (ppsctl_table_print (table, out, self->columns, ppsctl_table_width (out)))
        return PPSCTL_USAGE;
    fprintf (out, "%zu item%s\n", rows, rows == 1 ? "" : "s");
    return PPSCTL_OK;
}

int
ppsctl_print_result (ppsctl_t *self, FILE *out, const ProtobufCMessage *result)
{
    const ProtobufCFieldDescriptor *items =
        protobuf_c_message_descriptor_get_field_by_name (result->descriptor, "items");
    if (items && items->label == PROTOBUF_C_LABEL_REPEATED
    &&  items->type == PROTOBUF_C_TYPE_MESSAGE)
        return s_print_table (self, out, result, items);
    ppsctl_print_record (out, self->arena, result, 0);
    return PPSCTL_OK;
}
