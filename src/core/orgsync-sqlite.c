/* orgsync-sqlite.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "orgsync-error.h"
#include "orgsync-sqlite-private.h"

/* Shared by orgsync.db and records.db: opening with the same settings and turning
 * SQLite's result codes into errors a person can act on. */

/**
 * _orgsync_sqlite_open:
 *
 * Opens (creating) a database in WAL mode. The handle belongs to the thread that uses
 * it: SQLITE_OPEN_NOMUTEX, so never share one between threads (open one per thread).
 *
 * synchronous=NORMAL in WAL mode never corrupts the file and keeps every transaction
 * atomic; what it gives up is durability of the last commits on power loss (not on a
 * crash of the process). A lost commit takes its page and its checkpoint with it, so
 * the next run fetches the page again and the upsert by Id makes that idempotent.
 */
sqlite3 *
_orgsync_sqlite_open (const char  *path,
                      GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE,
                   _("Could not open the database “%s”: %s"),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, ORGSYNC_SQLITE_BUSY_TIMEOUT_MS);

  if (!_orgsync_sqlite_exec (db,
                             "PRAGMA journal_mode=WAL;"
                             "PRAGMA synchronous=NORMAL;"
                             "PRAGMA foreign_keys=ON;",
                             error))
    {
      g_prefix_error (error, _("Could not open the database “%s”: "), path);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/* Always returns FALSE, so that callers can "return _orgsync_sqlite_set_error (…)". */
gboolean
_orgsync_sqlite_set_error (sqlite3  *db,
                           int       rc,
                           GError  **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DISK_FULL,
                   _("The disk is full. Nothing of the last change was saved and the "
                     "data saved before is intact. Free some space, then sync again."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE,
                   _("The database is busy in another program; try again later (%s)."),
                   detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE,
                   _("The database cannot be written; check the folder’s permissions (%s)."),
                   detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE,
                   _("The database file is damaged (%s)."), detail);
      break;
    default:
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE,
                   _("Database error: %s"), detail);
      break;
    }

  return FALSE;
}

gboolean
_orgsync_sqlite_exec (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _orgsync_sqlite_set_error (db, rc, error);

  return TRUE;
}

sqlite3_stmt *
_orgsync_sqlite_prepare (sqlite3     *db,
                         const char  *sql,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _orgsync_sqlite_set_error (db, rc, error);
      return NULL;
    }

  return stmt;
}

/* Steps a statement that returns no rows and resets it for the next use. */
gboolean
_orgsync_sqlite_step_done (sqlite3       *db,
                           sqlite3_stmt  *stmt,
                           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _orgsync_sqlite_set_error (db, rc, error);

  return TRUE;
}

/* After SQLITE_FULL and a few other errors SQLite has already rolled back. */
void
_orgsync_sqlite_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

void
_orgsync_sqlite_bind_text (sqlite3_stmt *stmt,
                           int           index,
                           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}
