/* test-sync-bookkeeping.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "orgsync-core.h"

/* What the engine added to records.db: rows fetched again unchanged are not rewritten
 * nor counted, getDeleted's position commits with a page, the reconcile flag. */

static OrgsyncRecordsStore *
open_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  OrgsyncRecordsStore *store;
  OrgsyncColumnSpec columns[] = {
    { "Id", ORGSYNC_FIELD_TYPE_ID },
    { "Name", ORGSYNC_FIELD_TYPE_STRING },
    { "SystemModstamp", ORGSYNC_FIELD_TYPE_DATETIME },
  };

  *dir = g_dir_make_tmp ("orgsync-bookkeeping-XXXXXX", &error);
  path = g_build_filename (*dir, "records.db", NULL);
  store = orgsync_records_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (orgsync_records_store_sync_schema (store, "Account", columns, 3, NULL, &error));
  return store;
}

static void
remove_dir (char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (command), ==, 0);
  g_free (dir);
}

static void
test_unchanged_rows (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(OrgsyncRecordsStore) store = open_store (&dir);
  const char *names[] = { "Id", "Name", "SystemModstamp" };
  const char * const page[] = { "001A", "One", "2024-01-01T00:00:00.000Z",
                                "001B", "Two", "2024-01-01T00:00:00.000Z" };
  const char * const again[] = { "001A", "One", "2024-01-01T00:00:00.000Z",
                                 "001B", "Two v2", "2024-01-02T00:00:00.000Z" };
  OrgsyncCheckpoint checkpoint = { "2024-01-02T00:00:00.000Z", NULL, TRUE, "2024-01-03T00:00:00.000Z" };
  OrgsyncPageStats stats = { 0, };
  g_autoptr(OrgsyncObjectState) state = NULL;
  g_autoptr(GError) error = NULL;
  OrgsyncPageWriter *writer;

  writer = orgsync_records_store_prepare_writer (store, "Account", names, 3, ORGSYNC_WRITE_UPSERT, &error);
  g_assert_true (orgsync_records_store_write_text_page (store, writer, page, 2, NULL, 0, NULL, &stats, &error));
  g_assert_cmpuint (stats.added, ==, 2);

  memset (&stats, 0, sizeof stats);
  g_assert_true (orgsync_records_store_write_text_page (store, writer, again, 2, NULL, 0, &checkpoint, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpuint (stats.unchanged, ==, 1);

  state = orgsync_records_store_get_object_state (store, "Account", &error);
  g_assert_cmpstr (state->deletes_covered, ==, "2024-01-03T00:00:00.000Z");
  g_assert_cmpstr (state->high_water_mark, ==, "2024-01-02T00:00:00.000Z");
  g_assert_false (state->reconcile_needed);

  /* NULL keeps the position */
  checkpoint.deletes_covered = NULL;
  g_assert_true (orgsync_records_store_write_text_page (store, writer, NULL, 0, NULL, 0, &checkpoint, NULL, &error));
  g_clear_pointer (&state, orgsync_object_state_free);
  state = orgsync_records_store_get_object_state (store, "Account", &error);
  g_assert_cmpstr (state->deletes_covered, ==, "2024-01-03T00:00:00.000Z");

  g_assert_true (orgsync_records_store_set_reconcile_needed (store, "Account", TRUE, &error));
  g_clear_pointer (&state, orgsync_object_state_free);
  state = orgsync_records_store_get_object_state (store, "Account", &error);
  g_assert_true (state->reconcile_needed);

  g_clear_object (&store);
  remove_dir (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-bookkeeping/unchanged-rows", test_unchanged_rows);

  return g_test_run ();
}
