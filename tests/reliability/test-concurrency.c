/* test-concurrency.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "orgsync-core.h"
#include "rel-util.h"
#include "sim-server.h"

/* Concurrency (issue 8). OrgsyncManager with scheduling runs in this process, as the
 * GUI runs it, next to orgsync-cli processes on the same data dir, against one
 * simulated org (suite keyring: valgrind and ASan see the manager and the engine).
 *
 *  - scheduler-first: the scheduler's run holds the connection; `orgsync-cli sync`
 *    (and `sync --full`) exit 6 at once; one run in the history; data exact.
 *  - cli-first: `orgsync-cli sync` holds it; the scheduler's attempt stops at the lock
 *    without a history row, a failure or an error status, and does not retry in a loop.
 *  - shared-quota: two connections to the same org, one syncing here and one in
 *    orgsync-cli at the same time, 790 of 1,000 calls used, 80%: together they never
 *    make the 801st call. */

typedef struct
{
  SimServer      *sim;
  CliEnv          env;
  OrgsyncClock   *clock;
  OrgsyncManager *manager;
  GAsyncResult   *result;
  guint           started;
  guint           finished;
  OrgsyncSyncOutcome last_outcome;
} Fixture;

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  g_clear_object (&f->result);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return f->result;
}

static void
started_cb (OrgsyncManager    *manager,
            OrgsyncConnection *connection,
            Fixture           *f)
{
  f->started++;
}

static void
finished_cb (OrgsyncManager    *manager,
             OrgsyncConnection *connection,
             OrgsyncSyncEngine *engine,
             Fixture           *f)
{
  f->finished++;
  f->last_outcome = orgsync_sync_engine_get_outcome (engine);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *records = data;
  const char *args[] = { "--records", records, "--custom-objects", "0", "--daily-limit", "1000",
                         "--token-lifetime", "1000000", "--bulk-delay", "100", NULL };
  g_autoptr(GError) error = NULL;

  f->sim = sim_server_new ();
  g_assert_true (sim_server_configure (f->sim, args, &error));
  g_assert_true (sim_server_start (f->sim, &error));
  g_assert_no_error (error);

  f->env.url = g_strdup (sim_server_get_base_url (f->sim));
  f->env.data_dir = g_dir_make_tmp ("orgsync-rel-concurrency-XXXXXX", &error);
  g_assert_no_error (error);
  f->env.http = soup_session_new ();
  f->env.env = g_ptr_array_new_with_free_func (g_free);

  f->clock = orgsync_clock_new_manual (g_get_real_time ());
  f->manager = orgsync_manager_new (f->env.data_dir, f->clock, &error);
  g_assert_no_error (error);
  g_signal_connect (f->manager, "sync-started", G_CALLBACK (started_cb), f);
  g_signal_connect (f->manager, "sync-finished", G_CALLBACK (finished_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->env.data_dir);

  g_clear_object (&f->result);
  g_clear_object (&f->manager);
  g_clear_object (&f->clock);
  sim_server_stop (f->sim);
  g_clear_object (&f->sim);
  g_clear_object (&f->env.http);
  g_clear_pointer (&f->env.env, g_ptr_array_unref);
  g_clear_pointer (&f->env.url, g_free);
  g_assert_cmpint (system (command), ==, 0);
  g_clear_pointer (&f->env.data_dir, g_free);
  g_unsetenv ("ORGSYNC_BULK_MIN_ROWS");
}

static OrgsyncConnection *
connect (Fixture    *f,
         const char *name)
{
  OrgsyncSignInOptions options = { ORGSYNC_SIGN_IN_PASSWORD, name, f->env.url, "demo@orgsync.test",
                                   "demo1234DEMOTOKEN", };
  OrgsyncSelectionEdit edit = { FALSE, "minimal", };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) skipped = NULL;
  OrgsyncConnection *c;

  orgsync_manager_connect_async (f->manager, &options, NULL, got_result, f);
  c = orgsync_manager_connect_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);

  orgsync_manager_select_async (f->manager, c, &edit, NULL, got_result, f);
  skipped = orgsync_manager_select_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);
  return c;
}

