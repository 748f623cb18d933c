/* bench-sync.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sync benchmarks of issue 7: orgsync-cli against orgsync-sim (default Bulk
 * delay), run as a person would run them, each printing a table. Figures only: time
 * is never asserted, but a run that fails or syncs the wrong number of rows does.
 *
 *   bench-sync bulk [RECORDS]         (1) initial sync, Bulk API 2.0 (1,000,000)
 *   bench-sync rest [RECORDS]         (2) initial sync, REST query pages (200,000)
 *   bench-sync incremental [RECORDS]  (3) 1% changed and 0.1% soft-deleted after (1)
 *   bench-sync no-change              (4) a run without changes over 24 objects
 *
 * "40 fields" is Id plus the first 39 fields of Account's describe in describe order,
 * skipping compound, base64 and location fields; SystemModstamp is added by the app
 * (it is always synced), so the table has 41 columns. The SQLite ceiling inserts the
 * rows the sync stored, read back batch by batch outside the clock, into an identical
 * table of a fresh file: one prepared INSERT, one transaction per batch, WAL,
 * synchronous=NORMAL (as records.db), best of two rounds. It runs in the same
 * process run as the sync, so that the ratio holds on a noisy machine. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-test-util.h"

#define N_FIELDS        40
#define CEILING_ROUNDS  2
#define RSS_SAMPLE_US   50000

/* Rows per transaction of the sync (ORGSYNC_SYNC_COMMIT_ROWS in the engine, on both
 * paths): the ceiling commits as often. */
#define BULK_BATCH      100000
#define REST_BATCH      100000

/*
 * One orgsync-cli run, measured
 */

typedef struct
{
  double     seconds;
  double     cpu_seconds;      /* user + system of the client */
  gint64     api_calls;        /* the simulator's counter */
  gint64     engine_calls;     /* what the run says it spent */
  gint64     max_rss_kb;       /* getrusage of the child */
  gint64     quarter_rss_kb[4];
  JsonNode  *summary;
  JsonNode  *stats;            /* /_sim/stats of the run */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->summary, json_node_unref);
  g_clear_pointer (&run->stats, json_node_unref);
}

static gint64
read_rss_kb (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, "\nVmRSS:")) == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10);
}

