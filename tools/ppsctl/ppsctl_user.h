/*  ppsctl_user: the accounts of pps-web, the region's HTTP gateway, from a
    shell: its users and its API tokens.

        ppsctl user bootstrap LOGIN --name "DISPLAY NAME"
        ppsctl user add LOGIN --name "DISPLAY NAME" --role reader|editor|admin
        ppsctl user list
        ppsctl user disable|enable LOGIN
        ppsctl user passwd LOGIN
        ppsctl user reset LOGIN
        ppsctl token create NAME --role reader|editor|admin --by ADMIN-LOGIN
        ppsctl token list
        ppsctl token revoke ID

    They work on the gateway's own LMDB environment, <data_dir>/web
    (region/data_dir, found by ppsctl's configuration rule; map size
    web/map_mb, 64 MiB by default), through web_accounts: no service is
    called and the gateway may be running meanwhile (LMDB lets both
    processes open it; see web_accounts.h).

    A password is never taken from the command line, where it would stay
    in the shell's history and show in ps: on a terminal ppsctl asks for it
    without echo (a new one twice); otherwise it reads one line of standard
    input per password (passwd: the old one, then the new one), for
    scripts. Nothing secret is logged; a token's text is printed once, by
    token create, and never kept.

    Exit codes as every command's: 0 done, 1 refused (the error names the
    result as web_result_name says, and the field), 2 bad command line.
*/
#ifndef PPSCTL_USER_H_INCLUDED
#define PPSCTL_USER_H_INCLUDED

#include "ppsctl.h"

//  The usage of `ppsctl user`.
void ppsctl_usage_user (FILE *out);

//  `ppsctl user ACTION ...` with the arguments after "user". Returns an
//  exit code.
int ppsctl_cmd_user (ppsctl_t *self, int argc, char **argv);

//  The usage of `ppsctl token`.
void ppsctl_usage_token (FILE *out);

//  `ppsctl token ACTION ...` with the arguments after "token". Returns an
//  exit code.
int ppsctl_cmd_token (ppsctl_t *self, int argc, char **argv);

#endif
