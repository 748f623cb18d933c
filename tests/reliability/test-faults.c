/* test-faults.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rel-util.h"

/* The fault matrix of issue 8, through orgsync-cli against orgsync-sim's fault
 * injection. Every row is a first sync of ORGSYNC_REL_RECORDS Account records (100,000
 * in suite large) into a fresh connection, through REST pages or one Bulk API 2.0 job,
 * with one kind of fault:
 *
 *   transient   the fault fires a few times (fewer than the client's attempts): the run
 *               must complete, or — for the kinds marked "may stop" — stop honestly
 *   persistent  the fault fires on every attempt from some request on: the run must
 *               stop with exit code 1 (3 for a lost session), say why in the history
 *               and the status, keep what it wrote consistent with the simulator, and
 *               the next run (faults gone) must converge
 *
 * After every run the table is compared with the simulator's dump (/_sim/records):
 * exactly when the run succeeded, as a subset when it stopped. A row whose fault never
 * fired fails: it would prove nothing. /mixed adds 10% random faults on every endpoint
 * for a first and an incremental sync, with a client that pauses after every send
 * (slow-send.c), so that libsoup's restart of a GET on a reset connection takes the
 * order that used to crash it. */

#define P_REST          "/services/data/*/query*"
#define P_BULK          "/services/data/*/jobs/query*"
#define P_BULK_RESULTS  "/services/data/*/jobs/query/*/results"
#define P_BULK_CREATE   "/services/data/*/jobs/query"

typedef enum
{
  PATH_REST,
  PATH_BULK,
} SyncPath;

typedef enum
{
  EXPECT_COMPLETE,     /* exit 0 */
  EXPECT_ANY,          /* exit 0, or an honest stop (1) and a converging next run */
  EXPECT_STOP,         /* exit 1, then a converging next run */
  EXPECT_REAUTHORIZE,  /* exit 3, then reauthorize and a converging next run */
} Expect;

typedef struct
{
  const char *name;
  SyncPath    path;
  const char *fault;        /* JSON of the fault */
  Expect      expect;
  const char *error_code;   /* the errorCode the status must show after a stop, or NULL */
  gboolean    password;     /* sign in with the password flow (no refresh token) */
  const char *message;      /* what the history's message must say after a stop, or NULL */
} FaultRow;

#define TRANSIENT_REST "\"path\":\"" P_REST "\",\"every\":2,\"times\":2"
#define PERSISTENT_REST "\"path\":\"" P_REST "\",\"times\":1000"
#define TRANSIENT_BULK "\"path\":\"" P_BULK "\",\"every\":2,\"times\":2"
#define PERSISTENT_BULK "\"path\":\"" P_BULK_RESULTS "\",\"times\":1000"

