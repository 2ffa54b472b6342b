/*  pps_date: calendar dates (pps.Date) and wall-clock time.

    A pps.Date with year, month and day all zero means "not set". Dates are
    compared through their ordinal yyyymmdd, which keeps the calendar order.
*/
#ifndef PPS_DATE_H_INCLUDED
#define PPS_DATE_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include "common.pb-c.h"

//  Milliseconds since the epoch, UTC.
int64_t pps_now_ms (void);

//  True when the date is absent or all zero.
bool pps_date_is_set (const Pps__Date *date);

//  True when the date is a real calendar day between years 1900 and 2200.
bool pps_date_is_valid (const Pps__Date *date);

//  yyyymmdd as an integer; 0 for an unset date.
int32_t pps_date_ordinal (const Pps__Date *date);

//  Fill a date from an ordinal yyyymmdd.
void pps_date_from_ordinal (Pps__Date *date, int32_t ordinal);

//  Compare two set dates: negative, zero or positive.
int pps_date_compare (const Pps__Date *a, const Pps__Date *b);

//  True when day lies in [start, end], an unset end meaning open-ended.
bool pps_date_in_range (const Pps__Date *day, const Pps__Date *start,
                        const Pps__Date *end);

//  Parse "YYYY-MM-DD" into date; 0 on success, -1 when not a valid date.
int pps_date_parse (const char *text, Pps__Date *date);

//  Format as "YYYY-MM-DD" into buffer (at least 11 bytes); "" when unset.
char *pps_date_format (const Pps__Date *date, char *buffer, size_t size);

//  Format ms since the epoch as ISO 8601 UTC to the second
//  ("2026-12-03T14:05:00Z") into buffer (>= 21 bytes); returns buffer.
char *pps_time_format_ms (int64_t time_ms, char *buffer, size_t size);

//  Today's date in UTC.
void pps_date_today (Pps__Date *date);

//  Self test.
void pps_date_test (bool verbose);

#endif
