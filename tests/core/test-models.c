/* test-models.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-connection-list.h"
#include "orgsync-enums.h"
#include "orgsync-error.h"
#include "orgsync-sobject.h"

typedef struct
{
  GPtrArray *names;
} NotifyLog;

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  NotifyLog *log = user_data;

  g_ptr_array_add (log->names, g_strdup (pspec->name));
}

static guint
count_notifications (NotifyLog  *log,
                     const char *name)
{
  guint n = 0;

  for (guint i = 0; i < log->names->len; i++)
    if (g_str_equal (g_ptr_array_index (log->names, i), name))
      n++;

  return n;
}

static const OrgsyncFieldInfo account_fields[] = {
  { "Id", "Account ID", "id", 18, 0, NULL },
  { "IsDeleted", "Deleted", "boolean", 0, 0, NULL },
  { "Name", "Account Name", "string", 255, 0, NULL },
  { "BillingStreet", "Billing Street", "textarea", 255, 0, "BillingAddress" },
  { "BillingCity", "Billing City", "string", 40, 0, "BillingAddress" },
  { "BillingAddress", "Billing Address", "address", 0, 0, NULL },
  { "AnnualRevenue", "Annual Revenue", "currency", 0, 0, NULL },
  { "Score__c", "Score", "double", 0, ORGSYNC_FIELD_FLAG_CUSTOM | ORGSYNC_FIELD_FLAG_CALCULATED, NULL },
  { "Logo__c", "Logo", "base64", 0, ORGSYNC_FIELD_FLAG_CUSTOM, NULL },
  { "LastModifiedDate", "Last Modified Date", "datetime", 0, 0, NULL },
  { "SystemModstamp", "System Modstamp", "datetime", 0, 0, NULL },
};

static OrgsyncSObject *
make_account (void)
{
  OrgsyncSObject *sobject = orgsync_sobject_new ("Account", "Account", FALSE, TRUE);

  orgsync_sobject_set_fields (sobject, account_fields, G_N_ELEMENTS (account_fields));

  return sobject;
}

static void
test_field_from_describe (void)
{
  g_autoptr(OrgsyncSObject) sobject = make_account ();
  OrgsyncField *field;

  /* The compound BillingAddress is not a column: its components are. */
  g_assert_cmpuint (orgsync_sobject_get_n_fields (sobject), ==, G_N_ELEMENTS (account_fields) - 1);
  g_assert_null (orgsync_sobject_lookup_field (sobject, "BillingAddress"));
  g_assert_cmpstr (orgsync_sobject_get_replication_key (sobject), ==, "SystemModstamp");

  field = orgsync_sobject_lookup_field (sobject, "billingcity");
  g_assert_nonnull (field);
  g_assert_cmpstr (orgsync_field_get_name (field), ==, "BillingCity");
  g_assert_cmpstr (orgsync_field_get_label (field), ==, "Billing City");
  g_assert_cmpstr (orgsync_field_get_compound_parent (field), ==, "BillingAddress");
  g_assert_cmpint (orgsync_field_get_field_type (field), ==, ORGSYNC_FIELD_TYPE_STRING);
  g_assert_cmpuint (orgsync_field_get_length (field), ==, 40);
  g_assert_true (orgsync_field_get_sobject (field) == sobject);

  field = orgsync_sobject_lookup_field (sobject, "Score__c");
  g_assert_true (orgsync_field_get_custom (field));
  g_assert_true (orgsync_field_get_calculated (field));
  g_assert_true (orgsync_field_get_bulk_compatible (field));

  field = orgsync_sobject_lookup_field (sobject, "Logo__c");
  g_assert_false (orgsync_field_get_bulk_compatible (field));
  g_assert_false (orgsync_sobject_get_bulk_compatible (sobject));

  g_assert_true (orgsync_field_get_locked (orgsync_sobject_lookup_field (sobject, "Id")));
  g_assert_true (orgsync_field_get_locked (orgsync_sobject_lookup_field (sobject, "IsDeleted")));
  g_assert_true (orgsync_field_get_locked (orgsync_sobject_lookup_field (sobject, "SystemModstamp")));
  g_assert_false (orgsync_field_get_locked (orgsync_sobject_lookup_field (sobject, "LastModifiedDate")));
  g_assert_false (orgsync_field_get_locked (orgsync_sobject_lookup_field (sobject, "Name")));

  g_assert_cmpint (orgsync_field_type_get_column_type (ORGSYNC_FIELD_TYPE_CURRENCY), ==, ORGSYNC_COLUMN_REAL);
  g_assert_cmpint (orgsync_field_type_from_string ("no-such-type"), ==, ORGSYNC_FIELD_TYPE_OTHER);
}