static const FaultRow rows[] = {
  /* REST pages */
  { "rest/503-json", PATH_REST, "{\"kind\":\"status\",\"status\":503," TRANSIENT_REST "}", EXPECT_COMPLETE },
  { "rest/503-html", PATH_REST, "{\"kind\":\"html-maintenance\"," TRANSIENT_REST "}", EXPECT_COMPLETE },
  { "rest/500-unknown-exception", PATH_REST, "{\"kind\":\"status\",\"status\":500," TRANSIENT_REST "}", EXPECT_COMPLETE },
  { "rest/reset-mid-body", PATH_REST, "{\"kind\":\"reset-body\"," TRANSIENT_REST "}", EXPECT_COMPLETE },
  { "rest/truncated", PATH_REST, "{\"kind\":\"truncate\"," TRANSIENT_REST "}", EXPECT_COMPLETE },
  { "rest/malformed-json", PATH_REST, "{\"kind\":\"malformed-json\"," TRANSIENT_REST "}", EXPECT_COMPLETE },
  { "rest/stall-10s", PATH_REST, "{\"kind\":\"delay\",\"delayMs\":10000,\"path\":\"" P_REST "\",\"every\":2,\"times\":1}",
    EXPECT_COMPLETE },
  { "rest/query-timeout", PATH_REST,
    "{\"kind\":\"status\",\"status\":400,\"errorCode\":\"QUERY_TIMEOUT\"," TRANSIENT_REST "}", EXPECT_ANY,
    "QUERY_TIMEOUT" },
  { "rest/invalid-query-locator", PATH_REST,
    "{\"kind\":\"status\",\"status\":400,\"errorCode\":\"INVALID_QUERY_LOCATOR\",\"message\":\"invalid query locator\","
    TRANSIENT_REST "}", EXPECT_COMPLETE, "INVALID_QUERY_LOCATOR" },
  { "rest/session-expired", PATH_REST, "{\"kind\":\"expire-session\"," TRANSIENT_REST "}", EXPECT_COMPLETE },
  { "rest/session-expired-no-refresh-token", PATH_REST, "{\"kind\":\"expire-session\"," TRANSIENT_REST "}",
    EXPECT_REAUTHORIZE, "INVALID_SESSION_ID", TRUE },
  { "rest/persistent-503-json", PATH_REST, "{\"kind\":\"status\",\"status\":503," PERSISTENT_REST "}", EXPECT_STOP,
    "SERVER_UNAVAILABLE" },
  { "rest/persistent-503-html", PATH_REST, "{\"kind\":\"html-maintenance\"," PERSISTENT_REST "}", EXPECT_STOP },
  { "rest/persistent-500", PATH_REST, "{\"kind\":\"status\",\"status\":500," PERSISTENT_REST "}", EXPECT_STOP,
    "UNKNOWN_EXCEPTION" },
  { "rest/persistent-reset-mid-body", PATH_REST, "{\"kind\":\"reset-body\"," PERSISTENT_REST "}", EXPECT_STOP,
    NULL, FALSE, "The connection ended after" },
  { "rest/persistent-truncated", PATH_REST, "{\"kind\":\"truncate\"," PERSISTENT_REST "}", EXPECT_STOP },
  { "rest/persistent-malformed-json", PATH_REST, "{\"kind\":\"malformed-json\"," PERSISTENT_REST "}", EXPECT_STOP },
  { "rest/persistent-query-timeout", PATH_REST,
    "{\"kind\":\"status\",\"status\":400,\"errorCode\":\"QUERY_TIMEOUT\"," PERSISTENT_REST "}", EXPECT_STOP,
    "QUERY_TIMEOUT" },
  { "rest/persistent-invalid-query-locator", PATH_REST,
    "{\"kind\":\"status\",\"status\":400,\"errorCode\":\"INVALID_QUERY_LOCATOR\",\"message\":\"invalid query locator\","
    PERSISTENT_REST "}", EXPECT_STOP, "INVALID_QUERY_LOCATOR" },

  /* Bulk API 2.0: job creation, polls and result chunks */
  { "bulk/503-json", PATH_BULK, "{\"kind\":\"status\",\"status\":503," TRANSIENT_BULK "}", EXPECT_COMPLETE },
  { "bulk/503-html", PATH_BULK, "{\"kind\":\"html-maintenance\"," TRANSIENT_BULK "}", EXPECT_COMPLETE },
  { "bulk/500-unknown-exception", PATH_BULK, "{\"kind\":\"status\",\"status\":500," TRANSIENT_BULK "}", EXPECT_COMPLETE },
  { "bulk/reset-mid-body", PATH_BULK, "{\"kind\":\"reset-body\"," TRANSIENT_BULK "}", EXPECT_COMPLETE },
  { "bulk/truncated", PATH_BULK, "{\"kind\":\"truncate\"," TRANSIENT_BULK "}", EXPECT_COMPLETE },
  { "bulk/malformed-json", PATH_BULK, "{\"kind\":\"malformed-json\"," TRANSIENT_BULK "}", EXPECT_COMPLETE },
  { "bulk/stall-10s", PATH_BULK, "{\"kind\":\"delay\",\"delayMs\":10000,\"path\":\"" P_BULK_RESULTS "\",\"times\":1}",
    EXPECT_COMPLETE },
  { "bulk/session-expired", PATH_BULK, "{\"kind\":\"expire-session\"," TRANSIENT_BULK "}", EXPECT_COMPLETE },
  { "bulk/csv-malformed", PATH_BULK, "{\"kind\":\"csv-malformed\",\"path\":\"" P_BULK_RESULTS "\",\"times\":2}",
    EXPECT_COMPLETE },
  { "bulk/csv-truncated", PATH_BULK, "{\"kind\":\"csv-truncated\",\"path\":\"" P_BULK_RESULTS "\",\"times\":2}",
    EXPECT_COMPLETE },
  { "bulk/job-failed", PATH_BULK, "{\"kind\":\"bulk-failed\",\"path\":\"" P_BULK_CREATE "\",\"times\":1}", EXPECT_ANY },
  { "bulk/job-aborted", PATH_BULK, "{\"kind\":\"bulk-aborted\",\"path\":\"" P_BULK_CREATE "\",\"times\":1}", EXPECT_ANY },
  { "bulk/persistent-503-json", PATH_BULK, "{\"kind\":\"status\",\"status\":503," PERSISTENT_BULK "}", EXPECT_STOP,
    "SERVER_UNAVAILABLE" },
  { "bulk/persistent-503-html", PATH_BULK, "{\"kind\":\"html-maintenance\"," PERSISTENT_BULK "}", EXPECT_STOP },
  { "bulk/persistent-500", PATH_BULK, "{\"kind\":\"status\",\"status\":500," PERSISTENT_BULK "}", EXPECT_STOP,
    "UNKNOWN_EXCEPTION" },
  { "bulk/persistent-reset-mid-body", PATH_BULK, "{\"kind\":\"reset-body\"," PERSISTENT_BULK "}", EXPECT_STOP },
  { "bulk/persistent-truncated", PATH_BULK, "{\"kind\":\"truncate\"," PERSISTENT_BULK "}", EXPECT_STOP },
  { "bulk/persistent-malformed", PATH_BULK, "{\"kind\":\"malformed-json\"," PERSISTENT_BULK "}", EXPECT_STOP },
  { "bulk/persistent-csv-malformed", PATH_BULK, "{\"kind\":\"csv-malformed\"," PERSISTENT_BULK "}", EXPECT_STOP },
  { "bulk/persistent-csv-truncated", PATH_BULK, "{\"kind\":\"csv-truncated\"," PERSISTENT_BULK "}", EXPECT_STOP },
  { "bulk/persistent-job-failed", PATH_BULK, "{\"kind\":\"bulk-failed\",\"path\":\"" P_BULK_CREATE "\"}", EXPECT_STOP },
  { "bulk/persistent-job-aborted", PATH_BULK, "{\"kind\":\"bulk-aborted\",\"path\":\"" P_BULK_CREATE "\"}",
    EXPECT_STOP },
};

