/*  registry_committees: PLACEHOLDER file, being written.  */
#include "registry.h"

REGISTRY_HANDLER (registry_create_regional_committee)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_dissolve_regional_committee)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_get_regional_committee)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_create_working_group)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_update_working_group)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_list_working_groups)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_create_steering_committee)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_dissolve_steering_committee)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_get_steering_committee)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_list_steering_committees)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_add_member)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_remove_member)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_missing_categories)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

