/* test-database.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "orgsync-database-private.h"
#include "orgsync-error.h"
#include "orgsync-paths.h"
#include "orgsync-sqlite-private.h"

typedef struct
{
  char            *data_dir;
  OrgsyncDatabase *db;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->data_dir = core_test_new_dir ();
  fixture->db = orgsync_database_open (fixture->data_dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->db);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  g_free (fixture->data_dir);
}

static OrgsyncConnection *
make_connection (const char *id,
                 const char *name)
{
  OrgsyncConnection *connection = orgsync_connection_new (id);

  orgsync_connection_set_display_name (connection, name);
  orgsync_connection_set_org_id (connection, "00D000000000001AAA");
  orgsync_connection_set_login_url (connection, "https://login.salesforce.com");

  return connection;
}

static void
test_fresh_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *expected = g_build_filename (fixture->data_dir, "orgsync.db", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle = _orgsync_database_get_handle (fixture->db);

  g_assert_cmpint (orgsync_database_get_schema_version (fixture->db), ==, _orgsync_database_latest_version ());
  g_assert_cmpint (_orgsync_database_latest_version (), >=, 2);
  g_assert_cmpstr (orgsync_database_get_path (fixture->db), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
}

/* A database left at version 1 with data in it is brought up to date on open, and
 * keeps its data. */
