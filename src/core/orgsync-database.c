/* orgsync-database.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "orgsync-connection-list-private.h"
#include "orgsync-database-private.h"
#include "orgsync-error.h"
#include "orgsync-paths.h"
#include "orgsync-sqlite-private.h"

/* orgsync.db (design.md §5): connections without secrets, field selections, the
 * describe cache, the sync history, API-usage samples and the quota governor's call
 * log. Small and not on a hot path, so statements are prepared per call. Main thread
 * (or one thread) per handle; the GUI and the CLI each open their own, and SQLite's
 * locking plus the busy timeout serialise their writes. */
struct _OrgsyncDatabase
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *data_dir;
  char    *path;
};

G_DEFINE_FINAL_TYPE (OrgsyncDatabase, orgsync_database, G_TYPE_OBJECT)

#define CONNECTION_COLUMNS                                                       \
  "id, display_name, login_url, instance_url, org_id, user_id, username, "       \
  "client_id, status, status_detail, status_action, error_code, error_message, " \
  "resume_at, failure_count, initial_sync_done, sync_enabled, update_frequency, " \
  "quota_threshold, last_sync, next_sync, paused_at"

enum {
  COL_ID, COL_DISPLAY_NAME, COL_LOGIN_URL, COL_INSTANCE_URL, COL_ORG_ID, COL_USER_ID,
  COL_USERNAME, COL_CLIENT_ID, COL_STATUS, COL_STATUS_DETAIL, COL_STATUS_ACTION,
  COL_ERROR_CODE, COL_ERROR_MESSAGE, COL_RESUME_AT, COL_FAILURE_COUNT,
  COL_INITIAL_SYNC_DONE, COL_SYNC_ENABLED, COL_UPDATE_FREQUENCY, COL_QUOTA_THRESHOLD,
  COL_LAST_SYNC, COL_NEXT_SYNC, COL_PAUSED_AT, COL_API_USED, COL_API_MAX,
};

/*
 * Auxiliary methods
 */

static GDateTime *
date_time_from_usec (sqlite3_stmt *stmt,
                     int           column)
{
  g_autoptr(GDateTime) epoch = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  epoch = g_date_time_new_from_unix_utc (0);

  return g_date_time_add (epoch, sqlite3_column_int64 (stmt, column));
}

static void
bind_date_time (sqlite3_stmt *stmt,
                int           index,
                GDateTime    *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index,
                        g_date_time_to_unix (value) * G_USEC_PER_SEC +
                        g_date_time_get_microsecond (value));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static OrgsyncStatusAction
status_action_from_string (const char *str)
{
  for (guint i = ORGSYNC_STATUS_ACTION_NONE; i <= ORGSYNC_STATUS_ACTION_RETRY; i++)
    {
      if (g_strcmp0 (str, orgsync_status_action_to_string (i)) == 0)
        return (OrgsyncStatusAction) i;
    }

  return ORGSYNC_STATUS_ACTION_NONE;
}

