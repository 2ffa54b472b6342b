/*  pps-keygen: makes a CURVE certificate for a service or a client.

    Writes DIR/NAME.cert (the public key with the metadata `name` and
    `role`: what a service's security/clients_dir and a client's
    security/keys_dir hold) and DIR/NAME.cert_secret (the key pair, mode
    0600: it stays on the machine that owns it), and prints the public key.
    An existing certificate is never overwritten.
*/
#include <czmq.h>
#include <sys/stat.h>
#include "pps_security.h"

static void
s_usage (FILE *stream)
{
    fprintf (stream,
             "usage: pps-keygen --name NAME --role reader|editor|admin|gateway --out DIR\n"
             "       pps-keygen --version | --help\n"
             "  NAME  letters, digits, '.', '_' or '-': a service name (registry, projects...)\n"
             "        or an operator's name; recorded as the actor of what the key writes\n"
             "  ROLE  what the key may do on the services that allow it\n"
             "  DIR   where NAME.cert and NAME.cert_secret are written (created 0750)\n");
}

static bool
s_valid_name (const char *name)
{
    if (!*name || strlen (name) > 64 || *name == '.' || *name == '-')
        return false;
    for (const char *c = name; *c; c++)
        if (!isalnum ((unsigned char) *c) && *c != '.' && *c != '_' && *c != '-')
            return false;
    return true;
}

int
main (int argc, char **argv)
{
    const char *name = NULL, *role = NULL, *out = NULL;
    for (int index = 1; index < argc; index++) {
        const char *arg = argv [index];
        bool has_value = index + 1 < argc;
        if (streq (arg, "--name") && has_value)
            name = argv [++index];
        else
        if (streq (arg, "--role") && has_value)
            role = argv [++index];
        else
        if (streq (arg, "--out") && has_value)
            out = argv [++index];
        else
        if (streq (arg, "-h") || streq (arg, "--help")) {
            s_usage (stdout);
            return 0;
        }
        else
        if (streq (arg, "--version")) {
            printf ("pps-keygen %s\n", PPS_VERSION);
            return 0;
        }
        else {
            fprintf (stderr, "pps-keygen: unknown argument '%s'\n", arg);
            s_usage (stderr);
            return 2;
        }
    }
    if (!name || !role || !out) {
        s_usage (stderr);
        return 2;
    }
    if (!s_valid_name (name)) {
        fprintf (stderr, "pps-keygen: bad name '%s'\n", name);
        return 2;
    }
    if (pps_role_parse (role) == PPS_ROLE_NONE) {
        fprintf (stderr, "pps-keygen: role must be reader, editor, admin or gateway, not '%s'\n", role);
        return 2;
    }
    if (!zsys_has_curve ()) {
        fprintf (stderr, "pps-keygen: libzmq was built without CURVE\n");
        return 1;
    }
    if (pps_config_private_dir (out)) {
        fprintf (stderr, "pps-keygen: cannot create the directory %s\n", out);
        return 1;
    }
    char *path = zsys_sprintf ("%s/%s.cert", out, name);
    char *secret = zsys_sprintf ("%s_secret", path);
    int rc = 0;
    if (zsys_file_exists (path) || zsys_file_exists (secret)) {
        fprintf (stderr, "pps-keygen: %s exists: remove it first to replace it\n", path);
        rc = 1;
    }
    zcert_t *cert = rc ? NULL : zcert_new ();
    if (cert) {
        zcert_set_meta (cert, "name", "%s", name);
        zcert_set_meta (cert, "role", "%s", role);
        //  The secret file is never readable by others, not even for an instant
        mode_t mask = umask (077);
        rc = zcert_save (cert, path);
        umask (mask);
        if (rc == 0)
            rc = chmod (path, 0644) || chmod (secret, 0600);
        if (rc)
            fprintf (stderr, "pps-keygen: cannot write %s\n", path);
        else
            printf ("%s\n", zcert_public_txt (cert));
    }
    zcert_destroy (&cert);
    zstr_free (&path);
    zstr_free (&secret);
    return rc ? 1 : 0;
}
