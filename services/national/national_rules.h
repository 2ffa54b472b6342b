/*  national_rules: what makes a bilan document (docs/bilan.md, schema
    pps-bilan/1) acceptable to the national service, its canonical form and
    its hash. Pure functions over jansson values: no storage, no network.

    Beyond the table of docs/bilan.md, the checks are as strict as the
    contract lets them be, so that the aggregate never mixes things:
      - a member the schema does not name is refused (a new member needs a
        new schema name);
      - every member is required ("zero is always sent"); denominator is
        null, not absent, outside ratios;
      - an indicator id is one of the document's table (or
        OO4.3.granted.<FUNDER>, FUNDER in [A-Za-z0-9_-]{1,32}) with the
        kind that table gives it; every fixed id is present at the top;
      - an establishment carries only A5.4-A5.8, OO4.1, OO5.2, OO5.4 and
        OO5.5 (each at most once, none required); establishment codes are
        unique; its optional kind is a string, minors a boolean. The "0/1
        numerators and denominators" of docs/bilan.md are NOT enforced: an
        establishment can have several health units, projects or
        referents, and the indicators service reports those counts;
      - numerators and denominators are at most 10^15, so that sums over
        the 18 regions stay exact in int64;
      - period_start lies in the period's year, period_end after it and
        less than a year later, reference_date between them.
*/
#ifndef NATIONAL_RULES_H_INCLUDED
#define NATIONAL_RULES_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

#define NATIONAL_SCHEMA         "pps-bilan/1"
#define NATIONAL_ID_MAX         64
#define NATIONAL_NUMBER_MAX     1000000000000000LL      //  10^15
#define NATIONAL_VERSION_MAX    1000000

typedef enum {
    NATIONAL_YES_NO,
    NATIONAL_RATIO,
    NATIONAL_COUNT,
    NATIONAL_AMOUNT
} national_kind_t;

//  Where a document breaks a rule: the field's path as in
//  "indicators[3].denominator", and why.
typedef struct {
    char field [160];
    char message [256];
} national_problem_t;

//  Check document against every rule, the sha256 member last (it must be
//  the SHA-256 of the canonical form). Returns 0, or -1 with problem set.
int national_rules_check (const json_t *document, national_problem_t *problem);

//  The canonical form of document without its sha256 member: keys sorted,
//  no whitespace (JSON_SORT_KEYS | JSON_COMPACT). NULL only when out of
//  memory. Caller owns return value and must free it.
char *national_rules_canonical (const json_t *document);

//  The kind named text ("ratio"), or -1.
int national_kind_parse (const char *text);

//  Name of a kind ("yes_no").
const char *national_kind_name (national_kind_t kind);

//  Number of fixed indicator ids every document carries at its top level,
//  and the id and kind of the index-th one (in the document's order).
size_t national_rules_fixed_count (void);
const char *national_rules_fixed_id (size_t index, national_kind_t *kind_p);

//  Self test.
void national_rules_test (bool verbose);

#endif
