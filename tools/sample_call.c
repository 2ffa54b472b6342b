/*  sample_call: how the sample loaders call a service.  */
#include "sample_call.h"

#include "pps_date.h"
#include "pps_reflect.h"

ProtobufCMessage *
sample_call (pps_client_t *client, pps_arena_t *arena, ProtobufCMessage *request,
             const ProtobufCMessageDescriptor *reply_type, const char *request_id,
             const char *what, bool *failed_p)
{
    if (*failed_p)
        return NULL;
    char fresh [33];
    pps_reflect_set_string (request, 1, request_id ? request_id : pps_client_new_request_id (fresh));
    pps_reflect_set_string (request, 2, "sample");
    ProtobufCMessage *reply = NULL;
    if (pps_client_call (client, request, reply_type, arena, &reply)) {
        zsys_error ("sample: no answer to %s", what);
        *failed_p = true;
        return NULL;
    }
    const Pps__Status *status = pps_client_status (reply);
    if (status->code != PPS__CODE__OK) {
        zsys_error ("sample: %s refused: %s %s", what, status->field, status->message);
        *failed_p = true;
        return NULL;
    }
    return reply;
}

Pps__Date *
sample_date (pps_arena_t *arena, const char *text)
{
    Pps__Date *date = pps_arena_alloc (arena, sizeof (Pps__Date));
    pps__date__init (date);
    if (pps_date_parse (text, date))
        assert (false);         //  The sample's own dates are literals
    return date;
}
