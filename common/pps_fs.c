/*  pps_fs: file-system chores the tools and tests share.  */
#include "pps_fs.h"

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
