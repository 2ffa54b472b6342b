/*  pps_runner: what every service program's main does: read the flags and
    the configuration, start the service actors, and stop them cleanly on
    SIGINT or SIGTERM.
*/
#ifndef PPS_RUNNER_H_INCLUDED
#define PPS_RUNNER_H_INCLUDED

#include "pps_server.h"

typedef struct {
    const char *config_path;      //  -c FILE, else $PPS_CONFIG, else none
    bool verbose;                 //  -v
} pps_runner_options_t;

//  What pps_runner_parse returns besides 0 and -1: the program should exit 0.
#define PPS_RUNNER_HELP     1     //  The usage was printed on stdout
#define PPS_RUNNER_VERSION  2     //  The version was printed on stdout

//  Parse -c/--config FILE, -v, -h/--help and --version. Returns 0,
//  PPS_RUNNER_HELP or PPS_RUNNER_VERSION when it printed one of those, -1 on
//  a bad flag (usage printed on stderr). Unknown flags are refused unless
//  allow_extra, in which case they are left for the caller.
int pps_runner_parse (int argc, char **argv, const char *program,
                      pps_runner_options_t *options, bool allow_extra);

//  The whole main of a one-service program: flags, configuration, serve
//  until a signal. Returns the process exit code.
int pps_runner_main (int argc, char **argv, const char *program, const pps_service_t *service);

//  Start every service of the NULL-terminated list with config, then block
//  until SIGINT/SIGTERM (or until *stop becomes true when stop is given),
//  and stop them. Returns 0, or 1 when a service could not start.
int pps_runner_serve (const pps_service_t *const *services, pps_config_t *config);

//  Start the services without blocking; actors are returned in actors
//  (one per service). Returns 0 or -1 (already started ones are stopped).
//  Call it from the main thread: it first initialises the libraries whose
//  global state must be made there, before any thread uses them (libcurl,
//  whose curl_global_init also sets up OpenSSL for the calling thread; the
//  indicators' outbox and notify's senders use it from their actors).
//  A program that starts such actors with pps_server_new instead calls
//  curl_global_init in its main thread first.
int pps_runner_start (const pps_service_t *const *services, pps_config_t *config,
                      zactor_t **actors);

//  Stop actors started by pps_runner_start, then release what it
//  initialised.
void pps_runner_stop (zactor_t **actors, size_t count);

//  Print "<program> <version>" on stdout: the build's version, `git describe`
//  of the tree it was configured from when there was one.
void pps_runner_print_version (const char *program);

//  Block until SIGINT or SIGTERM.
void pps_runner_wait_for_signal (void);

#endif
