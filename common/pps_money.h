/*  pps_money: amounts of money as int64 euro cents, with checked arithmetic,
    French formatting and parsing.

    Every sum, difference or product of amounts goes through these functions,
    so that an overflow is reported instead of wrapping silently: they return
    0 with the result, or -1 and leave the result untouched. Formatting gives
    "12 345,67 €" (spaces between thousands, a comma before the cents);
    parsing accepts "1234.56", "1234,56", "1234", "-5", and the formatted
    text itself ("12 345,67 €").
*/
#ifndef PPS_MONEY_H_INCLUDED
#define PPS_MONEY_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

//  The largest amount a service stores, in cents: 10^13, a hundred billion
//  euros. Every service refuses a larger amount at write time, so that a
//  sum of 900 000 stored amounts still fits in an int64 (sums are checked
//  all the same).
#define PPS_MONEY_MAX 10000000000000LL

//  Bytes a formatted amount needs at most, with its terminating NUL:
//  sign, 19 digits, 6 separators, ",", " €" (the euro sign is 3 bytes).
#define PPS_MONEY_TEXT_MAX 40

//  True when cents is an amount a service may store: 0 <= cents <=
//  PPS_MONEY_MAX. No stored amount is negative; a difference that may be
//  (a balance, what remains of a budget) is derived, never stored.
bool pps_money_valid (int64_t cents);

//  a + b into *result_p. Returns 0, or -1 on overflow (*result_p untouched).
int pps_money_add (int64_t a, int64_t b, int64_t *result_p);

//  a - b into *result_p. Returns 0, or -1 on overflow (*result_p untouched).
int pps_money_sub (int64_t a, int64_t b, int64_t *result_p);

//  cents * factor into *result_p. Returns 0, or -1 on overflow.
int pps_money_mul (int64_t cents, int64_t factor, int64_t *result_p);

//  Add amount to *total_p in place. Returns 0, or -1 on overflow, in which
//  case *total_p keeps its value.
int pps_money_accumulate (int64_t *total_p, int64_t amount);

//  Format cents as "-12 345,67 €" into buffer (at least PPS_MONEY_TEXT_MAX
//  bytes for any amount; a shorter buffer gets a truncated text). Returns
//  buffer.
char *pps_money_format (int64_t cents, char *buffer, size_t size);

//  Parse euros into cents: an optional sign, digits (spaces, no-break spaces
//  or narrow no-break spaces may separate groups of three), optionally '.'
//  or ',' and one or two decimals, optionally followed by "€" or "EUR".
//  Returns 0 and sets *cents_p, or -1 when the text is not an amount or
//  does not fit in an int64 of cents.
int pps_money_parse (const char *text, int64_t *cents_p);

//  Self test.
void pps_money_test (bool verbose);

#endif
