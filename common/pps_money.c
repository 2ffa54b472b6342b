/*  pps_money: checked int64 cents arithmetic, formatting and parsing.  */
#include "pps_money.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

bool
pps_money_valid (int64_t cents)
{
    return cents >= 0 && cents <= PPS_MONEY_MAX;
}

int
pps_money_add (int64_t a, int64_t b, int64_t *result_p)
{
    int64_t result;
    if (__builtin_add_overflow (a, b, &result))
        return -1;
    *result_p = result;
    return 0;
}

int
pps_money_sub (int64_t a, int64_t b, int64_t *result_p)
{
    int64_t result;
    if (__builtin_sub_overflow (a, b, &result))
        return -1;
    *result_p = result;
    return 0;
}

int
pps_money_mul (int64_t cents, int64_t factor, int64_t *result_p)
{
    int64_t result;
    if (__builtin_mul_overflow (cents, factor, &result))
        return -1;
    *result_p = result;
    return 0;
}

int
pps_money_accumulate (int64_t *total_p, int64_t amount)
{
    return pps_money_add (*total_p, amount, total_p);
}

char *
pps_money_format (int64_t cents, char *buffer, size_t size)
{
    //  The magnitude as unsigned, so that INT64_MIN has one too
    bool negative = cents < 0;
    uint64_t magnitude = negative ? (uint64_t) (-(cents + 1)) + 1 : (uint64_t) cents;
    uint64_t euros = magnitude / 100;
    unsigned rest = (unsigned) (magnitude % 100);

    //  Digits of the euros from the right, a space every three
    char reversed [32];
    size_t length = 0, digits = 0;
    do {
        if (digits > 0 && digits % 3 == 0)
            reversed [length++] = ' ';
        reversed [length++] = (char) ('0' + euros % 10);
        euros /= 10;
        digits++;
    } while (euros);

    char text [PPS_MONEY_TEXT_MAX];
    size_t used = 0;
    if (negative)
        text [used++] = '-';
    while (length)
        text [used++] = reversed [--length];
    snprintf (text + used, sizeof text - used, ",%02u \xe2\x82\xac", rest);
    snprintf (buffer, size, "%s", text);
    return buffer;
}

//  Length of the group separator at text (space, no-break space U+00A0,
//  narrow no-break space U+202F), or 0.
static size_t
s_separator (const char *text)
{
    if (text [0] == ' ')
        return 1;
    if ((unsigned char) text [0] == 0xc2 && (unsigned char) text [1] == 0xa0)
        return 2;
    if ((unsigned char) text [0] == 0xe2 && (unsigned char) text [1] == 0x80
    &&  (unsigned char) text [2] == 0xaf)
        return 3;
    return 0;
}

//  True for an ASCII decimal digit.
static bool
s_is_digit (char c)
{
    return c >= '0' && c <= '9';
}

//  Append one decimal digit to an unsigned magnitude; -1 on overflow.
static int
s_push_digit (uint64_t *value_p, char digit)
{
    uint64_t value;
    if (__builtin_mul_overflow (*value_p, (uint64_t) 10, &value)
    ||  __builtin_add_overflow (value, (uint64_t) (digit - '0'), &value))
        return -1;
    *value_p = value;
    return 0;
}

