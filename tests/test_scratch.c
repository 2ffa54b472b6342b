/*  test_scratch: the scratch data directory of an in-process test.  */
#include "test_scratch.h"

#include <czmq.h>
#include "pps_fs.h"

static char s_dir [256];
static bool s_made;

pps_config_t *
test_scratch_config (const char *prefix, const char *const *services)
{
    snprintf (s_dir, sizeof s_dir, "/tmp/%s_XXXXXX", prefix);
    if (!mkdtemp (s_dir))
        test_scratch_abort (__FILE__, __LINE__, "mkdtemp");
    s_made = true;
    pps_config_t *config = pps_config_load (NULL);
    if (!config)
        test_scratch_abort (__FILE__, __LINE__, "pps_config_load");
    pps_config_set (config, "region/data_dir", s_dir);
    for (const char *const *service = services; service && *service; service++) {
        char key [64];
        snprintf (key, sizeof key, "%s/map_mb", *service);
        pps_config_set (config, key, "64");
    }
    return config;
}

const char *
test_scratch_dir (void)
{
    return s_made ? s_dir : "";
}

void
test_scratch_remove (void)
{
    if (s_made)
        pps_fs_remove_tree (s_dir);
    s_made = false;
}

void
test_scratch_abort (const char *file, int line, const char *what)
{
    fprintf (stderr, "%s:%d: check failed: %s\n", file, line, what);
    test_scratch_remove ();
    _exit (1);
}
