/* orgsync-database-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "orgsync-database.h"

G_BEGIN_DECLS

/* For the quota governor, which keeps its shared counters in orgsync.db, and for the
 * migration tests. */
sqlite3  *_orgsync_database_get_handle (OrgsyncDatabase  *self);
int       _orgsync_database_latest_version (void);
gboolean  _orgsync_database_migrate    (sqlite3          *db,
                                        int               target_version,
                                        GError          **error);

G_END_DECLS
