/*  ppsctl_notify: `ppsctl notifications`, the notifications and their
    deliveries as a table, from list_notifications and list_deliveries.  */
#include "ppsctl_notify.h"

#include "ppsctl_table.h"
#include "notify.pb-c.h"

#define DELIVERIES_MAX 10000          //  Deliveries fetched to join with the notifications

typedef struct {
    const char *state;                //  --state, or NULL
    const char *kind;                 //  --kind, or NULL
    const char *region;               //  --region, or NULL
    int64_t limit;                    //  --limit, 0 = the service's default
} options_t;

void
ppsctl_usage_notifications (FILE *out)
{
    fprintf (out, "usage: ppsctl notifications [--state PENDING|SENT|FAILED] [--kind KIND]\n"
                  "                            [--region R] [--limit N]\n"
                  "kinds: DESIGNATION_ENDED VACANCY_OPENED VACANCY_REMINDER DESIGNATION_ENDING\n"
                  "       VACANCY_CLOSED COMMITTEE_CATEGORY_LOST STEP_DUE STEP_OVERDUE\n");
}

//  An enum value's name, "?" when unknown.
static const char *
s_enum_name (const ProtobufCEnumDescriptor *descriptor, int value)
{
    const ProtobufCEnumValue *named = protobuf_c_enum_descriptor_get_value (descriptor, value);
    return named ? named->name : "?";
}

//  The value of an enum by name, or -1 (printed) when it is not one.
static int
s_enum_value (const ProtobufCEnumDescriptor *descriptor, const char *flag, const char *name)
{
    const ProtobufCEnumValue *value = protobuf_c_enum_descriptor_get_value_by_name (descriptor,
                                                                                  name);
    if (!value || value->value == 0) {
        fprintf (stderr, "error: %s: '%s' is not one of", flag, name);
        for (unsigned index = 1; index < descriptor->n_values; index++)
            fprintf (stderr, " %s", descriptor->values [index].name);
        fprintf (stderr, "\n");
        return -1;
    }
    return value->value;
}

//  Send op to the notify service; on an OK reply sets *reply_p.
static int
s_call (ppsctl_t *self, uint32_t op, ProtobufCMessage *payload, Notify__NotifyReply **reply_p)
{
    const ppsctl_service_t *service = ppsctl_service_find ("notify");
    ProtobufCMessage *reply;
    int rc = ppsctl_send (self, service, op, payload, &reply);
    if (rc == PPSCTL_OK)
        rc = ppsctl_check_status (reply);
    if (rc == PPSCTL_OK)
        *reply_p = (Notify__NotifyReply *) reply;
    return rc;
}

//  Parse the flags; returns 0, or PPSCTL_USAGE with the reason printed.
static int
s_options (int argc, char **argv, options_t *options)
{
    memset (options, 0, sizeof *options);
    for (int index = 0; index < argc; index++) {
        const char *flag = argv [index];
        if (index + 1 >= argc
        ||  !(streq (flag, "--state") || streq (flag, "--kind") || streq (flag, "--region")
              || streq (flag, "--limit"))) {
            fprintf (stderr, "error: unexpected '%s'\n", flag);
            ppsctl_usage_notifications (stderr);
            return PPSCTL_USAGE;
        }
        const char *value = argv [++index];
        if (streq (flag, "--state"))
            options->state = value;
        else
        if (streq (flag, "--kind"))
            options->kind = value;
        else
        if (streq (flag, "--region"))
            options->region = value;
        else
        if (ppsctl_parse_int (value, 1, 10000, &options->limit)) {
            fprintf (stderr, "error: --limit: '%s' is not a number from 1 to 10000\n", value);
            return PPSCTL_USAGE;
        }
    }
    return 0;
}

//  What a notification is about, in a few words.
static const char *
s_about (ppsctl_t *self, const Notify__Notification *notification)
{
    if (notification->plan_id)
        //  A step reminder: the planned session, its project, who is responsible
        return pps_arena_printf (self->arena, "plan %llu %s %s%s%s",
                                 (unsigned long long) notification->plan_id,
                                 notification->project_title, notification->establishment_name,
                                 *notification->person_name ? ", " : "",
                                 notification->person_name);
    const char *role = notification->role
                     ? s_enum_name (&registry__referent_role__descriptor, notification->role)
                     : "STEERING_COMMITTEE";
    const char *scope = notification->establishment_id ? notification->establishment_name
                                                        : pps_arena_printf (self->arena, "region %s",
                                                                            notification->region_code);
    return pps_arena_printf (self->arena, "%s %s%s%s", role, scope,
                             *notification->person_name ? ", " : "", notification->person_name);
}

