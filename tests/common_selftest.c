/*  Runs the self test of one common class, named on the command line.  */
#include <czmq.h>
#include "pps_arena.h"
#include "pps_client.h"
#include "pps_config.h"
#include "pps_csv_rows.h"
#include "pps_date.h"
#include "pps_eventlog.h"
#include "pps_gather.h"
#include "pps_money.h"
#include "pps_reflect.h"
#include "pps_requests.h"
#include "pps_store.h"
#include "pps_validate.h"
#include "pps_wire.h"
#include "pps_actor.h"

typedef struct {
    const char *name;
    void (*test) (bool verbose);
} selftest_t;

static const selftest_t s_tests [] = {
    { "arena", pps_arena_test },
    { "actor", pps_actor_test },
    { "date", pps_date_test },
    { "client", pps_client_test },
    { "config", pps_config_test },
    { "store", pps_store_test },
    { "eventlog", pps_eventlog_test },
    { "gather", pps_gather_test },
    { "reflect", pps_reflect_test },
    { "requests", pps_requests_test },
    { "validate", pps_validate_test },
    { "money", pps_money_test },
    { "wire", pps_wire_test },
    { "csv_rows", pps_csv_rows_test },
};

int
main (int argc, char **argv)
{
    const char *only = argc > 1 ? argv [1] : NULL;
    int ran = 0;
    for (size_t index = 0; index < sizeof s_tests / sizeof s_tests [0]; index++) {
        if (only && !streq (only, s_tests [index].name))
            continue;
        printf (" * %s: ", s_tests [index].name);
        fflush (stdout);
        s_tests [index].test (false);
        printf ("OK\n");
        ran++;
    }
    if (ran == 0) {
        fprintf (stderr, "no self test named '%s'\n", only ? only : "");
        return 1;
    }
    return 0;
}
