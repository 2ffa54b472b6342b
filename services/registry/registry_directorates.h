/*  registry_directorates: the directorate helpers that the establishments
    import shares with the directorate handlers (registry_directorates.c).
    Each works in the call's transaction and fails the call on error.
*/
#ifndef REGISTRY_DIRECTORATES_H_INCLUDED
#define REGISTRY_DIRECTORATES_H_INCLUDED

#include "registry.h"

//  Check a directorate's own fields and that each of its regions exists.
//  Returns 0, or -1 with the call failed.
int registry_directorate_valid (registry_t *self, pps_call_t *call,
                                const Registry__Directorate *in);

//  The id of the directorate with that code ("DISP-LILLE"), or 0.
uint64_t registry_directorate_by_code (registry_t *self, pps_call_t *call, const char *code);

//  Store a directorate (a new one when before is NULL: assigns its id),
//  keep the code index and emit its event. Fails with ALREADY_EXISTS when
//  another directorate holds the code. Returns 0 or -1.
int registry_directorate_store (registry_t *self, pps_call_t *call,
                                Registry__Directorate *in,
                                const Registry__Directorate *before);

#endif
