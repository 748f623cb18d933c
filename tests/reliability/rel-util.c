/* rel-util.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "rel-util.h"

void
rel_sim_post (CliEnv     *env,
              const char *path,
              const char *json)
{
  g_autofree char *url = g_strconcat (env->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/json", request);
  body = soup_session_send_and_read (env->http, message, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (message) >= 300)
    g_error ("POST %s: %u %.*s", path, soup_message_get_status (message), (int) g_bytes_get_size (body),
             (const char *) g_bytes_get_data (body, NULL));
}

JsonNode *
rel_sim_get (CliEnv     *env,
             const char *path)
{
  return sim_request (env, "GET", path, NULL);
}

void
rel_fault (CliEnv     *env,
           const char *json)
{
  rel_sim_post (env, "/_sim/faults", json);
}

void
rel_clear_faults (CliEnv *env)
{
  g_autoptr(JsonNode) reply = sim_request (env, "DELETE", "/_sim/faults", NULL);
}

/* How often the faults installed now have fired. */
guint64
rel_faults_fired (CliEnv *env)
{
  g_autoptr(JsonNode) faults = rel_sim_get (env, "/_sim/faults");
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (faults) ? json_node_get_array (faults) : NULL;
  guint64 fired = 0;

  if (array == NULL && JSON_NODE_HOLDS_OBJECT (faults) &&
      json_object_has_member (json_node_get_object (faults), "faults"))
    array = json_object_get_array_member (json_node_get_object (faults), "faults");
  g_assert_nonnull (array);

  for (guint i = 0; i < json_array_get_length (array); i++)
    fired += json_object_get_int_member (json_array_get_object_element (array, i), "fired");

  return fired;
}

/* The simulator's true count of API calls in the rolling 24 hours. */
gint64
rel_sim_used (CliEnv *env)
{
  g_autoptr(JsonNode) limits = rel_sim_get (env, "/_sim/limits");

  return json_object_get_int_member (json_node_get_object (limits), "used");
}

guint64
rel_sim_live_count (CliEnv     *env,
                    const char *object)
{
  g_autoptr(JsonNode) config = rel_sim_get (env, "/_sim/config");
  JsonObject *objects = json_object_get_object_member (json_node_get_object (config), "objects");

  return json_object_get_int_member (json_object_get_object_member (objects, object), "live");
}

/*
 * Comparisons
 */

static gboolean
value_matches (JsonNode      *expected,
               sqlite3_stmt  *row,
               int            index,
               RelValueFlags  flags,
               GString       *why)
{
  int type = sqlite3_column_type (row, index);
  const char *column = sqlite3_column_name (row, index);

  if (expected == NULL || JSON_NODE_HOLDS_NULL (expected) ||
      (JSON_NODE_HOLDS_VALUE (expected) && json_node_get_value_type (expected) == G_TYPE_STRING &&
       *json_node_get_string (expected) == '\0'))
    {
      if (type == SQLITE_NULL)
        return TRUE;
      g_string_append_printf (why, "%s: expected NULL, found “%.80s”", column, sqlite3_column_text (row, index));
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (expected))
    {
      g_string_append_printf (why, "%s is an object in the simulator but a column here", column);
      return FALSE;
    }

  if (json_node_get_value_type (expected) == G_TYPE_BOOLEAN)
    {
      if (type == SQLITE_INTEGER && sqlite3_column_int (row, index) == (json_node_get_boolean (expected) ? 1 : 0))
        return TRUE;
      g_string_append_printf (why, "%s: expected boolean %d, found “%s”", column,
                              json_node_get_boolean (expected), sqlite3_column_text (row, index));
      return FALSE;
    }

  if (json_node_get_value_type (expected) == G_TYPE_INT64)
    {
      gint64 want = json_node_get_int (expected);

      if (type == SQLITE_INTEGER && sqlite3_column_int64 (row, index) == want)
        return TRUE;
      if (!(flags & REL_VALUES_EXACT) && (type == SQLITE_FLOAT || type == SQLITE_INTEGER) &&
          fabs ((double) want - sqlite3_column_double (row, index)) <= 1e-9 * MAX (1.0, fabs ((double) want)))
        return TRUE;
      g_string_append_printf (why, "%s: expected %" G_GINT64_FORMAT ", found “%s” (type %d)", column, want,
                              sqlite3_column_text (row, index), type);
      return FALSE;
    }

  if (json_node_get_value_type (expected) == G_TYPE_DOUBLE)
    {
      double want = json_node_get_double (expected);
      double have = sqlite3_column_double (row, index);

      if ((type == SQLITE_FLOAT || type == SQLITE_INTEGER) &&
          ((flags & REL_VALUES_EXACT) ? want == have
                                      : fabs (want - have) <= 1e-9 * MAX (1.0, fabs (want))))
        return TRUE;
      g_string_append_printf (why, "%s: expected %.17g, found %.17g (type %d)", column, want, have, type);
      return FALSE;
    }

  {
    g_autofree char *want = cli_normalize_text (json_node_get_string (expected));
    const char *have = (const char *) sqlite3_column_text (row, index);
    int have_len = sqlite3_column_bytes (row, index);

    if (type == SQLITE_TEXT && have != NULL && (gsize) have_len == strlen (want) && memcmp (want, have, have_len) == 0)
      return TRUE;
    g_string_append_printf (why, "%s: expected “%.80s” (%zu bytes), found “%.80s” (%d bytes, type %d)", column,
                            want, strlen (want), have ? have : "(null)", have_len, type);
    return FALSE;
  }
}

