/* orgsync-paths.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *orgsync_paths_dup_default_data_dir    (void);
gboolean  orgsync_paths_validate_connection_id  (const char  *connection_id,
                                                 GError     **error);
char     *orgsync_paths_dup_connection_dir      (const char  *data_dir,
                                                 const char  *connection_id,
                                                 GError     **error);
char     *orgsync_paths_dup_records_path        (const char  *data_dir,
                                                 const char  *connection_id,
                                                 GError     **error);
gboolean  orgsync_paths_ensure_connection_dir   (const char  *data_dir,
                                                 const char  *connection_id,
                                                 GError     **error);
gboolean  orgsync_paths_remove_connection_dir   (const char  *data_dir,
                                                 const char  *connection_id,
                                                 GError     **error);

G_END_DECLS
