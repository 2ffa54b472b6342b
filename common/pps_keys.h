/*  pps_keys: the CURVE keys of this process, for the socket factory.

    When security/curve = 1, every tcp:// socket the process makes is
    encrypted and authenticated with CurveZMQ; ipc:// and inproc:// never
    are (file permissions protect ipc). The keys are czmq certificates
    (zcert_save: NAME.cert holds the public key and metadata, NAME.cert_secret
    the key pair); pps-keygen makes them.

    Configuration keys:
        security/curve          1 switches CURVE on for tcp:// (default 0)
        security/keys_dir       this process's certificates and the public
                                certificates of the services it calls
                                (default /etc/pps/keys): a service serves
                                with keys_dir/<service>.cert(_secret); a
                                client trusts, for the tcp endpoints of
                                <name>/endpoint and <name>/events in its
                                configuration, keys_dir/<name>.cert only
        security/clients_dir    public certificates of the allowed clients
                                (default /etc/pps/clients): any other key is
                                refused at the handshake
        security/client_cert    the certificate this process calls services
                                with (default: keys_dir/<its first service>.cert)
        security/log_handshakes 1 logs every CURVE handshake (default 1)

    One ZAP handler (czmq's zauth actor) serves the whole process: the
    first server that starts starts it, the last one that stops stops it.
    Settings are process-wide and read once per pps_keys_setup; every
    function here is safe to call from any thread.
*/
#ifndef PPS_KEYS_H_INCLUDED
#define PPS_KEYS_H_INCLUDED

#include <czmq.h>
#include "pps_config.h"

//  Read the security settings of config for this process. service is a
//  service the process serves (when it serves over tcp, its key pair is
//  loaded, and the first one becomes the default client certificate), or
//  NULL for a client program.
//  May be called once per service. Returns 0, or -1 (logged) when CURVE is
//  on and a certificate cannot be read.
int pps_keys_setup (pps_config_t *config, const char *service);

//  True when CURVE is on in this process.
bool pps_keys_curve (void);

//  True when a socket of this process on endpoint uses CURVE (CURVE on and
//  a tcp:// endpoint).
bool pps_keys_protects (const char *endpoint);

//  Make socket, about to bind endpoint, a CURVE server with service's key
//  pair, when pps_keys_protects (endpoint). Returns 0, or -1 (logged) when
//  the key pair is missing or no ZAP handler runs (refusing is safer than
//  serving without an allow-list).
int pps_keys_apply_server (zsock_t *socket, const char *endpoint, const char *service);

//  Make socket, about to connect endpoint, a CURVE client of the service
//  there, when pps_keys_protects (endpoint). Returns 0, or -1 (logged) when
//  the server's public key or the client certificate is unknown.
int pps_keys_apply_client (zsock_t *socket, const char *endpoint);

//  Start the process's ZAP handler (allow-list: security/clients_dir) if
//  not running, and count one more user. Returns 0 or -1 (logged).
int pps_keys_auth_start (void);

//  A stamp of the allow-list (security/clients_dir): each certificate's
//  file name and modification time, one a line, sorted. Caller frees; NULL
//  without CURVE. Compare two with pps_keys_allowlist_lost.
char *pps_keys_allowlist_stamp (void);

//  True when the allow-list of stamp now lacks a certificate stamp before
//  held, as it was: a key removed or replaced. A key added loses nothing.
bool pps_keys_allowlist_lost (const char *before, const char *now);

//  One user less; the last one stops the ZAP handler.
void pps_keys_auth_stop (void);

//  Forget every setting and key (the ZAP handler must be stopped).
void pps_keys_reset (void);

#endif
