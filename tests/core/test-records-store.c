/* test-records-store.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "orgsync-error.h"
#include "orgsync-identifier.h"
#include "orgsync-records-store-private.h"
#include "orgsync-sqlite-private.h"

typedef struct
{
  char                *path;
  OrgsyncRecordsStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = core_test_new_dir ();

  fixture->path = g_build_filename (dir, "records.db", NULL);
  fixture->store = orgsync_records_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->path);
}

static const OrgsyncColumnSpec account_columns[] = {
  { "Id", ORGSYNC_FIELD_TYPE_ID },
  { "Name", ORGSYNC_FIELD_TYPE_STRING },
  { "IsDeleted", ORGSYNC_FIELD_TYPE_BOOLEAN },
  { "NumberOfEmployees", ORGSYNC_FIELD_TYPE_INT },
  { "AnnualRevenue", ORGSYNC_FIELD_TYPE_CURRENCY },
  { "Probability__c", ORGSYNC_FIELD_TYPE_PERCENT },
  { "LastActivityDate", ORGSYNC_FIELD_TYPE_DATE },
  { "SystemModstamp", ORGSYNC_FIELD_TYPE_DATETIME },
  { "Wake__c", ORGSYNC_FIELD_TYPE_TIME },
};

static const char * const account_names[] = {
  "Id", "Name", "IsDeleted", "NumberOfEmployees", "AnnualRevenue", "Probability__c",
  "LastActivityDate", "SystemModstamp", "Wake__c",
};

/* A second connection, as another thread or the GUI would read. */
static sqlite3 *
open_reader (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static OrgsyncPageWriter *
create_account (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  OrgsyncPageWriter *writer;

  g_assert_true (orgsync_records_store_sync_schema (fixture->store, "Account", account_columns,
                                                    G_N_ELEMENTS (account_columns), NULL, &error));
  g_assert_no_error (error);
  writer = orgsync_records_store_prepare_writer (fixture->store, "Account", account_names,
                                                 G_N_ELEMENTS (account_names), ORGSYNC_WRITE_UPSERT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (writer);

  return writer;
}

/* design.md §8, per type, through both the typed and the all-text paths. */
static void
test_value_mapping (Fixture       *fixture,
                    gconstpointer  data)
{
  OrgsyncPageWriter *writer = create_account (fixture);
  const OrgsyncValue typed[] = {
    ORGSYNC_VALUE_INIT_TEXT ("001000000000001AAA"),
    ORGSYNC_VALUE_INIT_TEXT ("Acme"),
    ORGSYNC_VALUE_INIT_BOOLEAN (TRUE),
    ORGSYNC_VALUE_INIT_INTEGER (42),
    ORGSYNC_VALUE_INIT_REAL (1.5e7),
    ORGSYNC_VALUE_INIT_REAL (10),
    ORGSYNC_VALUE_INIT_TEXT ("2024-03-15"),
    ORGSYNC_VALUE_INIT_TEXT ("2024-03-15T08:30:00.000+0000"),
    ORGSYNC_VALUE_INIT_TEXT ("08:30:00.000Z"),
  };
  const char * const text[] = {
    "001000000000002AAA", "Globex", "false", "7", "250000.0", "12.5", "", "2024-03-15T08:30:00Z", NULL,
  };
  const OrgsyncValue nulls[] = {
    ORGSYNC_VALUE_INIT_TEXT ("001000000000003AAA"),
    ORGSYNC_VALUE_INIT_NULL, ORGSYNC_VALUE_INIT_NULL, ORGSYNC_VALUE_INIT_NULL, ORGSYNC_VALUE_INIT_NULL,
    ORGSYNC_VALUE_INIT_NULL, ORGSYNC_VALUE_INIT_NULL, ORGSYNC_VALUE_INIT_NULL, ORGSYNC_VALUE_INIT_NULL,
  };
  OrgsyncPageStats stats = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *modstamp = NULL;
  g_autofree char *modstamp2 = NULL;
  sqlite3 *reader;

  g_assert_true (orgsync_records_store_write_page (fixture->store, writer, typed, 1, NULL, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, text, 1, NULL, 0, NULL, &stats, &error));
  g_assert_true (orgsync_records_store_write_page (fixture->store, writer, nulls, 1, NULL, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 3);

  reader = open_reader (fixture);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 3);

#define TYPEOF(col, id) \
  "SELECT typeof(\"" col "\") || ':' || coalesce(\"" col "\", 'null') FROM \"Account\" WHERE \"Id\" = '" id "'"
  {
    struct { const char *sql; const char *expected; } checks[] = {
      { TYPEOF ("IsDeleted", "001000000000001AAA"), "integer:1" },
      { TYPEOF ("IsDeleted", "001000000000002AAA"), "integer:0" },
      { TYPEOF ("NumberOfEmployees", "001000000000001AAA"), "integer:42" },
      { TYPEOF ("NumberOfEmployees", "001000000000002AAA"), "integer:7" },
      { TYPEOF ("AnnualRevenue", "001000000000001AAA"), "real:15000000.0" },
      { TYPEOF ("AnnualRevenue", "001000000000002AAA"), "real:250000.0" },
      { TYPEOF ("Probability__c", "001000000000002AAA"), "real:12.5" },
      { TYPEOF ("LastActivityDate", "001000000000001AAA"), "text:2024-03-15" },
      { TYPEOF ("LastActivityDate", "001000000000002AAA"), "null:null" },
      { TYPEOF ("SystemModstamp", "001000000000001AAA"), "text:2024-03-15T08:30:00.000Z" },
      { TYPEOF ("SystemModstamp", "001000000000002AAA"), "text:2024-03-15T08:30:00.000Z" },
      { TYPEOF ("Wake__c", "001000000000001AAA"), "text:08:30:00.000Z" },
      { TYPEOF ("Wake__c", "001000000000002AAA"), "null:null" },
      { TYPEOF ("Name", "001000000000003AAA"), "null:null" },
      { TYPEOF ("IsDeleted", "001000000000003AAA"), "null:null" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      {
        g_autofree char *got = query_text (reader, checks[i].sql);

        g_assert_cmpstr (got, ==, checks[i].expected);
      }
  }
#undef TYPEOF

  modstamp = query_text (reader, "SELECT type FROM pragma_table_info('Account') WHERE name = 'IsDeleted'");
  g_assert_cmpstr (modstamp, ==, "INTEGER");
  modstamp2 = query_text (reader, "SELECT type FROM pragma_table_info('Account') WHERE name = 'AnnualRevenue'");
  g_assert_cmpstr (modstamp2, ==, "REAL");
  g_assert_cmpint (query_int (reader, "SELECT pk FROM pragma_table_info('Account') WHERE name = 'Id'"), ==, 1);
  sqlite3_close (reader);
}

static void
test_datetime_forms (void)
{
  char out[ORGSYNC_DATETIME_BUFFER_SIZE];
  struct { const char *in; const char *out; } cases[] = {
    { "2024-03-15T08:30:00.000+0000", "2024-03-15T08:30:00.000Z" },
    { "2024-03-15T08:30:00.000Z", "2024-03-15T08:30:00.000Z" },
    { "2024-03-15T08:30:00Z", "2024-03-15T08:30:00.000Z" },
    { "2024-03-15T08:30:00.5Z", "2024-03-15T08:30:00.500Z" },
    { "2024-03-15T08:30:00.123456+00:00", "2024-03-15T08:30:00.123Z" },
    { "2024-03-15T08:30:00", "2024-03-15T08:30:00.000Z" },
    { "2024-03-15T10:30:00.250+0200", "2024-03-15T08:30:00.250Z" },
    { "2024-03-15T00:30:00.000-0130", "2024-03-15T02:00:00.000Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (orgsync_value_normalize_datetime (cases[i].in, -1, out));
      g_assert_cmpstr (out, ==, cases[i].out);
    }

  g_assert_false (orgsync_value_normalize_datetime ("2024-03-15", -1, out));
  g_assert_false (orgsync_value_normalize_datetime ("not a date at all, no", -1, out));
  g_assert_cmpint (orgsync_value_parse_boolean ("TRUE", -1), ==, 1);
  g_assert_cmpint (orgsync_value_parse_boolean ("0", -1), ==, 0);
  g_assert_cmpint (orgsync_value_parse_boolean ("yes", -1), ==, -1);
}

static void
test_upsert_and_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *names[] = { "Id", "Name" };
  const char * const page1[] = { "001A", "One", "001B", "Two", "001C", "Three" };
  const char * const page2[] = { "001B", "Two v2", "001D", "Four" };
  const char * const deleted[] = { "001A", "001X" };
  OrgsyncPageStats stats = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  OrgsyncPageWriter *writer;
  sqlite3 *reader;

  create_account (fixture);
  writer = orgsync_records_store_prepare_writer (fixture->store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, &error);
  g_assert_no_error (error);
  /* Cached: the same writer for the same object and columns. */
  g_assert_true (writer == orgsync_records_store_prepare_writer (fixture->store, "Account", names, 2,
                                                                 ORGSYNC_WRITE_UPSERT, &error));

  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, page1, 3, NULL, 0, NULL, &stats, &error));
  g_assert_cmpuint (stats.added, ==, 3);
  g_assert_cmpuint (stats.updated, ==, 0);

  memset (&stats, 0, sizeof stats);
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, page2, 2, deleted, 2, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 1);
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpuint (stats.deleted, ==, 1);

  g_assert_cmpint (orgsync_records_store_count_rows (fixture->store, "Account", &error), ==, 3);
  reader = open_reader (fixture);
  name = query_text (reader, "SELECT Name FROM Account WHERE Id = '001B'");
  g_assert_cmpstr (name, ==, "Two v2");
  sqlite3_close (reader);
}

static void
test_checkpoints (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *names[] = { "Id", "Name" };
  const char * const page[] = { "001A", "One" };
  OrgsyncCheckpoint middle = { "2024-01-01T00:00:00.000Z", "chunk-2", FALSE };
  OrgsyncCheckpoint last = { "2024-01-02T00:00:00.000Z", NULL, TRUE };
  OrgsyncCheckpoint incremental = { NULL, NULL, FALSE };
  g_autoptr(OrgsyncObjectState) state = NULL;
  g_autoptr(GError) error = NULL;
  OrgsyncPageWriter *writer;

  create_account (fixture);
  writer = orgsync_records_store_prepare_writer (fixture->store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, &error);

  state = orgsync_records_store_get_object_state (fixture->store, "Account", &error);
  g_assert_nonnull (state);
  g_assert_false (state->full_sync_complete);
  g_assert_null (state->high_water_mark);
  g_assert_cmpuint (strlen (state->field_signature), ==, 64);
  g_clear_pointer (&state, orgsync_object_state_free);

  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, page, 1, NULL, 0, &middle, NULL, &error));
  state = orgsync_records_store_get_object_state (fixture->store, "Account", &error);
  g_assert_cmpstr (state->full_sync_position, ==, "chunk-2");
  g_assert_cmpstr (state->high_water_mark, ==, "2024-01-01T00:00:00.000Z");
  g_assert_false (state->full_sync_complete);
  g_clear_pointer (&state, orgsync_object_state_free);

  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, page, 1, NULL, 0, &last, NULL, &error));
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, page, 1, NULL, 0, &incremental, NULL, &error));
  state = orgsync_records_store_get_object_state (fixture->store, "Account", &error);
  g_assert_null (state->full_sync_position);
  g_assert_cmpstr (state->high_water_mark, ==, "2024-01-02T00:00:00.000Z");
  g_assert_true (state->full_sync_complete);
  g_clear_pointer (&state, orgsync_object_state_free);

  g_assert_true (orgsync_records_store_reset_object (fixture->store, "Account", &error));
  state = orgsync_records_store_get_object_state (fixture->store, "Account", &error);
  g_assert_null (state->high_water_mark);
  g_assert_false (state->full_sync_complete);
  g_clear_pointer (&state, orgsync_object_state_free);

  g_assert_null (orgsync_records_store_get_object_state (fixture->store, "Contact", &error));
  g_assert_no_error (error);
}

