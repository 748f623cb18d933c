/* test-demo-flow.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "orgsync-application.h"
#include "orgsync-banner.h"
#include "orgsync-connect-dialog.h"
#include "orgsync-customize-window.h"
#include "orgsync-records-store.h"
#include "orgsync-settings-dialog.h"
#include "orgsync-test-utils.h"
#include "orgsync-window.h"

/* A new person's first run, as the GUI issue describes it: empty window → Try the
 * Demo Org → sign-in → permission checklist → a preset → review → Sync Now →
 * Setting Up → Active, with real windows, the in-process simulator and a real
 * keyring. Also writes the screenshots of the README and metainfo when
 * ORGSYNC_SCREENSHOT_DIR is set (ORGSYNC_SCREENSHOT_SUFFIX names the style). */

static OrgsyncApplication *app;
static OrgsyncWindow *window;  /* shared by the tests, in order */
static char *notifications_log;
static GSubprocess *notification_server;

/* A notification server of our own on the test's bus (fake-notifications.py). */
static void
start_notification_server (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "ui", "fake-notifications.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  notifications_log = g_build_filename (g_get_user_cache_dir (), "notifications.log", NULL);
  notification_server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                          "/usr/bin/python3", script, notifications_log, NULL);
  g_assert_no_error (error);

  /* It says "ready" once it owns the name. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (notification_server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
}

/* How many notifications said @text so far. */
static guint
count_notifications (const char *text)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  if (!g_file_get_contents (notifications_log, &contents, NULL, NULL))
    return 0;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], text) != NULL)
      count++;

  return count;
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @check says so; a stuck flow fails after @seconds. The
 * loop wakes up now and then, for checks of things outside it (the notification log). */
