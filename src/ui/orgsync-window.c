/* orgsync-window.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-window.h"

struct _OrgsyncWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwStatusPage        *empty_page;
  GtkStack             *main_stack;
  AdwToastOverlay      *toast_overlay;

  /* Owned references */
  GSettings            *settings;
};

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

/*
 * Actions
 */

static void
orgsync_window_connect_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  orgsync_window_show_toast (ORGSYNC_WINDOW (widget),
                             _("Connecting to Salesforce is not available yet: the sign-in flow is still being built"));
}

static void
orgsync_window_demo_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  orgsync_window_show_toast (ORGSYNC_WINDOW (widget),
                             _("The demo org is not available yet: the Salesforce simulator is still being built"));
}

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
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, OrgsyncWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.connect", NULL, orgsync_window_connect_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, orgsync_window_demo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.connect", NULL);
}

static void
orgsync_window_init (OrgsyncWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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

  return self;
}

void
orgsync_window_show_toast (OrgsyncWindow *self,
                           const char    *title)
{
  g_return_if_fail (ORGSYNC_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}
