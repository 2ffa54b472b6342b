/*  notify_settings: what the notify service reads from the configuration,
    once, at start: who is told of what (the rules), the channels (SMTP,
    webhook), the outbox's pace and the periodic check's thresholds.
    Every key is described in services/notify/README.md.

    A rule is "notify/rules/rule_N" (N from 1 to NOTIFY_RULES_MAX) with:
        roles  = "HEALTH_UNIT_REFERENT,PRISON_STAFF_REFERENT,STEERING_COMMITTEE"
                 (empty or absent: every role, committees and plan steps;
                 PLAN_STEPS names the step reminders)
        kinds  = "DESIGNATION_ENDED,VACANCY_OPENED" (empty or absent: every kind)
        scope  = "any" | "region" | "establishment" (default any)
        to     = "ars_referent,disp_referent,other_referent,person,team,
                  someone@example.org"
*/
#ifndef NOTIFY_SETTINGS_H_INCLUDED
#define NOTIFY_SETTINGS_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include "pps_config.h"
#include "notify.pb-c.h"

#define NOTIFY_RULES_MAX      32      //  rule_1 .. rule_32
#define NOTIFY_TARGETS_MAX    16      //  Recipients named by one rule
#define NOTIFY_ADDRESS_MAX    254     //  Longest e-mail address (RFC 5321 path)

//  Who a rule names.
typedef enum {
    NOTIFY_TO_ARS_REFERENT,           //  The region's active ARS referent(s)
    NOTIFY_TO_DISP_REFERENT,          //  The region's active DISP health referent(s)
    NOTIFY_TO_OTHER_REFERENT,         //  The establishment's referents in the other roles
    NOTIFY_TO_PERSON,                 //  The person the notification is about
    NOTIFY_TO_TEAM,                   //  notify/team_email
    NOTIFY_TO_ADDRESS                 //  A literal address
} notify_to_t;

typedef enum {
    NOTIFY_SCOPE_ANY,
    NOTIFY_SCOPE_REGION,              //  Region-scope posts (establishment_id 0)
    NOTIFY_SCOPE_ESTABLISHMENT        //  Establishment posts and committees
} notify_scope_t;

//  Bit of the pseudo-role a rule names as STEERING_COMMITTEE.
#define NOTIFY_ROLE_COMMITTEE_BIT  (1u << 31)
//  Bit of the pseudo-role a rule names as PLAN_STEPS (step reminders), and
//  the role notify_rule_matches is given for them.
#define NOTIFY_ROLE_PLAN_BIT       (1u << 30)
#define NOTIFY_ROLE_PLAN           (-1)

typedef struct {
    notify_to_t to;
    char address [NOTIFY_ADDRESS_MAX + 1];    //  For NOTIFY_TO_ADDRESS
} notify_target_t;

typedef struct {
    char name [16];                   //  "rule_3", for logs
    uint32_t roles;                   //  Bits 1 << role, and the committee bit; 0 = every one
    uint32_t kinds;                   //  Bits 1 << kind; 0 = every kind
    notify_scope_t scope;
    notify_target_t targets [NOTIFY_TARGETS_MAX];
    size_t target_count;
} notify_rule_t;

typedef struct {
    char *region;                     //  region/code: the region notified about
    notify_rule_t rules [NOTIFY_RULES_MAX];
    size_t rule_count;
    char *team_email;                 //  notify/team_email, or NULL
    char *smtp_url;                   //  notify/smtp_url, NULL = no e-mail
    char *smtp_user;                  //  notify/smtp_user, or NULL
    char *smtp_password;              //  notify/smtp_password, or NULL
    int smtp_tls;                     //  0 none, 1 try STARTTLS, 2 require TLS
    char *mail_from;                  //  notify/mail_from
    char *webhook_url;                //  notify/webhook_url, NULL = no webhook
    char *webhook_token;              //  notify/webhook_token (a bearer), or NULL
    char *ca_file;                    //  notify/ca_file, or NULL
    bool allow_plain_http;            //  notify/allow_plain_http = 1
    int64_t poll_ms;                  //  How often the senders look for due deliveries
    int64_t retry_base_ms;            //  Backoff: base * 2^(attempts-1)...
    int64_t retry_max_ms;             //  ...capped here
    uint32_t max_attempts;            //  Then FAILED
    int64_t check_interval_ms;        //  Period of the check
    int64_t reminder_after_ms;        //  First reminder of an open vacancy; 0 = none
    int64_t reminder_every_ms;        //  Then one every so often
    int32_t ending_within_days;       //  Tell of an end of mandate so many days ahead; 0 = never
    int64_t max_event_age_ms;         //  Older registry and projects events raise nothing
    int32_t step_due_within_days;     //  Remind a step due within so many days; 0 = never
    int32_t step_overdue_max_days;    //  Remind a step overdue by at most so many days; 0 = never
} notify_settings_t;

//  Fill settings from config (defaults for what is absent). Returns 0, or
//  -1 with the reason in error (a rule naming an unknown role or
//  recipient, a bad address...): the service then refuses to start.
int notify_settings_load (notify_settings_t *self, pps_config_t *config, char *error,
                          size_t error_size);

//  Free what settings hold (the SMTP password and the token are wiped).
void notify_settings_free (notify_settings_t *self);

//  Parse one rule from its four texts (any may be NULL). Returns 0, or -1
//  with the reason in error.
int notify_rule_parse (notify_rule_t *rule, const char *name, const char *roles,
                       const char *kinds, const char *scope, const char *to,
                       char *error, size_t error_size);

//  True when rule applies to a notification of kind about role (0 for a
//  committee, NOTIFY_ROLE_PLAN for a step reminder) in that scope
//  (establishment_id 0 = the region).
bool notify_rule_matches (const notify_rule_t *rule, Notify__NotificationKind kind,
                          int role, uint64_t establishment_id);

//  True when text is an address we can put in an SMTP envelope and a To
//  header: local@domain, printable ASCII, no blank, no <>,;:"\()[] and at
//  most NOTIFY_ADDRESS_MAX bytes.
bool notify_address_valid (const char *text);

#endif
