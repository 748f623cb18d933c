/* orgsync-application.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-application.h"
#include "orgsync-connection-list.h"
#include "orgsync-help-window.h"
#include "orgsync-preferences-window.h"
#include "orgsync-window.h"

struct _OrgsyncApplication
{
  AdwApplication     parent_instance;

  GSettings         *settings;
  OrgsyncHelpWindow *help_window;
  GListModel        *connections;
};

G_DEFINE_FINAL_TYPE (OrgsyncApplication, orgsync_application, ADW_TYPE_APPLICATION)

/*
 * Actions
 */

static void
orgsync_application_quit_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  OrgsyncApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it save its state, as a close button would. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
orgsync_application_about_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  static const char *developers[] = { "The Org Sync authors", NULL };
  OrgsyncApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application", self,
                        "modal", TRUE,
                        "application-name", _("Org Sync"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Org Sync authors"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_URL,
                        "issue-url", PACKAGE_BUGREPORT,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Org Sync authors",
                        "developers", developers,
                        /* Translators: put your name and e-mail here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
orgsync_application_preferences_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  OrgsyncApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  OrgsyncPreferencesWindow *preferences;

  preferences = orgsync_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* One help window per application: asking for help again raises it. */
static OrgsyncHelpWindow *
ensure_help_window (OrgsyncApplication *self)
{
  if (self->help_window == NULL)
    {
      self->help_window = orgsync_help_window_new ();
      gtk_window_set_application (GTK_WINDOW (self->help_window), GTK_APPLICATION (self));
      g_object_add_weak_pointer (G_OBJECT (self->help_window), (gpointer *) &self->help_window);
    }

  return self->help_window;
}

static void
orgsync_application_help_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  OrgsyncApplication *self = user_data;
  OrgsyncHelpWindow *help = ensure_help_window (self);

  if (parameter != NULL)
    orgsync_help_window_show_topic (help, g_variant_get_string (parameter, NULL));

  gtk_window_present (GTK_WINDOW (help));
}

static const GActionEntry app_actions[] = {
  { "quit", orgsync_application_quit_action },
  { "about", orgsync_application_about_action },
  { "preferences", orgsync_application_preferences_action },
  { "help", orgsync_application_help_action },
  { "help-topic", orgsync_application_help_action, "s" },
};

/*
 * GApplication overrides
 */

static void
orgsync_application_activate (GApplication *app)
{
  OrgsyncApplication *self = ORGSYNC_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (orgsync_window_new (self));

  gtk_window_present (window);
}

static void
orgsync_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };
  OrgsyncApplication *self = ORGSYNC_APPLICATION (app);

  G_APPLICATION_CLASS (orgsync_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
orgsync_application_dispose (GObject *object)
{
  OrgsyncApplication *self = ORGSYNC_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->connections);

  G_OBJECT_CLASS (orgsync_application_parent_class)->dispose (object);
}

static void
orgsync_application_class_init (OrgsyncApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = orgsync_application_dispose;

  app_class->activate = orgsync_application_activate;
  app_class->startup = orgsync_application_startup;
}

static void
orgsync_application_init (OrgsyncApplication *self)
{
  /* The schema id stays the same in the development profile so that both share one
   * set of preferences, like the data folder. */
  self->settings = g_settings_new (BASE_APP_ID);
  self->connections = G_LIST_MODEL (orgsync_connection_list_new ());
}

OrgsyncApplication *
orgsync_application_new (void)
{
  return g_object_new (ORGSYNC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * orgsync_application_get_settings:
 *
 * Returns: (transfer none): the application's preferences
 */
GSettings *
orgsync_application_get_settings (OrgsyncApplication *self)
{
  g_return_val_if_fail (ORGSYNC_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * orgsync_application_get_connections:
 *
 * Returns: (transfer none): the connections, as a #GListModel of #OrgsyncConnection
 */
GListModel *
orgsync_application_get_connections (OrgsyncApplication *self)
{
  g_return_val_if_fail (ORGSYNC_IS_APPLICATION (self), NULL);

  return self->connections;
}