static void
wait_until (gboolean    (*check) (gpointer),
            gpointer      data,
            guint         seconds,
            const char   *what)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, wake_up, NULL);

  while (!check (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
estimated (gpointer customize)
{
  const char *text = orgsync_customize_window_get_estimate (customize);

  return *text != '\0' && !g_str_has_prefix (text, "Estimating");
}

static gboolean
notified (gpointer text)
{
  return count_notifications (text) > 0;
}

/* Notifications travel over D-Bus to the fake server, which logs them a moment later. */
static guint
wait_for_notifications (const char *text)
{
  wait_until (notified, (gpointer) text, 30, text);
  return count_notifications (text);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static gboolean
toplevel_shown (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
dialog_left_busy_pages (gpointer dialog)
{
  const char *page = orgsync_connect_dialog_get_page (dialog);

  return g_strcmp0 (page, "checklist") == 0 || g_strcmp0 (page, "error") == 0;
}

static gboolean
connection_exists (gpointer unused)
{
  return g_list_model_get_n_items (orgsync_application_get_connections (app)) > 0;
}

static OrgsyncConnection *
first_connection (void)
{
  g_autoptr(OrgsyncConnection) connection = g_list_model_get_item (orgsync_application_get_connections (app), 0);

  return connection;
}

static gboolean
first_sync_done (gpointer unused)
{
  OrgsyncConnection *connection = first_connection ();

  return orgsync_connection_get_status (connection) != ORGSYNC_CONNECTION_STATUS_SETTING_UP &&
         !orgsync_connection_get_syncing (connection) &&
         orgsync_connection_get_last_sync (connection) != NULL;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *suffix = g_getenv ("ORGSYNC_SCREENSHOT_SUFFIX");
  g_autofree char *full = g_strconcat (name, suffix != NULL ? suffix : "", NULL);

  orgsync_test_save_screenshot (widget, full);
}

static void
test_demo_flow_first_run (void)
{
  OrgsyncConnectDialog *dialog;
  OrgsyncCustomizeWindow *customize;
  OrgsyncConnection *connection;
  OrgsyncSettingsDialog *settings;
  g_autoptr(OrgsyncRecordsStore) store = NULL;
  g_autofree char *records_path = NULL;
  g_autoptr(GError) error = NULL;

  window = orgsync_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 860, 640);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  screenshot (GTK_WIDGET (window), "data-sources-empty");

  /* Try the Demo Org: the connect dialog comes prefilled; signing in is one click. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL));
  dialog = ORGSYNC_CONNECT_DIALOG (find_toplevel (ORGSYNC_TYPE_CONNECT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (orgsync_connect_dialog_get_username (dialog), ==, ORGSYNC_DEMO_USERNAME);
  screenshot (GTK_WIDGET (dialog), "connect");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.password", NULL);

  /* The checklist: the demo user has every permission. */
  wait_until (dialog_left_busy_pages, dialog, 60, "the permission checklist");
  g_assert_cmpstr (orgsync_connect_dialog_get_page (dialog), ==, "checklist");
  g_assert_true (connection_exists (NULL));
  screenshot (GTK_WIDGET (dialog), "checklist");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.continue", NULL);

  /* Customize Fields opens for the new connection; apply the recommended preset. */
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ORGSYNC_TYPE_CUSTOMIZE_WINDOW), 60, "Customize Fields");
  customize = ORGSYNC_CUSTOMIZE_WINDOW (find_toplevel (ORGSYNC_TYPE_CUSTOMIZE_WINDOW));
  gtk_window_set_default_size (GTK_WINDOW (customize), 920, 680);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (customize), "customize.apply-preset", "s",
                                             "partner-overlap"));
  screenshot (GTK_WIDGET (customize), "customize");
  orgsync_customize_window_set_search (customize, "billing");
  screenshot (GTK_WIDGET (customize), "customize-search");
  orgsync_customize_window_set_search (customize, NULL);

  /* The review estimates the first sync from Salesforce's record counts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (customize), "customize.review", NULL));
  wait_until (estimated, customize, 60, "the estimate of the first sync");
  g_assert_nonnull (strstr (orgsync_customize_window_get_estimate (customize), "records"));
  g_assert_nonnull (strstr (orgsync_customize_window_get_estimate (customize), "daily limit of 15,000"));
  screenshot (GTK_WIDGET (customize), "review");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (customize), "customize.sync-now", NULL));

  /* Setting Up while the first sync runs, then Active. */
  connection = first_connection ();
  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_SETTING_UP);
  wait_until (first_sync_done, NULL, 300, "the first sync");
  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  screenshot (GTK_WIDGET (window), "data-sources");

  /* The data is there, in the documented layout. */
  records_path = orgsync_manager_dup_records_path (orgsync_application_get_manager (app), connection, &error);
  g_assert_no_error (error);
  store = orgsync_records_store_open (records_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orgsync_records_store_count_rows (store, "Account", NULL), >, 1000);
  g_assert_cmpint (orgsync_records_store_count_rows (store, "Contact", NULL), >, 1000);

  /* Settings shows the connection and its synced tables. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connection-settings", "s",
                                             orgsync_connection_get_id (connection)));
  settings = ORGSYNC_SETTINGS_DIALOG (find_toplevel (ORGSYNC_TYPE_SETTINGS_DIALOG));
  g_assert_nonnull (settings);
  screenshot (GTK_WIDGET (settings), "settings");
  gtk_window_destroy (GTK_WINDOW (settings));
}

/* The simulator's control API, beside Salesforce's own (docs/simulator.md). */
static void
sim_post (const char *path,
          const char *json)
{
  OrgsyncDemoOrg *demo = orgsync_application_get_demo_org (app);
  g_autofree char *url = g_strconcat (orgsync_demo_org_get_url (demo), path, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/json", body);
  reply = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
}

static gboolean
run_ended (gpointer unused)
{
  return !orgsync_connection_get_syncing (first_connection ());
}

static void
sync_now_and_wait (void)
{
  OrgsyncConnection *connection = first_connection ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", "s",
                                             orgsync_connection_get_id (connection)));
  /* The run starts on the next main-loop turn at the latest. */
  for (guint i = 0; i < 50 && !orgsync_connection_get_syncing (connection); i++)
    g_main_context_iteration (NULL, FALSE);
  wait_until (run_ended, NULL, 300, "the sync to end");
}

static void
test_demo_flow_pause_resume (void)
{
  OrgsyncConnection *connection = first_connection ();
  const char *id = orgsync_connection_get_id (connection);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.pause-connection", "s", id));
  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_NOT_SYNCING);
  g_assert_false (orgsync_connection_get_sync_enabled (connection));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.resume-connection", "s", id));
  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  g_assert_true (orgsync_connection_get_sync_enabled (connection));
}

static gboolean
save_settings_cb (OrgsyncSettingsDialog *dialog,
                  gpointer               user_data)
{
  return FALSE;  /* let the window's own handler, connected first, decide */
}

