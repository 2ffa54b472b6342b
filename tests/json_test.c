/*  json_test: the proto3 JSON mapping of pps_json on the services' own
    messages: round trips, what is written for each type, what is refused
    and the path it is refused at, and query strings made into objects.  */
#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pps_arena.h"
#include "pps_date.h"
#include "pps_json.h"
#include "common.pb-c.h"
#include "funding.pb-c.h"
#include "registry.pb-c.h"

static int s_checks;

//  A failed check names itself and ends the test.
#define CHECK(condition) \
    do { \
        s_checks++; \
        if (!(condition)) { \
            fprintf (stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            exit (1); \
        } \
    } while (0)

static pps_arena_t *s_arena;

//  The field and reason of the last refusal.
static char s_field [256];
static char s_error [512];

static json_t *
s_parse (const char *text)
{
    json_error_t error;
    json_t *json = json_loads (text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &error);
    if (!json) {
        fprintf (stderr, "bad JSON in the test: %s: %s\n", text, error.text);
        exit (1);
    }
    return json;
}

//  The message of descriptor text reads as; NULL with s_field and s_error.
static ProtobufCMessage *
s_read (const ProtobufCMessageDescriptor *descriptor, const char *text)
{
    json_t *json = s_parse (text);
    s_field [0] = s_error [0] = 0;
    ProtobufCMessage *message = pps_json_to_message (s_arena, descriptor, json, s_field,
                                                     sizeof s_field, s_error, sizeof s_error);
    json_decref (json);
    return message;
}

//  Text must be refused at path, with a reason that says fragment.
static void
s_refused (const ProtobufCMessageDescriptor *descriptor, const char *text,
           const char *path, const char *fragment, int line)
{
    ProtobufCMessage *message = s_read (descriptor, text);
    if (message || strcmp (s_field, path) || !strstr (s_error, fragment)) {
        fprintf (stderr, "json_test.c:%d: %s: expected a refusal at '%s' saying '%s', "
                 "got %s at '%s': %s\n", line, text, path, fragment,
                 message ? "a message" : "a refusal", s_field, s_error);
        exit (1);
    }
    s_checks++;
}
#define REFUSED(descriptor, text, path, fragment) \
    s_refused (descriptor, text, path, fragment, __LINE__)

//  The message, compact with sorted keys; caller frees.
static char *
s_text (const ProtobufCMessage *message, bool emit_defaults)
{
    json_t *json = pps_json_from_message (message, emit_defaults);
    char *text = json_dumps (json, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref (json);
    return text;
}

//  The message as JSON must be expected.
static void
s_written (const ProtobufCMessage *message, bool emit_defaults, const char *expected,
           int line)
{
    char *text = s_text (message, emit_defaults);
    if (strcmp (text, expected)) {
        fprintf (stderr, "json_test.c:%d: wrote\n  %s\nexpected\n  %s\n", line, text, expected);
        exit (1);
    }
    free (text);
    s_checks++;
}
#define WRITTEN(message, emit_defaults, expected) \
    s_written (&(message)->base, emit_defaults, expected, __LINE__)

static bool
s_same_bytes (const ProtobufCMessage *a, const ProtobufCMessage *b)
{
    size_t a_size, b_size;
    uint8_t *a_bytes = pps_arena_pack (s_arena, a, &a_size);
    uint8_t *b_bytes = pps_arena_pack (s_arena, b, &b_size);
    return a_size == b_size && memcmp (a_bytes, b_bytes, a_size) == 0;
}

//  Drop the output-only "_euros" siblings, as a client sending back what it
//  read must (pps_json_to_message refuses them).
static void
s_strip_euros (json_t *json)
{
    size_t index;
    json_t *value;
    if (json_is_array (json))
        json_array_foreach (json, index, value)
            s_strip_euros (value);
    if (!json_is_object (json))
        return;
    const char *key;
    void *safe;
    json_object_foreach_safe (json, safe, key, value) {
        size_t length = strlen (key);
        char cents [256];
        if (length > 6 && strcmp (key + length - 6, "_euros") == 0) {
            snprintf (cents, sizeof cents, "%.*s_cents", (int) (length - 6), key);
            if (json_object_get (json, cents)) {
                json_object_del (json, key);
                continue;
            }
        }
        s_strip_euros (value);
    }
}

//  Message -> JSON -> message gives the same bytes, with and without defaults.
static void
s_round_trip (const ProtobufCMessage *message, int line)
{
    for (int emit_defaults = 0; emit_defaults < 2; emit_defaults++) {
        json_t *json = pps_json_from_message (message, emit_defaults);
        //  Through text, as the gateway will
        s_strip_euros (json);
        char *text = json_dumps (json, JSON_COMPACT);
        json_decref (json);
        json = s_parse (text);
        ProtobufCMessage *back = pps_json_to_message (s_arena, message->descriptor, json,
                                                      s_field, sizeof s_field,
                                                      s_error, sizeof s_error);
        json_decref (json);
        if (!back || !s_same_bytes (message, back)) {
            fprintf (stderr, "json_test.c:%d: round trip of %s failed: %s\n  %s: %s\n",
                     line, text, back ? "different bytes" : "refused", s_field, s_error);
            exit (1);
        }
        free (text);
        s_checks++;
    }
}
#define ROUND_TRIP(message) s_round_trip (&(message)->base, __LINE__)

static Pps__Date *
s_date (const char *text)
{
    Pps__Date *date = (Pps__Date *) pps_arena_message (s_arena, &pps__date__descriptor);
    if (pps_date_parse (text, date))
        abort ();
    return date;
}

//  ---------------------------------------------------------------------

static void
s_test_establishment (void)
{
    Registry__Establishment establishment = REGISTRY__ESTABLISHMENT__INIT;
    establishment.id = UINT64_MAX;
    establishment.code = "0590001A";
    establishment.name = "Maison d'arr\xc3\xaat de Lille-Sequedin";
    establishment.kind = REGISTRY__ESTABLISHMENT_KIND__CP;
    establishment.has_minors_quarter = true;
    establishment.capacity = 800;
    establishment.opened_on = s_date ("2005-03-01");
    WRITTEN (&establishment, false,
             "{\"capacity\":800,\"code\":\"0590001A\",\"has_minors_quarter\":true,"
             "\"id\":\"18446744073709551615\",\"kind\":\"CP\","
             "\"name\":\"Maison d'arr\xc3\xaat de Lille-Sequedin\",\"opened_on\":\"2005-03-01\"}");
    //  Defaults written on demand; unset dates still omitted
    WRITTEN (&establishment, true,
             "{\"capacity\":800,\"code\":\"0590001A\",\"commune\":\"\","
             "\"departement_code\":\"\",\"directorate_id\":\"0\",\"has_minors_quarter\":true,"
             "\"id\":\"18446744073709551615\",\"kind\":\"CP\","
             "\"name\":\"Maison d'arr\xc3\xaat de Lille-Sequedin\",\"opened_on\":\"2005-03-01\","
             "\"region_code\":\"\"}");
    ROUND_TRIP (&establishment);

    //  A date set to all zero is unset
    establishment.closed_on = (Pps__Date *) pps_arena_message (s_arena, &pps__date__descriptor);
    char *text = s_text (&establishment.base, true);
    CHECK (!strstr (text, "closed_on"));
    free (text);
    establishment.closed_on = s_date ("2024-12-31");
    text = s_text (&establishment.base, false);
    CHECK (strstr (text, "\"closed_on\":\"2024-12-31\""));
    free (text);
    ROUND_TRIP (&establishment);

    //  An empty message is an empty object, and reads back as one
    Registry__Establishment empty = REGISTRY__ESTABLISHMENT__INIT;
    WRITTEN (&empty, false, "{}");
    ROUND_TRIP (&empty);

    //  camelCase names and strings for numbers, as the mapping allows
    Registry__Establishment *read = (Registry__Establishment *) s_read (
        &registry__establishment__descriptor,
        "{\"hasMinorsQuarter\":true,\"directorateId\":\"42\",\"capacity\":\"-7\","
        "\"openedOn\":\"2024-02-29\",\"departement_code\":\"59\",\"id\":12}");
    CHECK (read);
    CHECK (read->has_minors_quarter);
    CHECK (read->directorate_id == 42);
    CHECK (read->capacity == -7);
    CHECK (read->id == 12);
    CHECK (pps_date_ordinal (read->opened_on) == 20240229);
    CHECK (strcmp (read->departement_code, "59") == 0);
    CHECK (read->closed_on == NULL);

    //  null and "" leave a date unset; null leaves anything unset
    read = (Registry__Establishment *) s_read (&registry__establishment__descriptor,
        "{\"opened_on\":\"\",\"closed_on\":null,\"name\":null,\"capacity\":null}");
    CHECK (read);
    CHECK (read->opened_on == NULL && read->closed_on == NULL);
    CHECK (strcmp (read->name, "") == 0);
    CHECK (read->capacity == 0);

    //  Integers: exact bounds in, one past them out, fractions out
    const ProtobufCMessageDescriptor *type = &registry__establishment__descriptor;
    read = (Registry__Establishment *) s_read (type, "{\"capacity\":2147483647}");
    CHECK (read && read->capacity == INT32_MAX);
    read = (Registry__Establishment *) s_read (type, "{\"capacity\":\"-2147483648\"}");
    CHECK (read && read->capacity == INT32_MIN);
    read = (Registry__Establishment *) s_read (type, "{\"capacity\":2.0}");
    CHECK (read && read->capacity == 2);
    read = (Registry__Establishment *) s_read (type, "{\"capacity\":\"1e3\"}");
    CHECK (read && read->capacity == 1000);
    read = (Registry__Establishment *) s_read (type, "{\"id\":\"18446744073709551615\"}");
    CHECK (read && read->id == UINT64_MAX);
    read = (Registry__Establishment *) s_read (type, "{\"id\":9007199254740993}");
    CHECK (read && read->id == 9007199254740993ULL);
    REFUSED (type, "{\"capacity\":2147483648}", "capacity", "out of range for int32");
    REFUSED (type, "{\"capacity\":\"-2147483649\"}", "capacity", "out of range for int32");
    REFUSED (type, "{\"capacity\":1.5}", "capacity", "not a whole number");
    REFUSED (type, "{\"capacity\":\"1.5\"}", "capacity", "not a whole number");
    REFUSED (type, "{\"capacity\":\"12abc\"}", "capacity", "is not a number");
    REFUSED (type, "{\"capacity\":\" 12\"}", "capacity", "is not a number");
    REFUSED (type, "{\"capacity\":true}", "capacity", "expected a whole number, got true");
    REFUSED (type, "{\"id\":-1}", "id", "out of range for uint64");
    REFUSED (type, "{\"id\":\"18446744073709551616\"}", "id", "out of range");
    REFUSED (type, "{\"id\":1e17}", "id", "send it as a string");
    REFUSED (type, "{\"directorate_id\":[1]}", "directorate_id", "got a list");

    //  Other types
    REFUSED (type, "{\"name\":5}", "name", "expected a string, got a number");
    REFUSED (type, "{\"name\":\"a\\u0000b\"}", "name", "NUL");
    REFUSED (type, "{\"has_minors_quarter\":\"yes\"}", "has_minors_quarter",
             "not true or false");
    REFUSED (type, "{\"has_minors_quarter\":1}", "has_minors_quarter",
             "expected true or false");
    read = (Registry__Establishment *) s_read (type, "{\"has_minors_quarter\":\"true\"}");
    CHECK (read && read->has_minors_quarter);

    //  Dates: real days only, as YYYY-MM-DD
    REFUSED (type, "{\"opened_on\":\"2025-02-30\"}", "opened_on", "not a day of the calendar");
    REFUSED (type, "{\"opened_on\":\"2023-02-29\"}", "opened_on", "not a day of the calendar");
    REFUSED (type, "{\"opened_on\":\"2025-2-01\"}", "opened_on", "YYYY-MM-DD");
    REFUSED (type, "{\"opened_on\":\"2025- 1-01\"}", "opened_on", "YYYY-MM-DD");
    REFUSED (type, "{\"opened_on\":\"01/02/2025\"}", "opened_on", "YYYY-MM-DD");
    REFUSED (type, "{\"opened_on\":20250101}", "opened_on", "got a number");
    REFUSED (type, "{\"opened_on\":{\"year\":2025,\"month\":1,\"day\":1}}", "opened_on",
             "got an object");

    //  Unknown fields, either name given twice, and what is not an object
    REFUSED (type, "{\"nickname\":\"x\"}", "nickname", "registry.Establishment has no field");
    REFUSED (type, "{\"Name\":\"x\"}", "Name", "has no field");
    REFUSED (type, "{\"name\":\"a\",\"capacity\":1,\"hasMinorsQuarter\":true,"
             "\"has_minors_quarter\":false}", "has_minors_quarter", "given twice");
    REFUSED (type, "[1]", "", "expected a JSON object");
    REFUSED (type, "\"x\"", "", "got a string");
}

static void
s_test_enums (void)
{
    const ProtobufCMessageDescriptor *type = &registry__person__descriptor;
    Registry__Person *person = (Registry__Person *) s_read (type,
        "{\"category\":\"PRISON_STAFF\",\"fullName\":\"Jeanne Martin\"}");
    CHECK (person);
    CHECK (person->category == REGISTRY__PROFESSIONAL_CATEGORY__PRISON_STAFF);
    CHECK (strcmp (person->full_name, "Jeanne Martin") == 0);
    person = (Registry__Person *) s_read (type, "{\"category\":3}");
    CHECK (person && person->category == REGISTRY__PROFESSIONAL_CATEGORY__SPIP_STAFF);
    person = (Registry__Person *) s_read (type, "{\"category\":\"4\"}");
    CHECK (person && person->category == REGISTRY__PROFESSIONAL_CATEGORY__PJJ_STAFF);
    REFUSED (type, "{\"category\":\"prison_staff\"}", "category",
             "'prison_staff' is not a value of registry.ProfessionalCategory");
    REFUSED (type, "{\"category\":\"PRISON\"}", "category", "HEALTH_PROFESSIONAL, PRISON_STAFF");
    REFUSED (type, "{\"category\":99}", "category", "99 is not a value");
    REFUSED (type, "{\"category\":\"-1\"}", "category", "'-1' is not a value");
    REFUSED (type, "{\"category\":99999999999}", "category", "is not a value");
    REFUSED (type, "{\"category\":1.5}", "category", "expected the name of a value");

    Registry__Person written = REGISTRY__PERSON__INIT;
    written.full_name = "Jeanne Martin";
    written.category = REGISTRY__PROFESSIONAL_CATEGORY__HEALTH_PROMOTION_STAFF;
    WRITTEN (&written, false,
             "{\"category\":\"HEALTH_PROMOTION_STAFF\",\"full_name\":\"Jeanne Martin\"}");
    ROUND_TRIP (&written);
    //  A number the enum does not know goes out as the number
    written.category = (Registry__ProfessionalCategory) 42;
    WRITTEN (&written, false, "{\"category\":42,\"full_name\":\"Jeanne Martin\"}");

    //  Text that is not UTF-8 still makes a JSON reply
    written.category = 0;
    written.full_name = "Caf\xe9";
    WRITTEN (&written, false, "{\"full_name\":\"Caf\xef\xbf\xbd\"}");
}

static void
s_test_nested (void)
{
    //  Oneof: only the member set, written even when empty
    Funding__FundingRequest request = FUNDING__FUNDING_REQUEST__INIT;
    Funding__Funder funder = FUNDING__FUNDER__INIT;
    request.request_id = "r-1";
    request.op_case = FUNDING__FUNDING_REQUEST__OP_CREATE_FUNDER;
    request.create_funder = &funder;
    WRITTEN (&request, false, "{\"create_funder\":{},\"request_id\":\"r-1\"}");
    ROUND_TRIP (&request);
    funder.name = "ARS Hauts-de-France - FIR";
    funder.kind = FUNDING__FUNDER_KIND__FIR;
    ROUND_TRIP (&request);

    const ProtobufCMessageDescriptor *type = &funding__funding_request__descriptor;
    Funding__FundingRequest *read = (Funding__FundingRequest *) s_read (type,
        "{\"requestId\":\"r-2\",\"getFunder\":{\"id\":\"7\"},\"create_funder\":null}");
    CHECK (read);
    CHECK (read->op_case == FUNDING__FUNDING_REQUEST__OP_GET_FUNDER);
    CHECK (read->get_funder && read->get_funder->id == 7);
    REFUSED (type, "{\"create_funder\":{},\"get_funder\":{\"id\":\"1\"}}", "get_funder",
             "only one of create_funder and get_funder");
    REFUSED (type, "{\"create_funder\":{\"name\":5}}", "create_funder.name",
             "expected a string");
    REFUSED (type, "{\"create_funder\":{\"kind\":\"NOPE\"}}", "create_funder.kind",
             "not a value of funding.FunderKind");
    REFUSED (type, "{\"create_funder\":\"ARS\"}", "create_funder",
             "expected an object (funding.Funder), got a string");
    REFUSED (type, "{\"transition_call\":{\"date\":\"2025-02-30\"}}", "transition_call.date",
             "not a day");

    //  Repeated messages: the element's index in the path
    const ProtobufCMessageDescriptor *committee = &registry__steering_committee__descriptor;
    REFUSED (committee, "{\"members\":[{},{\"label\":\"a\"},{\"category\":\"X\"}]}",
             "members[2].category", "not a value of registry.MemberCategory");
    REFUSED (committee, "{\"members\":[{},{\"bogus\":1}]}", "members[1].bogus", "has no field");
    REFUSED (committee, "{\"members\":[{},null]}", "members[1]", "cannot hold null");
    REFUSED (committee, "{\"members\":[{},7]}", "members[1]", "expected an object");
    Registry__SteeringCommittee *steering = (Registry__SteeringCommittee *) s_read (committee,
        "{\"members\":[{\"category\":\"PRISON_GOVERNOR\",\"personId\":\"9\"},{}],"
        "\"constituted_on\":\"2024-01-15\"}");
    CHECK (steering);
    CHECK (steering->n_members == 2);
    CHECK (steering->members [0]->category == REGISTRY__MEMBER_CATEGORY__PRISON_GOVERNOR);
    CHECK (steering->members [0]->person_id == 9);
    CHECK (steering->members [1]->category == 0);
    ROUND_TRIP (steering);
    REFUSED (&registry__add_member__descriptor, "{\"member\":{\"category\":true}}",
             "member.category", "expected the name of a value");

    //  Repeated scalars: arrays, 64-bit ones as strings; a lone value is a list of one
    Funding__Call call = FUNDING__CALL__INIT;
    uint64_t funder_ids [] = { 1, 18446744073709551615ULL };
    Projects__Theme themes [] = { PROJECTS__THEME__TOBACCO, PROJECTS__THEME__ORAL_HEALTH };
    call.funder_ids = funder_ids;
    call.n_funder_ids = 2;
    call.eligible_themes = themes;
    call.n_eligible_themes = 2;
    WRITTEN (&call, false, "{\"eligible_themes\":[\"TOBACCO\",\"ORAL_HEALTH\"],"
             "\"funder_ids\":[\"1\",\"18446744073709551615\"]}");
    ROUND_TRIP (&call);
    char *text = s_text (&call.base, true);
    CHECK (strstr (text, "\"eligible_establishment_ids\":[]"));
    free (text);
    Funding__Call *read_call = (Funding__Call *) s_read (&funding__call__descriptor,
        "{\"funderIds\":\"5\",\"eligible_themes\":[],\"eligible_establishment_ids\":null}");
    CHECK (read_call && read_call->n_funder_ids == 1 && read_call->funder_ids [0] == 5);
    CHECK (read_call->n_eligible_themes == 0);
    REFUSED (&funding__call__descriptor, "{\"funder_ids\":[\"1\",\"x\"]}", "funder_ids[1]",
             "is not a number");
    REFUSED (&funding__call__descriptor, "{\"eligible_themes\":[\"TOBACCO\",\"tobacco\"]}",
             "eligible_themes[1]", "not a value of projects.Theme");
}

static void
s_test_money (void)
{
    Funding__Application application = FUNDING__APPLICATION__INIT;
    application.amount_requested_cents = 151900;
    application.amount_granted_cents = 5;
    WRITTEN (&application, false,
             "{\"amount_granted_cents\":\"5\",\"amount_granted_euros\":\"0.05\","
             "\"amount_requested_cents\":\"151900\",\"amount_requested_euros\":\"1519.00\"}");
    ROUND_TRIP (&application);
    //  At zero, both are omitted, or both written
    application.amount_granted_cents = 0;
    char *text = s_text (&application.base, false);
    CHECK (!strstr (text, "amount_granted"));
    free (text);
    text = s_text (&application.base, true);
    CHECK (strstr (text, "\"amount_granted_cents\":\"0\",\"amount_granted_euros\":\"0.00\""));
    free (text);

    Funding__CoFinancing financing = FUNDING__CO_FINANCING__INIT;
    financing.remaining_cents = -350;
    financing.planned_budget_cents = 10000000000000LL;      //  PPS_MONEY_MAX
    financing.granted_cents = INT64_MIN;
    financing.pending_cents = -99;
    WRITTEN (&financing, false,
             "{\"granted_cents\":\"-9223372036854775808\","
             "\"granted_euros\":\"-92233720368547758.08\","
             "\"pending_cents\":\"-99\",\"pending_euros\":\"-0.99\","
             "\"planned_budget_cents\":\"10000000000000\","
             "\"planned_budget_euros\":\"100000000000.00\","
             "\"remaining_cents\":\"-350\",\"remaining_euros\":\"-3.50\"}");
    ROUND_TRIP (&financing);
    //  In nested messages too
    Funding__FunderLine line = FUNDING__FUNDER_LINE__INIT;
    Funding__FunderLine *lines [] = { &line };
    line.granted_cents = 123456789;
    financing.funders = lines;
    financing.n_funders = 1;
    text = s_text (&financing.base, false);
    CHECK (strstr (text, "\"funders\":[{\"granted_cents\":\"123456789\","
                         "\"granted_euros\":\"1234567.89\"}]"));
    free (text);
    ROUND_TRIP (&financing);

    //  Euros are output only
    const ProtobufCMessageDescriptor *type = &funding__application__descriptor;
    REFUSED (type, "{\"amount_requested_euros\":\"1519.00\"}", "amount_requested_euros",
             "output only: give the amount in cents as amount_requested_cents");
    REFUSED (type, "{\"amountRequestedEuros\":\"1519.00\"}", "amountRequestedEuros",
             "as amount_requested_cents");
    REFUSED (&funding__co_financing__descriptor, "{\"funders\":[{\"granted_euros\":\"1\"}]}",
             "funders[0].granted_euros", "output only");
    Funding__Application *read = (Funding__Application *) s_read (type,
        "{\"amount_requested_cents\":\"-9223372036854775808\",\"amountGrantedCents\":151900}");
    CHECK (read && read->amount_requested_cents == INT64_MIN);
    CHECK (read->amount_granted_cents == 151900);
    REFUSED (type, "{\"amount_requested_cents\":\"9223372036854775808\"}",
             "amount_requested_cents", "out of range for int64");
    REFUSED (type, "{\"amount_requested_cents\":\"15.19\"}", "amount_requested_cents",
             "not a whole number");
}

static void
s_test_bytes_and_reals (void)
{
    //  Bytes: base64 with padding out, either alphabet and no padding in
    Pps__EventBatch batch = PPS__EVENT_BATCH__INIT;
    uint8_t raw [] = { 0x00, 0xff, 0xfb, 0x10 };
    ProtobufCBinaryData events [] = {
        { 0, raw }, { 1, raw }, { 2, raw }, { 3, raw }, { 4, raw }
    };
    batch.events = events;
    batch.n_events = 5;
    batch.last_seq = 3;
    WRITTEN (&batch, false,
             "{\"events\":[\"\",\"AA==\",\"AP8=\",\"AP/7\",\"AP/7EA==\"],\"last_seq\":\"3\"}");
    ROUND_TRIP (&batch);
    const ProtobufCMessageDescriptor *type = &pps__event_batch__descriptor;
    Pps__EventBatch *read = (Pps__EventBatch *) s_read (type,
        "{\"events\":[\"AP_7\",\"AP/7EA\",\"AP_7EA==\"]}");
    CHECK (read && read->n_events == 3);
    CHECK (read->events [0].len == 3 && memcmp (read->events [0].data, raw, 3) == 0);
    CHECK (read->events [1].len == 4 && memcmp (read->events [1].data, raw, 4) == 0);
    CHECK (read->events [2].len == 4 && memcmp (read->events [2].data, raw, 4) == 0);
    read = (Pps__EventBatch *) s_read (type, "{\"events\":[\"-_-_\",\"+/+/\"]}");
    CHECK (read && read->n_events == 2 && read->events [0].len == 3);
    CHECK (memcmp (read->events [0].data, "\xfb\xff\xbf", 3) == 0);
    CHECK (memcmp (read->events [1].data, "\xfb\xff\xbf", 3) == 0);
    REFUSED (type, "{\"events\":[\"AAAAA\"]}", "events[0]", "not base64");
    REFUSED (type, "{\"events\":[\"AA*A\"]}", "events[0]", "not base64: '*'");
    REFUSED (type, "{\"events\":[\"AA=\"]}", "events[0]", "not base64");
    REFUSED (type, "{\"events\":[3]}", "events[0]", "expected base64 text");

    //  Doubles: numbers, and the mapping's strings for the rest
    Pps__Gauge gauge = PPS__GAUGE__INIT;
    gauge.name = "subscriber_lag";
    gauge.value = 1.5;
    WRITTEN (&gauge, false, "{\"name\":\"subscriber_lag\",\"value\":1.5}");
    ROUND_TRIP (&gauge);
    gauge.value = NAN;
    WRITTEN (&gauge, false, "{\"name\":\"subscriber_lag\",\"value\":\"NaN\"}");
    gauge.value = -INFINITY;
    WRITTEN (&gauge, false, "{\"name\":\"subscriber_lag\",\"value\":\"-Infinity\"}");
    ROUND_TRIP (&gauge);
    type = &pps__gauge__descriptor;
    Pps__Gauge *read_gauge = (Pps__Gauge *) s_read (type, "{\"value\":\"Infinity\"}");
    CHECK (read_gauge && isinf (read_gauge->value) && read_gauge->value > 0);
    read_gauge = (Pps__Gauge *) s_read (type, "{\"value\":\"NaN\"}");
    CHECK (read_gauge && isnan (read_gauge->value));
    read_gauge = (Pps__Gauge *) s_read (type, "{\"value\":\"-2.5e3\"}");
    CHECK (read_gauge && read_gauge->value == -2500);
    read_gauge = (Pps__Gauge *) s_read (type, "{\"value\":7}");
    CHECK (read_gauge && read_gauge->value == 7);
    REFUSED (type, "{\"value\":\"nan\"}", "value", "not a number");
    REFUSED (type, "{\"value\":\"1e999\"}", "value", "out of range for double");
    REFUSED (type, "{\"value\":false}", "value", "expected a number");
}

//  Query strings: key=value pairs into an object pps_json_to_message reads.
static void
s_test_pairs (void)
{
    json_t *object = json_object ();
    char error [256] = "";
    CHECK (pps_json_set_path (object, "committee_id", "12", error, sizeof error) == 0);
    CHECK (pps_json_set_path (object, "member.category", "SPIP_MEMBER", error, sizeof error) == 0);
    CHECK (pps_json_set_path (object, "member.personId", "9", error, sizeof error) == 0);
    char *text = json_dumps (object, JSON_COMPACT | JSON_SORT_KEYS);
    CHECK (strcmp (text, "{\"committee_id\":\"12\",\"member\":{\"category\":\"SPIP_MEMBER\","
                         "\"personId\":\"9\"}}") == 0);
    free (text);
    s_field [0] = s_error [0] = 0;
    Registry__AddMember *add = (Registry__AddMember *) pps_json_to_message (s_arena,
        &registry__add_member__descriptor, object, s_field, sizeof s_field,
        s_error, sizeof s_error);
    CHECK (add);
    CHECK (add->committee_id == 12);
    CHECK (add->member && add->member->category == REGISTRY__MEMBER_CATEGORY__SPIP_MEMBER);
    CHECK (add->member->person_id == 9);
    //  A part with an unknown name is refused at its path
    CHECK (pps_json_set_path (object, "member.nickname", "x", error, sizeof error) == 0);
    add = (Registry__AddMember *) pps_json_to_message (s_arena,
        &registry__add_member__descriptor, object, s_field, sizeof s_field,
        s_error, sizeof s_error);
    CHECK (!add && strcmp (s_field, "member.nickname") == 0);

    //  Conflicts and empty parts
    CHECK (pps_json_set_path (object, "member", "1", error, sizeof error) == -1);
    CHECK (strstr (error, "member is given both as a value and with fields"));
    CHECK (pps_json_set_path (object, "committee_id.x", "1", error, sizeof error) == -1);
    CHECK (strstr (error, "committee_id is given both"));
    CHECK (pps_json_set_path (object, "member.category.x", "1", error, sizeof error) == -1);
    CHECK (strstr (error, "member.category is given both"));
    CHECK (pps_json_set_path (object, "a..b", "1", error, sizeof error) == -1);
    CHECK (strstr (error, "a part is empty"));
    CHECK (pps_json_set_path (object, ".a", "1", error, sizeof error) == -1);
    CHECK (pps_json_set_path (object, "a.", "1", error, sizeof error) == -1);
    CHECK (pps_json_set_path (object, "", "1", error, sizeof error) == -1);
    CHECK (pps_json_set_path (object, "name", "\xff", error, sizeof error) == -1);
    CHECK (strstr (error, "not UTF-8"));
    CHECK (pps_json_set_path (object, "x.\xff", "1", error, sizeof error) == -1);
    CHECK (strstr (error, "not UTF-8"));
    //  A refused pair leaves nothing behind
    text = json_dumps (object, JSON_COMPACT | JSON_SORT_KEYS);
    CHECK (strcmp (text, "{\"committee_id\":\"12\",\"member\":{\"category\":\"SPIP_MEMBER\","
                         "\"nickname\":\"x\",\"personId\":\"9\"}}") == 0);
    free (text);
    json_decref (object);

    //  A key given again makes a list; every scalar type reads from strings
    object = json_object ();
    const char *pairs [][2] = {
        { "funder_ids", "3" }, { "title", "Appel 2025" }, { "funder_ids", "18446744073709551615" },
        { "coordinatedInstruction", "true" }, { "eligible_themes", "TOBACCO" },
        { "funder_ids", "4" }, { "year", "2025" }, { "opening_date", "2025-03-01" },
        { "status", "2" }, { "envelope_cents", "-150" }
    };
    for (size_t index = 0; index < sizeof pairs / sizeof pairs [0]; index++)
        CHECK (pps_json_set_path (object, pairs [index][0], pairs [index][1],
                                  error, sizeof error) == 0);
    text = json_dumps (json_object_get (object, "funder_ids"), JSON_COMPACT);
    CHECK (strcmp (text, "[\"3\",\"18446744073709551615\",\"4\"]") == 0);
    free (text);
    Funding__Call *call = (Funding__Call *) pps_json_to_message (s_arena,
        &funding__call__descriptor, object, s_field, sizeof s_field, s_error, sizeof s_error);
    if (!call)
        fprintf (stderr, "refused at %s: %s\n", s_field, s_error);
    CHECK (call);
    CHECK (call->n_funder_ids == 3 && call->funder_ids [0] == 3);
    CHECK (call->funder_ids [1] == UINT64_MAX && call->funder_ids [2] == 4);
    CHECK (strcmp (call->title, "Appel 2025") == 0);
    CHECK (call->coordinated_instruction);
    CHECK (call->n_eligible_themes == 1 && call->eligible_themes [0] == PROJECTS__THEME__TOBACCO);
    CHECK (call->year == 2025);
    CHECK (pps_date_ordinal (call->opening_date) == 20250301);
    CHECK (call->status == 2);
    CHECK (call->envelope_cents == -150);
    CHECK (pps_json_set_path (object, "year", "2026", error, sizeof error) == 0);
    call = (Funding__Call *) pps_json_to_message (s_arena, &funding__call__descriptor, object,
                                                  s_field, sizeof s_field,
                                                  s_error, sizeof s_error);
    CHECK (!call && strcmp (s_field, "year") == 0 && strstr (s_error, "got a list"));
    json_decref (object);
}

int
main (int argc, char **argv)
{
    s_arena = pps_arena_new ();
    s_test_establishment ();
    pps_arena_reset (s_arena);
    s_test_enums ();
    s_test_nested ();
    s_test_money ();
    s_test_bytes_and_reals ();
    s_test_pairs ();
    pps_arena_destroy (&s_arena);
    printf ("json: %d checks OK\n", s_checks);
    return 0;
}
