/*  registry_service: the registry as the common runtime sees it: its
    databases, its envelope and its table of operations.  */
#include "registry.h"

#include <czmq.h>

static const char *const s_databases [] = {
    "regions", "directorates", "establishments", "hospitals", "health_units",
    "partners", "persons", "designations", "programmes", "cpoms",
    "regional_committees", "working_groups", "steering_committees", "meetings",
    "idx_establishment_code", "idx_directorate_code", "idx_designation_scope",
    NULL
};

static const pps_op_t s_operations [] = {
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION,    "create_region",                     true, REGISTRY__REGISTRY_REPLY__RESULT_REGION,             registry_create_region },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_REGION,    "update_region",                     true, REGISTRY__REGISTRY_REPLY__RESULT_REGION,             registry_update_region },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_REGION,       "get_region",                        false, REGISTRY__REGISTRY_REPLY__RESULT_REGION,             registry_get_region },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_REGIONS,     "list_regions",                      false, REGISTRY__REGISTRY_REPLY__RESULT_REGIONS,            registry_list_regions },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_DIRECTORATE, "create_directorate",                true, REGISTRY__REGISTRY_REPLY__RESULT_DIRECTORATE,        registry_create_directorate },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_DIRECTORATE, "update_directorate",                true, REGISTRY__REGISTRY_REPLY__RESULT_DIRECTORATE,        registry_update_directorate },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_DIRECTORATE,  "get_directorate",                   false, REGISTRY__REGISTRY_REPLY__RESULT_DIRECTORATE,        registry_get_directorate },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_DIRECTORATES, "list_directorates",                 false, REGISTRY__REGISTRY_REPLY__RESULT_DIRECTORATES,       registry_list_directorates },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT, "create_establishment",              true, REGISTRY__REGISTRY_REPLY__RESULT_ESTABLISHMENT,      registry_create_establishment },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_ESTABLISHMENT, "update_establishment",              true, REGISTRY__REGISTRY_REPLY__RESULT_ESTABLISHMENT,      registry_update_establishment },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT, "get_establishment",                 false, REGISTRY__REGISTRY_REPLY__RESULT_ESTABLISHMENT,      registry_get_establishment },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS, "list_establishments",               false, REGISTRY__REGISTRY_REPLY__RESULT_ESTABLISHMENTS,     registry_list_establishments },
    { REGISTRY__REGISTRY_REQUEST__OP_IMPORT_ESTABLISHMENTS, "import_establishments",             true, REGISTRY__REGISTRY_REPLY__RESULT_IMPORT_REPORT,      registry_import_establishments },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_HOSPITAL,  "create_hospital",                   true, REGISTRY__REGISTRY_REPLY__RESULT_HOSPITAL,           registry_create_hospital },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_HOSPITAL,  "update_hospital",                   true, REGISTRY__REGISTRY_REPLY__RESULT_HOSPITAL,           registry_update_hospital },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_HOSPITAL,     "get_hospital",                      false, REGISTRY__REGISTRY_REPLY__RESULT_HOSPITAL,           registry_get_hospital },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_HOSPITALS,   "list_hospitals",                    false, REGISTRY__REGISTRY_REPLY__RESULT_HOSPITALS,          registry_list_hospitals },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_HEALTH_UNIT, "create_health_unit",                true, REGISTRY__REGISTRY_REPLY__RESULT_HEALTH_UNIT,        registry_create_health_unit },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_HEALTH_UNIT, "update_health_unit",                true, REGISTRY__REGISTRY_REPLY__RESULT_HEALTH_UNIT,        registry_update_health_unit },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_HEALTH_UNIT,  "get_health_unit",                   false, REGISTRY__REGISTRY_REPLY__RESULT_HEALTH_UNIT,        registry_get_health_unit },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_HEALTH_UNITS, "list_health_units",                 false, REGISTRY__REGISTRY_REPLY__RESULT_HEALTH_UNITS,       registry_list_health_units },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_PARTNER,   "create_partner",                    true, REGISTRY__REGISTRY_REPLY__RESULT_PARTNER,            registry_create_partner },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_PARTNER,   "update_partner",                    true, REGISTRY__REGISTRY_REPLY__RESULT_PARTNER,            registry_update_partner },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_PARTNER,      "get_partner",                       false, REGISTRY__REGISTRY_REPLY__RESULT_PARTNER,            registry_get_partner },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_PARTNERS,    "list_partners",                     false, REGISTRY__REGISTRY_REPLY__RESULT_PARTNERS,           registry_list_partners },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_PERSON,    "create_person",                     true, REGISTRY__REGISTRY_REPLY__RESULT_PERSON,             registry_create_person },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_PERSON,    "update_person",                     true, REGISTRY__REGISTRY_REPLY__RESULT_PERSON,             registry_update_person },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_PERSON,       "get_person",                        false, REGISTRY__REGISTRY_REPLY__RESULT_PERSON,             registry_get_person },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_PERSONS,     "list_persons",                      false, REGISTRY__REGISTRY_REPLY__RESULT_PERSONS,            registry_list_persons },
    { REGISTRY__REGISTRY_REQUEST__OP_DESIGNATE,        "designate",                         true, REGISTRY__REGISTRY_REPLY__RESULT_DESIGNATION,        registry_designate },
    { REGISTRY__REGISTRY_REQUEST__OP_END_DESIGNATION,  "end_designation",                   true, REGISTRY__REGISTRY_REPLY__RESULT_DESIGNATION,        registry_end_designation },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_DESIGNATION,  "get_designation",                   false, REGISTRY__REGISTRY_REPLY__RESULT_DESIGNATION,        registry_get_designation },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_DESIGNATIONS, "list_designations",                 false, REGISTRY__REGISTRY_REPLY__RESULT_DESIGNATIONS,       registry_list_designations },
    { REGISTRY__REGISTRY_REQUEST__OP_SCOPE_HISTORY,    "scope_history",                     false, REGISTRY__REGISTRY_REPLY__RESULT_DESIGNATIONS,       registry_scope_history },
    { REGISTRY__REGISTRY_REQUEST__OP_VACANCIES,        "vacancies",                         false, REGISTRY__REGISTRY_REPLY__RESULT_VACANCY_LIST,       registry_vacancies },
    { REGISTRY__REGISTRY_REQUEST__OP_PUT_PROGRAMME,    "put_programme",                     true, REGISTRY__REGISTRY_REPLY__RESULT_PROGRAMME,          registry_put_programme },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_PROGRAMME,    "get_programme",                     false, REGISTRY__REGISTRY_REPLY__RESULT_PROGRAMME,          registry_get_programme },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_CPOM,      "create_cpom",                       true, REGISTRY__REGISTRY_REPLY__RESULT_CPOM,               registry_create_cpom },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_CPOM,      "update_cpom",                       true, REGISTRY__REGISTRY_REPLY__RESULT_CPOM,               registry_update_cpom },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_CPOM,         "get_cpom",                          false, REGISTRY__REGISTRY_REPLY__RESULT_CPOM,               registry_get_cpom },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_CPOMS,       "list_cpoms",                        false, REGISTRY__REGISTRY_REPLY__RESULT_CPOMS,              registry_list_cpoms },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGIONAL_COMMITTEE, "create_regional_committee",         true, REGISTRY__REGISTRY_REPLY__RESULT_REGIONAL_COMMITTEE, registry_create_regional_committee },
    { REGISTRY__REGISTRY_REQUEST__OP_DISSOLVE_REGIONAL_COMMITTEE, "dissolve_regional_committee",       true, REGISTRY__REGISTRY_REPLY__RESULT_REGIONAL_COMMITTEE, registry_dissolve_regional_committee },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_REGIONAL_COMMITTEE, "get_regional_committee",            false, REGISTRY__REGISTRY_REPLY__RESULT_REGIONAL_COMMITTEE, registry_get_regional_committee },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_WORKING_GROUP, "create_working_group",              true, REGISTRY__REGISTRY_REPLY__RESULT_WORKING_GROUP,      registry_create_working_group },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_WORKING_GROUP, "update_working_group",              true, REGISTRY__REGISTRY_REPLY__RESULT_WORKING_GROUP,      registry_update_working_group },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_WORKING_GROUPS, "list_working_groups",               false, REGISTRY__REGISTRY_REPLY__RESULT_WORKING_GROUPS,     registry_list_working_groups },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_STEERING_COMMITTEE, "create_steering_committee",         true, REGISTRY__REGISTRY_REPLY__RESULT_STEERING_COMMITTEE, registry_create_steering_committee },
    { REGISTRY__REGISTRY_REQUEST__OP_DISSOLVE_STEERING_COMMITTEE, "dissolve_steering_committee",       true, REGISTRY__REGISTRY_REPLY__RESULT_STEERING_COMMITTEE, registry_dissolve_steering_committee },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_STEERING_COMMITTEE, "get_steering_committee",            false, REGISTRY__REGISTRY_REPLY__RESULT_STEERING_COMMITTEE, registry_get_steering_committee },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_STEERING_COMMITTEES, "list_steering_committees",          false, REGISTRY__REGISTRY_REPLY__RESULT_STEERING_COMMITTEES, registry_list_steering_committees },
    { REGISTRY__REGISTRY_REQUEST__OP_ADD_MEMBER,       "add_member",                        true, REGISTRY__REGISTRY_REPLY__RESULT_STEERING_COMMITTEE, registry_add_member },
    { REGISTRY__REGISTRY_REQUEST__OP_REMOVE_MEMBER,    "remove_member",                     true, REGISTRY__REGISTRY_REPLY__RESULT_STEERING_COMMITTEE, registry_remove_member },
    { REGISTRY__REGISTRY_REQUEST__OP_MISSING_CATEGORIES, "missing_categories",                false, REGISTRY__REGISTRY_REPLY__RESULT_MISSING,            registry_missing_categories },
    { REGISTRY__REGISTRY_REQUEST__OP_CREATE_MEETING,   "create_meeting",                    true, REGISTRY__REGISTRY_REPLY__RESULT_MEETING,            registry_create_meeting },
    { REGISTRY__REGISTRY_REQUEST__OP_UPDATE_MEETING,   "update_meeting",                    true, REGISTRY__REGISTRY_REPLY__RESULT_MEETING,            registry_update_meeting },
    { REGISTRY__REGISTRY_REQUEST__OP_GET_MEETING,      "get_meeting",                       false, REGISTRY__REGISTRY_REPLY__RESULT_MEETING,            registry_get_meeting },
    { REGISTRY__REGISTRY_REQUEST__OP_LIST_MEETINGS,    "list_meetings",                     false, REGISTRY__REGISTRY_REPLY__RESULT_MEETINGS,           registry_list_meetings },
    { REGISTRY__REGISTRY_REQUEST__OP_MEETING_STATS,    "meeting_stats",                     false, REGISTRY__REGISTRY_REPLY__RESULT_MEETING_STATS,      registry_meeting_stats },};

