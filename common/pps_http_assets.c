/*  pps_http_assets: a console's static files, embedded.  */
#include "pps_http_assets.h"

#include <stdlib.h>
#include <string.h>

#define CONTENT_SECURITY_POLICY \
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " \
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

const pps_http_asset_t *
pps_http_asset_find (const pps_http_asset_t *assets, const char *path)
{
    for (const pps_http_asset_t *asset = assets; asset->path; asset++)
        if (strcmp (asset->path, path) == 0)
            return asset;
    return NULL;
}

bool
pps_http_assets_serve (const pps_http_asset_t *assets, const pps_http_request_t *request,
                       pps_http_response_t *response)
{
    bool head = strcmp (request->method, "HEAD") == 0;
    if ((strcmp (request->method, "GET") != 0 && !head)
    ||  strncmp (request->path, "/api/", 5) == 0)
        return false;
    const pps_http_asset_t *asset = pps_http_asset_find (assets, request->path);
    if (!asset) {
        //  A page's own address (/bilan, /projets) is the console too
        const char *last = strrchr (request->path, '/');
        if (strchr (last, '.'))
            return false;
        asset = pps_http_asset_find (assets, "/index.html");
        if (!asset)
            return false;
    }
    pps_http_add_header (response, "ETag", asset->etag);
    pps_http_add_header (response, "Cache-Control", "no-cache");
    pps_http_add_header (response, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
    pps_http_add_header (response, "Referrer-Policy", "no-referrer");
    response->content_type = asset->content_type;
    const char *match = pps_http_header (request, "If-None-Match");
    if (match && strcmp (match, asset->etag) == 0) {
        response->status = 304;
        return true;
    }
    response->status = 200;
    if (head)
        return true;
    response->body = malloc (asset->size + 1);
    if (!response->body) {
        response->status = 503;
        return true;
    }
    memcpy (response->body, asset->data, asset->size);
    response->body_size = asset->size;
    return true;
}