static void
test_upgrade_path (void)
{
  g_autofree char *data_dir = core_test_new_dir ();
  g_autofree char *path = g_build_filename (data_dir, "orgsync.db", NULL);
  g_autoptr(OrgsyncDatabase) db = NULL;
  g_autoptr(OrgsyncConnectionList) list = orgsync_connection_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  OrgsyncConnection *connection;
  sqlite3 *raw = NULL;

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_true (_orgsync_database_migrate (raw, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "INSERT INTO connection (id, display_name, name_key, created_at, quota_threshold)"
                                 " VALUES ('c1', 'Old One', 'old one', 1, 70);"
                                 "INSERT INTO field_selection VALUES ('c1', 'Account', 'Name');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* Version 2 tables do not exist yet. */
  g_assert_cmpint (sqlite3_exec (raw, "SELECT * FROM sync_run", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (raw);

  db = orgsync_database_open (data_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orgsync_database_get_schema_version (db), ==, _orgsync_database_latest_version ());

  g_assert_true (orgsync_database_load_connections (db, list, &error));
  connection = orgsync_connection_list_lookup_name (list, "old one");
  g_assert_nonnull (connection);
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (connection), ==, 70);

  g_assert_cmpint (orgsync_database_begin_run (db, "c1", 10, TRUE, &error), >, 0);
  runs = orgsync_database_list_runs (db, "c1", 0, &error);
  g_assert_cmpuint (runs->len, ==, 1);

  /* Opening again is a no-op. */
  g_clear_object (&db);
  db = orgsync_database_open (data_dir, &error);
  g_assert_no_error (error);
}

static void
test_too_new (void)
{
  g_autofree char *data_dir = core_test_new_dir ();
  g_autofree char *path = g_build_filename (data_dir, "orgsync.db", NULL);
  g_autoptr(GError) error = NULL;
  OrgsyncDatabase *db;
  sqlite3 *raw = NULL;

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = orgsync_database_open (data_dir, &error);
  g_assert_null (db);
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE_TOO_NEW);
}

static void
test_connections_round_trip (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) connection = make_connection ("c-1", "Acme");
  g_autoptr(OrgsyncConnectionList) list = orgsync_connection_list_new ();
  g_autoptr(GDateTime) last_sync = g_date_time_new_utc (2026, 2, 3, 4, 5, 6.5);
  g_autoptr(GError) error = NULL;
  OrgsyncConnection *loaded;

  orgsync_connection_set_username (connection, "ops@acme.example");
  orgsync_connection_set_status (connection, ORGSYNC_CONNECTION_STATUS_ERROR);
  orgsync_connection_set_status_action (connection, ORGSYNC_STATUS_ACTION_REAUTHORIZE);
  orgsync_connection_set_error_code (connection, "INVALID_GRANT");
  orgsync_connection_set_update_frequency (connection, ORGSYNC_UPDATE_FREQUENCY_15_MINUTES);
  orgsync_connection_set_quota_threshold (connection, 60);
  orgsync_connection_set_sync_enabled (connection, FALSE);
  orgsync_connection_set_last_sync (connection, last_sync);
  g_assert_true (orgsync_database_save_connection (fixture->db, connection, &error));
  g_assert_no_error (error);

  g_assert_true (orgsync_database_load_connections (fixture->db, list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  loaded = orgsync_connection_list_lookup_id (list, "c-1");
  g_assert_nonnull (loaded);
  g_assert_true (loaded != connection);
  g_assert_cmpstr (orgsync_connection_get_display_name (loaded), ==, "Acme");
  g_assert_cmpstr (orgsync_connection_get_username (loaded), ==, "ops@acme.example");
  g_assert_cmpint (orgsync_connection_get_status (loaded), ==, ORGSYNC_CONNECTION_STATUS_ERROR);
  g_assert_cmpint (orgsync_connection_get_status_action (loaded), ==, ORGSYNC_STATUS_ACTION_REAUTHORIZE);
  g_assert_cmpstr (orgsync_connection_get_error_code (loaded), ==, "INVALID_GRANT");
  g_assert_cmpint (orgsync_connection_get_update_frequency (loaded), ==, ORGSYNC_UPDATE_FREQUENCY_15_MINUTES);
  g_assert_cmpuint (orgsync_connection_get_quota_threshold (loaded), ==, 60);
  g_assert_false (orgsync_connection_get_sync_enabled (loaded));
  g_assert_true (g_date_time_equal (orgsync_connection_get_last_sync (loaded), last_sync));

  /* Reloading updates the same object in place. */
  orgsync_connection_set_display_name (connection, "Acme Renamed");
  g_assert_true (orgsync_database_save_connection (fixture->db, connection, &error));
  g_assert_true (orgsync_database_load_connections (fixture->db, list, &error));
  g_assert_true (orgsync_connection_list_lookup_id (list, "c-1") == loaded);
  g_assert_cmpstr (orgsync_connection_get_display_name (loaded), ==, "Acme Renamed");

  g_assert_true (orgsync_database_delete_connection (fixture->db, "c-1", &error));
  g_assert_true (orgsync_database_load_connections (fixture->db, list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_unique_names (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) a = make_connection ("a", "Production");
  g_autoptr(OrgsyncConnection) b = make_connection ("b", "PRODUCTION");
  g_autoptr(OrgsyncConnection) bad = make_connection ("c", "Tab\there");
  g_autoptr(OrgsyncConnection) hostile = make_connection ("../../etc", "Hostile");
  g_autoptr(OrgsyncDatabase) other = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (orgsync_database_save_connection (fixture->db, a, &error));

  /* The same name in another case is refused even by another process's handle. */
  other = orgsync_database_open (fixture->data_dir, &error);
  g_assert_no_error (error);
  g_assert_false (orgsync_database_save_connection (other, b, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NAME_TAKEN);
  g_assert_nonnull (strstr (error->message, "“Production”"));
  g_clear_error (&error);

  g_assert_false (orgsync_database_save_connection (fixture->db, bad, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME);
  g_clear_error (&error);

  g_assert_false (orgsync_database_save_connection (fixture->db, hostile, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Two connections to one org are fine under different names. */
  orgsync_connection_set_display_name (b, "Production (copy)");
  g_assert_true (orgsync_database_save_connection (other, b, &error));
  g_assert_no_error (error);
}

static const OrgsyncFieldInfo account_fields[] = {
  { "Id", "Account ID", "id", 18, 0, NULL },
  { "IsDeleted", "Deleted", "boolean", 0, 0, NULL },
  { "Name", "Account Name", "string", 255, 0, NULL },
  { "BillingCity", "Billing City", "string", 40, 0, "BillingAddress" },
  { "BillingAddress", "Billing Address", "address", 0, 0, NULL },
  { "Score__c", "Score", "double", 0, ORGSYNC_FIELD_FLAG_CUSTOM | ORGSYNC_FIELD_FLAG_CALCULATED, NULL },
  { "SystemModstamp", "System Modstamp", "datetime", 0, 0, NULL },
};

static const OrgsyncFieldInfo lead_fields[] = {
  { "Id", "Lead ID", "id", 18, 0, NULL },
  { "Company", "Company", "string", 255, 0, NULL },
};

static void
test_describe_cache_and_selection (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) connection = make_connection ("c-2", "Describe");
  const OrgsyncSObjectInfo account = { "Account", "Account", FALSE, TRUE };
  const OrgsyncSObjectInfo lead = { "Lead", "Lead", FALSE, TRUE };
  const char *selection[] = { "Account.Name", "Account.Id", "Lead.Company", "Gone.Field", NULL };
  g_autoptr(GListModel) sobjects = NULL;
  g_autoptr(OrgsyncSObject) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_modified = NULL;
  g_autofree char *raw_json = NULL;
  g_auto(GStrv) loaded = NULL;
  OrgsyncSObject *sobject;
  OrgsyncField *field;

  g_assert_true (orgsync_database_save_connection (fixture->db, connection, &error));
  g_assert_true (orgsync_database_store_describe (fixture->db, "c-2", &account, account_fields,
                                                  G_N_ELEMENTS (account_fields),
                                                  "Tue, 03 Feb 2026 10:00:00 GMT", "{\"name\":\"Account\"}",
                                                  &error));
  g_assert_no_error (error);
  g_assert_true (orgsync_database_store_describe (fixture->db, "c-2", &lead, lead_fields,
                                                  G_N_ELEMENTS (lead_fields), NULL, NULL, &error));
  /* Storing again replaces. */
  g_assert_true (orgsync_database_store_describe (fixture->db, "c-2", &account, account_fields,
                                                  G_N_ELEMENTS (account_fields),
                                                  "Wed, 04 Feb 2026 10:00:00 GMT", "{\"name\":\"Account\"}",
                                                  &error));

  g_assert_true (orgsync_database_lookup_describe (fixture->db, "c-2", "Account", &last_modified, &raw_json, &error));
  g_assert_cmpstr (last_modified, ==, "Wed, 04 Feb 2026 10:00:00 GMT");
  g_assert_cmpstr (raw_json, ==, "{\"name\":\"Account\"}");
  g_assert_false (orgsync_database_lookup_describe (fixture->db, "c-2", "Contact", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (orgsync_database_save_selection (fixture->db, "c-2", selection, &error));
  g_assert_no_error (error);
  loaded = orgsync_database_load_selection (fixture->db, "c-2", &error);
  g_assert_cmpstrv (loaded, ((const char *[]) { "Account.Id", "Account.Name", "Gone.Field", "Lead.Company", NULL }));

  sobjects = orgsync_database_load_sobjects (fixture->db, "c-2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sobjects), ==, 2);
  first = g_list_model_get_item (sobjects, 0);
  g_assert_cmpstr (orgsync_sobject_get_name (first), ==, "Account");

  sobject = orgsync_sobject_list_lookup (sobjects, "Account");
  g_assert_cmpuint (orgsync_sobject_get_n_fields (sobject), ==, 6);
  g_assert_true (orgsync_sobject_get_inconsistent (sobject));
  field = orgsync_sobject_lookup_field (sobject, "Score__c");
  g_assert_true (orgsync_field_get_calculated (field));
  g_assert_true (orgsync_field_get_custom (field));
  g_assert_cmpstr (orgsync_field_get_compound_parent (orgsync_sobject_lookup_field (sobject, "BillingCity")),
                   ==, "BillingAddress");
  g_assert_true (orgsync_field_get_selected (orgsync_sobject_lookup_field (sobject, "Name")));
  g_assert_true (orgsync_field_get_selected (orgsync_sobject_lookup_field (sobject, "SystemModstamp")));
  g_assert_false (orgsync_field_get_selected (field));

  sobject = orgsync_sobject_list_lookup (sobjects, "Lead");
  g_assert_true (orgsync_sobject_get_selected (sobject));

  g_assert_true (orgsync_database_delete_describe (fixture->db, "c-2", "Lead", &error));
  g_clear_object (&sobjects);
  sobjects = orgsync_database_load_sobjects (fixture->db, "c-2", &error);
  g_assert_cmpuint (g_list_model_get_n_items (sobjects), ==, 1);

  /* A malformed selection entry is refused as a whole. */
  g_assert_false (orgsync_database_save_selection (fixture->db, "c-2",
                                                   (const char *[]) { "Account.Name", "NoDot", NULL }, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_DATA);
  g_clear_pointer (&loaded, g_strfreev);
  loaded = orgsync_database_load_selection (fixture->db, "c-2", NULL);
  g_assert_cmpuint (g_strv_length (loaded), ==, 4);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) connection = make_connection ("c-3", "History");
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  OrgsyncSyncRun *run;
  gint64 first, second;

  g_assert_true (orgsync_database_save_connection (fixture->db, connection, &error));

  first = orgsync_database_begin_run (fixture->db, "c-3", 1000, TRUE, &error);
  g_assert_cmpint (first, >, 0);
  g_assert_true (orgsync_database_add_run_object (fixture->db, first, "Account", 10, 0, 0, &error));
  g_assert_true (orgsync_database_add_run_object (fixture->db, first, "Account", 5, 2, 1, &error));
  g_assert_true (orgsync_database_add_run_object (fixture->db, first, "Lead", 3, 0, 0, &error));
  g_assert_true (orgsync_database_finish_run (fixture->db, first, 2000, ORGSYNC_RUN_RESULT_SUCCESS,
                                              NULL, NULL, 7, &error));

  second = orgsync_database_begin_run (fixture->db, "c-3", 3000, FALSE, &error);
  g_assert_true (orgsync_database_close_interrupted_runs (fixture->db, "c-3", 4000, &error));
  g_assert_no_error (error);

  runs = orgsync_database_list_runs (fixture->db, "c-3", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);

  run = g_ptr_array_index (runs, 0);
  g_assert_cmpint (run->id, ==, second);
  g_assert_cmpint (run->result, ==, ORGSYNC_RUN_RESULT_INTERRUPTED);
  g_assert_cmpint (run->finished_at, ==, 4000);

  run = g_ptr_array_index (runs, 1);
  g_assert_cmpint (run->result, ==, ORGSYNC_RUN_RESULT_SUCCESS);
  g_assert_true (run->full);
  g_assert_cmpuint (run->api_calls, ==, 7);
  g_assert_cmpuint (run->objects->len, ==, 2);
  g_assert_cmpstr (g_array_index (run->objects, OrgsyncSyncRunObject, 0).object, ==, "Account");
  g_assert_cmpuint (g_array_index (run->objects, OrgsyncSyncRunObject, 0).added, ==, 15);
  g_assert_cmpuint (g_array_index (run->objects, OrgsyncSyncRunObject, 0).updated, ==, 2);
  g_assert_cmpuint (g_array_index (run->objects, OrgsyncSyncRunObject, 0).deleted, ==, 1);

  {
    g_autoptr(OrgsyncSyncRun) copy = orgsync_sync_run_copy (run);

    g_assert_cmpuint (copy->objects->len, ==, 2);
    g_assert_cmpstr (orgsync_run_result_to_string (copy->result), ==, "success");
  }

  /* Deleting the connection takes its history with it. */
  g_assert_true (orgsync_database_delete_connection (fixture->db, "c-3", &error));
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = orgsync_database_list_runs (fixture->db, "c-3", 10, &error);
  g_assert_cmpuint (runs->len, ==, 0);
}

static void
test_paths (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *records = orgsync_paths_dup_records_path ("/data", "abc-123", &error);
  g_autofree char *bad = orgsync_paths_dup_records_path ("/data", "../x", &error);
  g_autofree char *def = orgsync_paths_dup_default_data_dir ();
  g_autofree char *base = g_path_get_basename (def);
  g_autofree char *dir = core_test_new_dir ();

  g_assert_cmpstr (records, ==, "/data/connections/abc-123/records.db");
  g_assert_null (bad);
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpstr (base, ==, "orgsync");

  g_assert_true (orgsync_paths_ensure_connection_dir (dir, "abc", &error));
  {
    g_autofree char *path = orgsync_paths_dup_records_path (dir, "abc", NULL);
    g_autofree char *conn_dir = orgsync_paths_dup_connection_dir (dir, "abc", NULL);

    g_assert_true (g_file_set_contents (path, "x", 1, NULL));
    g_assert_true (orgsync_paths_remove_connection_dir (dir, "abc", &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (conn_dir, G_FILE_TEST_EXISTS));
    /* Again: nothing to remove is fine. */
    g_assert_true (orgsync_paths_remove_connection_dir (dir, "abc", &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  core_test_init (&argc, &argv);

  g_test_add ("/database/fresh-schema", Fixture, NULL, fixture_setup, test_fresh_schema, fixture_teardown);
  g_test_add_func ("/database/upgrade-path", test_upgrade_path);
  g_test_add_func ("/database/too-new", test_too_new);
  g_test_add ("/database/connections", Fixture, NULL, fixture_setup, test_connections_round_trip, fixture_teardown);
  g_test_add ("/database/unique-names", Fixture, NULL, fixture_setup, test_unique_names, fixture_teardown);
  g_test_add ("/database/describe-cache", Fixture, NULL, fixture_setup, test_describe_cache_and_selection, fixture_teardown);
  g_test_add ("/database/history", Fixture, NULL, fixture_setup, test_history, fixture_teardown);
  g_test_add_func ("/database/paths", test_paths);

  return core_test_run ();
}
