/* orgsync-sync-engine.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-clock.h"
#include "orgsync-connection.h"
#include "orgsync-database.h"
#include "orgsync-sync-run.h"

G_BEGIN_DECLS

/* How a run ended; the CLI's exit code follows from it (design.md §8). */
typedef enum
{
  ORGSYNC_SYNC_OUTCOME_SUCCEEDED,
  ORGSYNC_SYNC_OUTCOME_PARTIAL,       /* some objects failed, the others synced */
  ORGSYNC_SYNC_OUTCOME_FAILED,        /* transient or local (disk full): retried later */
  ORGSYNC_SYNC_OUTCOME_QUOTA,         /* stopped at the quota threshold */
  ORGSYNC_SYNC_OUTCOME_REAUTHORIZE,   /* the sign-in no longer works */
  ORGSYNC_SYNC_OUTCOME_PERMISSION,    /* a permission or API access is missing */
  ORGSYNC_SYNC_OUTCOME_CANCELLED,
} OrgsyncSyncOutcome;

/* REST pages or one Bulk API 2.0 job: see orgsync-sync-engine.c for the rule. */
#define ORGSYNC_SYNC_BULK_MIN_ROWS     10000
/* Rows of one Bulk results request (maxRecords): each is an API call. They stream,
 * and only ORGSYNC_SYNC_BULK_BATCH_ROWS rows are parsed ahead of the writer, so the
 * memory does not depend on it. */
#define ORGSYNC_SYNC_BULK_MAX_RECORDS  100000
#define ORGSYNC_SYNC_BULK_BATCH_ROWS   5000
#define ORGSYNC_SYNC_LOOKBACK_SECONDS  60
#define ORGSYNC_SYNC_OBJECTS_PER_CALL  5

/* Pages of one query or job commit together, with the last one's checkpoint, once
 * this many rows or this much time piled up (orgsync_records_store_set_group_commit()). */
#define ORGSYNC_SYNC_COMMIT_ROWS       100000
#define ORGSYNC_SYNC_COMMIT_MS         2000
/* The writer's SQLite page cache: most of the Id index of a million rows, which
 * inserts in random order touch all over (SQLite's default is 2 MB). */
#define ORGSYNC_SYNC_CACHE_KIB         16384

#define ORGSYNC_TYPE_SYNC_ENGINE (orgsync_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncSyncEngine, orgsync_sync_engine, ORGSYNC, SYNC_ENGINE, GObject)

OrgsyncSyncEngine    *orgsync_sync_engine_new            (OrgsyncDatabase     *database,
                                                          OrgsyncConnection   *connection,
                                                          OrgsyncClock        *clock);
OrgsyncConnection    *orgsync_sync_engine_get_connection (OrgsyncSyncEngine   *self);
void                  orgsync_sync_engine_set_full       (OrgsyncSyncEngine   *self,
                                                          gboolean             full);
void                  orgsync_sync_engine_run_async      (OrgsyncSyncEngine   *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean              orgsync_sync_engine_run_finish     (OrgsyncSyncEngine   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
OrgsyncSyncOutcome    orgsync_sync_engine_get_outcome    (OrgsyncSyncEngine   *self);
const OrgsyncSyncRun *orgsync_sync_engine_get_run        (OrgsyncSyncEngine   *self);
const char * const   *orgsync_sync_engine_get_warnings   (OrgsyncSyncEngine   *self);
gboolean              orgsync_sync_engine_get_status_changed (OrgsyncSyncEngine *self);

G_END_DECLS
