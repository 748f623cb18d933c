/* orgsync-preferences-window.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-preferences-window.h"

struct _OrgsyncPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSwitch            *background_switch;
  GtkSwitch            *metered_switch;
};

G_DEFINE_FINAL_TYPE (OrgsyncPreferencesWindow, orgsync_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
orgsync_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ORGSYNC_TYPE_PREFERENCES_WINDOW);

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
  gtk_widget_class_bind_template_child (widget_class, OrgsyncPreferencesWindow, metered_switch);
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
  g_settings_bind (settings, "run-in-background",
                   self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-on-metered",
                   self->metered_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  return self;
}
