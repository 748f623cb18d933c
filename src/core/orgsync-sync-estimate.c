/* orgsync-sync-estimate.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-field.h"
#include "orgsync-records-store.h"
#include "orgsync-sobject.h"
#include "orgsync-sync-engine.h"
#include "orgsync-sync-estimate.h"

/* What a sync costs, by the rules of orgsync-sync-engine.c, before it runs: the
 * Review page of Customize Fields and the frequency hint of Settings. The records of
 * the tables to fetch come from Salesforce's record counts, one call for up to
 * NAMES_PER_CALL tables, so that asking does not cost what it estimates. */

/* Salesforce answers a REST query with pages of up to 2,000 rows. */
#define REST_PAGE_ROWS 2000

/* Polls a Bulk job typically needs before its results are ready (one to three). */
#define BULK_POLLS 2

/* Keeps the recordCount URL far below Salesforce's URL length limit. */
#define NAMES_PER_CALL 100

typedef enum
{
  FETCH_NONE,
  FETCH_FULL,       /* never synced in full: the rows after the first page */
  FETCH_BACKFILL,   /* synced, with new columns: every row, narrowly */
} Fetch;

typedef struct
{
  gboolean bulk;    /* every selected field Bulk-readable */
  Fetch    fetch;
} Table;

typedef struct
{
  GPtrArray           *names;        /* tables to fetch */
  GArray              *tables;       /* Table per name */
  guint                n_selected;   /* tables in the selection */
  guint                batch;        /* first name of the current recordCount call */
  guint                next;         /* first name of the next one */
  OrgsyncSyncEstimate  estimate;
} EstimateOp;

static void
estimate_op_free (EstimateOp *op)
{
  g_ptr_array_unref (op->names);
  g_array_unref (op->tables);
  g_free (op);
}

/**
 * orgsync_sync_estimate_idle_run_calls:
 * @n_selected: tables in the selection
 *
 * A run in which nothing changed: one /composite call per five tables (describe
 * revalidation, getDeleted and the first page of each). Usage comes with every
 * answer's Sforce-Limit-Info, so it costs nothing more.
 *
 * Returns: API calls
 */
guint64
orgsync_sync_estimate_idle_run_calls (guint n_selected)
{
  return (n_selected + ORGSYNC_SYNC_OBJECTS_PER_CALL - 1) / ORGSYNC_SYNC_OBJECTS_PER_CALL;
}

/**
 * orgsync_sync_estimate_query_calls:
 * @rows: records the query returns
 * @bulk_compatible: every field of the query can be read through Bulk API 2.0
 *
 * The engine's rule: REST pages, or past ORGSYNC_SYNC_BULK_MIN_ROWS rows one Bulk
 * job (create, polls, chunks). A full sync's first page rides in the run's
 * /composite call, so it queries the rows after it; a backfill queries them all.
 *
 * Returns: API calls
 */
guint64
orgsync_sync_estimate_query_calls (gint64   rows,
                                   gboolean bulk_compatible)
{
  if (rows <= 0)
    return 0;

  if (bulk_compatible && rows > ORGSYNC_SYNC_BULK_MIN_ROWS)
    return 1 + BULK_POLLS + (rows + ORGSYNC_SYNC_BULK_MAX_RECORDS - 1) / ORGSYNC_SYNC_BULK_MAX_RECORDS;

  return (rows + REST_PAGE_ROWS - 1) / REST_PAGE_ROWS;
}

/* Compound fields are fetched as their components, which Bulk reads. */
static gboolean
selected_fields_bulk_compatible (OrgsyncSObject *sobject)
{
  GListModel *fields = orgsync_sobject_get_fields (sobject);

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(OrgsyncField) field = g_list_model_get_item (fields, i);

      if (orgsync_field_get_selected (field) && !orgsync_field_get_bulk_compatible (field) &&
          !orgsync_field_type_is_compound (orgsync_field_get_field_type (field)))
        return FALSE;
    }

  return TRUE;
}

/* Whether the next run fetches the table's rows: in full when it was never fully
 * synced (without @store nothing was), narrowly when a selected field has no column
 * yet or a backfill is unfinished. */
