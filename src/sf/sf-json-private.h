/* sf-json-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting a response may have. Salesforce's deepest documents (a
 * composite response holding query results with parent relationships) nest
 * about a dozen levels; json-glib 1.6 parses recursively and overflows the
 * stack at some tens of thousands. */
#define SF_JSON_MAX_DEPTH 256

gboolean     _sf_json_check        (const char  *data,
                                    gsize        length,
                                    GError     **error);
JsonNode    *_sf_json_parse        (const char  *data,
                                    gsize        length,
                                    const char  *what,
                                    GError     **error);
JsonNode    *_sf_json_parse_object (const char  *data,
                                    gsize        length,
                                    const char  *what,
                                    GError     **error);
const char  *_sf_json_get_string   (JsonObject  *object,
                                    const char  *member);
gint64       _sf_json_get_int      (JsonObject  *object,
                                    const char  *member,
                                    gint64       default_value);
gboolean     _sf_json_get_boolean  (JsonObject  *object,
                                    const char  *member,
                                    gboolean     default_value);
void         _sf_json_append       (GString     *out,
                                    JsonNode    *node);
char        *_sf_json_to_string    (JsonNode    *node);

G_END_DECLS
