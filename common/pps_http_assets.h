/*  pps_http_assets: serve a web console's static files from a table
    embedded in the program at build time (cmake/embed_assets.cmake), or
    read from a directory at start (pps_http_assets_dir.c).

    "/" and any path without an extension that names no file are the
    console's index.html (its pages are addressed by fragment, the index
    is the one document). Every answer carries an ETag and must be
    revalidated, so a new build is seen at once and an unchanged file costs
    a 304; and the headers that keep the console's pages to themselves: a
    Content-Security-Policy allowing only the console's own scripts and
    styles, no framing, no sniffing, no referrer.
*/
#ifndef PPS_HTTP_ASSETS_H_INCLUDED
#define PPS_HTTP_ASSETS_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include "pps_httpd.h"

typedef struct {
    const char *path;                 //  "/index.html", "/common/app.css"
    const char *content_type;
    const unsigned char *data;
    size_t size;
    const char *etag;                 //  Quoted, as sent
} pps_http_asset_t;

//  The consoles' tables (console/CMakeLists.txt), in the programs that link them
extern const pps_http_asset_t pps_console_region_assets [];
extern const pps_http_asset_t pps_console_national_assets [];

//  The asset at path in assets (ended by a NULL path), or NULL.
const pps_http_asset_t *pps_http_asset_find (const pps_http_asset_t *assets, const char *path);

//  The same table read from a directory (the Debian packages' copy under
//  /usr/share/pps/console): dir/common/ served under /common/, dir/side/ at
//  /, each with the ETag the build would give it. NULL, error filled, when a
//  file cannot be read, has a type the build does not know either, or
//  there is no index.html. Destroy it with pps_http_assets_destroy.
pps_http_asset_t *pps_http_assets_load (const char *dir, const char *side,
                                        char *error, size_t error_size);
void pps_http_assets_destroy (pps_http_asset_t **self_p);

//  The table a program serves: embedded when dir is NULL or "", else
//  loaded from dir into *loaded_p (the caller destroys it); NULL, logged,
//  when the directory cannot be loaded. Says which it serves.
const pps_http_asset_t *pps_http_assets_open (const char *dir, const char *side,
                                              const pps_http_asset_t *embedded,
                                              pps_http_asset_t **loaded_p);

//  Answer a GET or HEAD of a console file into response; false (response
//  untouched) when request is not one: another method, or a path under
//  /api/.
bool pps_http_assets_serve (const pps_http_asset_t *assets, const pps_http_request_t *request,
                            pps_http_response_t *response);

#endif
