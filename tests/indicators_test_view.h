/*  What the tests of the bilan's computation share to build a view of
    records by hand: a failed check that exits, a date in the test's arena,
    pushing a record onto a view's list, and a training attendance. Each test defines `arena`
    (its pps_arena_t *) before including this header.  */
#ifndef INDICATORS_TEST_VIEW_H_INCLUDED
#define INDICATORS_TEST_VIEW_H_INCLUDED

#include <czmq.h>
#include "indicators.h"

#define CHECK(condition) \
    do { if (!(condition)) { \
        fprintf (stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
        exit (1); } } while (0)
#define PUSH(view, name, item) \
    pps_arena_push (arena, (void ***) &(view)->name, &(view)->n_##name, (item))
#define NEW(type, name, init) \
    type *name = pps_arena_alloc (arena, sizeof (type)); \
    init (name)

//  "YYYY-MM-DD" as a date of the test's arena.
static inline Pps__Date *
s_date (const char *text)
{
    Pps__Date *date = pps_arena_alloc (arena, sizeof *date);
    pps__date__init (date);
    CHECK (pps_date_parse (text, date) == 0);
    return date;
}

//  A named participant of region 32 at a training session.
static inline void
s_attend (indicators_view_t *view, uint64_t session, uint64_t person,
          Training__StaffCategory category)
{
    NEW (Training__Participant, participant, training__participant__init);
    participant->session_id = session;
    participant->person_id = person;
    participant->category = category;
    participant->region_code = "32";
    PUSH (view, participants, participant);
}

#endif
