/* orgsync-autostart.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     orgsync_autostart_set_async  (gboolean              enabled,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean orgsync_autostart_set_finish (GAsyncResult         *result,
                                       GError              **error);
char    *orgsync_autostart_dup_path   (void);

G_END_DECLS