static gboolean
row_matches_record (JsonObject    *record,
                    sqlite3_stmt  *row,
                    RelValueFlags  flags,
                    GString       *why)
{
  for (int c = 0; c < sqlite3_column_count (row); c++)
    {
      const char *column = sqlite3_column_name (row, c);

      if (!value_matches (json_object_get_member (record, column), row, c, flags, why))
        return FALSE;
    }

  return TRUE;
}

/* The same row, column for column, in the snapshot taken before the run. */
static gboolean
row_matches_snapshot (sqlite3_stmt *row,
                      sqlite3_stmt *old)
{
  if (old == NULL)
    return FALSE;

  sqlite3_bind_text (old, 1, (const char *) sqlite3_column_text (row, 0), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (old) != SQLITE_ROW || sqlite3_column_count (old) != sqlite3_column_count (row))
    {
      sqlite3_reset (old);
      return FALSE;
    }

  for (int c = 0; c < sqlite3_column_count (row); c++)
    {
      int type = sqlite3_column_type (row, c);

      if (type != sqlite3_column_type (old, c) ||
          g_strcmp0 (sqlite3_column_name (row, c), sqlite3_column_name (old, c)) != 0 ||
          sqlite3_column_bytes (row, c) != sqlite3_column_bytes (old, c) ||
          (type == SQLITE_FLOAT && sqlite3_column_double (row, c) != sqlite3_column_double (old, c)) ||
          (type != SQLITE_NULL && type != SQLITE_FLOAT &&
           memcmp (sqlite3_column_blob (row, c), sqlite3_column_blob (old, c), sqlite3_column_bytes (row, c)) != 0))
        {
          sqlite3_reset (old);
          return FALSE;
        }
    }

  sqlite3_reset (old);
  return TRUE;
}

/* Read-write, never created: right after a SIGKILL the WAL needs recovering, which a
 * read-only connection cannot do (SQLITE_READONLY_RECOVERY). Any next open, the next
 * run's included, recovers it the same way. */
static sqlite3 *
open_existing (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errmsg (db));
  sqlite3_busy_timeout (db, 10000);

  return db;
}

static gboolean
has_table (sqlite3    *db,
           const char *object)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, object, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

/**
 * rel_compare:
 * @snapshot_path: (nullable): a copy of records.db from before the run: in
 *   %REL_COMPARE_SUBSET mode a row may also be exactly as it was there (a change the
 *   stopped run had not reached yet, or a record deleted since)
 *
 * Compares @object's table with the simulator's live records and fails the test on
 * the first difference. Returns how many rows matched a simulator record.
 */
