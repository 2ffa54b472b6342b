/*  indicators_view: every record a bilan is computed from, from the model.  */
#include "indicators_view.h"

#include "indicators_model.h"

#include <string.h>

#define LOAD(source, entity, type, name) \
    if (!rc) rc = indicators_model_load (store, txn, source, entity, &type##__descriptor, \
                                         arena, (void ***) &view->name, &view->n_##name)

int
indicators_view_from_model (indicators_view_t *view, pps_store_t *store, MDB_txn *txn,
                            pps_arena_t *arena)
{
    memset (view, 0, sizeof *view);
    int rc = 0;
    LOAD ("registry", "establishment", registry__establishment, establishments);
    LOAD ("registry", "health_unit", registry__health_unit, health_units);
    LOAD ("registry", "hospital", registry__hospital, hospitals);
    LOAD ("registry", "partner", registry__partner, partners);
    LOAD ("registry", "designation", registry__designation, designations);
    LOAD ("registry", "programme", registry__programme, programmes);
    LOAD ("registry", "cpom", registry__cpom, cpoms);
    LOAD ("registry", "regional_committee", registry__regional_committee, regional_committees);
    LOAD ("registry", "working_group", registry__working_group, working_groups);
    LOAD ("registry", "steering_committee", registry__steering_committee, steering_committees);
    LOAD ("registry", "meeting", registry__meeting, meetings);
    LOAD ("projects", "project", projects__project, projects);
    LOAD ("projects", "establishment_year", projects__establishment_year, establishment_years);
    LOAD ("training", "offer", training__training_offer, offers);
    LOAD ("training", "session", training__training_session, training_sessions);
    LOAD ("training", "participant", training__participant, participants);
    LOAD ("training", "category_count", training__category_count, category_counts);
    LOAD ("training", "headcount", training__staff_headcount, headcounts);
    LOAD ("funding", "funder", funding__funder, funders);
    LOAD ("funding", "call", funding__call, calls);
    LOAD ("funding", "application", funding__application, applications);
    LOAD ("funding", "allocation", funding__allocation, allocations);
    return rc;
}
