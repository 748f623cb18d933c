/* orgsync-describe-cache.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "orgsync-database.h"
#include "sf-describe.h"

G_BEGIN_DECLS

gboolean           orgsync_describe_cache_store   (OrgsyncDatabase    *database,
                                                   const char         *connection_id,
                                                   SfSObjectDescribe  *describe,
                                                   GError            **error);
SfSObjectDescribe *orgsync_describe_cache_load    (OrgsyncDatabase    *database,
                                                   const char         *connection_id,
                                                   const char         *object,
                                                   GError            **error);
gboolean           orgsync_describe_cache_store_global (OrgsyncDatabase  *database,
                                                   const char         *connection_id,
                                                   SfGlobalDescribe   *global,
                                                   GError            **error);

G_END_DECLS