static void
apply_row (OrgsyncConnection *connection,
           sqlite3_stmt      *stmt)
{
  g_autoptr(GDateTime) resume_at = date_time_from_usec (stmt, COL_RESUME_AT);
  g_autoptr(GDateTime) last_sync = date_time_from_usec (stmt, COL_LAST_SYNC);
  g_autoptr(GDateTime) next_sync = date_time_from_usec (stmt, COL_NEXT_SYNC);
  g_autoptr(GDateTime) paused_at = date_time_from_usec (stmt, COL_PAUSED_AT);
  OrgsyncConnectionStatus status = ORGSYNC_CONNECTION_STATUS_ERROR;
  OrgsyncUpdateFrequency frequency = ORGSYNC_UPDATE_FREQUENCY_1_HOUR;

  orgsync_connection_status_from_string (column_text (stmt, COL_STATUS), &status);
  orgsync_update_frequency_from_string (column_text (stmt, COL_UPDATE_FREQUENCY), &frequency);

  g_object_freeze_notify (G_OBJECT (connection));
  orgsync_connection_set_display_name (connection, column_text (stmt, COL_DISPLAY_NAME));
  orgsync_connection_set_login_url (connection, column_text (stmt, COL_LOGIN_URL));
  orgsync_connection_set_instance_url (connection, column_text (stmt, COL_INSTANCE_URL));
  orgsync_connection_set_org_id (connection, column_text (stmt, COL_ORG_ID));
  orgsync_connection_set_user_id (connection, column_text (stmt, COL_USER_ID));
  orgsync_connection_set_username (connection, column_text (stmt, COL_USERNAME));
  orgsync_connection_set_client_id (connection, column_text (stmt, COL_CLIENT_ID));
  orgsync_connection_set_status (connection, status);
  orgsync_connection_set_status_detail (connection, column_text (stmt, COL_STATUS_DETAIL));
  orgsync_connection_set_status_action (connection,
                                        status_action_from_string (column_text (stmt, COL_STATUS_ACTION)));
  orgsync_connection_set_error_code (connection, column_text (stmt, COL_ERROR_CODE));
  orgsync_connection_set_error_message (connection, column_text (stmt, COL_ERROR_MESSAGE));
  orgsync_connection_set_resume_at (connection, resume_at);
  orgsync_connection_set_failure_count (connection, sqlite3_column_int (stmt, COL_FAILURE_COUNT));
  orgsync_connection_set_initial_sync_done (connection, sqlite3_column_int (stmt, COL_INITIAL_SYNC_DONE));
  orgsync_connection_set_sync_enabled (connection, sqlite3_column_int (stmt, COL_SYNC_ENABLED));
  orgsync_connection_set_update_frequency (connection, frequency);
  orgsync_connection_set_quota_threshold (connection, sqlite3_column_int (stmt, COL_QUOTA_THRESHOLD));
  orgsync_connection_set_last_sync (connection, last_sync);
  orgsync_connection_set_next_sync (connection, next_sync);
  orgsync_connection_set_paused_at (connection, paused_at);
  if (sqlite3_column_type (stmt, COL_API_MAX) != SQLITE_NULL)
    orgsync_connection_set_api_usage (connection,
                                      sqlite3_column_int64 (stmt, COL_API_USED),
                                      sqlite3_column_int64 (stmt, COL_API_MAX));
  g_object_thaw_notify (G_OBJECT (connection));
}