static guint
history_length (Fixture           *f,
                OrgsyncConnection *c)
{
  g_autoptr(GPtrArray) runs = orgsync_manager_list_history (f->manager, c, 100, NULL);

  g_assert_nonnull (runs);
  return runs->len;
}

static void
slow_pages (Fixture *f)
{
  /* Every query page waits: a run takes a few seconds. */
  rel_fault (&f->env, "{\"kind\":\"delay\",\"path\":\"/services/data/*/query*\",\"delayMs\":400}");
}

static void
test_scheduler_first (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) c = connect (f, "Shared");
  g_autofree char *records = orgsync_manager_dup_records_path (f->manager, c, NULL);

  g_setenv ("ORGSYNC_BULK_MIN_ROWS", "1000000000", TRUE);
  slow_pages (f);

  /* A connection that never synced is due at once. */
  orgsync_manager_start_scheduling (f->manager);
  while (!orgsync_connection_get_syncing (c))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (orgsync_sync_lock_is_held (f->env.data_dir, orgsync_connection_get_id (c)));

  /* The loser exits 6 at once, and nothing of it shows up in the history. */
  g_assert_cmpint (cli_run (&f->env, NULL, NULL, "sync", "Shared", NULL), ==, 6);
  g_assert_cmpint (cli_run (&f->env, NULL, NULL, "sync", "Shared", "--full", NULL), ==, 6);

  while (f->finished == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (f->last_outcome, ==, ORGSYNC_SYNC_OUTCOME_SUCCEEDED);
  g_assert_cmpuint (f->started, ==, 1);
  g_assert_cmpuint (history_length (f, c), ==, 1);
  g_assert_cmpint (orgsync_connection_get_status (c), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);

  rel_clear_faults (&f->env);
  rel_compare (&f->env, records, "Account", REL_COMPARE_EXACT, REL_VALUES_LOOSE, NULL);
}

