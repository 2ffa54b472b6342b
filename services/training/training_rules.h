/*  training_rules: the counting rules of OS 2 and OO 1.1, which need no
    storage.

    Which staff category falls in which group of the indicators; when a
    session or an offer lies in a period (both ends included); and how
    trained people are counted: a named person once, whatever the number of
    sessions they attended in the period, in the category of their latest
    attendance; anonymous counts added up as they are (nobody can tell
    whether the 4 guards of one session are among the 6 of another, so they
    cannot be de-duplicated). The handlers gather the records and ask these
    functions; the indicators service follows the same rules.
*/
#ifndef TRAINING_RULES_H_INCLUDED
#define TRAINING_RULES_H_INCLUDED

#include "training.h"

//  The families of professionals OS 2 counts apart: annex 1 asks to
//  distinguish "professionnels de santé et pénitentiaires" in a training
//  that is "pluridisciplinaire (professionnels de santé, pénitentiaire, de
//  la PJJ et de l'éducation)". The SPIP belongs to the penitentiary
//  administration, so it counts with guards, officers and management.
typedef enum {
    TRAINING_GROUP_NONE,              //  UNSPECIFIED or unknown value
    TRAINING_GROUP_HEALTH,            //  health staff
    TRAINING_GROUP_PENITENTIARY,      //  guards, officers, management, SPIP
    TRAINING_GROUP_PJJ,               //  youth justice
    TRAINING_GROUP_EDUCATION,         //  Éducation nationale
    TRAINING_GROUP_OTHER              //  any other professional
} training_group_t;

//  Staff categories are enum values 1..TRAINING_CATEGORY_LAST.
#define TRAINING_CATEGORY_LAST  8
#define TRAINING_CATEGORY_SLOTS (TRAINING_CATEGORY_LAST + 1)

//  One named attendance: a person at a session.
typedef struct {
    uint64_t person_id;
    uint64_t session_id;
    int32_t day;                      //  Ordinal yyyymmdd of the session's last day
    Training__StaffCategory category;
} training_attendance_t;

//  What a scope counts, indexed by category value (slot 0 unused).
typedef struct {
    uint64_t persons [TRAINING_CATEGORY_SLOTS];     //  distinct named persons
    uint64_t anonymous [TRAINING_CATEGORY_SLOTS];   //  sums of anonymous counts
    uint64_t headcount [TRAINING_CATEGORY_SLOTS];   //  staff of the year
    uint64_t distinct_persons;                      //  named persons, all categories
} training_tally_t;

//  The group of a staff category.
training_group_t training_rules_group (Training__StaffCategory category);

//  True when a session held from first to last (unset last: one day) has a
//  day in [from, to]; both ends of both periods are included, and an unset
//  from or to leaves that side open.
bool training_rules_session_in_period (const Pps__Date *first, const Pps__Date *last,
                                       const Pps__Date *from, const Pps__Date *to);

//  True when an offer open from open_from to open_to (unset: open-ended) is
//  open on at least one day of [from, to].
bool training_rules_offer_open_during (const Training__TrainingOffer *offer,
                                       const Pps__Date *from, const Pps__Date *to);

//  True when day lies in the offer's open period.
bool training_rules_offer_open_at (const Training__TrainingOffer *offer, const Pps__Date *day);

//  Count the named attendances into tally: each person once, in the
//  category of their latest attendance (latest day, then highest session
//  id). Sorts items in place.
void training_rules_count_persons (training_tally_t *tally, training_attendance_t *items,
                                   size_t count);

//  Add an anonymous count / a headcount of category to tally (unknown
//  categories are ignored).
void training_rules_add_anonymous (training_tally_t *tally, Training__StaffCategory category,
                                   int64_t count);
void training_rules_add_headcount (training_tally_t *tally, Training__StaffCategory category,
                                   int64_t count);

//  Trained people of every family: each named person once, whatever
//  their categories, plus every anonymous count.
uint64_t training_rules_total_trained (const training_tally_t *tally);

//  Trained people (named + anonymous) and headcount of a group.
uint64_t training_rules_group_trained (const training_tally_t *tally, training_group_t group);
uint64_t training_rules_group_headcount (const training_tally_t *tally, training_group_t group);

//  Fill stats (its scope fields already set) from tally: one CategoryStats
//  per category in enum order, then the group totals; counts beyond
//  UINT32_MAX are capped. Everything is allocated in arena.
void training_rules_fill_stats (pps_arena_t *arena, const training_tally_t *tally,
                                Training__TrainedStats *stats);

//  Self test.
void training_rules_test (bool verbose);

#endif