static gboolean
ensure_data_dir (const char  *data_dir,
                 GError     **error)
{
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Transactions of several statements: all or nothing. */
static gboolean
begin (OrgsyncDatabase  *self,
       GError          **error)
{
  return _orgsync_sqlite_exec (self->db, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (OrgsyncDatabase  *self,
        GError          **error)
{
  if (_orgsync_sqlite_exec (self->db, "COMMIT", error))
    return TRUE;

  _orgsync_sqlite_rollback (self->db);
  return FALSE;
}

static gboolean
fail (OrgsyncDatabase *self)
{
  _orgsync_sqlite_rollback (self->db);
  return FALSE;
}

/*
 * GObject
 */

static void
orgsync_database_finalize (GObject *object)
{
  OrgsyncDatabase *self = (OrgsyncDatabase *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (orgsync_database_parent_class)->finalize (object);
}

static void
orgsync_database_class_init (OrgsyncDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgsync_database_finalize;
}

static void
orgsync_database_init (OrgsyncDatabase *self)
{
}

/*
 * Private API
 */

sqlite3 *
_orgsync_database_get_handle (OrgsyncDatabase *self)
{
  return self->db;
}

/*
 * Public API
 */

/**
 * orgsync_database_open:
 * @data_dir: (nullable): the data dir (`--data-dir`), or %NULL for
 *   `$XDG_DATA_HOME/orgsync`
 *
 * Opens orgsync.db in @data_dir, creating the folder and the file as needed, and
 * brings its schema up to date.
 */
OrgsyncDatabase *
orgsync_database_open (const char  *data_dir,
                       GError     **error)
{
  g_autoptr(OrgsyncDatabase) self = NULL;

  self = g_object_new (ORGSYNC_TYPE_DATABASE, NULL);
  self->data_dir = data_dir != NULL ? g_strdup (data_dir) : orgsync_paths_dup_default_data_dir ();
  self->path = g_build_filename (self->data_dir, "orgsync.db", NULL);

  if (!ensure_data_dir (self->data_dir, error))
    return NULL;

  if (!(self->db = _orgsync_sqlite_open (self->path, error)))
    return NULL;

  if (!_orgsync_database_migrate (self->db, _orgsync_database_latest_version (), error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
orgsync_database_get_data_dir (OrgsyncDatabase *self)
{
  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), NULL);

  return self->data_dir;
}

const char *
orgsync_database_get_path (OrgsyncDatabase *self)
{
  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), NULL);

  return self->path;
}

int
orgsync_database_get_schema_version (OrgsyncDatabase *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), -1);

  if (!(stmt = _orgsync_sqlite_prepare (self->db, "PRAGMA user_version", NULL)))
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int (stmt, 0);
}

/**
 * orgsync_database_load_connections:
 * @list: the list to fill, or to bring up to date
 *
 * Updates @list in place to what orgsync.db holds: existing objects are kept (only
 * the properties that changed notify), new connections are appended and removed ones
 * dropped. The GUI calls it again when the file changes (another process wrote it).
 */
gboolean
orgsync_database_load_connections (OrgsyncDatabase        *self,
                                   OrgsyncConnectionList  *list,
                                   GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION_LIST (list), FALSE);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "SELECT " CONNECTION_COLUMNS ","
                                  " (SELECT used FROM api_sample s WHERE s.org_id = c.org_id ORDER BY at DESC LIMIT 1),"
                                  " (SELECT max FROM api_sample s WHERE s.org_id = c.org_id ORDER BY at DESC LIMIT 1)"
                                  " FROM connection c ORDER BY created_at, rowid",
                                  error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = column_text (stmt, COL_ID);
      OrgsyncConnection *connection = orgsync_connection_list_lookup_id (list, id);

      g_hash_table_add (seen, g_strdup (id));

      if (connection == NULL)
        {
          connection = orgsync_connection_new (id);
          g_ptr_array_add (added, connection);
        }

      apply_row (connection, stmt);
    }

  if (rc != SQLITE_DONE)
    return _orgsync_sqlite_set_error (self->db, rc, error);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (list)); i > 0; i--)
    {
      g_autoptr(OrgsyncConnection) connection = g_list_model_get_item (G_LIST_MODEL (list), i - 1);

      if (!g_hash_table_contains (seen, orgsync_connection_get_id (connection)))
        orgsync_connection_list_remove (list, connection);
    }

  for (guint i = 0; i < added->len; i++)
    _orgsync_connection_list_append (list, g_ptr_array_index (added, i));

  return TRUE;
}

static gboolean
set_name_taken_error (OrgsyncDatabase  *self,
                      const char       *name_key,
                      GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *other = NULL;

  stmt = _orgsync_sqlite_prepare (self->db, "SELECT display_name FROM connection WHERE name_key = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, name_key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        other = column_text (stmt, 0);
    }

  g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NAME_TAKEN,
               _("A connection named “%s” already exists. Choose another name."),
               other != NULL ? other : name_key);

  return FALSE;
}

/**
 * orgsync_database_save_connection:
 *
 * Inserts or updates the connection. Fails with %ORGSYNC_ERROR_INVALID_NAME or
 * %ORGSYNC_ERROR_NAME_TAKEN when its display name cannot be used, so two processes
 * cannot create two connections with the same name either.
 */
