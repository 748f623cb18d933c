/* orgsync-settings-dialog.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-format.h"
#include "orgsync-records-store.h"
#include "orgsync-settings-dialog.h"
#include "orgsync-toast.h"
#include "orgsync-ui-format.h"
#include "orgsync-usage-bar.h"

/* The Settings dialog of one connection, as in the seed article: status, account and
 * Reauthorize, "Sync Data from Salesforce", Update Frequency, the API-quota
 * threshold, Edit Data Sync, and where the data is. Name, sync switch, frequency and
 * threshold are staged: "Save Changes" hands them to the "save" handler, Cancel or
 * closing drops them (asking first when something changed). Reauthorize and Edit Data
 * Sync act at once, through signals, as the article describes. */
struct _OrgsyncSettingsDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwActionRow       *account_row;
  AdwPreferencesGroup *data_group;
  AdwActionRow       *database_row;
  AdwComboRow        *frequency_row;
  AdwEntryRow        *name_row;
  GtkButton          *save_button;
  GtkLabel           *status_badge;
  AdwActionRow       *status_row;
  GtkSwitch          *sync_switch;
  GtkSpinButton      *threshold_spin;
  AdwToastOverlay    *toast_overlay;
  AdwActionRow       *usage_row;
  OrgsyncUsageBar    *usage_bar;
  AdwWindowTitle     *window_title;

  /* Owned references */
  OrgsyncConnection  *connection;
  char               *records_path;
  GCancellable       *cancellable;

  guint               n_synced_objects;
  gboolean            closing_confirmed;
};

G_DEFINE_FINAL_TYPE (OrgsyncSettingsDialog, orgsync_settings_dialog, ADW_TYPE_WINDOW)

enum {
  SAVE,
  REAUTHORIZE,
  EDIT_DATA_SYNC,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *badge_classes[] = { "setting-up", "active", "not-syncing", "error" };

/*
 * Auxiliary methods
 */

/**
 * orgsync_settings_dialog_dup_frequency_hint:
 *
 * What a frequency costs when nothing changed: the calls of a run without changes,
 * times the runs of a day.
 */
char *
orgsync_settings_dialog_dup_frequency_hint (OrgsyncUpdateFrequency frequency,
                                            guint                  n_objects)
{
  gint64 seconds = orgsync_update_frequency_get_seconds (frequency);
  g_autofree char *calls = NULL;
  gint64 per_run;

  if (seconds <= 0)
    return g_strdup (_("Syncs only when you choose Sync Now"));

  per_run = orgsync_sync_estimate_idle_run_calls (n_objects);
  calls = orgsync_format_count (per_run * (24 * 3600 / seconds));

  /* Translators: the API calls a day that syncing at this frequency needs when no
   * data changed (changes cost more) */
  return g_strdup_printf (_("About %s API calls a day"), calls);
}

static void
update_frequency_hint (OrgsyncSettingsDialog *self)
{
  g_autofree char *hint = orgsync_settings_dialog_dup_frequency_hint (orgsync_settings_dialog_get_frequency (self),
                                                                      self->n_synced_objects);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->frequency_row), hint);
}

static void
update_status (OrgsyncSettingsDialog *self)
{
  OrgsyncConnection *connection = self->connection;
  OrgsyncConnectionStatus status = orgsync_connection_get_status (connection);
  const char *detail = orgsync_connection_get_status_detail (connection);
  const char *code = orgsync_connection_get_error_code (connection);
  const char *message = orgsync_connection_get_error_message (connection);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (badge_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_badge), badge_classes[i]);
  if (status < G_N_ELEMENTS (badge_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_badge), badge_classes[status]);
  gtk_label_set_label (self->status_badge, orgsync_connection_status_get_label (status));

  if (detail != NULL)
    g_string_append (text, detail);
  if (status == ORGSYNC_CONNECTION_STATUS_ERROR && code != NULL)
    {
      /* Translators: Salesforce's own error code and message, after our explanation */
      g_string_append_printf (text, _("\nSalesforce said: %s — %s"), code, message != NULL ? message : "");
    }

  adw_action_row_set_subtitle (self->status_row, text->str);
}