//  One table row: a notification and one of its deliveries (or none).
static void
s_row (ppsctl_t *self, ppsctl_table_t *table, const Notify__Notification *notification,
       const Notify__Delivery *delivery)
{
    char created [40];
    ppsctl_iso_time (notification->created_ms, created, sizeof created);
    created [16] = 0;               //  To the minute
    ppsctl_table_row (table);
    ppsctl_table_cellf (table, "%llu", (unsigned long long) notification->id);
    ppsctl_table_cell (table, created);
    ppsctl_table_cell (table, s_enum_name (&notify__notification_kind__descriptor,
                                           notification->kind));
    ppsctl_table_cell (table, s_about (self, notification));
    ppsctl_table_cell (table, delivery ? s_enum_name (&notify__channel__descriptor,
                                                      delivery->channel) : "-");
    ppsctl_table_cell (table, delivery ? delivery->recipient : "-");
    ppsctl_table_cell (table, delivery ? s_enum_name (&notify__delivery_state__descriptor,
                                                      delivery->state) : "-");
    if (delivery)
        ppsctl_table_cellf (table, "%u", delivery->attempts);
    else
        ppsctl_table_cell (table, "-");
    ppsctl_table_cell (table, delivery ? delivery->last_error : "");
}

int
ppsctl_cmd_notifications (ppsctl_t *self, int argc, char **argv)
{
    options_t options;
    int rc = s_options (argc, argv, &options);
    if (rc)
        return rc;
    Notify__NotificationFilter *filter = (Notify__NotificationFilter *)
        pps_arena_message (self->arena, &notify__notification_filter__descriptor);
    Notify__DeliveryFilter *deliveries_filter = (Notify__DeliveryFilter *)
        pps_arena_message (self->arena, &notify__delivery_filter__descriptor);
    int value;
    if (options.kind) {
        if ((value = s_enum_value (&notify__notification_kind__descriptor, "--kind",
                                   options.kind)) < 0)
            return PPSCTL_USAGE;
        filter->kind = (Notify__NotificationKind) value;
    }
    if (options.state) {
        if ((value = s_enum_value (&notify__delivery_state__descriptor, "--state",
                                   options.state)) < 0)
            return PPSCTL_USAGE;
        deliveries_filter->state = (Notify__DeliveryState) value;
    }
    filter->region_code = (char *) (options.region ? options.region : "");
    filter->limit = (uint32_t) options.limit;
    deliveries_filter->limit = DELIVERIES_MAX;
    Notify__NotifyReply *notifications, *deliveries;
    if ((rc = s_call (self, NOTIFY__NOTIFY_REQUEST__OP_LIST_NOTIFICATIONS, &filter->base,
                      &notifications))
    ||  (rc = s_call (self, NOTIFY__NOTIFY_REQUEST__OP_LIST_DELIVERIES, &deliveries_filter->base,
                      &deliveries)))
        return rc;
    const Notify__NotificationList *list = notifications->notifications;
    const Notify__DeliveryList *sent = deliveries->deliveries;
    json_t *json = self->json ? json_array () : NULL;
    ppsctl_table_t *table = ppsctl_table_new (self->arena);
    //  Each column with its rank: who is concerned and where it stands stay
    const struct {
        const char *name;
        bool right;
        int rank;
    } columns [] = {
        { "id", true, PPSCTL_RANK_LABEL }, { "created (UTC)", false, PPSCTL_RANK_DATE },
        { "kind", false, PPSCTL_RANK_STATE }, { "about", false, PPSCTL_RANK_LABEL },
        { "channel", false, PPSCTL_RANK_STATE }, { "recipient", false, PPSCTL_RANK_LABEL },
        { "state", false, PPSCTL_RANK_STATE }, { "tries", true, PPSCTL_RANK_PLAIN },
        { "last_error", false, PPSCTL_RANK_PLAIN },
    };
    for (size_t column = 0; column < sizeof columns / sizeof columns [0]; column++) {
        ppsctl_table_column (table, columns [column].name, NULL, columns [column].right);
        ppsctl_table_rank (table, columns [column].rank);
    }
    size_t rows = 0;
    for (size_t index = 0; index < list->n_items; index++) {
        const Notify__Notification *notification = list->items [index];
        json_t *mine = json ? json_array () : NULL;
        size_t shown = 0;
        //  Deliveries come newest first too: show them in the order made
        for (size_t at = sent->n_items; at > 0; at--) {
            const Notify__Delivery *delivery = sent->items [at - 1];
            if (delivery->notification_id != notification->id)
                continue;
            shown++;
            if (mine)
                json_array_append_new (mine, ppsctl_json_message (&delivery->base));
            else
                s_row (self, table, notification, delivery);
        }
        if (options.state && !shown)
            continue;
        if (!shown && !json)
            s_row (self, table, notification, NULL);
        rows++;
        if (json) {
            json_t *item = json_object ();
            json_object_set_new (item, "notification", ppsctl_json_message (&notification->base));
            json_object_set_new (item, "deliveries", mine);
            json_array_append_new (json, item);
        }
        else
            json_decref (mine);
    }
    if (json)
        ppsctl_json_print (stdout, json);
    else {
        if (ppsctl_table_print (table, stdout, self->columns, ppsctl_table_width (stdout)))
            return PPSCTL_USAGE;
        printf ("%zu notification%s\n", rows, rows == 1 ? "" : "s");
    }
    return PPSCTL_OK;
}
