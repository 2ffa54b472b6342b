/*  pps_fs: file-system chores the tools and tests share.  */
#ifndef PPS_FS_H_INCLUDED
#define PPS_FS_H_INCLUDED

//  Remove path and everything below it (a data directory, a test's scratch
//  directory); links are removed, not followed. Returns 0, or -1 when
//  something could not be removed. A missing path is not an error.
int pps_fs_remove_tree (const char *path);

#include <stddef.h>

//  The whole text of a file (a PEM certificate or key), NUL-terminated, or
//  NULL (logged) when it cannot be read, is empty or is over max bytes.
//  Caller frees.
char *pps_fs_read_text (const char *path, size_t max);

#endif