static void
test_cli_first (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) c = connect (f, "Shared");
  g_autofree char *records = orgsync_manager_dup_records_path (f->manager, c, NULL);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  cli_env_setenv (&f->env, "ORGSYNC_BULK_MIN_ROWS", "1000000000");
  slow_pages (f);

  cli = rel_spawn (&f->env, "sync", "Shared", NULL);
  while (!orgsync_sync_lock_is_held (f->env.data_dir, orgsync_connection_get_id (c)))
    g_usleep (20000);

  /* Now the scheduler finds the connection due and tries. */
  orgsync_manager_start_scheduling (f->manager);
  while (f->started == 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);

  /* While the other process syncs, the scheduler does not try again and again. */
  for (guint i = 0; i < 20; i++)
    {
      orgsync_clock_advance (f->clock, 30 * G_USEC_PER_SEC);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (f->started, ==, 1);
  g_assert_cmpuint (f->finished, ==, 0);

  g_subprocess_wait (cli, NULL, &error);
  g_assert_no_error (error);
  status = cli_wait (cli);
  g_assert_cmpint (status, ==, 0);

  g_assert_true (orgsync_manager_reload (f->manager, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (history_length (f, c), ==, 1);
  g_assert_cmpint (orgsync_connection_get_status (c), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  g_assert_cmpuint (orgsync_connection_get_failure_count (c), ==, 0);
  g_assert_null (orgsync_connection_get_status_detail (c));

  rel_clear_faults (&f->env);
  rel_compare (&f->env, records, "Account", REL_COMPARE_EXACT, REL_VALUES_LOOSE, NULL);
}

static void
cli_exited_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

static void
test_shared_quota (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) a = connect (f, "Here");
  g_autoptr(OrgsyncSyncEngine) engine = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) b_status = NULL;
  gboolean cli_done = FALSE;
  int status;

  g_assert_cmpint (cli_run (&f->env, "demo1234DEMOTOKEN\n", NULL, "connect", "There", "--login-url", f->env.url,
                            "--username", "demo@orgsync.test", "--password-stdin", NULL), ==, 0);
  g_assert_cmpint (cli_run (&f->env, NULL, NULL, "select", "There", "--preset", "minimal", NULL), ==, 0);
  g_assert_true (orgsync_manager_reload (f->manager, &error));
  g_assert_cmpstr (orgsync_connection_get_org_id (a), ==,
                   orgsync_connection_get_org_id (orgsync_manager_lookup (f->manager, "There")));

  /* Both need many REST pages; neither may take the org past 800. */
  g_setenv ("ORGSYNC_BULK_MIN_ROWS", "1000000000", TRUE);
  cli_env_setenv (&f->env, "ORGSYNC_BULK_MIN_ROWS", "1000000000");
  rel_fault (&f->env, "{\"kind\":\"delay\",\"path\":\"/services/data/*/query*\",\"delayMs\":50}");
  rel_sim_post (&f->env, "/_sim/limits", "{\"used\":790}");

  cli = rel_spawn (&f->env, "sync", "There", NULL);
  g_subprocess_wait_async (cli, NULL, cli_exited_cb, &cli_done);
  orgsync_manager_sync_async (f->manager, a, FALSE, NULL, got_result, f);
  engine = orgsync_manager_sync_finish (f->manager, wait_result (f), &error);
  while (!cli_done)
    g_main_context_iteration (NULL, TRUE);
  status = cli_wait (cli);

  g_test_message ("here: %s; there: exit %d; the org used %" G_GINT64_FORMAT " calls", error ? error->message : "ok",
                  status, rel_sim_used (&f->env));
  g_assert_cmpint (rel_sim_used (&f->env), <=, 800);
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_QUOTA_THRESHOLD);
  g_assert_cmpint (status, ==, 2);

  b_status = rel_status (&f->env, "There");
  g_assert_cmpstr (rel_member_string (b_status, "statusAction"), ==, "change-limit");
  g_assert_cmpint (orgsync_connection_get_status_action (a), ==, ORGSYNC_STATUS_ACTION_CHANGE_LIMIT);
  /* Neither claims a usage over the threshold that it did not reach. */
  g_assert_nonnull (strstr (rel_member_string (b_status, "statusDetail"), "(800 of 1,000)"));
  g_assert_nonnull (strstr (orgsync_connection_get_status_detail (a), "(800 of 1,000)"));

  /* Once more each, one after the other: still not a single call over. */
  g_clear_error (&error);
  g_assert_cmpint (cli_run (&f->env, NULL, NULL, "sync", "There", NULL), ==, 2);
  g_clear_object (&engine);
  orgsync_manager_sync_async (f->manager, a, FALSE, NULL, got_result, f);
  engine = orgsync_manager_sync_finish (f->manager, wait_result (f), &error);
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_QUOTA_THRESHOLD);
  g_assert_cmpint (rel_sim_used (&f->env), <=, 800);
}

int
main (int   argc,
      char *argv[])
{
  rel_test_init (&argc, &argv);

  g_test_add ("/concurrency/scheduler-first", Fixture, "Account=8000,Contact=10,Lead=10,Opportunity=10",
              fixture_set_up, test_scheduler_first, fixture_tear_down);
  g_test_add ("/concurrency/cli-first", Fixture, "Account=8000,Contact=10,Lead=10,Opportunity=10",
              fixture_set_up, test_cli_first, fixture_tear_down);
  g_test_add ("/concurrency/shared-quota", Fixture, "Account=60000,Contact=10,Lead=10,Opportunity=10",
              fixture_set_up, test_shared_quota, fixture_tear_down);

  return g_test_run ();
}
