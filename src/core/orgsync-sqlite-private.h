/* orgsync-sqlite-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* How long a writer waits for another process (GUI, CLI, daemon) to finish its write
 * transaction before giving up with a clear error. */
#define ORGSYNC_SQLITE_BUSY_TIMEOUT_MS 10000

sqlite3      *_orgsync_sqlite_open        (const char  *path,
                                           GError     **error);
gboolean      _orgsync_sqlite_set_error   (sqlite3     *db,
                                           int          rc,
                                           GError     **error);
gboolean      _orgsync_sqlite_exec        (sqlite3     *db,
                                           const char  *sql,
                                           GError     **error);
sqlite3_stmt *_orgsync_sqlite_prepare     (sqlite3     *db,
                                           const char  *sql,
                                           GError     **error);
gboolean      _orgsync_sqlite_step_done   (sqlite3     *db,
                                           sqlite3_stmt *stmt,
                                           GError     **error);
void          _orgsync_sqlite_rollback    (sqlite3     *db);
void          _orgsync_sqlite_bind_text   (sqlite3_stmt *stmt,
                                           int          index,
                                           const char  *text);

G_END_DECLS
