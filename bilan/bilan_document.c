/*  bilan_document: the regions that send bilans, and a document's
    canonical form and hash.  */
#include "pps_bilan.h"

#include <sodium.h>
#include <string.h>

//  The INSEE codes of the 18 regions with an ARS.
static const char *const s_regions [PPS_BILAN_REGION_COUNT] = {
    "01", "02", "03", "04", "06", "11", "24", "27", "28",
    "32", "44", "52", "53", "75", "76", "84", "93", "94"
};

int
pps_bilan_region_index (const char *code)
{
    for (int index = 0; code && index < PPS_BILAN_REGION_COUNT; index++)
        if (strcmp (s_regions [index], code) == 0)
            return index;
    return -1;
}

const char *
pps_bilan_region (size_t index)
{
    return index < PPS_BILAN_REGION_COUNT ? s_regions [index] : NULL;
}

char *
pps_bilan_canonical (const json_t *document, char *hex)
{
    //  A shallow copy shares the members; only the copy loses sha256
    json_t *copy = json_copy ((json_t *) document);
    if (!copy)
        return NULL;
    json_object_del (copy, "sha256");
    char *text = json_dumps (copy, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref (copy);
    if (text && hex) {
        unsigned char digest [crypto_hash_sha256_BYTES];
        crypto_hash_sha256 (digest, (const unsigned char *) text, strlen (text));
        sodium_bin2hex (hex, PPS_BILAN_HEX, digest, sizeof digest);
    }
    return text;
}

int
pps_bilan_seal (json_t *document)
{
    char hex [PPS_BILAN_HEX];
    char *text = pps_bilan_canonical (document, hex);
    if (!text)
        return -1;
    free (text);
    return json_object_set_new (document, "sha256", json_string (hex));
}