static Fetch
needs_fetch (OrgsyncRecordsStore *store,
             OrgsyncSObject      *sobject)
{
  const char *name = orgsync_sobject_get_name (sobject);
  GListModel *fields = orgsync_sobject_get_fields (sobject);
  g_autoptr(OrgsyncObjectState) state = NULL;
  g_auto(GStrv) columns = NULL;
  g_auto(GStrv) backfills = NULL;

  if (store == NULL ||
      (state = orgsync_records_store_get_object_state (store, name, NULL)) == NULL ||
      !state->full_sync_complete ||
      (columns = orgsync_records_store_list_columns (store, name, NULL)) == NULL)
    return FETCH_FULL;

  if ((backfills = orgsync_records_store_list_backfills (store, name, NULL)) != NULL && backfills[0] != NULL)
    return FETCH_BACKFILL;

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(OrgsyncField) field = g_list_model_get_item (fields, i);

      if (orgsync_field_get_selected (field) &&
          !orgsync_field_type_is_compound (orgsync_field_get_field_type (field)) &&
          !g_strv_contains ((const char * const *) columns, orgsync_field_get_name (field)))
        return FETCH_BACKFILL;
    }

  return FETCH_NONE;
}

static void count_next (GTask *task);

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EstimateOp *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) counts = NULL;
  GError *error = NULL;

  if ((counts = sf_client_get_record_counts_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A table Salesforce has no count for (some objects are not counted) costs its
   * first page only. */
  for (guint i = op->batch; i < op->next; i++)
    {
      const gint64 *rows = g_hash_table_lookup (counts, g_ptr_array_index (op->names, i));
      const Table *table = &g_array_index (op->tables, Table, i);

      if (rows == NULL)
        continue;
      op->estimate.records += *rows;
      op->estimate.api_calls += orgsync_sync_estimate_query_calls (table->fetch == FETCH_FULL ? *rows - REST_PAGE_ROWS
                                                                                             : *rows,
                                                                   table->bulk);
    }

  count_next (task);
}

static void
count_next (GTask *task)
{
  EstimateOp *op = g_task_get_task_data (task);
  SfClient *client = g_task_get_source_object (task);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();

  if (op->next >= op->names->len)
    {
      op->estimate.api_used = sf_client_get_api_usage_used (client);
      op->estimate.api_max = sf_client_get_api_usage_max (client);
      g_task_return_pointer (task, g_memdup2 (&op->estimate, sizeof op->estimate), g_free);
      return;
    }

  op->batch = op->next;
  while (op->next < op->names->len && batch->len < NAMES_PER_CALL)
    g_ptr_array_add (batch, g_ptr_array_index (op->names, op->next++));
  g_ptr_array_add (batch, NULL);

  sf_client_get_record_counts_async (client, (const char * const *) batch->pdata, g_task_get_cancellable (task),
                                     counted_cb, g_object_ref (task));
}

/**
 * orgsync_sync_estimate_async:
 * @client: a signed-in client
 * @sobjects: the tables with the selection to estimate (#OrgsyncSObject)
 * @records_path: the connection's records.db; it need not exist yet
 *
 * Estimates the next sync of @sobjects: the run over every selected table plus the
 * rows of the tables that records.db does not hold in full with the selected
 * fields. Costs one API call per hundred such tables, none when there are none.
 */
void
orgsync_sync_estimate_async (SfClient            *client,
                             GListModel          *sobjects,
                             const char          *records_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(OrgsyncRecordsStore) store = NULL;
  g_autoptr(GTask) task = NULL;
  EstimateOp *op;

  g_return_if_fail (SF_IS_CLIENT (client));
  g_return_if_fail (G_IS_LIST_MODEL (sobjects));

  /* Opening would create the file; a store that cannot be read means a full sync. */
  if (records_path != NULL && g_file_test (records_path, G_FILE_TEST_EXISTS))
    store = orgsync_records_store_open (records_path, NULL);

  op = g_new0 (EstimateOp, 1);
  op->names = g_ptr_array_new_with_free_func (g_free);
  op->tables = g_array_new (FALSE, FALSE, sizeof (Table));

  for (guint i = 0; i < g_list_model_get_n_items (sobjects); i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);
      Table table;

      if (orgsync_sobject_get_n_selected (sobject) == 0)
        continue;
      op->n_selected++;
      if ((table.fetch = needs_fetch (store, sobject)) == FETCH_NONE)
        continue;

      table.bulk = selected_fields_bulk_compatible (sobject);
      g_ptr_array_add (op->names, g_strdup (orgsync_sobject_get_name (sobject)));
      g_array_append_val (op->tables, table);
    }

  op->estimate.api_calls = orgsync_sync_estimate_idle_run_calls (op->n_selected);
  op->estimate.api_used = -1;
  op->estimate.api_max = -1;

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_sync_estimate_async);
  g_task_set_task_data (task, op, (GDestroyNotify) estimate_op_free);
  count_next (task);
}

/**
 * orgsync_sync_estimate_finish:
 *
 * Returns: (transfer full): the estimate; free it with g_free()
 */
OrgsyncSyncEstimate *
orgsync_sync_estimate_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == orgsync_sync_estimate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