/* Bulk-compatible fields with awkward generated values (quotes, commas, newlines,
 * non-Latin scripts, nulls). */
static const char * const fields[] = {
  "Account.Name", "Account.Phone", "Account.Industry", "Account.AnnualRevenue", "Account.NumberOfEmployees",
  "Account.Description", "Account.BillingStreet", "Account.BillingCity", "Account.Website", "Account.Type",
  "Account.CreatedDate", "Account.Score__c", "Account.Is_Strategic__c", "Account.Renewal_Date__c",
  "Account.Last_Review__c", "Account.Discount__c", NULL,
};

typedef struct
{
  CliEnv   env;
  guint    records;
  char    *browser;
  char    *browser_dir;
  guint    connections;
  GString *report;
} Matrix;

static Matrix matrix;

static void
connect_web (CliEnv     *env,
             const char *name)
{
  g_autoptr(GSocketListener) probe = g_socket_listener_new ();
  g_autofree char *callback = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (probe, NULL, NULL);
  g_socket_listener_close (probe);
  callback = g_strdup_printf ("http://127.0.0.1:%u/OauthRedirect", port);
  g_assert_cmpint (cli_run (env, NULL, NULL, "connect", name, "--login-url", env->url, "--web",
                            "--callback", callback, NULL), ==, 0);
}

