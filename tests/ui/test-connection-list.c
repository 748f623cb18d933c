/* test-connection-list.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-application.h"
#include "orgsync-banner.h"
#include "orgsync-connection-list.h"
#include "orgsync-connection-row.h"
#include "orgsync-test-utils.h"
#include "orgsync-usage-bar.h"
#include "orgsync-window.h"

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

static OrgsyncConnection *
add_connection (OrgsyncConnectionList   *list,
                const char              *id,
                const char              *name,
                OrgsyncConnectionStatus  status)
{
  g_autoptr(OrgsyncConnection) connection = orgsync_connection_new (id);
  g_autoptr(GError) error = NULL;

  orgsync_connection_set_display_name (connection, name);
  orgsync_connection_set_username (connection, "ops@example.com");
  orgsync_connection_set_instance_url (connection, "https://example.my.salesforce.com");
  orgsync_connection_set_status (connection, status);
  orgsync_connection_set_api_usage (connection, 4200, 15000);
  orgsync_connection_list_add (list, connection, &error);
  g_assert_no_error (error);

  return connection;
}

static const char *
visible_page (OrgsyncWindow *window)
{
  GtkStack *stack = GTK_STACK (orgsync_test_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK, 0));

  return gtk_stack_get_visible_child_name (stack);
}

static void
test_connection_list_rows_and_banner (void)
{
  OrgsyncConnectionList *list = ORGSYNC_CONNECTION_LIST (orgsync_application_get_connections (app));
  OrgsyncWindow *window = orgsync_window_new (app);
  OrgsyncBanner *banner = ORGSYNC_BANNER (orgsync_test_find_widget (GTK_WIDGET (window), ORGSYNC_TYPE_BANNER, 0));
  OrgsyncConnection *stopped;
  OrgsyncUsageBar *usage;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_false (orgsync_banner_get_revealed (banner));

  add_connection (list, "a", "Acme Production", ORGSYNC_CONNECTION_STATUS_ACTIVE);
  add_connection (list, "b", "Acme Sandbox", ORGSYNC_CONNECTION_STATUS_NOT_SYNCING);
  stopped = add_connection (list, "c", "Globex", ORGSYNC_CONNECTION_STATUS_ACTIVE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpstr (visible_page (window), ==, "connections");
  g_assert_nonnull (orgsync_test_find_widget (GTK_WIDGET (window), ORGSYNC_TYPE_CONNECTION_ROW, 2));
  g_assert_null (orgsync_test_find_widget (GTK_WIDGET (window), ORGSYNC_TYPE_CONNECTION_ROW, 3));

  orgsync_test_save_screenshot (GTK_WIDGET (window), "connections");

  usage = ORGSYNC_USAGE_BAR (orgsync_test_find_widget (GTK_WIDGET (window), ORGSYNC_TYPE_USAGE_BAR, 0));
  g_assert_cmpint (orgsync_usage_bar_get_used (usage), ==, 4200);
  g_assert_cmpint (orgsync_usage_bar_get_max (usage), ==, 15000);
  g_assert_cmpuint (orgsync_usage_bar_get_threshold (usage), ==, 80);

  /* A quota stop raises the banner, whatever the connection's row shows. */
  orgsync_connection_set_status_action (stopped, ORGSYNC_STATUS_ACTION_CHANGE_LIMIT);
  orgsync_connection_set_status_detail (stopped, "API usage reached 80% of the daily limit.");
  orgsync_connection_set_status (stopped, ORGSYNC_CONNECTION_STATUS_ERROR);
  g_assert_true (orgsync_banner_get_revealed (banner));
  g_assert_nonnull (strstr (orgsync_banner_get_title (banner), "Globex"));
  orgsync_test_save_screenshot (GTK_WIDGET (window), "connections-quota");

  orgsync_connection_set_status (stopped, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  g_assert_false (orgsync_banner_get_revealed (banner));

  orgsync_connection_list_remove_all (list);
  g_assert_cmpstr (visible_page (window), ==, "empty");

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

  g_test_add_func ("/connection-list/rows-and-banner", test_connection_list_rows_and_banner);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