static void
test_replication_key_fallback (void)
{
  static const OrgsyncFieldInfo infos[] = {
    { "Id", NULL, "id", 18, 0, NULL },
    { "LastModifiedDate", NULL, "datetime", 0, 0, NULL },
    { "Body", NULL, "textarea", 0, 0, NULL },
  };
  g_autoptr(OrgsyncSObject) sobject = orgsync_sobject_new ("Note", NULL, FALSE, TRUE);

  orgsync_sobject_set_fields (sobject, infos, G_N_ELEMENTS (infos));
  g_assert_cmpstr (orgsync_sobject_get_replication_key (sobject), ==, "LastModifiedDate");
  g_assert_true (orgsync_field_get_locked (orgsync_sobject_lookup_field (sobject, "LastModifiedDate")));
  g_assert_cmpstr (orgsync_sobject_get_label (sobject), ==, "Note");
}

static void
test_tri_state (void)
{
  g_autoptr(OrgsyncSObject) sobject = make_account ();
  NotifyLog log = { g_ptr_array_new_with_free_func (g_free) };
  OrgsyncField *name = orgsync_sobject_lookup_field (sobject, "Name");
  OrgsyncField *id = orgsync_sobject_lookup_field (sobject, "Id");
  guint n_fields = orgsync_sobject_get_n_fields (sobject);

  g_signal_connect (sobject, "notify", G_CALLBACK (notified_cb), &log);

  g_assert_false (orgsync_sobject_get_selected (sobject));
  g_assert_false (orgsync_sobject_get_inconsistent (sobject));
  g_assert_cmpuint (orgsync_sobject_get_n_selected (sobject), ==, 0);

  /* One field selected: the locked fields come with it, the object is partly selected. */
  orgsync_field_set_selected (name, TRUE);
  g_assert_cmpuint (orgsync_sobject_get_n_selected (sobject), ==, 4);
  g_assert_true (orgsync_field_get_selected (id));
  g_assert_true (orgsync_sobject_get_inconsistent (sobject));
  g_assert_false (orgsync_sobject_get_selected (sobject));
  g_assert_cmpuint (count_notifications (&log, "inconsistent"), ==, 1);
  g_assert_cmpuint (count_notifications (&log, "n-selected"), ==, 1);

  /* A locked field cannot be deselected while other fields sync. */
  orgsync_field_set_selected (id, FALSE);
  g_assert_true (orgsync_field_get_selected (id));
  g_assert_cmpuint (orgsync_sobject_get_n_selected (sobject), ==, 4);

  /* Setting the same value again notifies nothing. */
  g_ptr_array_set_size (log.names, 0);
  orgsync_field_set_selected (name, TRUE);
  g_assert_cmpuint (log.names->len, ==, 0);

  /* All selected: checked, not inconsistent. */
  orgsync_sobject_set_selected (sobject, TRUE);
  g_assert_true (orgsync_sobject_get_selected (sobject));
  g_assert_false (orgsync_sobject_get_inconsistent (sobject));
  g_assert_cmpuint (orgsync_sobject_get_n_selected (sobject), ==, n_fields);
  g_assert_cmpuint (count_notifications (&log, "selected"), ==, 1);
  g_assert_cmpuint (count_notifications (&log, "inconsistent"), ==, 1);

  /* The last unlocked field deselected takes the locked ones with it. */
  orgsync_sobject_set_selected (sobject, FALSE);
  orgsync_field_set_selected (name, TRUE);
  orgsync_field_set_selected (name, FALSE);
  g_assert_cmpuint (orgsync_sobject_get_n_selected (sobject), ==, 0);
  g_assert_false (orgsync_field_get_selected (id));

  /* Selecting a locked field includes the object; deselecting it excludes it again. */
  orgsync_field_set_selected (id, TRUE);
  g_assert_cmpuint (orgsync_sobject_get_n_selected (sobject), ==, 3);
  orgsync_field_set_selected (id, FALSE);
  g_assert_cmpuint (orgsync_sobject_get_n_selected (sobject), ==, 0);

  /* g_object_set goes through the same path (what a bidirectional binding does). */
  g_object_set (name, "selected", TRUE, NULL);
  g_assert_true (orgsync_sobject_get_inconsistent (sobject));

  g_signal_handlers_disconnect_by_data (sobject, &log);
  g_ptr_array_unref (log.names);
}