static void
select_fields (CliEnv     *env,
               const char *name)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);

  g_ptr_array_add (argv, g_strdup (g_getenv ("ORGSYNC_CLI")));
  g_ptr_array_add (argv, g_strdup ("--data-dir"));
  g_ptr_array_add (argv, g_strdup (env->data_dir));
  g_ptr_array_add (argv, g_strdup ("select"));
  g_ptr_array_add (argv, g_strdup (name));
  g_ptr_array_add (argv, g_strdup ("--clear"));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--add"));
      g_ptr_array_add (argv, g_strdup (fields[i]));
    }
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cli_wait (process), ==, 0);
}

static void
use_path (CliEnv   *env,
          SyncPath  path)
{
  /* The last setting wins: cli_env_setenv() only appends. */
  cli_env_setenv (env, "ORGSYNC_BULK_MIN_ROWS", path == PATH_REST ? "1000000000"
                                                : matrix.records > 20000 ? "10000" : "1000");
}

static int
sync_once (CliEnv     *env,
           const char *name,
           guint64    *api_calls)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) summary = NULL;
  int status = cli_run (env, NULL, &out, "sync", name, "--json", NULL);

  *api_calls = 0;
  if (out != NULL && *out != '\0' && (summary = json_from_string (out, NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (summary))
    *api_calls = rel_member_int (summary, "apiCalls");

  return status;
}

/* After a run that stopped: the exit code, the history and the status all say so,
 * and what the run wrote agrees with the simulator. Once a first sync has finished, a
 * transient failure leaves the status Active with the reason in its detail (design.md
 * §4) until failures repeat. */
static void
assert_honest_stop (CliEnv         *env,
                    const char     *name,
                    const FaultRow *row,
                    int             status,
                    gboolean        initial_sync_done)
{
  const char *connection_status;

  g_autoptr(JsonNode) run = rel_last_run (env, name);
  g_autoptr(JsonNode) connection = rel_status (env, name);
  g_autofree char *records = cli_records_path (env, name);
  const char *result = rel_member_string (run, "result");

  if (row->expect == EXPECT_REAUTHORIZE)
    {
      g_assert_cmpint (status, ==, 3);
      g_assert_cmpstr (rel_member_string (connection, "status"), ==, "error");
      g_assert_cmpstr (rel_member_string (connection, "statusAction"), ==, "reauthorize");
    }
  else
    {
      g_assert_cmpint (status, ==, 1);
      connection_status = rel_member_string (connection, "status");
      g_assert_true (g_strcmp0 (connection_status, initial_sync_done ? "active" : "setting-up") == 0 ||
                     g_strcmp0 (connection_status, "error") == 0);
    }

  g_assert_true (g_strcmp0 (result, "failed") == 0 || g_strcmp0 (result, "partial") == 0);
  g_assert_nonnull (rel_member_string (run, "message"));
  g_assert_cmpstr (rel_member_string (run, "message"), !=, "");
  g_assert_nonnull (rel_member_string (connection, "statusDetail"));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (connection), "syncing"));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (connection), "initialSyncDone") ==
                 initial_sync_done);
  if (row->error_code != NULL)
    g_assert_cmpstr (rel_member_string (connection, "errorCode"), ==, row->error_code);
  if (row->message != NULL)
    g_assert_nonnull (strstr (rel_member_string (run, "message"), row->message));

  if (g_file_test (records, G_FILE_TEST_EXISTS))
    {
      rel_assert_integrity (records);
      rel_assert_no_duplicates (records, "Account");
      /* An incremental run that stopped may leave rows it had not reached yet at their
       * previous values (and deleted records not yet removed): only the next run that
       * succeeds must converge. */
      if (!initial_sync_done)
        rel_compare (env, records, "Account", REL_COMPARE_SUBSET, REL_VALUES_LOOSE, NULL);
    }
}