guint64
rel_compare (CliEnv         *env,
             const char     *records_path,
             const char     *object,
             RelCompareMode  mode,
             RelValueFlags   flags,
             const char     *snapshot_path)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM \"%s\" WHERE Id = ?", object);
  g_autofree char *all_ids = g_strdup_printf ("SELECT Id FROM \"%s\"", object);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *row = NULL;
  sqlite3_stmt *old = NULL;
  sqlite3_stmt *ids = NULL;
  sqlite3 *snapshot = NULL;
  sqlite3 *db = open_existing (records_path);
  guint64 matched = 0, extra = 0;

  if (!has_table (db, object))
    {
      /* A stopped first run may not have created the table yet. */
      g_assert_cmpint (mode, ==, REL_COMPARE_SUBSET);
      sqlite3_close (db);
      return 0;
    }

  g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &row, NULL), ==, SQLITE_OK);
  if (snapshot_path != NULL)
    {
      snapshot = open_existing (snapshot_path);
      if (has_table (snapshot, object))
        g_assert_cmpint (sqlite3_prepare_v2 (snapshot, select, -1, &old, NULL), ==, SQLITE_OK);
    }

  for (guint offset = 0;; offset += 2000)
    {
      g_autofree char *request = g_strdup_printf ("/_sim/records/%s?limit=2000&offset=%u", object, offset);
      g_autoptr(JsonNode) page = rel_sim_get (env, request);
      JsonArray *records = json_node_get_array (page);

      if (json_array_get_length (records) == 0)
        break;

      for (guint r = 0; r < json_array_get_length (records); r++)
        {
          JsonObject *record = json_array_get_object_element (records, r);
          const char *id = json_object_get_string_member (record, "Id");
          g_autoptr(GString) why = g_string_new (NULL);

          sqlite3_bind_text (row, 1, id, -1, SQLITE_STATIC);
          if (sqlite3_step (row) != SQLITE_ROW)
            {
              if (mode == REL_COMPARE_EXACT)
                g_error ("%s %s is in the simulator but not in %s", object, id, records_path);
              sqlite3_reset (row);
              continue;
            }

          if (!row_matches_record (record, row, flags, why))
            {
              if (mode == REL_COMPARE_EXACT || !row_matches_snapshot (row, old))
                g_error ("%s %s differs from the simulator: %s", object, id, why->str);
            }
          sqlite3_reset (row);
          g_hash_table_add (seen, g_strdup (id));
          matched++;
        }
    }

  /* Rows without a live record: none when exact; otherwise only as they were before. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, all_ids, -1, &ids, NULL), ==, SQLITE_OK);
  while (sqlite3_step (ids) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (ids, 0);

      if (g_hash_table_contains (seen, id))
        continue;
      extra++;
      if (mode == REL_COMPARE_EXACT)
        g_error ("%s %s is in %s but not a live record in the simulator", object, id, records_path);

      sqlite3_bind_text (row, 1, id, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (row), ==, SQLITE_ROW);
      if (!row_matches_snapshot (row, old))
        g_error ("%s %s is neither a live record nor a row from before the run", object, id);
      sqlite3_reset (row);
    }

  g_clear_pointer (&ids, sqlite3_finalize);
  g_clear_pointer (&row, sqlite3_finalize);
  g_clear_pointer (&old, sqlite3_finalize);
  sqlite3_close (snapshot);
  sqlite3_close (db);
  return matched;
}

void
rel_assert_integrity (const char *db_path)
{
  sqlite3 *db = open_existing (db_path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    g_error ("integrity_check of %s: %s", db_path, sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Every Id once, in its 18-character form. */
void
rel_assert_no_duplicates (const char *records_path,
                          const char *object)
{
  sqlite3 *db = open_existing (records_path);
  g_autofree char *rows = g_strdup_printf ("SELECT count(*) FROM \"%s\"", object);
  g_autofree char *distinct = g_strdup_printf ("SELECT count(DISTINCT Id) FROM \"%s\"", object);
  g_autofree char *bad = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE length(Id) != 18 OR Id IS NULL", object);

  if (has_table (db, object))
    {
      g_assert_cmpint (query_int (db, rows), ==, query_int (db, distinct));
      g_assert_cmpint (query_int (db, bad), ==, 0);
    }
  sqlite3_close (db);
}

