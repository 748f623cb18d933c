/* orgsync-sync-engine.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "orgsync-describe-cache.h"
#include "orgsync-error.h"
#include "orgsync-keyring.h"
#include "orgsync-paths.h"
#include "orgsync-quota-governor.h"
#include "orgsync-records-writer.h"
#include "orgsync-status.h"
#include "orgsync-sync-engine.h"
#include "orgsync-sync-lock.h"
#include "orgsync-sync-object.h"
#include "sf-bulk-job.h"
#include "sf-client.h"
#include "sf-query.h"

/* One run of one connection (design.md §3), on the main thread; pages are parsed on
 * sf's worker threads and written on the writer thread (orgsync-records-writer.c).
 *
 * Cost of a run, in API calls:
 *  - The selected objects go in groups of five. One /composite call per group carries,
 *    for each object, its describe revalidated with If-Modified-Since (a 304 when
 *    nothing changed), getDeleted since the last run, and the first page of its query
 *    (/composite allows 25 subrequests of which five queries, and counts as one call).
 *    A run without changes therefore costs one call per five objects, metadata check
 *    included. Objects never described before cost one more /composite call per 25.
 *  - REST or Bulk: the first page's totalSize is the estimate. When more than
 *    ORGSYNC_SYNC_BULK_MIN_ROWS rows remain after it (five more REST pages, which is
 *    about what a Bulk job costs: create, one to three polls, results) and every
 *    selected field can be read by Bulk API 2.0 (no base64, no compound), one Bulk
 *    job fetches the rest in chunks of ORGSYNC_SYNC_BULK_MAX_RECORDS; otherwise REST
 *    pages follow, 2,000 rows a call. Backfills and Id reconciliations use the same
 *    rule with the local row count as the estimate. Bulk jobs are not deleted
 *    afterwards: Salesforce removes them after seven days, and deleting costs a call.
 *
 * Incremental runs query with queryAll on SystemModstamp (LastModifiedDate where
 * there is none), ordered by it and Id, from the high-water mark less a lookback of
 * ORGSYNC_SYNC_LOOKBACK_SECONDS so that a transaction committed late is not missed;
 * rows fetched again unchanged are left alone. IsDeleted rows are soft deletes.
 * getDeleted covers hard deletes; when its window was missed (earliestDateAvailable
 * after our position), the object's Ids are listed and the rows Salesforce no longer
 * has are deleted. Every page commits with its checkpoint. */

struct _OrgsyncSyncEngine
{
  GObject                parent_instance;

  OrgsyncDatabase       *database;
  OrgsyncConnection     *connection;
  OrgsyncClock          *clock;
  gboolean               full;

  /* One run */
  GTask                 *task;
  GCancellable          *cancellable;
  OrgsyncSyncLock       *lock;
  SfClient              *client;
  OrgsyncQuotaGovernor  *governor;
  OrgsyncRecordsWriter  *writer;
  GPtrArray             *objects;        /* OrgsyncSyncObject */
  GHashTable            *selection;      /* object → GPtrArray of field names */
  guint                  group_start;
  guint                  group_end;
  guint                  current;
  GPtrArray             *responses;      /* SfSubresponse of the current group */
  GPtrArray             *warnings;
  GError                *stop_error;
  OrgsyncSyncOutcome     outcome;
  OrgsyncSyncRun        *run;
  guint64                records;
  guint                  keyring_pending;
  gboolean               status_changed;
  gboolean               finishing;
  char                  *gone_object;
  char                  *failed_code;    /* Salesforce's errorCode of the first failed object */

  char                  *refresh_token;
  char                  *access_token;
  char                  *client_secret;
};

G_DEFINE_FINAL_TYPE (OrgsyncSyncEngine, orgsync_sync_engine, G_TYPE_OBJECT)

static void plan_objects (OrgsyncSyncEngine *self);
static void next_group (OrgsyncSyncEngine *self);
static void next_object (OrgsyncSyncEngine *self);
static void object_done (OrgsyncSyncEngine *self,
                         GError            *error);
static void finish_run (OrgsyncSyncEngine *self);

/*
 * Auxiliary methods
 */

static OrgsyncSyncObject *
current_object (OrgsyncSyncEngine *self)
{
  return g_ptr_array_index (self->objects, self->current);
}

static const char *
connection_id (OrgsyncSyncEngine *self)
{
  return orgsync_connection_get_id (self->connection);
}

static void
free_secret (char **secret)
{
  g_clear_pointer (secret, orgsync_keyring_free_secret);
}

/* Which outcome an error stops the whole run with; SUCCEEDED when it only concerns
 * the object at hand. */
static OrgsyncSyncOutcome
stop_outcome_for (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return ORGSYNC_SYNC_OUTCOME_CANCELLED;
  if (g_error_matches (error, ORGSYNC_ERROR, ORGSYNC_ERROR_QUOTA_THRESHOLD) ||
      g_error_matches (error, SF_ERROR, SF_ERROR_REQUEST_LIMIT_EXCEEDED))
    return ORGSYNC_SYNC_OUTCOME_QUOTA;
  if (error->domain == SF_ERROR &&
      (sf_error_needs_reauthorization (error) || error->code == SF_ERROR_INVALID_SESSION_ID ||
       error->code == SF_ERROR_NOT_SIGNED_IN))
    return ORGSYNC_SYNC_OUTCOME_REAUTHORIZE;
  if (g_error_matches (error, SF_ERROR, SF_ERROR_API_DISABLED_FOR_ORG) ||
      g_error_matches (error, SF_ERROR, SF_ERROR_API_CURRENTLY_DISABLED) ||
      g_error_matches (error, SF_ERROR, SF_ERROR_INSUFFICIENT_ACCESS) ||
      g_error_matches (error, SF_ERROR, SF_ERROR_INSUFFICIENT_ACCESS_OR_READONLY))
    return ORGSYNC_SYNC_OUTCOME_PERMISSION;
  if (error->domain == ORGSYNC_ERROR ||
      (error->domain == SF_ERROR &&
       (error->code == SF_ERROR_INSECURE_URL || error->code == SF_ERROR_INVALID_ARGUMENT)))
    return ORGSYNC_SYNC_OUTCOME_FAILED;

  return ORGSYNC_SYNC_OUTCOME_SUCCEEDED;
}

static gboolean
is_object_gone (const GError *error)
{
  return g_error_matches (error, SF_ERROR, SF_ERROR_INVALID_TYPE) ||
         g_error_matches (error, SF_ERROR, SF_ERROR_NOT_FOUND);
}

/* Stops the run with @error (taken) unless it stopped already. */
static void
stop (OrgsyncSyncEngine *self,
      GError            *error)
{
  if (self->stop_error == NULL)
    {
      self->outcome = stop_outcome_for (error);
      if (self->outcome == ORGSYNC_SYNC_OUTCOME_SUCCEEDED)
        self->outcome = ORGSYNC_SYNC_OUTCOME_FAILED;
      self->stop_error = error;
    }
  else
    g_error_free (error);
}

static void
progress (OrgsyncSyncEngine *self)
{
  OrgsyncSyncObject *object = self->current < self->objects->len ? current_object (self) : NULL;

  orgsync_connection_set_progress (self->connection, self->current, self->objects->len, self->records,
                                   object ? object->name : NULL);
}

static char *
data_path (OrgsyncSyncEngine *self,
           const char        *path)
{
  return g_strdup_printf ("/services/data/v%s/%s", sf_client_get_api_version (self->client), path);
}

static void
add_warning (OrgsyncSyncEngine *self,
             char              *warning)
{
  g_message ("%s", warning);
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, warning);
}

/*
 * Secrets and the session
 */

static void
keyring_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!orgsync_keyring_store_finish (result, &error))
    g_warning ("Could not keep the renewed sign-in in the keyring: %s", error->message);

  if (--self->keyring_pending == 0 && self->finishing)
    finish_run (self);
}

static void
store_secret (OrgsyncSyncEngine *self,
              OrgsyncSecretKind  kind,
              const char        *secret)
{
  g_autofree char *label = g_strdup_printf ("Org Sync: %s (%s)",
                                            orgsync_connection_get_display_name (self->connection),
                                            orgsync_secret_kind_to_string (kind));

  self->keyring_pending++;
  orgsync_keyring_store_async (connection_id (self), kind, label, secret, NULL,
                               keyring_stored_cb, g_object_ref (self));
}

/* A 401 renewed the session: keep the new access token for the next short CLI run,
 * and a rotated refresh token, which replaces the old one. */
static void
token_refreshed_cb (SfClient          *client,
                    SfToken           *token,
                    OrgsyncSyncEngine *self)
{
  store_secret (self, ORGSYNC_SECRET_ACCESS_TOKEN, sf_token_get_access_token (token));
  if (sf_token_get_refresh_rotated (token) && sf_token_get_refresh_token (token) != NULL)
    store_secret (self, ORGSYNC_SECRET_REFRESH_TOKEN, sf_token_get_refresh_token (token));
}