static void
test_schema_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  const OrgsyncColumnSpec narrow[] = {
    { "Id", ORGSYNC_FIELD_TYPE_ID },
    { "Name", ORGSYNC_FIELD_TYPE_STRING },
  };
  const OrgsyncColumnSpec wider[] = {
    { "Id", ORGSYNC_FIELD_TYPE_ID },
    { "Name", ORGSYNC_FIELD_TYPE_STRING },
    { "Industry", ORGSYNC_FIELD_TYPE_PICKLIST },
  };
  const OrgsyncColumnSpec retyped[] = {
    { "Id", ORGSYNC_FIELD_TYPE_ID },
    { "Industry", ORGSYNC_FIELD_TYPE_DOUBLE },
  };
  const char *names[] = { "Id", "Name" };
  const char *backfill_names[] = { "Id", "Industry" };
  const char * const rows[] = { "001A", "One", "001B", "Two" };
  const char * const backfill[] = { "001A", "Energy", "001Z", "Unknown" };
  OrgsyncCheckpoint done = { NULL, NULL, TRUE };
  OrgsyncCheckpoint partway = { NULL, "001A", FALSE };
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  OrgsyncPageStats stats = { 0, };
  g_auto(GStrv) columns = NULL;
  g_auto(GStrv) pending = NULL;
  g_auto(GStrv) objects = NULL;
  OrgsyncPageWriter *writer;
  sqlite3 *reader;

  g_assert_true (orgsync_records_store_sync_schema (fixture->store, "Account", narrow, 2, added, &error));
  g_assert_cmpuint (added->len, ==, 0);
  writer = orgsync_records_store_prepare_writer (fixture->store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, &error);
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, rows, 2, NULL, 0, NULL, NULL, &error));

  /* Adding a field adds its column and notes its narrow backfill. */
  g_assert_true (orgsync_records_store_sync_schema (fixture->store, "Account", wider, 3, added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (added, 0), ==, "Industry");
  columns = orgsync_records_store_list_columns (fixture->store, "Account", &error);
  g_assert_cmpstrv (columns, ((const char *[]) { "Id", "Name", "Industry", NULL }));
  pending = orgsync_records_store_list_backfills (fixture->store, "Account", &error);
  g_assert_cmpstrv (pending, ((const char *[]) { "Industry", NULL }));
  g_clear_pointer (&pending, g_strfreev);

  /* The backfill only updates that column, never inserts, and completes. */
  writer = orgsync_records_store_prepare_writer (fixture->store, "Account", backfill_names, 2,
                                                 ORGSYNC_WRITE_UPDATE_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, backfill, 1, NULL, 0, &partway, &stats, &error));
  pending = orgsync_records_store_list_backfills (fixture->store, "Account", &error);
  g_assert_cmpstrv (pending, ((const char *[]) { "Industry", NULL }));
  g_clear_pointer (&pending, g_strfreev);
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, backfill + 2, 1, NULL, 0, &done, &stats, &error));
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpuint (stats.skipped, ==, 1);
  pending = orgsync_records_store_list_backfills (fixture->store, "Account", &error);
  g_assert_cmpuint (g_strv_length (pending), ==, 0);

  reader = open_reader (fixture);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 2);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account WHERE Industry = 'Energy' AND Name = 'One'"), ==, 1);
  sqlite3_close (reader);

  /* Removing a field drops its column; a changed storage class replaces the column. */
  g_clear_pointer (&added, g_ptr_array_unref);
  added = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (orgsync_records_store_sync_schema (fixture->store, "Account", retyped, 2, added, &error));
  g_assert_no_error (error);
  g_clear_pointer (&columns, g_strfreev);
  columns = orgsync_records_store_list_columns (fixture->store, "Account", &error);
  g_assert_cmpstrv (columns, ((const char *[]) { "Id", "Industry", NULL }));
  g_assert_cmpuint (added->len, ==, 1);
  reader = open_reader (fixture);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM pragma_table_info('Account')"), ==, 2);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account WHERE Industry IS NOT NULL"), ==, 0);
  {
    g_autofree char *type = query_text (reader, "SELECT type FROM pragma_table_info('Account') WHERE name = 'Industry'");

    g_assert_cmpstr (type, ==, "REAL");
  }
  sqlite3_close (reader);

  /* Removing an object drops its table and bookkeeping. */
  g_assert_true (orgsync_records_store_drop_object (fixture->store, "Account", &error));
  objects = orgsync_records_store_list_objects (fixture->store, &error);
  g_assert_cmpuint (g_strv_length (objects), ==, 0);
  reader = open_reader (fixture);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM sqlite_master WHERE name = 'Account'"), ==, 0);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM _orgsync_column"), ==, 0);
  sqlite3_close (reader);
}

