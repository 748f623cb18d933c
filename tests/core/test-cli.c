/* test-cli.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "cli-test-util.h"

/* ORGSYNC_CONNECTION_NAME_MAX: this driver sees orgsync-cli only from outside. */
#define CONNECTION_NAME_MAX 80

/* orgsync-cli end to end, in a temporary data dir with a real keyring (suite keyring),
 * against orgsync-sim. Every synced table is compared with the simulator's own dump. */

static const char * const objects[] = { "Account", "Contact", "Lead", "Opportunity", NULL };

static gint64
member_int (JsonNode   *node,
            const char *name)
{
  return json_object_get_int_member (json_node_get_object (node), name);
}

static const char *
member_string (JsonNode   *node,
               const char *name)
{
  return json_object_get_string_member_with_default (json_node_get_object (node), name, NULL);
}

static void
compare_all (CliEnv     *env,
             const char *name)
{
  for (guint i = 0; objects[i] != NULL; i++)
    compare_with_sim (env, name, objects[i]);
}

static gint64
sync_json (CliEnv     *env,
           const char *name,
           int         expected)
{
  g_autoptr(JsonNode) summary = cli_run_json (env, expected, "sync", name, "--json", NULL);

  return member_int (summary, "apiCalls");
}

static void
start_sim (CliEnv     *env,
           const char *records)
{
  const char *args[] = { "--records", records, "--callback-any-loopback", NULL };

  cli_env_start (env, args);
}

/* connect, check, preset, full sync, no-change, changes, fields, history, remove */
static void
test_lifecycle (void)
{
  CliEnv env = { 0, };
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonNode) estimate = NULL;
  g_autofree char *records = NULL;

  start_sim (&env, "Account=2500,Contact=1500,Lead=800,Opportunity=600");
  cli_connect (&env, "Acme");

  list = cli_run_json (&env, 0, "list", "--json", NULL);
  g_assert_cmpint (json_array_get_length (json_node_get_array (list)), ==, 1);
  check = cli_run_json (&env, 0, "check", "Acme", "--json", NULL);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (check), "passed"));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (check), "checks")), ==, 7);

  /* Nothing selected yet; a dry run estimates and stores nothing */
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Acme", NULL), ==, 1);
  estimate = cli_run_json (&env, 0, "select", "Acme", "--preset", "partner-overlap", "--dry-run", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (estimate), "records"), >=, 2500 + 1500 + 800 + 600);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (estimate), "apiCalls"), >, 1);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Acme", NULL), ==, 1);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Acme", "--preset", "partner-overlap", NULL), ==, 0);

  /* Full sync, then a run without changes: one /composite call for four objects */
  g_assert_cmpint (sync_json (&env, "Acme", 0), ==,
                   json_object_get_int_member (json_node_get_object (estimate), "apiCalls"));
  compare_all (&env, "Acme");
  g_clear_pointer (&estimate, json_node_unref);
  estimate = cli_run_json (&env, 0, "select", "Acme", "--dry-run", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (estimate), "records"), ==, 0);
  g_assert_cmpint (sync_json (&env, "Acme", 0), ==,
                   json_object_get_int_member (json_node_get_object (estimate), "apiCalls"));

  /* Updates, soft deletes, hard deletes (getDeleted notices a minute later) */
  g_clear_pointer (&summary, json_node_unref);
  summary = sim_request (&env, "POST", "/_sim/data/Account", "{\"action\":\"update\",\"count\":40}");
  g_clear_pointer (&summary, json_node_unref);
  summary = sim_request (&env, "POST", "/_sim/data/Contact", "{\"action\":\"delete\",\"count\":7}");
  g_clear_pointer (&summary, json_node_unref);
  summary = sim_request (&env, "POST", "/_sim/data/Lead", "{\"action\":\"hard-delete\",\"count\":3}");
  g_clear_pointer (&summary, json_node_unref);
  summary = sim_request (&env, "POST", "/_sim/data/Opportunity", "{\"action\":\"create\",\"count\":5}");
  g_clear_pointer (&summary, json_node_unref);
  summary = sim_request (&env, "POST", "/_sim/clock", "{\"advanceSeconds\":120}");
  sync_json (&env, "Acme", 0);
  compare_all (&env, "Acme");

  /* A field added is backfilled narrowly, a field removed loses its column */
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Acme", "--add", "Account.Fax", "--add", "Account.Rating",
                            "--add", "Account.Description", "--remove", "Account.Phone", NULL), ==, 0);
  sync_json (&env, "Acme", 0);
  compare_all (&env, "Acme");

  /* Names that are not API names, or that the org does not have: nothing is stored */
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Acme", "--add", "Account.Na\"me", NULL), ==, 64);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Acme", "--add", "Account.NoSuchField__c", NULL), ==, 64);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Acme", "--object", "NoSuchObject__c", NULL), ==, 64);
  g_assert_cmpint (sync_json (&env, "Acme", 0), ==, 1);

  /* Pause and resume */
  g_assert_cmpint (cli_run (&env, NULL, NULL, "pause", "Acme", NULL), ==, 0);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Acme", NULL), ==, 5);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "resume", "Acme", NULL), ==, 0);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Acme", NULL), ==, 0);

  /* Settings and names */
  g_assert_cmpint (cli_run (&env, NULL, NULL, "set", "Acme", "--frequency", "15m", "--quota-threshold", "70", NULL), ==, 0);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "set", "Acme", "--quota-threshold", "99", NULL), ==, 64);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "rename", "Acme", "Acme Prod", NULL), ==, 0);
  history = cli_run_json (&env, 0, "history", "acme prod", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (history)), >=, 6);

  records = cli_records_path (&env, "Acme Prod");
  g_assert_true (g_file_test (records, G_FILE_TEST_EXISTS));
  g_assert_cmpint (cli_run (&env, NULL, NULL, "remove", "Acme Prod", NULL), ==, 0);
  g_assert_false (g_file_test (records, G_FILE_TEST_EXISTS));
  g_assert_cmpint (cli_run (&env, NULL, NULL, "status", "Acme Prod", NULL), ==, 64);

  cli_env_stop (&env);
}

