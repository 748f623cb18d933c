/* orgsync-database.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-connection-list.h"
#include "orgsync-sobject.h"
#include "orgsync-sync-run.h"
#include "orgsync-types.h"

G_BEGIN_DECLS

/* orgsync.db: connections (no secrets), field selections, the describe cache, the sync
 * history and the quota governor's shared counts. One handle per thread (the main
 * thread, normally); each process opens its own. */

#define ORGSYNC_TYPE_DATABASE (orgsync_database_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncDatabase, orgsync_database, ORGSYNC, DATABASE, GObject)

OrgsyncDatabase *orgsync_database_open                 (const char                *data_dir,
                                                        GError                   **error);
const char      *orgsync_database_get_data_dir         (OrgsyncDatabase           *self);
const char      *orgsync_database_get_path             (OrgsyncDatabase           *self);
int              orgsync_database_get_schema_version   (OrgsyncDatabase           *self);

gboolean         orgsync_database_load_connections     (OrgsyncDatabase           *self,
                                                        OrgsyncConnectionList     *list,
                                                        GError                   **error);
gboolean         orgsync_database_save_connection      (OrgsyncDatabase           *self,
                                                        OrgsyncConnection         *connection,
                                                        GError                   **error);
gboolean         orgsync_database_delete_connection    (OrgsyncDatabase           *self,
                                                        const char                *connection_id,
                                                        GError                   **error);

char           **orgsync_database_load_selection       (OrgsyncDatabase           *self,
                                                        const char                *connection_id,
                                                        GError                   **error);
gboolean         orgsync_database_save_selection       (OrgsyncDatabase           *self,
                                                        const char                *connection_id,
                                                        const char * const        *selection,
                                                        GError                   **error);

gboolean         orgsync_database_store_describe       (OrgsyncDatabase           *self,
                                                        const char                *connection_id,
                                                        const OrgsyncSObjectInfo  *object,
                                                        const OrgsyncFieldInfo    *fields,
                                                        guint                      n_fields,
                                                        const char                *last_modified,
                                                        const char                *raw_json,
                                                        GError                   **error);
gboolean         orgsync_database_lookup_describe      (OrgsyncDatabase           *self,
                                                        const char                *connection_id,
                                                        const char                *object,
                                                        char                     **last_modified,
                                                        char                     **raw_json,
                                                        GError                   **error);
gboolean         orgsync_database_delete_describe      (OrgsyncDatabase           *self,
                                                        const char                *connection_id,
                                                        const char                *object,
                                                        GError                   **error);
GListModel      *orgsync_database_load_sobjects        (OrgsyncDatabase           *self,
                                                        const char                *connection_id,
                                                        GError                   **error);

gint64           orgsync_database_begin_run            (OrgsyncDatabase           *self,
                                                        const char                *connection_id,
                                                        gint64                     started_at,
                                                        gboolean                   full,
                                                        GError                   **error);
gboolean         orgsync_database_add_run_object       (OrgsyncDatabase           *self,
                                                        gint64                     run_id,
                                                        const char                *object,
                                                        guint64                    added,
                                                        guint64                    updated,
                                                        guint64                    deleted,
                                                        GError                   **error);
gboolean         orgsync_database_finish_run           (OrgsyncDatabase           *self,
                                                        gint64                     run_id,
                                                        gint64                     finished_at,
                                                        OrgsyncRunResult           result,
                                                        const char                *message,
                                                        const char                *error_code,
                                                        guint64                    api_calls,
                                                        GError                   **error);
gboolean         orgsync_database_close_interrupted_runs (OrgsyncDatabase         *self,
                                                        const char                *connection_id,
                                                        gint64                     now,
                                                        GError                   **error);
GPtrArray       *orgsync_database_list_runs            (OrgsyncDatabase           *self,
                                                        const char                *connection_id,
                                                        guint                      limit,
                                                        GError                   **error);

G_END_DECLS
