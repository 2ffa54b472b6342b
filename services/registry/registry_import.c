/*  registry_import: PLACEHOLDER file, being written.  */
#include "registry.h"

REGISTRY_HANDLER (registry_import_establishments)
{
    return pps_call_fail (call, PPS__CODE__UNIMPLEMENTED, "", "PLACEHOLDER");
}

