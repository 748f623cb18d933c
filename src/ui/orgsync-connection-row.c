/* orgsync-connection-row.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-connection-row.h"
#include "orgsync-ui-format.h"
#include "orgsync-usage-bar.h"
#include "orgsync-widget-util.h"

/* One connection in the Data Sources list: name, account, a status badge, when it
 * last synced and syncs next, the API usage against the quota threshold, and — for an
 * Error — the reason with the one button that fixes it. Everything comes from the
 * OrgsyncConnection model; the row only listens and asks the window to act through
 * "win." actions that take the connection id. */
struct _OrgsyncConnectionRow
{
  GtkListBoxRow      parent_instance;

  /* Template widgets */
  GtkLabel          *account_label;
  GtkBox            *error_box;
  GtkLabel          *error_label;
  GtkButton         *fix_button;
  GtkMenuButton     *menu_button;
  GtkLabel          *name_label;
  GtkProgressBar    *progress_bar;
  GtkBox            *status_badge;
  GtkLabel          *status_label;
  GtkSpinner        *status_spinner;
  GtkLabel          *sync_label;
  OrgsyncUsageBar   *usage_bar;
  GtkLabel          *usage_label;

  /* Owned references */
  OrgsyncConnection *connection;
  GDateTime         *now;
};

G_DEFINE_FINAL_TYPE (OrgsyncConnectionRow, orgsync_connection_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *badge_classes[] = { "setting-up", "active", "not-syncing", "error" };

/*
 * Auxiliary methods
 */

static char *
dup_instance_host (OrgsyncConnection *connection)
{
  const char *url = orgsync_connection_get_instance_url (connection);
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    url = orgsync_connection_get_login_url (connection);
  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL ? g_strdup (g_uri_get_host (uri)) : NULL;
}

static void
update_account (OrgsyncConnectionRow *self)
{
  const char *username = orgsync_connection_get_username (self->connection);
  g_autofree char *host = dup_instance_host (self->connection);
  g_autofree char *text = NULL;

  if (username != NULL && host != NULL)
    /* Translators: a Salesforce username and the host of its org */
    text = g_strdup_printf (_("%s · %s"), username, host);
  else
    text = g_strdup (username != NULL ? username : host != NULL ? host : "");

  gtk_label_set_label (self->account_label, text);
}

static void
update_status (OrgsyncConnectionRow *self)
{
  OrgsyncConnectionStatus status = orgsync_connection_get_status (self->connection);

  for (guint i = 0; i < G_N_ELEMENTS (badge_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_badge), badge_classes[i]);
  if (status < G_N_ELEMENTS (badge_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_badge), badge_classes[status]);

  gtk_label_set_label (self->status_label, orgsync_connection_status_get_label (status));
  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner),
                          status == ORGSYNC_CONNECTION_STATUS_SETTING_UP);
  gtk_spinner_set_spinning (self->status_spinner,
                            status == ORGSYNC_CONNECTION_STATUS_SETTING_UP);
}

static char *
dup_progress_text (OrgsyncConnection *connection)
{
  const char *object = orgsync_connection_get_current_object (connection);
  g_autofree char *records = orgsync_format_count ((gint64) orgsync_connection_get_records_synced (connection));
  guint done = orgsync_connection_get_objects_done (connection);
  guint total = orgsync_connection_get_objects_total (connection);

  if (object != NULL && total > 0)
    /* Translators: current table, records so far, tables done and in all */
    return g_strdup_printf (_("%s · %s records · table %u of %u"),
                            object, records, MIN (done + 1, total), total);

  /* Translators: the number of records synced so far */
  return g_strdup_printf (_("%s records"), records);
}

static void
update_progress (OrgsyncConnectionRow *self)
{
  gboolean syncing = orgsync_connection_get_syncing (self->connection);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), syncing);
  if (!syncing)
    return;

  text = dup_progress_text (self->connection);
  gtk_progress_bar_set_fraction (self->progress_bar, orgsync_connection_get_progress (self->connection));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static char *