static void
usage_changed_cb (SfClient          *client,
                  SfLimitInfo       *info,
                  OrgsyncSyncEngine *self)
{
  g_autoptr(GError) error = NULL;

  if (info == NULL || info->api_used < 0 || info->api_max <= 0)
    return;

  /* orgsync.db may be on a full disk: the governor then refuses the next call. */
  if (!orgsync_quota_governor_record_usage (self->governor, info->api_used, info->api_max, "header", &error))
    g_message ("Could not record API usage: %s", error->message);
  orgsync_connection_set_api_usage (self->connection, info->api_used, info->api_max);
}

/* Every counted request asks the quota governor first (design.md §3). */
static gboolean
request_filter (SfClient             *client,
                const SfRequestInfo  *info,
                gpointer              user_data,
                GError              **error)
{
  OrgsyncSyncEngine *self = user_data;

  if (info->api_calls == 0)
    return TRUE;

  if (!orgsync_quota_governor_try_acquire (self->governor, error))
    return FALSE;

  self->run->api_calls += info->api_calls;
  return TRUE;
}

static gint64
lag_window (void)
{
  const char *env = g_getenv ("ORGSYNC_QUOTA_LAG_WINDOW_SECONDS");

  /* For tests that check the stop at exactly the threshold against a simulator whose
   * header does not lag; the default margin stays in place everywhere else. */
  if (env != NULL && *env != '\0')
    return g_ascii_strtoll (env, NULL, 10) * G_USEC_PER_SEC;

  return ORGSYNC_QUOTA_DEFAULT_LAG_WINDOW;
}

static gboolean
setup_client (OrgsyncSyncEngine  *self,
              GError            **error)
{
  OrgsyncConnection *c = self->connection;
  g_autoptr(SfToken) token = NULL;
  const char *client_id = orgsync_connection_get_client_id (c);

  if ((self->refresh_token == NULL && self->access_token == NULL) ||
      orgsync_connection_get_instance_url (c) == NULL)
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_REAUTHORIZATION_REQUIRED,
                           _("The sign-in of this connection is missing from the keyring."));
      return FALSE;
    }

  if ((self->client = sf_client_new (orgsync_connection_get_login_url (c), error)) == NULL)
    return FALSE;

  if (client_id != NULL && g_strcmp0 (client_id, SF_DEFAULT_CLIENT_ID) != 0)
    sf_client_set_oauth_app (self->client, client_id, self->client_secret, NULL);

  /* Without a kept access token the first request's 401 renews the session. */
  token = sf_token_new (self->access_token ? self->access_token : "expired",
                        self->refresh_token, orgsync_connection_get_instance_url (c), NULL);
  sf_client_set_token (self->client, token);

  self->governor = orgsync_quota_governor_new (self->database, self->clock,
                                               orgsync_connection_get_org_id (c), connection_id (self));
  orgsync_quota_governor_set_threshold (self->governor, orgsync_connection_get_quota_threshold (c));
  orgsync_quota_governor_set_lag_window (self->governor, lag_window ());

  sf_client_set_request_filter (self->client, request_filter, self, NULL);
  g_signal_connect_object (self->client, "token-refreshed", G_CALLBACK (token_refreshed_cb), self, 0);
  g_signal_connect_object (self->client, "usage-changed", G_CALLBACK (usage_changed_cb), self, 0);

  return TRUE;
}

static void
version_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  g_autofree char *version = NULL;
  GError *error = NULL;

  if ((version = sf_client_negotiate_api_version_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      stop (self, error);
      finish_run (self);
      return;
    }

  sf_client_set_api_version (self->client, version);
  plan_objects (self);
}

static void lookup_next_secret (OrgsyncSyncEngine *self);

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  GError *error = NULL;
  char *secret = orgsync_keyring_lookup_finish (result, &error);

  if (error != NULL)
    {
      stop (self, error);
      finish_run (self);
      return;
    }

  if (self->refresh_token == NULL)
    self->refresh_token = secret ? secret : g_strdup ("");
  else if (self->access_token == NULL)
    self->access_token = secret ? secret : g_strdup ("");
  else
    self->client_secret = secret ? secret : g_strdup ("");

  lookup_next_secret (self);
}

static void
lookup_next_secret (OrgsyncSyncEngine *self)
{
  GError *error = NULL;
  OrgsyncSecretKind kind = self->refresh_token == NULL ? ORGSYNC_SECRET_REFRESH_TOKEN
                           : self->access_token == NULL ? ORGSYNC_SECRET_ACCESS_TOKEN
                           : ORGSYNC_SECRET_CLIENT_SECRET;

  if (self->client_secret == NULL)
    {
      orgsync_keyring_lookup_async (connection_id (self), kind, self->cancellable,
                                    secret_cb, g_object_ref (self));
      return;
    }

  /* Empty strings stood for "none". */
  if (*self->refresh_token == '\0')
    free_secret (&self->refresh_token);
  if (*self->access_token == '\0')
    free_secret (&self->access_token);
  if (*self->client_secret == '\0')
    free_secret (&self->client_secret);

  if (!setup_client (self, &error))
    {
      stop (self, error);
      finish_run (self);
      return;
    }

  sf_client_negotiate_api_version_async (self->client, self->cancellable, version_cb, g_object_ref (self));
}

/*
 * Planning: which objects, which columns, which tables
 */

static GHashTable *
load_selection (OrgsyncSyncEngine  *self,
                GError            **error)
{
  g_auto(GStrv) selection = orgsync_database_load_selection (self->database, connection_id (self), error);
  GHashTable *by_object;

  if (selection == NULL)
    return NULL;

  by_object = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; selection[i] != NULL; i++)
    {
      const char *dot = strchr (selection[i], '.');
      g_autofree char *object = NULL;
      GPtrArray *fields;

      if (dot == NULL)
        continue;
      object = g_strndup (selection[i], dot - selection[i]);
      if ((fields = g_hash_table_lookup (by_object, object)) == NULL)
        {
          fields = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_object, g_strdup (object), fields);
        }
      g_ptr_array_add (fields, g_strdup (dot + 1));
    }

  return by_object;
}

static const char * const *
selected_fields (OrgsyncSyncEngine *self,
                 OrgsyncSyncObject *object)
{
  GPtrArray *fields = g_hash_table_lookup (self->selection, object->name);

  if (fields->len == 0 || g_ptr_array_index (fields, fields->len - 1) != NULL)
    g_ptr_array_add (fields, NULL);

  return (const char * const *) fields->pdata;
}

/* Fields the org no longer has leave the committed selection, and the person is told. */
static void
repair_selection (OrgsyncSyncEngine *self,
                  OrgsyncSyncObject *object)
{
  g_auto(GStrv) selection = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  g_autoptr(GError) error = NULL;

  if (object->missing->len == 0)
    return;

  if ((selection = orgsync_database_load_selection (self->database, connection_id (self), &error)) == NULL)
    {
      g_message ("Could not repair the field selection: %s", error->message);
      return;
    }

  for (guint i = 0; selection[i] != NULL; i++)
    {
      gboolean drop = FALSE;

      for (guint j = 0; j < object->missing->len && !drop; j++)
        {
          g_autofree char *full = g_strdup_printf ("%s.%s", object->name,
                                                   (char *) g_ptr_array_index (object->missing, j));

          drop = g_ascii_strcasecmp (full, selection[i]) == 0;
        }
      if (!drop)
        g_strv_builder_add (kept, selection[i]);
    }

  result = g_strv_builder_end (kept);
  if (!orgsync_database_save_selection (self->database, connection_id (self),
                                        (const char * const *) result, &error))
    g_message ("Could not repair the field selection: %s", error->message);

  for (guint j = 0; j < object->missing->len; j++)
    add_warning (self, g_strdup_printf (_("The field %s.%s no longer exists in Salesforce or is no "
                                          "longer readable; it was removed from the selection and "
                                          "its column from the synced data."),
                                        object->name, (char *) g_ptr_array_index (object->missing, j)));
}

typedef struct
{
  GStrv    keep;
  gboolean full;
  GStrv    reset;
} TablesOp;

static void
tables_op_free (TablesOp *op)
{
  g_strfreev (op->keep);
  g_strfreev (op->reset);
  g_free (op);
}

/* Writer thread: objects no longer selected lose their tables; a --full run forgets
 * the checkpoints and lists the Ids afterwards, so that rows deleted meanwhile go. */
static gboolean
tables_op (OrgsyncRecordsStore  *store,
           gpointer              data,
           GError              **error)
{
  TablesOp *op = data;
  g_auto(GStrv) existing = orgsync_records_store_list_objects (store, error);

  if (existing == NULL)
    return FALSE;

  /* The run's first call on the writer's store: settings for large writes. */
  orgsync_records_store_set_group_commit (store, ORGSYNC_SYNC_COMMIT_ROWS, ORGSYNC_SYNC_COMMIT_MS);
  orgsync_records_store_set_cache_size (store, ORGSYNC_SYNC_CACHE_KIB);

  for (guint i = 0; existing[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) op->keep, existing[i]))
        {
          if (!orgsync_records_store_drop_object (store, existing[i], error))
            return FALSE;
        }
      else if (op->full &&
               (!orgsync_records_store_reset_object (store, existing[i], error) ||
                !orgsync_records_store_set_reconcile_needed (store, existing[i], TRUE, error)))
        return FALSE;
    }

  return TRUE;
}

