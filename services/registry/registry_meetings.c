/*  registry_meetings: PLACEHOLDER file, being written.  */
#include "registry.h"

REGISTRY_HANDLER (registry_create_meeting)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_update_meeting)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_get_meeting)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_list_meetings)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

REGISTRY_HANDLER (registry_meeting_stats)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

