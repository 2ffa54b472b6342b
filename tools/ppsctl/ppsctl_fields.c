/*  ppsctl_fields: "path=value" arguments into any message, by reflection on
    its protobuf-c descriptor, and the help that lists those paths.

    An amount (an integer field "<name>_cents") is given one of two ways,
    never ambiguous:
        <name>_cents=151900          cents: a whole number, nothing else
        <name>_cents=1519.00EUR      euros: with "€" or "EUR" after it
        <name>=1519                  euros: the name without "_cents"
        <name>="1 519,00 €"          euros, as ppsctl prints them
    Euros take '.' or ',' before one or two decimals, and spaces between
    groups of three digits (pps_money_parse). A number with decimals but no
    currency after "<name>_cents=" is refused.  */
#include "ppsctl.h"

#include <errno.h>
#include <float.h>
#include "pps_date.h"
#include "pps_money.h"

#define CENTS_SUFFIX "_cents"

//  Bytes one value of that type takes in a message (or in a repeated array).
static size_t
s_type_size (ProtobufCType type)
{
    switch (type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32: return sizeof (int32_t);
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:  return sizeof (uint32_t);
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64: return sizeof (int64_t);
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:  return sizeof (uint64_t);
        case PROTOBUF_C_TYPE_FLOAT:    return sizeof (float);
        case PROTOBUF_C_TYPE_DOUBLE:   return sizeof (double);
        case PROTOBUF_C_TYPE_BOOL:     return sizeof (protobuf_c_boolean);
        case PROTOBUF_C_TYPE_ENUM:     return sizeof (int);
        case PROTOBUF_C_TYPE_STRING:   return sizeof (char *);
        case PROTOBUF_C_TYPE_BYTES:    return sizeof (ProtobufCBinaryData);
        case PROTOBUF_C_TYPE_MESSAGE:  return sizeof (ProtobufCMessage *);
    }
    return 0;
}

void *
ppsctl_member (const ProtobufCMessage *message, const ProtobufCFieldDescriptor *field)
{
    return (char *) message + field->offset;
}