static void
schema_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  GError *error = NULL;

  if (!orgsync_records_writer_call_finish (ORGSYNC_RECORDS_WRITER (object), result, &error))
    stop (self, error);

  /* A call counts as done before its answer arrives (in an idle), so a cancelled
   * run may have finished and let go of the writer in between. */
  if (self->writer == NULL)
    return;

  /* The last queued call answers last: then every object is ready. */
  if (orgsync_records_writer_get_pending (self->writer) > 0)
    return;

  if (self->stop_error != NULL)
    {
      finish_run (self);
      return;
    }

  for (guint i = 0; i < self->objects->len; i++)
    {
      OrgsyncSyncObject *o = g_ptr_array_index (self->objects, i);

      o->mode = (o->state == NULL || !o->state->full_sync_complete || o->replication_key == NULL)
                ? ORGSYNC_SYNC_MODE_FULL : ORGSYNC_SYNC_MODE_INCREMENTAL;
    }

  self->group_start = 0;
  next_group (self);
}

static void
prepare_tables (OrgsyncSyncEngine *self)
{
  TablesOp *op = g_new0 (TablesOp, 1);
  g_autoptr(GStrvBuilder) keep = g_strv_builder_new ();
  GError *error = NULL;

  for (guint i = 0; i < self->objects->len; i++)
    {
      OrgsyncSyncObject *o = g_ptr_array_index (self->objects, i);

      if (!orgsync_sync_object_plan_columns (o, selected_fields (self, o), &error))
        {
          tables_op_free (op);
          stop (self, error);
          finish_run (self);
          return;
        }
      repair_selection (self, o);
      g_strv_builder_add (keep, o->name);
    }

  op->keep = g_strv_builder_end (keep);
  op->full = self->full;
  orgsync_records_writer_call_async (self->writer, tables_op, op, (GDestroyNotify) tables_op_free,
                                     self->cancellable, schema_ready_cb, g_object_ref (self));
  for (guint i = 0; i < self->objects->len; i++)
    orgsync_records_writer_call_async (self->writer, orgsync_sync_prepare_schema,
                                       g_ptr_array_index (self->objects, i), NULL,
                                       self->cancellable, schema_ready_cb, g_object_ref (self));
}

static void
described_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  g_autoptr(GPtrArray) describes = NULL;
  GError *error = NULL;
  guint next = 0;

  if ((describes = sf_client_describe_many_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      stop (self, error);
      finish_run (self);
      return;
    }

  for (guint i = 0; i < self->objects->len; i++)
    {
      OrgsyncSyncObject *o = g_ptr_array_index (self->objects, i);
      SfSObjectDescribe *describe;

      if (o->describe != NULL)
        continue;

      describe = g_ptr_array_index (describes, next++);
      if (describe == NULL)
        {
          g_free (self->gone_object);
          self->gone_object = g_strdup (o->name);
          stop (self, g_error_new (SF_ERROR, SF_ERROR_INSUFFICIENT_ACCESS,
                                   _("The Salesforce user cannot read %s."), o->name));
          finish_run (self);
          return;
        }

      o->describe = sf_sobject_describe_ref (describe);
      if (!orgsync_describe_cache_store (self->database, connection_id (self), describe, &error))
        {
          stop (self, error);
          finish_run (self);
          return;
        }
    }

  prepare_tables (self);
}

static void
describe_uncached (OrgsyncSyncEngine *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < self->objects->len; i++)
    {
      OrgsyncSyncObject *o = g_ptr_array_index (self->objects, i);

      if (o->describe == NULL)
        g_ptr_array_add (names, o->name);
    }

  if (names->len == 0)
    {
      prepare_tables (self);
      return;
    }

  g_ptr_array_add (names, NULL);
  sf_client_describe_many_async (self->client, (const char * const *) names->pdata, NULL,
                                 self->cancellable, described_cb, g_object_ref (self));
}

static int
compare_objects (gconstpointer a,
                 gconstpointer b)
{
  const OrgsyncSyncObject *x = *(OrgsyncSyncObject **) a;
  const OrgsyncSyncObject *y = *(OrgsyncSyncObject **) b;

  return strcmp (x->name, y->name);
}

static void
plan_objects (OrgsyncSyncEngine *self)
{
  g_autofree char *records_path = NULL;
  GHashTableIter iter;
  gpointer key;
  GError *error = NULL;

  if ((self->selection = load_selection (self, &error)) == NULL ||
      !orgsync_paths_ensure_connection_dir (orgsync_database_get_data_dir (self->database),
                                            connection_id (self), &error) ||
      (records_path = orgsync_paths_dup_records_path (orgsync_database_get_data_dir (self->database),
                                                      connection_id (self), &error)) == NULL)
    {
      stop (self, error);
      finish_run (self);
      return;
    }

  self->writer = orgsync_records_writer_new (records_path);
  self->objects = g_ptr_array_new_with_free_func ((GDestroyNotify) orgsync_sync_object_free);

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      OrgsyncSyncObject *o = orgsync_sync_object_new (key);

      o->describe = orgsync_describe_cache_load (self->database, connection_id (self), key, NULL);
      o->describe_cached = o->describe != NULL;
      g_ptr_array_add (self->objects, o);
    }
  g_ptr_array_sort (self->objects, compare_objects);
  progress (self);

  describe_uncached (self);
}

/*
 * Pumps: pages from a REST query or a Bulk job to the writer, fetching the next page
 * while the previous one is written (at most two writes queued, which bounds memory).
 */

typedef void (*PumpDoneFunc) (OrgsyncSyncEngine *self,
                              GError            *error);

static SfSoqlBuilder *main_builder (OrgsyncSyncObject *o,
                                    const char        *after_stamp,
                                    const char        *after_id,
                                    gboolean          *query_all);
static SfSoqlBuilder *first_builder (OrgsyncSyncObject *o,
                                     gboolean          *query_all);

typedef struct
{
  OrgsyncSyncEngine *self;
  OrgsyncSyncObject *object;
  OrgsyncPageKind    kind;
  GStrv              columns;
  SfQuery           *query;
  SfBulkJob         *job;
  SfSoqlBuilder     *builder;      /* Bulk only: for REST when Bulk refuses the object */
  gboolean           query_all;
  guint              writes;
  gboolean           fetching;
  gboolean           source_done;
  gboolean           final_queued;
  GError            *error;
  PumpDoneFunc       done;
  /* The last row fetched of a main query: where it starts again when Salesforce
   * forgot its locator (INVALID_QUERY_LOCATOR). */
  char              *resume_stamp;
  char              *resume_id;
} Pump;

#define MAX_QUEUED_WRITES 2

static void pump_next (Pump *pump);

static void
pump_free (Pump *pump)
{
  g_clear_object (&pump->query);
  g_clear_object (&pump->job);
  g_clear_pointer (&pump->builder, sf_soql_builder_free);
  g_strfreev (pump->columns);
  g_clear_error (&pump->error);
  g_free (pump->resume_stamp);
  g_free (pump->resume_id);
  g_object_unref (pump->self);
  g_free (pump);
}

static void
pump_fail (Pump   *pump,
           GError *error)
{
  if (pump->error == NULL)
    pump->error = error;
  else
    g_error_free (error);
}

static void
account_page (OrgsyncSyncEngine *self,
              OrgsyncSyncObject *object,
              OrgsyncSyncPage   *page)
{
  object->stats.added += page->stats.added;
  object->stats.updated += page->stats.updated;
  object->stats.deleted += page->stats.deleted;
  object->stats.unchanged += page->stats.unchanged;
  if (page->kind != ORGSYNC_PAGE_IDS)
    self->records += page->n_rows;
  progress (self);
}

typedef struct
{
  Pump            *pump;
  OrgsyncSyncPage *page;
} PumpWrite;

static void
pump_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree PumpWrite *write = user_data;
  g_autoptr(OrgsyncSyncPage) page = write->page;
  Pump *pump = write->pump;
  GError *error = NULL;

  pump->writes--;
  if (!orgsync_records_writer_call_finish (ORGSYNC_RECORDS_WRITER (object), result, &error))
    pump_fail (pump, error);
  else
    account_page (pump->self, pump->object, page);

  pump_next (pump);
}

/* @batch: rows, which may wait for the next ones to commit; or %NULL: the end, which
 * commits them (with the completion of a full sync or backfill when @complete). */
static void
pump_write (Pump          *pump,
            SfRecordBatch *batch,
            gboolean       complete)
{
  PumpWrite *write = g_new0 (PumpWrite, 1);

  write->pump = pump;
  write->page = orgsync_sync_page_new (pump->object, pump->kind, (const char * const *) pump->columns);
  write->page->batch = batch;
  write->page->complete = complete;
  write->page->grouped = batch != NULL;
  write->page->flush = batch == NULL && !complete;
  pump->writes++;

  /* The page outlives the write: the callback reads its results, then frees it. */
  orgsync_records_writer_call_async (pump->self->writer, orgsync_sync_page_write, write->page, NULL,
                                     NULL, pump_written_cb, write);
}

static const char *
batch_text (SfRecordBatch *batch,
            guint          row,
            const char    *column)
{
  int index = column != NULL ? sf_record_batch_find_column (batch, column) : -1;
  const SfValue *value = index >= 0 ? sf_record_batch_get_value (batch, row, index) : NULL;

  return value != NULL && value->kind == SF_VALUE_TEXT ? value->text : NULL;
}

