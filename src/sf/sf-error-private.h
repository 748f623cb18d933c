/* sf-error-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sf-error.h"

G_BEGIN_DECLS

GError *_sf_error_new_from_response (guint        status,
                                     const char  *reason,
                                     const char  *content_type,
                                     const char  *body,
                                     gsize        length);

G_END_DECLS

G_BEGIN_DECLS

GError *_sf_error_new_from_json_node (guint     status,
                                      JsonNode *node);

G_END_DECLS
