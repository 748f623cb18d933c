/* orgsync-manager.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgsync-describe-cache.h"
#include "orgsync-error.h"
#include "orgsync-identifier.h"
#include "orgsync-keyring.h"
#include "orgsync-manager.h"
#include "orgsync-paths.h"
#include "orgsync-permission-check.h"
#include "orgsync-preset.h"
#include "orgsync-records-store.h"
#include "orgsync-session.h"
#include "orgsync-sobject.h"
#include "orgsync-status.h"
#include "orgsync-sync-lock.h"
#include "sf-query.h"
#include "sf-url.h"

/* The application-level context the GUI and orgsync-cli share: orgsync.db, the list
 * of connections, presets, the scheduler and the running sync engines, and every
 * operation on a connection. Main thread. Another process (the CLI next to the GUI)
 * may change orgsync.db at any time: orgsync_manager_watch() reloads the connections
 * a moment after the file changes. */

struct _OrgsyncManager
{
  GObject                 parent_instance;

  OrgsyncDatabase        *database;
  OrgsyncClock           *clock;
  OrgsyncConnectionList  *connections;
  GListModel             *presets;
  OrgsyncScheduler       *scheduler;
  GHashTable             *running;       /* connection id → GCancellable */
  GFileMonitor           *monitor;
  guint                   reload_id;
  gboolean                scheduling;
};

G_DEFINE_FINAL_TYPE (OrgsyncManager, orgsync_manager, G_TYPE_OBJECT)

enum {
  SYNC_STARTED,
  SYNC_FINISHED,
  EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define RELOAD_DELAY_MS 300
/* Removing a connection waits this long at most for Salesforce to revoke its grant. */
#define REVOKE_TIMEOUT_SECONDS 10

/*
 * Auxiliary methods
 */

static const char *
data_dir (OrgsyncManager *self)
{
  return orgsync_database_get_data_dir (self->database);
}

static gboolean
save (OrgsyncManager     *self,
      OrgsyncConnection  *connection,
      GError            **error)
{
  return orgsync_database_save_connection (self->database, connection, error);
}

static void
apply_event (OrgsyncManager          *self,
             OrgsyncConnection       *connection,
             OrgsyncStatusEventType   type)
{
  OrgsyncStatusEvent event = { type, orgsync_clock_get_now (self->clock), };

  orgsync_connection_apply_status_event (connection, &event);
}

/* Who is syncing, in any process: the lock says. */
static void
update_syncing (OrgsyncManager *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->connections)); i++)
    {
      g_autoptr(OrgsyncConnection) c = g_list_model_get_item (G_LIST_MODEL (self->connections), i);
      const char *id = orgsync_connection_get_id (c);

      if (!g_hash_table_contains (self->running, id))
        orgsync_connection_set_syncing (c, orgsync_sync_lock_is_held (data_dir (self), id));
    }
}

/*
 * GObject
 */

static void
orgsync_manager_dispose (GObject *object)
{
  OrgsyncManager *self = (OrgsyncManager *)object;
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);

  if (self->running != NULL)
    {
      g_hash_table_iter_init (&iter, self->running);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_cancellable_cancel (value);
    }

  G_OBJECT_CLASS (orgsync_manager_parent_class)->dispose (object);
}

static void
orgsync_manager_finalize (GObject *object)
{
  OrgsyncManager *self = (OrgsyncManager *)object;

  g_clear_object (&self->scheduler);
  g_clear_object (&self->presets);
  g_clear_object (&self->connections);
  g_clear_object (&self->database);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->running, g_hash_table_unref);

  G_OBJECT_CLASS (orgsync_manager_parent_class)->finalize (object);
}

static void
orgsync_manager_class_init (OrgsyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = orgsync_manager_dispose;
  object_class->finalize = orgsync_manager_finalize;

  /**
   * OrgsyncManager::sync-started:
   * @connection: the connection now syncing in this process
   */
  signals[SYNC_STARTED] =
    g_signal_new ("sync-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ORGSYNC_TYPE_CONNECTION);

  /**
   * OrgsyncManager::sync-finished:
   * @connection: the connection
   * @engine: the finished run: orgsync_sync_engine_get_outcome(), _get_run() (records
   *   per object, API calls), _get_warnings()
   *
   * For a toast such as "Sync finished: 1,204 records updated".
   */
  signals[SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, ORGSYNC_TYPE_CONNECTION, ORGSYNC_TYPE_SYNC_ENGINE);

  /**
   * OrgsyncManager::event:
   * @connection: the connection
   * @event: an #OrgsyncManagerEvent
   * @message: the reason in plain words
   *
   * Something the person should be notified about, once per state change.
   */
  signals[EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, ORGSYNC_TYPE_CONNECTION, G_TYPE_INT, G_TYPE_STRING);
}

static void
orgsync_manager_init (OrgsyncManager *self)
{
  self->connections = orgsync_connection_list_new ();
  self->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/*
 * Public API: the context
 */

/**
 * orgsync_manager_new:
 * @data_dir: (nullable): `--data-dir`, or %NULL for `$XDG_DATA_HOME/orgsync`
 * @clock: (nullable): the time source, or %NULL for the system clock
 *
 * Opens orgsync.db and loads the connections and presets.
 */
OrgsyncManager *
orgsync_manager_new (const char    *data_dir_path,
                     OrgsyncClock  *clock,
                     GError       **error)
{
  g_autoptr(OrgsyncManager) self = g_object_new (ORGSYNC_TYPE_MANAGER, NULL);

  self->clock = clock ? g_object_ref (clock) : orgsync_clock_new_system ();
  if ((self->database = orgsync_database_open (data_dir_path, error)) == NULL ||
      !orgsync_database_load_connections (self->database, self->connections, error) ||
      (self->presets = orgsync_preset_list_load (error)) == NULL)
    return NULL;

  update_syncing (self);
  return g_steal_pointer (&self);
}

OrgsyncDatabase *
orgsync_manager_get_database (OrgsyncManager *self)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), NULL);
  return self->database;
}

OrgsyncClock *
orgsync_manager_get_clock (OrgsyncManager *self)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), NULL);
  return self->clock;
}

/* Returns: (transfer none): the #GListModel of #OrgsyncConnection */
GListModel *
orgsync_manager_get_connections (OrgsyncManager *self)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), NULL);
  return G_LIST_MODEL (self->connections);
}

/* Returns: (transfer none): the #GListModel of #OrgsyncPreset */
GListModel *
orgsync_manager_get_presets (OrgsyncManager *self)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), NULL);
  return self->presets;
}

/* Returns: (transfer none) (nullable): the scheduler, once scheduling started */
OrgsyncScheduler *
orgsync_manager_get_scheduler (OrgsyncManager *self)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), NULL);
  return self->scheduler;
}

/* Returns: (transfer none) (nullable): the connection with this name (any case) or id */
OrgsyncConnection *
orgsync_manager_lookup (OrgsyncManager *self,
                        const char     *name_or_id)
{
  OrgsyncConnection *c;

  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), NULL);

  if (name_or_id == NULL)
    return NULL;
  if ((c = orgsync_connection_list_lookup_name (self->connections, name_or_id)) != NULL)
    return c;
  return orgsync_connection_list_lookup_id (self->connections, name_or_id);
}

static void
sync_scheduler (OrgsyncManager *self)
{
  if (self->scheduler == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->connections)); i++)
    {
      g_autoptr(OrgsyncConnection) c = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

      if (orgsync_scheduler_get_next_due (self->scheduler, c) == -1 &&
          g_object_get_data (G_OBJECT (c), "orgsync-scheduled") == NULL)
        {
          g_object_set_data (G_OBJECT (c), "orgsync-scheduled", GINT_TO_POINTER (1));
          orgsync_scheduler_add_connection (self->scheduler, c);
        }
    }
}

