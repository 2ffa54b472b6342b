/*  national_aggregate: the national figures of a period over the regions
    that reported, each counted through its latest version (docs/bilan.md,
    "National aggregation"). Pure functions over validated documents.

    Per indicator id of the documents' top level:
        ratio, count, amount   numerator = sum of numerators; ratio also
                               sums denominators, value = num / den (null
                               when the denominators sum to 0); count and
                               amount: value = the sum
        yes_no                 numerator = regions answering 1, denominator
                               = regions reporting it, value = their ratio
        regions_reporting      regions whose document carries the id
    completeness = regions reporting / 18; timeliness = regions whose FIRST
    version arrived on or before the due date (UTC day) / regions reporting.
*/
#ifndef NATIONAL_AGGREGATE_H_INCLUDED
#define NATIONAL_AGGREGATE_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>

//  One region's latest bilan of a period.
typedef struct {
    char region [4];                  //  INSEE code
    int64_t version;                  //  Latest (highest) version
    int64_t received_ms;              //  When that version arrived
    int64_t first_received_ms;        //  When the region's first version arrived
    json_t *document;                 //  The validated document (owned)
} national_entry_t;

//  Release the documents of count entries and the array; NULL is fine.
void national_entries_free (national_entry_t *entries, size_t count);

//  The aggregate of a period:
//  {"period", "due_date", "regions_expected": 18, "regions_reporting",
//   "regions": [codes], "completeness": {numerator, denominator, value},
//   "timeliness": {numerator, denominator, value},
//   "indicators": {"<id>": {kind, numerator, denominator, value,
//                           regions_reporting}, ...}}  (ids in byte order)
//  due_ordinal is yyyymmdd. Caller owns return value (json_decref).
json_t *national_aggregate (const char *period, const national_entry_t *entries, size_t count,
                            int32_t due_ordinal);

//  The table region x indicator of a period:
//  {"period", "due_date", "regions": [{"region", "version", "received_at",
//   "first_received_at", "on_time", "indicators": {"<id>": {kind,
//   numerator, denominator, value}}}]}. Caller owns return value.
json_t *national_regions_table (const char *period, const national_entry_t *entries,
                                size_t count, int32_t due_ordinal);

//  {numerator, denominator, value}: value = numerator / denominator, null
//  for a zero denominator. Caller owns return value.
json_t *national_fraction (int64_t numerator, int64_t denominator);

//  yyyymmdd as a JSON "YYYY-MM-DD", or null for 0. Caller owns return value.
json_t *national_date_json (int32_t ordinal);

//  The UTC day (yyyymmdd) of a time in ms since the epoch.
int32_t national_day_of (int64_t time_ms);

//  ms since the epoch as "2026-01-31T08:15:00.123Z" into buffer (>= 25 bytes).
char *national_iso_time (int64_t time_ms, char *buffer, size_t size);

//  Self test.
void national_aggregate_test (bool verbose);

#endif
