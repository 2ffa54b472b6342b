/*  notify_it_world: sinks, the region, and calls for the notify scenarios.  */
#include "notify_it.h"

#include <jansson.h>
#include <signal.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#define ACTOR          "notify-it"
#define PORT_WAIT      100            //  Tries of 20 ms for a sink's port file
#define SETTLE_TRIES   250            //  Tries of 20 ms for pps-notify to catch up

//  ---------------------------------------------------------------- sinks

void
sink_start (sink_t *sink)
{
    IT_CHECK (sink->pid == 0, "sink already runs");
    if (!sink->dir) {
        char template [] = "/tmp/pps-notify-sink-XXXXXX";
        IT_CHECK (mkdtemp (template), "mkdtemp: %s", strerror (errno));
        sink->dir = strdup (template);
        sink->port_file = zsys_sprintf ("%s/.port", sink->dir);
    }
    char port [16];
    snprintf (port, sizeof port, "%d", sink->port);
    pid_t parent = getpid ();
    pid_t pid = fork ();
    IT_CHECK (pid >= 0, "fork: %s", strerror (errno));
    if (pid == 0) {
        prctl (PR_SET_PDEATHSIG, SIGKILL);
        if (getppid () != parent)
            _exit (126);
        char *argv [10] = { (char *) sink->program, "--dir", sink->dir, NULL };
        int argc = 3;
        argv [argc++] = sink->port ? "--port" : "--port-file";
        argv [argc++] = sink->port ? port : sink->port_file;
        if (sink->reject) {
            argv [argc++] = "--reject";
            argv [argc++] = (char *) sink->reject;
        }
        argv [argc] = NULL;
        execv (sink->program, argv);
        _exit (127);
    }
    sink->pid = pid;
    if (sink->port) {
        //  Listening is quick; a client retries anyway
        zclock_sleep (100);
        return;
    }
    for (int attempt = 0; attempt < PORT_WAIT && !sink->port; attempt++) {
        FILE *file = fopen (sink->port_file, "r");
        if (file) {
            if (fscanf (file, "%d", &sink->port) != 1)
                sink->port = 0;
            fclose (file);
        }
        if (!sink->port)
            zclock_sleep (20);
    }
    IT_CHECK (sink->port > 0, "%s wrote no port", sink->program);
}

void
sink_kill (sink_t *sink)
{
    if (sink->pid <= 0)
        return;
    kill (sink->pid, SIGKILL);
    waitpid (sink->pid, NULL, 0);
    sink->pid = 0;
}

//  Decode our own RFC 2047 words (UTF-8, base64) back into text.
static char *
s_decode_words (pps_arena_t *arena, const char *value)
{
    if (!strstr (value, "=?UTF-8?B?"))
        return pps_arena_strdup (arena, value);
    char *out = pps_arena_alloc (arena, strlen (value) + 1);
    size_t at = 0;
    for (const char *cursor = value; (cursor = strstr (cursor, "=?UTF-8?B?")); ) {
        cursor += 10;
        const char *end = strstr (cursor, "?=");
        IT_CHECK (end, "unterminated encoded word in '%s'", value);
        size_t decoded = 0;
        IT_CHECK (sodium_base642bin ((unsigned char *) out + at, strlen (value) - at, cursor,
                                     (size_t) (end - cursor), NULL, &decoded, NULL,
                                     sodium_base64_VARIANT_ORIGINAL) == 0, "bad base64");
        at += decoded;
        cursor = end + 2;
    }
    out [at] = 0;
    return out;
}

//  Quoted-printable back into text (soft breaks joined, CRLF as LF).
static char *
s_decode_qp (pps_arena_t *arena, const char *text)
{
    char *out = pps_arena_alloc (arena, strlen (text) + 1);
    size_t at = 0;
    for (const char *c = text; *c; c++) {
        if (c [0] == '=' && c [1] == '\r' && c [2] == '\n')
            c += 2;
        else
        if (c [0] == '=' && isxdigit ((unsigned char) c [1]) && isxdigit ((unsigned char) c [2])) {
            char hex [3] = { c [1], c [2], 0 };
            out [at++] = (char) strtol (hex, NULL, 16);
            c += 2;
        }
        else
        if (c [0] != '\r')
            out [at++] = *c;
    }
    out [at] = 0;
    return out;
}