/* Reads orgsync.db again: what another process changed shows up in the models. */
gboolean
orgsync_manager_reload (OrgsyncManager  *self,
                        GError         **error)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), FALSE);

  if (!orgsync_database_load_connections (self->database, self->connections, error))
    return FALSE;

  update_syncing (self);
  sync_scheduler (self);
  /* orgsync.db holds the next run as the process that saved last saw it; when this
   * process schedules, its own scheduler knows better. */
  if (self->scheduler != NULL)
    orgsync_scheduler_tick (self->scheduler);
  return TRUE;
}

static gboolean
reload_cb (gpointer user_data)
{
  OrgsyncManager *self = user_data;
  g_autoptr(GError) error = NULL;

  self->reload_id = 0;
  if (!orgsync_manager_reload (self, &error))
    g_warning ("Could not reload the connections: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
changed_cb (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            gpointer           user_data)
{
  OrgsyncManager *self = user_data;
  g_autofree char *name = g_file_get_basename (file);

  if (!g_str_has_prefix (name, "orgsync.db") || g_str_has_suffix (name, "-shm"))
    return;

  /* Debounced: a sync commits many pages in a row. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

/* Notices changes that another process (orgsync-cli, the daemon) makes to orgsync.db. */
void
orgsync_manager_watch (OrgsyncManager *self)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));

  if (self->monitor != NULL)
    return;

  dir = g_file_new_for_path (data_dir (self));
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_warning ("Cannot watch %s for changes: %s", data_dir (self), error->message);
      return;
    }

  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (changed_cb), self, 0);
}

/*
 * Syncing
 */

typedef struct
{
  OrgsyncConnection *connection;
  OrgsyncSyncEngine *engine;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_clear_object (&data->connection);
  g_clear_object (&data->engine);
  g_free (data);
}

static OrgsyncRunOutcome
scheduler_outcome (OrgsyncSyncOutcome outcome)
{
  switch (outcome)
    {
    case ORGSYNC_SYNC_OUTCOME_SUCCEEDED:
      return ORGSYNC_RUN_OUTCOME_SUCCEEDED;
    case ORGSYNC_SYNC_OUTCOME_CANCELLED:
      return ORGSYNC_RUN_OUTCOME_CANCELLED;
    case ORGSYNC_SYNC_OUTCOME_PARTIAL:
    case ORGSYNC_SYNC_OUTCOME_FAILED:
      return ORGSYNC_RUN_OUTCOME_FAILED;
    case ORGSYNC_SYNC_OUTCOME_QUOTA:
    case ORGSYNC_SYNC_OUTCOME_REAUTHORIZE:
    case ORGSYNC_SYNC_OUTCOME_PERMISSION:
    default:
      return ORGSYNC_RUN_OUTCOME_STOPPED;
    }
}

static void
emit_events (OrgsyncManager    *self,
             OrgsyncConnection *c,
             OrgsyncSyncEngine *engine)
{
  const char * const *warnings = orgsync_sync_engine_get_warnings (engine);
  OrgsyncManagerEvent event = ORGSYNC_MANAGER_EVENT_REPEATED_FAILURES;

  for (guint i = 0; warnings[i] != NULL; i++)
    g_signal_emit (self, signals[EVENT], 0, c, ORGSYNC_MANAGER_EVENT_FIELDS_REPAIRED, warnings[i]);

  if (!orgsync_sync_engine_get_status_changed (engine) ||
      orgsync_connection_get_status (c) != ORGSYNC_CONNECTION_STATUS_ERROR)
    return;

  switch (orgsync_connection_get_status_action (c))
    {
    case ORGSYNC_STATUS_ACTION_CHANGE_LIMIT:
      event = ORGSYNC_MANAGER_EVENT_QUOTA_STOP;
      break;
    case ORGSYNC_STATUS_ACTION_REAUTHORIZE:
      event = ORGSYNC_MANAGER_EVENT_REAUTHORIZE;
      break;
    case ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS:
      event = ORGSYNC_MANAGER_EVENT_PERMISSION_LOST;
      break;
    case ORGSYNC_STATUS_ACTION_RETRY:
    case ORGSYNC_STATUS_ACTION_NONE:
    default:
      break;
    }

  g_signal_emit (self, signals[EVENT], 0, c, event, orgsync_connection_get_status_detail (c));
}

static void
engine_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncManager *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  OrgsyncSyncEngine *engine = ORGSYNC_SYNC_ENGINE (object);
  GError *error = NULL;
  gboolean ok = orgsync_sync_engine_run_finish (engine, result, &error);

  g_hash_table_remove (self->running, orgsync_connection_get_id (data->connection));

  if (g_error_matches (error, ORGSYNC_ERROR, ORGSYNC_ERROR_ALREADY_SYNCING))
    {
      if (self->scheduler != NULL)
        orgsync_scheduler_run_finished (self->scheduler, data->connection, ORGSYNC_RUN_OUTCOME_CANCELLED);
      g_task_return_error (task, error);
      return;
    }

  if (self->scheduler != NULL)
    orgsync_scheduler_run_finished (self->scheduler, data->connection,
                                    scheduler_outcome (orgsync_sync_engine_get_outcome (engine)));
  g_signal_emit (self, signals[SYNC_FINISHED], 0, data->connection, engine);
  emit_events (self, data->connection, engine);

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (engine), g_object_unref);
}

static gboolean
check_can_sync (OrgsyncManager     *self,
                OrgsyncConnection  *c,
                GError            **error)
{
  g_auto(GStrv) selection = NULL;

  if (!orgsync_connection_get_sync_enabled (c))
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_PAUSED,
                   _("Syncing “%s” is paused. Resume it first."), orgsync_connection_get_display_name (c));
      return FALSE;
    }

  if (g_hash_table_contains (self->running, orgsync_connection_get_id (c)))
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_ALREADY_SYNCING,
                   _("“%s” is already syncing."), orgsync_connection_get_display_name (c));
      return FALSE;
    }

  selection = orgsync_database_load_selection (self->database, orgsync_connection_get_id (c), error);
  if (selection == NULL)
    return FALSE;
  if (selection[0] == NULL)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NOTHING_SELECTED,
                   _("No fields are selected for “%s”. Choose a preset or fields first."),
                   orgsync_connection_get_display_name (c));
      return FALSE;
    }

  return TRUE;
}

/**
 * orgsync_manager_sync_async:
 * @full: forget the checkpoints and fetch everything again
 *
 * Syncs @connection now. Fails at once with %ORGSYNC_ERROR_PAUSED,
 * %ORGSYNC_ERROR_ALREADY_SYNCING (here or in another process) or
 * %ORGSYNC_ERROR_NOTHING_SELECTED. Otherwise the result is the finished engine, or an
 * error saying why the run did not succeed (the outcome is in
 * #OrgsyncManager::sync-finished's engine too).
 */