static void
test_demo_flow_settings_save_and_cancel (void)
{
  OrgsyncConnection *connection = first_connection ();
  const char *id = orgsync_connection_get_id (connection);
  OrgsyncSettingsDialog *settings;

  /* Cancel drops the staged edits. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.connection-settings", "s", id);
  settings = ORGSYNC_SETTINGS_DIALOG (find_toplevel (ORGSYNC_TYPE_SETTINGS_DIALOG));
  orgsync_settings_dialog_set_threshold (settings, 60);
  orgsync_settings_dialog_set_frequency (settings, ORGSYNC_UPDATE_FREQUENCY_6_HOURS);
  gtk_window_destroy (GTK_WINDOW (settings));
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (connection), ==, 80);
  g_assert_cmpint (orgsync_connection_get_update_frequency (connection), ==, ORGSYNC_UPDATE_FREQUENCY_1_HOUR);

  /* Save Changes applies them, through the manager, at once. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.connection-settings", "s", id);
  settings = ORGSYNC_SETTINGS_DIALOG (find_toplevel (ORGSYNC_TYPE_SETTINGS_DIALOG));
  g_signal_connect (settings, "save", G_CALLBACK (save_settings_cb), NULL);
  orgsync_settings_dialog_set_threshold (settings, 60);
  orgsync_settings_dialog_set_frequency (settings, ORGSYNC_UPDATE_FREQUENCY_6_HOURS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (settings), "settings.save", NULL));
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (connection), ==, 60);
  g_assert_cmpint (orgsync_connection_get_update_frequency (connection), ==, ORGSYNC_UPDATE_FREQUENCY_6_HOURS);
  g_assert_null (find_toplevel (ORGSYNC_TYPE_SETTINGS_DIALOG));

  /* Back to the defaults for the tests that follow. */
  g_assert_true (orgsync_manager_set_quota_threshold (orgsync_application_get_manager (app), connection, 80, NULL));
}

static void
test_demo_flow_quota_stop (void)
{
  OrgsyncConnection *connection = first_connection ();
  OrgsyncBanner *banner = ORGSYNC_BANNER (orgsync_test_find_widget (GTK_WIDGET (window), ORGSYNC_TYPE_BANNER, 0));
  OrgsyncSettingsDialog *settings;

  /* 12,500 of 15,000 calls: past the 80% threshold. Other tools spent them, so Org
   * Sync learns it from the next answer's usage header; by the next run at the
   * latest it stops before making a call. */
  sim_post ("/_sim/limits", "{\"used\": 12500}");
  sync_now_and_wait ();
  if (orgsync_connection_get_status (connection) != ORGSYNC_CONNECTION_STATUS_ERROR)
    sync_now_and_wait ();

  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_ERROR);
  g_assert_cmpint (orgsync_connection_get_status_action (connection), ==, ORGSYNC_STATUS_ACTION_CHANGE_LIMIT);
  g_assert_true (orgsync_banner_get_revealed (banner));

  /* The person is told once, not at every refused run. */
  sync_now_and_wait ();
  g_assert_cmpuint (wait_for_notifications ("stopped syncing at its API limit"), ==, 1);
  screenshot (GTK_WIDGET (window), "data-sources-quota");

  /* Change Limit from the banner: Settings with the threshold in front; raising it
   * to 95% lets syncing go on. (Usage falling back by itself takes a day.) */
  g_signal_emit_by_name (banner, "button-clicked");
  settings = ORGSYNC_SETTINGS_DIALOG (find_toplevel (ORGSYNC_TYPE_SETTINGS_DIALOG));
  g_assert_nonnull (settings);
  orgsync_settings_dialog_set_threshold (settings, 95);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (settings), "settings.save", NULL));
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (connection), ==, 95);

  sync_now_and_wait ();
  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  g_assert_false (orgsync_banner_get_revealed (banner));
}

static void
sign_in_with_password (OrgsyncConnectDialog *dialog)
{
  orgsync_connect_dialog_set_credentials (dialog, ORGSYNC_DEMO_USERNAME, ORGSYNC_DEMO_PASSWORD,
                                          ORGSYNC_DEMO_SECURITY_TOKEN);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.password", NULL);
  wait_until (dialog_left_busy_pages, dialog, 60, "the answer to signing in");
}

