/* test-large.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Big-data checks of src/core (suite "large", plain build only). They assert on
 * results, never on time; the times are printed as TAP comments for the record. */

#include "config.h"

#include "core-test-util.h"
#include "orgsync-database.h"
#include "orgsync-records-store.h"

#define N_OBJECTS 500
#define N_FIELDS 200

static const char *types[] = { "string", "double", "boolean", "datetime", "reference", "picklist", "int", "textarea" };

/* The customizer's worst case: 500 tables × 200 fields from the describe cache. */
static void
test_customizer_model (void)
{
  g_autofree char *data_dir = core_test_new_dir ();
  g_autoptr(OrgsyncDatabase) db = orgsync_database_open (data_dir, NULL);
  g_autoptr(OrgsyncConnection) connection = orgsync_connection_new ("big");
  g_autoptr(GListModel) sobjects = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  GStringChunk *strings = g_string_chunk_new (1 << 20);
  guint total_selected = 0;
  gint64 start;

  orgsync_connection_set_display_name (connection, "Big org");
  g_assert_true (orgsync_database_save_connection (db, connection, &error));

  for (guint i = 0; i < N_OBJECTS; i++)
    {
      OrgsyncFieldInfo fields[N_FIELDS];
      char *name = g_string_chunk_insert (strings, i == 0 ? "Account" : "");
      OrgsyncSObjectInfo object;

      if (i > 0)
        {
          g_autofree char *custom = g_strdup_printf ("Object%03u__c", i);

          name = g_string_chunk_insert (strings, custom);
        }
      object = (OrgsyncSObjectInfo) { name, name, i > 0, TRUE };

      for (guint j = 0; j < N_FIELDS; j++)
        {
          g_autofree char *field = j == 0 ? g_strdup ("Id") : j == 1 ? g_strdup ("SystemModstamp")
                                   : g_strdup_printf ("Field%03u__c", j);
          g_autofree char *label = g_strdup_printf ("Field number %u of %s", j, name);

          fields[j] = (OrgsyncFieldInfo) { g_string_chunk_insert (strings, field),
                                           g_string_chunk_insert (strings, label),
                                           j == 0 ? "id" : j == 1 ? "datetime" : types[j % G_N_ELEMENTS (types)],
                                           80, ORGSYNC_FIELD_FLAG_CUSTOM, NULL };
          if (j % 10 == 2)
            {
              g_autofree char *qualified = g_strdup_printf ("%s.%s", name, field);

              g_ptr_array_add (selection, g_string_chunk_insert (strings, qualified));
            }
        }

      g_assert_true (orgsync_database_store_describe (db, "big", &object, fields, N_FIELDS, NULL, NULL, &error));
    }
  g_ptr_array_add (selection, NULL);
  g_assert_true (orgsync_database_save_selection (db, "big", (const char * const *) selection->pdata, &error));

  start = g_get_monotonic_time ();
  sobjects = orgsync_database_load_sobjects (db, "big", &error);
  g_test_message ("load_sobjects %u x %u: %.3f s", N_OBJECTS, N_FIELDS,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sobjects), ==, N_OBJECTS);

  for (guint i = 0; i < N_OBJECTS; i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);

      g_assert_cmpuint (orgsync_sobject_get_n_fields (sobject), ==, N_FIELDS);
      g_assert_true (orgsync_sobject_get_inconsistent (sobject));
      total_selected += orgsync_sobject_get_n_selected (sobject);
    }
  /* 20 chosen per object plus the locked Id and SystemModstamp. */
  g_assert_cmpuint (total_selected, ==, N_OBJECTS * 22);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_OBJECTS; i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);

      orgsync_sobject_set_selected (sobject, TRUE);
    }
  g_test_message ("select all %u fields: %.3f s", N_OBJECTS * N_FIELDS, (g_get_monotonic_time () - start) / 1e6);

  g_string_chunk_free (strings);
}

/* A wide table filled, widened and backfilled with 200,000 rows. */
static void
test_backfill_many_rows (void)
{
  const OrgsyncColumnSpec narrow[] = { { "Id", ORGSYNC_FIELD_TYPE_ID }, { "Name", ORGSYNC_FIELD_TYPE_STRING } };
  const OrgsyncColumnSpec wide[] = { { "Id", ORGSYNC_FIELD_TYPE_ID }, { "Name", ORGSYNC_FIELD_TYPE_STRING },
                                     { "Amount", ORGSYNC_FIELD_TYPE_CURRENCY } };
  const char *names[] = { "Id", "Name" };
  const char *backfill_names[] = { "Id", "Amount" };
  g_autofree char *dir = core_test_new_dir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(OrgsyncRecordsStore) store = orgsync_records_store_open (path, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const guint n_rows = 200000, page = 2000;
  OrgsyncPageStats stats = { 0, };
  g_auto(GStrv) pending = NULL;
  OrgsyncPageWriter *writer;
  const char **cells = g_new0 (const char *, page * 2);
  char (*ids)[20] = g_malloc (page * sizeof *ids);

  g_assert_true (orgsync_records_store_sync_schema (store, "Opportunity", narrow, 2, NULL, &error));
  writer = orgsync_records_store_prepare_writer (store, "Opportunity", names, 2, ORGSYNC_WRITE_UPSERT, &error);
  for (guint first = 0; first < n_rows; first += page)
    {
      for (guint i = 0; i < page; i++)
        {
          g_snprintf (ids[i], sizeof ids[i], "006%012u", first + i);
          cells[2 * i] = ids[i];
          cells[2 * i + 1] = "Deal";
        }
      g_assert_true (orgsync_records_store_write_text_page (store, writer, cells, page, NULL, 0, NULL, &stats, &error));
    }
  g_assert_cmpuint (stats.added, ==, n_rows);

  g_assert_true (orgsync_records_store_sync_schema (store, "Opportunity", wide, 3, added, &error));
  g_assert_cmpuint (added->len, ==, 1);

  memset (&stats, 0, sizeof stats);
  writer = orgsync_records_store_prepare_writer (store, "Opportunity", backfill_names, 2, ORGSYNC_WRITE_UPDATE_ONLY, &error);
  for (guint first = 0; first < n_rows; first += page)
    {
      OrgsyncCheckpoint checkpoint = { NULL, ids[page - 1], first + page >= n_rows };

      for (guint i = 0; i < page; i++)
        {
          g_snprintf (ids[i], sizeof ids[i], "006%012u", first + i);
          cells[2 * i] = ids[i];
          cells[2 * i + 1] = "1500.5";
        }
      g_assert_true (orgsync_records_store_write_text_page (store, writer, cells, page, NULL, 0, &checkpoint, &stats, &error));
    }
  g_assert_cmpuint (stats.updated, ==, n_rows);
  g_assert_cmpuint (stats.added, ==, 0);
  pending = orgsync_records_store_list_backfills (store, "Opportunity", &error);
  g_assert_cmpuint (g_strv_length (pending), ==, 0);
  g_assert_cmpint (orgsync_records_store_count_rows (store, "Opportunity", &error), ==, n_rows);

  g_free (cells);
  g_free (ids);
}

int
main (int   argc,
      char *argv[])
{
  core_test_init (&argc, &argv);

  g_test_add_func ("/large/customizer-model", test_customizer_model);
  g_test_add_func ("/large/backfill-many-rows", test_backfill_many_rows);

  return core_test_run ();
}
