/* orgsync-sync-lock.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OrgsyncSyncLock OrgsyncSyncLock;

OrgsyncSyncLock *orgsync_sync_lock_acquire  (const char       *data_dir,
                                             const char       *connection_id,
                                             const char       *display_name,
                                             GError          **error);
void             orgsync_sync_lock_release  (OrgsyncSyncLock  *lock);
gboolean         orgsync_sync_lock_is_held  (const char       *data_dir,
                                             const char       *connection_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgsyncSyncLock, orgsync_sync_lock_release)

G_END_DECLS
