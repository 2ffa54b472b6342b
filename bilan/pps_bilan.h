/*  pps_bilan: the bilan contract, shared by the region (the indicators
    service), the national service, ppsctl and the tests.

    One place says what a bilan is (docs/bilan.md is checked against it):
      - the indicators: id, kind, whether the numerator counts a subset of
        the denominator, whether the bilan also carries it per
        establishment, its French label, its definition, the annex sentence
        it counts, and the warning raised when a ratio has no denominator;
      - the document (schema pps-bilan/2): its members, the regions that may
        send one, its canonical form and SHA-256;
      - the rules a document is checked against, each with its severity. The
        region runs them before an operator finalises (an error refuses the
        finalisation) and the national service runs the same code on what it
        receives, so that a bilan the national service would refuse is
        refused at finalise with the same field and message.

    Works on jansson values: the region builds its document first and checks
    that, the national service checks what it parsed.
*/
#ifndef PPS_BILAN_H_INCLUDED
#define PPS_BILAN_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "pps_money.h"             //  PPS_MONEY_MAX: the one limit of an amount

#define PPS_BILAN_SCHEMA        "pps-bilan/2"
#define PPS_BILAN_ID_MAX        64
#define PPS_BILAN_NUMBER_MAX    1000000000000000LL  //  10^15: sums over regions stay exact
#define PPS_BILAN_VERSION_MAX   1000000
#define PPS_BILAN_PERIOD_MIN    2000
#define PPS_BILAN_PERIOD_MAX    2100
#define PPS_BILAN_REGION_COUNT  18
#define PPS_BILAN_FUNDER_PREFIX "OO4.3.granted."
#define PPS_BILAN_FUNDER_MAX    32
#define PPS_BILAN_HEX           65                  //  SHA-256 in hex, with its NUL

//  The ids of the indicators, for the code that computes them: an id is
//  written here and in the table of bilan_indicators.c, nowhere else.
#define PPS_BILAN_A5_1                       "A5.1"
#define PPS_BILAN_A5_2                       "A5.2"
#define PPS_BILAN_A5_3                       "A5.3"
#define PPS_BILAN_A5_4                       "A5.4"
#define PPS_BILAN_A5_5                       "A5.5"
#define PPS_BILAN_A5_6                       "A5.6"
#define PPS_BILAN_A5_7                       "A5.7"
#define PPS_BILAN_A5_8                       "A5.8"
#define PPS_BILAN_OO1_1                      "OO1.1"
#define PPS_BILAN_OO1_2                      "OO1.2"
#define PPS_BILAN_OO1_3                      "OO1.3"
#define PPS_BILAN_OS2_CPOM                   "OS2.cpom"
#define PPS_BILAN_OS2_TRAINED                "OS2.trained"
#define PPS_BILAN_OS2_HEALTH_TRAINED         "OS2.health_trained"
#define PPS_BILAN_OS2_PENITENTIARY_TRAINED   "OS2.penitentiary_trained"
#define PPS_BILAN_OS2_PJJ_TRAINED            "OS2.pjj_trained"
#define PPS_BILAN_OS2_EDUCATION_TRAINED      "OS2.education_trained"
#define PPS_BILAN_OS2_OTHER_TRAINED          "OS2.other_trained"
#define PPS_BILAN_OS3_COMMITTEE              "OS3.committee"
#define PPS_BILAN_OS3_WORKING_GROUPS         "OS3.working_groups"
#define PPS_BILAN_OS3_MEETINGS               "OS3.meetings"
#define PPS_BILAN_OS3_PEOPLE                 "OS3.people"
#define PPS_BILAN_OS3_STRUCTURES             "OS3.structures"
#define PPS_BILAN_OO4_1                      "OO4.1"
#define PPS_BILAN_OO4_2                      "OO4.2"
#define PPS_BILAN_OO4_3_SOURCES              "OO4.3.sources"
#define PPS_BILAN_OO4_3_GRANTED              "OO4.3.granted"
#define PPS_BILAN_OO4_6                      "OO4.6"
#define PPS_BILAN_OO5_1                      "OO5.1"
#define PPS_BILAN_OO5_2                      "OO5.2"
#define PPS_BILAN_OO5_4                      "OO5.4"
#define PPS_BILAN_OO5_5                      "OO5.5"

//  The kinds of indicator; the values are those of indicators.proto's
//  IndicatorKind, so that either converts to the other.
typedef enum {
    PPS_BILAN_YES_NO = 1,           //  numerator 0 or 1, no denominator
    PPS_BILAN_RATIO = 2,            //  numerator over denominator
    PPS_BILAN_COUNT = 3,            //  numerator only
    PPS_BILAN_AMOUNT = 4            //  numerator in euro cents
} pps_bilan_kind_t;