size_t
ppsctl_value_count (const ProtobufCMessage *message, const ProtobufCFieldDescriptor *field)
{
    const char *base = (const char *) message;
    if (field->label == PROTOBUF_C_LABEL_REPEATED)
        return *(const size_t *) (base + field->quantifier_offset);
    if (field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
        return *(const uint32_t *) (base + field->quantifier_offset) == field->id;
    if (field->type == PROTOBUF_C_TYPE_MESSAGE || field->type == PROTOBUF_C_TYPE_STRING)
        return *(void *const *) (base + field->offset) != NULL;
    //  Scalars with explicit presence (proto2, proto3 "optional") have a has_ flag
    if (field->label == PROTOBUF_C_LABEL_OPTIONAL && field->quantifier_offset)
        return *(const protobuf_c_boolean *) (base + field->quantifier_offset) ? 1 : 0;
    return 1;
}

const void *
ppsctl_value (const ProtobufCMessage *message, const ProtobufCFieldDescriptor *field,
              size_t index)
{
    const char *member = ppsctl_member (message, field);
    if (field->label != PROTOBUF_C_LABEL_REPEATED)
        return member;
    const char *array = *(const char *const *) member;
    return array + index * s_type_size (field->type);
}

bool
ppsctl_is_date (const ProtobufCFieldDescriptor *field)
{
    return field->type == PROTOBUF_C_TYPE_MESSAGE && field->descriptor == &pps__date__descriptor;
}

const ProtobufCFieldDescriptor *
ppsctl_field_find (const ProtobufCMessageDescriptor *descriptor, const char *name)
{
    char wanted [128];
    size_t length = strlen (name);
    if (length == 0 || length >= sizeof wanted)
        return NULL;
    for (size_t index = 0; index <= length; index++)
        wanted [index] = name [index] == '-' ? '_' : name [index];
    return protobuf_c_message_descriptor_get_field_by_name (descriptor, wanted);
}

bool
ppsctl_is_money (const ProtobufCFieldDescriptor *field)
{
    size_t length = strlen (field->name);
    size_t suffix = strlen (CENTS_SUFFIX);
    if (length <= suffix || !streq (field->name + length - suffix, CENTS_SUFFIX))
        return false;
    switch (field->type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32:
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64:
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:
            return true;
        default:
            return false;
    }
}

const char *
ppsctl_field_label (pps_arena_t *arena, const ProtobufCFieldDescriptor *field)
{
    if (!ppsctl_is_money (field))
        return field->name;
    return pps_arena_printf (arena, "%.*s", (int) (strlen (field->name) - strlen (CENTS_SUFFIX)),
                             field->name);
}

//  True when text ends with a currency, "€" or "EUR", blanks aside.
static bool
s_has_currency (const char *text)
{
    size_t length = strlen (text);
    while (length && text [length - 1] == ' ')
        length--;
    return (length >= 3 && strncmp (text + length - 3, "\xe2\x82\xac", 3) == 0)
        || (length >= 3 && strncasecmp (text + length - 3, "EUR", 3) == 0);
}

//  Parse an amount into value (sized for field's type): euros when euros
//  or when the text carries a currency, else a whole number of cents.
static int
s_parse_money (const ProtobufCFieldDescriptor *field, const char *path, const char *text,
               bool euros, void *value, char *error, size_t error_size)
{
    int64_t cents;
    if (euros || s_has_currency (text)) {
        if (pps_money_parse (text, &cents)) {
            snprintf (error, error_size, "%s: '%s' is not an amount in euros (e.g. 1519.00, "
                      "1 519,00 \xe2\x82\xac, 1519EUR)", path, text);
            return -1;
        }
    }
    else
    if (ppsctl_parse_int (text, INT64_MIN, INT64_MAX, &cents)) {
        snprintf (error, error_size, "%s: '%s' is not a whole number of cents; for euros "
                  "write %sEUR, or set %.*s=%s", path, text, text,
                  (int) (strlen (path) - strlen (CENTS_SUFFIX)), path, text);
        return -1;
    }
    bool fits;
    switch (field->type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32:
            if ((fits = cents >= INT32_MIN && cents <= INT32_MAX))
                *(int32_t *) value = (int32_t) cents;
            break;
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:
            if ((fits = cents >= 0 && cents <= UINT32_MAX))
                *(uint32_t *) value = (uint32_t) cents;
            break;
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:
            if ((fits = cents >= 0))
                *(uint64_t *) value = (uint64_t) cents;
            break;
        default:
            fits = true;
            *(int64_t *) value = cents;
    }
    if (!fits) {
        snprintf (error, error_size, "%s: '%s' is out of range for this amount", path, text);
        return -1;
    }
    return 0;
}

//  Match an enum value by its name (case-insensitive) or its number.
static int
s_parse_enum (const ProtobufCEnumDescriptor *descriptor, const char *text, int *value_p)
{
    for (unsigned index = 0; index < descriptor->n_values; index++)
        if (strcasecmp (descriptor->values [index].name, text) == 0) {
            *value_p = descriptor->values [index].value;
            return 0;
        }
    int64_t number;
    if (ppsctl_parse_int (text, INT32_MIN, INT32_MAX, &number) == 0
    &&  protobuf_c_enum_descriptor_get_value (descriptor, (int) number)) {
        *value_p = (int) number;
        return 0;
    }
    return -1;
}

//  The names of an enum's values, space-separated, in arena.
static char *
s_enum_names (pps_arena_t *arena, const ProtobufCEnumDescriptor *descriptor)
{
    char *names = "";
    for (unsigned index = 0; index < descriptor->n_values; index++)
        names = pps_arena_printf (arena, "%s%s%s", names, index ? " " : "",
                                  descriptor->values [index].name);
    return names;
}

//  Parse text as one value of field's scalar type into value (sized for it).
static int
s_parse_scalar (pps_arena_t *arena, const ProtobufCFieldDescriptor *field, const char *path,
                const char *text, void *value, char *error, size_t error_size)
{
    int64_t number;
    switch (field->type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32:
            if (ppsctl_parse_int (text, INT32_MIN, INT32_MAX, &number))
                goto bad_integer;
            *(int32_t *) value = (int32_t) number;
            return 0;
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:
            if (ppsctl_parse_int (text, 0, UINT32_MAX, &number))
                goto bad_integer;
            *(uint32_t *) value = (uint32_t) number;
            return 0;
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64:
            if (ppsctl_parse_int (text, INT64_MIN, INT64_MAX, &number))
                goto bad_integer;
            *(int64_t *) value = number;
            return 0;
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64: {
            //  Beyond INT64_MAX, so parsed apart; strtoull would accept "-1"
            char *end;
            errno = 0;
            unsigned long long unsigned_value = strtoull (text, &end, 10);
            if (!isdigit ((unsigned char) *text) || *end || errno)
                goto bad_integer;
            *(uint64_t *) value = unsigned_value;
            return 0;
        }
        case PROTOBUF_C_TYPE_FLOAT:
        case PROTOBUF_C_TYPE_DOUBLE: {
            char *end;
            errno = 0;
            double real = strtod (text, &end);
            if (!*text || *end || errno || isspace ((unsigned char) *text)
            ||  (field->type == PROTOBUF_C_TYPE_FLOAT && (real > FLT_MAX || real < -FLT_MAX))) {
                snprintf (error, error_size, "%s: '%s' is not a number", path, text);
                return -1;
            }
            if (field->type == PROTOBUF_C_TYPE_FLOAT)
                *(float *) value = (float) real;
            else
                *(double *) value = real;
            return 0;
        }
        case PROTOBUF_C_TYPE_BOOL:
            if (!strcasecmp (text, "true") || !strcasecmp (text, "yes") || streq (text, "1"))
                *(protobuf_c_boolean *) value = 1;
            else
            if (!strcasecmp (text, "false") || !strcasecmp (text, "no") || streq (text, "0"))
                *(protobuf_c_boolean *) value = 0;
            else {
                snprintf (error, error_size, "%s: '%s' is not a boolean (true/false, yes/no, 1/0)",
                          path, text);
                return -1;
            }
            return 0;
        case PROTOBUF_C_TYPE_ENUM: {
            const ProtobufCEnumDescriptor *descriptor = field->descriptor;
            if (s_parse_enum (descriptor, text, (int *) value)) {
                snprintf (error, error_size, "%s: '%s' is not a %s (one of %s)", path, text,
                          descriptor->name, s_enum_names (arena, descriptor));
                return -1;
            }
            return 0;
        }
        case PROTOBUF_C_TYPE_STRING:
            *(char **) value = pps_arena_strdup (arena, text);
            return 0;
        case PROTOBUF_C_TYPE_BYTES: {
            ProtobufCBinaryData *data = value;
            data->len = strlen (text);
            data->data = (uint8_t *) pps_arena_strdup (arena, text);
            return 0;
        }
        case PROTOBUF_C_TYPE_MESSAGE:
            break;
    }
    snprintf (error, error_size, "%s: cannot be set from text", path);
    return -1;

bad_integer:
    snprintf (error, error_size, "%s: '%s' is not a valid %s", path, text,
              field->type == PROTOBUF_C_TYPE_INT32 || field->type == PROTOBUF_C_TYPE_SINT32
              || field->type == PROTOBUF_C_TYPE_SFIXED32 ? "int32"
              : field->type == PROTOBUF_C_TYPE_UINT32 || field->type == PROTOBUF_C_TYPE_FIXED32 ? "uint32"
              : field->type == PROTOBUF_C_TYPE_UINT64 || field->type == PROTOBUF_C_TYPE_FIXED64 ? "uint64"
              : "int64");
    return -1;
}

//  Make room for one more value at the end of a repeated field; returns it.
static void *
s_repeated_append (pps_arena_t *arena, ProtobufCMessage *message,
                   const ProtobufCFieldDescriptor *field)
{
    size_t *count_p = (size_t *) ((char *) message + field->quantifier_offset);
    void **array_p = ppsctl_member (message, field);
    size_t size = s_type_size (field->type);
    //  Arena memory is never freed, so the array is copied on each growth;
    //  command lines are short
    char *array = pps_arena_alloc (arena, (*count_p + 1) * size);
    if (*count_p)
        memcpy (array, *array_p, *count_p * size);
    *array_p = array;
    (*count_p)++;
    return array + (*count_p - 1) * size;
}

//  Mark a singular field present: its oneof case, or its has_ flag.
static void
s_mark_present (ProtobufCMessage *message, const ProtobufCFieldDescriptor *field)
{
    char *base = (char *) message;
    if (field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
        *(uint32_t *) (base + field->quantifier_offset) = field->id;
    else
    if (field->label == PROTOBUF_C_LABEL_OPTIONAL && field->quantifier_offset
    &&  field->type != PROTOBUF_C_TYPE_MESSAGE && field->type != PROTOBUF_C_TYPE_STRING)
        *(protobuf_c_boolean *) (base + field->quantifier_offset) = 1;
}

//  Fill a pps.Date from YYYY-MM-DD; an empty text leaves it unset.
static int
s_parse_date (Pps__Date *date, const char *path, const char *text,
              char *error, size_t error_size)
{
    if (*text && pps_date_parse (text, date)) {
        snprintf (error, error_size, "%s: '%s' is not a date (YYYY-MM-DD)", path, text);
        return -1;
    }
    return 0;
}

//  Set the rest of a path inside message, path_so_far naming the message.
static int
s_set (pps_arena_t *arena, ProtobufCMessage *message, const char *rest, const char *path_so_far,
       const char *text, char *error, size_t error_size)
{
    const char *dot = strchr (rest, '.');
    size_t length = dot ? (size_t) (dot - rest) : strlen (rest);
    char *name = pps_arena_alloc (arena, length + 1);
    memcpy (name, rest, length);
    char *path = *path_so_far ? pps_arena_printf (arena, "%s.%s", path_so_far, name) : name;
    rest = dot ? dot + 1 : NULL;

    const ProtobufCFieldDescriptor *field = ppsctl_field_find (message->descriptor, name);
    //  "amount=..." sets amount_cents, in euros
    bool euros = false;
    if (!field && !rest) {
        const ProtobufCFieldDescriptor *cents =
            ppsctl_field_find (message->descriptor,
                               pps_arena_printf (arena, "%s" CENTS_SUFFIX, name));
        if (cents && ppsctl_is_money (cents)) {
            field = cents;
            euros = true;
        }
    }
    if (!field) {
        snprintf (error, error_size, "%s: unknown field (%s has no field '%s'; see --help)",
                  path, message->descriptor->name, name);
        return -1;
    }
    bool repeated = field->label == PROTOBUF_C_LABEL_REPEATED;
    if (field->type != PROTOBUF_C_TYPE_MESSAGE) {
        if (rest) {
            snprintf (error, error_size, "%s: is a %s, it has no field '%s'", path,
                      repeated ? "list of values" : "value", rest);
            return -1;
        }
        if (!repeated) {
            if (ppsctl_is_money (field)
                ? s_parse_money (field, path, text, euros, ppsctl_member (message, field),
                                 error, error_size)
                : s_parse_scalar (arena, field, path, text, ppsctl_member (message, field),
                                  error, error_size))
                return -1;
            s_mark_present (message, field);
            return 0;
        }
        //  Values of a repeated field: the key repeated, or comma-separated
        char *values = pps_arena_strdup (arena, text);
        char *saveptr = NULL;
        for (char *value = strtok_r (values, ",", &saveptr); value;
             value = strtok_r (NULL, ",", &saveptr)) {
            void *slot = s_repeated_append (arena, message, field);
            if (ppsctl_is_money (field)
                ? s_parse_money (field, path, value, euros, slot, error, error_size)
                : s_parse_scalar (arena, field, path, value, slot, error, error_size))
                return -1;
        }
        return 0;
    }

    ProtobufCMessage *child;
    if (repeated) {
        //  An element of a list of records is named by its index
        size_t count = ppsctl_value_count (message, field);
        const char *index_end = rest ? strchr (rest, '.') : NULL;
        char *index_text = rest ? pps_arena_strdup (arena, rest) : NULL;
        if (index_text && index_end)
            index_text [index_end - rest] = 0;
        int64_t index;
        if (!index_text || ppsctl_parse_int (index_text, 0, (int64_t) count, &index)) {
            snprintf (error, error_size, "%s: is a list; name an element by its index "
                      "(%s.%zu.FIELD=value, indexes in order from 0)", path, path, count);
            return -1;
        }
        if ((size_t) index == count)
            *(ProtobufCMessage **) s_repeated_append (arena, message, field) =
                pps_arena_message (arena, field->descriptor);
        child = *(ProtobufCMessage **) ppsctl_value (message, field, (size_t) index);
        path = pps_arena_printf (arena, "%s.%s", path, index_text);
        rest = index_end ? index_end + 1 : NULL;
    }
    else {
        ProtobufCMessage **child_p = ppsctl_member (message, field);
        if (!*child_p)
            *child_p = pps_arena_message (arena, field->descriptor);
        s_mark_present (message, field);
        child = *child_p;
    }
    if (rest)
        return s_set (arena, child, rest, path, text, error, error_size);
    if (child->descriptor == &pps__date__descriptor)
        return s_parse_date ((Pps__Date *) child, path, text, error, error_size);
    snprintf (error, error_size, "%s: is a %s; set its fields as %s.FIELD=value",
              path, child->descriptor->name, path);
    return -1;
}

int
ppsctl_fields_set (pps_arena_t *arena, ProtobufCMessage *message, const char *path,
                   const char *text, char *error, size_t error_size)
{
    if (!*path || path [strlen (path) - 1] == '.' || strstr (path, "..")) {
        snprintf (error, error_size, "'%s': not a field path", path);
        return -1;
    }
    return s_set (arena, message, path, "", text, error, error_size);
}

int
ppsctl_fields_apply (pps_arena_t *arena, ProtobufCMessage *message, int argc, char **argv)
{
    for (int index = 0; index < argc; index++) {
        const char *equal = strchr (argv [index], '=');
        if (!equal || equal == argv [index]) {
            fprintf (stderr, "error: '%s': expected field=value\n", argv [index]);
            return PPSCTL_USAGE;
        }
        char *path = pps_arena_strdup (arena, argv [index]);
        path [equal - argv [index]] = 0;
        char error [1024];
        if (ppsctl_fields_set (arena, message, path, equal + 1, error, sizeof error)) {
            fprintf (stderr, "error: %s\n", error);
            return PPSCTL_USAGE;
        }
    }
    return PPSCTL_OK;
}

//  The type of a field as the help shows it.
static const char *
s_type_name (pps_arena_t *arena, const ProtobufCFieldDescriptor *field)
{
    switch (field->type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32: return "int32";
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:  return "uint32";
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64: return "int64";
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:  return "uint64";
        case PROTOBUF_C_TYPE_FLOAT:    return "float";
        case PROTOBUF_C_TYPE_DOUBLE:   return "double";
        case PROTOBUF_C_TYPE_BOOL:     return "bool (true/false)";
        case PROTOBUF_C_TYPE_STRING:   return "string";
        case PROTOBUF_C_TYPE_BYTES:    return "bytes";
        case PROTOBUF_C_TYPE_MESSAGE:  return "date YYYY-MM-DD";
        case PROTOBUF_C_TYPE_ENUM:
            return pps_arena_printf (arena, "%s: %s",
                ((const ProtobufCEnumDescriptor *) field->descriptor)->name,
                s_enum_names (arena, field->descriptor));
    }
    return "?";
}

//  path without its list indexes ("list.N.field", "list.0.field" -> "list.field").
static char *
s_path_key (pps_arena_t *arena, const char *path)
{
    char *key = pps_arena_strdup (arena, path);
    char *out = key;
    for (const char *at = path; *at; ) {
        size_t length = strcspn (at, ".");
        bool index = length > 0 && (strspn (at, "0123456789") == length
                                    || (length == 1 && *at == 'N'));
        if (!index) {
            if (out != key)
                *out++ = '.';
            memcpy (out, at, length);
            out += length;
        }
        at += length;
        if (*at == '.')
            at++;
    }
    *out = 0;
    return key;
}

//  True when path is one of the required ones.
static bool
s_required (pps_arena_t *arena, const char *path, char **required, size_t count)
{
    const char *key = s_path_key (arena, path);
    for (size_t index = 0; index < count; index++)
        if (streq (s_path_key (arena, required [index]), key))
            return true;
    return false;
}

//  List the paths under descriptor, prefixed; depth bounds recursive types.
static void
s_help (FILE *out, pps_arena_t *arena, const ProtobufCMessageDescriptor *descriptor,
        const char *prefix, int depth, char **required, size_t required_count)
{
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        bool repeated = field->label == PROTOBUF_C_LABEL_REPEATED;
        char *path = pps_arena_printf (arena, "%s%s", prefix, field->name);
        bool needed = s_required (arena, path, required, required_count);
        if (field->type == PROTOBUF_C_TYPE_MESSAGE && !ppsctl_is_date (field)) {
            char *nested = pps_arena_printf (arena, "%s%s%s.", prefix, field->name,
                                             repeated ? ".N" : "");
            if (needed)
                fprintf (out, "  %-32s %s, required\n", path, repeated ? "list" : "record");
            if (depth < 4)
                s_help (out, arena, field->descriptor, nested, depth + 1, required,
                        required_count);
            continue;
        }
        const char *type = s_type_name (arena, field);
        if (ppsctl_is_money (field)) {
            path = pps_arena_printf (arena, "%s%s", prefix, ppsctl_field_label (arena, field));
            type = pps_arena_printf (arena, "amount in euros (%s=1519.00 or \"1 519,00 \xe2\x82\xac\"; "
                                     "%s=151900 in cents)", path, field->name);
        }
        fprintf (out, "  %-32s %s%s%s\n", path, type, needed ? ", required" : "",
                 repeated ? ", repeated (repeat the key or separate by commas)" : "");
    }
}

void
ppsctl_fields_help (FILE *out, const ProtobufCMessageDescriptor *descriptor,
                    char **required, size_t required_count)
{
    pps_arena_t *arena = pps_arena_new ();
    s_help (out, arena, descriptor, "", 0, required, required_count);
    pps_arena_destroy (&arena);
}