//  The value of header name in an e-mail's header block, unfolded.
static char *
s_header (pps_arena_t *arena, const char *headers, const char *name)
{
    size_t length = strlen (name);
    for (const char *line = headers; line && *line; ) {
        if (strncasecmp (line, name, length) == 0 && line [length] == ':') {
            const char *value = line + length + 1;
            while (*value == ' ')
                value++;
            char *out = pps_arena_strdup (arena, "");
            //  Continuation lines start with a blank
            while (true) {
                const char *end = strstr (value, "\r\n");
                size_t size = end ? (size_t) (end - value) : strlen (value);
                out = pps_arena_printf (arena, "%s%.*s", out, (int) size, value);
                if (!end || (end [2] != ' ' && end [2] != '\t'))
                    break;
                value = end + 3;
            }
            return out;
        }
        line = strstr (line, "\r\n");
        line = line ? line + 2 : NULL;
    }
    return pps_arena_strdup (arena, "");
}

//  An e-mail file into a received_t (headers decoded, body QP-decoded).
static void
s_parse_mail (pps_arena_t *arena, char *content, received_t *item)
{
    char *blank = strstr (content, "\r\n\r\n");
    IT_CHECK (blank, "a message without a body");
    *blank = 0;
    char *id = s_header (arena, content, "Message-ID");
    item->key = id;
    item->recipient = s_header (arena, content, "X-Sink-Rcpt-To");
    item->subject = s_decode_words (arena, s_header (arena, content, "Subject"));
    item->kind = s_header (arena, content, "X-PPS-Kind");
    item->text = s_decode_qp (arena, blank + 4);
    IT_CHECK (*id && strstr (s_header (arena, content, "Content-Type"), "charset=UTF-8")
              && *s_header (arena, content, "Date") && *s_header (arena, content, "From"),
              "a message lacks a header");
}

//  A webhook file into a received_t (key, path, document fields).
static void
s_parse_post (pps_arena_t *arena, char *content, received_t *item)
{
    char *blank = strstr (content, "\n\n");
    IT_CHECK (blank && strncmp (content, "Idempotency-Key: ", 17) == 0, "a post without key");
    *blank = 0;
    char *newline = strchr (content, '\n');
    *newline = 0;
    item->key = pps_arena_strdup (arena, content + 17);
    item->recipient = pps_arena_strdup (arena, newline + 1 + strlen ("Path: "));
    json_t *json = json_loads (blank + 2, 0, NULL);
    IT_CHECK (json, "a post that is not JSON: %s", blank + 2);
    item->subject = pps_arena_strdup (arena, json_string_value (json_object_get (json, "subject")));
    item->text = pps_arena_strdup (arena, json_string_value (json_object_get (json, "text")));
    item->kind = pps_arena_strdup (arena, json_string_value (json_object_get (json, "kind")));
    item->reminder = (int) json_integer_value (json_object_get (json, "reminder"));
    IT_CHECK (streq (json_string_value (json_object_get (json, "idempotency_key")), item->key),
              "the document's key is not the header's");
    json_decref (json);
}

size_t
sink_read (sink_t *sink, pps_arena_t *arena, received_t **items_p)
{
    received_t *items = NULL;
    size_t count = 0;
    zdir_t *dir = zdir_new (sink->dir, NULL);
    zfile_t **files = dir ? (zfile_t **) zdir_flatten (dir) : NULL;
    for (size_t index = 0; files && files [index]; index++) {
        const char *path = zfile_filename (files [index], NULL);
        const char *name = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;
        if (*name == '.' || !(strstr (name, ".eml") || strstr (name, ".json")))
            continue;
        FILE *file = fopen (path, "r");
        IT_CHECK (file, "cannot read %s", name);
        char *content = pps_arena_alloc (arena, 1 << 20);
        size_t size = fread (content, 1, (1 << 20) - 1, file);
        fclose (file);
        content [size] = 0;
        received_t *grown = pps_arena_alloc (arena, (count + 1) * sizeof (received_t));
        if (count)
            memcpy (grown, items, count * sizeof (received_t));
        items = grown;
        if (sink->http)
            s_parse_post (arena, content, &items [count]);
        else
            s_parse_mail (arena, content, &items [count]);
        count++;
    }
    zdir_flatten_free (&files);
    zdir_destroy (&dir);
    *items_p = items;
    return count;
}

