/*  notify_settings: the configuration of the notify service, read once.  */
#include "notify_settings.h"

#include <ctype.h>
#include <sodium.h>
#include "registry.pb-c.h"

#define DAY_MS  (24LL * 3600 * 1000)

//  ---------------------------------------------------------------- rules

static const struct {
    const char *name;
    notify_to_t to;
} s_targets [] = {
    { "ars_referent", NOTIFY_TO_ARS_REFERENT },
    { "disp_referent", NOTIFY_TO_DISP_REFERENT },
    { "other_referent", NOTIFY_TO_OTHER_REFERENT },
    { "person", NOTIFY_TO_PERSON },
    { "team", NOTIFY_TO_TEAM },
};

bool
notify_address_valid (const char *text)
{
    if (!text)
        return false;
    size_t length = strlen (text);
    const char *at = strchr (text, '@');
    if (length < 3 || length > NOTIFY_ADDRESS_MAX || !at || at == text || !at [1]
    ||  strchr (at + 1, '@') || at [1] == '.' || text [length - 1] == '.')
        return false;
    for (const char *c = text; *c; c++)
        if (*c <= 0x20 || *c >= 0x7f || strchr ("<>,;:\"\\()[]", *c))
            return false;
    return true;
}

//  Copy the next comma-separated item of *cursor (blanks trimmed) into
//  item; false at the end of the list.
static bool
s_next_item (const char **cursor, char *item, size_t size)
{
    const char *text = *cursor;
    while (*text == ',' || isspace ((unsigned char) *text))
        text++;
    if (!*text)
        return false;
    size_t length = strcspn (text, ",");
    *cursor = text + length;
    while (length && isspace ((unsigned char) text [length - 1]))
        length--;
    snprintf (item, size, "%.*s", (int) (length < size ? length : size - 1), text);
    return true;
}

//  The bits of a roles list; -1 with the reason in error on an unknown role.
static int
s_parse_roles (const char *text, uint32_t *roles, char *error, size_t error_size)
{
    char item [64];
    *roles = 0;
    while (text && s_next_item (&text, item, sizeof item)) {
        if (streq (item, "STEERING_COMMITTEE")) {
            *roles |= NOTIFY_ROLE_COMMITTEE_BIT;
            continue;
        }
        if (streq (item, "PLAN_STEPS")) {
            *roles |= NOTIFY_ROLE_PLAN_BIT;
            continue;
        }
        const ProtobufCEnumValue *value = protobuf_c_enum_descriptor_get_value_by_name (
            &registry__referent_role__descriptor, item);
        if (!value || value->value <= 0 || value->value > 29) {
            snprintf (error, error_size, "unknown role '%s' (a ReferentRole name, "
                      "STEERING_COMMITTEE or PLAN_STEPS)", item);
            return -1;
        }
        *roles |= 1u << value->value;
    }
    return 0;
}

//  The bits of a kinds list; -1 with the reason in error on an unknown kind.
static int
s_parse_kinds (const char *text, uint32_t *kinds, char *error, size_t error_size)
{
    char item [64];
    *kinds = 0;
    while (text && s_next_item (&text, item, sizeof item)) {
        const ProtobufCEnumValue *value = protobuf_c_enum_descriptor_get_value_by_name (
            &notify__notification_kind__descriptor, item);
        if (!value || value->value <= 0 || value->value > 30) {
            snprintf (error, error_size, "unknown notification kind '%s'", item);
            return -1;
        }
        *kinds |= 1u << value->value;
    }
    return 0;
}

//  The recipients of a "to" list; -1 with the reason in error.
static int
s_parse_targets (notify_rule_t *rule, const char *text, char *error, size_t error_size)
{
    char item [NOTIFY_ADDRESS_MAX + 2];
    rule->target_count = 0;
    while (text && s_next_item (&text, item, sizeof item)) {
        if (rule->target_count == NOTIFY_TARGETS_MAX) {
            snprintf (error, error_size, "more than %d recipients", NOTIFY_TARGETS_MAX);
            return -1;
        }
        notify_target_t *target = &rule->targets [rule->target_count];
        bool known = false;
        for (size_t index = 0; index < sizeof s_targets / sizeof s_targets [0]; index++)
            if (streq (item, s_targets [index].name)) {
                target->to = s_targets [index].to;
                known = true;
            }
        if (!known) {
            if (!notify_address_valid (item)) {
                snprintf (error, error_size, "'%s' is neither ars_referent, disp_referent, "
                          "other_referent, person, team nor an e-mail address", item);
                return -1;
            }
            target->to = NOTIFY_TO_ADDRESS;
            //  Valid means at most NOTIFY_ADDRESS_MAX bytes: it fits
            memcpy (target->address, item, strlen (item) + 1);
        }
        rule->target_count++;
    }
    if (rule->target_count == 0) {
        snprintf (error, error_size, "'to' names no recipient");
        return -1;
    }
    return 0;
}

