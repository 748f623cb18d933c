/* orgsync-database-migrations.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "orgsync-database-private.h"
#include "orgsync-error.h"
#include "orgsync-sqlite-private.h"

/* The schema of orgsync.db, as steps. PRAGMA user_version is the number of steps
 * applied. To change the schema, append a step: never edit one that has shipped, since
 * existing databases have already run it. Each step runs in its own transaction
 * together with the user_version bump, so a crash leaves the previous version. Times
 * are microseconds since the Unix epoch (UTC). No secrets are ever stored here. */
static const char * const migrations[] = {
  /* 1: connections, field selections and the describe cache */
  "CREATE TABLE connection ("
  "  id TEXT PRIMARY KEY,"
  "  display_name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"          /* case-folded name: unique (design.md §8) */
  "  login_url TEXT,"
  "  instance_url TEXT,"
  "  org_id TEXT,"
  "  user_id TEXT,"
  "  username TEXT,"
  "  client_id TEXT,"
  "  status TEXT NOT NULL DEFAULT 'setting-up',"
  "  status_detail TEXT,"
  "  status_action TEXT NOT NULL DEFAULT 'none',"
  "  error_code TEXT,"
  "  error_message TEXT,"
  "  resume_at INTEGER,"
  "  failure_count INTEGER NOT NULL DEFAULT 0,"
  "  initial_sync_done INTEGER NOT NULL DEFAULT 0,"
  "  sync_enabled INTEGER NOT NULL DEFAULT 1,"
  "  update_frequency TEXT NOT NULL DEFAULT '1h',"
  "  quota_threshold INTEGER NOT NULL DEFAULT 80 CHECK (quota_threshold BETWEEN 10 AND 95),"
  "  last_sync INTEGER,"
  "  next_sync INTEGER,"
  "  paused_at INTEGER,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE field_selection ("
  "  connection_id TEXT NOT NULL REFERENCES connection (id) ON DELETE CASCADE,"
  "  object TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  PRIMARY KEY (connection_id, object, field)"
  ") WITHOUT ROWID;"
  "CREATE TABLE describe_object ("
  "  connection_id TEXT NOT NULL REFERENCES connection (id) ON DELETE CASCADE,"
  "  object TEXT NOT NULL,"
  "  label TEXT,"
  "  custom INTEGER NOT NULL DEFAULT 0,"
  "  queryable INTEGER NOT NULL DEFAULT 1,"
  "  last_modified TEXT,"                     /* the Last-Modified header, for If-Modified-Since */
  "  fetched_at INTEGER NOT NULL,"
  "  raw_json TEXT,"
  "  PRIMARY KEY (connection_id, object)"
  ");"
  /* The fields of a describe in a compact form, so that the customizer opens without
   * parsing hundreds of JSON documents. */
  "CREATE TABLE describe_field ("
  "  connection_id TEXT NOT NULL,"
  "  object TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  label TEXT,"
  "  type TEXT NOT NULL,"
  "  length INTEGER NOT NULL DEFAULT 0,"
  "  flags INTEGER NOT NULL DEFAULT 0,"
  "  compound TEXT,"
  "  PRIMARY KEY (connection_id, object, position),"
  "  FOREIGN KEY (connection_id, object) REFERENCES describe_object (connection_id, object)"
  "    ON DELETE CASCADE"
  ") WITHOUT ROWID;",

  /* 2: sync history, API-usage samples and the calls the quota governor counted */
  "CREATE TABLE sync_run ("
  "  id INTEGER PRIMARY KEY,"
  "  connection_id TEXT NOT NULL REFERENCES connection (id) ON DELETE CASCADE,"
  "  started_at INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  result TEXT NOT NULL DEFAULT 'running',"
  "  message TEXT,"
  "  error_code TEXT,"
  "  api_calls INTEGER NOT NULL DEFAULT 0,"
  "  full INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX sync_run_by_connection ON sync_run (connection_id, started_at);"
  "CREATE TABLE sync_run_object ("
  "  run_id INTEGER NOT NULL REFERENCES sync_run (id) ON DELETE CASCADE,"
  "  object TEXT NOT NULL,"
  "  added INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (run_id, object)"
  ") WITHOUT ROWID;"
  /* Samples are per org, not per connection: connections to one org share its quota. */
  "CREATE TABLE api_sample ("
  "  org_id TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  used INTEGER NOT NULL,"
  "  max INTEGER NOT NULL,"
  "  source TEXT NOT NULL DEFAULT 'header'"
  ");"
  "CREATE INDEX api_sample_by_org ON api_sample (org_id, at);"
  "CREATE TABLE api_call ("
  "  org_id TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  connection_id TEXT"
  ");"
  "CREATE INDEX api_call_by_org ON api_call (org_id, at);",
};

int
_orgsync_database_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static int
read_user_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  return version;
}

static gboolean
apply_step (sqlite3  *db,
            int       from_version,
            GError  **error)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", from_version + 1);

  if (!_orgsync_sqlite_exec (db, migrations[from_version], error) ||
      !_orgsync_sqlite_exec (db, bump, error))
    {
      g_prefix_error (error, _("Could not update the database to version %d: "), from_version + 1);
      return FALSE;
    }

  return TRUE;
}

/**
 * _orgsync_database_migrate:
 * @target_version: the version to stop at (tests use older ones)
 *
 * Brings the schema up to @target_version. Two processes may open orgsync.db at the
 * same time (GUI and CLI): the version is read again inside BEGIN IMMEDIATE, so only
 * one of them migrates.
 */
gboolean
_orgsync_database_migrate (sqlite3  *db,
                           int       target_version,
                           GError  **error)
{
  int version;

  g_return_val_if_fail (target_version <= (int) G_N_ELEMENTS (migrations), FALSE);

  for (;;)
    {
      if (!_orgsync_sqlite_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      version = read_user_version (db);
      if (version < 0)
        {
          _orgsync_sqlite_rollback (db);
          return _orgsync_sqlite_set_error (db, sqlite3_errcode (db), error);
        }

      if (version > (int) G_N_ELEMENTS (migrations))
        {
          _orgsync_sqlite_rollback (db);
          g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE_TOO_NEW,
                       _("The settings database was written by a newer version of Org Sync "
                         "(schema %d, this version knows %d). Update Org Sync."),
                       version, (int) G_N_ELEMENTS (migrations));
          return FALSE;
        }

      if (version >= target_version)
        return _orgsync_sqlite_exec (db, "COMMIT", error);

      if (!apply_step (db, version, error))
        {
          _orgsync_sqlite_rollback (db);
          return FALSE;
        }

      if (!_orgsync_sqlite_exec (db, "COMMIT", error))
        {
          _orgsync_sqlite_rollback (db);
          return FALSE;
        }
    }
}
