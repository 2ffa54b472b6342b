/*  pps_json: query strings into the JSON a message is read from. The
    mapping itself is pps_json_write.c (message to JSON) and pps_json_read.c
    (JSON to message), sharing pps_json_descriptors.h.  */
#include "pps_json_descriptors.h"

//  ---------------------------------------------------------------------
//  Query strings

int
pps_json_set_path (json_t *object, const char *dotted_key, const char *value,
                   char *error, size_t error_size)
{
    assert (json_is_object (object));
    assert (dotted_key);
    assert (value);
    assert (error || !error_size);
    //  Every check that can fail before the first change: an object is made
    //  only below keys that did not exist, where nothing can conflict, so a
    //  refused pair leaves the object as it was
    json_t *key_text = json_string (dotted_key);
    if (!key_text) {
        snprintf (error, error_size, "a key is not UTF-8 text");
        return -1;
    }
    json_decref (key_text);
    size_t key_length = strlen (dotted_key);
    if (key_length == 0 || dotted_key [0] == '.' || dotted_key [key_length - 1] == '.'
    ||  strstr (dotted_key, "..")) {
        snprintf (error, error_size, "'%s' is not a field name: a part is empty", dotted_key);
        return -1;
    }
    json_t *text = json_string (value);
    if (!text) {
        snprintf (error, error_size, "the value of %s is not UTF-8 text", dotted_key);
        return -1;
    }
    char *path = strdup (dotted_key);
    assert (path);
    json_t *node = object;
    char *part = path;
    char *dot;
    while ((dot = strchr (part, '.'))) {
        *dot = 0;
        json_t *child = json_object_get (node, part);
        if (!child) {
            child = json_object ();
            json_object_set_new (node, part, child);
        }
        else
        if (!json_is_object (child)) {
            snprintf (error, error_size, "%.*s is given both as a value and with fields "
                      "of its own (%s)", (int) (dot - path), dotted_key, dotted_key);
            goto fail;
        }
        node = child;
        part = dot + 1;
    }
    json_t *child = json_object_get (node, part);
    if (!child)
        json_object_set_new (node, part, text);
    else
    if (json_is_string (child))
        //  Given again: a list of every value, in order
        json_object_set_new (node, part, json_pack ("[O o]", child, text));
    else
    if (json_is_array (child))
        json_array_append_new (child, text);
    else {
        snprintf (error, error_size, "%s is given both as a value and with fields "
                  "of its own", dotted_key);
        goto fail;
    }
    free (path);
    return 0;
fail:
    free (path);
    json_decref (text);
    return -1;
}