static void
test_hostile_identifiers (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *hostile[] = {
    "Account\"; DROP TABLE _orgsync_object; --",
    "Account; DROP TABLE x",
    "Name With Space",
    "sqlite_master",
    "_orgsync_object",
    "",
    "Ünïcode__c",
    "A___B",
    "Trailing_",
    "1Leading",
    "Dot.Name",
    "Quote'Name",
    "Tab\tName",
  };
  g_autoptr(GError) error = NULL;
  sqlite3 *reader;

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      OrgsyncColumnSpec as_table[] = { { "Id", ORGSYNC_FIELD_TYPE_ID } };
      OrgsyncColumnSpec as_column[] = { { "Id", ORGSYNC_FIELD_TYPE_ID }, { hostile[i], ORGSYNC_FIELD_TYPE_STRING } };

      g_assert_false (orgsync_records_store_sync_schema (fixture->store, hostile[i], as_table, 1, NULL, &error));
      g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER);
      g_clear_error (&error);

      g_assert_false (orgsync_records_store_sync_schema (fixture->store, "Account", as_column, 2, NULL, &error));
      g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER);
      g_clear_error (&error);

      g_assert_cmpint (orgsync_records_store_count_rows (fixture->store, hostile[i], &error), ==, -1);
      g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER);
      g_clear_error (&error);
    }

  g_assert_true (orgsync_api_name_validate ("ns__Field_Name__c", NULL));
  g_assert_true (orgsync_api_name_validate ("Geo__Latitude__s", NULL));
  g_assert_true (orgsync_api_name_validate ("Order", NULL));

  /* A table named after an SQL keyword works because names are always quoted. */
  {
    OrgsyncColumnSpec order[] = { { "Id", ORGSYNC_FIELD_TYPE_ID }, { "Group", ORGSYNC_FIELD_TYPE_STRING } };

    g_assert_true (orgsync_records_store_sync_schema (fixture->store, "Order", order, 2, NULL, &error));
    g_assert_no_error (error);
  }

  /* No Id, or a field twice: refused too. */
  {
    OrgsyncColumnSpec no_id[] = { { "Name", ORGSYNC_FIELD_TYPE_STRING } };
    OrgsyncColumnSpec twice[] = { { "Id", ORGSYNC_FIELD_TYPE_ID }, { "Name", 0 }, { "NAME", 0 } };

    g_assert_false (orgsync_records_store_sync_schema (fixture->store, "Account", no_id, 1, NULL, &error));
    g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER);
    g_clear_error (&error);
    g_assert_false (orgsync_records_store_sync_schema (fixture->store, "Account", twice, 3, NULL, &error));
    g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER);
    g_clear_error (&error);
  }

  reader = open_reader (fixture);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), ==, 4);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM _orgsync_object"), ==, 1);
  sqlite3_close (reader);
}