gboolean
orgsync_database_save_connection (OrgsyncDatabase    *self,
                                  OrgsyncConnection  *c,
                                  GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name_key = NULL;
  const char *name;
  int rc;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (c), FALSE);

  name = orgsync_connection_get_display_name (c);
  if (!orgsync_paths_validate_connection_id (orgsync_connection_get_id (c), error) ||
      !orgsync_connection_validate_name (name, error))
    return FALSE;

  name_key = orgsync_connection_dup_name_key (name);
  stmt = _orgsync_sqlite_prepare (self->db,
                                  "INSERT INTO connection (" CONNECTION_COLUMNS ", name_key, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                                  "         ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"
                                  " ON CONFLICT (id) DO UPDATE SET"
                                  "  display_name = ?2, login_url = ?3, instance_url = ?4, org_id = ?5,"
                                  "  user_id = ?6, username = ?7, client_id = ?8, status = ?9,"
                                  "  status_detail = ?10, status_action = ?11, error_code = ?12,"
                                  "  error_message = ?13, resume_at = ?14, failure_count = ?15,"
                                  "  initial_sync_done = ?16, sync_enabled = ?17, update_frequency = ?18,"
                                  "  quota_threshold = ?19, last_sync = ?20, next_sync = ?21,"
                                  "  paused_at = ?22, name_key = ?23",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, orgsync_connection_get_id (c), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  _orgsync_sqlite_bind_text (stmt, 3, orgsync_connection_get_login_url (c));
  _orgsync_sqlite_bind_text (stmt, 4, orgsync_connection_get_instance_url (c));
  _orgsync_sqlite_bind_text (stmt, 5, orgsync_connection_get_org_id (c));
  _orgsync_sqlite_bind_text (stmt, 6, orgsync_connection_get_user_id (c));
  _orgsync_sqlite_bind_text (stmt, 7, orgsync_connection_get_username (c));
  _orgsync_sqlite_bind_text (stmt, 8, orgsync_connection_get_client_id (c));
  _orgsync_sqlite_bind_text (stmt, 9, orgsync_connection_status_to_string (orgsync_connection_get_status (c)));
  _orgsync_sqlite_bind_text (stmt, 10, orgsync_connection_get_status_detail (c));
  _orgsync_sqlite_bind_text (stmt, 11, orgsync_status_action_to_string (orgsync_connection_get_status_action (c)));
  _orgsync_sqlite_bind_text (stmt, 12, orgsync_connection_get_error_code (c));
  _orgsync_sqlite_bind_text (stmt, 13, orgsync_connection_get_error_message (c));
  bind_date_time (stmt, 14, orgsync_connection_get_resume_at (c));
  sqlite3_bind_int (stmt, 15, orgsync_connection_get_failure_count (c));
  sqlite3_bind_int (stmt, 16, orgsync_connection_get_initial_sync_done (c));
  sqlite3_bind_int (stmt, 17, orgsync_connection_get_sync_enabled (c));
  _orgsync_sqlite_bind_text (stmt, 18, orgsync_update_frequency_to_string (orgsync_connection_get_update_frequency (c)));
  sqlite3_bind_int (stmt, 19, orgsync_connection_get_quota_threshold (c));
  bind_date_time (stmt, 20, orgsync_connection_get_last_sync (c));
  bind_date_time (stmt, 21, orgsync_connection_get_next_sync (c));
  bind_date_time (stmt, 22, orgsync_connection_get_paused_at (c));
  sqlite3_bind_text (stmt, 23, name_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 24, g_get_real_time ());

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return set_name_taken_error (self, name_key, error);
  if (rc != SQLITE_DONE)
    return _orgsync_sqlite_set_error (self->db, rc, error);

  return TRUE;
}

/* Removes the connection with its selection, describe cache and history. Its
 * records.db and its secrets are the caller's to remove (orgsync_paths_remove_
 * connection_dir(), orgsync_keyring_clear_async()). */
