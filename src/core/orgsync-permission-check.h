/* orgsync-permission-check.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sf-client.h"

G_BEGIN_DECLS

/* One line of the permission checklist (design.md §1, reference §9). */
#define ORGSYNC_TYPE_PERMISSION_ITEM (orgsync_permission_item_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncPermissionItem, orgsync_permission_item, ORGSYNC, PERMISSION_ITEM, GObject)

const char *orgsync_permission_item_get_id       (OrgsyncPermissionItem *self);
const char *orgsync_permission_item_get_title    (OrgsyncPermissionItem *self);
gboolean    orgsync_permission_item_get_passed   (OrgsyncPermissionItem *self);
const char *orgsync_permission_item_get_how_to_fix (OrgsyncPermissionItem *self);

void        orgsync_permission_check_async       (SfClient             *client,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel *orgsync_permission_check_finish      (GAsyncResult         *result,
                                                  GError              **error);
gboolean    orgsync_permission_check_all_passed  (GListModel           *items);
char       *orgsync_permission_check_dup_failed  (GListModel           *items);

G_END_DECLS
