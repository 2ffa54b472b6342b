/*  ppsctl_national: `ppsctl national status|aggregate|regions` asks the
    national service (pps-national, HTTP) for its status, the national
    aggregate of a period, or the table region x indicator, and prints it
    as tables, or as the service's JSON with --json.

    The URL is --url, else national/url in the configuration, else
    http://127.0.0.1:8480. When the service requires a reader token, it is
    national/reader_token (environment PPS_NATIONAL_READER_TOKEN). An
    https:// service whose certificate is not signed by a system authority
    is trusted through national/ca_file (a PEM file).
*/
#ifndef PPSCTL_NATIONAL_H_INCLUDED
#define PPSCTL_NATIONAL_H_INCLUDED

#include "ppsctl.h"

//  The usage of `ppsctl national`.
void ppsctl_usage_national (FILE *out);

//  Run `ppsctl national ...` with the arguments after "national".
//  Returns an exit code.
int ppsctl_cmd_national (ppsctl_t *self, int argc, char **argv);

#endif
