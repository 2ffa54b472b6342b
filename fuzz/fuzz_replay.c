/*  fuzz_replay: runs a fuzz target's inputs without libFuzzer, so that the
    seed corpus and every crash ever found (fuzz/regressions/<target>/) run
    as regression tests in the ordinary build, with any compiler.

    Usage: <target>_replay PATH...   (files, or directories of files)
           <target>_replay --crash-exits FILE
    Each file is given once to LLVMFuzzerTestOneInput, in name order within
    a directory; a missing path is skipped. A crash is the failure, and so
    is a run that found no input at all. With --crash-exits, the input runs
    in a child process and a crash becomes exit status 1 (ctest's WILL_FAIL
    only inverts exit statuses, not deaths by a signal): the form of the
    tests of open findings (fuzz/open/).
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define INPUT_MAX (8 * 1024 * 1024)

//  As for libFuzzer, a target may go without an initialisation
int LLVMFuzzerInitialize (int *argc, char ***argv) __attribute__ ((weak));
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static size_t s_runs;

static void
s_run_file (const char *path)
{
    FILE *file = fopen (path, "rb");
    if (!file) {
        fprintf (stderr, "replay: cannot read %s\n", path);
        exit (2);
    }
    uint8_t *data = malloc (INPUT_MAX);
    if (!data)
        abort ();
    size_t size = fread (data, 1, INPUT_MAX, file);
    fclose (file);
    //  A copy of exactly the input's size, as libFuzzer gives: ASan sees
    //  a read past its end
    uint8_t *input = malloc (size ? size : 1);
    if (!input)
        abort ();
    memcpy (input, data, size);
    free (data);
    LLVMFuzzerTestOneInput (input, size);
    free (input);
    s_runs++;
}

static int
s_by_name (const void *left, const void *right)
{
    return strcmp (*(char *const *) left, *(char *const *) right);
}

static void
s_run_path (const char *path)
{
    struct stat info;
    if (stat (path, &info))
        return;
    if (!S_ISDIR (info.st_mode)) {
        s_run_file (path);
        return;
    }
    DIR *dir = opendir (path);
    if (!dir)
        return;
    char **names = NULL;
    size_t count = 0, capacity = 0;
    struct dirent *entry;
    while ((entry = readdir (dir))) {
        if (entry->d_name [0] == '.')
            continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            names = realloc (names, capacity * sizeof (char *));
            if (!names)
                abort ();
        }
        size_t length = strlen (path) + strlen (entry->d_name) + 2;
        names [count] = malloc (length);
        if (!names [count])
            abort ();
        snprintf (names [count++], length, "%s/%s", path, entry->d_name);
    }
    closedir (dir);
    qsort (names, count, sizeof (char *), s_by_name);
    for (size_t index = 0; index < count; index++) {
        s_run_path (names [index]);
        free (names [index]);
    }
    free (names);
}

//  Run one input in a child: 1 when it died of a signal, else its status.
static int
s_run_forked (int argc, char **argv, const char *path)
{
    fflush (stdout);
    pid_t pid = fork ();
    if (pid < 0)
        return 2;
    if (pid == 0) {
        if (LLVMFuzzerInitialize)
            LLVMFuzzerInitialize (&argc, &argv);
        s_run_file (path);
        exit (0);
    }
    int status;
    if (waitpid (pid, &status, 0) != pid)
        return 2;
    if (WIFSIGNALED (status)) {
        printf ("replay: %s crashed the target (signal %d)\n", path, WTERMSIG (status));
        return 1;
    }
    printf ("replay: %s ran without a crash\n", path);
    return WEXITSTATUS (status);
}

int
main (int argc, char **argv)
{
    if (argc < 2 || (strcmp (argv [1], "--crash-exits") == 0 && argc != 3)) {
        fprintf (stderr, "usage: %s PATH... | --crash-exits FILE\n", argv [0]);
        return 2;
    }
    if (strcmp (argv [1], "--crash-exits") == 0)
        return s_run_forked (argc, argv, argv [2]);
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize (&argc, &argv);
    for (int index = 1; index < argc; index++)
        s_run_path (argv [index]);
    //  Replaying nothing proves nothing: a missing corpus is a failure
    printf ("replay: %zu inputs, no crash\n", s_runs);
    return s_runs > 0 ? 0 : 1;
}