/* A page that fails anywhere leaves nothing of itself, and the checkpoint where it was. */
static void
test_page_atomicity (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *names[] = { "Id", "Name" };
  const char * const first[] = { "001A", "One" };
  const char * const second[] = { "001B", "Two", "001C", "Three" };
  const char * const bad_row[] = { "001D", "Four", NULL, "No Id" };
  const char * const deleted[] = { "001A" };
  OrgsyncCheckpoint one = { "2024-01-01T00:00:00.000Z", "page-1", FALSE };
  OrgsyncCheckpoint two = { "2024-01-02T00:00:00.000Z", "page-2", FALSE };
  OrgsyncRecordsFailpoint points[] = {
    ORGSYNC_RECORDS_FAILPOINT_BEFORE_DELETES,
    ORGSYNC_RECORDS_FAILPOINT_BEFORE_CHECKPOINT,
    ORGSYNC_RECORDS_FAILPOINT_BEFORE_COMMIT,
  };
  g_autoptr(GError) error = NULL;
  OrgsyncPageWriter *writer;
  sqlite3 *reader;

  create_account (fixture);
  writer = orgsync_records_store_prepare_writer (fixture->store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, &error);
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, first, 1, NULL, 0, &one, NULL, &error));
  reader = open_reader (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autoptr(OrgsyncObjectState) state = NULL;

      _orgsync_records_store_set_failpoint (fixture->store, points[i]);
      g_assert_false (orgsync_records_store_write_text_page (fixture->store, writer, second, 2,
                                                             deleted, 1, &two, NULL, &error));
      g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE);
      g_clear_error (&error);

      g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 1);
      g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account WHERE Id = '001A'"), ==, 1);
      state = orgsync_records_store_get_object_state (fixture->store, "Account", &error);
      g_assert_cmpstr (state->full_sync_position, ==, "page-1");
    }

  /* A row that violates a constraint halfway through the page: same. */
  g_assert_false (orgsync_records_store_write_text_page (fixture->store, writer, bad_row, 2, NULL, 0, &two, NULL, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 1);

  /* And the store keeps working after each failure. */
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, second, 2, deleted, 1, &two, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 2);
  sqlite3_close (reader);
}

