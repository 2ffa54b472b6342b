/*  registry_programme: PLACEHOLDER file, being written.  */
#include "registry.h"

REGISTRY_HANDLER (registry_put_programme)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_get_programme)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_create_cpom)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_update_cpom)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_get_cpom)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_list_cpoms)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