static void
update_account (OrgsyncSettingsDialog *self)
{
  const char *username = orgsync_connection_get_username (self->connection);
  const char *org_id = orgsync_connection_get_org_id (self->connection);
  const char *instance = orgsync_connection_get_instance_url (self->connection);
  g_autofree char *text = NULL;

  /* Translators: username, org id and instance URL, one per line */
  text = g_strdup_printf (_("%s\nOrg %s\n%s"),
                          username != NULL ? username : "—",
                          org_id != NULL ? org_id : "—",
                          instance != NULL ? instance : "—");
  adw_action_row_set_subtitle (self->account_row, text);
}

static void
update_usage (OrgsyncSettingsDialog *self)
{
  gint64 used = orgsync_connection_get_api_used (self->connection);
  gint64 max = orgsync_connection_get_api_max (self->connection);
  guint threshold = orgsync_settings_dialog_get_threshold (self);
  GDateTime *resume_at = orgsync_connection_get_resume_at (self->connection);
  g_autofree char *usage = orgsync_format_api_usage (used, max, threshold);
  g_autofree char *text = NULL;

  if (resume_at != NULL && orgsync_connection_get_status (self->connection) == ORGSYNC_CONNECTION_STATUS_ERROR)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *when = orgsync_format_clock_time (resume_at, now);

      /* Translators: today's API usage, then when a stopped sync resumes */
      text = g_strdup_printf (_("%s\nSyncing is expected to resume at %s"), usage, when);
    }

  adw_action_row_set_subtitle (self->usage_row, text != NULL ? text : usage);
  orgsync_usage_bar_set_used (self->usage_bar, used);
  orgsync_usage_bar_set_max (self->usage_bar, max);
  orgsync_usage_bar_set_threshold (self->usage_bar, threshold);
}

static void
update_save_button (OrgsyncSettingsDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.save",
                                 orgsync_settings_dialog_get_has_changes (self));
}

/*
 * Row counts, read in a thread: COUNT(*) walks the whole table.
 */

typedef struct
{
  char   *object;
  gint64  rows;
} TableCount;

static void
table_count_free (gpointer data)
{
  TableCount *count = data;

  g_free (count->object);
  g_free (count);
}

static void
count_rows_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(OrgsyncRecordsStore) store = NULL;
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func (table_count_free);
  g_auto(GStrv) objects = NULL;
  GError *error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, g_steal_pointer (&counts), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  if ((store = orgsync_records_store_open (path, &error)) == NULL ||
      (objects = orgsync_records_store_list_objects (store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; objects[i] != NULL && !g_cancellable_is_cancelled (cancellable); i++)
    {
      TableCount *count = g_new0 (TableCount, 1);

      count->object = g_strdup (objects[i]);
      count->rows = orgsync_records_store_count_rows (store, objects[i], NULL);
      g_ptr_array_add (counts, count);
    }

  g_task_return_pointer (task, g_steal_pointer (&counts), (GDestroyNotify) g_ptr_array_unref);
}

static void
add_count_row (OrgsyncSettingsDialog *self,
               const char            *title,
               const char            *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (self->data_group, row);
}

static void
count_rows_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OrgsyncSettingsDialog *self = ORGSYNC_SETTINGS_DIALOG (object);
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      add_count_row (self, _("The synced data cannot be read"), error->message);
      return;
    }

  if (counts->len == 0)
    add_count_row (self, _("Nothing synced yet"), "");

  for (guint i = 0; i < counts->len; i++)
    {
      TableCount *count = g_ptr_array_index (counts, i);
      g_autofree char *rows = orgsync_format_count (count->rows);
      g_autofree char *text = NULL;

      /* Translators: the number of rows in a synced table */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", count->rows), rows);
      add_count_row (self, count->object, text);
    }
}

static void
load_row_counts (OrgsyncSettingsDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, count_rows_cb, NULL);

  g_task_set_source_tag (task, load_row_counts);
  g_task_set_task_data (task, g_strdup (self->records_path), g_free);
  g_task_run_in_thread (task, count_rows_thread);
}

/*
 * Callbacks and actions
 */

static void
staged_value_changed_cb (OrgsyncSettingsDialog *self)
{
  /* The template sets values before a connection is known. */
  if (self->connection == NULL)
    return;

  update_frequency_hint (self);
  update_usage (self);
  update_save_button (self);
}