/* Grouped pages commit together once the group is full or on request, their figures
 * with them; a failed page takes the pages of its open group and their checkpoint
 * along, and nothing committed before. */
static void
test_group_commit (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *names[] = { "Id", "Name" };
  const char * const first[] = { "001A", "One", "001B", "Two" };
  const char * const second[] = { "001C", "Three" };
  const char * const third[] = { "001D", "Four", "001A", "One again" };
  OrgsyncCheckpoint one = { "2024-01-01T00:00:00.000Z", "page-1", FALSE };
  OrgsyncCheckpoint two = { "2024-01-02T00:00:00.000Z", "page-2", FALSE };
  OrgsyncCheckpoint three = { "2024-01-03T00:00:00.000Z", "page-3", FALSE };
  OrgsyncPageStats stats = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgsyncObjectState) state = NULL;
  g_autofree char *position = NULL;
  OrgsyncPageWriter *writer;
  sqlite3 *reader;

  create_account (fixture);
  writer = orgsync_records_store_prepare_writer (fixture->store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, &error);
  orgsync_records_store_set_group_commit (fixture->store, 3, 60000);
  reader = open_reader (fixture);

  /* Two rows: the group stays open, another connection sees nothing yet. */
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, first, 2, NULL, 0, &one, &stats, &error));
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 0);
  g_assert_cmpuint (stats.added, ==, 0);

  /* The third row fills it: both pages commit, with the second page's checkpoint. */
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, second, 1, NULL, 0, &two, &stats, &error));
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 3);
  g_assert_cmpuint (stats.added, ==, 3);
  state = orgsync_records_store_get_object_state (fixture->store, "Account", &error);
  g_assert_cmpstr (state->full_sync_position, ==, "page-2");

  /* A page that fails loses the open group only. */
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, second, 1, NULL, 0, &two, &stats, &error));
  _orgsync_records_store_set_failpoint (fixture->store, ORGSYNC_RECORDS_FAILPOINT_BEFORE_COMMIT);
  g_assert_false (orgsync_records_store_write_text_page (fixture->store, writer, third, 2, NULL, 0, &three, &stats,
                                                         &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_true (orgsync_records_store_commit_pages (fixture->store, &stats, &error));
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 3);
  g_assert_cmpuint (stats.added + stats.updated + stats.unchanged, ==, 3);

  /* An explicit commit, with what the pages did. */
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, third, 2, NULL, 0, &three, &stats,
                                                        &error));
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 3);
  g_assert_true (orgsync_records_store_commit_pages (fixture->store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 4);
  g_assert_cmpuint (stats.added, ==, 4);
  g_assert_cmpuint (stats.updated, ==, 1);
  g_clear_pointer (&state, orgsync_object_state_free);
  state = orgsync_records_store_get_object_state (fixture->store, "Account", &error);
  g_assert_cmpstr (state->full_sync_position, ==, "page-3");

  /* Other writes commit an open group first; closing the store does too. */
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, second, 1, NULL, 0, &two, &stats, &error));
  g_assert_true (orgsync_records_store_set_reconcile_needed (fixture->store, "Account", TRUE, &error));
  position = query_text (reader, "SELECT full_sync_position FROM _orgsync_object");
  g_assert_cmpstr (position, ==, "page-2");
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, third, 1, NULL, 0, &three, &stats,
                                                        &error));
  g_clear_object (&fixture->store);
  g_free (position);
  position = query_text (reader, "SELECT full_sync_position FROM _orgsync_object");
  g_assert_cmpstr (position, ==, "page-3");
  sqlite3_close (reader);
  fixture->store = orgsync_records_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