static void
test_select_fields_and_refresh (void)
{
  g_autoptr(OrgsyncSObject) sobject = make_account ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  const char *names[] = { "Name", "BillingAddress", "NoSuchField__c", NULL };
  g_auto(GStrv) selected = NULL;

  g_assert_false (orgsync_sobject_select_fields (sobject, names, TRUE, missing));
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "Account.NoSuchField__c");

  selected = orgsync_sobject_dup_selected_field_names (sobject);
  g_assert_cmpstrv (selected, ((const char *[]) { "Id", "IsDeleted", "Name", "BillingStreet",
                                                  "BillingCity", "SystemModstamp", NULL }));

  /* A fresh describe without BillingCity keeps the rest of the selection. */
  orgsync_sobject_set_fields (sobject, account_fields, 4);
  g_clear_pointer (&selected, g_strfreev);
  selected = orgsync_sobject_dup_selected_field_names (sobject);
  g_assert_cmpstrv (selected, ((const char *[]) { "Id", "IsDeleted", "Name", "BillingStreet", NULL }));
  g_assert_null (orgsync_sobject_get_replication_key (sobject));
}

static void
test_selection_snapshot (void)
{
  g_autoptr(GListStore) store = g_list_store_new (ORGSYNC_TYPE_SOBJECT);
  g_autoptr(OrgsyncSObject) account = make_account ();
  g_auto(GStrv) snapshot = NULL;
  g_auto(GStrv) again = NULL;

  g_list_store_append (store, account);
  orgsync_field_set_selected (orgsync_sobject_lookup_field (account, "Name"), TRUE);
  snapshot = orgsync_sobject_list_save_selection (G_LIST_MODEL (store));
  g_assert_true (g_strv_contains ((const char * const *) snapshot, "Account.Name"));
  g_assert_true (g_strv_contains ((const char * const *) snapshot, "Account.Id"));

  orgsync_sobject_set_selected (account, TRUE);
  orgsync_sobject_list_restore_selection (G_LIST_MODEL (store), (const char * const *) snapshot);
  again = orgsync_sobject_list_save_selection (G_LIST_MODEL (store));
  g_assert_cmpstrv (snapshot, again);
  g_assert_true (orgsync_sobject_list_lookup (G_LIST_MODEL (store), "account") == account);
}

/* 500 × 200 as in the customizer: toggling one field must not touch the others. A
 * counting test (how many notifications), not a timing test. */
static void
test_many_fields (void)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) plain = g_array_new (FALSE, TRUE, sizeof (OrgsyncFieldInfo));
  g_autoptr(OrgsyncSObject) sobject = orgsync_sobject_new ("Big__c", "Big", TRUE, TRUE);
  NotifyLog log = { g_ptr_array_new_with_free_func (g_free) };
  OrgsyncField *field;

  for (guint i = 0; i < 200; i++)
    {
      OrgsyncFieldInfo info = { NULL, NULL, "string", 80, ORGSYNC_FIELD_FLAG_CUSTOM, NULL };
      char *name = i == 0 ? g_strdup ("Id") : g_strdup_printf ("Field%u__c", i);

      g_ptr_array_add (infos, name);
      info.name = name;
      g_array_append_val (plain, info);
    }
  orgsync_sobject_set_fields (sobject, (OrgsyncFieldInfo *) plain->data, plain->len);

  field = orgsync_sobject_lookup_field (sobject, "Field100__c");
  orgsync_field_set_selected (field, TRUE);
  g_signal_connect (sobject, "notify", G_CALLBACK (notified_cb), &log);
  orgsync_field_set_selected (orgsync_sobject_lookup_field (sobject, "Field101__c"), TRUE);
  g_assert_cmpuint (log.names->len, ==, 1);
  g_assert_cmpuint (orgsync_sobject_get_n_selected (sobject), ==, 3);

  g_signal_handlers_disconnect_by_data (sobject, &log);
  g_ptr_array_unref (log.names);
}

