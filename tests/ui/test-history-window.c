/* test-history-window.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-history-window.h"
#include "orgsync-sync-run.h"
#include "orgsync-test-utils.h"

static void
test_history_window_runs (void)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) orgsync_sync_run_free);
  OrgsyncSyncRun *run = orgsync_sync_run_new ();
  OrgsyncHistoryWindow *window;
  gint64 now = g_get_real_time ();

  run->started_at = now - 120 * G_USEC_PER_SEC;
  run->finished_at = now - 75 * G_USEC_PER_SEC;
  run->result = ORGSYNC_RUN_RESULT_SUCCESS;
  run->api_calls = 12;
  orgsync_sync_run_add_object (run, "Account", 1000, 3, 1);
  orgsync_sync_run_add_object (run, "Contact", 2000, 0, 0);
  g_ptr_array_add (runs, run);

  run = orgsync_sync_run_new ();
  run->started_at = now - G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  run->finished_at = now - G_GINT64_CONSTANT (3590) * G_USEC_PER_SEC;
  run->result = ORGSYNC_RUN_RESULT_QUOTA_STOPPED;
  run->message = g_strdup ("API usage reached 80% of the daily limit (12,000 of 15,000).");
  run->error_code = g_strdup ("QUOTA_THRESHOLD");
  run->api_calls = 2;
  g_ptr_array_add (runs, run);

  window = orgsync_history_window_new ("Acme Production", runs);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (orgsync_history_window_get_n_runs (window), ==, 2);
  orgsync_test_save_screenshot (GTK_WIDGET (window), "history");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_history_window_empty (void)
{
  OrgsyncHistoryWindow *window = orgsync_history_window_new ("Acme Production", NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (orgsync_history_window_get_n_runs (window), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  orgsync_test_isolate_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/history-window/runs", test_history_window_runs);
  g_test_add_func ("/history-window/empty", test_history_window_empty);

  return g_test_run ();
}