/* Remembers the last row of a main query's page as the place to resume from. */
static void
pump_note_position (Pump          *pump,
                    SfRecordBatch *batch)
{
  guint n_rows = sf_record_batch_get_n_rows (batch);
  const char *id;

  if (n_rows == 0 || (pump->kind != ORGSYNC_PAGE_FULL && pump->kind != ORGSYNC_PAGE_INCREMENTAL) ||
      (id = batch_text (batch, n_rows - 1, "Id")) == NULL)
    return;

  g_free (pump->resume_id);
  g_free (pump->resume_stamp);
  pump->resume_id = g_strdup (id);
  pump->resume_stamp = g_strdup (batch_text (batch, n_rows - 1, pump->object->replication_key));
}

static void
pump_fetched (Pump          *pump,
              SfRecordBatch *batch,
              GError        *error)
{
  pump->fetching = FALSE;

  if (error != NULL)
    pump_fail (pump, error);
  else if (batch == NULL)
    pump->source_done = TRUE;
  else
    {
      pump_note_position (pump, batch);
      pump_write (pump, batch, FALSE);
    }

  pump_next (pump);
}

static void
query_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError *error = NULL;
  SfRecordBatch *batch = sf_query_next_page_finish (SF_QUERY (object), result, &error);

  pump_fetched (user_data, batch, error);
}

static void
bulk_batch_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError *error = NULL;
  SfRecordBatch *batch = sf_bulk_job_next_batch_finish (SF_BULK_JOB (object), result, &error);

  pump_fetched (user_data, batch, error);
}

static void
pump_next (Pump *pump)
{
  OrgsyncSyncEngine *self = pump->self;

  if (pump->fetching)
    return;

  if (pump->error == NULL && g_cancellable_is_cancelled (self->cancellable))
    pump_fail (pump, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled")));

  if (pump->error != NULL || pump->source_done)
    {
      /* The pages written so far commit, after an error too (they agree with their
       * checkpoint); a full sync or a backfill is complete when its last page says so. */
      if (!pump->final_queued)
        {
          pump->final_queued = TRUE;
          pump_write (pump, NULL, pump->error == NULL &&
                                  (pump->kind == ORGSYNC_PAGE_FULL || pump->kind == ORGSYNC_PAGE_BACKFILL));
        }

      if (pump->writes == 0)
        {
          PumpDoneFunc done = pump->done;
          GError *error = g_steal_pointer (&pump->error);
          g_autoptr(OrgsyncSyncEngine) engine = g_object_ref (self);

          pump_free (pump);
          done (engine, error);
        }
      return;
    }

  if (pump->writes >= MAX_QUEUED_WRITES)
    return;

  pump->fetching = TRUE;
  if (pump->query != NULL)
    sf_query_next_page_async (pump->query, self->cancellable, query_page_cb, pump);
  else
    sf_bulk_job_next_batch_async (pump->job, ORGSYNC_SYNC_BULK_MAX_RECORDS, ORGSYNC_SYNC_BULK_BATCH_ROWS,
                                  self->cancellable, bulk_batch_cb, pump);
}

static void
bulk_waited_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pump *pump = user_data;
  GError *error = NULL;

  pump->fetching = FALSE;
  if (!sf_bulk_job_wait_finish (SF_BULK_JOB (object), result, &error))
    pump_fail (pump, error);

  pump_next (pump);
}

static void
bulk_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pump *pump = user_data;
  GError *error = NULL;

  if ((pump->job = sf_bulk_job_create_finish (result, &error)) == NULL)
    {
      pump->fetching = FALSE;
      /* Some objects cannot be queried through Bulk API 2.0 at all (INVALIDENTITY):
       * they are read through REST, as smaller objects are. */
      if (g_error_matches (error, SF_ERROR, SF_ERROR_BULK_INVALID_ENTITY))
        {
          g_debug ("Bulk API 2.0 refuses %s; reading it through REST: %s", pump->object->name, error->message);
          g_error_free (error);
          pump->query = sf_query_new (pump->self->client, pump->builder,
                                      SF_QUERY_FLAGS_SPLIT_WIDE | (pump->query_all ? SF_QUERY_FLAGS_ALL : 0));
          pump_next (pump);
          return;
        }
      pump_fail (pump, error);
      pump_next (pump);
      return;
    }

  g_debug ("Bulk job %s for %s", sf_bulk_job_get_id (pump->job), pump->object->name);
  sf_bulk_job_wait_async (pump->job, pump->self->cancellable, bulk_waited_cb, pump);
}

/* ORGSYNC_BULK_MIN_ROWS tunes the rule (tests use it to reach the Bulk path with
 * small data). */
static gint64
bulk_min_rows (void)
{
  const char *env = g_getenv ("ORGSYNC_BULK_MIN_ROWS");

  return env != NULL && *env != '\0' ? g_ascii_strtoll (env, NULL, 10) : ORGSYNC_SYNC_BULK_MIN_ROWS;
}

/* INVALID_QUERY_LOCATOR: the main query again, after the last row fetched (its pages
 * are written or queued, in order), or from where the pump started. */
static SfSoqlBuilder *
pump_resume (SfQuery  *query,
             gpointer  user_data)
{
  Pump *pump = user_data;
  gboolean query_all;

  g_debug ("Resuming the query of %s after %s", pump->object->name,
           pump->resume_id ? pump->resume_id : "its start");
  if (pump->resume_id != NULL)
    return main_builder (pump->object, pump->resume_stamp, pump->resume_id, &query_all);

  return first_builder (pump->object, &query_all);
}

/* Fetches @builder's rows into the object's table, by REST pages or one Bulk job
 * (the rule at the top of this file), and calls @done. A main query (full or
 * incremental) starts after @after_stamp and @after_id, which it was built with. */
static void
pump_start (OrgsyncSyncEngine   *self,
            OrgsyncSyncObject   *object,
            OrgsyncPageKind      kind,
            const SfSoqlBuilder *builder,
            gboolean             query_all,
            gint64               estimate,
            const char          *after_stamp,
            const char          *after_id,
            PumpDoneFunc         done)
{
  Pump *pump = g_new0 (Pump, 1);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  gboolean bulk = estimate > bulk_min_rows ();

  for (guint i = 0; i < sf_soql_builder_get_n_fields (builder); i++)
    {
      bulk = bulk && sf_field_type_is_bulk_selectable (sf_soql_builder_get_field_type (builder, i));
      g_ptr_array_add (columns, (gpointer) sf_soql_builder_get_field (builder, i));
    }
  g_ptr_array_add (columns, NULL);

  pump->self = g_object_ref (self);
  pump->object = object;
  pump->kind = kind;
  pump->columns = g_strdupv ((char **) columns->pdata);
  pump->done = done;
  pump->resume_stamp = g_strdup (after_stamp);
  pump->resume_id = g_strdup (after_id);

  if (!bulk)
    {
      pump->query = sf_query_new (self->client, builder,
                                  SF_QUERY_FLAGS_SPLIT_WIDE | (query_all ? SF_QUERY_FLAGS_ALL : 0));
      if (kind == ORGSYNC_PAGE_FULL || kind == ORGSYNC_PAGE_INCREMENTAL)
        sf_query_set_resume_func (pump->query, pump_resume, pump, NULL);
      pump_next (pump);
      return;
    }

  g_debug ("Fetching about %" G_GINT64_FORMAT " rows of %s with Bulk API 2.0", estimate, object->name);
  pump->builder = sf_soql_builder_copy (builder);
  pump->query_all = query_all;
  pump->fetching = TRUE;
  sf_bulk_job_create_async (self->client, builder, query_all, self->cancellable, bulk_created_cb, pump);
}

/*
 * Queries
 */

static GDateTime *
parse_stamp (const char *stamp)
{
  return stamp != NULL ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;
}

/* The object's main query: a full sync from its position, or the changes since the
 * high-water mark less the lookback (queryAll, so that soft deletes come too). */
static SfSoqlBuilder *
main_builder (OrgsyncSyncObject *o,
              const char        *after_stamp,
              const char        *after_id,
              gboolean          *query_all)
{
  SfSoqlBuilder *builder = orgsync_sync_object_new_builder (o, NULL);
  const char *rk = o->replication_key;

  *query_all = o->mode == ORGSYNC_SYNC_MODE_INCREMENTAL;

  if (o->mode == ORGSYNC_SYNC_MODE_INCREMENTAL && o->state->high_water_mark != NULL)
    {
      g_autoptr(GDateTime) hwm = parse_stamp (o->state->high_water_mark);
      g_autoptr(GDateTime) from = hwm ? g_date_time_add_seconds (hwm, -ORGSYNC_SYNC_LOOKBACK_SECONDS) : NULL;

      if (from != NULL)
        sf_soql_builder_where_after (builder, rk, from, NULL);
    }

  if (rk != NULL && after_stamp != NULL)
    {
      g_autoptr(GDateTime) after = parse_stamp (after_stamp);

      if (after != NULL)
        sf_soql_builder_where_after (builder, rk, after, after_id);
    }
  else if (rk == NULL && after_id != NULL)
    sf_soql_builder_where_string (builder, "Id", SF_SOQL_GT, after_id);

  if (rk != NULL)
    sf_soql_builder_order_by (builder, rk, TRUE);
  sf_soql_builder_order_by (builder, "Id", TRUE);

  return builder;
}

