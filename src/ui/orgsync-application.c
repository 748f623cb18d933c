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
#include "orgsync-demo-org.h"
#include "orgsync-help-window.h"
#include "orgsync-manager.h"
#include "orgsync-paths.h"
#include "orgsync-preferences-window.h"
#include "orgsync-window.h"

struct _OrgsyncApplication
{
  AdwApplication     parent_instance;

  GSettings         *settings;
  OrgsyncHelpWindow *help_window;
  OrgsyncManager    *manager;
  GError            *manager_error;   /* why there is no manager */
  GListModel        *connections;     /* the manager's, or an empty list without one */
  OrgsyncDemoOrg    *demo_org;
  char              *data_dir;

  guint              start_in_background : 1;
  guint              start_demo : 1;
  guint              held_for_background : 1;
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

/* The Data Sources window, made and shown if need be. Help or Preferences may be
 * the active window, so look for it by type. */
static OrgsyncWindow *
present_main_window (OrgsyncApplication *self)
{
  OrgsyncWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (ORGSYNC_IS_WINDOW (l->data))
        {
          window = l->data;
          break;
        }
    }

  if (window == NULL)
    window = orgsync_window_new (self);

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
orgsync_application_demo_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  OrgsyncApplication *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (present_main_window (self)), "win.demo", NULL);
}

/* From a notification: show the window and act on one connection there.
 * The parameter is (window action, connection id). */
static void
orgsync_application_window_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  OrgsyncApplication *self = user_data;
  const char *name;
  const char *id;
  GtkWindow *window;

  g_variant_get (parameter, "(&s&s)", &name, &id);
  window = GTK_WINDOW (present_main_window (self));

  if (g_str_has_prefix (name, "win."))
    gtk_widget_activate_action (GTK_WIDGET (window), name, "s", id);
}

static const GActionEntry app_actions[] = {
  { "quit", orgsync_application_quit_action },
  { "about", orgsync_application_about_action },
  { "preferences", orgsync_application_preferences_action },
  { "help", orgsync_application_help_action },
  { "help-topic", orgsync_application_help_action, "s" },
  { "demo", orgsync_application_demo_action },
  { "window-action", orgsync_application_window_action, "(ss)" },
};

/*
 * Notifications
 */

/* The title, the button and the window action that fixes an event. */
static char *
describe_event (OrgsyncManagerEvent   event,
                const char           *name,
                const char          **button,
                const char          **action)
{
  *button = NULL;
  *action = "win.connection-settings";

  switch (event)
    {
    case ORGSYNC_MANAGER_EVENT_QUOTA_STOP:
      *button = _("Change Limit");
      *action = "win.change-limit";
      return g_strdup_printf (_("“%s” stopped syncing at its API limit"), name);

    case ORGSYNC_MANAGER_EVENT_REAUTHORIZE:
      *button = _("Reauthorize");
      *action = "win.reauthorize";
      return g_strdup_printf (_("“%s” needs you to sign in again"), name);

    case ORGSYNC_MANAGER_EVENT_PERMISSION_LOST:
      *button = _("Check Permissions");
      *action = "win.check-permissions";
      return g_strdup_printf (_("“%s” lost a Salesforce permission"), name);

    case ORGSYNC_MANAGER_EVENT_REPEATED_FAILURES:
      *button = _("Sync Now");
      *action = "win.sync-now";
      return g_strdup_printf (_("Syncing “%s” keeps failing"), name);

    case ORGSYNC_MANAGER_EVENT_FIELDS_REPAIRED:
      return g_strdup_printf (_("Fields of “%s” changed in Salesforce"), name);

    default:
      return NULL;
    }
}

/* Things that need the person, once per state change, whether or not the window is
 * open; clicking opens the place that fixes it. One notification per connection
 * and kind, so a newer one replaces an older one. */
static void
manager_event_cb (OrgsyncApplication *self,
                  OrgsyncConnection  *connection,
                  int                 event,
                  const char         *message,
                  OrgsyncManager     *manager)
{
  const char *id = orgsync_connection_get_id (connection);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *notification_id = NULL;
  const char *button;
  const char *action;

  title = describe_event (event, orgsync_connection_get_display_name (connection), &button, &action);
  if (title == NULL)
    return;

  notification = g_notification_new (title);
  if (message != NULL)
    g_notification_set_body (notification, message);
  g_notification_set_priority (notification, event == ORGSYNC_MANAGER_EVENT_FIELDS_REPAIRED
                                             ? G_NOTIFICATION_PRIORITY_NORMAL
                                             : G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.window-action", "(ss)",
                                                "win.connection-settings", id);
  if (button != NULL)
    g_notification_add_button_with_target (notification, button, "app.window-action", "(ss)", action, id);

  notification_id = g_strdup_printf ("%s-%d", id, event);
  g_application_send_notification (G_APPLICATION (self), notification_id, notification);
}

/*
 * The manager
 */

/* Demo connections need the demo org running before anything syncs them, at the
 * address it has this time. */
static void
start_demo_org_if_used (OrgsyncApplication *self)
{
  GListModel *connections = self->connections;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(OrgsyncConnection) connection = g_list_model_get_item (connections, i);
      const char *url;

      if (!orgsync_demo_org_owns (self->demo_org, connection))
        continue;

      if (!orgsync_demo_org_start (self->demo_org, &error))
        {
          g_warning ("The demo org did not start: %s", error->message);
          return;
        }

      url = orgsync_demo_org_get_url (self->demo_org);
      if (g_strcmp0 (orgsync_connection_get_login_url (connection), url) != 0 &&
          !orgsync_manager_move (self->manager, connection, url, &error))
        {
          g_warning ("The demo connection could not move to %s: %s", url, error->message);
          g_clear_error (&error);
        }
    }
}