void
orgsync_manager_sync_async (OrgsyncManager      *self,
                            OrgsyncConnection   *connection,
                            gboolean             full,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) run_cancellable = NULL;
  SyncData *data;
  GError *error = NULL;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));
  g_return_if_fail (ORGSYNC_IS_CONNECTION (connection));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, orgsync_manager_sync_async);

  if (!check_can_sync (self, connection, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SyncData, 1);
  data->connection = g_object_ref (connection);
  data->engine = orgsync_sync_engine_new (self->database, connection, self->clock);
  orgsync_sync_engine_set_full (data->engine, full);
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);

  /* One cancellable per run, so that cancel_sync() works whoever started it. */
  run_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel), run_cancellable,
                             G_CONNECT_SWAPPED);
  g_hash_table_insert (self->running, g_strdup (orgsync_connection_get_id (connection)),
                       g_object_ref (run_cancellable));

  if (self->scheduler != NULL)
    orgsync_scheduler_run_started (self->scheduler, connection);
  g_signal_emit (self, signals[SYNC_STARTED], 0, connection);

  orgsync_sync_engine_run_async (data->engine, run_cancellable, engine_done_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full): the finished engine */
OrgsyncSyncEngine *
orgsync_manager_sync_finish (OrgsyncManager  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Cancels this process's run of @connection; the data stays consistent. */
gboolean
orgsync_manager_cancel_sync (OrgsyncManager    *self,
                             OrgsyncConnection *connection)
{
  GCancellable *cancellable;

  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), FALSE);

  cancellable = g_hash_table_lookup (self->running, orgsync_connection_get_id (connection));
  if (cancellable == NULL)
    return FALSE;

  g_cancellable_cancel (cancellable);
  return TRUE;
}

static void
scheduled_sync_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OrgsyncSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  engine = orgsync_manager_sync_finish (ORGSYNC_MANAGER (object), result, &error);
  if (error != NULL)
    g_message ("Scheduled sync: %s", error->message);
}

static void
run_due_cb (OrgsyncScheduler  *scheduler,
            OrgsyncConnection *connection,
            gboolean           catch_up,
            OrgsyncManager    *self)
{
  g_autoptr(GError) error = NULL;

  if (!check_can_sync (self, connection, &error))
    {
      orgsync_scheduler_run_finished (scheduler, connection, ORGSYNC_RUN_OUTCOME_CANCELLED);
      return;
    }

  orgsync_manager_sync_async (self, connection, FALSE, NULL, scheduled_sync_cb, NULL);
}

/* Runs the scheduler for every connection (the GUI, `orgsync-cli daemon`). */
void
orgsync_manager_start_scheduling (OrgsyncManager *self)
{
  g_return_if_fail (ORGSYNC_IS_MANAGER (self));

  if (self->scheduler != NULL)
    return;

  self->scheduler = orgsync_scheduler_new (self->clock, NULL);
  g_signal_connect_object (self->scheduler, "run-due", G_CALLBACK (run_due_cb), self, 0);
  sync_scheduler (self);
}

/*
 * Settings of a connection
 */

gboolean
orgsync_manager_pause (OrgsyncManager     *self,
                       OrgsyncConnection  *connection,
                       GError            **error)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), FALSE);

  orgsync_manager_cancel_sync (self, connection);
  apply_event (self, connection, ORGSYNC_STATUS_EVENT_PAUSED);
  return save (self, connection, error);
}

gboolean
orgsync_manager_resume (OrgsyncManager     *self,
                        OrgsyncConnection  *connection,
                        GError            **error)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), FALSE);

  apply_event (self, connection, ORGSYNC_STATUS_EVENT_RESUMED);
  return save (self, connection, error);
}

gboolean
orgsync_manager_set_update_frequency (OrgsyncManager          *self,
                                      OrgsyncConnection       *connection,
                                      OrgsyncUpdateFrequency   frequency,
                                      GError                 **error)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), FALSE);

  orgsync_connection_set_update_frequency (connection, frequency);
  return save (self, connection, error);
}

gboolean
orgsync_manager_set_quota_threshold (OrgsyncManager     *self,
                                     OrgsyncConnection  *connection,
                                     guint               percent,
                                     GError            **error)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), FALSE);

  if (percent < ORGSYNC_QUOTA_THRESHOLD_MIN || percent > ORGSYNC_QUOTA_THRESHOLD_MAX)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_INPUT,
                   _("The API quota limit must be between %d%% and %d%%."),
                   ORGSYNC_QUOTA_THRESHOLD_MIN, ORGSYNC_QUOTA_THRESHOLD_MAX);
      return FALSE;
    }

  orgsync_connection_set_quota_threshold (connection, percent);
  /* A higher limit may end a quota stop at once. */
  if (orgsync_connection_get_status_action (connection) == ORGSYNC_STATUS_ACTION_CHANGE_LIMIT)
    apply_event (self, connection, ORGSYNC_STATUS_EVENT_QUOTA_RECOVERED);
  return save (self, connection, error);
}

gboolean
orgsync_manager_rename (OrgsyncManager     *self,
                        OrgsyncConnection  *connection,
                        const char         *name,
                        GError            **error)
{
  g_autofree char *old = NULL;

  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), FALSE);

  old = g_strdup (orgsync_connection_get_display_name (connection));
  if (!orgsync_connection_list_rename (self->connections, connection, name, error))
    return FALSE;

  if (!save (self, connection, error))
    {
      orgsync_connection_list_rename (self->connections, connection, old, NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * orgsync_manager_move:
 * @url: the org's new login and instance URL
 *
 * Points a connection at the same org under another address, keeping its sign-in
 * and data: the demo org when its usual port was taken. Only for orgs that sign in
 * and serve at one address.
 */
gboolean
orgsync_manager_move (OrgsyncManager     *self,
                      OrgsyncConnection  *connection,
                      const char         *url,
                      GError            **error)
{
  g_autofree char *login_url = NULL;
  g_autofree char *old_login = NULL;
  g_autofree char *old_instance = NULL;

  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), FALSE);

  if ((login_url = sf_url_normalize_login (url, error)) == NULL)
    return FALSE;

  old_login = g_strdup (orgsync_connection_get_login_url (connection));
  old_instance = g_strdup (orgsync_connection_get_instance_url (connection));
  orgsync_connection_set_login_url (connection, login_url);
  orgsync_connection_set_instance_url (connection, login_url);
  if (!save (self, connection, error))
    {
      orgsync_connection_set_login_url (connection, old_login);
      orgsync_connection_set_instance_url (connection, old_instance);
      return FALSE;
    }

  return TRUE;
}

/* Returns: (transfer full) (element-type OrgsyncSyncRun): the newest runs first */
GPtrArray *
orgsync_manager_list_history (OrgsyncManager     *self,
                              OrgsyncConnection  *connection,
                              guint               limit,
                              GError            **error)
{
  const char *id;
  GPtrArray *runs;
  gboolean cut_off = FALSE;

  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), NULL);

  id = orgsync_connection_get_id (connection);
  if ((runs = orgsync_database_list_runs (self->database, id, limit, error)) == NULL)
    return NULL;

  for (guint i = 0; i < runs->len; i++)
    cut_off |= ((OrgsyncSyncRun *) g_ptr_array_index (runs, i))->result == ORGSYNC_RUN_RESULT_RUNNING;

  /* A run still "running" that no process runs was cut off (killed, power lost): say
   * so now rather than at the next run. Taking the sync lock for a moment makes sure
   * that no run is starting meanwhile. */
  if (cut_off && !g_hash_table_contains (self->running, id))
    {
      g_autoptr(OrgsyncSyncLock) lock = orgsync_sync_lock_acquire (data_dir (self), id, NULL, NULL);

      if (lock != NULL &&
          orgsync_database_close_interrupted_runs (self->database, id, orgsync_clock_get_now (self->clock), NULL))
        {
          g_ptr_array_unref (runs);
          runs = orgsync_database_list_runs (self->database, id, limit, error);
        }
    }

  return runs;
}