gboolean
orgsync_database_delete_connection (OrgsyncDatabase  *self,
                                    const char       *connection_id,
                                    GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (connection_id != NULL, FALSE);

  if (!(stmt = _orgsync_sqlite_prepare (self->db, "DELETE FROM connection WHERE id = ?", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, connection_id, -1, SQLITE_STATIC);

  return _orgsync_sqlite_step_done (self->db, stmt, error);
}

/**
 * orgsync_database_load_selection:
 *
 * Returns: (transfer full): the committed field selection as "Object.Field" strings,
 *   sorted by object
 */
char **
orgsync_database_load_selection (OrgsyncDatabase  *self,
                                 const char       *connection_id,
                                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  int rc;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (connection_id != NULL, NULL);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "SELECT object || '.' || field FROM field_selection"
                                  " WHERE connection_id = ? ORDER BY object, field",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, connection_id, -1, SQLITE_STATIC);
  builder = g_strv_builder_new ();

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _orgsync_sqlite_set_error (self->db, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/**
 * orgsync_database_save_selection:
 * @selection: "Object.Field" strings (orgsync_sobject_list_save_selection())
 *
 * Replaces the connection's committed selection in one transaction.
 */
gboolean
orgsync_database_save_selection (OrgsyncDatabase     *self,
                                 const char          *connection_id,
                                 const char * const  *selection,
                                 GError             **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (connection_id != NULL, FALSE);

  if (!(clear = _orgsync_sqlite_prepare (self->db, "DELETE FROM field_selection WHERE connection_id = ?", error)) ||
      !(insert = _orgsync_sqlite_prepare (self->db,
                                          "INSERT OR IGNORE INTO field_selection (connection_id, object, field)"
                                          " VALUES (?, ?, ?)", error)))
    return FALSE;

  if (!begin (self, error))
    return FALSE;

  sqlite3_bind_text (clear, 1, connection_id, -1, SQLITE_STATIC);
  if (!_orgsync_sqlite_step_done (self->db, clear, error))
    return fail (self);

  sqlite3_bind_text (insert, 1, connection_id, -1, SQLITE_STATIC);
  for (guint i = 0; selection != NULL && selection[i] != NULL; i++)
    {
      const char *dot = strchr (selection[i], '.');

      if (dot == NULL || dot == selection[i] || dot[1] == '\0')
        {
          g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_DATA,
                       _("“%s” is not a field in the form Object.Field."), selection[i]);
          return fail (self);
        }

      sqlite3_bind_text (insert, 2, selection[i], dot - selection[i], SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, dot + 1, -1, SQLITE_STATIC);
      if (!_orgsync_sqlite_step_done (self->db, insert, error))
        return fail (self);
    }

  return commit (self, error);
}

/**
 * orgsync_database_store_describe:
 * @object: the object's describe data
 * @fields: (array length=n_fields): its fields, compound ones included
 * @last_modified: (nullable): the response's Last-Modified header
 * @raw_json: (nullable): the describe as received, for the engine
 *
 * Replaces the cached describe of one object.
 */
gboolean
orgsync_database_store_describe (OrgsyncDatabase           *self,
                                 const char                *connection_id,
                                 const OrgsyncSObjectInfo  *object,
                                 const OrgsyncFieldInfo    *fields,
                                 guint                      n_fields,
                                 const char                *last_modified,
                                 const char                *raw_json,
                                 GError                   **error)
{
  g_autoptr(sqlite3_stmt) insert_object = NULL;
  g_autoptr(sqlite3_stmt) insert_field = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (connection_id != NULL, FALSE);
  g_return_val_if_fail (object != NULL && object->name != NULL, FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);

  if (!(insert_object = _orgsync_sqlite_prepare (self->db,
                                                 "INSERT INTO describe_object (connection_id, object, label,"
                                                 " custom, queryable, last_modified, fetched_at, raw_json)"
                                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)) ||
      !(insert_field = _orgsync_sqlite_prepare (self->db,
                                                "INSERT INTO describe_field (connection_id, object, position,"
                                                " name, label, type, length, flags, compound)"
                                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;

  if (!begin (self, error))
    return FALSE;

  if (!orgsync_database_delete_describe (self, connection_id, object->name, error))
    return fail (self);

  sqlite3_bind_text (insert_object, 1, connection_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_object, 2, object->name, -1, SQLITE_STATIC);
  _orgsync_sqlite_bind_text (insert_object, 3, object->label);
  sqlite3_bind_int (insert_object, 4, !!object->custom);
  sqlite3_bind_int (insert_object, 5, !!object->queryable);
  _orgsync_sqlite_bind_text (insert_object, 6, last_modified);
  sqlite3_bind_int64 (insert_object, 7, g_get_real_time ());
  _orgsync_sqlite_bind_text (insert_object, 8, raw_json);
  if (!_orgsync_sqlite_step_done (self->db, insert_object, error))
    return fail (self);

  sqlite3_bind_text (insert_field, 1, connection_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_field, 2, object->name, -1, SQLITE_STATIC);
  for (guint i = 0; i < n_fields; i++)
    {
      sqlite3_bind_int (insert_field, 3, i);
      _orgsync_sqlite_bind_text (insert_field, 4, fields[i].name);
      _orgsync_sqlite_bind_text (insert_field, 5, fields[i].label);
      _orgsync_sqlite_bind_text (insert_field, 6, fields[i].type != NULL ? fields[i].type : "other");
      sqlite3_bind_int64 (insert_field, 7, fields[i].length);
      sqlite3_bind_int (insert_field, 8, fields[i].flags);
      _orgsync_sqlite_bind_text (insert_field, 9, fields[i].compound_field_name);
      if (!_orgsync_sqlite_step_done (self->db, insert_field, error))
        return fail (self);
    }

  return commit (self, error);
}

/**
 * orgsync_database_lookup_describe:
 * @last_modified: (out) (optional) (nullable): the cached Last-Modified header
 * @raw_json: (out) (optional) (nullable): the cached describe
 *
 * Returns: %TRUE when the object's describe is cached; %FALSE without an error when it
 *   is not
 */
gboolean
orgsync_database_lookup_describe (OrgsyncDatabase  *self,
                                  const char       *connection_id,
                                  const char       *object,
                                  char            **last_modified,
                                  char            **raw_json,
                                  GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "SELECT last_modified, raw_json FROM describe_object"
                                  " WHERE connection_id = ? AND object = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, connection_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, object, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    return _orgsync_sqlite_set_error (self->db, rc, error);

  if (last_modified != NULL)
    *last_modified = g_strdup (column_text (stmt, 0));
  if (raw_json != NULL)
    *raw_json = g_strdup (column_text (stmt, 1));

  return TRUE;
}

gboolean
orgsync_database_delete_describe (OrgsyncDatabase  *self,
                                  const char       *connection_id,
                                  const char       *object,
                                  GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "DELETE FROM describe_object WHERE connection_id = ? AND object = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, connection_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, object, -1, SQLITE_STATIC);

  return _orgsync_sqlite_step_done (self->db, stmt, error);
}

typedef struct
{
  GStringChunk *strings;
  GHashTable   *fields;    /* object name → GArray of OrgsyncFieldInfo */
} FieldRows;

static const char *
chunk_text (GStringChunk *chunk,
            sqlite3_stmt *stmt,
            int           column)
{
  const char *text = column_text (stmt, column);

  return text != NULL ? g_string_chunk_insert_const (chunk, text) : NULL;
}

static gboolean
read_field_rows (OrgsyncDatabase  *self,
                 const char       *connection_id,
                 FieldRows        *rows,
                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *current = NULL;
  const char *current_object = NULL;
  int rc;

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "SELECT object, name, label, type, length, flags, compound"
                                  " FROM describe_field WHERE connection_id = ?"
                                  " ORDER BY object, position",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, connection_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *object = chunk_text (rows->strings, stmt, 0);
      OrgsyncFieldInfo info;

      if (object != current_object)
        {
          current = g_array_new (FALSE, TRUE, sizeof (OrgsyncFieldInfo));
          g_hash_table_insert (rows->fields, (gpointer) object, current);
          current_object = object;
        }

      info.name = chunk_text (rows->strings, stmt, 1);
      info.label = chunk_text (rows->strings, stmt, 2);
      info.type = chunk_text (rows->strings, stmt, 3);
      info.length = sqlite3_column_int (stmt, 4);
      info.flags = sqlite3_column_int (stmt, 5);
      info.compound_field_name = chunk_text (rows->strings, stmt, 6);
      g_array_append_val (current, info);
    }

  if (rc != SQLITE_DONE)
    return _orgsync_sqlite_set_error (self->db, rc, error);

  return TRUE;
}

static gboolean
apply_saved_selection (OrgsyncDatabase  *self,
                       const char       *connection_id,
                       GHashTable       *by_name,
                       GError          **error)
{
  g_auto(GStrv) selection = orgsync_database_load_selection (self, connection_id, error);
  g_autoptr(GHashTable) per_object = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (selection == NULL)
    return FALSE;

  per_object = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; selection[i] != NULL; i++)
    {
      const char *dot = strchr (selection[i], '.');
      g_autofree char *object = NULL;
      GPtrArray *names;

      if (dot == NULL)
        continue;

      object = g_strndup (selection[i], dot - selection[i]);
      names = g_hash_table_lookup (per_object, object);
      if (names == NULL)
        {
          names = g_ptr_array_new ();
          g_hash_table_insert (per_object, g_steal_pointer (&object), names);
        }
      g_ptr_array_add (names, (gpointer) (dot + 1));
    }

  g_hash_table_iter_init (&iter, per_object);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      OrgsyncSObject *sobject = g_hash_table_lookup (by_name, key);
      GPtrArray *names = value;

      g_ptr_array_add (names, NULL);
      if (sobject != NULL)
        orgsync_sobject_select_fields (sobject, (const char * const *) names->pdata, FALSE, NULL);
    }

  return TRUE;
}

/**
 * orgsync_database_load_sobjects:
 *
 * Builds the customizer's model from the describe cache, with the committed field
 * selection applied. Objects are sorted by label.
 *
 * Returns: (transfer full): a #GListModel of #OrgsyncSObject, or %NULL on error
 */
GListModel *
orgsync_database_load_sobjects (OrgsyncDatabase  *self,
                                const char       *connection_id,
                                GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GPtrArray) sobjects = NULL;
  FieldRows rows;
  gboolean ok;
  int rc;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (connection_id != NULL, NULL);

  rows.strings = g_string_chunk_new (64 * 1024);
  rows.fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  ok = read_field_rows (self, connection_id, &rows, error);

  stmt = ok ? _orgsync_sqlite_prepare (self->db,
                                       "SELECT object, label, custom, queryable FROM describe_object"
                                       " WHERE connection_id = ? ORDER BY label COLLATE NOCASE, object",
                                       error)
            : NULL;
  sobjects = g_ptr_array_new_with_free_func (g_object_unref);
  by_name = g_hash_table_new (g_str_hash, g_str_equal);

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, connection_id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *name = column_text (stmt, 0);
          GArray *fields = g_hash_table_lookup (rows.fields, name);
          OrgsyncSObject *sobject = orgsync_sobject_new (name, column_text (stmt, 1),
                                                         sqlite3_column_int (stmt, 2),
                                                         sqlite3_column_int (stmt, 3));

          if (fields != NULL)
            orgsync_sobject_set_fields (sobject, (OrgsyncFieldInfo *) fields->data, fields->len);
          g_ptr_array_add (sobjects, sobject);
          g_hash_table_insert (by_name, (gpointer) orgsync_sobject_get_name (sobject), sobject);
        }
      if (rc != SQLITE_DONE)
        ok = _orgsync_sqlite_set_error (self->db, rc, error);
    }
  else
    ok = FALSE;

  g_hash_table_unref (rows.fields);
  g_string_chunk_free (rows.strings);

  if (!ok || !apply_saved_selection (self, connection_id, by_name, error))
    return NULL;

  store = g_list_store_new (ORGSYNC_TYPE_SOBJECT);
  g_list_store_splice (store, 0, 0, sobjects->pdata, sobjects->len);

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * orgsync_database_begin_run:
 * @started_at: µs since the Unix epoch
 *
 * Returns: the new history row's id, or 0 on error
 */
