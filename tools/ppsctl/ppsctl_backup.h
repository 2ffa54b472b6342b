/*  ppsctl_backup: `ppsctl backup DIR` copies every service's LMDB
    environment found under the data directory (<region/data_dir>/<service>,
    the national service's too when it keeps its data there, and the
    accounts of the console and API in <region/data_dir>/web) into
    DIR/<service>/data.mdb while the services run, and writes DIR/MANIFEST.

    Each copy is one LMDB read transaction (mdb_env_copy2 with
    MDB_CP_COMPACT on the environment opened MDB_RDONLY), so it is a
    consistent state of that service whatever it is writing meanwhile. The
    services are copied in the reverse of their order in ppsctl_services:
    readers (indicators, notify) before the sources they follow, and a
    service before those its records refer to. So in a backup no reader has
    applied an event its source's copy does not hold, and after a restore
    the readers catch up by themselves. The manifest records it.

    DIR must be absent or empty. MANIFEST is ZPL (zconfig): a "backup"
    section (time, region, data directory, tool version), then one section
    per service copied: schema_version, last_seq, bytes, file, copied_at,
    and for a reader its "applied" seq per source. How to restore is in
    docs/operations.md.

    Run it as the services' user: opening an environment, even read-only,
    takes a slot in its lock file.
*/
#ifndef PPSCTL_BACKUP_H_INCLUDED
#define PPSCTL_BACKUP_H_INCLUDED

#include "ppsctl.h"

//  The usage of `ppsctl backup`.
void ppsctl_usage_backup (FILE *out);

//  Run `ppsctl backup DIR`. Returns an exit code: 0 every service found was
//  copied, 1 a copy failed (DIR is then incomplete), 2 DIR is not empty.
int ppsctl_cmd_backup (ppsctl_t *self, int argc, char **argv);

#endif
