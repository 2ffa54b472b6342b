/*  national_store: the bilans received by pps-national, in its own LMDB
    environment (pps_store) under <data_dir>/national.

    Databases:
        bilans          "<region>:<period>:<version>" -> 8 bytes big-endian
                        received time (ms) + the canonical document (with
                        its sha256, keys sorted, compact)
        latest          "<period>:<region>" -> 8 bytes big-endian highest
                        version received
        first_received  "<period>:<region>" -> 8 bytes big-endian time the
                        region's first version of the period arrived
    Every version is kept; a stored key is never rewritten. One write is one
    LMDB transaction, synced before it returns.
*/
#ifndef NATIONAL_STORE_H_INCLUDED
#define NATIONAL_STORE_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "national_aggregate.h"
#include "pps_bilan.h"

#define NATIONAL_SCHEMA_VERSION 1

typedef struct _national_store_t national_store_t;

typedef enum {
    NATIONAL_PUT_STORED,              //  A new key, committed
    NATIONAL_PUT_IDENTICAL,           //  Same key, same document: nothing written
    NATIONAL_PUT_CONFLICT,            //  Same key, another document: nothing written
    NATIONAL_PUT_FAILED               //  Storage error (logged): nothing written
} national_put_t;

//  Open or create the environment in path with a map of map_bytes.
//  Returns NULL (logged) on failure. Caller owns return value.
national_store_t *national_store_open (const char *path, size_t map_bytes);

//  Close; sets *self_p to NULL.
void national_store_destroy (national_store_t **self_p);

//  Store document (its canonical form, size bytes) under region, period and
//  version, received at now_ms. When stored, *previous_p (if not NULL) is
//  the region's latest version before, 0 for none.
national_put_t national_store_put (national_store_t *self, const char *region,
                                   const char *period, int64_t version,
                                   const char *document, size_t size, int64_t now_ms,
                                   int64_t *previous_p);

//  The document stored under region, period and version (0 = the latest).
//  Returns 0 and sets *document_p (NUL-terminated, caller frees), *size_p,
//  *version_p and *received_ms_p; MDB_NOTFOUND when absent; another LMDB
//  code on failure.
int national_store_get (national_store_t *self, const char *region, const char *period,
                        int64_t version, char **document_p, size_t *size_p,
                        int64_t *version_p, int64_t *received_ms_p);

//  The latest bilan of every region that reported for period, in region
//  order, documents parsed. Returns 0 and sets *entries_p (free with
//  national_entries_free) and *count_p, or -1 (logged).
int national_store_period (national_store_t *self, const char *period,
                           national_entry_t **entries_p, size_t *count_p);

//  Regions that reported for each period: counts [period - PPS_BILAN_PERIOD_MIN]
//  (NATIONAL_PERIOD_COUNT entries, zeroed first). Returns 0, or -1 (logged).
#define NATIONAL_PERIOD_COUNT (PPS_BILAN_PERIOD_MAX - PPS_BILAN_PERIOD_MIN + 1)
int national_store_periods (national_store_t *self, int counts [NATIONAL_PERIOD_COUNT]);

//  One stored version of a region's bilan, as a list shows it.
typedef struct {
    char period [8];
    int64_t version;
    int64_t received_ms;              //  When this version arrived
    int64_t first_received_ms;        //  When the region's first version of the period did
    bool latest;                      //  The one the aggregate counts
    char sha256 [PPS_BILAN_HEX];      //  As the document states it (checked at receipt)
    char computed_at [32];            //  As the region wrote them
    char finalised_at [32];
    size_t warnings;                  //  Validation entries of severity "warning"
} national_version_t;

//  Every version the region sent, by period then version. Returns 0 and
//  sets *versions_p (caller frees) and *count_p, or -1 (logged).
int national_store_versions (national_store_t *self, const char *region,
                             national_version_t **versions_p, size_t *count_p);

//  Bilans stored (every version), region-periods reported, LMDB bytes used
//  and mapped.
void national_store_stats (national_store_t *self, uint64_t *bilans_p, uint64_t *latest_p,
                           uint64_t *used_p, uint64_t *map_p);

//  The filesystem under the store: bytes available and its size (statvfs).
void national_store_fs (national_store_t *self, uint64_t *free_p, uint64_t *size_p);

//  Self test.
void national_store_test (bool verbose);

#endif
