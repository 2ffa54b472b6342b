/*  notify_model: the read model the registry's events feed, and the
    notifications those events raise, in the subscriber's transaction.

    Databases (all in the notify service's own LMDB):
        regions         key: region code         Registry.Region
        establishments  key: id                  Registry.Establishment
        persons         key: id                  Registry.Person
        designations    key: id                  Registry.Designation
        committees      key: id                  Registry.SteeringCommittee
        idx_scope       "<region>:<establishment id>" -> designation ids
    and, from the projects service's events (notify_steps.c):
        plans           key: id                  Projects.SessionPlan
        projects        key: id                  Projects.Project (id, title...)
*/
#ifndef NOTIFY_MODEL_H_INCLUDED
#define NOTIFY_MODEL_H_INCLUDED

#include "notify.h"

//  What the subscriber's apply needs; used from the subscriber's thread only.
typedef struct {
    pps_store_t *store;
    const notify_settings_t *settings;
    pps_arena_t *arena;               //  One event's memory
} notify_model_t;

//  The sources the model follows (NULL-terminated).
extern const char *const notify_model_sources [];

//  The subscriber's apply (arg is a notify_model_t), for the registry's
//  events and the projects service's (notify_steps_apply): keep the record
//  the event carries and raise what it calls for. An event that does not
//  decode is skipped with a warning (it would block every later one).
int notify_model_apply (void *arg, MDB_txn *txn, const char *source, uint64_t seq,
                        const uint8_t *event, size_t size);

#endif