dup_sync_text (OrgsyncConnectionRow *self)
{
  OrgsyncConnection *connection = self->connection;
  GDateTime *now = self->now;
  g_autofree char *last = orgsync_format_last_sync (orgsync_connection_get_last_sync (connection), now);
  g_autofree char *next = NULL;
  GDateTime *paused_at;

  switch (orgsync_connection_get_status (connection))
    {
    case ORGSYNC_CONNECTION_STATUS_SETTING_UP:
      return g_strdup (_("Setting up: the first sync of the chosen fields is running"));

    case ORGSYNC_CONNECTION_STATUS_NOT_SYNCING:
      paused_at = orgsync_connection_get_paused_at (connection);
      if (paused_at != NULL)
        {
          g_autofree char *when = orgsync_format_clock_time (paused_at, now);

          /* Translators: when syncing was paused, then "Last synced …" */
          return g_strdup_printf (_("Paused since %s · %s"), when, last);
        }
      return g_strdup_printf (_("Paused · %s"), last);

    case ORGSYNC_CONNECTION_STATUS_ACTIVE:
    case ORGSYNC_CONNECTION_STATUS_ERROR:
    default:
      if (orgsync_connection_get_syncing (connection))
        return g_strdup (_("Syncing now…"));
      next = orgsync_format_next_sync (orgsync_connection_get_next_sync (connection), now);
      if (next == NULL || orgsync_connection_get_status (connection) == ORGSYNC_CONNECTION_STATUS_ERROR)
        return g_steal_pointer (&last);
      /* Translators: "Last synced 5 minutes ago · Next sync at 14:00" */
      return g_strdup_printf (_("%s · %s"), last, next);
    }
}

static void
update_sync_text (OrgsyncConnectionRow *self)
{
  g_autofree char *text = dup_sync_text (self);

  gtk_label_set_label (self->sync_label, text);
}

static void
update_usage (OrgsyncConnectionRow *self)
{
  gint64 used = orgsync_connection_get_api_used (self->connection);
  gint64 max = orgsync_connection_get_api_max (self->connection);
  guint threshold = orgsync_connection_get_quota_threshold (self->connection);
  g_autofree char *text = orgsync_format_api_usage (used, max, threshold);

  orgsync_usage_bar_set_used (self->usage_bar, used);
  orgsync_usage_bar_set_max (self->usage_bar, max);
  orgsync_usage_bar_set_threshold (self->usage_bar, threshold);
  gtk_label_set_label (self->usage_label, text);
}

static char *
dup_error_text (OrgsyncConnection *connection)
{
  const char *detail = orgsync_connection_get_status_detail (connection);
  const char *code = orgsync_connection_get_error_code (connection);

  if (detail == NULL || *detail == '\0')
    detail = _("Syncing stopped because of an error.");

  if (code != NULL && *code != '\0')
    /* Translators: a plain-language reason, then Salesforce's error code */
    return g_strdup_printf (_("%s (%s)"), detail, code);

  return g_strdup (detail);
}

static void
update_error (OrgsyncConnectionRow *self)
{
  gboolean is_error = orgsync_connection_get_status (self->connection) == ORGSYNC_CONNECTION_STATUS_ERROR;
  OrgsyncStatusAction action = orgsync_connection_get_status_action (self->connection);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->error_box), is_error);
  if (!is_error)
    return;

  text = dup_error_text (self->connection);
  gtk_label_set_label (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->fix_button), action != ORGSYNC_STATUS_ACTION_NONE);
  if (action != ORGSYNC_STATUS_ACTION_NONE)
    orgsync_button_set_mnemonic_label (self->fix_button, orgsync_status_action_get_label (action));
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             const char *id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (id));
  g_menu_append_item (menu, item);
}

static void
update_menu (OrgsyncConnectionRow *self)
{
  const char *id = orgsync_connection_get_id (self->connection);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) main_section = g_menu_new ();
  g_autoptr(GMenu) remove_section = g_menu_new ();

  append_item (main_section, _("_Settings"), "win.connection-settings", id);
  append_item (main_section, _("Sync _Now"), "win.sync-now", id);
  if (orgsync_connection_get_sync_enabled (self->connection))
    append_item (main_section, _("_Pause Syncing"), "win.pause-connection", id);
  else
    append_item (main_section, _("_Resume Syncing"), "win.resume-connection", id);
  append_item (main_section, _("Sync _History"), "win.sync-history", id);
  append_item (main_section, _("Open _Data Folder"), "win.open-data-folder", id);
  append_item (remove_section, _("_Remove…"), "win.remove-connection", id);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (main_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove_section));
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

