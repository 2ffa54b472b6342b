/*  bench_pg: the PostgreSQL peer of issue 19 (bench/run.sh --peer postgresql).

    bench/peers/postgresql/cluster.sh makes a scratch cluster (initdb, pg_ctl,
    default durability, unix socket only, in the bench's work directory) and
    stops it by its pid; pps-bench is given its socket directory
    (--peer-pg) and measures, in the same run as pps:

        bench_pg.c        durable writes of create_person's shape and reads by
                          id, PostgreSQL against a pps-registry of its own,
                          alternated slice by slice; memory of each
        bench_pg_bilan.c  the bilan's records in a schema of their own, loaded
                          with the bilan section's 1x and 10x data, the annex 5
                          and annex 1 figures in SQL checked equal to
                          indicators_compute's and timed against it; the
                          national aggregate of 18 regions likewise
*/
#ifndef BENCH_PG_H_INCLUDED
#define BENCH_PG_H_INCLUDED

#include "bench.h"
#include <libpq-fe.h>

//  A connection to the peer over its unix socket, as user postgres to
//  database postgres; options (may be NULL) are server options such as
//  "-c search_path=b1". NULL when it failed (the reason on stderr).
PGconn *bench_pg_connect (const bench_t *self, const char *options);

//  Run sql (one or more statements, no parameters); 0 or -1 (reason on stderr).
int bench_pg_exec (PGconn *conn, const char *sql);

//  The bilan and national rows (bench_pg_bilan.c).
void bench_pg_bilan (bench_t *self);

#endif