gint64
orgsync_database_begin_run (OrgsyncDatabase  *self,
                            const char       *connection_id,
                            gint64            started_at,
                            gboolean          full,
                            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), 0);
  g_return_val_if_fail (connection_id != NULL, 0);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "INSERT INTO sync_run (connection_id, started_at, full) VALUES (?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, connection_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, started_at);
  sqlite3_bind_int (stmt, 3, !!full);
  if (!_orgsync_sqlite_step_done (self->db, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/* Adds to the object's counts of the run (call it per page or per object). */
gboolean
orgsync_database_add_run_object (OrgsyncDatabase  *self,
                                 gint64            run_id,
                                 const char       *object,
                                 guint64           added,
                                 guint64           updated,
                                 guint64           deleted,
                                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "INSERT INTO sync_run_object (run_id, object, added, updated, deleted)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5)"
                                  " ON CONFLICT (run_id, object) DO UPDATE SET"
                                  "  added = added + ?3, updated = updated + ?4, deleted = deleted + ?5",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_text (stmt, 2, object, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, added);
  sqlite3_bind_int64 (stmt, 4, updated);
  sqlite3_bind_int64 (stmt, 5, deleted);

  return _orgsync_sqlite_step_done (self->db, stmt, error);
}

gboolean
orgsync_database_finish_run (OrgsyncDatabase   *self,
                             gint64             run_id,
                             gint64             finished_at,
                             OrgsyncRunResult   result,
                             const char        *message,
                             const char        *error_code,
                             guint64            api_calls,
                             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "UPDATE sync_run SET finished_at = ?, result = ?, message = ?,"
                                  " error_code = ?, api_calls = ? WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, finished_at);
  sqlite3_bind_text (stmt, 2, orgsync_run_result_to_string (result), -1, SQLITE_STATIC);
  _orgsync_sqlite_bind_text (stmt, 3, message);
  _orgsync_sqlite_bind_text (stmt, 4, error_code);
  sqlite3_bind_int64 (stmt, 5, api_calls);
  sqlite3_bind_int64 (stmt, 6, run_id);

  return _orgsync_sqlite_step_done (self->db, stmt, error);
}

/* Call while holding the connection's sync lock: any run still "running" then belongs
 * to a process that died. */
gboolean
orgsync_database_close_interrupted_runs (OrgsyncDatabase  *self,
                                         const char       *connection_id,
                                         gint64            now,
                                         GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), FALSE);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "UPDATE sync_run SET result = 'interrupted', finished_at = ?"
                                  " WHERE connection_id = ? AND result = 'running'",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, connection_id, -1, SQLITE_STATIC);

  return _orgsync_sqlite_step_done (self->db, stmt, error);
}