/* Permission loss and token revocation end in their statuses and exit codes. */
static void
test_permission_and_revocation (void)
{
  CliEnv env = { 0, };
  g_autoptr(JsonNode) status = NULL;
  g_autoptr(JsonNode) reply = NULL;

  start_sim (&env, "Account=300,Contact=300,Lead=300,Opportunity=300");
  cli_connect (&env, "Perm");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Perm", "--preset", "sales-pipeline", NULL), ==, 0);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Perm", NULL), ==, 0);

  reply = sim_request (&env, "POST", "/_sim/permissions", "{\"objects\":{\"Lead\":{\"read\":false}}}");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Perm", NULL), ==, 4);
  status = cli_run_json (&env, 0, "status", "Perm", "--json", NULL);
  g_assert_cmpstr (member_string (status, "status"), ==, "error");
  g_assert_cmpstr (member_string (status, "statusAction"), ==, "check-permissions");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "check", "Perm", NULL), ==, 4);

  g_clear_pointer (&reply, json_node_unref);
  reply = sim_request (&env, "POST", "/_sim/permissions", "{\"objects\":{\"Lead\":{\"read\":true}}}");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "check", "Perm", NULL), ==, 0);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Perm", NULL), ==, 0);

  g_clear_pointer (&reply, json_node_unref);
  reply = sim_request (&env, "POST", "/_sim/tokens/revoke", "{}");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Perm", NULL), ==, 3);
  g_clear_pointer (&status, json_node_unref);
  status = cli_run_json (&env, 0, "status", "Perm", "--json", NULL);
  g_assert_cmpstr (member_string (status, "status"), ==, "error");
  g_assert_cmpstr (member_string (status, "statusAction"), ==, "reauthorize");

  g_assert_cmpint (cli_run (&env, "demo1234DEMOTOKEN\n", NULL, "reauthorize", "Perm", "--username",
                            "demo@orgsync.test", "--password-stdin", NULL), ==, 0);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Perm", NULL), ==, 0);
  g_clear_pointer (&status, json_node_unref);
  status = cli_run_json (&env, 0, "status", "Perm", "--json", NULL);
  g_assert_cmpstr (member_string (status, "status"), ==, "active");
  compare_all (&env, "Perm");

  cli_env_stop (&env);
}