int
pps_money_parse (const char *text, int64_t *cents_p)
{
    if (!text)
        return -1;
    const char *cursor = text;
    while (*cursor == ' ')
        cursor++;
    bool negative = false;
    if (*cursor == '-' || *cursor == '+')
        negative = *cursor++ == '-';

    //  Euros: groups of three after a separator, at most three before the first
    uint64_t magnitude = 0;
    size_t group = 0, digits = 0;
    bool grouped = false;
    while (true) {
        if (s_is_digit (*cursor)) {
            if (s_push_digit (&magnitude, *cursor))
                return -1;
            cursor++;
            group++;
            digits++;
            continue;
        }
        size_t separator = s_separator (cursor);
        if (separator && group > 0 && s_is_digit (cursor [separator])) {
            if ((grouped && group != 3) || (!grouped && group > 3))
                return -1;
            grouped = true;
            group = 0;
            cursor += separator;
            continue;
        }
        break;
    }
    if (digits == 0 || (grouped && group != 3))
        return -1;

    //  Cents: one or two decimals after '.' or ','
    unsigned decimals = 0;
    uint64_t fraction = 0;
    if (*cursor == '.' || *cursor == ',') {
        cursor++;
        while (s_is_digit (*cursor) && decimals < 3) {
            fraction = fraction * 10 + (uint64_t) (*cursor++ - '0');
            decimals++;
        }
        if (decimals == 0 || decimals > 2)
            return -1;
    }
    if (decimals == 1)
        fraction *= 10;
    if (__builtin_mul_overflow (magnitude, (uint64_t) 100, &magnitude)
    ||  __builtin_add_overflow (magnitude, fraction, &magnitude))
        return -1;

    //  An optional currency, then nothing but spaces
    size_t separator;
    while ((separator = s_separator (cursor)))
        cursor += separator;
    if (strncmp (cursor, "\xe2\x82\xac", 3) == 0)
        cursor += 3;
    else
    if (strncmp (cursor, "EUR", 3) == 0)
        cursor += 3;
    while ((separator = s_separator (cursor)))
        cursor += separator;
    if (*cursor)
        return -1;

    //  INT64_MIN has no positive twin: compare magnitudes unsigned
    uint64_t limit = (uint64_t) INT64_MAX + (negative ? 1 : 0);
    if (magnitude > limit)
        return -1;
    if (negative)
        *cents_p = magnitude == 0 ? 0 : -(int64_t) (magnitude - 1) - 1;
    else
        *cents_p = (int64_t) magnitude;
    return 0;
}

//  Check that text parses to cents.
static void
s_assert_parse (const char *text, int64_t cents)
{
    int64_t parsed = 42;
    int rc = pps_money_parse (text, &parsed);
    if (rc != 0 || parsed != cents)
        fprintf (stderr, "pps_money_parse ('%s') = %d, %lld\n", text, rc, (long long) parsed);
    assert (rc == 0 && parsed == cents);
}

//  Check that text is refused and leaves the result alone.
static void
s_assert_refused (const char *text)
{
    int64_t parsed = 42;
    int rc = pps_money_parse (text, &parsed);
    if (rc != -1 || parsed != 42)
        fprintf (stderr, "pps_money_parse ('%s') accepted: %lld\n", text, (long long) parsed);
    assert (rc == -1 && parsed == 42);
}

