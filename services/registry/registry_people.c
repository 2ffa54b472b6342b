/*  registry_people: partner organisations and persons: create, update, get,
    list. Persons are staff only (referents, committee members, trained
    professionals): a name, an organisation, a role and a work contact, and
    nothing more, so no field here may hold a detainee's data.  */
#include "registry.h"

#include <czmq.h>

#define REGISTRY_EMAIL_MAX  254     //  RFC 5321 path limit
#define REGISTRY_PHONE_MAX  32

//  ---------------------------------------------------------------- partners

//  Checks a partner's fields and its region.
static int
s_partner_valid (registry_t *self, pps_call_t *call, const Registry__Partner *in)
{
    if (pps_check_text (call, "partner.name", in->name, PPS_NAME_MAX, true)
    ||  pps_check_enum (call, "partner.kind", &registry__partner_kind__descriptor, in->kind, true)
    ||  pps_check_text (call, "partner.departement_code", in->departement_code, 8, false))
        return -1;
    return registry_check_region (self, call, "partner.region_code", in->region_code);
}

PPS_HANDLER (registry_create_partner)
{
    registry_t *registry = self;
    Registry__Partner *in = (Registry__Partner *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "partner.id",
                              "the service assigns ids; leave partner.id at 0");
    if (s_partner_valid (registry, call, in)
    ||  !(in->id = pps_record_new_id (call, "partner"))
    ||  pps_record_save (call, registry->partners, in->id, in, "partner")
    ||  pps_call_emit (call, "partner.created", REGISTRY__REGISTRY_EVENT__CHANGE_PARTNER,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_update_partner)
{
    registry_t *registry = self;
    Registry__Partner *in = (Registry__Partner *) op;
    Registry__Partner *before;
    if (pps_record_load (call, registry->partners, in->id,
                       &registry__partner__descriptor, "partner.id", &before)
    ||  s_partner_valid (registry, call, in)
    ||  pps_record_save (call, registry->partners, in->id, in, "partner")
    ||  pps_call_emit (call, "partner.updated", REGISTRY__REGISTRY_EVENT__CHANGE_PARTNER,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_get_partner)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->partners, in->id,
                          &registry__partner__descriptor, "id", result_p);
}

typedef struct {
    const Registry__PartnerFilter *filter;
    Registry__PartnerList *list;
    pps_arena_t *arena;
} partner_scan_t;

//  Keeps a partner of the filter's region and kind.
static int
s_collect_partner (ProtobufCMessage *record, void *arg)
{
    partner_scan_t *scan = arg;
    Registry__Partner *partner = (Registry__Partner *) record;
    if (*scan->filter->region_code && !streq (scan->filter->region_code, partner->region_code))
        return 0;
    if (scan->filter->kind && scan->filter->kind != partner->kind)
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_partners)
{
    registry_t *registry = self;
    const Registry__PartnerFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_enum (call, "kind", &registry__partner_kind__descriptor, filter->kind, false))
        return -1;
    Registry__PartnerList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__partner_list__init (list);
    partner_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->partners,
                             &registry__partner__descriptor, pps_call_arena (call),
                             s_collect_partner, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "partners");
    *result_p = &list->base;
    return 0;
}

//  ---------------------------------------------------------------- persons

//  A work address looks like local@domain.tld: one '@' with something before
//  it, a dot inside the domain, no white space. Deliverability is not ours
//  to check; this catches the typing mistakes that lose a referent's contact.
static bool
s_email_is_plausible (const char *email)
{
    const char *at = strchr (email, '@');
    if (!at || at == email || strchr (at + 1, '@'))
        return false;
    for (const char *c = email; *c; c++)
        if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
            return false;
    const char *domain = at + 1;
    const char *dot = strchr (domain, '.');
    size_t length = strlen (domain);
    return dot && dot != domain && domain [length - 1] != '.' && !strstr (domain, "..");
}

//  A phone number as people write it: digits with spaces, dots, dashes,
//  parentheses and a leading '+'.
static bool
s_phone_is_plausible (const char *phone)
{
    int digits = 0;
    for (const char *c = phone; *c; c++) {
        if (*c >= '0' && *c <= '9')
            digits++;
        else
        if (*c == '+' && c == phone)
            continue;
        else
        if (!strchr (" .-()", *c))
            return false;
    }
    return digits > 0;
}

//  Checks a person's fields, contact and region.
static int
s_person_valid (registry_t *self, pps_call_t *call, const Registry__Person *in)
{
    if (pps_check_text (call, "person.full_name", in->full_name, PPS_NAME_MAX, true)
    ||  pps_check_text (call, "person.organisation", in->organisation, PPS_NAME_MAX, false)
    ||  pps_check_text (call, "person.role_title", in->role_title, PPS_NAME_MAX, false)
    ||  pps_check_text (call, "person.work_email", in->work_email, REGISTRY_EMAIL_MAX, false)
    ||  pps_check_text (call, "person.work_phone", in->work_phone, REGISTRY_PHONE_MAX, false)
    ||  pps_check_enum (call, "person.category", &registry__professional_category__descriptor,
                        in->category, false))
        return -1;
    if (*in->work_email && !s_email_is_plausible (in->work_email))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "person.work_email",
                              "person.work_email '%s' is not an e-mail address", in->work_email);
    if (*in->work_phone && !s_phone_is_plausible (in->work_phone))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "person.work_phone",
                              "person.work_phone '%s' is not a phone number", in->work_phone);
    return registry_check_region (self, call, "person.region_code", in->region_code);
}

PPS_HANDLER (registry_create_person)
{
    registry_t *registry = self;
    Registry__Person *in = (Registry__Person *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "person.id",
                              "the service assigns ids; leave person.id at 0");
    if (s_person_valid (registry, call, in)
    ||  !(in->id = pps_record_new_id (call, "person"))
    ||  pps_record_save (call, registry->persons, in->id, in, "person")
    ||  pps_call_emit (call, "person.created", REGISTRY__REGISTRY_EVENT__CHANGE_PERSON,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_update_person)
{
    registry_t *registry = self;
    Registry__Person *in = (Registry__Person *) op;
    Registry__Person *before;
    if (pps_record_load (call, registry->persons, in->id,
                       &registry__person__descriptor, "person.id", &before)
    ||  s_person_valid (registry, call, in)
    ||  pps_record_save (call, registry->persons, in->id, in, "person")
    ||  pps_call_emit (call, "person.updated", REGISTRY__REGISTRY_EVENT__CHANGE_PERSON,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_get_person)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->persons, in->id,
                          &registry__person__descriptor, "id", result_p);
}

typedef struct {
    const Registry__PersonFilter *filter;
    Registry__PersonList *list;
    pps_arena_t *arena;
} person_scan_t;

//  Keeps a person of the filter's region and category.
static int
s_collect_person (ProtobufCMessage *record, void *arg)
{
    person_scan_t *scan = arg;
    Registry__Person *person = (Registry__Person *) record;
    if (*scan->filter->region_code && !streq (scan->filter->region_code, person->region_code))
        return 0;
    if (scan->filter->category && scan->filter->category != person->category)
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_persons)
{
    registry_t *registry = self;
    const Registry__PersonFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_enum (call, "category", &registry__professional_category__descriptor,
                        filter->category, false))
        return -1;
    Registry__PersonList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__person_list__init (list);
    person_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->persons,
                             &registry__person__descriptor, pps_call_arena (call),
                             s_collect_person, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "persons");
    *result_p = &list->base;
    return 0;
}