/* A second sync is refused while one runs; SIGINT cancels cleanly. */
static void
test_concurrent_and_cancel (void)
{
  CliEnv env = { 0, };
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;

  start_sim (&env, "Account=6000,Contact=300,Lead=300,Opportunity=300");
  cli_connect (&env, "Busy");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Busy", "--preset", "minimal", NULL), ==, 0);

  /* Every query page takes a while */
  reply = sim_request (&env, "POST", "/_sim/faults",
                       "{\"kind\":\"delay\",\"path\":\"/services/data/*/query*\",\"delayMs\":700}");
  first = cli_spawn (&env, "sync", "Busy", NULL);
  g_assert_true (cli_wait_syncing (&env, "Busy"));
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Busy", NULL), ==, 6);
  g_assert_cmpint (cli_wait (first), ==, 0);

  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Busy", "--full", NULL), ==, 0);
  second = cli_spawn (&env, "sync", "Busy", "--full", NULL);
  g_assert_true (cli_wait_syncing (&env, "Busy"));
  g_subprocess_send_signal (second, SIGINT);
  g_assert_cmpint (cli_wait (second), ==, 130);

  g_clear_pointer (&reply, json_node_unref);
  reply = sim_request (&env, "DELETE", "/_sim/faults", NULL);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Busy", NULL), ==, 0);
  compare_all (&env, "Busy");

  cli_env_stop (&env);
}

/* The quota stop at exactly the threshold: 800 of 1,000 at 80%. The run needs five
 * calls (one /composite and a second page of each object); four are left. */
static void
test_quota_stop (void)
{
  CliEnv env = { 0, };
  const char *args[] = { "--records", "Account=2500,Contact=2500,Lead=2500,Opportunity=2500",
                         "--daily-limit", "1000", NULL };
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) limits = NULL;
  g_autoptr(JsonNode) status = NULL;

  cli_env_start (&env, args);
  cli_env_setenv (&env, "ORGSYNC_QUOTA_LAG_WINDOW_SECONDS", "0");
  cli_connect (&env, "Quota");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Quota", "--preset", "minimal", NULL), ==, 0);

  reply = sim_request (&env, "POST", "/_sim/limits", "{\"used\":796}");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Quota", NULL), ==, 2);
  limits = sim_request (&env, "GET", "/_sim/limits", NULL);
  g_assert_cmpint (member_int (limits, "used"), ==, 800);

  status = cli_run_json (&env, 0, "status", "Quota", "--json", NULL);
  g_assert_cmpstr (member_string (status, "status"), ==, "error");
  g_assert_cmpstr (member_string (status, "statusAction"), ==, "change-limit");
  g_assert_nonnull (strstr (member_string (status, "statusDetail"),
                            "API usage reached 80% of the daily limit (800 of 1,000)"));
  g_assert_nonnull (member_string (status, "resumeAt"));

  /* Stopped runs stay stopped without a single call */
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Quota", NULL), ==, 2);
  g_clear_pointer (&limits, json_node_unref);
  limits = sim_request (&env, "GET", "/_sim/limits", NULL);
  g_assert_cmpint (member_int (limits, "used"), ==, 800);

  /* A higher limit resumes at once and the sync completes */
  g_assert_cmpint (cli_run (&env, NULL, NULL, "set", "Quota", "--quota-threshold", "95", NULL), ==, 0);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Quota", NULL), ==, 0);
  compare_all (&env, "Quota");

  cli_env_stop (&env);
}

/* With a lagging header, the default safety margin keeps usage under the threshold. */
static void
test_quota_lagging_header (void)
{
  CliEnv env = { 0, };
  const char *args[] = { "--records", "Account=7000,Contact=7000,Lead=7000,Opportunity=7000",
                         "--daily-limit", "1000", NULL };
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) limits = NULL;

  cli_env_start (&env, args);
  cli_connect (&env, "Lag");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Lag", "--preset", "minimal", NULL), ==, 0);
  reply = sim_request (&env, "POST", "/_sim/limits", "{\"used\":790,\"lag\":5}");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Lag", NULL), ==, 2);
  limits = sim_request (&env, "GET", "/_sim/limits", NULL);
  g_assert_cmpint (member_int (limits, "used"), <=, 800);

  cli_env_stop (&env);
}