static void
assert_converged (CliEnv     *env,
                  const char *name)
{
  g_autofree char *records = cli_records_path (env, name);
  g_autoptr(JsonNode) connection = rel_status (env, name);

  g_assert_cmpstr (rel_member_string (connection, "status"), ==, "active");
  g_assert_null (rel_member_string (connection, "statusDetail"));
  rel_assert_integrity (records);
  rel_assert_no_duplicates (records, "Account");
  g_assert_cmpuint (rel_compare (env, records, "Account", REL_COMPARE_EXACT, REL_VALUES_LOOSE, NULL), ==,
                    rel_sim_live_count (env, "Account"));
}

static void
test_row (gconstpointer data)
{
  const FaultRow *row = data;
  CliEnv *env = &matrix.env;
  g_autofree char *name = g_strdup_printf ("row %u", ++matrix.connections);
  g_autoptr(GTimer) timer = g_timer_new ();
  guint64 calls = 0, fired;
  int status;

  if (row->password)
    cli_connect (env, name);
  else
    connect_web (env, name);
  select_fields (env, name);
  use_path (env, row->path);

  rel_fault (env, row->fault);
  status = sync_once (env, name, &calls);
  fired = rel_faults_fired (env);
  rel_clear_faults (env);

  g_string_append_printf (matrix.report, "%-42s fired %3" G_GUINT64_FORMAT "  exit %d  %4" G_GUINT64_FORMAT " calls",
                          row->name, fired, status, calls);
  g_test_message ("%s: the fault fired %" G_GUINT64_FORMAT " times; exit %d after %" G_GUINT64_FORMAT " API calls",
                  row->name, fired, status, calls);
  g_assert_cmpuint (fired, >, 0);

  switch (row->expect)
    {
    case EXPECT_COMPLETE:
      g_assert_cmpint (status, ==, 0);
      break;
    case EXPECT_ANY:
      g_assert_true (status == 0 || status == 1);
      break;
    case EXPECT_STOP:
      g_assert_cmpint (status, ==, 1);
      break;
    case EXPECT_REAUTHORIZE:
    default:
      g_assert_cmpint (status, ==, 3);
      break;
    }

  if (status != 0)
    {
      assert_honest_stop (env, name, row, status, FALSE);
      if (status == 3)
        g_assert_cmpint (cli_run (env, "demo1234DEMOTOKEN\n", NULL, "reauthorize", name, "--username",
                                  "demo@orgsync.test", "--password-stdin", NULL), ==, 0);
      status = sync_once (env, name, &calls);
      g_assert_cmpint (status, ==, 0);
      g_string_append_printf (matrix.report, ", then exit 0 after %" G_GUINT64_FORMAT " calls", calls);
    }

  assert_converged (env, name);
  g_string_append_printf (matrix.report, "  (%.0f s)\n", g_timer_elapsed (timer, NULL));

  /* Each row's records.db goes, or the large run would fill the disk. */
  g_assert_cmpint (cli_run (env, NULL, NULL, "remove", name, NULL), ==, 0);
}

/* 10% of the requests to every Salesforce endpoint fail in one of the ways above
 * (OAuth included). Runs go on until one succeeds; every run that stops must do so
 * honestly. Then the same for an incremental sync. */
