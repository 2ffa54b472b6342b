/*  pps_security: who is calling a service, and what their role lets them do.

    Over a CURVE endpoint (see pps_keys), the ZAP handler has already
    refused every key that is not in security/clients_dir; for the others,
    libzmq stamps each message with the client's public key ("User-Id").
    A server's pps_security_t looks that key up in clients_dir and reads the
    certificate's metadata: `name` (recorded as the actor of every event the
    request writes, whatever actor the request claims) and `role`:

        reader   queries, status, EventsSince
        editor   what a reader may, and writes
        admin    everything, including the operations marked admin
                 (finalising and pushing bilans)
        gateway  what an admin may, on behalf of the people it serves:
                 the gateway (pps-web) checks each person's own role
                 first, and the actor it states is recorded (the person's
                 login), where any other key's claimed actor is replaced
                 by its certificate's name

    A certificate without a valid role may do nothing. A request that comes
    without a key (ipc://, inproc://, or tcp:// with CURVE off) gets the
    role security/ipc_role (default admin: the ipc socket file's permissions
    are the protection) and keeps the actor it claims.

    A pps_security_t belongs to one server actor and is used from its thread.
*/
#ifndef PPS_SECURITY_H_INCLUDED
#define PPS_SECURITY_H_INCLUDED

#include <czmq.h>
#include "pps_config.h"

typedef enum {
    PPS_ROLE_NONE = 0,            //  May do nothing
    PPS_ROLE_READER,
    PPS_ROLE_EDITOR,
    PPS_ROLE_ADMIN,
    PPS_ROLE_GATEWAY              //  A trusted delegate: states the actor
} pps_role_t;

//  The role named name ("reader", "editor", "admin", "gateway"); PPS_ROLE_NONE for
//  anything else, NULL included.
pps_role_t pps_role_parse (const char *name);

//  The role's name ("none" for PPS_ROLE_NONE).
const char *pps_role_name (pps_role_t role);

//  True when role may run an operation that writes (write) and is marked
//  admin (admin); common operations are reads.
bool pps_role_allows (pps_role_t role, bool write, bool admin);

//  Who sent a request. The strings belong to the pps_security_t and stay
//  valid until its next pps_security_identify: copy them to keep them.
typedef struct {
    pps_role_t role;
    const char *name;             //  The certificate's name; NULL without a key
    const char *key;              //  The client's public key (Z85); NULL without a key
} pps_identity_t;

typedef struct _pps_security_t pps_security_t;

//  The security of a server whose ROUTER is authenticated (bound with
//  CURVE) or not. Caller owns return value and must destroy it.
pps_security_t *pps_security_new (pps_config_t *config, bool authenticated);

//  Destroy; sets *self_p to NULL.
void pps_security_destroy (pps_security_t **self_p);

//  Who sent frame (a request frame as received on the ROUTER).
void pps_security_identify (pps_security_t *self, zframe_t *frame, pps_identity_t *identity);

//  Self test.
void pps_security_test (bool verbose);

#endif
