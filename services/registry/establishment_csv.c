/*  establishment_csv: PLACEHOLDER, being written.  */
#include "pps_arena.h"
int establishment_csv_placeholder (void);
int establishment_csv_placeholder (void) { return 0; }