static SfSoqlBuilder *
first_builder (OrgsyncSyncObject *o,
               gboolean          *query_all)
{
  g_autofree char *last_id = NULL;
  g_autofree char *stamp = orgsync_sync_object_dup_position (o, &last_id);

  return main_builder (o, stamp, last_id, query_all);
}

static char *
format_replication_date (GDateTime *date_time)
{
  g_autofree char *text = g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%S+00:00");

  return g_uri_escape_string (text, NULL, FALSE);
}

/* getDeleted from where the last run stopped; the first time, from a day ago, only to
 * learn Salesforce's clock (latestDateCovered) as the start of the next one. */
static SfSubrequest *
deleted_subrequest (OrgsyncSyncEngine *self,
                    OrgsyncSyncObject *o,
                    guint              index)
{
  g_autoptr(GDateTime) now = orgsync_clock_dup_now_utc (self->clock);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *ref = g_strdup_printf ("x%u", index);

  if (o->replication_key == NULL || (o->mode == ORGSYNC_SYNC_MODE_FULL && o->state->deletes_covered != NULL))
    return NULL;

  start = o->state->deletes_covered ? parse_stamp (o->state->deletes_covered) : g_date_time_add_days (now, -1);
  if (start == NULL)
    start = g_date_time_add_days (now, -1);

  /* Older than Salesforce keeps deletions: history is lost, list the Ids instead. */
  if (g_date_time_difference (now, start) > 14 * G_TIME_SPAN_DAY)
    {
      o->state->reconcile_needed = TRUE;
      return NULL;
    }

  /* The window ends now by our clock, and is at least the minute Salesforce needs.
   * An end in the future is not asked for: whether Salesforce clamps it is not
   * documented. When our clock runs behind, the next run covers the rest. */
  end = g_date_time_add_minutes (start, 1);
  if (g_date_time_compare (now, end) > 0)
    {
      g_date_time_unref (end);
      end = g_date_time_ref (now);
    }
  start_text = format_replication_date (start);
  end_text = format_replication_date (end);
  path = g_strdup_printf ("sobjects/%s/deleted/?start=%s&end=%s", o->name, start_text, end_text);
  url = data_path (self, path);

  return sf_subrequest_new ("GET", url, ref);
}

static SfSubrequest *
describe_subrequest (OrgsyncSyncEngine *self,
                     OrgsyncSyncObject *o,
                     guint              index)
{
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *ref = g_strdup_printf ("d%u", index);
  g_autofree char *since = NULL;
  SfSubrequest *sub;

  if (!o->describe_cached)
    return NULL;

  path = g_strdup_printf ("sobjects/%s/describe", o->name);
  url = data_path (self, path);
  sub = sf_subrequest_new ("GET", url, ref);
  since = soup_date_time_to_string (sf_sobject_describe_get_fetched_at (o->describe), SOUP_DATE_HTTP);
  sf_subrequest_add_header (sub, "If-Modified-Since", since);

  return sub;
}

/* NULL when the query is too long for a URL: sf splits it into parts itself later. */
static SfSubrequest *
query_subrequest (OrgsyncSyncEngine *self,
                  OrgsyncSyncObject *o,
                  guint              index)
{
  gboolean query_all;
  g_autoptr(SfSoqlBuilder) builder = first_builder (o, &query_all);
  g_autofree char *soql = sf_soql_builder_build (builder, NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *ref = g_strdup_printf ("q%u", index);

  if (soql == NULL)
    return NULL;

  escaped = g_uri_escape_string (soql, NULL, FALSE);
  path = g_strdup_printf ("%s?q=%s", query_all ? "queryAll" : "query", escaped);
  url = data_path (self, path);
  if (strlen (url) > SF_QUERY_MAX_URL_LENGTH - 500)
    return NULL;

  return sf_subrequest_new ("GET", url, ref);
}

static SfSubresponse *
find_response (OrgsyncSyncEngine *self,
               char               kind,
               guint              index)
{
  g_autofree char *ref = g_strdup_printf ("%c%u", kind, index);

  for (guint i = 0; self->responses != NULL && i < self->responses->len; i++)
    {
      SfSubresponse *sub = g_ptr_array_index (self->responses, i);

      if (g_strcmp0 (sub->reference_id, ref) == 0)
        return sub;
    }

  return NULL;
}

/*
 * One object
 */

static void object_backfill (OrgsyncSyncEngine *self);
static void object_reconcile (OrgsyncSyncEngine *self);

static void
main_done (OrgsyncSyncEngine *self,
           GError            *error)
{
  if (error != NULL)
    {
      object_done (self, error);
      return;
    }

  object_backfill (self);
}

static void
continue_main (OrgsyncSyncEngine *self,
               OrgsyncSyncPage   *first,
               gint64             total)
{
  OrgsyncSyncObject *o = current_object (self);
  gboolean query_all;
  g_autoptr(SfSoqlBuilder) builder = NULL;
  OrgsyncPageKind kind = o->mode == ORGSYNC_SYNC_MODE_FULL ? ORGSYNC_PAGE_FULL : ORGSYNC_PAGE_INCREMENTAL;

  if (first->last_id == NULL)
    {
      /* Nothing on the first page though there is more: start the query over. */
      builder = first_builder (o, &query_all);
    }
  else
    builder = main_builder (o, first->last_stamp, first->last_id, &query_all);

  pump_start (self, o, kind, builder, query_all, total - first->n_rows, first->last_stamp, first->last_id,
              main_done);
}

typedef struct
{
  OrgsyncSyncEngine *self;
  OrgsyncSyncPage   *page;
  gint64             total;
  gboolean           done;
} FirstPage;

static void
first_page_written_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autofree FirstPage *first = user_data;
  g_autoptr(OrgsyncSyncEngine) self = first->self;
  g_autoptr(OrgsyncSyncPage) page = first->page;
  GError *error = NULL;

  if (!orgsync_records_writer_call_finish (ORGSYNC_RECORDS_WRITER (object), result, &error))
    {
      object_done (self, error);
      return;
    }

  account_page (self, current_object (self), page);
  if (first->done)
    object_backfill (self);
  else
    continue_main (self, page, first->total);
}

static void
write_first_page (OrgsyncSyncEngine *self,
                  JsonNode          *body,
                  GStrv              deleted_ids,
                  const char        *deletes_covered)
{
  OrgsyncSyncObject *o = current_object (self);
  OrgsyncPageKind kind = o->mode == ORGSYNC_SYNC_MODE_FULL ? ORGSYNC_PAGE_FULL : ORGSYNC_PAGE_INCREMENTAL;
  JsonObject *root = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  FirstPage *first = g_new0 (FirstPage, 1);

  first->self = g_object_ref (self);
  first->total = root ? json_object_get_int_member_with_default (root, "totalSize", 0) : 0;
  first->done = root == NULL || json_object_get_boolean_member_with_default (root, "done", TRUE) ||
                !json_object_has_member (root, "nextRecordsUrl");
  first->page = orgsync_sync_page_new (o, kind, NULL);
  first->page->json = json_node_ref (body);
  first->page->complete = first->done;
  first->page->deleted_ids = g_strdupv (deleted_ids);
  first->page->deletes_covered = g_strdup (deletes_covered);

  orgsync_records_writer_call_async (self->writer, orgsync_sync_page_write, first->page, NULL,
                                     NULL, first_page_written_cb, first);
}

/* Narrow backfill of the columns added to a table that had rows: SELECT Id, New. */
static void
backfill_done (OrgsyncSyncEngine *self,
               GError            *error)
{
  if (error != NULL)
    {
      object_done (self, error);
      return;
    }

  object_reconcile (self);
}

static void
bookkeeping_written_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  g_autoptr(OrgsyncSyncPage) page = g_object_steal_data (G_OBJECT (self), "bookkeeping-page");
  void (*next) (OrgsyncSyncEngine *) = g_object_steal_data (G_OBJECT (self), "bookkeeping-next");
  GError *error = NULL;

  if (!orgsync_records_writer_call_finish (ORGSYNC_RECORDS_WRITER (object), result, &error))
    {
      object_done (self, error);
      return;
    }

  account_page (self, current_object (self), page);
  next (self);
}

/* Writes a page that only moves bookkeeping (deletions, a finished backfill), then
 * goes on with @next. */
static void
write_bookkeeping (OrgsyncSyncEngine *self,
                   OrgsyncSyncPage   *page,
                   void             (*next) (OrgsyncSyncEngine *))
{
  g_object_set_data (G_OBJECT (self), "bookkeeping-page", page);
  g_object_set_data (G_OBJECT (self), "bookkeeping-next", next);
  orgsync_records_writer_call_async (self->writer, orgsync_sync_page_write, page, NULL, NULL,
                                     bookkeeping_written_cb, g_object_ref (self));
}

