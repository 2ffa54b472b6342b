/*  test_scratch: the scratch data directory of an in-process test (its
    services' LMDB stores and ipc endpoints), the configuration that points
    at it, and the failed check that removes it before exiting.

    One directory per test process, made by mkdtemp under /tmp and removed
    by test_scratch_remove or test_scratch_abort, whichever comes first.
*/
#ifndef TEST_SCRATCH_H_INCLUDED
#define TEST_SCRATCH_H_INCLUDED

#include "pps_config.h"

//  Make the directory (/tmp/<prefix>_XXXXXX) and a configuration whose
//  region/data_dir is it, each service of the NULL-terminated list with a
//  64 MiB map. Aborts the test when it cannot. Caller owns the config.
pps_config_t *test_scratch_config (const char *prefix, const char *const *services);

//  The directory, or "" before test_scratch_config.
const char *test_scratch_dir (void);

//  Remove the directory and everything in it (safe to call twice).
void test_scratch_remove (void);

//  Report a failed check, remove the directory and exit with 1 at once
//  (a normal exit would wait for the server actors' sockets).
void test_scratch_abort (const char *file, int line, const char *what)
    __attribute__ ((noreturn));

#endif