/* Sign-in with the browser: ORGSYNC_BROWSER stands in for the person. */
static void
test_browser_flow (void)
{
  CliEnv env = { 0, };
  g_autoptr(GSocketListener) probe = g_socket_listener_new ();
  g_autofree char *browser = g_test_build_filename (G_TEST_BUILT, "sf", "sf-test-browser", NULL);
  g_autofree char *callback = NULL;
  g_autoptr(JsonNode) connection = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (probe, NULL, NULL);
  g_socket_listener_close (probe);
  callback = g_strdup_printf ("http://127.0.0.1:%u/OauthRedirect", port);

  start_sim (&env, "Account=200,Contact=200,Lead=200,Opportunity=200");
  cli_env_setenv (&env, "ORGSYNC_BROWSER", browser);
  connection = cli_run_json (&env, 0, "connect", "Web", "--login-url", env.url, "--web", "--callback", callback,
                             "--json", NULL);
  g_assert_cmpstr (member_string (connection, "username"), ==, "demo@orgsync.test");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Web", "--preset", "marketing", NULL), ==, 0);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Web", NULL), ==, 0);

  /* The browser flow gives a refresh token: an expired session renews itself */
  g_clear_pointer (&connection, json_node_unref);
  connection = sim_request (&env, "POST", "/_sim/tokens/expire", "{}");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Web", NULL), ==, 0);
  compare_all (&env, "Web");

  cli_env_stop (&env);
}

/* The daemon syncs a connection that is due (never synced yet) and stops on SIGTERM. */
static void
test_daemon (void)
{
  CliEnv env = { 0, };
  g_autoptr(GSubprocess) daemon = NULL;
  guint runs = 0;

  start_sim (&env, "Account=300,Contact=30,Lead=30,Opportunity=30");
  cli_connect (&env, "Bg");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Bg", "--preset", "minimal", NULL), ==, 0);

  daemon = cli_spawn (&env, "daemon", NULL);
  for (guint i = 0; i < 200 && runs == 0; i++)
    {
      g_autoptr(JsonNode) history = cli_run_json (&env, 0, "history", "Bg", "--json", NULL);

      JsonArray *array = json_node_get_array (history);

      /* A run is listed from its start: wait for one that finished. */
      if (json_array_get_length (array) > 0 &&
          g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, 0), "result"),
                     "success") == 0)
        runs = json_array_get_length (array);
      else
        g_usleep (100000);
    }
  g_assert_cmpuint (runs, >, 0);

  g_subprocess_send_signal (daemon, SIGTERM);
  g_assert_cmpint (cli_wait (daemon), ==, 0);
  compare_all (&env, "Bg");

  cli_env_stop (&env);
}

