/* test-window.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-application.h"
#include "orgsync-help-window.h"
#include "orgsync-window.h"
#include "orgsync-test-utils.h"

/* One registered application per test process, as in the real program. */
static OrgsyncApplication *app;

static void
register_application (void)
{
  g_autoptr(GError) error = NULL;

  app = orgsync_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Borrowed: GTK's list of toplevels keeps the window alive. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static void
test_window_empty_state (void)
{
  OrgsyncWindow *window = orgsync_window_new (app);
  GtkWindow *about;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Data Sources");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  /* The About action opens the About window on top of the main window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.about", NULL));
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  gtk_window_destroy (about);

  /* The empty state's actions exist and answer rather than doing nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));

  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_null (window);
}

static void
test_window_preferences (void)
{
  OrgsyncWindow *window = orgsync_window_new (app);
  GtkWindow *preferences;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL));
  preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_application (preferences) == GTK_APPLICATION (app));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (preferences));
  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_help (void)
{
  OrgsyncWindow *window = orgsync_window_new (app);
  GtkWindow *help;

  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.help", NULL));
  help = find_toplevel (ORGSYNC_TYPE_HELP_WINDOW);
  g_assert_nonnull (help);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (help));
  g_assert_cmpstr (orgsync_help_window_get_topic (ORGSYNC_HELP_WINDOW (help)), ==, "connecting");

  /* Asking again with a topic raises the same window at that page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.help-topic", "s", "quota"));
  g_assert_true (find_toplevel (ORGSYNC_TYPE_HELP_WINDOW) == help);
  g_assert_cmpstr (orgsync_help_window_get_topic (ORGSYNC_HELP_WINDOW (help)), ==, "quota");
  g_assert_cmpstr (gtk_window_get_title (help), ==, "Org Sync Help");

  gtk_window_destroy (help);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  orgsync_test_isolate_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  register_application ();

  g_test_add_func ("/window/empty-state", test_window_empty_state);
  g_test_add_func ("/window/preferences", test_window_preferences);
  g_test_add_func ("/window/help", test_window_help);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