static void
name_changed_cb (OrgsyncSettingsDialog *self)
{
  if (self->connection == NULL)
    return;

  update_save_button (self);
}

static void
connection_notify_cb (OrgsyncSettingsDialog *self)
{
  update_status (self);
  update_account (self);
  update_usage (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OrgsyncSettingsDialog *self = ORGSYNC_SETTINGS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  if (!orgsync_connection_validate_name (orgsync_settings_dialog_get_name (self), &error))
    {
      orgsync_settings_dialog_show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  /* The handler applies the staged values, or explains why it could not. */
  g_signal_emit (self, signals[SAVE], 0, &saved);

  if (saved)
    {
      self->closing_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
reauthorize_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[REAUTHORIZE], 0);
}

static void
edit_data_sync_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_signal_emit (widget, signals[EDIT_DATA_SYNC], 0);
}

static void
open_data_folder_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  OrgsyncSettingsDialog *self = ORGSYNC_SETTINGS_DIALOG (widget);
  g_autofree char *folder = g_path_get_dirname (self->records_path);
  g_autofree char *uri = g_filename_to_uri (folder, NULL, NULL);

  if (uri != NULL)
    g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
discard_response_cb (OrgsyncSettingsDialog *self,
                     const char            *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  self->closing_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
orgsync_settings_dialog_close_request (GtkWindow *window)
{
  OrgsyncSettingsDialog *self = ORGSYNC_SETTINGS_DIALOG (window);
  GtkWidget *confirm;

  if (self->closing_confirmed || !orgsync_settings_dialog_get_has_changes (self))
    return GTK_WINDOW_CLASS (orgsync_settings_dialog_parent_class)->close_request (window);

  confirm = adw_message_dialog_new (window, _("Discard Changes?"),
                                    _("The changes to this connection’s settings have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "keep");
  g_signal_connect_object (confirm, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (confirm));

  return TRUE;
}

/*
 * GObject overrides
 */

static void
orgsync_settings_dialog_dispose (GObject *object)
{
  OrgsyncSettingsDialog *self = ORGSYNC_SETTINGS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ORGSYNC_TYPE_SETTINGS_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->records_path, g_free);

  G_OBJECT_CLASS (orgsync_settings_dialog_parent_class)->dispose (object);
}

static void
orgsync_settings_dialog_class_init (OrgsyncSettingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = orgsync_settings_dialog_dispose;
  window_class->close_request = orgsync_settings_dialog_close_request;

  /**
   * OrgsyncSettingsDialog::save:
   *
   * Apply the staged values. Returns %TRUE when they were saved; otherwise the
   * handler calls orgsync_settings_dialog_show_error() and the dialog stays open.
   */
  signals[SAVE] =
    g_signal_new ("save",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 0);
  signals[REAUTHORIZE] =
    g_signal_new ("reauthorize",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[EDIT_DATA_SYNC] =
    g_signal_new ("edit-data-sync",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/orgsync-settings-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, account_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, data_group);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, frequency_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, status_badge);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, sync_switch);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, usage_bar);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, usage_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncSettingsDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, staged_value_changed_cb);

  gtk_widget_class_install_action (widget_class, "settings.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "settings.reauthorize", NULL, reauthorize_action);
  gtk_widget_class_install_action (widget_class, "settings.edit-data-sync", NULL, edit_data_sync_action);
  gtk_widget_class_install_action (widget_class, "settings.open-data-folder", NULL, open_data_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "settings.save", NULL);

  g_type_ensure (ORGSYNC_TYPE_USAGE_BAR);
}

static void
orgsync_settings_dialog_init (OrgsyncSettingsDialog *self)
{
  g_autoptr(GtkStringList) frequencies = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (guint i = ORGSYNC_UPDATE_FREQUENCY_15_MINUTES; i <= ORGSYNC_UPDATE_FREQUENCY_MANUAL; i++)
    gtk_string_list_append (frequencies, orgsync_update_frequency_get_label (i));
  adw_combo_row_set_model (self->frequency_row, G_LIST_MODEL (frequencies));
}

/**
 * orgsync_settings_dialog_new:
 * @connection: the connection to edit
 * @records_path: its records.db, shown and counted
 * @n_synced_objects: how many tables sync, for the cost hint of the frequency
 */
OrgsyncSettingsDialog *
orgsync_settings_dialog_new (OrgsyncConnection *connection,
                             const char        *records_path,
                             guint              n_synced_objects)
{
  OrgsyncSettingsDialog *self;

  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (records_path != NULL, NULL);

  self = g_object_new (ORGSYNC_TYPE_SETTINGS_DIALOG, NULL);
  self->connection = g_object_ref (connection);
  self->records_path = g_strdup (records_path);
  self->n_synced_objects = n_synced_objects;

  adw_window_title_set_subtitle (self->window_title, orgsync_connection_get_display_name (connection));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), orgsync_connection_get_display_name (connection));
  gtk_switch_set_active (self->sync_switch, orgsync_connection_get_sync_enabled (connection));
  adw_combo_row_set_selected (self->frequency_row, orgsync_connection_get_update_frequency (connection));
  gtk_spin_button_set_value (self->threshold_spin, orgsync_connection_get_quota_threshold (connection));
  adw_action_row_set_subtitle (self->database_row, records_path);

  g_signal_connect_object (connection, "notify", G_CALLBACK (connection_notify_cb), self,
                           G_CONNECT_SWAPPED);
  connection_notify_cb (self);
  update_frequency_hint (self);
  update_save_button (self);
  load_row_counts (self);

  return self;
}

