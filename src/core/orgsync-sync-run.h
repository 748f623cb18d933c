/* orgsync-sync-run.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Outcome of one sync run, as the history shows it. Stored as its string. */
typedef enum
{
  ORGSYNC_RUN_RESULT_RUNNING,
  ORGSYNC_RUN_RESULT_SUCCESS,
  ORGSYNC_RUN_RESULT_PARTIAL,       /* some objects failed, the others synced */
  ORGSYNC_RUN_RESULT_FAILED,
  ORGSYNC_RUN_RESULT_CANCELLED,
  ORGSYNC_RUN_RESULT_QUOTA_STOPPED,
  ORGSYNC_RUN_RESULT_INTERRUPTED,   /* the process ended without finishing the run */
} OrgsyncRunResult;

typedef struct
{
  char    *object;
  guint64  added;
  guint64  updated;
  guint64  deleted;
} OrgsyncSyncRunObject;

typedef struct
{
  gint64            id;
  char             *connection_id;
  gint64            started_at;    /* µs since the Unix epoch, UTC */
  gint64            finished_at;   /* 0 while running */
  OrgsyncRunResult  result;
  char             *message;
  char             *error_code;
  guint64           api_calls;
  gboolean          full;
  GArray           *objects;       /* of OrgsyncSyncRunObject */
} OrgsyncSyncRun;

#define ORGSYNC_TYPE_SYNC_RUN (orgsync_sync_run_get_type ())

GType             orgsync_sync_run_get_type        (void) G_GNUC_CONST;
OrgsyncSyncRun   *orgsync_sync_run_new             (void);
OrgsyncSyncRun   *orgsync_sync_run_copy            (const OrgsyncSyncRun *run);
void              orgsync_sync_run_free            (OrgsyncSyncRun       *run);
void              orgsync_sync_run_add_object      (OrgsyncSyncRun       *run,
                                                    const char           *object,
                                                    guint64               added,
                                                    guint64               updated,
                                                    guint64               deleted);

const char       *orgsync_run_result_to_string     (OrgsyncRunResult      result);
OrgsyncRunResult  orgsync_run_result_from_string   (const char           *str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgsyncSyncRun, orgsync_sync_run_free)

G_END_DECLS