static void
object_backfill (OrgsyncSyncEngine *self)
{
  OrgsyncSyncObject *o = current_object (self);
  g_autoptr(SfSoqlBuilder) builder = NULL;

  if (o->backfills == NULL || o->backfills[0] == NULL)
    {
      object_reconcile (self);
      return;
    }

  builder = orgsync_sync_object_new_builder (o, (const char * const *) o->backfills);

  /* A full sync just wrote every column: the backfill only has to be marked done. */
  if (o->mode == ORGSYNC_SYNC_MODE_FULL)
    {
      g_autoptr(GPtrArray) columns = g_ptr_array_new ();
      OrgsyncSyncPage *page;

      for (guint i = 0; i < sf_soql_builder_get_n_fields (builder); i++)
        g_ptr_array_add (columns, (gpointer) sf_soql_builder_get_field (builder, i));
      g_ptr_array_add (columns, NULL);
      page = orgsync_sync_page_new (o, ORGSYNC_PAGE_BACKFILL, (const char * const *) columns->pdata);
      page->complete = TRUE;
      write_bookkeeping (self, page, object_reconcile);
      return;
    }

  sf_soql_builder_order_by (builder, "Id", TRUE);
  pump_start (self, o, ORGSYNC_PAGE_BACKFILL, builder, FALSE, o->local_rows, NULL, NULL, backfill_done);
}

typedef struct
{
  char     *object;
  gboolean  begin;
  guint64   deleted;
} ReconcileOp;

static void
reconcile_op_free (ReconcileOp *op)
{
  g_free (op->object);
  g_free (op);
}

static gboolean
reconcile_op (OrgsyncRecordsStore  *store,
              gpointer              data,
              GError              **error)
{
  ReconcileOp *op = data;

  if (op->begin)
    return orgsync_records_store_reconcile_begin (store, op->object, error);

  return orgsync_records_store_reconcile_finish (store, &op->deleted, error) &&
         orgsync_records_store_set_reconcile_needed (store, op->object, FALSE, error);
}

static void
object_finished (OrgsyncSyncEngine *self)
{
  object_done (self, NULL);
}

/* getDeleted goes on from where this run's answer ended. */
static void
reconciled (OrgsyncSyncEngine *self)
{
  OrgsyncSyncObject *o = current_object (self);
  OrgsyncSyncPage *page;

  if (o->covered_after_reconcile == NULL)
    {
      object_done (self, NULL);
      return;
    }

  page = orgsync_sync_page_new (o, ORGSYNC_PAGE_DELETIONS, NULL);
  page->keep_position = g_strdup (o->state->full_sync_position);
  page->deletes_covered = g_steal_pointer (&o->covered_after_reconcile);
  write_bookkeeping (self, page, object_finished);
}

static void
reconciled_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  ReconcileOp *op = g_object_get_data (G_OBJECT (self), "reconcile-op");
  GError *error = NULL;

  if (!orgsync_records_writer_call_finish (ORGSYNC_RECORDS_WRITER (object), result, &error))
    {
      object_done (self, error);
      return;
    }

  current_object (self)->stats.deleted += op->deleted;
  reconciled (self);
}

static void
ids_listed (OrgsyncSyncEngine *self,
            GError            *error)
{
  ReconcileOp *op;

  if (error != NULL)
    {
      object_done (self, error);
      return;
    }

  op = g_new0 (ReconcileOp, 1);
  op->object = g_strdup (current_object (self)->name);
  g_object_set_data_full (G_OBJECT (self), "reconcile-op", op, (GDestroyNotify) reconcile_op_free);
  orgsync_records_writer_call_async (self->writer, reconcile_op, op, NULL, NULL,
                                     reconciled_cb, g_object_ref (self));
}

static void
reconcile_begun_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  OrgsyncSyncObject *o = current_object (self);
  g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new (o->name);
  GError *error = NULL;

  if (!orgsync_records_writer_call_finish (ORGSYNC_RECORDS_WRITER (object), result, &error))
    {
      object_done (self, error);
      return;
    }

  sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
  pump_start (self, o, ORGSYNC_PAGE_IDS, builder, FALSE, o->local_rows, NULL, NULL, ids_listed);
}

/* Deletion history was lost: every Id Salesforce has, the rest goes. */
static void
object_reconcile (OrgsyncSyncEngine *self)
{
  OrgsyncSyncObject *o = current_object (self);
  ReconcileOp *op;

  if (!o->state->reconcile_needed)
    {
      object_done (self, NULL);
      return;
    }

  op = g_new0 (ReconcileOp, 1);
  op->object = g_strdup (o->name);
  op->begin = TRUE;
  orgsync_records_writer_call_async (self->writer, reconcile_op, op, (GDestroyNotify) reconcile_op_free,
                                     NULL, reconcile_begun_cb, g_object_ref (self));
}

/* Without a first page from /composite: the whole query through sf. */
static void
object_query_alone (OrgsyncSyncEngine *self)
{
  OrgsyncSyncObject *o = current_object (self);
  gboolean query_all;
  g_autoptr(SfSoqlBuilder) builder = first_builder (o, &query_all);

  pump_start (self, o, o->mode == ORGSYNC_SYNC_MODE_FULL ? ORGSYNC_PAGE_FULL : ORGSYNC_PAGE_INCREMENTAL,
              builder, query_all, 0, NULL, NULL, main_done);
}

static void object_deletions (OrgsyncSyncEngine *self);

static void
schema_changed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  GError *error = NULL;

  if (!orgsync_records_writer_call_finish (ORGSYNC_RECORDS_WRITER (object), result, &error))
    {
      object_done (self, error);
      return;
    }

  object_deletions (self);
}

/* The describe changed: new columns, fields gone from the selection, new schema. */
static gboolean
apply_describe (OrgsyncSyncEngine  *self,
                SfSObjectDescribe  *describe,
                GError            **error)
{
  OrgsyncSyncObject *o = current_object (self);
  OrgsyncSyncMode mode = o->mode;
  OrgsyncObjectState *state = g_steal_pointer (&o->state);

  g_clear_pointer (&o->describe, sf_sobject_describe_unref);
  o->describe = sf_sobject_describe_ref (describe);
  o->describe_fresh = TRUE;
  if (!orgsync_describe_cache_store (self->database, connection_id (self), describe, error) ||
      !orgsync_sync_object_plan_columns (o, selected_fields (self, o), error))
    {
      o->state = state;
      return FALSE;
    }

  repair_selection (self, o);
  o->state = state;
  o->mode = mode;
  return TRUE;
}

static void
refreshed_describe_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  g_autoptr(SfSObjectDescribe) describe = NULL;
  GError *error = NULL;

  if ((describe = sf_client_describe_finish (SF_CLIENT (object), result, &error)) == NULL ||
      !apply_describe (self, describe, &error))
    {
      object_done (self, error);
      return;
    }

  orgsync_records_writer_call_async (self->writer, orgsync_sync_prepare_schema, current_object (self), NULL,
                                     NULL, schema_changed_cb, g_object_ref (self));
}

/* INVALID_FIELD: a selected field went away since the cached describe. */
static void
refresh_describe (OrgsyncSyncEngine *self)
{
  sf_client_describe_async (self->client, current_object (self)->name, NULL, self->cancellable,
                            refreshed_describe_cb, g_object_ref (self));
}

static void
object_first_page (OrgsyncSyncEngine *self)
{
  OrgsyncSyncObject *o = current_object (self);
  SfSubresponse *query = find_response (self, 'q', self->current);

  /* A page from before a describe change may lack new columns: fetch it again. */
  if (query == NULL || o->describe_fresh)
    object_query_alone (self);
  else if (g_error_matches (query->error, SF_ERROR, SF_ERROR_INVALID_FIELD) && !o->describe_fresh)
    refresh_describe (self);
  else if (query->error != NULL)
    object_done (self, g_error_copy (query->error));
  else if (query->body == NULL)
    object_done (self, g_error_new_literal (SF_ERROR, SF_ERROR_INVALID_RESPONSE, _("A query page was empty.")));
  else
    write_first_page (self, query->body, NULL, NULL);
}

static GStrv
deleted_ids_of (JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "deletedRecords");
  JsonArray *records = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    {
      JsonNode *element = json_array_get_element (records, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (element)
                       ? json_object_get_string_member_with_default (json_node_get_object (element), "id", NULL)
                       : NULL;

      if (id != NULL)
        g_strv_builder_add (ids, id);
    }

  return g_strv_builder_end (ids);
}

static gboolean
stamp_before (const char *a,
              const char *b)
{
  g_autoptr(GDateTime) x = parse_stamp (a);
  g_autoptr(GDateTime) y = parse_stamp (b);

  return x != NULL && y != NULL && g_date_time_compare (x, y) < 0;
}

static char *
normalize_stamp (const char *text)
{
  char out[ORGSYNC_DATETIME_BUFFER_SIZE];

  return text != NULL && orgsync_value_normalize_datetime (text, -1, out) ? g_strdup (out) : NULL;
}

/* getDeleted's answer: deletions to apply, and whether its history reaches back to
 * our position (if not, Ids are reconciled after the query). */