char *
orgsync_manager_dup_records_path (OrgsyncManager     *self,
                                  OrgsyncConnection  *connection,
                                  GError            **error)
{
  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), NULL);

  return orgsync_paths_dup_records_path (data_dir (self), orgsync_connection_get_id (connection), error);
}

/*
 * Sign-in: connect and reauthorize
 */

typedef struct
{
  OrgsyncSignInMethod  method;
  char                *name;
  char                *login_url;
  char                *username;
  char                *password;
  char                *client_id;
  char                *client_secret;
  char                *callback_url;
  gboolean             allow_new_org;

  OrgsyncConnection   *existing;      /* reauthorize */
  OrgsyncConnection   *connection;
  OrgsyncSession      *session;
  SfClient            *client;
  SfToken             *token;
  SfUserInfo          *user;
  guint                stores;
  gboolean             new_org;
} SignIn;

static void
wipe (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
sign_in_free (SignIn *s)
{
  g_free (s->name);
  g_free (s->login_url);
  g_free (s->username);
  wipe (&s->password);
  g_free (s->client_id);
  wipe (&s->client_secret);
  g_free (s->callback_url);
  g_clear_object (&s->existing);
  g_clear_object (&s->connection);
  g_clear_object (&s->session);
  g_clear_object (&s->client);
  g_clear_pointer (&s->token, sf_token_unref);
  g_clear_pointer (&s->user, sf_user_info_free);
  g_free (s);
}

static SignIn *
sign_in_new (const OrgsyncSignInOptions  *options,
             GError                     **error)
{
  SignIn *s = g_new0 (SignIn, 1);
  g_autoptr(GError) local_error = NULL;

  s->method = options->method;
  s->name = g_strdup (options->name);
  s->username = g_strdup (options->username);
  s->password = g_strdup (options->password);
  s->client_id = g_strdup (options->client_id);
  s->client_secret = g_strdup (options->client_secret);
  s->callback_url = g_strdup (options->callback_url);
  s->allow_new_org = options->allow_new_org;

  s->login_url = sf_url_normalize_login (options->login_url ? options->login_url : SF_LOGIN_URL_PRODUCTION,
                                         &local_error);
  if (s->login_url == NULL)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_INPUT, "%s", local_error->message);
      sign_in_free (s);
      return NULL;
    }

  if (s->method == ORGSYNC_SIGN_IN_PASSWORD && (s->username == NULL || s->password == NULL))
    {
      g_set_error_literal (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_INPUT,
                           _("Signing in with a password needs the username and the password."));
      sign_in_free (s);
      return NULL;
    }

  return s;
}

static void
stored_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data);

static void
store_secret (GTask             *task,
              OrgsyncSecretKind  kind,
              const char        *secret)
{
  SignIn *s = g_task_get_task_data (task);
  g_autofree char *label = g_strdup_printf ("Org Sync: %s (%s)",
                                            orgsync_connection_get_display_name (s->connection),
                                            orgsync_secret_kind_to_string (kind));

  s->stores++;
  orgsync_keyring_store_async (orgsync_connection_get_id (s->connection), kind, label, secret, NULL,
                               stored_secret_cb, g_object_ref (task));
}

static void
apply_identity (SignIn *s)
{
  OrgsyncConnection *c = s->connection;

  orgsync_connection_set_login_url (c, s->login_url);
  orgsync_connection_set_instance_url (c, sf_token_get_instance_url (s->token));
  orgsync_connection_set_org_id (c, s->user->org_id);
  orgsync_connection_set_user_id (c, s->user->user_id);
  orgsync_connection_set_username (c, s->user->username);
  orgsync_connection_set_client_id (c, sf_client_get_client_id (s->client));
}

