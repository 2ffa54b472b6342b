/*  pps-bench: the benchmarks of issue 7, printed as one markdown table.

    usage: pps-bench --work DIR --bin DIR --csv FILE [--seconds S] [--events N]
                     [--peer-pg SOCKET_DIR] [SECTION...]
           pps-bench echo ENDPOINT        (the echo child the bench starts)

    Sections, in the order they run: raw (ZeroMQ and LMDB baselines),
    registry, e2e, catchup, bilan, rss, web, then peer (the PostgreSQL peer of
    bench/peers/postgresql/, whose server run.sh --peer postgresql starts and
    names with --peer-pg); none named = all, or peer alone when --peer-pg is
    given. The baselines are measured first in the same run whatever the
    sections asked.
*/
#include "bench.h"
#include "pps_config.h"

#include <sys/utsname.h>
#include <time.h>

static const char *const s_sections [] = {
    "raw", "registry", "e2e", "catchup", "bilan", "rss", "web", "peer", NULL
};

static void
s_usage (void)
{
    fprintf (stderr,
        "usage: pps-bench --work DIR --bin DIR --csv FILE [--seconds S] [--events N] [SECTION...]\n"
        "  --work DIR     empty scratch directory (on the disk under test: fsync matters)\n"
        "  --bin DIR      where pps-registry and pps-region are (build/bin)\n"
        "  --csv FILE     the ministry's establishments file\n"
        "  --seconds S    length of each timed throughput phase (default 3)\n"
        "  --events N     events replayed by the catch-up (default 1000000)\n"
        "  --peer-pg DIR  the PostgreSQL peer's unix socket directory (bench/run.sh --peer\n"
        "                 postgresql starts it); runs the peer section, alone unless\n"
        "                 sections are named\n"
        "  SECTION        raw registry e2e catchup bilan rss web peer (default: all)\n");
}

static bool
s_wanted (const char *const *names, int count, const char *section)
{
    if (count == 0)
        return true;
    for (int index = 0; index < count; index++)
        if (streq (names [index], section))
            return true;
    return false;
}

int
main (int argc, char **argv)
{
    if (argc == 3 && streq (argv [1], "echo"))
        return bench_echo_main (argv [2]);

    bench_t self = {
        .phase_seconds = 3.0,
        .catchup_events = 1000000,
        .self_path = "/proc/self/exe",
    };
    const char *sections [16];
    int section_count = 0;
    for (int index = 1; index < argc; index++) {
        const char *flag = argv [index];
        bool has_value = index + 1 < argc;
        if (streq (flag, "--work") && has_value)
            self.work_dir = argv [++index];
        else
        if (streq (flag, "--bin") && has_value)
            self.bin_dir = argv [++index];
        else
        if (streq (flag, "--csv") && has_value)
            self.csv_path = argv [++index];
        else
        if (streq (flag, "--seconds") && has_value)
            self.phase_seconds = atof (argv [++index]);
        else
        if (streq (flag, "--events") && has_value)
            self.catchup_events = (size_t) atoll (argv [++index]);
        else
        if (streq (flag, "--peer-pg") && has_value) {
#ifdef PPS_BENCH_PG
            self.peer_pg = argv [++index];
#else
            fprintf (stderr, "pps-bench: built without libpq (libpq-dev): no PostgreSQL peer\n");
            return 2;
#endif
        }
        else {
            bool known = false;
            for (const char *const *name = s_sections; *name; name++)
                known |= streq (*name, flag);
            if (!known || section_count == 16) {
                s_usage ();
                return 2;
            }
            sections [section_count++] = argv [index];
        }
    }
    //  With a peer: its section, after the named ones (alone if none is)
    bool peer_named = false;
    for (int index = 0; index < section_count; index++)
        peer_named |= streq (sections [index], "peer");
    if (self.peer_pg && !peer_named && section_count < 16)
        sections [section_count++] = "peer";
    if (!self.work_dir || !self.bin_dir || !self.csv_path
    ||  self.phase_seconds <= 0 || self.phase_seconds > 60
    ||  self.catchup_events < 10000 || self.catchup_events > 10000000) {
        s_usage ();
        return 2;
    }
    //  The echo child is this very program: resolve the path now
    char self_path [4096];
    ssize_t length = readlink ("/proc/self/exe", self_path, sizeof self_path - 1);
    if (length <= 0)
        return 1;
    self_path [length] = 0;
    self.self_path = self_path;

    zsys_init ();
    zsys_set_logident ("pps-bench");
    zsys_set_logstream (stderr);     //  stdout is the table
    struct utsname machine;
    uname (&machine);
    time_t now = time (NULL);
    char date [32];
    strftime (date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime (&now));
    printf ("pps-bench, %s, %s %s, %ld cores, phases of %.1f s, work dir %s\n\n",
            date, machine.sysname, machine.machine, sysconf (_SC_NPROCESSORS_ONLN),
            self.phase_seconds, self.work_dir);
    printf ("| measure | result | p50 | p99 | baseline (same run) | ratio |\n");
    printf ("| --- | --- | --- | --- | --- | --- |\n");
    fflush (stdout);

    //  Baselines first, always
    bench_raw_zmq (&self);
    bench_raw_lmdb (&self);
    if (s_wanted (sections, section_count, "registry"))
        bench_registry (&self);
    if (s_wanted (sections, section_count, "e2e"))
        bench_end_to_end (&self);
    if (s_wanted (sections, section_count, "catchup"))
        bench_catchup (&self);
    if (s_wanted (sections, section_count, "bilan"))
        bench_bilan (&self);
    if (s_wanted (sections, section_count, "rss"))
        bench_rss (&self);
    if (s_wanted (sections, section_count, "web"))
        bench_web (&self);
    if (s_wanted (sections, section_count, "peer")) {
#ifdef PPS_BENCH_PG
        if (self.peer_pg)
            bench_peer_postgresql (&self);
        else
#endif
            fprintf (stderr, "pps-bench: section peer: no peer (bench/run.sh --peer postgresql)\n");
    }
    //  The disk is shared: measure the commit again, so a run whose disk
    //  changed under it shows it
    if (self.have_lmdb) {
        bench_samples_t *samples = bench_samples_new (100000);
        size_t commits = 0;
        double seconds = 0;
        bench_raw_commits (&self, 1, 1.0, 100000, samples, &commits, &seconds);
        bench_figure_t again;
        bench_figure_set (&again, samples, commits, seconds);
        bench_samples_destroy (&samples);
        char result [64], ratio [96];
        snprintf (result, sizeof result, "%.0f commits/s", again.rate);
        snprintf (ratio, sizeof ratio, "p50 %.2f x, rate %.2f x the first (far from 1: noisy disk)",
                  again.p50_us / self.lmdb_single.p50_us, again.rate / self.lmdb_single.rate);
        bench_row ("raw LMDB durable commit, 1 put/txn, again at the end", result, again.p50_us,
                   again.p99_us, "the first raw commit row", ratio);
    }
    bench_raw_close (&self);
    return self.have_zmq && self.have_lmdb ? 0 : 1;
}