/* PRAGMA max_page_count makes the disk "full": a clear error, the old data intact. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  const char *names[] = { "Id", "Name" };
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = g_strnfill (2000, 'x');
  g_autofree char *integrity = NULL;
  OrgsyncPageWriter *writer;
  sqlite3 *handle = _orgsync_records_store_get_handle (fixture->store);
  gint64 page_count;
  gboolean full = FALSE;
  guint committed = 0;
  sqlite3 *reader;

  create_account (fixture);
  writer = orgsync_records_store_prepare_writer (fixture->store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, &error);

  page_count = query_int (handle, "PRAGMA page_count");
  {
    g_autofree char *pragma = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, page_count + 20);

    g_assert_cmpint (sqlite3_exec (handle, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  for (guint page = 0; page < 100 && !full; page++)
    {
      g_autofree char *id1 = g_strdup_printf ("001%05uA", page);
      g_autofree char *id2 = g_strdup_printf ("001%05uB", page);
      const char *cells[] = { id1, filler, id2, filler };
      g_autofree char *position = g_strdup_printf ("%u", page);
      OrgsyncCheckpoint checkpoint = { NULL, position, FALSE };

      if (orgsync_records_store_write_text_page (fixture->store, writer, cells, 2, NULL, 0, &checkpoint, NULL, &error))
        {
          committed++;
          continue;
        }

      g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DISK_FULL);
      g_assert_nonnull (strstr (error->message, "disk is full"));
      g_clear_error (&error);
      full = TRUE;
    }

  g_assert_true (full);
  g_assert_cmpuint (committed, >, 0);

  reader = open_reader (fixture);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, committed * 2);
  {
    g_autofree char *position = query_text (reader, "SELECT full_sync_position FROM _orgsync_object");
    g_autofree char *expected = g_strdup_printf ("%u", committed - 1);

    g_assert_cmpstr (position, ==, expected);
  }
  integrity = query_text (reader, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  sqlite3_close (reader);

  /* Space again: writing goes on. */
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    const char *cells[] = { "001ZZZ", "After" };

    g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, cells, 1, NULL, 0, NULL, NULL, &error));
    g_assert_no_error (error);
  }
}

