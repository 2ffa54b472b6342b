/*  pps_fs: file-system chores the tools and tests share.  */
#include "pps_fs.h"

#include <czmq.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>

//  nftw visits children before their directory (FTW_DEPTH).
static int
s_remove_entry (const char *path, const struct stat *info, int flag, struct FTW *walk)
{
    (void) info; (void) flag; (void) walk;
    return remove (path);
}

int
pps_fs_remove_tree (const char *path)
{
    if (!path || !*path)
        return 0;
    int rc = nftw (path, s_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return rc == 0 || errno == ENOENT ? 0 : -1;
}

char *
pps_fs_read_text (const char *path, size_t max)
{
    FILE *file = fopen (path, "r");
    if (!file) {
        zsys_error ("cannot read %s: %s", path, strerror (errno));
        return NULL;
    }
    char *text = malloc (max + 1);
    assert (text);
    size_t size = fread (text, 1, max + 1, file);
    fclose (file);
    if (size == 0 || size > max) {
        zsys_error ("%s is empty or larger than %zu bytes", path, max);
        free (text);
        return NULL;
    }
    text [size] = 0;
    return text;
}
