/* test-settings-dialog.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-settings-dialog.h"
#include "orgsync-test-utils.h"

static OrgsyncConnection *
make_connection (void)
{
  OrgsyncConnection *connection = orgsync_connection_new ("c1");

  orgsync_connection_set_display_name (connection, "Acme Production");
  orgsync_connection_set_username (connection, "ops@acme.example");
  orgsync_connection_set_org_id (connection, "00D000000000001EAA");
  orgsync_connection_set_instance_url (connection, "https://acme.my.salesforce.com");
  orgsync_connection_set_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  orgsync_connection_set_sync_enabled (connection, TRUE);
  orgsync_connection_set_api_usage (connection, 3100, 15000);

  return connection;
}

static gboolean
save_cb (OrgsyncSettingsDialog *dialog,
         int                   *saves)
{
  OrgsyncConnection *connection = orgsync_settings_dialog_get_connection (dialog);

  (*saves)++;
  orgsync_connection_set_display_name (connection, orgsync_settings_dialog_get_name (dialog));
  orgsync_connection_set_sync_enabled (connection, orgsync_settings_dialog_get_sync_enabled (dialog));
  orgsync_connection_set_update_frequency (connection, orgsync_settings_dialog_get_frequency (dialog));
  orgsync_connection_set_quota_threshold (connection, orgsync_settings_dialog_get_threshold (dialog));

  return TRUE;
}

static void
test_settings_dialog_staged_edits (void)
{
  g_autoptr(OrgsyncConnection) connection = make_connection ();
  OrgsyncSettingsDialog *dialog = orgsync_settings_dialog_new (connection, "/nonexistent/records.db", 4);
  int saves = 0;

  g_signal_connect (dialog, "save", G_CALLBACK (save_cb), &saves);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  g_assert_false (orgsync_settings_dialog_get_has_changes (dialog));
  g_assert_cmpuint (orgsync_settings_dialog_get_threshold (dialog), ==, 80);

  /* Staged: the connection does not change until Save Changes. */
  orgsync_settings_dialog_set_sync_enabled (dialog, FALSE);
  orgsync_settings_dialog_set_threshold (dialog, 60);
  orgsync_settings_dialog_set_frequency (dialog, ORGSYNC_UPDATE_FREQUENCY_6_HOURS);
  g_assert_true (orgsync_settings_dialog_get_has_changes (dialog));
  g_assert_true (orgsync_connection_get_sync_enabled (connection));
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (connection), ==, 80);
  orgsync_test_save_screenshot (GTK_WIDGET (dialog), "settings");

  /* Out of range values are clamped by the spin button. */
  orgsync_settings_dialog_set_threshold (dialog, 99);
  g_assert_cmpuint (orgsync_settings_dialog_get_threshold (dialog), ==, 95);
  orgsync_settings_dialog_set_threshold (dialog, 60);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "settings.save", NULL));
  g_assert_cmpint (saves, ==, 1);
  g_assert_false (orgsync_connection_get_sync_enabled (connection));
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (connection), ==, 60);
  g_assert_cmpint (orgsync_connection_get_update_frequency (connection), ==, ORGSYNC_UPDATE_FREQUENCY_6_HOURS);

  /* Saving closes the dialog. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (dialog);
}

static void
test_settings_dialog_rejects_bad_name (void)
{
  g_autoptr(OrgsyncConnection) connection = make_connection ();
  OrgsyncSettingsDialog *dialog = orgsync_settings_dialog_new (connection, "/nonexistent/records.db", 4);
  int saves = 0;

  g_signal_connect (dialog, "save", G_CALLBACK (save_cb), &saves);
  gtk_window_present (GTK_WINDOW (dialog));

  orgsync_settings_dialog_set_name (dialog, "   ");
  g_assert_true (orgsync_settings_dialog_get_has_changes (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "settings.save", NULL);
  g_assert_cmpint (saves, ==, 0);
  g_assert_cmpstr (orgsync_connection_get_display_name (connection), ==, "Acme Production");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_settings_dialog_cancel_asks (void)
{
  g_autoptr(OrgsyncConnection) connection = make_connection ();
  OrgsyncSettingsDialog *dialog = orgsync_settings_dialog_new (connection, "/nonexistent/records.db", 4);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before;

  gtk_window_present (GTK_WINDOW (dialog));
  orgsync_settings_dialog_set_threshold (dialog, 50);
  before = g_list_model_get_n_items (toplevels);

  /* Closing with unsaved changes asks first, and keeps the dialog. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (connection), ==, 80);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_settings_dialog_frequency_hint (void)
{
  g_autofree char *hourly = orgsync_settings_dialog_dup_frequency_hint (ORGSYNC_UPDATE_FREQUENCY_1_HOUR, 24);
  g_autofree char *quarter = orgsync_settings_dialog_dup_frequency_hint (ORGSYNC_UPDATE_FREQUENCY_15_MINUTES, 4);
  g_autofree char *manual = orgsync_settings_dialog_dup_frequency_hint (ORGSYNC_UPDATE_FREQUENCY_MANUAL, 4);

  /* 24 tables: 5 composite calls (metadata checks included), 24 runs a day */
  g_assert_nonnull (strstr (hourly, "About 120 API calls a day"));
  /* 4 tables: 1 call, 96 runs a day */
  g_assert_nonnull (strstr (quarter, "About 96 API calls a day"));
  g_assert_nonnull (strstr (manual, "Sync Now"));
}

int
main (int   argc,
      char *argv[])
{
  orgsync_test_isolate_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/settings-dialog/staged-edits", test_settings_dialog_staged_edits);
  g_test_add_func ("/settings-dialog/rejects-bad-name", test_settings_dialog_rejects_bad_name);
  g_test_add_func ("/settings-dialog/cancel-asks", test_settings_dialog_cancel_asks);
  g_test_add_func ("/settings-dialog/frequency-hint", test_settings_dialog_frequency_hint);

  return g_test_run ();
}