#define KILL_PAGE_ROWS 50

/* The child writes pages forever; each page's checkpoint names the page. */
G_GNUC_NORETURN static void
kill_child_main (const char *path,
                 int         ready_fd)
{
  const char *names[] = { "Id", "Name" };
  g_autoptr(OrgsyncRecordsStore) store = orgsync_records_store_open (path, NULL);
  g_autofree char *filler = g_strnfill (200, 'y');
  OrgsyncPageWriter *writer;
  const char *cells[KILL_PAGE_ROWS * 2];
  char ids[KILL_PAGE_ROWS][32];

  writer = orgsync_records_store_prepare_writer (store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, NULL);
  if (writer == NULL)
    _exit (3);

  for (guint page = 1;; page++)
    {
      char position[32];
      OrgsyncCheckpoint checkpoint = { NULL, position, FALSE };

      g_snprintf (position, sizeof position, "%u", page);
      for (guint i = 0; i < KILL_PAGE_ROWS; i++)
        {
          g_snprintf (ids[i], sizeof ids[i], "001%08u%04u", page, i);
          cells[2 * i] = ids[i];
          cells[2 * i + 1] = filler;
        }

      if (!orgsync_records_store_write_text_page (store, writer, cells, KILL_PAGE_ROWS, NULL, 0,
                                                  &checkpoint, NULL, NULL))
        _exit (4);

      if (page == 3 && write (ready_fd, "x", 1) != 1)
        _exit (5);
    }
}

/* A sync killed with SIGKILL in the middle of writing leaves a clean database whose
 * rows match its checkpoint exactly: nothing lost, nothing partial. */
static void
test_sigkill_mid_write (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 furthest = 0;   /* rows of an earlier round stay: upserts never delete */

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *integrity = NULL;
      g_autofree char *position = NULL;
      int fds[2];
      char byte;
      pid_t pid;
      int status;
      sqlite3 *reader;

      if (round == 0)
        create_account (fixture);

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          kill_child_main (fixture->path, fds[1]);
        }

      close (fds[1]);
      g_assert_cmpint (read (fds[0], &byte, 1), ==, 1);
      close (fds[0]);
      /* Let it get well into later pages; where exactly it dies does not matter. */
      g_usleep (round * 20000);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      reader = open_reader (fixture);
      integrity = query_text (reader, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      position = query_text (reader, "SELECT full_sync_position FROM _orgsync_object WHERE object = 'Account'");
      g_assert_nonnull (position);
      /* Every committed page is complete: rows = pages × rows per page (counting the
       * pages an earlier round got further with), and the newest page of this round
       * is the one the checkpoint names. */
      furthest = MAX (furthest, g_ascii_strtoll (position, NULL, 10));
      g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, furthest * KILL_PAGE_ROWS);
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM Account WHERE Id LIKE '001%08u%%'",
                                                (guint) g_ascii_strtoull (position, NULL, 10));

        g_assert_cmpint (query_int (reader, sql), ==, KILL_PAGE_ROWS);
      }
      sqlite3_close (reader);
    }
}

