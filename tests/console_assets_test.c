/*  The consoles' files read from a directory (pps_http_assets_dir.c): the
    same table, file for file, as the build embeds from the same sources
    (paths, types, sizes, bytes, ETags), and a directory that cannot be a
    console is refused with the reason.
    Usage: console_assets_test CONSOLE_SOURCE_DIR  */
#include <czmq.h>
#include "pps_http_assets.h"
#include "test_scratch.h"

static int s_failed = 0;

static void
s_check (bool ok, const char *what, const char *about)
{
    if (!ok) {
        fprintf (stderr, "FAIL %s: %s\n", what, about ? about : "");
        s_failed++;
    }
}

//  Every embedded file is in the loaded table, the same, and nothing more.
static void
s_same_as_embedded (const char *source, const char *side, const pps_http_asset_t *embedded)
{
    char error [512] = "";
    pps_http_asset_t *loaded = pps_http_assets_load (source, side, error, sizeof error);
    s_check (loaded != NULL, "the console's sources load", error);
    if (!loaded)
        return;
    size_t embedded_count = 0, loaded_count = 0;
    for (const pps_http_asset_t *asset = embedded; asset->path; asset++) {
        embedded_count++;
        const pps_http_asset_t *twin = pps_http_asset_find (loaded, asset->path);
        s_check (twin != NULL, "an embedded file is loaded", asset->path);
        if (!twin)
            continue;
        s_check (streq (twin->content_type, asset->content_type), "same content type", asset->path);
        s_check (twin->size == asset->size
                 && memcmp (twin->data, asset->data, asset->size) == 0, "same bytes", asset->path);
        s_check (streq (twin->etag, asset->etag), "same ETag", asset->path);
    }
    for (const pps_http_asset_t *asset = loaded; asset->path; asset++)
        loaded_count++;
    s_check (embedded_count > 10 && loaded_count == embedded_count, "as many files", side);
    pps_http_assets_destroy (&loaded);
    s_check (loaded == NULL, "destroy clears the pointer", side);
}

//  load DIR SIDE is refused, its error naming what
static void
s_refused (const char *dir, const char *side, const char *what)
{
    char error [512] = "";
    pps_http_asset_t *loaded = pps_http_assets_load (dir, side, error, sizeof error);
    s_check (loaded == NULL, "refused", dir);
    s_check (strstr (error, what) != NULL, "the reason", error);
    pps_http_assets_destroy (&loaded);
}

static void
s_write (const char *path, const char *text)
{
    FILE *file = fopen (path, "w");
    assert (file);
    fputs (text, file);
    fclose (file);
}

int
main (int argc, char *argv [])
{
    if (argc != 2) {
        fprintf (stderr, "usage: console_assets_test CONSOLE_SOURCE_DIR\n");
        return 2;
    }
    zsys_init ();
    zsys_set_logstream (NULL);
    s_same_as_embedded (argv [1], "region", pps_console_region_assets);
    s_same_as_embedded (argv [1], "national", pps_console_national_assets);

    //  A scratch directory of the suite's own (test_scratch.h)
    static const char *const no_services [] = { NULL };
    pps_config_t *config = test_scratch_config ("pps-console", no_services);
    const char *root = test_scratch_dir ();
    char *common = zsys_sprintf ("%s/common", root);
    char *region = zsys_sprintf ("%s/region", root);
    char *file = NULL;
    s_refused (root, "region", "not a readable directory");
    assert (mkdir (common, 0755) == 0 && mkdir (region, 0755) == 0);
    file = zsys_sprintf ("%s/app.css", common);
    s_write (file, "body {}\n");
    zstr_free (&file);
    s_refused (root, "region", "no index.html");
    file = zsys_sprintf ("%s/notes.docx", region);
    s_write (file, "?");
    s_refused (root, "region", "no content type");
    assert (unlink (file) == 0);
    zstr_free (&file);
    file = zsys_sprintf ("%s/index.html", region);
    s_write (file, "<!doctype html><title>Console</title>\n");
    zstr_free (&file);

    //  A console adapted on the machine: its own bytes, served where expected
    char error [512] = "";
    pps_http_asset_t *mine = NULL;
    const pps_http_asset_t *served = pps_http_assets_open (root, "region", pps_console_region_assets,
                                                           &mine);
    s_check (served != NULL && served == mine, "open loads a directory", error);
    const pps_http_asset_t *index = served ? pps_http_asset_find (served, "/index.html") : NULL;
    s_check (index && index->size == strlen ("<!doctype html><title>Console</title>\n"),
             "its index.html", NULL);
    s_check (served && pps_http_asset_find (served, "/common/app.css") != NULL,
             "/common/app.css", NULL);
    s_check (index && strlen (index->etag) == 18 && index->etag [0] == '"', "a quoted ETag", NULL);
    pps_http_assets_destroy (&mine);
    pps_http_asset_t *none = NULL;
    s_check (pps_http_assets_open ("", "region", pps_console_region_assets, &none)
             == pps_console_region_assets && none == NULL, "open \"\": the embedded copy", NULL);
    s_check (pps_http_assets_open ("/nonexistent", "region", pps_console_region_assets, &none)
             == NULL, "open of a missing directory: NULL", NULL);

    zstr_free (&region);
    zstr_free (&common);
    test_scratch_remove ();
    pps_config_destroy (&config);
    if (s_failed)
        fprintf (stderr, "%d checks failed\n", s_failed);
    else
        printf ("console assets: loaded as embedded, bad directories refused\n");
    return s_failed ? 1 : 0;
}
