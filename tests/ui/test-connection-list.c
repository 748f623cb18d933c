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

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             guint      skip)
{
  guint seen = 0;
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, widget);
  while (!g_queue_is_empty (&queue))
    {
      GtkWidget *current = g_queue_pop_head (&queue);

      if (G_TYPE_CHECK_INSTANCE_TYPE (current, type) && seen++ == skip)
        {
          g_queue_clear (&queue);
          return current;
        }

      for (GtkWidget *child = gtk_widget_get_first_child (current);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&queue, child);
    }

  return NULL;
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

/* With ORGSYNC_SCREENSHOT_DIR set, saves what the window shows as a PNG. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("ORGSYNC_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static const char *
visible_page (OrgsyncWindow *window)
{
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (window), GTK_TYPE_STACK, 0));

  return gtk_stack_get_visible_child_name (stack);
}

static void
test_connection_list_rows_and_banner (void)
{
  OrgsyncConnectionList *list = ORGSYNC_CONNECTION_LIST (orgsync_application_get_connections (app));
  OrgsyncWindow *window = orgsync_window_new (app);
  OrgsyncBanner *banner = ORGSYNC_BANNER (find_widget (GTK_WIDGET (window), ORGSYNC_TYPE_BANNER, 0));
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
  g_assert_nonnull (find_widget (GTK_WIDGET (window), ORGSYNC_TYPE_CONNECTION_ROW, 2));
  g_assert_null (find_widget (GTK_WIDGET (window), ORGSYNC_TYPE_CONNECTION_ROW, 3));

  save_screenshot (GTK_WIDGET (window), "connections.png");

  usage = ORGSYNC_USAGE_BAR (find_widget (GTK_WIDGET (window), ORGSYNC_TYPE_USAGE_BAR, 0));
  g_assert_cmpint (orgsync_usage_bar_get_used (usage), ==, 4200);
  g_assert_cmpint (orgsync_usage_bar_get_max (usage), ==, 15000);
  g_assert_cmpuint (orgsync_usage_bar_get_threshold (usage), ==, 80);

  /* A quota stop raises the banner, whatever the connection's row shows. */
  orgsync_connection_set_status_action (stopped, ORGSYNC_STATUS_ACTION_CHANGE_LIMIT);
  orgsync_connection_set_status_detail (stopped, "API usage reached 80% of the daily limit.");
  orgsync_connection_set_status (stopped, ORGSYNC_CONNECTION_STATUS_ERROR);
  g_assert_true (orgsync_banner_get_revealed (banner));
  g_assert_nonnull (strstr (orgsync_banner_get_title (banner), "Globex"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_usleep (300000);
  while (g_main_context_iteration (NULL, FALSE));
  save_screenshot (GTK_WIDGET (window), "connections-quota.png");

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

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  register_application ();

  g_test_add_func ("/connection-list/rows-and-banner", test_connection_list_rows_and_banner);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