//  ---------------------------------------------------------------- registry

Pps__Date *
world_day (pps_arena_t *arena, int offset)
{
    time_t seconds = time (NULL) + (time_t) offset * 86400;
    struct tm tm;
    gmtime_r (&seconds, &tm);
    Pps__Date *date = (Pps__Date *) pps_arena_message (arena, &pps__date__descriptor);
    date->year = tm.tm_year + 1900;
    date->month = tm.tm_mon + 1;
    date->day = tm.tm_mday;
    return date;
}

//  Send a registry write and fail the test unless it is OK.
static Registry__RegistryReply *
s_write (world_t *self, Registry__RegistryRequest *request)
{
    Registry__RegistryReply *reply = it_call (self->registry_client, self->arena, request);
    const Pps__Status *status = pps_client_status (&reply->base);
    IT_CHECK (status->code == PPS__CODE__OK, "registry answered %s on '%s': %s",
              it_code_name (status->code), status->field, status->message);
    return reply;
}

uint64_t
world_person (world_t *self, const char *name, const char *email)
{
    Registry__RegistryRequest *request = it_request (self->arena, ACTOR);
    Registry__Person *person = (Registry__Person *)
        pps_arena_message (self->arena, &registry__person__descriptor);
    person->full_name = (char *) name;
    person->work_email = (char *) email;
    person->region_code = "32";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_PERSON;
    request->create_person = person;
    return s_write (self, request)->person->id;
}

uint64_t
world_designate (world_t *self, uint64_t person, Registry__ReferentRole role,
                 uint64_t establishment, Pps__Date *start, Pps__Date *end)
{
    Registry__RegistryRequest *request = it_request (self->arena, ACTOR);
    Registry__Designation *designation = (Registry__Designation *)
        pps_arena_message (self->arena, &registry__designation__descriptor);
    designation->person_id = person;
    designation->role = role;
    designation->region_code = "32";
    designation->establishment_id = establishment;
    designation->start_date = start;
    designation->end_date = end;
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_DESIGNATE;
    request->designate = designation;
    return s_write (self, request)->designation->id;
}

void
world_end (world_t *self, uint64_t designation, Pps__Date *end, Registry__EndReason reason,
           const char *note)
{
    Registry__RegistryRequest *request = it_request (self->arena, ACTOR);
    Registry__EndDesignation *in = (Registry__EndDesignation *)
        pps_arena_message (self->arena, &registry__end_designation__descriptor);
    in->id = designation;
    in->end_date = end;
    in->reason = reason;
    in->note = (char *) (note ? note : "");
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_END_DESIGNATION;
    request->end_designation = in;
    s_write (self, request);
}

//  ---------------------------------------------------------------- notify

Notify__NotifyReply *
world_notify_call (world_t *self, uint32_t op, ProtobufCMessage *payload)
{
    Notify__NotifyRequest *request = (Notify__NotifyRequest *)
        pps_arena_message (self->arena, &notify__notify_request__descriptor);
    char id [33];
    request->request_id = pps_arena_strdup (self->arena, pps_client_new_request_id (id));
    request->actor = ACTOR;
    request->op_case = (Notify__NotifyRequest__OpCase) op;
    //  Every member of the oneof sits at the same place
    request->list_notifications = (Notify__NotificationFilter *) payload;
    ProtobufCMessage *reply = NULL;
    IT_CHECK (pps_client_call (self->notify_client, &request->base, &notify__notify_reply__descriptor,
                               self->arena, &reply) == 0, "pps-notify does not answer");
    const Pps__Status *status = pps_client_status (reply);
    IT_CHECK (status->code == PPS__CODE__OK, "pps-notify answered %s: %s",
              it_code_name (status->code), status->message);
    return (Notify__NotifyReply *) reply;
}

