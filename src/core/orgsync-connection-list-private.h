/* orgsync-connection-list-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "orgsync-connection-list.h"

G_BEGIN_DECLS

/* For orgsync.db, which enforces unique names itself and may reload a list while two
 * connections swap names. */
void _orgsync_connection_list_append (OrgsyncConnectionList *self,
                                      OrgsyncConnection     *connection);

G_END_DECLS
