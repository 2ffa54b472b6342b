/*  registry_referents: PLACEHOLDER file, being written.  */
#include "registry.h"

REGISTRY_HANDLER (registry_designate)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_end_designation)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_get_designation)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_list_designations)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_scope_history)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_vacancies)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