static void
test_connection_properties (void)
{
  g_autoptr(OrgsyncConnection) connection = orgsync_connection_new (NULL);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);
  g_autoptr(GDateTime) same = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);
  NotifyLog log = { g_ptr_array_new_with_free_func (g_free) };
  OrgsyncUpdateFrequency frequency;

  g_assert_true (g_uuid_string_is_valid (orgsync_connection_get_id (connection)));
  g_assert_cmpint (orgsync_connection_get_status (connection), ==, ORGSYNC_CONNECTION_STATUS_SETTING_UP);
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (connection), ==, 80);
  g_assert_cmpint (orgsync_connection_get_update_frequency (connection), ==, ORGSYNC_UPDATE_FREQUENCY_1_HOUR);
  g_assert_true (orgsync_connection_get_sync_enabled (connection));

  g_signal_connect (connection, "notify", G_CALLBACK (notified_cb), &log);

  orgsync_connection_set_display_name (connection, "Acme");
  orgsync_connection_set_display_name (connection, "Acme");
  g_assert_cmpuint (count_notifications (&log, "display-name"), ==, 1);

  orgsync_connection_set_last_sync (connection, when);
  orgsync_connection_set_last_sync (connection, same);
  g_assert_cmpuint (count_notifications (&log, "last-sync"), ==, 1);

  orgsync_connection_set_quota_threshold (connection, 99);
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (connection), ==, 95);
  orgsync_connection_set_quota_threshold (connection, 95);
  g_assert_cmpuint (count_notifications (&log, "quota-threshold"), ==, 1);

  g_object_set (connection, "status", ORGSYNC_CONNECTION_STATUS_ERROR, NULL);
  g_object_set (connection, "status", ORGSYNC_CONNECTION_STATUS_ERROR, NULL);
  g_assert_cmpuint (count_notifications (&log, "status"), ==, 1);

  orgsync_connection_set_progress (connection, 1, 4, 1200, "Account");
  g_assert_cmpfloat (orgsync_connection_get_progress (connection), ==, 0.25);
  g_assert_cmpuint (count_notifications (&log, "progress"), ==, 1);
  g_assert_cmpuint (count_notifications (&log, "current-object"), ==, 1);
  orgsync_connection_set_progress (connection, 1, 4, 1300, "Account");
  g_assert_cmpuint (count_notifications (&log, "progress"), ==, 1);
  g_assert_cmpuint (count_notifications (&log, "records-synced"), ==, 2);

  orgsync_connection_set_api_usage (connection, 120, 15000);
  g_assert_cmpint (orgsync_connection_get_api_used (connection), ==, 120);

  g_assert_true (orgsync_update_frequency_from_string ("3h", &frequency));
  g_assert_cmpint (frequency, ==, ORGSYNC_UPDATE_FREQUENCY_3_HOURS);
  g_assert_false (orgsync_update_frequency_from_string ("2h", &frequency));
  g_assert_cmpint (orgsync_update_frequency_get_seconds (ORGSYNC_UPDATE_FREQUENCY_15_MINUTES), ==, 900);
  g_assert_cmpint (orgsync_update_frequency_get_seconds (ORGSYNC_UPDATE_FREQUENCY_MANUAL), ==, 0);
  g_assert_cmpstr (orgsync_connection_status_to_string (ORGSYNC_CONNECTION_STATUS_NOT_SYNCING), ==, "not-syncing");

  g_signal_handlers_disconnect_by_data (connection, &log);
  g_ptr_array_unref (log.names);
}

static void
test_connection_names (void)
{
  g_autoptr(OrgsyncConnectionList) list = orgsync_connection_list_new ();
  g_autoptr(OrgsyncConnection) a = orgsync_connection_new ("a");
  g_autoptr(OrgsyncConnection) b = orgsync_connection_new ("b");
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (81, 'x');

  orgsync_connection_set_display_name (a, "Acme Production");
  g_assert_true (orgsync_connection_list_add (list, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  orgsync_connection_set_display_name (b, "ACME production");
  g_assert_false (orgsync_connection_list_add (list, b, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NAME_TAKEN);
  g_assert_nonnull (strstr (error->message, "Acme Production"));
  g_clear_error (&error);

  g_assert_false (orgsync_connection_list_check_name (list, "   ", NULL, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (orgsync_connection_list_check_name (list, long_name, NULL, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (orgsync_connection_list_check_name (list, "Acme\nEvil", NULL, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (orgsync_connection_list_check_name (list, "Bad\xff", NULL, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME);
  g_clear_error (&error);

  /* Non-ASCII case folding: ÄRGER and ärger are the same name. */
  orgsync_connection_set_display_name (b, "Ärger");
  g_assert_true (orgsync_connection_list_add (list, b, &error));
  g_assert_true (orgsync_connection_list_lookup_name (list, "äRGER") == b);
  g_assert_false (orgsync_connection_list_rename (list, a, "ÄRGER", &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NAME_TAKEN);
  g_clear_error (&error);

  /* Renaming to a different case of one's own name is fine. */
  g_assert_true (orgsync_connection_list_rename (list, a, "ACME PRODUCTION", &error));
  g_assert_no_error (error);

  g_assert_true (orgsync_connection_list_lookup_id (list, "b") == b);
  g_assert_true (orgsync_connection_list_remove (list, a));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/field/from-describe", test_field_from_describe);
  g_test_add_func ("/models/field/replication-key-fallback", test_replication_key_fallback);
  g_test_add_func ("/models/sobject/tri-state", test_tri_state);
  g_test_add_func ("/models/sobject/select-fields", test_select_fields_and_refresh);
  g_test_add_func ("/models/sobject/snapshot", test_selection_snapshot);
  g_test_add_func ("/models/sobject/many-fields", test_many_fields);
  g_test_add_func ("/models/connection/properties", test_connection_properties);
  g_test_add_func ("/models/connection/names", test_connection_names);

  return g_test_run ();
}