int
notify_rule_parse (notify_rule_t *rule, const char *name, const char *roles, const char *kinds,
                   const char *scope, const char *to, char *error, size_t error_size)
{
    memset (rule, 0, sizeof *rule);
    snprintf (rule->name, sizeof rule->name, "%s", name);
    if (!scope || !*scope || streq (scope, "any"))
        rule->scope = NOTIFY_SCOPE_ANY;
    else
    if (streq (scope, "region"))
        rule->scope = NOTIFY_SCOPE_REGION;
    else
    if (streq (scope, "establishment"))
        rule->scope = NOTIFY_SCOPE_ESTABLISHMENT;
    else {
        snprintf (error, error_size, "scope '%s' is not any, region or establishment", scope);
        return -1;
    }
    if (s_parse_roles (roles, &rule->roles, error, error_size)
    ||  s_parse_kinds (kinds, &rule->kinds, error, error_size)
    ||  s_parse_targets (rule, to, error, error_size))
        return -1;
    return 0;
}

bool
notify_rule_matches (const notify_rule_t *rule, Notify__NotificationKind kind, int role,
                     uint64_t establishment_id)
{
    if (rule->kinds && !(rule->kinds & (1u << kind)))
        return false;
    uint32_t bit = role == NOTIFY_ROLE_PLAN ? NOTIFY_ROLE_PLAN_BIT
                 : role > 0 && role <= 29 ? 1u << role : NOTIFY_ROLE_COMMITTEE_BIT;
    if (rule->roles && !(rule->roles & bit))
        return false;
    if (rule->scope == NOTIFY_SCOPE_REGION && establishment_id)
        return false;
    if (rule->scope == NOTIFY_SCOPE_ESTABLISHMENT && !establishment_id)
        return false;
    return true;
}

//  ---------------------------------------------------------------- load

//  A text setting copied (caller frees), or NULL when absent or empty.
static char *
s_text (pps_config_t *config, const char *key)
{
    const char *value = pps_config_get (config, key, NULL);
    return value && *value ? strdup (value) : NULL;
}

//  An integer setting within [min, max], else its default.
static int64_t
s_int (pps_config_t *config, const char *key, int64_t fallback, int64_t min, int64_t max)
{
    int64_t value = pps_config_get_int (config, key, fallback);
    if (value < min || value > max) {
        zsys_warning ("notify: %s=%lld is out of [%lld, %lld], using %lld", key,
                      (long long) value, (long long) min, (long long) max, (long long) fallback);
        return fallback;
    }
    return value;
}

//  A period given in days, or in ms for tests (the _ms key wins).
static int64_t
s_period (pps_config_t *config, const char *name, int64_t fallback_days)
{
    char key [96];
    snprintf (key, sizeof key, "notify/%s_ms", name);
    int64_t ms = s_int (config, key, -1, -1, 3650 * DAY_MS);
    if (ms >= 0)
        return ms;
    snprintf (key, sizeof key, "notify/%s_days", name);
    return s_int (config, key, fallback_days, 0, 3650) * DAY_MS;
}

//  Read rule_1 .. rule_N; a rule with any key present is parsed.
static int
s_load_rules (notify_settings_t *self, pps_config_t *config, char *error, size_t error_size)
{
    for (int number = 1; number <= NOTIFY_RULES_MAX; number++) {
        char name [16], key [96];
        snprintf (name, sizeof name, "rule_%d", number);
        const char *values [4];
        const char *fields [4] = { "roles", "kinds", "scope", "to" };
        bool present = false;
        for (size_t index = 0; index < 4; index++) {
            snprintf (key, sizeof key, "notify/rules/%s/%s", name, fields [index]);
            values [index] = pps_config_get (config, key, NULL);
            present = present || values [index];
        }
        if (!present)
            continue;
        char reason [256];
        if (notify_rule_parse (&self->rules [self->rule_count], name, values [0], values [1],
                               values [2], values [3], reason, sizeof reason)) {
            snprintf (error, error_size, "notify/rules/%s: %s", name, reason);
            return -1;
        }
        self->rule_count++;
    }
    //  Without any rule, the team hears of everything
    if (self->rule_count == 0 && self->team_email)
        notify_rule_parse (&self->rules [self->rule_count++], "default", NULL, NULL, NULL,
                           "team", error, error_size);
    return 0;
}