static void
test_usage_errors (void)
{
  CliEnv env = { 0, };
  g_autofree char *out = NULL;

  start_sim (&env, "Account=10,Contact=10,Lead=10,Opportunity=10");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "connect", "X", "--login-url", "http://example.com", "--username",
                            "u", "--password-stdin", NULL), ==, 64);
  g_assert_cmpint (cli_run (&env, "secret\n", NULL, "connect", "X", "--login-url", "http://example.com",
                            "--username", "u", "--password-stdin", NULL), ==, 64);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "connect", "X", "--web", "--username", "u", NULL), ==, 64);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", NULL), ==, 64);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "set", "Nobody", "--frequency", "2h", NULL), ==, 64);
  g_assert_cmpint (cli_run (&env, "wrong\n", NULL, "connect", "X", "--login-url", env.url, "--username",
                            "demo@orgsync.test", "--password-stdin", NULL), ==, 1);
  g_assert_cmpint (cli_run (&env, NULL, &out, "sync", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--full"));
  cli_env_stop (&env);
}

static guint
connection_count (CliEnv *env)
{
  g_autoptr(JsonNode) list = cli_run_json (env, 0, "list", "--json", NULL);

  return json_array_get_length (json_node_get_array (list));
}

/* What a person may type: each bad value is refused with a message that says what is
 * wrong (exit 64), and nothing is stored. */
static void
test_typed_input (void)
{
  static const char * const bad_urls[] = {
    "http://login.salesforce.com",            /* plain HTTP off loopback */
    "http://acme.my.salesforce.com:8080",
    "https://acme my.salesforce.com",         /* a space */
    "javascript:alert(1)",
    "https://b\xc3\xbc" "cher.my.salesforce.com",  /* IDN: My Domains are ASCII */
    "https://acme.my.salesforce.com:99999",   /* no such port */
    "https://acme.my.salesforce.com/path",
    "https://user@acme.my.salesforce.com",
    "   ",
  };
  g_autofree char *long_name = NULL;
  const char *bad_names[] = { "", "   ", " Padded", "Two\nLines", "Tab\there", NULL };
  CliEnv env = { 0, };

  start_sim (&env, "Account=10,Contact=10,Lead=10,Opportunity=10");

  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_autofree char *err = NULL;

      g_test_message ("login URL “%s”", bad_urls[i]);
      g_assert_cmpint (cli_run_err (&env, "demo1234DEMOTOKEN\n", &err, "connect", "X", "--login-url", bad_urls[i],
                                    "--username", "demo@orgsync.test", "--password-stdin", NULL), ==, 64);
      g_assert_true (strstr (err, "URL") != NULL || strstr (err, "HTTP") != NULL || strstr (err, "host") != NULL);
    }
  g_assert_cmpuint (connection_count (&env), ==, 0);

  long_name = g_strnfill (CONNECTION_NAME_MAX + 1, 'a');
  bad_names[G_N_ELEMENTS (bad_names) - 1] = long_name;
  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (cli_run_err (&env, "demo1234DEMOTOKEN\n", &err, "connect", bad_names[i], "--login-url", env.url,
                                    "--username", "demo@orgsync.test", "--password-stdin", NULL), ==, 64);
      g_assert_nonnull (strstr (err, "connection name"));
    }
  g_assert_cmpuint (connection_count (&env), ==, 0);

  /* Emoji are fine; a second connection of the same name (in any case) is not */
  cli_connect (&env, "\xf0\x9f\x9a\x80 Production");
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (cli_run_err (&env, "demo1234DEMOTOKEN\n", &err, "connect", "\xf0\x9f\x9a\x80 PRODUCTION",
                                  "--login-url", env.url, "--username", "demo@orgsync.test", "--password-stdin",
                                  NULL), ==, 64);
    g_assert_nonnull (strstr (err, "already exists"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (cli_run_err (&env, NULL, &err, "rename", "\xf0\x9f\x9a\x80 Production", long_name, NULL), ==, 64);
    g_assert_nonnull (strstr (err, "connection name"));
  }
  g_assert_cmpuint (connection_count (&env), ==, 1);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "remove", "\xf0\x9f\x9a\x80 Production", NULL), ==, 0);
  g_assert_cmpuint (connection_count (&env), ==, 0);

  cli_env_stop (&env);
}

int
main (int   argc,
      char *argv[])
{
  gboolean sanitized = FALSE;

#ifdef __SANITIZE_ADDRESS__
  sanitized = TRUE;
#endif
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/typed-input", test_typed_input);
  g_test_add_func ("/cli/browser-flow", test_browser_flow);

  /* Under valgrind only this driver is checked, not orgsync-cli: the engine itself is
   * covered there by test-manager. Keep the slow end-to-end runs to the other builds. */
  if (g_getenv ("ORGSYNC_UNDER_VALGRIND") != NULL)
    return g_test_run ();

  g_test_add_func ("/cli/lifecycle", test_lifecycle);
  g_test_add_func ("/cli/permission-and-revocation", test_permission_and_revocation);
  g_test_add_func ("/cli/quota-stop", test_quota_stop);

  /* These two only wait on slow pages: the sanitizer builds skip them for time. */
  if (!sanitized)
    {
      g_test_add_func ("/cli/concurrent-and-cancel", test_concurrent_and_cancel);
      g_test_add_func ("/cli/quota-lagging-header", test_quota_lagging_header);
      g_test_add_func ("/cli/daemon", test_daemon);
    }

  return g_test_run ();
}