typedef struct {
    const char *id;                 //  "A5.4", "OS2.trained"...
    pps_bilan_kind_t kind;
    bool proportion;                //  the numerator counts a subset of the denominator
    bool per_establishment;         //  also given for each establishment
    const char *label;              //  French, as the annexes word it
    const char *definition;         //  English: what is counted, over what
    const char *source;             //  the annex and its sentence
    const char *empty_rule;         //  ratio: the warning when the denominator is 0
    const char *empty_message;      //  ...and what it tells the operator
} pps_bilan_indicator_t;

typedef enum {
    PPS_BILAN_WARNING = 1,
    PPS_BILAN_ERROR = 2
} pps_bilan_severity_t;

//  A rule of the contract, for the docs and for ppsctl.
typedef struct {
    const char *name;
    pps_bilan_severity_t severity;
    const char *description;
} pps_bilan_rule_t;

//  One finding of the rules over a document.
typedef struct {
    const char *rule;               //  a rule's name (static)
    pps_bilan_severity_t severity;
    char indicator [PPS_BILAN_ID_MAX + 1];      //  "" for the whole bilan
    char establishment [33];                    //  its code, "" for the region
    char field [160];                           //  "indicators[4].numerator"
    char message [256];
} pps_bilan_issue_t;

//  Where a document breaks the contract: the field's path and why.
typedef struct {
    char field [160];
    char message [256];
} pps_bilan_problem_t;

//  ---------------------------------------------------------------- indicators

//  Number of fixed indicators, and the index-th in the document's order.
size_t pps_bilan_indicator_count (void);
const pps_bilan_indicator_t *pps_bilan_indicator_at (size_t index);

//  The definition of id, or NULL. A funder's amount "OO4.3.granted.<FUNDER>"
//  (FUNDER in [A-Za-z0-9_-]{1,32}) has the definition of "OO4.3.granted".
const pps_bilan_indicator_t *pps_bilan_indicator (const char *id);

//  "yes_no", "ratio", "count", "amount"; and back (-1 when unknown).
const char *pps_bilan_kind_name (pps_bilan_kind_t kind);
int pps_bilan_kind_parse (const char *text);

//  Value of an indicator: a ratio is numerator / denominator rounded to
//  four decimals (none over 0: *has_value_p false), others their numerator.
double pps_bilan_value (pps_bilan_kind_t kind, int64_t numerator, int64_t denominator,
                        bool *has_value_p);

//  ---------------------------------------------------------------- document

//  Index of an ARS region's INSEE code in the list of 18, or -1; and the
//  index-th code.
int pps_bilan_region_index (const char *code);
const char *pps_bilan_region (size_t index);

//  The canonical text of a document: without its sha256 member, keys
//  sorted, no whitespace. Into hex (PPS_BILAN_HEX bytes), when not NULL,
//  the SHA-256 of that text. NULL only when out of memory. Caller frees.
char *pps_bilan_canonical (const json_t *document, char *hex);

//  Set the document's sha256 member. Returns 0, or -1 when out of memory.
int pps_bilan_seal (json_t *document);

//  ---------------------------------------------------------------- rules

//  The rules, for the docs: count and the index-th.
size_t pps_bilan_rule_count (void);
const pps_bilan_rule_t *pps_bilan_rule_at (size_t index);

//  Run the rules over the figures of a document whose shape is valid
//  (pps_bilan_check_shape), calling found for each issue in document
//  order. Returns the number of errors.
typedef void (pps_bilan_found_fn) (const pps_bilan_issue_t *issue, void *arg);
size_t pps_bilan_rules_run (const json_t *document, pps_bilan_found_fn *found, void *arg);

//  Check a document's shape: members, types, ids and kinds, dates, limits.
//  Returns 0, or -1 with problem set.
int pps_bilan_check_shape (const json_t *document, pps_bilan_problem_t *problem);

//  What the national service accepts: the shape, no error of the rules,
//  and the sha256 member the hash of the canonical form. Returns 0, or -1
//  with problem set (for a rule: the field of the figure and its message).
int pps_bilan_check (const json_t *document, pps_bilan_problem_t *problem);

//  The indicators and the rules as the Markdown tables of docs/bilan.md.
//  Caller frees.
char *pps_bilan_markdown (void);

//  Self test.
void pps_bilan_test (bool verbose);

#endif