/* Rows whose Id Salesforce no longer has are deleted; nothing before the finish. */
static void
test_reconcile (Fixture       *fixture,
                gconstpointer  data)
{
  const char *names[] = { "Id", "Name" };
  const char * const rows[] = { "001A", "A", "001B", "B", "001C", "C", "001D", "D" };
  const char * const remote1[] = { "001A", "001C" };
  const char * const remote2[] = { "001X" };
  g_autoptr(GError) error = NULL;
  OrgsyncPageWriter *writer;
  guint64 deleted = 0;
  sqlite3 *reader;

  create_account (fixture);
  writer = orgsync_records_store_prepare_writer (fixture->store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, &error);
  g_assert_true (orgsync_records_store_write_text_page (fixture->store, writer, rows, 4, NULL, 0, NULL, NULL, &error));

  g_assert_true (orgsync_records_store_reconcile_begin (fixture->store, "Account", &error));
  g_assert_true (orgsync_records_store_reconcile_add_ids (fixture->store, remote1, 2, &error));
  g_assert_true (orgsync_records_store_reconcile_add_ids (fixture->store, remote2, 1, &error));
  reader = open_reader (fixture);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 4);
  g_assert_true (orgsync_records_store_reconcile_finish (fixture->store, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 2);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account WHERE Id IN ('001A', '001C')"), ==, 2);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 2);

  /* Aborted: nothing deleted. */
  g_assert_true (orgsync_records_store_reconcile_begin (fixture->store, "Account", &error));
  orgsync_records_store_reconcile_abort (fixture->store);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM Account"), ==, 2);
  sqlite3_close (reader);
}

typedef struct
{
  char     *path;
  guint     pages;
  gboolean  ok;
} ThreadJob;

static gpointer
writer_thread (gpointer data)
{
  ThreadJob *job = data;
  const char *names[] = { "Id", "Name" };
  g_autoptr(OrgsyncRecordsStore) store = orgsync_records_store_open (job->path, NULL);
  OrgsyncPageWriter *writer;

  job->ok = store != NULL;
  writer = store ? orgsync_records_store_prepare_writer (store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, NULL) : NULL;

  for (guint page = 0; writer != NULL && page < job->pages; page++)
    {
      g_autofree char *id = g_strdup_printf ("001T%06u", page);
      const char *cells[] = { id, "threaded" };

      job->ok = job->ok && orgsync_records_store_write_text_page (store, writer, cells, 1, NULL, 0,
                                                                  NULL, NULL, NULL);
    }

  return NULL;
}

/* The writer runs on its own thread with its own store; the main thread reads. */
static void
test_writer_thread (Fixture       *fixture,
                    gconstpointer  data)
{
  ThreadJob job = { fixture->path, 200, FALSE };
  g_autoptr(GError) error = NULL;
  GThread *thread;

  create_account (fixture);
  thread = g_thread_new ("records-writer", writer_thread, &job);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpint (orgsync_records_store_count_rows (fixture->store, "Account", &error), >=, 0);
  g_thread_join (thread);

  g_assert_true (job.ok);
  g_assert_cmpint (orgsync_records_store_count_rows (fixture->store, "Account", &error), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  core_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/records-store/value-mapping", test_value_mapping);
  g_test_add_func ("/records-store/datetime-forms", test_datetime_forms);
  ADD ("/records-store/upsert-and-delete", test_upsert_and_delete);
  ADD ("/records-store/checkpoints", test_checkpoints);
  ADD ("/records-store/schema-changes", test_schema_changes);
  ADD ("/records-store/hostile-identifiers", test_hostile_identifiers);
  ADD ("/records-store/page-atomicity", test_page_atomicity);
  ADD ("/records-store/group-commit", test_group_commit);
  ADD ("/records-store/disk-full", test_disk_full);
  ADD ("/records-store/sigkill-mid-write", test_sigkill_mid_write);
  ADD ("/records-store/writer-thread", test_writer_thread);
  ADD ("/records-store/reconcile", test_reconcile);
#undef ADD

  return core_test_run ();
}
