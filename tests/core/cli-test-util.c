/* cli-test-util.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "cli-test-util.h"

/* A failed assertion must not leave the simulator running (and holding the test's
 * stderr open until meson's time-out). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
cli_env_start (CliEnv             *env,
               const char * const *sim_args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  const char *sim = g_getenv ("ORGSYNC_SIM");

  g_assert_nonnull (sim);
  g_strv_builder_add (builder, sim);
  if (sim_args != NULL)
    g_strv_builder_addv (builder, (const char **) sim_args);
  argv = g_strv_builder_end (builder);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  env->sim = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (env->sim));
  env->url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (env->url);

  env->data_dir = g_dir_make_tmp ("orgsync-cli-test-XXXXXX", &error);
  g_assert_no_error (error);
  env->http = soup_session_new ();
  env->env = g_ptr_array_new_with_free_func (g_free);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
cli_env_stop (CliEnv *env)
{
  g_subprocess_send_signal (env->sim, SIGTERM);
  g_subprocess_wait (env->sim, NULL, NULL);
  g_clear_object (&env->sim);
  remove_tree (env->data_dir);
  g_clear_pointer (&env->data_dir, g_free);
  g_clear_pointer (&env->url, g_free);
  g_clear_object (&env->http);
  g_clear_pointer (&env->env, g_ptr_array_unref);
}

void
cli_env_setenv (CliEnv     *env,
                const char *name,
                const char *value)
{
  g_ptr_array_add (env->env, g_strdup_printf ("%s=%s", name, value));
}

static GSubprocess *
spawn (CliEnv     *env,
       gboolean    with_input,
       gboolean    capture,
       gboolean    capture_err,
       const char *first,
       va_list     args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_NONE;
  GSubprocess *process;

  if (with_input)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  /* Never onto our own stdout: it is the TAP stream. */
  flags |= capture ? G_SUBPROCESS_FLAGS_STDOUT_PIPE : G_SUBPROCESS_FLAGS_STDOUT_SILENCE;
  if (capture_err)
    flags |= G_SUBPROCESS_FLAGS_STDERR_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  for (guint i = 0; i < env->env->len; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_ptr_array_index (env->env, i), "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (argv, (gpointer) g_getenv ("ORGSYNC_CLI"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, env->data_dir);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

int
cli_wait (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (process))
    return 128 + g_subprocess_get_term_sig (process);

  return g_subprocess_get_exit_status (process);
}

static int
run_va (CliEnv      *env,
        const char  *input,
        char       **out,
        char       **err,
        const char  *first,
        va_list      args)
{
  g_autoptr(GSubprocess) process = spawn (env, input != NULL, TRUE, err != NULL, first, args);
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;

  g_subprocess_communicate_utf8 (process, input, NULL, &stdout_text, err, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);

  return cli_wait (process);
}

int
cli_run (CliEnv      *env,
         const char  *input,
         char       **out,
         const char  *first,
         ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = run_va (env, input, out, NULL, first, args);
  va_end (args);

  return status;
}

/* Like cli_run(), with standard error in @err instead of the test's own. */
int
cli_run_err (CliEnv      *env,
             const char  *input,
             char       **err,
             const char  *first,
             ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = run_va (env, input, NULL, err, first, args);
  va_end (args);

  return status;
}

GSubprocess *
cli_spawn (CliEnv     *env,
           const char *first,
           ...)
{
  va_list args;
  GSubprocess *process;

  va_start (args, first);
  process = spawn (env, FALSE, FALSE, FALSE, first, args);
  va_end (args);

  return process;
}

JsonNode *
cli_run_json (CliEnv     *env,
              int         expected_status,
              const char *first,
              ...)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  int status;
  JsonNode *node;

  va_start (args, first);
  status = run_va (env, NULL, &out, NULL, first, args);
  va_end (args);

  g_assert_cmpint (status, ==, expected_status);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

JsonNode *
sim_request (CliEnv     *env,
             const char *method,
             const char *path,
             const char *json)
{
  g_autofree char *url = g_strconcat (env->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  body = soup_session_send_and_read (env->http, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_get_status (message), <, 300);
  node = json_from_string (g_bytes_get_size (body) ? g_bytes_get_data (body, NULL) : "null", &error);
  g_assert_no_error (error);

  return node;
}

/* Connects NAME with the password flow of the simulator's default user. */
void
cli_connect (CliEnv     *env,
             const char *name)
{
  g_assert_cmpint (cli_run (env, "demo1234DEMOTOKEN\n", NULL, "connect", name, "--login-url", env->url,
                            "--username", "demo@orgsync.test", "--password-stdin", NULL), ==, 0);
}

char *
cli_records_path (CliEnv     *env,
                  const char *name)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (cli_run (env, NULL, &out, "db-path", name, NULL), ==, 0);
  return g_strdup (g_strstrip (out));
}