static char **
child_environment (CliEnv *env)
{
  char **envp = g_get_environ ();

  for (guint i = 0; i < env->env->len; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_ptr_array_index (env->env, i), "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  return envp;
}

/* The peak RSS of each quarter of the run: flat when memory does not grow with the
 * number of records. */
static void
quarter_peaks (GArray *samples,
               double  seconds,
               Run    *run)
{
  for (guint i = 0; i < samples->len; i += 2)
    {
      double at = g_array_index (samples, gint64, i) / 1e6;
      gint64 rss = g_array_index (samples, gint64, i + 1);
      guint quarter = MIN (3, (guint) (4 * at / MAX (seconds, 1e-6)));

      run->quarter_rss_kb[quarter] = MAX (run->quarter_rss_kb[quarter], rss);
    }
}

/* Runs orgsync-cli with @argv, output to a file, sampling its memory while it runs;
 * wait4() gives the peak RSS of the process. Returns its exit status. */
static int
measure_cli (CliEnv             *env,
             const char * const *args,
             Run                *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = child_environment (env);
  g_autofree char *out_path = g_build_filename (env->data_dir, "cli-output.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  int status = 0;
  int fd;
  gint64 start;
  GPid pid;
  pid_t done;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ORGSYNC_CLI"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, env->data_dir);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  fd = open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);

  start = g_get_monotonic_time ();
  g_spawn_async_with_pipes_and_fds (NULL, (const char * const *) argv->pdata, (const char * const *) envp,
                                    G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, -1, fd, -1, NULL, NULL, 0,
                                    &pid, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  close (fd);

  while ((done = wait4 (pid, &status, WNOHANG, &usage)) == 0)
    {
      gint64 sample[2] = { g_get_monotonic_time () - start, read_rss_kb (pid) };

      if (sample[1] > 0)
        g_array_append_vals (samples, sample, 2);
      g_usleep (RSS_SAMPLE_US);
    }
  g_assert_cmpint (done, ==, pid);

  run->seconds = (g_get_monotonic_time () - start) / 1e6;
  run->max_rss_kb = usage.ru_maxrss;
  run->cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                     (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  quarter_peaks (samples, run->seconds, run);

  g_file_get_contents (out_path, &out, NULL, &error);
  g_assert_no_error (error);
  run->summary = json_from_string (out, NULL);
  g_spawn_close_pid (pid);

  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

/* The control API of orgsync-sim (its bodies are not NUL-terminated, so not through
 * cli-test-util's sim_request(), which reads them as strings). */
static JsonNode *
sim_json (CliEnv     *env,
          const char *method,
          const char *path,
          const char *json)
{
  g_autofree char *url = g_strconcat (env->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  body = soup_session_send_and_read (env->http, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_get_status (message), <, 300);
  if (g_bytes_get_size (body) == 0)
    return json_node_new (JSON_NODE_NULL);

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static gint64
sim_calls_used (CliEnv *env)
{
  g_autoptr(JsonNode) limits = sim_json (env, "GET", "/_sim/limits", NULL);

  return json_object_get_int_member (json_node_get_object (limits), "used");
}

/* `orgsync-cli sync NAME --json`, with the API calls the simulator counted. */
static void
measure_sync (CliEnv     *env,
              const char *name,
              Run        *run)
{
  const char *args[] = { "sync", name, "--json", NULL };
  g_autoptr(JsonNode) reset = sim_json (env, "DELETE", "/_sim/stats", NULL);
  gint64 used = sim_calls_used (env);
  JsonObject *summary;
  int status;

  memset (run, 0, sizeof *run);
  status = measure_cli (env, args, run);
  if (status != 0 || run->summary == NULL)
    g_error ("orgsync-cli sync exited with %d", status);

  summary = json_node_get_object (run->summary);
  g_assert_cmpstr (json_object_get_string_member (summary, "result"), ==, "success");
  run->engine_calls = json_object_get_int_member (summary, "apiCalls");
  run->api_calls = sim_calls_used (env) - used;
  run->stats = sim_json (env, "GET", "/_sim/stats", NULL);
}

static gint64
summary_count (Run        *run,
               const char *object,
               const char *what)
{
  JsonArray *objects = json_object_get_array_member (json_node_get_object (run->summary), "objects");
  gint64 total = 0;

  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      JsonObject *o = json_array_get_object_element (objects, i);

      if (object == NULL || strcmp (json_object_get_string_member (o, "name"), object) == 0)
        total += json_object_get_int_member (o, what);
    }

  return total;
}

/*
 * The SQLite ceiling
 */

typedef struct
{
  int type;
  int length;
  union
  {
    gint64      integer;
    double      real;
    const char *text;
  } v;
} Cell;

/* Reads up to @n_rows rows of @select into @cells (outside the clock). */
static guint
read_batch (sqlite3_stmt *select,
            guint         n_columns,
            guint         n_rows,
            Cell         *cells,
            GStringChunk *strings)
{
  guint row = 0;

  g_string_chunk_clear (strings);
  for (; row < n_rows && sqlite3_step (select) == SQLITE_ROW; row++)
    for (guint c = 0; c < n_columns; c++)
      {
        Cell *cell = &cells[row * n_columns + c];

        cell->type = sqlite3_column_type (select, c);
        if (cell->type == SQLITE_INTEGER)
          cell->v.integer = sqlite3_column_int64 (select, c);
        else if (cell->type == SQLITE_FLOAT)
          cell->v.real = sqlite3_column_double (select, c);
        else if (cell->type == SQLITE_TEXT)
          {
            cell->length = sqlite3_column_bytes (select, c);
            cell->v.text = g_string_chunk_insert_len (strings, (const char *) sqlite3_column_text (select, c),
                                                      cell->length);
          }
      }

  return row;
}

static void
insert_batch (sqlite3      *db,
              sqlite3_stmt *insert,
              guint         n_columns,
              guint         n_rows,
              const Cell   *cells)
{
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint row = 0; row < n_rows; row++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          const Cell *cell = &cells[row * n_columns + c];

          if (cell->type == SQLITE_INTEGER)
            sqlite3_bind_int64 (insert, c + 1, cell->v.integer);
          else if (cell->type == SQLITE_FLOAT)
            sqlite3_bind_double (insert, c + 1, cell->v.real);
          else if (cell->type == SQLITE_TEXT)
            sqlite3_bind_text (insert, c + 1, cell->v.text, cell->length, SQLITE_STATIC);
          else
            sqlite3_bind_null (insert, c + 1);
        }
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
}

static char *
table_sql (sqlite3    *db,
           const char *table)
{
  sqlite3_stmt *stmt = NULL;
  char *sql;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return sql;
}

static void
remove_db (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* One round: every row of @table in @source into a fresh identical table. Returns the
 * seconds spent inserting (from the first BEGIN to the close, checkpoint included). */
static double
ceiling_round (sqlite3    *source,
               const char *table,
               const char *path,
               guint       batch,
               guint64    *n_rows)
{
  g_autofree char *create = table_sql (source, table);
  g_autofree char *select_sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
  g_autoptr(GString) insert_sql = g_string_new (NULL);
  g_autoptr(GStringChunk) strings = g_string_chunk_new (1 << 20);
  g_autofree Cell *cells = NULL;
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *insert = NULL;
  sqlite3 *db = NULL;
  guint n_columns, n;
  gint64 spent = 0, start;

  remove_db (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, create, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (source, select_sql, -1, &select, NULL), ==, SQLITE_OK);

  n_columns = sqlite3_column_count (select);
  g_string_printf (insert_sql, "INSERT INTO \"%s\" VALUES (?", table);
  for (guint c = 1; c < n_columns; c++)
    g_string_append (insert_sql, ", ?");
  g_string_append (insert_sql, ")");
  g_assert_cmpint (sqlite3_prepare_v2 (db, insert_sql->str, -1, &insert, NULL), ==, SQLITE_OK);

  cells = g_new0 (Cell, (gsize) batch * n_columns);
  *n_rows = 0;
  while ((n = read_batch (select, n_columns, batch, cells, strings)) > 0)
    {
      start = g_get_monotonic_time ();
      insert_batch (db, insert, n_columns, n, cells);
      spent += g_get_monotonic_time () - start;
      *n_rows += n;
    }

  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  start = g_get_monotonic_time ();
  sqlite3_close (db);
  spent += g_get_monotonic_time () - start;
  remove_db (path);

  return spent / 1e6;
}

static double
measure_ceiling (const char *records_path,
                 const char *table,
                 guint64     expected_rows,
                 guint       batch)
{
  g_autofree char *dir = g_path_get_dirname (records_path);
  g_autofree char *path = g_build_filename (dir, "ceiling.db", NULL);
  sqlite3 *source = NULL;
  double best = G_MAXDOUBLE;

  g_assert_cmpint (sqlite3_open_v2 (records_path, &source, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint round = 0; round < CEILING_ROUNDS; round++)
    {
      guint64 n_rows;
      double seconds = ceiling_round (source, table, path, batch, &n_rows);

      g_assert_cmpuint (n_rows, ==, expected_rows);
      best = MIN (best, seconds);
    }
  sqlite3_close (source);

  return best;
}

static gint64
count_rows (const char *records_path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (records_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

/*
 * Set-up
 */

static gboolean
is_skipped_type (const char *type)
{
  return strcmp (type, "address") == 0 || strcmp (type, "location") == 0 || strcmp (type, "base64") == 0;
}

/* `select NAME --clear --add Account.F…` with the 40 fields of the benchmarks. */
static void
select_forty_fields (CliEnv     *env,
                     const char *name)
{
  g_autoptr(JsonNode) fields = cli_run_json (env, 0, "fields", name, "Account", "--json", NULL);
  JsonArray *array = json_node_get_array (fields);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  Run run = { 0, };
  guint added = 0;

  g_ptr_array_add (args, g_strdup ("select"));
  g_ptr_array_add (args, g_strdup (name));
  g_ptr_array_add (args, g_strdup ("--clear"));
  for (guint i = 0; i < json_array_get_length (array) && added < N_FIELDS - 1; i++)
    {
      JsonObject *field = json_array_get_object_element (array, i);
      const char *field_name = json_object_get_string_member (field, "name");

      if (strcmp (field_name, "Id") == 0 || is_skipped_type (json_object_get_string_member (field, "type")))
        continue;
      g_ptr_array_add (args, g_strdup ("--add"));
      g_ptr_array_add (args, g_strdup_printf ("Account.%s", field_name));
      added++;
    }
  g_ptr_array_add (args, NULL);
  g_assert_cmpuint (added, ==, N_FIELDS - 1);

  g_assert_cmpint (measure_cli (env, (const char * const *) args->pdata, &run), ==, 0);
  run_clear (&run);
}

static void
start_org (CliEnv     *env,
           const char *records)
{
  const char *args[] = { "--records", records, NULL };

  cli_env_start (env, args);
  cli_connect (env, "Bench");
}

/*
 * Tables
 */

static void
print_header (const char *title)
{
  g_print ("\n%s\n\n", title);
  g_print ("| %-34s | %9s | %11s | %8s | %9s | %14s | %10s |\n", "", "seconds", "records/s", "ceiling",
           "API calls", "peak RSS (MB)", "client CPU");
  g_print ("|%s|%s|%s|%s|%s|%s|%s|\n", "------------------------------------", "-----------", "-------------",
           "----------", "-----------", "----------------", "------------");
}

static void
print_run (const char *label,
           Run        *run,
           gint64      records,
           double      ceiling_rate)
{
  double rate = records / run->seconds;
  g_autofree char *ratio = ceiling_rate > 0 ? g_strdup_printf ("%.0f %%", 100 * rate / ceiling_rate)
                                            : g_strdup ("");

  g_print ("| %-34s | %9.2f | %11.0f | %8s | %9" G_GINT64_FORMAT " | %14.1f | %8.2f s |\n",
           label, run->seconds, rate, ratio, run->api_calls, run->max_rss_kb / 1024.0, run->cpu_seconds);
}

static void
print_ceiling (double   seconds,
               guint64  records)
{
  g_print ("| %-34s | %9.2f | %11.0f | %8s | %9s | %14s | %10s |\n",
           "SQLite ceiling (same rows)", seconds, records / seconds, "100 %", "", "", "");
}

/* What the simulator served, by endpoint, and the engine's own count. */
static void
print_calls (Run *run)
{
  JsonObject *stats = json_node_get_object (run->stats);
  g_autoptr(GList) members = json_object_get_members (stats);

  g_print ("\nAPI calls: %" G_GINT64_FORMAT " counted by orgsync-sim, %" G_GINT64_FORMAT
           " by the run itself. Requests served:\n", run->api_calls, run->engine_calls);
  for (GList *l = members; l != NULL; l = l->next)
    g_print ("  %-60s %5" G_GINT64_FORMAT "\n", (const char *) l->data,
             json_object_get_int_member (json_object_get_object_member (stats, l->data), "calls"));
}

static void
print_memory (Run *run)
{
  g_print ("Client RSS, peak per quarter of the run (MB): %.1f  %.1f  %.1f  %.1f; peak %.1f\n",
           run->quarter_rss_kb[0] / 1024.0, run->quarter_rss_kb[1] / 1024.0,
           run->quarter_rss_kb[2] / 1024.0, run->quarter_rss_kb[3] / 1024.0, run->max_rss_kb / 1024.0);
}

/*
 * The cases
 */

static void
initial_sync (CliEnv     *env,
              const char *title,
              guint64     records,
              guint       batch,
              Run        *run)
{
  g_autofree char *path = NULL;
  double ceiling;

  select_forty_fields (env, "Bench");
  measure_sync (env, "Bench", run);
  path = cli_records_path (env, "Bench");
  g_assert_cmpint (summary_count (run, "Account", "added"), ==, records);
  g_assert_cmpint (count_rows (path, "Account"), ==, records);

  ceiling = measure_ceiling (path, "Account", records, batch);
  print_header (title);
  print_run ("orgsync-cli sync (end to end)", run, records, records / ceiling);
  print_ceiling (ceiling, records);
  print_calls (run);
  print_memory (run);
  g_print ("Ceiling: %u rows per transaction (as the sync commits), WAL, synchronous=NORMAL, "
           "best of %d rounds\n", batch, CEILING_ROUNDS);
}

static void
bench_initial (guint64  records,
               gboolean rest)
{
  CliEnv env = { 0, };
  g_autofree char *spec = g_strdup_printf ("Account=%" G_GUINT64_FORMAT, records);
  g_autofree char *title = g_strdup_printf ("(%d) Initial sync, %s: %" G_GUINT64_FORMAT
                                            " Account records x %d fields", rest ? 2 : 1,
                                            rest ? "REST query pages" : "Bulk API 2.0", records, N_FIELDS);
  Run run;

  start_org (&env, spec);
  if (rest)
    cli_env_setenv (&env, "ORGSYNC_BULK_MIN_ROWS", "1000000000");
  initial_sync (&env, title, records, rest ? REST_BATCH : BULK_BATCH, &run);

  run_clear (&run);
  cli_env_stop (&env);
}

static void
change_data (CliEnv     *env,
             const char *object,
             const char *action,
             guint64     count)
{
  g_autofree char *path = g_strdup_printf ("/_sim/data/%s", object);
  g_autofree char *body = g_strdup_printf ("{\"action\":\"%s\",\"count\":%" G_GUINT64_FORMAT "}", action, count);
  g_autoptr(JsonNode) reply = sim_json (env, "POST", path, body);
  JsonNode *ids = json_object_get_member (json_node_get_object (reply), "ids");

  g_assert_cmpuint (json_array_get_length (json_node_get_array (ids)), ==, count);
}

static void
bench_incremental (guint64 records)
{
  CliEnv env = { 0, };
  g_autofree char *spec = g_strdup_printf ("Account=%" G_GUINT64_FORMAT, records);
  g_autofree char *path = NULL;
  guint64 deleted = records / 1000, updated = records / 100;
  Run initial, run;

  start_org (&env, spec);
  initial_sync (&env, "(3) set-up: (1) again", records, BULK_BATCH, &initial);
  run_clear (&initial);

  /* Deleted first: updates take the first live records, so the two sets differ. */
  change_data (&env, "Account", "delete", deleted);
  change_data (&env, "Account", "update", updated);
  measure_sync (&env, "Bench", &run);
  path = cli_records_path (&env, "Bench");
  g_assert_cmpint (summary_count (&run, "Account", "deleted"), ==, deleted);
  g_assert_cmpint (summary_count (&run, "Account", "updated"), ==, updated);
  g_assert_cmpint (count_rows (path, "Account"), ==, records - deleted);

  g_print ("\n(3) Incremental after (1): %" G_GUINT64_FORMAT " records changed (1 %%) and %" G_GUINT64_FORMAT
           " soft-deleted (0.1 %%) in orgsync-sim\n\n", updated, deleted);
  g_print ("| %-34s | %9s | %9s | %9s | %9s | %14s |\n", "", "seconds", "updated", "deleted", "API calls",
           "peak RSS (MB)");
  g_print ("|------------------------------------|-----------|-----------|-----------|-----------|----------------|\n");
  g_print ("| %-34s | %9.2f | %9" G_GUINT64_FORMAT " | %9" G_GUINT64_FORMAT " | %9" G_GINT64_FORMAT
           " | %14.1f |\n", "orgsync-cli sync (incremental)", run.seconds, updated, deleted, run.api_calls,
           run.max_rss_kb / 1024.0);
  print_calls (&run);

  run_clear (&run);
  cli_env_stop (&env);
}

/* Lead, Account, Contact, Opportunity and the 20 custom objects, every field. */
static void
select_no_change_objects (CliEnv *env)
{
  g_autoptr(JsonNode) objects = cli_run_json (env, 0, "objects", "Bench", "--json", NULL);
  JsonArray *array = json_node_get_array (objects);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *standard[] = { "Lead", "Account", "Contact", "Opportunity" };
  guint custom = 0;
  Run run = { 0, };

  g_ptr_array_add (args, (gpointer) "select");
  g_ptr_array_add (args, (gpointer) "Bench");
  g_ptr_array_add (args, (gpointer) "--clear");
  for (guint i = 0; i < G_N_ELEMENTS (standard); i++)
    {
      g_ptr_array_add (args, (gpointer) "--object");
      g_ptr_array_add (args, (gpointer) standard[i]);
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (!json_object_get_boolean_member (object, "custom"))
        continue;
      g_ptr_array_add (args, (gpointer) "--object");
      g_ptr_array_add (args, (gpointer) json_object_get_string_member (object, "name"));
      custom++;
    }
  g_ptr_array_add (args, NULL);
  g_assert_cmpuint (custom, ==, 20);

  g_assert_cmpint (measure_cli (env, (const char * const *) args->pdata, &run), ==, 0);
  run_clear (&run);
}

static void
bench_no_change (void)
{
  CliEnv env = { 0, };
  const char *args[] = { "--custom-objects", "20", NULL };
  Run initial, runs[2];

  cli_env_start (&env, args);
  cli_connect (&env, "Bench");
  select_no_change_objects (&env);
  measure_sync (&env, "Bench", &initial);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      measure_sync (&env, "Bench", &runs[i]);
      g_assert_cmpint (summary_count (&runs[i], NULL, "added") + summary_count (&runs[i], NULL, "updated") +
                       summary_count (&runs[i], NULL, "deleted"), ==, 0);
    }

  g_print ("\n(4) No-change run: Lead, Account, Contact, Opportunity and 20 custom objects "
           "(every field, default record counts)\n\n");
  g_print ("| %-34s | %9s | %9s | %14s |\n", "", "seconds", "API calls", "peak RSS (MB)");
  g_print ("|------------------------------------|-----------|-----------|----------------|\n");
  g_print ("| %-34s | %9.2f | %9" G_GINT64_FORMAT " | %14.1f |\n", "initial sync (set-up)",
           initial.seconds, initial.api_calls, initial.max_rss_kb / 1024.0);
  g_print ("| %-34s | %9.2f | %9" G_GINT64_FORMAT " | %14.1f |\n", "first run without changes",
           runs[0].seconds, runs[0].api_calls, runs[0].max_rss_kb / 1024.0);
  g_print ("| %-34s | %9.2f | %9" G_GINT64_FORMAT " | %14.1f |\n", "second run without changes",
           runs[1].seconds, runs[1].api_calls, runs[1].max_rss_kb / 1024.0);
  print_calls (&runs[0]);

  run_clear (&initial);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    run_clear (&runs[i]);
  cli_env_stop (&env);
}

static void
print_machine (void)
{
  g_autofree char *cpuinfo = NULL;
  const char *model = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL) &&
      (model = strstr (cpuinfo, "model name")) != NULL)
    model = strchr (model, ':');
  g_print ("Machine: %u CPUs (%.*s), SQLite %s; simulator and client on the same machine\n",
           g_get_num_processors (), model ? (int) strcspn (model + 2, "\n") : 7,
           model ? model + 2 : "unknown", sqlite3_libversion ());
}

int
main (int   argc,
      char *argv[])
{
  const char *which = argc > 1 ? argv[1] : "";
  guint64 records = argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : 0;

  print_machine ();
  if (strcmp (which, "bulk") == 0)
    bench_initial (records ? records : 1000000, FALSE);
  else if (strcmp (which, "rest") == 0)
    bench_initial (records ? records : 200000, TRUE);
  else if (strcmp (which, "incremental") == 0)
    bench_incremental (records ? records : 1000000);
  else if (strcmp (which, "no-change") == 0)
    bench_no_change ();
  else
    {
      g_printerr ("Usage: bench-sync bulk|rest|incremental [RECORDS] | no-change\n");
      return 64;
    }

  return 0;
}