static gboolean
read_run_objects (OrgsyncDatabase  *self,
                  OrgsyncSyncRun   *run,
                  GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "SELECT object, added, updated, deleted FROM sync_run_object"
                                  " WHERE run_id = ? ORDER BY object",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, run->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    orgsync_sync_run_add_object (run, column_text (stmt, 0),
                                 sqlite3_column_int64 (stmt, 1),
                                 sqlite3_column_int64 (stmt, 2),
                                 sqlite3_column_int64 (stmt, 3));

  if (rc != SQLITE_DONE)
    return _orgsync_sqlite_set_error (self->db, rc, error);

  return TRUE;
}

/**
 * orgsync_database_list_runs:
 * @limit: the most recent runs to return, 0 for all
 *
 * Returns: (transfer full) (element-type OrgsyncSyncRun): newest first, or %NULL on
 *   error
 */
GPtrArray *
orgsync_database_list_runs (OrgsyncDatabase  *self,
                            const char       *connection_id,
                            guint             limit,
                            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  int rc;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (connection_id != NULL, NULL);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "SELECT id, started_at, finished_at, result, message, error_code,"
                                  " api_calls, full FROM sync_run WHERE connection_id = ?"
                                  " ORDER BY started_at DESC, id DESC LIMIT ?",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, connection_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) orgsync_sync_run_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OrgsyncSyncRun *run = orgsync_sync_run_new ();

      run->id = sqlite3_column_int64 (stmt, 0);
      run->connection_id = g_strdup (connection_id);
      run->started_at = sqlite3_column_int64 (stmt, 1);
      run->finished_at = sqlite3_column_int64 (stmt, 2);
      run->result = orgsync_run_result_from_string (column_text (stmt, 3));
      run->message = g_strdup (column_text (stmt, 4));
      run->error_code = g_strdup (column_text (stmt, 5));
      run->api_calls = sqlite3_column_int64 (stmt, 6);
      run->full = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (runs, run);
    }

  if (rc != SQLITE_DONE)
    {
      _orgsync_sqlite_set_error (self->db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < runs->len; i++)
    {
      if (!read_run_objects (self, g_ptr_array_index (runs, i), error))
        return NULL;
    }

  return g_steal_pointer (&runs);
}
