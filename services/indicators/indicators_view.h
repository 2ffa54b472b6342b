/*  indicators_view: every record a bilan is computed from, as typed arrays.

    A view is filled either from the event-fed read model (the normal path,
    indicators_view_from_model) or, in the cross-check test, from the owning
    services' own queries; the computation does not know which. A view may
    hold every region's records: the computation filters by region.
*/
#ifndef INDICATORS_VIEW_H_INCLUDED
#define INDICATORS_VIEW_H_INCLUDED

#include "pps_store.h"
#include "registry.pb-c.h"
#include "projects.pb-c.h"
#include "training.pb-c.h"
#include "funding.pb-c.h"

#define VIEW_ARRAY(type, name) type **name; size_t n_##name

typedef struct {
    VIEW_ARRAY (Registry__Establishment, establishments);
    VIEW_ARRAY (Registry__HealthUnit, health_units);
    VIEW_ARRAY (Registry__Hospital, hospitals);
    VIEW_ARRAY (Registry__Partner, partners);
    VIEW_ARRAY (Registry__Designation, designations);
    VIEW_ARRAY (Registry__Programme, programmes);
    VIEW_ARRAY (Registry__Cpom, cpoms);
    VIEW_ARRAY (Registry__RegionalCommittee, regional_committees);
    VIEW_ARRAY (Registry__WorkingGroup, working_groups);
    VIEW_ARRAY (Registry__SteeringCommittee, steering_committees);
    VIEW_ARRAY (Registry__Meeting, meetings);
    VIEW_ARRAY (Projects__Project, projects);
    VIEW_ARRAY (Projects__EstablishmentYear, establishment_years);
    VIEW_ARRAY (Training__TrainingOffer, offers);
    VIEW_ARRAY (Training__TrainingSession, training_sessions);
    VIEW_ARRAY (Training__Participant, participants);
    VIEW_ARRAY (Training__CategoryCount, category_counts);
    VIEW_ARRAY (Training__StaffHeadcount, headcounts);
    VIEW_ARRAY (Funding__Funder, funders);
    VIEW_ARRAY (Funding__Call, calls);
    VIEW_ARRAY (Funding__Application, applications);
    VIEW_ARRAY (Funding__Allocation, allocations);
} indicators_view_t;

//  Fill view from the read model in txn; records live in arena.
//  Returns 0 or an LMDB error code.
int indicators_view_from_model (indicators_view_t *view, pps_store_t *store, MDB_txn *txn,
                                pps_arena_t *arena);

#endif
