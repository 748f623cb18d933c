/* test-quota.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rel-util.h"

/* The quota (issue 8): a daily limit of 1,000 calls, 790 used, the default threshold
 * of 80%. Whatever orgsync-cli does — REST pages, a Bulk job and its polls, /composite
 * groups and describes, the permission check, object and field lists — and however
 * often it is run, the simulator's true count never passes 800:
 *
 *  - with Salesforce's header in step (and, with ORGSYNC_QUOTA_LAG_WINDOW_SECONDS=0,
 *    the stop exactly at 800: not a call wasted either);
 *  - with the header lagging 5 calls behind the true count (/_sim/limits "lag"), with
 *    the default safety margin;
 *  - after the stop, every further command that would cost a call is refused without
 *    one, and the status says why and when it resumes. */

typedef enum
{
  PATH_REST,
  PATH_BULK,
  PATH_COMPOSITE,
} QuotaPath;

typedef struct
{
  QuotaPath  path;
  guint      lag;
  gboolean   exact;
} Scenario;

static void
start (CliEnv    *env,
       QuotaPath  path)
{
  const char *records = path == PATH_COMPOSITE ? "Account=50,Contact=50,Lead=50,Opportunity=50,Campaign=50,User=30"
                        : path == PATH_BULK ? "Account=30000,Contact=30000,Lead=30000,Opportunity=50,Campaign=5"
                        : "Account=40000,Contact=50,Lead=50,Opportunity=50,Campaign=5";
  const char *args[] = { "--records", records, "--daily-limit", "1000",
                         "--custom-objects", path == PATH_COMPOSITE ? "60" : "2",
                         "--bulk-delay", "2500", NULL };

  cli_env_start (env, args);
  cli_connect (env, "Quota");

  switch (path)
    {
    case PATH_REST:
      cli_env_setenv (env, "ORGSYNC_BULK_MIN_ROWS", "1000000000");
      g_assert_cmpint (cli_run (env, NULL, NULL, "select", "Quota", "--preset", "minimal", NULL), ==, 0);
      break;
    case PATH_BULK:
      cli_env_setenv (env, "ORGSYNC_BULK_MIN_ROWS", "100");
      g_assert_cmpint (cli_run (env, NULL, NULL, "select", "Quota", "--preset", "minimal", NULL), ==, 0);
      break;
    case PATH_COMPOSITE:
    default:
      {
        /* 64 small objects: thirteen /composite groups, each object's describe,
         * getDeleted and only page in them. */
        g_autoptr(JsonNode) objects = cli_run_json (env, 0, "objects", "Quota", "--json", NULL);
        JsonArray *array = json_node_get_array (objects);
        g_autoptr(GPtrArray) select = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GSubprocess) process = NULL;

        g_ptr_array_add (select, g_strdup ("select"));
        g_ptr_array_add (select, g_strdup ("Quota"));
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            const char *name = json_object_get_string_member (json_array_get_object_element (array, i), "name");

            if (g_str_has_suffix (name, "__c") || g_strv_contains ((const char * const[]) {
                  "Account", "Contact", "Lead", "Opportunity", NULL }, name))
              {
                g_ptr_array_add (select, g_strdup ("--add"));
                g_ptr_array_add (select, g_strdup_printf ("%s.Name", name));
              }
          }
        g_ptr_array_add (select, NULL);
        g_assert_cmpuint (select->len, >, 2 * 60);
        process = rel_spawnv (env, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, (const char * const *) select->pdata);
        g_assert_cmpint (cli_wait (process), ==, 0);
      }
      break;
    }
}

static void
set_usage (CliEnv *env,
           guint   used,
           guint   lag)
{
  g_autofree char *json = g_strdup_printf ("{\"used\":%u,\"lag\":%u}", used, lag);

  rel_sim_post (env, "/_sim/limits", json);
}

/* A run that stopped at the threshold says so, and when it resumes. */
static void
assert_quota_status (CliEnv *env)
{
  g_autoptr(JsonNode) status = rel_status (env, "Quota");
  g_autoptr(JsonNode) run = rel_last_run (env, "Quota");

  g_assert_cmpstr (rel_member_string (status, "status"), ==, "error");
  g_assert_cmpstr (rel_member_string (status, "statusAction"), ==, "change-limit");
  g_assert_nonnull (strstr (rel_member_string (status, "statusDetail"), "80%"));
  g_assert_nonnull (rel_member_string (status, "resumeAt"));
  g_assert_cmpstr (rel_member_string (run, "result"), ==, "quota-stopped");
}

