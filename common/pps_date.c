/*  pps_date: calendar dates (pps.Date) and wall-clock time.  */
#include "pps_date.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t
pps_now_ms (void)
{
    struct timespec now;
    clock_gettime (CLOCK_REALTIME, &now);
    return (int64_t) now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

bool
pps_date_is_set (const Pps__Date *date)
{
    return date && (date->year || date->month || date->day);
}

static int
s_days_in_month (int year, int month)
{
    static const int days [] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days [month - 1];
}

bool
pps_date_is_valid (const Pps__Date *date)
{
    if (!date)
        return false;
    if (date->year < 1900 || date->year > 2200)
        return false;
    if (date->month < 1 || date->month > 12)
        return false;
    return date->day >= 1 && date->day <= s_days_in_month (date->year, date->month);
}

int32_t
pps_date_ordinal (const Pps__Date *date)
{
    if (!pps_date_is_set (date))
        return 0;
    return date->year * 10000 + date->month * 100 + date->day;
}

void
pps_date_from_ordinal (Pps__Date *date, int32_t ordinal)
{
    date->year = ordinal / 10000;
    date->month = (ordinal / 100) % 100;
    date->day = ordinal % 100;
}

int
pps_date_compare (const Pps__Date *a, const Pps__Date *b)
{
    int32_t left = pps_date_ordinal (a);
    int32_t right = pps_date_ordinal (b);
    return (left > right) - (left < right);
}

bool
pps_date_in_range (const Pps__Date *day, const Pps__Date *start, const Pps__Date *end)
{
    int32_t ordinal = pps_date_ordinal (day);
    if (pps_date_is_set (start) && ordinal < pps_date_ordinal (start))
        return false;
    if (pps_date_is_set (end) && ordinal > pps_date_ordinal (end))
        return false;
    return true;
}

int
pps_date_parse (const char *text, Pps__Date *date)
{
    int year, month, day, consumed = 0;
    if (!text || sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3
    ||  consumed != 10 || text [consumed] != 0)
        return -1;
    Pps__Date parsed = PPS__DATE__INIT;
    parsed.year = year;
    parsed.month = month;
    parsed.day = day;
    if (!pps_date_is_valid (&parsed))
        return -1;
    date->year = year;
    date->month = month;
    date->day = day;
    return 0;
}

char *
pps_date_format (const Pps__Date *date, char *buffer, size_t size)
{
    if (!pps_date_is_set (date))
        snprintf (buffer, size, "%s", "");
    else
        snprintf (buffer, size, "%04d-%02d-%02d", date->year, date->month, date->day);
    return buffer;
}

void
pps_date_today (Pps__Date *date)
{
    time_t now = time (NULL);
    struct tm utc;
    gmtime_r (&now, &utc);
    date->year = utc.tm_year + 1900;
    date->month = utc.tm_mon + 1;
    date->day = utc.tm_mday;
}

void
pps_date_test (bool verbose)
{
    (void) verbose;
    Pps__Date date = PPS__DATE__INIT;
    assert (!pps_date_is_set (&date));
    assert (!pps_date_is_set (NULL));
    assert (pps_date_parse ("2024-02-29", &date) == 0);
    assert (date.year == 2024 && date.month == 2 && date.day == 29);
    assert (pps_date_parse ("2023-02-29", &date) == -1);
    assert (pps_date_parse ("2023-13-01", &date) == -1);
    assert (pps_date_parse ("2023-1-01", &date) == -1);
    assert (pps_date_parse ("2023-01-01x", &date) == -1);
    assert (pps_date_parse ("1800-01-01", &date) == -1);
    assert (pps_date_ordinal (&date) == 20240229);
    Pps__Date start = PPS__DATE__INIT, end = PPS__DATE__INIT;
    pps_date_parse ("2024-01-01", &start);
    assert (pps_date_compare (&start, &date) < 0);
    assert (pps_date_in_range (&date, &start, NULL));
    pps_date_parse ("2024-02-28", &end);
    assert (!pps_date_in_range (&date, &start, &end));
    assert (pps_date_in_range (&end, &start, &end));
    char buffer [16];
    assert (strcmp (pps_date_format (&date, buffer, sizeof buffer), "2024-02-29") == 0);
    Pps__Date back = PPS__DATE__INIT;
    pps_date_from_ordinal (&back, 20241231);
    assert (back.year == 2024 && back.month == 12 && back.day == 31);
    assert (pps_now_ms () > 1700000000000LL);
}

char *
pps_time_format_ms (int64_t time_ms, char *buffer, size_t size)
{
    time_t seconds = (time_t) (time_ms / 1000);
    struct tm utc;
    if (!gmtime_r (&seconds, &utc) || !strftime (buffer, size, "%Y-%m-%dT%H:%M:%SZ", &utc))
        snprintf (buffer, size, "?");
    return buffer;
}