static void *
s_registry_create (pps_store_t *store, pps_config_t *config)
{
    (void) config;
    registry_t *self = calloc (1, sizeof (registry_t));
    assert (self);
    self->store = store;
    self->regions = pps_store_dbi (store, "regions");
    self->directorates = pps_store_dbi (store, "directorates");
    self->establishments = pps_store_dbi (store, "establishments");
    self->hospitals = pps_store_dbi (store, "hospitals");
    self->health_units = pps_store_dbi (store, "health_units");
    self->partners = pps_store_dbi (store, "partners");
    self->persons = pps_store_dbi (store, "persons");
    self->designations = pps_store_dbi (store, "designations");
    self->programmes = pps_store_dbi (store, "programmes");
    self->cpoms = pps_store_dbi (store, "cpoms");
    self->regional_committees = pps_store_dbi (store, "regional_committees");
    self->working_groups = pps_store_dbi (store, "working_groups");
    self->steering_committees = pps_store_dbi (store, "steering_committees");
    self->meetings = pps_store_dbi (store, "meetings");
    self->idx_establishment_code = pps_store_dbi (store, "idx_establishment_code");
    self->idx_directorate_code = pps_store_dbi (store, "idx_directorate_code");
    self->idx_designation_scope = pps_store_dbi (store, "idx_designation_scope");
    return self;
}

static void
s_registry_destroy (void **self_p)
{
    free (*self_p);
    *self_p = NULL;
}

const pps_service_t registry_service = {
    .name = "registry",
    .schema_version = REGISTRY_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &registry__registry_request__descriptor,
    .reply = &registry__registry_reply__descriptor,
    .event = &registry__registry_event__descriptor,
    .ops = s_operations,
    .op_count = sizeof (s_operations) / sizeof (s_operations [0]),
    .create = s_registry_create,
    .destroy = s_registry_destroy,
};
