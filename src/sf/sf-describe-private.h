/* sf-describe-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sf-describe.h"

G_BEGIN_DECLS

SfSObjectDescribe *_sf_sobject_describe_new_from_node (JsonNode   *root,
                                                       GDateTime  *fetched_at,
                                                       GError    **error);

G_END_DECLS