static void
object_deletions (OrgsyncSyncEngine *self)
{
  OrgsyncSyncObject *o = current_object (self);
  SfSubresponse *sub = find_response (self, 'x', self->current);
  JsonObject *root;
  g_autofree char *earliest = NULL;
  g_autofree char *covered = NULL;
  OrgsyncSyncPage *page;

  if (sub == NULL || g_error_matches (sub->error, SF_ERROR, SF_ERROR_INVALID_REPLICATION_DATE) ||
      sub->body == NULL || !JSON_NODE_HOLDS_OBJECT (sub->body))
    {
      if (sub != NULL && sub->error != NULL && stop_outcome_for (sub->error) != ORGSYNC_SYNC_OUTCOME_SUCCEEDED)
        {
          object_done (self, g_error_copy (sub->error));
          return;
        }
      /* Not silent: rows purged in Salesforce stay here until deletions are listed
       * again (or the Ids are reconciled), and the person should know why. */
      if (sub != NULL && sub->error != NULL && !g_error_matches (sub->error, SF_ERROR, SF_ERROR_INVALID_REPLICATION_DATE))
        add_warning (self, g_strdup_printf (_("Salesforce did not list the records deleted from %s (%s); "
                                              "records deleted there may stay in the local copy until it "
                                              "lists them again."),
                                            o->name, sub->error->message));
      object_first_page (self);
      return;
    }

  root = json_node_get_object (sub->body);
  earliest = normalize_stamp (json_object_get_string_member_with_default (root, "earliestDateAvailable", NULL));
  covered = normalize_stamp (json_object_get_string_member_with_default (root, "latestDateCovered", NULL));

  /* Both are whole minutes: a purge in the minute of our position may be after it. */
  if (o->state->deletes_covered != NULL && earliest != NULL && !stamp_before (earliest, o->state->deletes_covered))
    o->state->reconcile_needed = TRUE;

  page = orgsync_sync_page_new (o, ORGSYNC_PAGE_DELETIONS, NULL);
  page->deleted_ids = deleted_ids_of (root);
  page->keep_position = g_strdup (o->state->full_sync_position);
  /* Until a reconciliation ran, the position stays where history was lost. */
  if (!o->state->reconcile_needed)
    page->deletes_covered = g_steal_pointer (&covered);
  else
    o->covered_after_reconcile = g_steal_pointer (&covered);
  write_bookkeeping (self, page, object_first_page);
}

static void
object_start (OrgsyncSyncEngine *self)
{
  OrgsyncSyncObject *o = current_object (self);
  SfSubresponse *sub = find_response (self, 'd', self->current);
  GError *error = NULL;

  progress (self);

  if (g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    {
      object_done (self, error);
      return;
    }

  if (sub != NULL && sub->error != NULL &&
      (is_object_gone (sub->error) || stop_outcome_for (sub->error) != ORGSYNC_SYNC_OUTCOME_SUCCEEDED))
    {
      object_done (self, g_error_copy (sub->error));
      return;
    }

  if (sub != NULL && sub->status == 200 && sub->body != NULL)
    {
      g_autofree char *json = json_to_string (sub->body, FALSE);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(SfSObjectDescribe) describe = sf_sobject_describe_new_from_json (json, strlen (json), now, &error);

      if (describe == NULL || !apply_describe (self, describe, &error))
        {
          object_done (self, error);
          return;
        }

      /* Columns may have changed: the table follows before any page is written. */
      orgsync_records_writer_call_async (self->writer, orgsync_sync_prepare_schema, o, NULL, NULL,
                                         schema_changed_cb, g_object_ref (self));
      return;
    }

  object_deletions (self);
}

/*
 * Objects and groups
 */

static void
object_done (OrgsyncSyncEngine *self,
             GError            *error)
{
  OrgsyncSyncObject *o = current_object (self);

  if (error != NULL)
    {
      if (stop_outcome_for (error) != ORGSYNC_SYNC_OUTCOME_SUCCEEDED)
        {
          stop (self, error);
          finish_run (self);
          return;
        }

      o->failed = TRUE;
      orgsync_sync_object_set_error (o, error);
      if (is_object_gone (error))
        {
          g_free (self->gone_object);
          self->gone_object = g_strdup (o->name);
        }
      g_message ("Syncing %s failed: %s", o->name, error->message);
      g_error_free (error);
    }

  orgsync_sync_run_add_object (self->run, o->name, o->stats.added, o->stats.updated, o->stats.deleted);
  self->current++;
  next_object (self);
}

static void
next_object (OrgsyncSyncEngine *self)
{
  if (self->current < self->group_end)
    {
      object_start (self);
      return;
    }

  self->group_start = self->group_end;
  next_group (self);
}

static void
composite_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) self = user_data;
  GError *error = NULL;

  g_clear_pointer (&self->responses, g_ptr_array_unref);
  if ((self->responses = sf_client_composite_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      stop (self, error);
      finish_run (self);
      return;
    }

  self->current = self->group_start;
  next_object (self);
}

/* One /composite call for up to five objects: describe revalidation, getDeleted and
 * the first query page of each. */
static void
next_group (OrgsyncSyncEngine *self)
{
  g_autoptr(GPtrArray) subrequests = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_subrequest_free);

  if (self->stop_error != NULL || self->group_start >= self->objects->len)
    {
      finish_run (self);
      return;
    }

  self->group_end = MIN (self->group_start + ORGSYNC_SYNC_OBJECTS_PER_CALL, self->objects->len);
  for (guint i = self->group_start; i < self->group_end; i++)
    {
      OrgsyncSyncObject *o = g_ptr_array_index (self->objects, i);
      SfSubrequest *subs[] = {
        describe_subrequest (self, o, i),
        deleted_subrequest (self, o, i),
        query_subrequest (self, o, i),
      };

      for (guint j = 0; j < G_N_ELEMENTS (subs); j++)
        if (subs[j] != NULL)
          g_ptr_array_add (subrequests, subs[j]);
    }

  if (subrequests->len == 0)
    {
      g_clear_pointer (&self->responses, g_ptr_array_unref);
      self->current = self->group_start;
      next_object (self);
      return;
    }

  sf_client_composite_async (self->client, subrequests, self->cancellable, composite_cb, g_object_ref (self));
}

/*
 * The end of a run
 */

static void
decide_outcome (OrgsyncSyncEngine  *self,
                GError            **error)
{
  guint failed = 0;
  OrgsyncSyncObject *first_failed = NULL;

  if (self->stop_error != NULL)
    {
      *error = g_error_copy (self->stop_error);
      return;
    }

  for (guint i = 0; self->objects != NULL && i < self->objects->len; i++)
    {
      OrgsyncSyncObject *o = g_ptr_array_index (self->objects, i);

      if (o->failed && failed++ == 0)
        first_failed = o;
    }

  if (self->gone_object != NULL)
    {
      self->outcome = ORGSYNC_SYNC_OUTCOME_PERMISSION;
      *error = g_error_new (SF_ERROR, SF_ERROR_INSUFFICIENT_ACCESS,
                            _("The Salesforce user can no longer read %s."), self->gone_object);
    }
  else if (failed > 0)
    {
      /* The status and the history keep Salesforce's own code of what went wrong. */
      g_free (self->failed_code);
      self->failed_code = g_strdup (first_failed->error_code);
      self->outcome = ORGSYNC_SYNC_OUTCOME_PARTIAL;
      *error = g_error_new (ORGSYNC_ERROR, ORGSYNC_ERROR_FAILED,
                            g_dngettext (GETTEXT_PACKAGE, "%u object could not be synced (%s: %s).",
                                         "%u objects could not be synced (%s: %s).", failed),
                            failed, first_failed->name, first_failed->error_message);
    }
  else
    self->outcome = ORGSYNC_SYNC_OUTCOME_SUCCEEDED;
}

static const char *
error_code_of (const GError *error)
{
  return error != NULL && error->domain == SF_ERROR ? sf_error_code_to_string (error->code) : NULL;
}

/* The errorCode of the run's stop, or of the object that failed in a partial run. */
static const char *
run_error_code (OrgsyncSyncEngine *self,
                const GError      *error)
{
  const char *code = error_code_of (error);

  return code != NULL ? code : self->failed_code;
}

static void
apply_status (OrgsyncSyncEngine *self,
              const GError      *error)
{
  OrgsyncStatusEvent event = { 0, };
  g_autofree char *detail = NULL;

  event.at = orgsync_clock_get_now (self->clock);
  event.error_code = run_error_code (self, error);
  event.error_message = error ? error->message : NULL;

  switch (self->outcome)
    {
    case ORGSYNC_SYNC_OUTCOME_SUCCEEDED:
      event.type = ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED;
      break;
    case ORGSYNC_SYNC_OUTCOME_QUOTA:
      event.type = ORGSYNC_STATUS_EVENT_QUOTA_REACHED;
      event.detail = error->message;
      event.error_message = NULL;
      event.resume_at = MAX (orgsync_quota_governor_estimate_resume (self->governor, NULL), 0);
      break;
    case ORGSYNC_SYNC_OUTCOME_REAUTHORIZE:
      event.type = ORGSYNC_STATUS_EVENT_AUTH_FAILED;
      break;
    case ORGSYNC_SYNC_OUTCOME_PERMISSION:
      if (g_error_matches (error, SF_ERROR, SF_ERROR_API_CURRENTLY_DISABLED) ||
          g_error_matches (error, SF_ERROR, SF_ERROR_API_DISABLED_FOR_ORG))
        event.type = ORGSYNC_STATUS_EVENT_API_DISABLED;
      else
        {
          event.type = ORGSYNC_STATUS_EVENT_PERMISSION_MISSING;
          /* Translators: %s is an object, e.g. "Read on Lead" */
          detail = self->gone_object ? g_strdup_printf (_("Read on %s"), self->gone_object) : NULL;
          event.detail = detail;
        }
      break;
    case ORGSYNC_SYNC_OUTCOME_CANCELLED:
      event.type = ORGSYNC_STATUS_EVENT_SYNC_CANCELLED;
      break;
    case ORGSYNC_SYNC_OUTCOME_PARTIAL:
    case ORGSYNC_SYNC_OUTCOME_FAILED:
    default:
      event.type = ORGSYNC_STATUS_EVENT_SYNC_FAILED;
      break;
    }

  self->status_changed = orgsync_connection_apply_status_event (self->connection, &event);
}

