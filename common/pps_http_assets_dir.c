/*  pps_http_assets_dir: a console's files read from a directory at start,
    into the same table the build embeds (the Debian packages install them
    under /usr/share/pps/console, where an ARS may adapt them).  */
#include "pps_http_assets.h"

#include <czmq.h>
#include <sodium.h>

#define ASSETS_MAX          512                 //  Files in one console
#define ASSET_MAX_BYTES     (4 << 20)           //  The largest file served

//  The content types cmake/embed_assets.cmake knows, the same list
static const char *const s_types [][2] = {
    { "html", "text/html; charset=utf-8" },
    { "css", "text/css; charset=utf-8" },
    { "js", "text/javascript; charset=utf-8" },
    { "mjs", "text/javascript; charset=utf-8" },
    { "json", "application/json" },
    { "svg", "image/svg+xml" },
    { "png", "image/png" },
    { "ico", "image/x-icon" },
    { "txt", "text/plain; charset=utf-8" },
    { "woff2", "font/woff2" },
};

static const char *
s_content_type (const char *name)
{
    const char *dot = strrchr (name, '.');
    if (!dot || strchr (dot, '/'))
        return NULL;
    for (size_t index = 0; index < sizeof s_types / sizeof s_types [0]; index++)
        if (streq (dot + 1, s_types [index][0]))
            return s_types [index][1];
    return NULL;
}

//  The whole file, or NULL when it cannot be read or is too large.
static unsigned char *
s_read (const char *path, size_t *size_p)
{
    FILE *file = fopen (path, "rb");
    if (!file)
        return NULL;
    unsigned char *data = NULL;
    if (fseek (file, 0, SEEK_END) == 0) {
        long size = ftell (file);
        if (size >= 0 && size <= ASSET_MAX_BYTES && fseek (file, 0, SEEK_SET) == 0) {
            data = malloc ((size_t) size + 1);
            if (data && fread (data, 1, (size_t) size, file) == (size_t) size) {
                data [size] = 0;
                *size_p = (size_t) size;
            }
            else {
                free (data);
                data = NULL;
            }
        }
    }
    fclose (file);
    return data;
}

//  The files under dir/sub, each served at prefix + its path below it.
static int
s_load_tree (pps_http_asset_t *assets, size_t *count, const char *dir, const char *sub,
             const char *prefix, char *error, size_t error_size)
{
    char *root = zsys_sprintf ("%s/%s", dir, sub);
    zdir_t *tree = zdir_new (root, NULL);
    if (!tree) {
        snprintf (error, error_size, "%s: not a readable directory", root);
        zstr_free (&root);
        return -1;
    }
    zfile_t **files = zdir_flatten (tree);
    int rc = 0;
    for (size_t index = 0; files [index] && rc == 0; index++) {
        const char *path = zfile_filename (files [index], NULL);
        const char *relative = zfile_filename (files [index], root);
        const char *type = s_content_type (relative);
        if (!type) {
            snprintf (error, error_size, "%s: no content type for this file", path);
            rc = -1;
            break;
        }
        if (*count == ASSETS_MAX) {
            snprintf (error, error_size, "%s: more than %d files", dir, ASSETS_MAX);
            rc = -1;
            break;
        }
        pps_http_asset_t *asset = &assets [*count];
        size_t size = 0;
        unsigned char *data = s_read (path, &size);
        if (!data) {
            snprintf (error, error_size, "%s: cannot read it (or over %d bytes)", path,
                      ASSET_MAX_BYTES);
            rc = -1;
            break;
        }
        //  The ETag the build gives the same bytes: 16 hex digits of SHA-256
        unsigned char hash [crypto_hash_sha256_BYTES];
        char hex [2 * crypto_hash_sha256_BYTES + 1];
        crypto_hash_sha256 (hash, data, size);
        sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
        asset->path = zsys_sprintf ("%s%s", prefix, relative);
        asset->content_type = type;
        asset->data = data;
        asset->size = size;
        asset->etag = zsys_sprintf ("\"%.16s\"", hex);
        (*count)++;
    }
    zdir_flatten_free (&files);
    zdir_destroy (&tree);
    zstr_free (&root);
    return rc;
}

pps_http_asset_t *
pps_http_assets_load (const char *dir, const char *side, char *error, size_t error_size)
{
    pps_http_asset_t *assets = calloc (ASSETS_MAX + 1, sizeof *assets);
    assert (assets);
    size_t count = 0;
    if (s_load_tree (assets, &count, dir, "common", "/common/", error, error_size)
    ||  s_load_tree (assets, &count, dir, side, "/", error, error_size)) {
        pps_http_assets_destroy (&assets);
        return NULL;
    }
    if (!pps_http_asset_find (assets, "/index.html")) {
        snprintf (error, error_size, "%s/%s: no index.html", dir, side);
        pps_http_assets_destroy (&assets);
        return NULL;
    }
    return assets;
}

void
pps_http_assets_destroy (pps_http_asset_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        for (pps_http_asset_t *asset = *self_p; asset->path; asset++) {
            free ((char *) asset->path);
            free ((unsigned char *) asset->data);
            free ((char *) asset->etag);
        }
        free (*self_p);
        *self_p = NULL;
    }
}

const pps_http_asset_t *
pps_http_assets_open (const char *dir, const char *side, const pps_http_asset_t *embedded,
                      pps_http_asset_t **loaded_p)
{
    *loaded_p = NULL;
    if (!dir || !*dir) {
        zsys_info ("console: the %s console built into this program", side);
        return embedded;
    }
    char error [512];
    *loaded_p = pps_http_assets_load (dir, side, error, sizeof error);
    if (!*loaded_p) {
        zsys_error ("console: %s", error);
        return NULL;
    }
    size_t count = 0;
    while ((*loaded_p) [count].path)
        count++;
    zsys_info ("console: the %s console from %s (%zu files)", side, dir, count);
    return *loaded_p;
}