static void
test_demo_flow_revoked_token (void)
{
  OrgsyncConnection *connection = first_connection ();
  OrgsyncConnectDialog *dialog;

  sim_post ("/_sim/tokens/revoke", "{}");
  sync_now_and_wait ();

  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_ERROR);
  g_assert_cmpint (orgsync_connection_get_status_action (connection), ==, ORGSYNC_STATUS_ACTION_REAUTHORIZE);
  g_assert_cmpuint (wait_for_notifications ("needs you to sign in again"), ==, 1);
  screenshot (GTK_WIDGET (window), "data-sources-error");

  /* Reauthorize: the same sign-in, same data and settings afterwards. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reauthorize", "s",
                                             orgsync_connection_get_id (connection)));
  dialog = ORGSYNC_CONNECT_DIALOG (find_toplevel (ORGSYNC_TYPE_CONNECT_DIALOG));
  g_assert_nonnull (dialog);
  sign_in_with_password (dialog);
  g_assert_cmpstr (orgsync_connect_dialog_get_page (dialog), ==, "checklist");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.continue", NULL);

  /* Continue syncs at once. */
  for (guint i = 0; i < 50 && !orgsync_connection_get_syncing (connection); i++)
    g_main_context_iteration (NULL, FALSE);
  wait_until (run_ended, NULL, 300, "the sync after reauthorizing");
  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);
}

/* The org was refreshed (a sandbox): signing in again says so, and only the second
 * sign-in, which the person chose, syncs it again from scratch. */
static void
test_demo_flow_refreshed_sandbox (void)
{
  OrgsyncConnection *connection = first_connection ();
  g_autofree char *old_org = g_strdup (orgsync_connection_get_org_id (connection));
  OrgsyncConnectDialog *dialog;

  sim_post ("/_sim/sandbox/refresh", "{}");
  sync_now_and_wait ();
  g_assert_cmpint (orgsync_connection_get_status_action (connection), ==, ORGSYNC_STATUS_ACTION_REAUTHORIZE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reauthorize", "s",
                                             orgsync_connection_get_id (connection)));
  dialog = ORGSYNC_CONNECT_DIALOG (find_toplevel (ORGSYNC_TYPE_CONNECT_DIALOG));
  g_assert_nonnull (dialog);
  sign_in_with_password (dialog);
  g_assert_cmpstr (orgsync_connect_dialog_get_page (dialog), ==, "error");
  g_assert_cmpstr (orgsync_connection_get_org_id (connection), ==, old_org);
  screenshot (GTK_WIDGET (dialog), "connect-sandbox-refreshed");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.try-again", NULL);
  g_assert_cmpstr (orgsync_connect_dialog_get_page (dialog), ==, "sign-in");
  sign_in_with_password (dialog);
  g_assert_cmpstr (orgsync_connect_dialog_get_page (dialog), ==, "checklist");
  g_assert_cmpstr (orgsync_connection_get_org_id (connection), !=, old_org);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.continue", NULL);

  for (guint i = 0; i < 50 && !orgsync_connection_get_syncing (connection); i++)
    g_main_context_iteration (NULL, FALSE);
  wait_until (run_ended, NULL, 300, "the full sync of the refreshed sandbox");
  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  orgsync_test_isolate_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  start_notification_server ();

  app = orgsync_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/demo-flow/first-run", test_demo_flow_first_run);
  g_test_add_func ("/demo-flow/pause-resume", test_demo_flow_pause_resume);
  g_test_add_func ("/demo-flow/settings-save-and-cancel", test_demo_flow_settings_save_and_cancel);
  g_test_add_func ("/demo-flow/quota-stop", test_demo_flow_quota_stop);
  g_test_add_func ("/demo-flow/revoked-token", test_demo_flow_revoked_token);
  g_test_add_func ("/demo-flow/refreshed-sandbox", test_demo_flow_refreshed_sandbox);

  ret = g_test_run ();
  /* What the application's shutdown does: the demo org's thread writes its state
   * while the data folder still exists. */
  orgsync_demo_org_stop (orgsync_application_get_demo_org (app));
  g_clear_object (&app);
  g_subprocess_force_exit (notification_server);
  g_clear_object (&notification_server);
  g_clear_pointer (&notifications_log, g_free);

  return ret;
}
