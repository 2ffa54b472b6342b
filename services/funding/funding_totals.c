/*  funding_totals: the amounts granted in a region during a period, in all
    and per funder kind, funder, establishment and theme: the figures of the
    bilan's OO 4.3. A grant counts on its decision date, an allocation on
    the day its convention was signed. Every sum is checked.  */
#include "funding_rules.h"

#include <czmq.h>

typedef struct {
    funding_t *self;
    pps_call_t *call;
    pps_arena_t *arena;
    const Pps__Date *from;
    const Pps__Date *to;
    Funding__GrantedTotals *view;
    Funding__Funder **funders;        //  Funders read so far
    size_t funder_count;
    bool failed;                      //  The call is failed: stop the scan
} totals_t;

//  Add cents under key in a list of amounts, adding the entry when absent.
//  Returns 0, or -1 when the entry's sum would overflow.
static int
s_amount_add (pps_arena_t *arena, Funding__Amount ***items_p, size_t *count_p,
              const char *key, const char *label, int64_t cents)
{
    Funding__Amount *entry = NULL;
    for (size_t index = 0; index < *count_p && !entry; index++)
        if (streq ((*items_p) [index]->key, key))
            entry = (*items_p) [index];
    if (!entry) {
        entry = (Funding__Amount *) pps_arena_message (arena, &funding__amount__descriptor);
        entry->key = pps_arena_strdup (arena, key);
        entry->label = pps_arena_strdup (arena, label);
        pps_arena_push (arena, (void ***) items_p, count_p, entry);
    }
    return pps_money_accumulate (&entry->cents, cents);
}

//  The funder with that id, read once per view.
static Funding__Funder *
s_funder (totals_t *totals, uint64_t id)
{
    for (size_t index = 0; index < totals->funder_count; index++)
        if (totals->funders [index]->id == id)
            return totals->funders [index];
    Funding__Funder *funder;
    if (funding_funder_load (totals->self, totals->call, id, "funder_id", &funder))
        return NULL;
    pps_arena_push (totals->arena, (void ***) &totals->funders, &totals->funder_count, funder);
    return funder;
}

//  Fail the view on field for a sum that overflows; stops the scan.
static int
s_overflow (totals_t *totals, const char *field)
{
    pps_call_fail (totals->call, PPS__CODE__OUT_OF_RANGE, field,
                   "the amounts granted add up beyond what can be summed (%s)", field);
    totals->failed = true;
    return -1;
}

//  Count cents granted by funder_id in establishment_id, in the total, the
//  subtotal given and the per funder, kind and establishment lists.
static int
s_count (totals_t *totals, uint64_t funder_id, uint64_t establishment_id, int64_t cents,
         int64_t *subtotal, const char *subtotal_field)
{
    Funding__GrantedTotals *view = totals->view;
    Funding__Funder *funder = s_funder (totals, funder_id);
    if (!funder) {
        totals->failed = true;
        return -1;
    }
    char key [32];
    if (pps_money_accumulate (&view->total_cents, cents))
        return s_overflow (totals, "total_cents");
    if (pps_money_accumulate (subtotal, cents))
        return s_overflow (totals, subtotal_field);
    snprintf (key, sizeof key, "%llu", (unsigned long long) funder->id);
    if (s_amount_add (totals->arena, &view->by_funder, &view->n_by_funder, key, funder->name, cents))
        return s_overflow (totals, "by_funder");
    const char *kind = funding_enum_name (&funding__funder_kind__descriptor, funder->kind);
    if (s_amount_add (totals->arena, &view->by_funder_kind, &view->n_by_funder_kind, kind, kind,
                      cents))
        return s_overflow (totals, "by_funder_kind");
    snprintf (key, sizeof key, "%llu", (unsigned long long) establishment_id);
    if (s_amount_add (totals->arena, &view->by_establishment, &view->n_by_establishment, key, "",
                      cents))
        return s_overflow (totals, "by_establishment");
    return 0;
}

//  True when day lies in the period of the view.
static bool
s_in_period (totals_t *totals, const Pps__Date *day)
{
    return pps_date_is_set (day) && pps_date_in_range (day, totals->from, totals->to);
}

//  Counts a grant of the region decided during the period.
static int
s_count_application (ProtobufCMessage *record, void *arg)
{
    totals_t *totals = arg;
    Funding__Application *application = (Funding__Application *) record;
    int64_t cents = funding_rules_granted (application);
    if (cents <= 0 || !streq (application->region_code, totals->view->region_code)
    ||  !s_in_period (totals, application->decision_date))
        return 0;
    Funding__GrantedTotals *view = totals->view;
    if (s_count (totals, application->funder_id, application->establishment_id, cents,
                 &view->grants_cents, "grants_cents"))
        return -1;
    //  A grant counts under each theme of its project
    for (size_t index = 0; index < application->n_themes; index++) {
        const char *theme = funding_enum_name (&projects__theme__descriptor,
                                               application->themes [index]);
        if (s_amount_add (totals->arena, &view->by_theme, &view->n_by_theme, theme, theme, cents))
            return s_overflow (totals, "by_theme");
    }
    return 0;
}

//  Counts an allocation of the region signed during the period.
static int
s_count_allocation (ProtobufCMessage *record, void *arg)
{
    totals_t *totals = arg;
    Funding__Allocation *allocation = (Funding__Allocation *) record;
    if (!streq (allocation->region_code, totals->view->region_code)
    ||  !s_in_period (totals, allocation->signed_on))
        return 0;
    return s_count (totals, allocation->funder_id, allocation->establishment_id,
                    allocation->amount_cents, &totals->view->allocations_cents,
                    "allocations_cents");
}

PPS_HANDLER (funding_granted_totals)
{
    funding_t *funding = self;
    const Funding__TotalsQuery *in = op;
    if (pps_check_text (call, "region_code", in->region_code, PPS_CODE_MAX, false)
    ||  pps_check_date (call, "from", in->from, true)
    ||  pps_check_date (call, "to", in->to, true)
    ||  pps_check_period (call, "to", in->from, in->to))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Funding__GrantedTotals *view = (Funding__GrantedTotals *)
        pps_arena_message (arena, &funding__granted_totals__descriptor);
    view->region_code = *in->region_code ? in->region_code : funding->region_code;
    view->from = in->from;
    view->to = in->to;
    totals_t totals = { funding, call, arena, in->from, in->to, view, NULL, 0, false };
    int rc = pps_store_each (pps_call_txn (call), funding->applications,
                             &funding__application__descriptor, arena, s_count_application,
                             &totals);
    if (!rc)
        rc = pps_store_each (pps_call_txn (call), funding->allocations,
                             &funding__allocation__descriptor, arena, s_count_allocation,
                             &totals);
    if (totals.failed)
        return -1;
    if (rc)
        return pps_call_fail_lmdb (call, rc, "granted totals");
    view->funders_granting = (uint32_t) view->n_by_funder;
    *result_p = &view->base;
    return 0;
}