static void
start_manager (OrgsyncApplication *self)
{
  self->data_dir = orgsync_paths_dup_default_data_dir ();
  self->demo_org = orgsync_demo_org_new (self->data_dir);
  self->manager = orgsync_manager_new (self->data_dir, NULL, &self->manager_error);

  if (self->manager == NULL)
    {
      g_warning ("Cannot open the data of Org Sync: %s", self->manager_error->message);
      self->connections = G_LIST_MODEL (orgsync_connection_list_new ());
      return;
    }

  self->connections = g_object_ref (orgsync_manager_get_connections (self->manager));
  g_signal_connect_object (self->manager, "event", G_CALLBACK (manager_event_cb), self,
                           G_CONNECT_SWAPPED);
  start_demo_org_if_used (self);
  orgsync_manager_watch (self->manager);
  orgsync_manager_start_scheduling (self->manager);
}

/*
 * GApplication overrides
 */

static void
orgsync_application_activate (GApplication *app)
{
  OrgsyncApplication *self = ORGSYNC_APPLICATION (app);
  OrgsyncWindow *window;

  /* Started at login: sync on schedule, no window until the person asks for one. */
  if (self->start_in_background)
    {
      self->start_in_background = FALSE;
      return;
    }

  window = present_main_window (self);

  if (orgsync_application_take_demo_request (self))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL);
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

  start_manager (self);

  /* With "Keep Syncing in the Background" the app outlives its window. */
  if (g_settings_get_boolean (self->settings, "run-in-background"))
    {
      g_application_hold (app);
      self->held_for_background = TRUE;
    }
}

static int
orgsync_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  OrgsyncApplication *self = ORGSYNC_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("orgsync %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("orgsync: %s\n", error->message);
      return 1;
    }

  /* A second launch hands its wish to the running instance and leaves. */
  if (g_variant_dict_contains (options, "demo"))
    {
      if (g_application_get_is_remote (app))
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
          return 0;
        }
      self->start_demo = TRUE;
    }

  if (g_variant_dict_contains (options, "background") && !g_application_get_is_remote (app))
    {
      self->start_in_background = TRUE;
      g_application_hold (app);
      self->held_for_background = TRUE;
    }

  return -1;
}

/* The demo org's thread writes its state file on the way out: before the process
 * exits, not whenever the last reference goes. */
static void
orgsync_application_shutdown (GApplication *app)
{
  OrgsyncApplication *self = ORGSYNC_APPLICATION (app);

  if (self->demo_org != NULL)
    orgsync_demo_org_stop (self->demo_org);

  G_APPLICATION_CLASS (orgsync_application_parent_class)->shutdown (app);
}

static void
orgsync_application_dispose (GObject *object)
{
  OrgsyncApplication *self = ORGSYNC_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->connections);
  g_clear_object (&self->manager);
  g_clear_object (&self->demo_org);
  g_clear_error (&self->manager_error);
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (orgsync_application_parent_class)->dispose (object);
}

static void
orgsync_application_class_init (OrgsyncApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = orgsync_application_dispose;

  app_class->activate = orgsync_application_activate;
  app_class->handle_local_options = orgsync_application_handle_local_options;
  app_class->startup = orgsync_application_startup;
  app_class->shutdown = orgsync_application_shutdown;
}

static void
orgsync_application_init (OrgsyncApplication *self)
{
  /* The schema id stays the same in the development profile so that both share one
   * set of preferences, like the data folder. */
  static const GOptionEntry options[] = {
    { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo org, a simulated Salesforce org on this computer"), NULL },
    { "background", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Start without a window and keep syncing on schedule"), NULL },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the version"), NULL },
    { NULL }
  };

  self->settings = g_settings_new (BASE_APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
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
 * orgsync_application_get_manager:
 *
 * Returns: (transfer none) (nullable): the manager of connections, or %NULL when the
 *   data folder could not be opened (see orgsync_application_get_manager_error())
 */
OrgsyncManager *
orgsync_application_get_manager (OrgsyncApplication *self)
{
  g_return_val_if_fail (ORGSYNC_IS_APPLICATION (self), NULL);

  return self->manager;
}

const GError *
orgsync_application_get_manager_error (OrgsyncApplication *self)
{
  g_return_val_if_fail (ORGSYNC_IS_APPLICATION (self), NULL);

  return self->manager_error;
}

/**
 * orgsync_application_get_demo_org:
 *
 * Returns: (transfer none): the demo org, started or not
 */
OrgsyncDemoOrg *
orgsync_application_get_demo_org (OrgsyncApplication *self)
{
  g_return_val_if_fail (ORGSYNC_IS_APPLICATION (self), NULL);

  return self->demo_org;
}

/* Whether `orgsync --demo` asked for the demo; asking answers it. */
gboolean
orgsync_application_take_demo_request (OrgsyncApplication *self)
{
  gboolean requested;

  g_return_val_if_fail (ORGSYNC_IS_APPLICATION (self), FALSE);

  requested = self->start_demo;
  self->start_demo = FALSE;

  return requested;
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