OrgsyncConnection *
orgsync_settings_dialog_get_connection (OrgsyncSettingsDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self), NULL);

  return self->connection;
}

const char *
orgsync_settings_dialog_get_name (OrgsyncSettingsDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

gboolean
orgsync_settings_dialog_get_sync_enabled (OrgsyncSettingsDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self), FALSE);

  return gtk_switch_get_active (self->sync_switch);
}

OrgsyncUpdateFrequency
orgsync_settings_dialog_get_frequency (OrgsyncSettingsDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self), ORGSYNC_UPDATE_FREQUENCY_1_HOUR);

  return adw_combo_row_get_selected (self->frequency_row);
}

guint
orgsync_settings_dialog_get_threshold (OrgsyncSettingsDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self), ORGSYNC_QUOTA_THRESHOLD_DEFAULT);

  return (guint) gtk_spin_button_get_value_as_int (self->threshold_spin);
}

gboolean
orgsync_settings_dialog_get_has_changes (OrgsyncSettingsDialog *self)
{
  OrgsyncConnection *connection;

  g_return_val_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self), FALSE);

  connection = self->connection;
  if (connection == NULL)
    return FALSE;

  return g_strcmp0 (orgsync_settings_dialog_get_name (self), orgsync_connection_get_display_name (connection)) != 0 ||
         orgsync_settings_dialog_get_sync_enabled (self) != orgsync_connection_get_sync_enabled (connection) ||
         orgsync_settings_dialog_get_frequency (self) != orgsync_connection_get_update_frequency (connection) ||
         orgsync_settings_dialog_get_threshold (self) != orgsync_connection_get_quota_threshold (connection);
}

void
orgsync_settings_dialog_set_sync_enabled (OrgsyncSettingsDialog *self,
                                          gboolean               enabled)
{
  g_return_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self));

  gtk_switch_set_active (self->sync_switch, enabled);
}

void
orgsync_settings_dialog_set_threshold (OrgsyncSettingsDialog *self,
                                       guint                  percent)
{
  g_return_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self));

  gtk_spin_button_set_value (self->threshold_spin, percent);
}

void
orgsync_settings_dialog_set_frequency (OrgsyncSettingsDialog  *self,
                                       OrgsyncUpdateFrequency  frequency)
{
  g_return_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self));

  adw_combo_row_set_selected (self->frequency_row, frequency);
}

void
orgsync_settings_dialog_set_name (OrgsyncSettingsDialog *self,
                                  const char            *name)
{
  g_return_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

/* For "Change Limit": put the threshold in front of the person. */
void
orgsync_settings_dialog_focus_quota (OrgsyncSettingsDialog *self)
{
  g_return_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->threshold_spin));
}

void
orgsync_settings_dialog_show_error (OrgsyncSettingsDialog *self,
                                    const char            *message)
{
  AdwToast *toast;

  g_return_if_fail (ORGSYNC_IS_SETTINGS_DIALOG (self));

  toast = adw_toast_new (message);
  orgsync_toast_show (self->toast_overlay, toast, 0);
}