Notify__NotificationList *
world_notifications (world_t *self)
{
    ProtobufCMessage *filter = pps_arena_message (self->arena, &notify__notification_filter__descriptor);
    return world_notify_call (self, NOTIFY__NOTIFY_REQUEST__OP_LIST_NOTIFICATIONS,
                              filter)->notifications;
}

Notify__DeliveryList *
world_deliveries (world_t *self, Notify__DeliveryState state)
{
    Notify__DeliveryFilter *filter = (Notify__DeliveryFilter *)
        pps_arena_message (self->arena, &notify__delivery_filter__descriptor);
    filter->state = state;
    return world_notify_call (self, NOTIFY__NOTIFY_REQUEST__OP_LIST_DELIVERIES,
                              &filter->base)->deliveries;
}

//  ---------------------------------------------------------------- world

void
world_notify_start (world_t *self)
{
    it_service_start (self->notify);
}

//  How many posts pps-notify follows as empty.
static uint64_t
s_vacancies (world_t *self)
{
    ProtobufCMessage *filter = pps_arena_message (self->arena, &notify__vacancy_filter__descriptor);
    return world_notify_call (self, NOTIFY__NOTIFY_REQUEST__OP_LIST_VACANCIES,
                              filter)->vacancies->n_items;
}

void
world_start (world_t *self, char **argv, const char *const *extra_env)
{
    self->arena = pps_arena_new ();
    self->smtp = (sink_t) { .program = argv [4], .http = false, .reject = "bounce" };
    self->http = (sink_t) { .program = argv [5], .http = true };
    sink_start (&self->smtp);
    sink_start (&self->http);
    self->registry = it_service_new (self->registry_program, IT_IPC);
    it_service_setenv (self->registry, "PPS_SERVER_HEARTBEAT_MS", "200");
    it_service_start (self->registry);
    self->registry_client = pps_client_new (it_service_endpoint (self->registry), 5000, 1);

    self->notify = it_service_new_named (self->notify_program, "notify", IT_IPC);
    it_service_t *notify = self->notify;
    it_service_setenv (notify, "PPS_REGISTRY_ENDPOINT", it_service_endpoint (self->registry));
    it_service_setenv (notify, "PPS_REGISTRY_EVENTS", it_service_events (self->registry));
    char *smtp = zsys_sprintf ("smtp://127.0.0.1:%d", self->smtp.port);
    char *hook = zsys_sprintf ("http://127.0.0.1:%d/hook", self->http.port);
    it_service_setenv (notify, "PPS_NOTIFY_SMTP_URL", smtp);
    it_service_setenv (notify, "PPS_NOTIFY_WEBHOOK_URL", hook);
    zstr_free (&smtp);
    zstr_free (&hook);
    it_service_setenv (notify, "PPS_NOTIFY_SMTP_TLS", "none");
    it_service_setenv (notify, "PPS_NOTIFY_ALLOW_PLAIN_HTTP", "1");
    it_service_setenv (notify, "PPS_NOTIFY_MAIL_FROM", "pps-notify@ars32.example.org");
    it_service_setenv (notify, "PPS_NOTIFY_TEAM_EMAIL", "pps-ars32@example.org");
    it_service_setenv (notify, "PPS_NOTIFY_POLL_MS", "50");
    it_service_setenv (notify, "PPS_NOTIFY_RETRY_BASE_MS", "100");
    it_service_setenv (notify, "PPS_NOTIFY_RETRY_MAX_MS", "400");
    it_service_setenv (notify, "PPS_NOTIFY_MAX_ATTEMPTS", "1000");
    it_service_setenv (notify, "PPS_NOTIFY_RULES_RULE_1_ROLES",
                       "HEALTH_UNIT_REFERENT,PRISON_STAFF_REFERENT,PJJ_REFERENT,STEERING_COMMITTEE");
    it_service_setenv (notify, "PPS_NOTIFY_RULES_RULE_1_TO",
                       "ars_referent,disp_referent,other_referent,team");
    it_service_setenv (notify, "PPS_NOTIFY_RULES_RULE_2_SCOPE", "region");
    it_service_setenv (notify, "PPS_NOTIFY_RULES_RULE_2_TO", "team");
    it_service_setenv (notify, "PPS_SERVER_HEARTBEAT_MS", "200");
    for (const char *const *entry = extra_env; entry && *entry; entry++) {
        char *name = strdup (*entry);
        char *equal = strchr (name, '=');
        IT_CHECK (equal, "extra environment '%s'", *entry);
        *equal = 0;
        it_service_setenv (notify, name, equal + 1);
        free (name);
    }
    it_service_start (notify);
    self->notify_client = pps_client_new (it_service_endpoint (notify), 5000, 1);

    //  The region: an MA and its referents, the region's four in post
    Registry__RegistryRequest *request = it_request (self->arena, ACTOR);
    Registry__Region *region = (Registry__Region *)
        pps_arena_message (self->arena, &registry__region__descriptor);
    region->code = "32";
    region->name = "Hauts-de-France";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = region;
    s_write (self, request);
    request = it_request (self->arena, ACTOR);
    Registry__Establishment *ma = (Registry__Establishment *)
        pps_arena_message (self->arena, &registry__establishment__descriptor);
    ma->code = "T0001";
    ma->name = "Maison d'arrêt de Test-lès-Lille";
    ma->kind = REGISTRY__ESTABLISHMENT_KIND__MA;
    ma->region_code = "32";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = ma;
    self->establishment = s_write (self, request)->establishment->id;
    self->ars = world_person (self, "Anne Lefebvre", "ars@example.org");
    self->disp = world_person (self, "Denis Moreau", "disp-bounce@example.org");
    self->health = world_person (self, "Claire Martin", "usmp@example.org");
    self->prison = world_person (self, "Paul Durand", "ps@example.org");
    uint64_t pjj = world_person (self, "Jeanne Petit", "pjj@example.org");
    uint64_t ireps = world_person (self, "Ivan Roux", "ireps@example.org");
    Pps__Date *start = world_day (self->arena, -400);
    world_designate (self, self->ars, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0, start, NULL);
    world_designate (self, self->disp, REGISTRY__REFERENT_ROLE__DISP_HEALTH_REFERENT, 0, start, NULL);
    world_designate (self, pjj, REGISTRY__REFERENT_ROLE__DIRPJJ_REFERENT, 0, start, NULL);
    world_designate (self, ireps, REGISTRY__REFERENT_ROLE__IREPS_REFERENT, 0, start, NULL);
    world_designate (self, self->health, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT,
                     self->establishment, start, NULL);
    self->prison_designation = world_designate (self, self->prison,
                                                REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT,
                                                self->establishment, start, NULL);
    //  Every post is held: once pps-notify has applied it all, it follows none
    bool settled = false;
    for (int attempt = 0; attempt < SETTLE_TRIES && !settled; attempt++) {
        settled = s_vacancies (self) == 0;
        if (!settled)
            zclock_sleep (20);
    }
    IT_CHECK (settled, "pps-notify still follows %llu vacancies",
              (unsigned long long) s_vacancies (self));
    IT_CHECK (world_notifications (self)->n_items == 0, "filling posts told somebody");
}

void
world_stop (world_t *self)
{
    pps_client_destroy (&self->notify_client);
    pps_client_destroy (&self->registry_client);
    it_service_destroy (&self->notify);
    it_service_destroy (&self->registry);
    sink_t *sinks [] = { &self->smtp, &self->http };
    for (size_t index = 0; index < 2; index++) {
        sink_kill (sinks [index]);
        if (sinks [index]->dir) {
            zdir_t *dir = zdir_new (sinks [index]->dir, NULL);
            if (dir)
                zdir_remove (dir, true);
            zdir_destroy (&dir);
        }
        free (sinks [index]->dir);
        zstr_free (&sinks [index]->port_file);
    }
    pps_arena_destroy (&self->arena);
}
