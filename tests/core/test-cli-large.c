/* test-cli-large.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-test-util.h"

/* 50,000 records across four objects through orgsync-cli (suite large): a full sync,
 * an incremental run with 1% changes and a run without changes, each compared with
 * the simulator's data; the API calls of each run go to the TAP output. */

static const char * const objects[] = { "Account", "Contact", "Lead", "Opportunity", NULL };

static gint64
sync_calls (CliEnv     *env,
            const char *what)
{
  g_autoptr(JsonNode) summary = cli_run_json (env, 0, "sync", "Big", "--json", NULL);
  gint64 calls = json_object_get_int_member (json_node_get_object (summary), "apiCalls");

  g_test_message ("%s: %" G_GINT64_FORMAT " API calls, %" G_GINT64_FORMAT " ms", what, calls,
                  json_object_get_int_member (json_node_get_object (summary), "durationMs"));
  return calls;
}

static void
change (CliEnv     *env,
        const char *object,
        const char *json)
{
  g_autofree char *path = g_strdup_printf ("/_sim/data/%s", object);
  g_autoptr(JsonNode) reply = sim_request (env, "POST", path, json);
}

static void
test_fifty_thousand (void)
{
  CliEnv env = { 0, };
  const char *args[] = { "--records", "Account=20000,Contact=15000,Lead=10000,Opportunity=5000", NULL };
  guint64 total = 0;

  cli_env_start (&env, args);
  cli_connect (&env, "Big");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "select", "Big", "--preset", "partner-overlap", NULL), ==, 0);

  g_assert_cmpint (sync_calls (&env, "full sync of 50,000 records"), <, 40);
  for (guint i = 0; objects[i] != NULL; i++)
    total += compare_with_sim (&env, "Big", objects[i]);
  g_assert_cmpuint (total, ==, 50000);

  /* 1%: 500 records changed, a few deleted */
  change (&env, "Account", "{\"action\":\"update\",\"count\":200}");
  change (&env, "Contact", "{\"action\":\"update\",\"count\":150}");
  change (&env, "Lead", "{\"action\":\"update\",\"count\":100}");
  change (&env, "Opportunity", "{\"action\":\"update\",\"count\":40}");
  change (&env, "Opportunity", "{\"action\":\"delete\",\"count\":10}");
  g_assert_cmpint (sync_calls (&env, "incremental with 1% changes"), <=, 2);
  for (guint i = 0; objects[i] != NULL; i++)
    compare_with_sim (&env, "Big", objects[i]);

  g_assert_cmpint (sync_calls (&env, "no-change run"), ==, 1);

  cli_env_stop (&env);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-large/fifty-thousand", test_fifty_thousand);

  return g_test_run ();
}