static void
run_until_success (CliEnv     *env,
                   const char *name,
                   const char *what,
                   gboolean    initial_sync_done)
{
  guint runs = 0;
  int status;
  guint64 calls = 0;

  do
    {
      status = sync_once (env, name, &calls);
      runs++;
      if (status != 0)
        {
          FaultRow any = { what, PATH_REST, NULL, EXPECT_STOP, NULL, FALSE, NULL };

          g_test_message ("%s: run %u stopped with exit %d", what, runs, status);
          g_assert_true (status == 1 || status == 3);
          if (status == 3)
            any.expect = EXPECT_REAUTHORIZE;
          assert_honest_stop (env, name, &any, status, initial_sync_done);
          g_assert_cmpint (status, ==, 1);
        }
    }
  while (status != 0 && runs < 25);

  g_string_append_printf (matrix.report, "%-42s %u runs, faults fired %" G_GUINT64_FORMAT "\n", what, runs,
                          rel_faults_fired (env));
  g_assert_cmpint (status, ==, 0);
}

static void
install_mixed_faults (CliEnv *env)
{
  static const char * const kinds[] = {
    "{\"kind\":\"status\",\"status\":503,\"path\":\"/services/*\",\"probability\":0.015}",
    "{\"kind\":\"status\",\"status\":500,\"path\":\"/services/*\",\"probability\":0.015}",
    "{\"kind\":\"html-maintenance\",\"path\":\"/services/*\",\"probability\":0.015}",
    "{\"kind\":\"reset\",\"path\":\"/services/*\",\"probability\":0.015}",
    "{\"kind\":\"delay\",\"delayMs\":1500,\"path\":\"/services/*\",\"probability\":0.015}",
    "{\"kind\":\"expire-session\",\"path\":\"/services/data/*\",\"probability\":0.015}",
    "{\"kind\":\"status\",\"status\":400,\"errorCode\":\"QUERY_TIMEOUT\",\"path\":\"/services/data/*/query*\",\"probability\":0.01}",
    "{\"kind\":\"reset-body\",\"path\":\"/services/*\",\"probability\":0.02}",
    "{\"kind\":\"truncate\",\"path\":\"/services/*\",\"probability\":0.02}",
    "{\"kind\":\"malformed-json\",\"path\":\"/services/*\",\"probability\":0.02}",
    "{\"kind\":\"csv-malformed\",\"path\":\"" P_BULK_RESULTS "\",\"probability\":0.02}",
    "{\"kind\":\"csv-truncated\",\"path\":\"" P_BULK_RESULTS "\",\"probability\":0.02}",
    "{\"kind\":\"bulk-failed\",\"path\":\"" P_BULK_CREATE "\",\"probability\":0.05}",
    "{\"kind\":\"bulk-aborted\",\"path\":\"" P_BULK_CREATE "\",\"probability\":0.05}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    rel_fault (env, kinds[i]);
}

/* Preloads slow-send into every orgsync-cli this environment runs. */
static void
slow_client (CliEnv *env)
{
  const char *module = g_getenv ("ORGSYNC_REL_SLOW_SEND");
  const char *asan = g_getenv ("ASAN_OPTIONS");
  g_autofree char *asan_options = g_strconcat (asan ? asan : "", asan ? ":" : "", "verify_asan_link_order=0", NULL);

  g_assert_nonnull (module);
  cli_env_setenv (env, "LD_PRELOAD", module);
  /* An instrumented orgsync-cli would refuse a library loaded before ASan's. */
  cli_env_setenv (env, "ASAN_OPTIONS", asan_options);
}

/* Undoes slow_client(). Rows add settings of their own in between, so this adds
 * the old values rather than taking entries away: the last setting wins. */
static void
unslow_client (CliEnv *env)
{
  const char *preload = g_getenv ("LD_PRELOAD");
  const char *asan = g_getenv ("ASAN_OPTIONS");

  cli_env_setenv (env, "LD_PRELOAD", preload ? preload : "");
  cli_env_setenv (env, "ASAN_OPTIONS", asan ? asan : "");
}

static void
test_mixed (gconstpointer data)
{
  SyncPath path = GPOINTER_TO_INT (data);
  CliEnv *env = &matrix.env;
  g_autofree char *name = g_strdup_printf ("mixed %s", path == PATH_REST ? "rest" : "bulk");
  g_autofree char *first = g_strdup_printf ("%s: first sync", name);
  g_autofree char *second = g_strdup_printf ("%s: incremental sync", name);
  g_autofree char *update = g_strdup_printf ("{\"action\":\"update\",\"count\":%u}", matrix.records / 5);
  g_autofree char *create = g_strdup_printf ("{\"action\":\"create\",\"count\":%u}", matrix.records / 50);

  slow_client (env);
  connect_web (env, name);
  select_fields (env, name);
  use_path (env, path);

  install_mixed_faults (env);
  run_until_success (env, name, first, FALSE);
  rel_clear_faults (env);
  assert_converged (env, name);

  /* Changes, deletes, then the incremental run under the same faults */
  rel_sim_post (env, "/_sim/data/Account", update);
  rel_sim_post (env, "/_sim/data/Account", create);
  rel_sim_post (env, "/_sim/data/Account", "{\"action\":\"delete\",\"count\":37}");
  install_mixed_faults (env);
  run_until_success (env, name, second, TRUE);
  rel_clear_faults (env);
  assert_converged (env, name);

  g_assert_cmpint (cli_run (env, NULL, NULL, "remove", name, NULL), ==, 0);
  unslow_client (env);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *records = NULL;
  g_autofree char *log = NULL;
  const char *only = g_getenv ("ORGSYNC_REL_ROWS");
  const char *sim_args[] = { "--records", NULL, "--custom-objects", "0", "--custom-fields", "11", "--bulk-delay", "300",
                             "--callback-any-loopback", "--token-lifetime", "100000", NULL };
  int status;

  rel_test_init (&argc, &argv);

  matrix.records = rel_env_uint ("ORGSYNC_REL_RECORDS", 100000);
  records = g_strdup_printf ("Account=%u,Contact=10,Lead=10,Opportunity=10,Campaign=1", matrix.records);
  sim_args[1] = records;
  matrix.report = g_string_new (NULL);

  cli_env_start (&matrix.env, sim_args);
  matrix.browser_dir = g_dir_make_tmp ("orgsync-rel-browser-XXXXXX", NULL);
  log = g_build_filename (matrix.browser_dir, "browser.log", NULL);
  matrix.browser = rel_browser_script (matrix.browser_dir, log);
  cli_env_setenv (&matrix.env, "ORGSYNC_BROWSER", matrix.browser);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/faults/%s", rows[i].name);

      if (only == NULL || g_pattern_match_simple (only, rows[i].name))
        g_test_add_data_func (path, &rows[i], test_row);
    }
  if (only == NULL || g_pattern_match_simple (only, "mixed/rest"))
    g_test_add_data_func ("/faults/mixed/rest", GINT_TO_POINTER (PATH_REST), test_mixed);
  if (only == NULL || g_pattern_match_simple (only, "mixed/bulk"))
    g_test_add_data_func ("/faults/mixed/bulk", GINT_TO_POINTER (PATH_BULK), test_mixed);

  status = g_test_run ();

  {
    g_auto(GStrv) lines = g_strsplit (matrix.report->str, "\n", -1);

    g_test_message ("Fault matrix, %u records per run:", matrix.records);
    for (guint i = 0; lines[i] != NULL; i++)
      if (*lines[i] != '\0')
        g_test_message ("%s", lines[i]);
  }
  cli_env_stop (&matrix.env);
  g_string_free (matrix.report, TRUE);
  g_free (matrix.browser);
  g_unlink (log);
  g_free (matrix.browser_dir);

  return status;
}