gint64
rel_count_rows (const char *records_path,
                const char *object)
{
  sqlite3 *db = open_existing (records_path);
  g_autofree char *rows = g_strdup_printf ("SELECT count(*) FROM \"%s\"", object);
  gint64 n = has_table (db, object) ? query_int (db, rows) : -1;

  sqlite3_close (db);
  return n;
}

/* A consistent copy of records.db (the online backup API), for REL_COMPARE_SUBSET. */
void
rel_snapshot (const char *records_path,
              const char *snapshot_path)
{
  sqlite3 *from = open_existing (records_path);
  sqlite3 *to = NULL;
  sqlite3_backup *backup;

  g_unlink (snapshot_path);
  g_assert_cmpint (sqlite3_open (snapshot_path, &to), ==, SQLITE_OK);
  backup = sqlite3_backup_init (to, "main", from, "main");
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_backup_finish (backup), ==, SQLITE_OK);
  sqlite3_close (to);
  sqlite3_close (from);
}

/* orgsync-cli with @argv (NULL-terminated, after --data-dir), its output thrown away
 * unless @flags say otherwise. */
GSubprocess *
rel_spawnv (CliEnv             *env,
            GSubprocessFlags    flags,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  for (guint i = 0; i < env->env->len; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_ptr_array_index (env->env, i), "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (argv, (gpointer) g_getenv ("ORGSYNC_CLI"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, env->data_dir);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

GSubprocess *
rel_spawn (CliEnv     *env,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return rel_spawnv (env, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, (const char * const *) args->pdata);
}

/*
 * The connection as orgsync-cli reports it
 */

JsonNode *
rel_status (CliEnv     *env,
            const char *name)
{
  return cli_run_json (env, 0, "status", name, "--json", NULL);
}

/* The newest history row. */
JsonNode *
rel_last_run (CliEnv     *env,
              const char *name)
{
  g_autoptr(JsonNode) history = cli_run_json (env, 0, "history", name, "--json", "--limit", "1", NULL);
  JsonArray *array = json_node_get_array (history);

  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return json_node_copy (json_array_get_element (array, 0));
}

const char *
rel_member_string (JsonNode   *node,
                   const char *member)
{
  return json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
}

gint64
rel_member_int (JsonNode   *node,
                const char *member)
{
  return json_object_get_int_member_with_default (json_node_get_object (node), member, -1);
}

/* NAME=VALUE arguments before the test options set defaults for the environment
 * (meson passes a test's size this way; the environment still wins), then
 * g_test_init(). */
void
rel_test_init (int    *argc,
               char ***argv)
{
  int kept = 1;

  for (int i = 1; i < *argc; i++)
    {
      const char *eq = strchr ((*argv)[i], '=');

      if ((*argv)[i][0] != '-' && eq != NULL)
        {
          g_autofree char *name = g_strndup ((*argv)[i], eq - (*argv)[i]);

          g_setenv (name, eq + 1, FALSE);
        }
      else
        (*argv)[kept++] = (*argv)[i];
    }
  (*argv)[kept] = NULL;
  *argc = kept;

  g_test_init (argc, argv, NULL);
}

/* A count from the environment, so that one test runs small in CI and in full locally. */
guint
rel_env_uint (const char *name,
              guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &n, NULL))
    return fallback;

  return (guint) n;
}

/* A browser for ORGSYNC_BROWSER that appends the authorize URL and the redirect it
 * delivers (with the code) to @log_path, then acts as tests/sf/sf-test-browser. */
char *
rel_browser_script (const char *dir,
                    const char *log_path)
{
  g_autofree char *browser = g_test_build_filename (G_TEST_BUILT, "sf", "sf-test-browser", NULL);
  g_autofree char *save = g_build_filename (dir, "redirect.txt", NULL);
  char *script = g_build_filename (dir, "browser.sh", NULL);
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n"
                                           "printf 'authorize %%s\\n' \"$1\" >> '%s'\n"
                                           "ORGSYNC_TEST_BROWSER_MODE=save ORGSYNC_TEST_BROWSER_SAVE='%s' '%s' \"$1\" || exit 1\n"
                                           "printf 'redirect %%s\\n' \"$(cat '%s')\" >> '%s'\n",
                                           log_path, save, browser, save, log_path);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (script, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);

  return script;
}
