/* orgsync-connection-list.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-connection.h"

G_BEGIN_DECLS

#define ORGSYNC_TYPE_CONNECTION_LIST (orgsync_connection_list_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncConnectionList, orgsync_connection_list, ORGSYNC, CONNECTION_LIST, GObject)

OrgsyncConnectionList *orgsync_connection_list_new            (void);
gboolean               orgsync_connection_list_check_name     (OrgsyncConnectionList  *self,
                                                               const char             *name,
                                                               OrgsyncConnection      *except,
                                                               GError                **error);
gboolean               orgsync_connection_list_add            (OrgsyncConnectionList  *self,
                                                               OrgsyncConnection      *connection,
                                                               GError                **error);
gboolean               orgsync_connection_list_remove         (OrgsyncConnectionList  *self,
                                                               OrgsyncConnection      *connection);
void                   orgsync_connection_list_remove_all     (OrgsyncConnectionList  *self);
gboolean               orgsync_connection_list_rename         (OrgsyncConnectionList  *self,
                                                               OrgsyncConnection      *connection,
                                                               const char             *name,
                                                               GError                **error);
OrgsyncConnection     *orgsync_connection_list_lookup_id      (OrgsyncConnectionList  *self,
                                                               const char             *id);
OrgsyncConnection     *orgsync_connection_list_lookup_name    (OrgsyncConnectionList  *self,
                                                               const char             *name);

G_END_DECLS