void
pps_money_test (bool verbose)
{
    (void) verbose;
    //  Checked arithmetic: results at the limits, overflow reported, result kept
    int64_t result = 7;
    assert (pps_money_add (INT64_MAX - 1, 1, &result) == 0 && result == INT64_MAX);
    result = 7;
    assert (pps_money_add (INT64_MAX, 1, &result) == -1 && result == 7);
    assert (pps_money_add (INT64_MIN, -1, &result) == -1 && result == 7);
    assert (pps_money_add (INT64_MIN, INT64_MAX, &result) == 0 && result == -1);
    assert (pps_money_sub (0, INT64_MAX, &result) == 0 && result == -INT64_MAX);
    result = 7;
    assert (pps_money_sub (INT64_MIN, 1, &result) == -1 && result == 7);
    assert (pps_money_sub (0, INT64_MIN, &result) == -1 && result == 7);
    assert (pps_money_mul (123456, 1000, &result) == 0 && result == 123456000);
    result = 7;
    assert (pps_money_mul (INT64_MAX / 2 + 1, 2, &result) == -1 && result == 7);
    assert (pps_money_mul (-1, INT64_MIN, &result) == -1 && result == 7);
    int64_t total = 0;
    assert (pps_money_accumulate (&total, INT64_MAX / 2) == 0);
    assert (pps_money_accumulate (&total, INT64_MAX / 2) == 0);
    assert (total == INT64_MAX - 1);
    assert (pps_money_accumulate (&total, 2) == -1 && total == INT64_MAX - 1);
    assert (pps_money_accumulate (&total, 1) == 0 && total == INT64_MAX);

    //  The largest stored amount: a hundred billion euros, never negative
    assert (PPS_MONEY_MAX == 10000000000000LL);
    assert (pps_money_valid (0));
    assert (pps_money_valid (1));
    assert (pps_money_valid (PPS_MONEY_MAX));
    assert (!pps_money_valid (PPS_MONEY_MAX + 1));
    assert (!pps_money_valid (-1));
    assert (!pps_money_valid (INT64_MAX));
    assert (!pps_money_valid (INT64_MIN));
    //  900 000 of them still add up in an int64
    int64_t product;
    assert (pps_money_mul (PPS_MONEY_MAX, 900000, &product) == 0);

    //  Formatting
    char text [PPS_MONEY_TEXT_MAX];
    assert (strcmp (pps_money_format (0, text, sizeof text), "0,00 \xe2\x82\xac") == 0);
    assert (strcmp (pps_money_format (5, text, sizeof text), "0,05 \xe2\x82\xac") == 0);
    assert (strcmp (pps_money_format (123456, text, sizeof text), "1 234,56 \xe2\x82\xac") == 0);
    assert (strcmp (pps_money_format (1234567, text, sizeof text), "12 345,67 \xe2\x82\xac") == 0);
    assert (strcmp (pps_money_format (100000000, text, sizeof text), "1 000 000,00 \xe2\x82\xac") == 0);
    assert (strcmp (pps_money_format (-99999, text, sizeof text), "-999,99 \xe2\x82\xac") == 0);
    assert (strcmp (pps_money_format (PPS_MONEY_MAX, text, sizeof text),
                    "100 000 000 000,00 \xe2\x82\xac") == 0);
    assert (strcmp (pps_money_format (INT64_MAX, text, sizeof text),
                    "92 233 720 368 547 758,07 \xe2\x82\xac") == 0);
    assert (strcmp (pps_money_format (INT64_MIN, text, sizeof text),
                    "-92 233 720 368 547 758,08 \xe2\x82\xac") == 0);
    char small [6];
    assert (strcmp (pps_money_format (123456, small, sizeof small), "1 234") == 0);

    //  Parsing
    s_assert_parse ("1234.56", 123456);
    s_assert_parse ("1234,56", 123456);
    s_assert_parse ("1234", 123400);
    s_assert_parse ("1234,5", 123450);
    s_assert_parse ("0.07", 7);
    s_assert_parse ("-5", -500);
    s_assert_parse ("+5", 500);
    s_assert_parse ("-0", 0);
    s_assert_parse ("12 345,67 \xe2\x82\xac", 1234567);
    s_assert_parse ("12\xc2\xa0" "345,67\xe2\x82\xac", 1234567);
    s_assert_parse ("1\xe2\x80\xaf" "000\xe2\x80\xaf" "000 EUR", 100000000);
    s_assert_parse ("92233720368547758.07", INT64_MAX);
    s_assert_parse ("-92233720368547758.08", INT64_MIN);
    s_assert_refused ("92233720368547758.08");
    s_assert_refused ("-92233720368547758.09");
    s_assert_refused ("99999999999999999999999");
    s_assert_refused ("");
    s_assert_refused ("-");
    s_assert_refused ("abc");
    s_assert_refused ("12.");
    s_assert_refused (".5");
    s_assert_refused ("1.234");
    s_assert_refused ("1,2,3");
    s_assert_refused ("12 34");
    s_assert_refused ("1234 567");
    s_assert_refused ("12 345 6");
    s_assert_refused ("12  345");
    s_assert_refused ("12 \xe2\x82\xac x");
    s_assert_refused ("1e5");
    s_assert_refused (NULL);

    //  Every formatted amount parses back to itself
    const int64_t samples [] = { 0, 1, -1, 99, 100, 1000000, -123456789, INT64_MAX, INT64_MIN };
    for (size_t index = 0; index < sizeof samples / sizeof samples [0]; index++)
        s_assert_parse (pps_money_format (samples [index], text, sizeof text), samples [index]);
}