static void
update_accessible (OrgsyncConnectionRow *self)
{
  g_autofree char *label = NULL;

  /* Translators: accessible name of the menu button of one connection */
  label = g_strdup_printf (_("Menu of %s"), orgsync_connection_get_display_name (self->connection));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_all (OrgsyncConnectionRow *self)
{
  gtk_label_set_label (self->name_label, orgsync_connection_get_display_name (self->connection));
  update_accessible (self);
  update_account (self);
  update_status (self);
  update_progress (self);
  update_sync_text (self);
  update_usage (self);
  update_error (self);
  update_menu (self);
}

/*
 * Callbacks
 */

static void
connection_notify_cb (OrgsyncConnectionRow *self,
                      GParamSpec           *pspec,
                      OrgsyncConnection    *connection)
{
  /* Every property feeds some text; a rebuild is cheaper than tracking which. The
   * progress setter notifies several properties at once, so coalesce nothing here:
   * label changes are idempotent and GTK redraws once per frame. */
  update_all (self);
}

static void
fix_clicked_cb (OrgsyncConnectionRow *self)
{
  static const char *actions[] = {
    [ORGSYNC_STATUS_ACTION_REAUTHORIZE] = "win.reauthorize",
    [ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS] = "win.check-permissions",
    [ORGSYNC_STATUS_ACTION_CHANGE_LIMIT] = "win.change-limit",
    [ORGSYNC_STATUS_ACTION_RETRY] = "win.sync-now",
  };
  OrgsyncStatusAction action = orgsync_connection_get_status_action (self->connection);

  if (action < G_N_ELEMENTS (actions) && actions[action] != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), actions[action], "s",
                                orgsync_connection_get_id (self->connection));
}

/*
 * GObject overrides
 */

static void
orgsync_connection_row_constructed (GObject *object)
{
  OrgsyncConnectionRow *self = ORGSYNC_CONNECTION_ROW (object);

  G_OBJECT_CLASS (orgsync_connection_row_parent_class)->constructed (object);

  g_signal_connect_object (self->connection, "notify",
                           G_CALLBACK (connection_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_all (self);
}

static void
orgsync_connection_row_dispose (GObject *object)
{
  OrgsyncConnectionRow *self = ORGSYNC_CONNECTION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ORGSYNC_TYPE_CONNECTION_ROW);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (orgsync_connection_row_parent_class)->dispose (object);
}

static void
orgsync_connection_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  OrgsyncConnectionRow *self = ORGSYNC_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_connection_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  OrgsyncConnectionRow *self = ORGSYNC_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_connection_row_class_init (OrgsyncConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = orgsync_connection_row_constructed;
  object_class->dispose = orgsync_connection_row_dispose;
  object_class->get_property = orgsync_connection_row_get_property;
  object_class->set_property = orgsync_connection_row_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         ORGSYNC_TYPE_CONNECTION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/orgsync-connection-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, account_label);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, error_box);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, fix_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, status_badge);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, usage_bar);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectionRow, usage_label);
  gtk_widget_class_bind_template_callback (widget_class, fix_clicked_cb);

  g_type_ensure (ORGSYNC_TYPE_USAGE_BAR);
}

static void
orgsync_connection_row_init (OrgsyncConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->now = g_date_time_new_now_utc ();
}

GtkWidget *
orgsync_connection_row_new (OrgsyncConnection *connection)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (connection), NULL);

  return g_object_new (ORGSYNC_TYPE_CONNECTION_ROW,
                       "connection", connection,
                       NULL);
}

OrgsyncConnection *
orgsync_connection_row_get_connection (OrgsyncConnectionRow *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION_ROW (self), NULL);

  return self->connection;
}

/**
 * orgsync_connection_row_refresh_times:
 * @now: the instant to measure "5 minutes ago" against
 *
 * Relative times go stale without any property changing, so the list calls this
 * periodically with one shared instant.
 */
void
orgsync_connection_row_refresh_times (OrgsyncConnectionRow *self,
                                      GDateTime            *now)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION_ROW (self));
  g_return_if_fail (now != NULL);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_ref (now);
  update_sync_text (self);
}
