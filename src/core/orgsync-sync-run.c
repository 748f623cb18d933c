/* orgsync-sync-run.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "orgsync-sync-run.h"

/* One row of the sync history: a plain boxed struct, because the history page shows
 * them read-only and nothing binds to their fields. */

G_DEFINE_BOXED_TYPE (OrgsyncSyncRun, orgsync_sync_run, orgsync_sync_run_copy, orgsync_sync_run_free)

static void
clear_run_object (gpointer data)
{
  OrgsyncSyncRunObject *object = data;

  g_clear_pointer (&object->object, g_free);
}

OrgsyncSyncRun *
orgsync_sync_run_new (void)
{
  OrgsyncSyncRun *run = g_new0 (OrgsyncSyncRun, 1);

  run->objects = g_array_new (FALSE, TRUE, sizeof (OrgsyncSyncRunObject));
  g_array_set_clear_func (run->objects, clear_run_object);

  return run;
}

OrgsyncSyncRun *
orgsync_sync_run_copy (const OrgsyncSyncRun *run)
{
  OrgsyncSyncRun *copy;

  g_return_val_if_fail (run != NULL, NULL);

  copy = orgsync_sync_run_new ();
  copy->id = run->id;
  copy->connection_id = g_strdup (run->connection_id);
  copy->started_at = run->started_at;
  copy->finished_at = run->finished_at;
  copy->result = run->result;
  copy->message = g_strdup (run->message);
  copy->error_code = g_strdup (run->error_code);
  copy->api_calls = run->api_calls;
  copy->full = run->full;

  for (guint i = 0; i < run->objects->len; i++)
    {
      const OrgsyncSyncRunObject *object = &g_array_index (run->objects, OrgsyncSyncRunObject, i);

      orgsync_sync_run_add_object (copy, object->object, object->added, object->updated, object->deleted);
    }

  return copy;
}

void
orgsync_sync_run_free (OrgsyncSyncRun *run)
{
  if (run == NULL)
    return;

  g_free (run->connection_id);
  g_free (run->message);
  g_free (run->error_code);
  g_array_unref (run->objects);
  g_free (run);
}

void
orgsync_sync_run_add_object (OrgsyncSyncRun *run,
                             const char     *object,
                             guint64         added,
                             guint64         updated,
                             guint64         deleted)
{
  OrgsyncSyncRunObject entry = { g_strdup (object), added, updated, deleted };

  g_return_if_fail (run != NULL);

  g_array_append_val (run->objects, entry);
}

static const char * const result_strings[] = {
  [ORGSYNC_RUN_RESULT_RUNNING] = "running",
  [ORGSYNC_RUN_RESULT_SUCCESS] = "success",
  [ORGSYNC_RUN_RESULT_PARTIAL] = "partial",
  [ORGSYNC_RUN_RESULT_FAILED] = "failed",
  [ORGSYNC_RUN_RESULT_CANCELLED] = "cancelled",
  [ORGSYNC_RUN_RESULT_QUOTA_STOPPED] = "quota-stopped",
  [ORGSYNC_RUN_RESULT_INTERRUPTED] = "interrupted",
};

/* Stable strings for orgsync.db and the CLI's --json. */
const char *
orgsync_run_result_to_string (OrgsyncRunResult result)
{
  g_return_val_if_fail ((guint) result < G_N_ELEMENTS (result_strings), NULL);

  return result_strings[result];
}

OrgsyncRunResult
orgsync_run_result_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (result_strings); i++)
    {
      if (strcmp (str, result_strings[i]) == 0)
        return (OrgsyncRunResult) i;
    }

  return ORGSYNC_RUN_RESULT_FAILED;
}
