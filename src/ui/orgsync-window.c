/* orgsync-window.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-banner.h"
#include "orgsync-connection-row.h"
#include "orgsync-toast.h"
#include "orgsync-window-private.h"

/* Relative times ("5 minutes ago") are refreshed this often. */
#define REFRESH_TIMES_SECONDS 30

G_DEFINE_FINAL_TYPE (OrgsyncWindow, orgsync_window, ADW_TYPE_APPLICATION_WINDOW)

/*
 * Auxiliary methods
 */

static void
restore_window_state (OrgsyncWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (OrgsyncWindow *self)
{
  int width;
  int height;

  /* The default size tracks the unmaximized size, which is what to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

/* The banner names the connection that stopped at its quota threshold, or says how
 * many did; its button opens the limit of the first one. */
static void
update_quota_banner (OrgsyncWindow *self)
{
  guint n_items = g_list_model_get_n_items (self->connections);
  g_autoptr(OrgsyncConnection) first = NULL;
  guint n_stopped = 0;
  g_autofree char *title = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OrgsyncConnection) connection = g_list_model_get_item (self->connections, i);

      if (orgsync_connection_get_status (connection) != ORGSYNC_CONNECTION_STATUS_ERROR ||
          orgsync_connection_get_status_action (connection) != ORGSYNC_STATUS_ACTION_CHANGE_LIMIT)
        continue;

      if (n_stopped++ == 0)
        first = g_object_ref (connection);
    }

  g_clear_pointer (&self->quota_connection_id, g_free);

  if (first == NULL)
    {
      orgsync_banner_set_revealed (self->quota_banner, FALSE);
      return;
    }

  self->quota_connection_id = g_strdup (orgsync_connection_get_id (first));

  if (n_stopped == 1)
    /* Translators: the argument is the name of a connection */
    title = g_strdup_printf (_("“%s” stopped syncing at its API limit"),
                             orgsync_connection_get_display_name (first));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u connection stopped syncing at its API limit",
                                          "%u connections stopped syncing at their API limits",
                                          n_stopped),
                             n_stopped);

  orgsync_banner_set_title (self->quota_banner, title);
  orgsync_banner_set_button_label (self->quota_banner, _("_Change Limit"));
  orgsync_banner_set_revealed (self->quota_banner, TRUE);
}

static void
connection_status_changed_cb (OrgsyncWindow *self)
{
  update_quota_banner (self);
}

static GtkWidget *
create_connection_row (gpointer item,
                       gpointer user_data)
{
  OrgsyncWindow *self = user_data;

  g_signal_connect_object (item, "notify::status",
                           G_CALLBACK (connection_status_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::status-action",
                           G_CALLBACK (connection_status_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return orgsync_connection_row_new (item);
}

static void
update_visible_page (OrgsyncWindow *self)
{
  gboolean empty = g_list_model_get_n_items (self->connections) == 0;

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "connections");
}

static void
connections_changed_cb (OrgsyncWindow *self,
                        guint          position,
                        guint          removed,
                        guint          added,
                        GListModel    *model)
{
  update_visible_page (self);
  update_quota_banner (self);
}

static gboolean
refresh_times_cb (gpointer user_data)
{
  OrgsyncWindow *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->connections_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ORGSYNC_IS_CONNECTION_ROW (child))
        orgsync_connection_row_refresh_times (ORGSYNC_CONNECTION_ROW (child), now);
    }

  return G_SOURCE_CONTINUE;
}

static void
connection_activated_cb (OrgsyncWindow *self,
                         GtkListBoxRow *row)
{
  OrgsyncConnection *connection = orgsync_connection_row_get_connection (ORGSYNC_CONNECTION_ROW (row));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.connection-settings", "s",
                              orgsync_connection_get_id (connection));
}

static void
quota_banner_clicked_cb (OrgsyncWindow *self)
{
  if (self->quota_connection_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.change-limit", "s",
                                self->quota_connection_id);
}

/*
 * Actions
 */

/*
 * GtkWindow overrides
 */

static gboolean
orgsync_window_close_request (GtkWindow *window)
{
  save_window_state (ORGSYNC_WINDOW (window));

  return GTK_WINDOW_CLASS (orgsync_window_parent_class)->close_request (window);
}

/*
 * GObject overrides
 */

static void
orgsync_window_dispose (GObject *object)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ORGSYNC_TYPE_WINDOW);
  g_clear_handle_id (&self->refresh_times_id, g_source_remove);
  g_clear_object (&self->connections);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->quota_connection_id, g_free);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->manager);
  g_clear_object (&self->sync_toast);

  G_OBJECT_CLASS (orgsync_window_parent_class)->dispose (object);
}

static void
orgsync_window_class_init (OrgsyncWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = orgsync_window_dispose;

  window_class->close_request = orgsync_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/orgsync-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgsyncWindow, connections_list);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncWindow, quota_banner);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, connection_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, quota_banner_clicked_cb);

  _orgsync_window_class_actions_init (widget_class);

  g_type_ensure (ORGSYNC_TYPE_BANNER);
}

static void
orgsync_window_init (OrgsyncWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  adw_status_page_set_icon_name (self->empty_page, APP_ID "-symbolic");

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

OrgsyncWindow *
orgsync_window_new (OrgsyncApplication *application)
{
  OrgsyncWindow *self;

  g_return_val_if_fail (ORGSYNC_IS_APPLICATION (application), NULL);

  self = g_object_new (ORGSYNC_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->settings = g_object_ref (orgsync_application_get_settings (application));
  restore_window_state (self);

  self->connections = g_object_ref (orgsync_application_get_connections (application));
  g_set_object (&self->manager, orgsync_application_get_manager (application));
  _orgsync_window_actions_init (self);
  gtk_list_box_bind_model (self->connections_list, self->connections,
                           create_connection_row, self, NULL);
  g_signal_connect_object (self->connections, "items-changed",
                           G_CALLBACK (connections_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_visible_page (self);
  update_quota_banner (self);
  self->refresh_times_id = g_timeout_add_seconds (REFRESH_TIMES_SECONDS, refresh_times_cb, self);

  return self;
}

void
orgsync_window_show_toast (OrgsyncWindow *self,
                           const char    *title)
{
  g_return_if_fail (ORGSYNC_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  orgsync_toast_show (self->toast_overlay, adw_toast_new (title), ORGSYNC_TOAST_TIMEOUT);
}