static void
signed_in_done (GTask *task)
{
  OrgsyncManager *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  GError *error = NULL;

  if (s->existing == NULL)
    {
      if (!save (self, s->connection, &error) ||
          !orgsync_connection_list_add (self->connections, s->connection, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      sync_scheduler (self);
      g_task_return_pointer (task, g_object_ref (s->connection), g_object_unref);
      return;
    }

  /* Only now, right before it is saved: a reload of orgsync.db while the keyring
   * was busy (reset_records() changed the file) would otherwise put the old org
   * back into the model, and then into the database. */
  apply_identity (s);
  apply_event (self, s->connection, ORGSYNC_STATUS_EVENT_REAUTHORIZED);
  if (s->new_org)
    apply_event (self, s->connection, ORGSYNC_STATUS_EVENT_SELECTION_CHANGED);
  if (!save (self, s->connection, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
stored_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *s = g_task_get_task_data (task);
  GError *error = NULL;

  if (!orgsync_keyring_store_finish (result, &error) && !g_task_had_error (task))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  if (--s->stores == 0 && !g_task_had_error (task))
    signed_in_done (task);
}

/* The secrets go to the keyring before the connection is saved, so that it never
 * exists without them. */
static void
keep_secrets (GTask *task)
{
  SignIn *s = g_task_get_task_data (task);

  s->stores = 1;   /* held until every store is started */
  if (sf_token_get_refresh_token (s->token) != NULL)
    store_secret (task, ORGSYNC_SECRET_REFRESH_TOKEN, sf_token_get_refresh_token (s->token));
  store_secret (task, ORGSYNC_SECRET_ACCESS_TOKEN, sf_token_get_access_token (s->token));
  if (s->client_secret != NULL)
    store_secret (task, ORGSYNC_SECRET_CLIENT_SECRET, s->client_secret);

  if (--s->stores == 0 && !g_task_had_error (task))
    signed_in_done (task);
}

static char *
unique_name (OrgsyncManager *self,
             const char     *base)
{
  char *name = g_strdup (base);

  for (guint i = 2; orgsync_connection_list_lookup_name (self->connections, name) != NULL; i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%u)", base, i);
    }

  return name;
}

static void
org_name_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncManager *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  g_autoptr(SfRecordBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *org_name = NULL;

  batch = sf_query_next_page_finish (SF_QUERY (object), result, &error);
  if (batch != NULL && sf_record_batch_get_n_rows (batch) > 0 && sf_record_batch_find_column (batch, "Name") >= 0)
    {
      const SfValue *value = sf_record_batch_get_value (batch, 0, sf_record_batch_find_column (batch, "Name"));

      org_name = value->kind == SF_VALUE_TEXT ? value->text : NULL;
    }

  /* The name is a courtesy: without it, the username will do. */
  name = unique_name (self, org_name ? org_name : s->user->username);
  if (!orgsync_connection_validate_name (name, NULL))
    {
      g_free (name);
      name = unique_name (self, s->user->username);
    }
  orgsync_connection_set_display_name (s->connection, name);
  keep_secrets (task);
}

static void
new_connection (GTask *task)
{
  OrgsyncManager *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  g_autofree char *id = orgsync_connection_generate_id ();
  g_autoptr(SfQuery) query = NULL;

  s->connection = orgsync_connection_new (id);
  apply_identity (s);
  if (s->name != NULL)
    {
      orgsync_connection_set_display_name (s->connection, s->name);
      keep_secrets (task);
      return;
    }

  /* Every counted call goes through the governor, this one too. */
  s->session = orgsync_session_new (self->database, s->connection, self->clock);
  orgsync_session_attach (s->session, s->client);
  query = sf_query_new_for_soql (s->client, "SELECT Name FROM Organization", SF_QUERY_FLAGS_NONE);
  sf_query_next_page_async (query, g_task_get_cancellable (task), org_name_cb, g_object_ref (task));
}

static gboolean
same_my_domain (const char *a,
                const char *b)
{
  g_autoptr(GUri) x = a ? g_uri_parse (a, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GUri) y = b ? g_uri_parse (b, G_URI_FLAGS_NONE, NULL) : NULL;

  return x != NULL && y != NULL && g_ascii_strcasecmp (g_uri_get_host (x), g_uri_get_host (y)) == 0 &&
         g_uri_get_port (x) == g_uri_get_port (y);
}

static gboolean
reset_records (OrgsyncManager     *self,
               OrgsyncConnection  *c,
               GError            **error)
{
  g_autofree char *path = orgsync_paths_dup_records_path (data_dir (self), orgsync_connection_get_id (c), error);
  g_autoptr(OrgsyncRecordsStore) store = path ? orgsync_records_store_open (path, error) : NULL;
  g_auto(GStrv) objects = store ? orgsync_records_store_list_objects (store, error) : NULL;

  for (guint i = 0; objects != NULL && objects[i] != NULL; i++)
    if (!orgsync_records_store_drop_object (store, objects[i], error))
      return FALSE;

  return objects != NULL;
}

/* Another user of the same org is fine; another org is not, except a sandbox that was
 * refreshed (new org id, same My Domain), and then only when asked: its data is
 * synced again from scratch. */
static void
reauthorized (GTask *task)
{
  OrgsyncManager *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  OrgsyncConnection *c = s->existing;
  GError *error = NULL;

  if (g_strcmp0 (orgsync_connection_get_org_id (c), s->user->org_id) != 0)
    {
      if (!same_my_domain (orgsync_connection_get_instance_url (c), sf_token_get_instance_url (s->token)))
        {
          g_task_return_new_error (task, ORGSYNC_ERROR, ORGSYNC_ERROR_OTHER_ORG,
                                   _("You signed in to another Salesforce org (%s) than the one “%s” syncs "
                                     "(%s). Sign in to the original org, or add a new connection for this one."),
                                   s->user->org_id, orgsync_connection_get_display_name (c),
                                   orgsync_connection_get_org_id (c));
          return;
        }
      if (!s->allow_new_org)
        {
          g_task_return_new_error (task, ORGSYNC_ERROR, ORGSYNC_ERROR_REFRESHED_SANDBOX,
                                   _("The org at this address has a new org id (%s, was %s): the sandbox "
                                     "was probably refreshed. Reconnecting syncs all of its data again "
                                     "from scratch."),
                                   s->user->org_id, orgsync_connection_get_org_id (c));
          return;
        }
      if (!reset_records (self, c, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      s->new_org = TRUE;
    }

  s->connection = g_object_ref (c);
  keep_secrets (task);
}

static void
user_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *s = g_task_get_task_data (task);
  GError *error = NULL;

  if ((s->user = sf_client_get_user_info_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (s->existing != NULL)
    reauthorized (task);
  else
    new_connection (task);
}

static void
version_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *version = NULL;
  GError *error = NULL;

  if ((version = sf_client_negotiate_api_version_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sf_client_set_api_version (SF_CLIENT (object), version);
  sf_client_get_user_info_async (SF_CLIENT (object), g_task_get_cancellable (task), user_info_cb,
                                 g_object_ref (task));
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *s = g_task_get_task_data (task);
  GError *error = NULL;

  if (s->method == ORGSYNC_SIGN_IN_BROWSER)
    s->token = sf_client_sign_in_with_browser_finish (s->client, result, &error);
  else
    s->token = sf_client_sign_in_with_password_finish (s->client, result, &error);
  wipe (&s->password);

  if (s->token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The username-password flow never gives one: that session lasts until it expires,
   * and then the connection needs reauthorizing. */
  if (sf_token_get_refresh_token (s->token) == NULL && s->method == ORGSYNC_SIGN_IN_BROWSER)
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_SCOPE,
                               _("Salesforce gave no refresh token: the connected app needs the "
                                 "“refresh_token” scope (“Perform requests at any time”)."));
      return;
    }

  sf_client_negotiate_api_version_async (s->client, g_task_get_cancellable (task), version_cb,
                                         g_object_ref (task));
}

static void
start_sign_in (GTask *task)
{
  SignIn *s = g_task_get_task_data (task);
  GError *error = NULL;

  if ((s->client = sf_client_new (s->login_url, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (s->client_id != NULL || s->client_secret != NULL || s->callback_url != NULL)
    sf_client_set_oauth_app (s->client, s->client_id ? s->client_id : SF_DEFAULT_CLIENT_ID,
                             s->client_secret, s->callback_url ? s->callback_url : SF_DEFAULT_REDIRECT_URI);

  if (s->method == ORGSYNC_SIGN_IN_BROWSER)
    sf_client_sign_in_with_browser_async (s->client, NULL, 300, g_task_get_cancellable (task),
                                          token_cb, g_object_ref (task));
  else
    sf_client_sign_in_with_password_async (s->client, s->username, s->password, NULL,
                                           g_task_get_cancellable (task), token_cb, g_object_ref (task));
}

/**
 * orgsync_manager_connect_async:
 *
 * Signs in (browser with PKCE, or username and password), keeps the tokens in the
 * keyring and adds the connection (Setting Up, nothing selected yet).
 */
void
orgsync_manager_connect_async (OrgsyncManager             *self,
                               const OrgsyncSignInOptions *options,
                               GCancellable               *cancellable,
                               GAsyncReadyCallback         callback,
                               gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SignIn *s;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));
  g_return_if_fail (options != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_manager_connect_async);

  if ((s = sign_in_new (options, &error)) == NULL ||
      (s->name != NULL && !orgsync_connection_list_check_name (self->connections, s->name, NULL, &error)))
    {
      g_clear_pointer (&s, sign_in_free);
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, s, (GDestroyNotify) sign_in_free);
  start_sign_in (task);
}

/* Returns: (transfer full): the new connection */
OrgsyncConnection *
orgsync_manager_connect_finish (OrgsyncManager  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * orgsync_manager_reauthorize_async:
 *
 * Signs in again and replaces the stored tokens, keeping the data and settings. Fails
 * with %ORGSYNC_ERROR_OTHER_ORG for another org, and with
 * %ORGSYNC_ERROR_REFRESHED_SANDBOX for a new org id at the same My Domain unless
 * #OrgsyncSignInOptions.allow_new_org accepts it.
 */
void
orgsync_manager_reauthorize_async (OrgsyncManager             *self,
                                   OrgsyncConnection          *connection,
                                   const OrgsyncSignInOptions *options,
                                   GCancellable               *cancellable,
                                   GAsyncReadyCallback         callback,
                                   gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SignIn *s;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));
  g_return_if_fail (ORGSYNC_IS_CONNECTION (connection));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_manager_reauthorize_async);

  if ((s = sign_in_new (options, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  s->existing = g_object_ref (connection);
  if (s->client_id == NULL && g_strcmp0 (orgsync_connection_get_client_id (connection), SF_DEFAULT_CLIENT_ID) != 0)
    s->client_id = g_strdup (orgsync_connection_get_client_id (connection));
  g_task_set_task_data (task, s, (GDestroyNotify) sign_in_free);
  start_sign_in (task);
}

gboolean
orgsync_manager_reauthorize_finish (OrgsyncManager  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * Permissions
 */

typedef struct
{
  OrgsyncConnection *connection;
  OrgsyncSession    *session;
  GStrv              describe;
  GListModel        *sobjects;
} SessionOp;

static void
session_op_free (SessionOp *op)
{
  g_clear_object (&op->connection);
  g_clear_object (&op->session);
  g_strfreev (op->describe);
  g_clear_object (&op->sobjects);
  g_free (op);
}

static GTask *
session_task_new (OrgsyncManager      *self,
                  OrgsyncConnection   *connection,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SessionOp *op = g_new0 (SessionOp, 1);

  op->connection = g_object_ref (connection);
  g_task_set_task_data (task, op, (GDestroyNotify) session_op_free);
  g_task_set_source_tag (task, source_tag);

  return task;
}

static SfClient *
session_opened (GTask        *task,
                GAsyncResult *result)
{
  SessionOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if ((op->session = orgsync_session_open_finish (result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }

  return orgsync_session_get_client (op->session);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncManager *self = g_task_get_source_object (task);
  SessionOp *op = g_task_get_task_data (task);
  g_autoptr(GListModel) items = NULL;
  g_autofree char *failed = NULL;
  OrgsyncStatusEvent event = { 0, };
  GError *error = NULL;

  if ((items = orgsync_permission_check_finish (result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  failed = orgsync_permission_check_dup_failed (items);
  event.at = orgsync_clock_get_now (self->clock);
  event.type = failed ? ORGSYNC_STATUS_EVENT_PERMISSION_MISSING : ORGSYNC_STATUS_EVENT_PERMISSIONS_GRANTED;
  event.detail = failed;
  orgsync_connection_apply_status_event (op->connection, &event);
  if (!save (self, op->connection, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&items), g_object_unref);
}

static void
check_session_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfClient *client = session_opened (task, result);

  if (client != NULL)
    orgsync_permission_check_async (client, g_task_get_cancellable (task), checked_cb, g_object_ref (task));
}

/**
 * orgsync_manager_check_permissions_async:
 *
 * The seven checks (API Enabled, View Setup and Configuration, View All Users, Read on
 * Lead, Account, Contact and Opportunity), one API call. The result is a #GListModel
 * of #OrgsyncPermissionItem; the connection's status follows (Error with Check
 * Permissions when one failed, recovered when all pass).
 */
void
orgsync_manager_check_permissions_async (OrgsyncManager      *self,
                                         OrgsyncConnection   *connection,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));

  task = session_task_new (self, connection, cancellable, callback, user_data,
                           orgsync_manager_check_permissions_async);
  orgsync_session_open_async (self->database, connection, self->clock, cancellable, check_session_cb, task);
}

/* Returns: (transfer full): a #GListModel of #OrgsyncPermissionItem */
GListModel *
orgsync_manager_check_permissions_finish (OrgsyncManager  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Objects and fields
 */

static void
return_objects (GTask *task)
{
  OrgsyncManager *self = g_task_get_source_object (task);
  SessionOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  GListModel *sobjects = orgsync_database_load_sobjects (self->database, orgsync_connection_get_id (op->connection),
                                                         &error);

  if (sobjects == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sobjects, g_object_unref);
}

static void
described_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncManager *self = g_task_get_source_object (task);
  SessionOp *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) describes = NULL;
  GError *error = NULL;

  if ((describes = sf_client_describe_many_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < describes->len; i++)
    {
      SfSObjectDescribe *describe = g_ptr_array_index (describes, i);

      if (describe != NULL &&
          !orgsync_describe_cache_store (self->database, orgsync_connection_get_id (op->connection), describe, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  return_objects (task);
}

static void
describe_wanted (GTask *task)
{
  OrgsyncManager *self = g_task_get_source_object (task);
  SessionOp *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) cached = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_sobject_describe_unref);

  if (op->describe == NULL || op->describe[0] == NULL)
    {
      return_objects (task);
      return;
    }

  /* Cached describes are revalidated with If-Modified-Since in the same call. */
  for (guint i = 0; op->describe[i] != NULL; i++)
    g_ptr_array_add (cached, orgsync_describe_cache_load (self->database, orgsync_connection_get_id (op->connection),
                                                          op->describe[i], NULL));

  sf_client_describe_many_async (orgsync_session_get_client (op->session), (const char * const *) op->describe,
                                 cached, g_task_get_cancellable (task), described_cb, g_object_ref (task));
}

static void
global_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncManager *self = g_task_get_source_object (task);
  SessionOp *op = g_task_get_task_data (task);
  g_autoptr(SfGlobalDescribe) global = NULL;
  GError *error = NULL;

  if ((global = sf_client_describe_global_finish (SF_CLIENT (object), result, &error)) == NULL ||
      !orgsync_describe_cache_store_global (self->database, orgsync_connection_get_id (op->connection),
                                            global, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  describe_wanted (task);
}

static void
objects_session_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncManager *self = g_task_get_source_object (task);
  SessionOp *op = g_task_get_task_data (task);
  SfClient *client = session_opened (task, result);
  g_autoptr(GListModel) cached = NULL;

  if (client == NULL)
    return;

  cached = orgsync_database_load_sobjects (self->database, orgsync_connection_get_id (op->connection), NULL);
  if (cached != NULL && g_list_model_get_n_items (cached) > 0)
    {
      describe_wanted (task);
      return;
    }

  sf_client_describe_global_async (client, NULL, g_task_get_cancellable (task), global_cb, g_object_ref (task));
}

/**
 * orgsync_manager_load_objects_async:
 * @describe: (nullable): objects whose fields to fetch (or revalidate) now
 *
 * The org's queryable objects from the describe cache (describeGlobal the first time),
 * with the committed selection applied: a #GListModel of #OrgsyncSObject. Objects
 * that were never described have no fields yet; name them in @describe.
 */
void
orgsync_manager_load_objects_async (OrgsyncManager      *self,
                                    OrgsyncConnection   *connection,
                                    const char * const  *describe,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));

  task = session_task_new (self, connection, cancellable, callback, user_data, orgsync_manager_load_objects_async);
  ((SessionOp *) g_task_get_task_data (task))->describe = g_strdupv ((char **) describe);
  orgsync_session_open_async (self->database, connection, self->clock, cancellable, objects_session_cb, task);
}

/* Returns: (transfer full): a #GListModel of #OrgsyncSObject */
GListModel *
orgsync_manager_load_objects_finish (OrgsyncManager  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Estimates
 */

static void
estimated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SessionOp *op = g_task_get_task_data (task);
  OrgsyncSyncEstimate *estimate;
  GError *error = NULL;

  if ((estimate = orgsync_sync_estimate_finish (result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* No call was needed: the usage is the connection's, as of its last run. */
  if (estimate->api_max <= 0)
    {
      estimate->api_used = orgsync_connection_get_api_used (op->connection);
      estimate->api_max = orgsync_connection_get_api_max (op->connection);
    }
  g_task_return_pointer (task, estimate, g_free);
}

static void
estimate_session_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncManager *self = g_task_get_source_object (task);
  SessionOp *op = g_task_get_task_data (task);
  SfClient *client = session_opened (task, result);
  g_autofree char *records_path = NULL;
  GError *error = NULL;

  if (client == NULL)
    return;

  if ((records_path = orgsync_manager_dup_records_path (self, op->connection, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  orgsync_sync_estimate_async (client, op->sobjects, records_path, g_task_get_cancellable (task),
                               estimated_cb, g_object_ref (task));
}

/**
 * orgsync_manager_estimate_async:
 * @sobjects: the tables with the selection to estimate (#OrgsyncSObject)
 *
 * What the next sync of this selection costs, given what records.db already holds
 * (see orgsync_sync_estimate_async()).
 */
void
orgsync_manager_estimate_async (OrgsyncManager      *self,
                                OrgsyncConnection   *connection,
                                GListModel          *sobjects,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  SessionOp *op;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));
  g_return_if_fail (G_IS_LIST_MODEL (sobjects));

  task = session_task_new (self, connection, cancellable, callback, user_data, orgsync_manager_estimate_async);
  op = g_task_get_task_data (task);
  op->sobjects = g_object_ref (sobjects);
  orgsync_session_open_async (self->database, connection, self->clock, cancellable, estimate_session_cb, task);
}

/* Returns: (transfer full): the estimate; free it with g_free() */
OrgsyncSyncEstimate *
orgsync_manager_estimate_finish (OrgsyncManager  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Field selection
 */

typedef struct
{
  OrgsyncConnection *connection;
  gboolean           clear;
  char              *preset;
  GStrv              objects;
  GStrv              add;
  GStrv              remove;
  gboolean           estimate_only;   /* estimate the edit; store nothing */
} SelectOp;

static void
select_op_free (SelectOp *op)
{
  g_clear_object (&op->connection);
  g_free (op->preset);
  g_strfreev (op->objects);
  g_strfreev (op->add);
  g_strfreev (op->remove);
  g_free (op);
}

/* "Object.Field" → its parts, both checked as API names (quotes and the like never
 * pass). @field may be NULL for a whole object where allowed. */
static gboolean
split_name (const char  *name,
            gboolean     object_allowed,
            char       **object,
            char       **field,
            GError     **error)
{
  const char *dot = strchr (name, '.');

  *object = dot ? g_strndup (name, dot - name) : g_strdup (name);
  *field = dot ? g_strdup (dot + 1) : NULL;

  if ((*field == NULL && !object_allowed))
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_INPUT,
                   _("“%s” is not a field in the form Object.Field."), name);
      return FALSE;
    }

  return orgsync_api_name_validate (*object, error) && (*field == NULL || orgsync_api_name_validate (*field, error));
}

static gboolean
collect_objects (SelectOp        *op,
                 OrgsyncPreset   *preset,
                 GPtrArray       *objects,
                 GError         **error)
{
  const char * const *lists[] = { (const char * const *) op->objects, (const char * const *) op->add,
                                  (const char * const *) op->remove };

  if (preset != NULL)
    for (const char * const *o = orgsync_preset_get_objects (preset); o && *o; o++)
      g_ptr_array_add (objects, g_strdup (*o));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      {
        g_autofree char *object = NULL;
        g_autofree char *field = NULL;

        if (!split_name (lists[l][i], l != 1, &object, &field, error))
          return FALSE;
        if (l == 0 && field != NULL)
          {
            g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_INPUT,
                         _("“%s” is not an object name."), lists[l][i]);
            return FALSE;
          }
        if (!g_ptr_array_find_with_equal_func (objects, object, g_str_equal, NULL))
          g_ptr_array_add (objects, g_steal_pointer (&object));
      }

  return TRUE;
}

static OrgsyncSObject *
find_sobject (GListModel  *sobjects,
              const char  *name,
              GError     **error)
{
  OrgsyncSObject *sobject = orgsync_sobject_list_lookup (sobjects, name);

  if (sobject == NULL || orgsync_sobject_get_n_fields (sobject) == 0)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NOT_FOUND,
                   _("The org has no object “%s”, or the user cannot read it."), name);
      return NULL;
    }

  return sobject;
}

static gboolean
toggle_fields (GListModel          *sobjects,
               const char * const  *names,
               gboolean             selected,
               GError             **error)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *object = NULL;
      g_autofree char *field_name = NULL;
      OrgsyncSObject *sobject;
      OrgsyncField *field;

      split_name (names[i], TRUE, &object, &field_name, NULL);
      if ((sobject = find_sobject (sobjects, object, error)) == NULL)
        return FALSE;

      if (field_name == NULL)
        {
          orgsync_sobject_set_selected (sobject, selected);
          continue;
        }

      if ((field = orgsync_sobject_lookup_field (sobject, field_name)) == NULL)
        {
          const char *list[] = { field_name, NULL };

          /* A compound field stands for its components. */
          if (orgsync_sobject_select_fields (sobject, list, FALSE, NULL) && selected)
            continue;
          g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NOT_FOUND,
                       _("“%s” has no field “%s”."), object, field_name);
          return FALSE;
        }

      if (!selected && orgsync_field_get_locked (field))
        {
          g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_INPUT,
                       _("%s.%s is always synced and cannot be removed."), object, field_name);
          return FALSE;
        }
      orgsync_field_set_selected (field, selected);
    }

  return TRUE;
}

static gboolean
apply_edit (OrgsyncManager  *self,
            SelectOp        *op,
            GListModel      *sobjects,
            GPtrArray       *skipped,
            GError         **error)
{
  OrgsyncPreset *preset = op->preset ? orgsync_preset_list_lookup (self->presets, op->preset) : NULL;

  if (op->clear)
    for (guint i = 0; i < g_list_model_get_n_items (sobjects); i++)
      {
        g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);

        orgsync_sobject_set_selected (sobject, FALSE);
      }

  if (preset != NULL)
    orgsync_preset_apply (preset, sobjects, skipped);

  for (guint i = 0; op->objects != NULL && op->objects[i] != NULL; i++)
    {
      OrgsyncSObject *sobject = find_sobject (sobjects, op->objects[i], error);

      if (sobject == NULL)
        return FALSE;
      orgsync_sobject_set_selected (sobject, TRUE);
    }

  return toggle_fields (sobjects, (const char * const *) op->add, TRUE, error) &&
         toggle_fields (sobjects, (const char * const *) op->remove, FALSE, error);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  guint n = a ? g_strv_length ((char **) a) : 0;

  if (n != (b ? g_strv_length ((char **) b) : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_strv_contains (b, a[i]))
      return FALSE;
  return TRUE;
}

/**
 * orgsync_manager_commit_selection:
 * @sobjects: the org's objects with the wanted selection (the customizer's model)
 *
 * Stores the selection; when it changed, the connection shows Setting Up until the
 * next sync of the new selection finished.
 */
gboolean
orgsync_manager_commit_selection (OrgsyncManager     *self,
                                  OrgsyncConnection  *connection,
                                  GListModel         *sobjects,
                                  GError            **error)
{
  const char *id = orgsync_connection_get_id (connection);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;

  g_return_val_if_fail (ORGSYNC_IS_MANAGER (self), FALSE);

  if ((before = orgsync_database_load_selection (self->database, id, error)) == NULL)
    return FALSE;

  after = orgsync_sobject_list_save_selection (sobjects);
  if (strv_equal ((const char * const *) before, (const char * const *) after))
    return TRUE;

  if (!orgsync_database_save_selection (self->database, id, (const char * const *) after, error))
    return FALSE;

  apply_event (self, connection, ORGSYNC_STATUS_EVENT_SELECTION_CHANGED);
  return save (self, connection, error);
}

static void
edit_estimated_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncSyncEstimate *estimate;
  GError *error = NULL;

  if ((estimate = orgsync_manager_estimate_finish (ORGSYNC_MANAGER (object), result, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, estimate, g_free);
}

/* The loaded tables carry the committed selection; the edit goes on top. */
static void
estimate_edit (GTask      *task,
               GListModel *sobjects)
{
  OrgsyncManager *self = g_task_get_source_object (task);
  SelectOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!apply_edit (self, op, sobjects, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  orgsync_manager_estimate_async (self, op->connection, sobjects, g_task_get_cancellable (task),
                                  edit_estimated_cb, g_object_ref (task));
}

static void
select_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncManager *self = ORGSYNC_MANAGER (object);
  SelectOp *op = g_task_get_task_data (task);
  g_autoptr(GListModel) sobjects = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  if ((sobjects = orgsync_manager_load_objects_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (op->estimate_only)
    {
      estimate_edit (task, sobjects);
      return;
    }

  if (!apply_edit (self, op, sobjects, skipped, &error) ||
      !orgsync_manager_commit_selection (self, op->connection, sobjects, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_ptr_array_add (skipped, NULL);
  g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&skipped), FALSE), (GDestroyNotify) g_strfreev);
}

/* Loads the objects an edit names, then applies it (select_loaded_cb). */
static void
start_select (OrgsyncManager             *self,
              OrgsyncConnection          *connection,
              const OrgsyncSelectionEdit *edit,
              gboolean                    estimate_only,
              GTask                      *task)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_free);
  OrgsyncPreset *preset = NULL;
  GError *error = NULL;
  SelectOp *op;

  op = g_new0 (SelectOp, 1);
  op->estimate_only = estimate_only;
  op->connection = g_object_ref (connection);
  op->clear = edit->clear;
  op->preset = g_strdup (edit->preset);
  op->objects = g_strdupv ((char **) edit->objects);
  op->add = g_strdupv ((char **) edit->add);
  op->remove = g_strdupv ((char **) edit->remove);
  g_task_set_task_data (task, op, (GDestroyNotify) select_op_free);

  if (edit->preset != NULL && (preset = orgsync_preset_list_lookup (self->presets, edit->preset)) == NULL)
    {
      g_task_return_new_error (task, ORGSYNC_ERROR, ORGSYNC_ERROR_NOT_FOUND,
                               _("There is no preset “%s”. See orgsync-cli presets."), edit->preset);
      return;
    }

  if (!collect_objects (op, preset, objects, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_ptr_array_add (objects, NULL);
  orgsync_manager_load_objects_async (self, connection, (const char * const *) objects->pdata,
                                      g_task_get_cancellable (task), select_loaded_cb, g_object_ref (task));
}

/**
 * orgsync_manager_select_async:
 *
 * Edits the committed field selection (orgsync-cli select). Every name is checked
 * against the org's describe first; a wrong one fails the whole edit and nothing is
 * stored. The result lists what a preset names that the org does not have.
 */
void
orgsync_manager_select_async (OrgsyncManager             *self,
                              OrgsyncConnection          *connection,
                              const OrgsyncSelectionEdit *edit,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_manager_select_async);
  start_select (self, connection, edit, FALSE, task);
}

/**
 * orgsync_manager_estimate_edit_async:
 *
 * What the next sync would cost after an edit of the selection, which is checked
 * as orgsync_manager_select_async() does but not stored (orgsync-cli select
 * --dry-run). See orgsync_manager_estimate_async().
 */
void
orgsync_manager_estimate_edit_async (OrgsyncManager             *self,
                                     OrgsyncConnection          *connection,
                                     const OrgsyncSelectionEdit *edit,
                                     GCancellable               *cancellable,
                                     GAsyncReadyCallback         callback,
                                     gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_manager_estimate_edit_async);
  start_select (self, connection, edit, TRUE, task);
}

/* Returns: (transfer full): the estimate; free it with g_free() */
OrgsyncSyncEstimate *
orgsync_manager_estimate_edit_finish (OrgsyncManager  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (transfer full): what the preset names that the org does not have */
GStrv
orgsync_manager_select_finish (OrgsyncManager  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Removing a connection
 */

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncManager *self = g_task_get_source_object (task);
  OrgsyncConnection *c = g_task_get_task_data (task);
  gboolean keep_data = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "keep-data"));
  const char *id = orgsync_connection_get_id (c);
  GError *error = NULL;

  if (!orgsync_keyring_clear_finish (result, &error) ||
      !orgsync_database_delete_connection (self->database, id, &error) ||
      (!keep_data && !orgsync_paths_remove_connection_dir (data_dir (self), id, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->scheduler != NULL)
    orgsync_scheduler_remove_connection (self->scheduler, c);
  orgsync_connection_list_remove (self->connections, c);
  g_task_return_boolean (task, TRUE);
}

static void
clear_secrets (GTask *task)
{
  OrgsyncConnection *c = g_task_get_task_data (task);

  orgsync_keyring_clear_async (orgsync_connection_get_id (c), g_task_get_cancellable (task), cleared_cb, task);
}

static void
revoked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!sf_client_revoke_finish (SF_CLIENT (object), result, &error))
    g_message ("Could not revoke the sign-in at Salesforce: %s", error->message);
  clear_secrets (task);
}

static void
revoke_session_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GCancellable *cancellable = g_object_get_data (G_OBJECT (task), "revoke-cancellable");
  g_autoptr(GError) error = NULL;
  OrgsyncSession *session;

  if ((session = orgsync_session_open_finish (result, &error)) == NULL)
    {
      g_message ("Could not revoke the sign-in at Salesforce: %s", error->message);
      clear_secrets (task);
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "revoke-session", session, g_object_unref);
  sf_client_revoke_async (orgsync_session_get_client (session), cancellable, revoked_cb, task);
}

static gboolean
revoke_timeout_cb (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_REMOVE;
}

static void
source_destroy_and_unref (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

/* Best effort, and briefly: Salesforce forgets the grant, so that a copy of the token
 * elsewhere (an old backup of the keyring) is worth nothing. Offline, or refused,
 * the removal goes on. */
static void
revoke_sign_in (GTask *task)
{
  OrgsyncManager *self = g_task_get_source_object (task);
  OrgsyncConnection *c = g_task_get_task_data (task);
  GCancellable *cancellable = g_cancellable_new ();
  GSource *timeout = g_timeout_source_new_seconds (REVOKE_TIMEOUT_SECONDS);

  g_source_set_callback (timeout, revoke_timeout_cb, g_object_ref (cancellable), g_object_unref);
  g_source_attach (timeout, g_main_context_get_thread_default ());
  g_object_set_data_full (G_OBJECT (task), "revoke-timeout", timeout, (GDestroyNotify) source_destroy_and_unref);
  g_object_set_data_full (G_OBJECT (task), "revoke-cancellable", cancellable, g_object_unref);

  orgsync_session_open_async (self->database, c, self->clock, cancellable, revoke_session_cb, task);
}

/**
 * orgsync_manager_remove_async:
 * @keep_data: keep the records folder (records.db)
 *
 * Removes the connection: its sign-in at Salesforce (revoked, if Salesforce can be
 * reached within a few seconds), its secrets from the keyring always, its settings,
 * history and describe cache, and its synced data unless @keep_data.
 */
void
orgsync_manager_remove_async (OrgsyncManager      *self,
                              OrgsyncConnection   *connection,
                              gboolean             keep_data,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *id;

  g_return_if_fail (ORGSYNC_IS_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_manager_remove_async);
  g_task_set_task_data (task, g_object_ref (connection), g_object_unref);
  g_object_set_data (G_OBJECT (task), "keep-data", GINT_TO_POINTER (keep_data));
  id = orgsync_connection_get_id (connection);

  if (g_hash_table_contains (self->running, id) || orgsync_sync_lock_is_held (data_dir (self), id))
    {
      g_task_return_new_error (task, ORGSYNC_ERROR, ORGSYNC_ERROR_ALREADY_SYNCING,
                               _("“%s” is syncing. Cancel the sync first, then remove it."),
                               orgsync_connection_get_display_name (connection));
      return;
    }

  revoke_sign_in (g_steal_pointer (&task));
}

gboolean
orgsync_manager_remove_finish (OrgsyncManager  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