static OrgsyncRunResult
run_result (OrgsyncSyncOutcome outcome)
{
  switch (outcome)
    {
    case ORGSYNC_SYNC_OUTCOME_SUCCEEDED:
      return ORGSYNC_RUN_RESULT_SUCCESS;
    case ORGSYNC_SYNC_OUTCOME_PARTIAL:
      return ORGSYNC_RUN_RESULT_PARTIAL;
    case ORGSYNC_SYNC_OUTCOME_QUOTA:
      return ORGSYNC_RUN_RESULT_QUOTA_STOPPED;
    case ORGSYNC_SYNC_OUTCOME_CANCELLED:
      return ORGSYNC_RUN_RESULT_CANCELLED;
    case ORGSYNC_SYNC_OUTCOME_FAILED:
    case ORGSYNC_SYNC_OUTCOME_REAUTHORIZE:
    case ORGSYNC_SYNC_OUTCOME_PERMISSION:
    default:
      return ORGSYNC_RUN_RESULT_FAILED;
    }
}

static gboolean
record_history (OrgsyncSyncEngine  *self,
                const GError       *error,
                GError            **save_error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 now = orgsync_clock_get_now (self->clock);

  self->run->finished_at = now;
  self->run->result = run_result (self->outcome);
  g_free (self->run->message);
  self->run->message = g_strdup (error ? error->message : NULL);
  g_free (self->run->error_code);
  self->run->error_code = g_strdup (run_error_code (self, error));

  for (guint i = 0; i < self->run->objects->len; i++)
    {
      OrgsyncSyncRunObject *o = &g_array_index (self->run->objects, OrgsyncSyncRunObject, i);

      if (!orgsync_database_add_run_object (self->database, self->run->id, o->object,
                                            o->added, o->updated, o->deleted, &local_error))
        break;
    }

  if (local_error == NULL)
    orgsync_database_finish_run (self->database, self->run->id, now, self->run->result,
                                 self->run->message, self->run->error_code, self->run->api_calls,
                                 &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (save_error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
finish_run (OrgsyncSyncEngine *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;

  self->finishing = TRUE;
  if (self->task == NULL ||
      self->keyring_pending > 0 ||
      (self->writer != NULL && orgsync_records_writer_get_pending (self->writer) > 0))
    return;

  task = g_steal_pointer (&self->task);
  decide_outcome (self, &error);
  apply_status (self, error);

  orgsync_connection_set_syncing (self->connection, FALSE);
  orgsync_connection_clear_progress (self->connection);

  /* orgsync.db may be on a full disk too. A run that did its work but could not say
   * so does not pass for a success; the history shows it as interrupted later. */
  if (!record_history (self, error, &save_error) ||
      !orgsync_database_save_connection (self->database, self->connection, &save_error))
    {
      g_message ("Could not save the result of the sync: %s", save_error->message);
      if (error == NULL)
        {
          self->outcome = ORGSYNC_SYNC_OUTCOME_FAILED;
          error = g_steal_pointer (&save_error);
        }
    }

  g_clear_object (&self->writer);
  g_clear_pointer (&self->lock, orgsync_sync_lock_release);
  if (self->client != NULL)
    sf_client_set_request_filter (self->client, NULL, NULL, NULL);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/*
 * GObject
 */

static void
orgsync_sync_engine_finalize (GObject *object)
{
  OrgsyncSyncEngine *self = (OrgsyncSyncEngine *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->connection);
  g_clear_object (&self->clock);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->lock, orgsync_sync_lock_release);
  g_clear_object (&self->writer);
  g_clear_object (&self->client);
  g_clear_object (&self->governor);
  g_clear_pointer (&self->objects, g_ptr_array_unref);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->responses, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_error (&self->stop_error);
  g_clear_pointer (&self->run, orgsync_sync_run_free);
  g_clear_pointer (&self->gone_object, g_free);
  g_clear_pointer (&self->failed_code, g_free);
  free_secret (&self->refresh_token);
  free_secret (&self->access_token);
  free_secret (&self->client_secret);

  G_OBJECT_CLASS (orgsync_sync_engine_parent_class)->finalize (object);
}

static void
orgsync_sync_engine_class_init (OrgsyncSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgsync_sync_engine_finalize;
}

static void
orgsync_sync_engine_init (OrgsyncSyncEngine *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
  self->run = orgsync_sync_run_new ();
}

/*
 * Public API
 */

OrgsyncSyncEngine *
orgsync_sync_engine_new (OrgsyncDatabase   *database,
                         OrgsyncConnection *connection,
                         OrgsyncClock      *clock)
{
  OrgsyncSyncEngine *self;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (ORGSYNC_IS_CLOCK (clock), NULL);

  self = g_object_new (ORGSYNC_TYPE_SYNC_ENGINE, NULL);
  self->database = g_object_ref (database);
  self->connection = g_object_ref (connection);
  self->clock = g_object_ref (clock);

  return self;
}

OrgsyncConnection *
orgsync_sync_engine_get_connection (OrgsyncSyncEngine *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SYNC_ENGINE (self), NULL);

  return self->connection;
}

/* Forget every checkpoint: fetch everything again, then delete rows Salesforce no
 * longer has. */
void
orgsync_sync_engine_set_full (OrgsyncSyncEngine *self,
                              gboolean           full)
{
  g_return_if_fail (ORGSYNC_IS_SYNC_ENGINE (self));

  self->full = !!full;
}

static gboolean
begin_run (OrgsyncSyncEngine  *self,
           GError            **error)
{
  OrgsyncStatusEvent event = { ORGSYNC_STATUS_EVENT_SYNC_STARTED, 0, };
  gint64 now = orgsync_clock_get_now (self->clock);

  self->lock = orgsync_sync_lock_acquire (orgsync_database_get_data_dir (self->database), connection_id (self),
                                          orgsync_connection_get_display_name (self->connection), error);
  if (self->lock == NULL)
    return FALSE;

  orgsync_database_close_interrupted_runs (self->database, connection_id (self), now, NULL);
  self->run->id = orgsync_database_begin_run (self->database, connection_id (self), now, self->full, error);
  if (self->run->id == 0)
    return FALSE;

  self->run->connection_id = g_strdup (connection_id (self));
  self->run->started_at = now;
  self->run->full = self->full;

  event.at = now;
  orgsync_connection_apply_status_event (self->connection, &event);
  orgsync_connection_set_syncing (self->connection, TRUE);
  return orgsync_database_save_connection (self->database, self->connection, error);
}

/**
 * orgsync_sync_engine_run_async:
 *
 * Syncs the connection once. Fails at once with %ORGSYNC_ERROR_ALREADY_SYNCING when
 * another window or process is syncing it. Otherwise the run always ends with a
 * history row and a status; the error of run_finish() says why it did not succeed,
 * and orgsync_sync_engine_get_outcome() what kind of stop it was. An engine runs once.
 */
void
orgsync_sync_engine_run_async (OrgsyncSyncEngine   *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (ORGSYNC_IS_SYNC_ENGINE (self));
  g_return_if_fail (self->task == NULL && self->lock == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_sync_engine_run_async);
  g_task_set_check_cancellable (task, FALSE);
  self->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();

  if (!begin_run (self, &error))
    {
      g_clear_pointer (&self->lock, orgsync_sync_lock_release);
      self->outcome = ORGSYNC_SYNC_OUTCOME_FAILED;
      g_task_return_error (task, error);
      return;
    }

  self->task = g_steal_pointer (&task);
  lookup_next_secret (self);
}

gboolean
orgsync_sync_engine_run_finish (OrgsyncSyncEngine  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

OrgsyncSyncOutcome
orgsync_sync_engine_get_outcome (OrgsyncSyncEngine *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SYNC_ENGINE (self), ORGSYNC_SYNC_OUTCOME_FAILED);

  return self->outcome;
}

/* The history row of the run: records per object, API calls, result. */
const OrgsyncSyncRun *
orgsync_sync_engine_get_run (OrgsyncSyncEngine *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SYNC_ENGINE (self), NULL);

  return self->run;
}

/* What the run repaired and the person should know (fields gone from the selection). */
const char * const *
orgsync_sync_engine_get_warnings (OrgsyncSyncEngine *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SYNC_ENGINE (self), NULL);

  return (const char * const *) self->warnings->pdata;
}

/* Whether the run changed the connection's status or its action: notify then. */
gboolean
orgsync_sync_engine_get_status_changed (OrgsyncSyncEngine *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SYNC_ENGINE (self), FALSE);

  return self->status_changed;
}
