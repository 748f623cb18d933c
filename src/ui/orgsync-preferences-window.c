/* orgsync-preferences-window.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-autostart.h"
#include "orgsync-preferences-window.h"

struct _OrgsyncPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSwitch            *background_switch;
  GtkSwitch            *login_switch;
  GtkSwitch            *metered_switch;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (OrgsyncPreferencesWindow, orgsync_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
autostart_set_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OrgsyncPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (orgsync_autostart_set_finish (result, &error))
    return;

  /* Say why, and show the setting as it really is. */
  message = g_strdup_printf (_("Could not change starting at login: %s"), error->message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
  g_settings_set_boolean (self->settings, "start-at-login", !g_settings_get_boolean (self->settings, "start-at-login"));
  gtk_switch_set_active (self->login_switch, g_settings_get_boolean (self->settings, "start-at-login"));
}

static void
login_switch_changed_cb (OrgsyncPreferencesWindow *self)
{
  gboolean active = gtk_switch_get_active (self->login_switch);

  if (self->settings == NULL || active == g_settings_get_boolean (self->settings, "start-at-login"))
    return;

  g_settings_set_boolean (self->settings, "start-at-login", active);
  orgsync_autostart_set_async (active, NULL, autostart_set_cb, g_object_ref (self));
}

static void
orgsync_preferences_window_dispose (GObject *object)
{
  OrgsyncPreferencesWindow *self = ORGSYNC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), ORGSYNC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (orgsync_preferences_window_parent_class)->dispose (object);
}

static void
orgsync_preferences_window_class_init (OrgsyncPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgsync_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/orgsync-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgsyncPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncPreferencesWindow, login_switch);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncPreferencesWindow, metered_switch);
  gtk_widget_class_bind_template_callback (widget_class, login_switch_changed_cb);
}

static void
orgsync_preferences_window_init (OrgsyncPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

OrgsyncPreferencesWindow *
orgsync_preferences_window_new (GSettings *settings)
{
  OrgsyncPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ORGSYNC_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  /* Read, not bound: changing it must go through the autostart request. */
  gtk_switch_set_active (self->login_switch, g_settings_get_boolean (settings, "start-at-login"));
  g_settings_bind (settings, "run-in-background",
                   self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-on-metered",
                   self->metered_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  return self;
}