/* REST datetimes end in +0000; records.db keeps Z (design.md §8). */
char *
cli_normalize_text (const char *text)
{
  gsize n = strlen (text);

  if (n == 28 && text[10] == 'T' && g_str_has_suffix (text, "+0000"))
    return g_strdup_printf ("%.23sZ", text);

  return g_strdup (text);
}

static void
compare_value (const char   *object,
               const char   *id,
               const char   *column,
               JsonNode     *expected,
               sqlite3_stmt *row,
               int           index)
{
  int type = sqlite3_column_type (row, index);

  if (expected == NULL || JSON_NODE_HOLDS_NULL (expected) ||
      (json_node_get_value_type (expected) == G_TYPE_STRING && *json_node_get_string (expected) == '\0'))
    {
      if (type != SQLITE_NULL)
        g_error ("%s %s.%s: expected NULL, found %s", object, id, column, sqlite3_column_text (row, index));
      return;
    }

  if (!JSON_NODE_HOLDS_VALUE (expected))
    g_error ("%s.%s is an object in the simulator but a column here", object, column);

  if (json_node_get_value_type (expected) == G_TYPE_BOOLEAN)
    {
      g_assert_cmpint (type, ==, SQLITE_INTEGER);
      g_assert_cmpint (sqlite3_column_int (row, index), ==, json_node_get_boolean (expected) ? 1 : 0);
    }
  else if (json_node_get_value_type (expected) == G_TYPE_INT64 ||
           json_node_get_value_type (expected) == G_TYPE_DOUBLE)
    {
      double want = json_node_get_double (expected);
      double have = sqlite3_column_double (row, index);

      if (fabs (want - have) > 1e-9 * MAX (1.0, fabs (want)))
        g_error ("%s %s.%s: expected %.17g, found %.17g", object, id, column, want, have);
    }
  else
    {
      g_autofree char *want = cli_normalize_text (json_node_get_string (expected));
      const char *have = (const char *) sqlite3_column_text (row, index);

      if (g_strcmp0 (want, have) != 0)
        g_error ("%s %s.%s: expected “%s”, found “%s”", object, id, column, want, have);
    }
}

/* Every live record of @object in the simulator is a row with the same values, and
 * there is no other row. Returns how many rows were compared. */
guint64
compare_with_sim (CliEnv     *env,
                  const char *name,
                  const char *object)
{
  g_autofree char *path = cli_records_path (env, name);
  g_autofree char *select = g_strdup_printf ("SELECT * FROM \"%s\" WHERE Id = ?", object);
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", object);
  sqlite3_stmt *row = NULL;
  sqlite3_stmt *count = NULL;
  sqlite3 *db = NULL;
  guint64 compared = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &row, NULL), ==, SQLITE_OK);

  for (guint offset = 0;; offset += 2000)
    {
      g_autofree char *request = g_strdup_printf ("/_sim/records/%s?limit=2000&offset=%u", object, offset);
      g_autoptr(JsonNode) page = sim_request (env, "GET", request, NULL);
      JsonArray *records = json_node_get_array (page);

      if (json_array_get_length (records) == 0)
        break;

      for (guint r = 0; r < json_array_get_length (records); r++)
        {
          JsonObject *record = json_array_get_object_element (records, r);
          const char *id = json_object_get_string_member (record, "Id");

          sqlite3_bind_text (row, 1, id, -1, SQLITE_STATIC);
          if (sqlite3_step (row) != SQLITE_ROW)
            g_error ("%s %s is in the simulator but not synced", object, id);
          for (int c = 0; c < sqlite3_column_count (row); c++)
            compare_value (object, id, sqlite3_column_name (row, c),
                           json_object_get_member (record, sqlite3_column_name (row, c)), row, c);
          sqlite3_reset (row);
          compared++;
        }
    }

  g_assert_cmpint (sqlite3_prepare_v2 (db, count_sql, -1, &count, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (count, 0), ==, compared);

  g_clear_pointer (&row, sqlite3_finalize);
  g_clear_pointer (&count, sqlite3_finalize);
  sqlite3_close (db);
  return compared;
}

/* Waits (bounded) until a sync of @name holds its lock. */
gboolean
cli_wait_syncing (CliEnv     *env,
                  const char *name)
{
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(JsonNode) status = cli_run_json (env, 0, "status", name, "--json", NULL);

      if (json_object_get_boolean_member (json_node_get_object (status), "syncing"))
        return TRUE;
      g_usleep (50000);
    }

  return FALSE;
}