static void
test_path (gconstpointer data)
{
  const Scenario *s = data;
  CliEnv env = { 0, };
  gint64 used, before;
  int status;

  start (&env, s->path);
  if (s->exact)
    cli_env_setenv (&env, "ORGSYNC_QUOTA_LAG_WINDOW_SECONDS", "0");

  set_usage (&env, 790, s->lag);
  status = cli_run (&env, NULL, NULL, "sync", "Quota", NULL);
  used = rel_sim_used (&env);
  g_test_message ("first run: exit %d, the org used %" G_GINT64_FORMAT, status, used);
  g_assert_cmpint (used, <=, 800);
  g_assert_cmpint (status, ==, 2);
  assert_quota_status (&env);
  if (s->exact)
    g_assert_cmpint (used, ==, 800);

  /* Again and again, and everything else that costs calls: not one more. */
  before = used;
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Quota", NULL), ==, 2);
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Quota", "--full", NULL), ==, 2);
  /* These may answer from the describe cache without a call, or stop at the quota. */
  status = cli_run (&env, NULL, NULL, "check", "Quota", NULL);
  g_assert_true (status == 0 || status == 2);
  status = cli_run (&env, NULL, NULL, "objects", "Quota", NULL);
  g_assert_true (status == 0 || status == 2);
  status = cli_run (&env, NULL, NULL, "fields", "Quota", "Lead", NULL);
  g_assert_true (status == 0 || status == 2);
  used = rel_sim_used (&env);
  g_assert_cmpint (used, <=, 800);
  if (!s->lag)
    g_assert_cmpint (used, ==, before);
  assert_quota_status (&env);

  cli_env_stop (&env);
}

/* Runs that fit start one after the other from 790 until the stop; each one may use
 * what is left, none more. */
static void
test_many_runs (void)
{
  CliEnv env = { 0, };
  guint stops = 0;

  start (&env, PATH_COMPOSITE);
  set_usage (&env, 790, 3);
  for (guint i = 0; i < 12; i++)
    {
      int status;

      rel_sim_post (&env, "/_sim/data/Account", "{\"action\":\"update\",\"count\":3}");
      status = cli_run (&env, NULL, NULL, "sync", "Quota", NULL);
      g_assert_true (status == 0 || status == 2);
      stops += status == 2;
      g_assert_cmpint (rel_sim_used (&env), <=, 800);
    }
  g_assert_cmpuint (stops, >, 0);

  cli_env_stop (&env);
}

int
main (int   argc,
      char *argv[])
{
  static const Scenario rest = { PATH_REST, 0, FALSE };
  static const Scenario rest_exact = { PATH_REST, 0, TRUE };
  static const Scenario rest_lag = { PATH_REST, 5, FALSE };
  static const Scenario bulk = { PATH_BULK, 0, FALSE };
  static const Scenario bulk_exact = { PATH_BULK, 0, TRUE };
  static const Scenario bulk_lag = { PATH_BULK, 5, FALSE };
  static const Scenario composite = { PATH_COMPOSITE, 0, FALSE };
  static const Scenario composite_exact = { PATH_COMPOSITE, 0, TRUE };
  static const Scenario composite_lag = { PATH_COMPOSITE, 5, FALSE };

  rel_test_init (&argc, &argv);

  g_test_add_data_func ("/quota/rest", &rest, test_path);
  g_test_add_data_func ("/quota/rest-exact", &rest_exact, test_path);
  g_test_add_data_func ("/quota/rest-lagging-header", &rest_lag, test_path);
  g_test_add_data_func ("/quota/bulk", &bulk, test_path);
  g_test_add_data_func ("/quota/bulk-exact", &bulk_exact, test_path);
  g_test_add_data_func ("/quota/bulk-lagging-header", &bulk_lag, test_path);
  g_test_add_data_func ("/quota/composite", &composite, test_path);
  g_test_add_data_func ("/quota/composite-exact", &composite_exact, test_path);
  g_test_add_data_func ("/quota/composite-lagging-header", &composite_lag, test_path);
  g_test_add_func ("/quota/many-runs", test_many_runs);

  return g_test_run ();
}