int
notify_settings_load (notify_settings_t *self, pps_config_t *config, char *error,
                      size_t error_size)
{
    memset (self, 0, sizeof *self);
    self->region = strdup (pps_config_region (config));
    self->team_email = s_text (config, "notify/team_email");
    self->smtp_url = s_text (config, "notify/smtp_url");
    self->smtp_user = s_text (config, "notify/smtp_user");
    self->smtp_password = s_text (config, "notify/smtp_password");
    self->mail_from = s_text (config, "notify/mail_from");
    self->webhook_url = s_text (config, "notify/webhook_url");
    self->webhook_token = s_text (config, "notify/webhook_token");
    self->ca_file = s_text (config, "notify/ca_file");
    self->allow_plain_http = pps_config_get_int (config, "notify/allow_plain_http", 0) == 1;
    const char *tls = pps_config_get (config, "notify/smtp_tls", "try");
    self->smtp_tls = streq (tls, "none") ? 0 : streq (tls, "required") ? 2 : 1;
    if (!streq (tls, "none") && !streq (tls, "try") && !streq (tls, "required")) {
        snprintf (error, error_size, "notify/smtp_tls '%s' is not none, try or required", tls);
        return -1;
    }
    if (self->team_email && !notify_address_valid (self->team_email)) {
        snprintf (error, error_size, "notify/team_email '%s' is not an e-mail address",
                  self->team_email);
        return -1;
    }
    if (self->smtp_url && (!self->mail_from || !notify_address_valid (self->mail_from))) {
        snprintf (error, error_size, "notify/mail_from must be an e-mail address when "
                  "notify/smtp_url is set");
        return -1;
    }
    if (self->webhook_url && strncasecmp (self->webhook_url, "https://", 8) != 0
    &&  !(self->allow_plain_http && strncasecmp (self->webhook_url, "http://", 7) == 0)) {
        snprintf (error, error_size, "notify/webhook_url must be https:// (or http:// with "
                  "notify/allow_plain_http = 1 on a test machine), not %s", self->webhook_url);
        return -1;
    }
    self->poll_ms = s_int (config, "notify/poll_ms", 200, 10, 60000);
    self->retry_base_ms = s_int (config, "notify/retry_base_ms", 5000, 1, DAY_MS);
    self->retry_max_ms = s_int (config, "notify/retry_max_ms", 3600 * 1000, 1, 7 * DAY_MS);
    if (self->retry_max_ms < self->retry_base_ms)
        self->retry_max_ms = self->retry_base_ms;
    self->max_attempts = (uint32_t) s_int (config, "notify/max_attempts", 20, 1, 1000);
    self->check_interval_ms = s_int (config, "notify/check_interval_ms", 3600 * 1000, 10, DAY_MS);
    self->reminder_after_ms = s_period (config, "reminder_after", 30);
    self->reminder_every_ms = s_period (config, "reminder_every", 30);
    if (self->reminder_every_ms == 0)
        self->reminder_every_ms = self->reminder_after_ms;
    self->ending_within_days = (int32_t) s_int (config, "notify/ending_within_days", 30, 0, 3650);
    self->max_event_age_ms = s_int (config, "notify/max_event_age_days", 30, 1, 3650) * DAY_MS;
    self->step_due_within_days = (int32_t) s_int (config, "notify/step_due_within_days", 7,
                                                  0, 366);
    self->step_overdue_max_days = (int32_t) s_int (config, "notify/step_overdue_max_days", 30,
                                                   0, 3650);
    return s_load_rules (self, config, error, error_size);
}

void
notify_settings_free (notify_settings_t *self)
{
    if (self->smtp_password)
        sodium_memzero (self->smtp_password, strlen (self->smtp_password));
    if (self->webhook_token)
        sodium_memzero (self->webhook_token, strlen (self->webhook_token));
    char **texts [] = { &self->region, &self->team_email, &self->smtp_url, &self->smtp_user,
                        &self->smtp_password, &self->mail_from, &self->webhook_url,
                        &self->webhook_token, &self->ca_file };
    for (size_t index = 0; index < sizeof texts / sizeof texts [0]; index++) {
        free (*texts [index]);
        *texts [index] = NULL;
    }
}
