/* test-demo-flow.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-application.h"
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

/* Runs the main loop until @check says so; a stuck flow fails after @seconds. */
static void
wait_until (gboolean    (*check) (gpointer),
            gpointer      data,
            guint         seconds,
            const char   *what)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!check (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
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
  OrgsyncWindow *window = orgsync_window_new (app);
  OrgsyncConnectDialog *dialog;
  OrgsyncCustomizeWindow *customize;
  OrgsyncConnection *connection;
  OrgsyncSettingsDialog *settings;
  g_autoptr(OrgsyncRecordsStore) store = NULL;
  g_autofree char *records_path = NULL;
  g_autoptr(GError) error = NULL;

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

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (customize), "customize.review", NULL));
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

  app = orgsync_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/demo-flow/first-run", test_demo_flow_first_run);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
