/*  national_views: what the national console shows, as JSON (and CSV for
    the downloads), made from the stored bilans by pure functions
    (docs/national.md has each shape with an example).

        overview    a period's regions x indicators: all 18 regions (those
                    that did not report too), each one's figures, its
                    completeness and its timeliness; each indicator's
                    national figure and how many regions gave it a value
        series      one indicator across the periods: the national figure
                    and each region's, period by period
        versions    a region's bilans: every version of every period, with
                    its hash
        CSV         the aggregate and the regions table of a period

    Completeness and timeliness follow docs/bilan.md ("National
    aggregation"): the national completeness is regions reporting / 18 and
    the timeliness regions whose FIRST version arrived on or before the due
    date (UTC day) / regions reporting. The overview adds, per region, the
    share of the contract's indicators that have a value (a ratio over a
    zero denominator has none), and per indicator the regions that gave it
    one over 18; a region that has not reported is "pending" until the due
    date, "missing" after it.
*/
#ifndef NATIONAL_VIEWS_H_INCLUDED
#define NATIONAL_VIEWS_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "national_aggregate.h"
#include "national_store.h"

//  The French name of an ARS region by its INSEE code ("32":
//  "Hauts-de-France"), or NULL for a code that is not one of the 18.
const char *national_region_name (const char *code);

//  The overview of period (see above and docs/national.md). due_ordinal and
//  today_ordinal are yyyymmdd; periods (may be NULL, then []) is the list
//  of periods that hold bilans, stolen. Caller owns return value.
json_t *national_overview (const char *period, const national_entry_t *entries, size_t count,
                           int32_t due_ordinal, int32_t today_ordinal, json_t *periods);

//  One period of a series: its latest bilans.
typedef struct {
    char period [8];
    national_entry_t *entries;        //  Owned by the caller
    size_t count;
} national_period_t;

//  The series of indicator id over periods (in period order). Caller owns
//  return value.
json_t *national_series (const char *id, const national_period_t *periods, size_t count);

//  A region's bilans: {"region", "name", "periods": [{"period", "due_date",
//  "on_time", "first_received_at", "latest_version", "versions": [...]}]}.
//  due_of gives a period's due date (yyyymmdd). Caller owns return value.
json_t *national_versions (const char *region, const national_version_t *versions, size_t count,
                           int32_t (*due_of) (void *arg, int period), void *arg);

//  The aggregate (national_aggregate's JSON) and the regions table
//  (national_regions_table's) as CSV text: UTF-8, comma-separated, a
//  header row, CRLF line ends (RFC 4180). Caller frees.
char *national_aggregate_csv (const json_t *aggregate);
char *national_regions_csv (const json_t *table);

//  Days from the UTC day ordinal yyyymmdd from to to (negative when to
//  is earlier).
int32_t national_days_between (int32_t from, int32_t to);

//  Self test.
void national_views_test (bool verbose);

#endif
