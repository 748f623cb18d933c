/* test-disk-full.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mount.h>

#include "rel-util.h"

/* A full disk (issue 8). A first sync fits; then every Account gets a long
 * Description, and the next sync cannot store it:
 *
 *  - max-pages: records.db may not grow (SQLite's max_page_count through
 *    ORGSYNC_RECORDS_MAX_PAGES); runs everywhere;
 *  - tmpfs-records: the connection's folder is a small tmpfs (needs root, else skipped);
 *  - tmpfs-data-dir: the whole data dir is a small tmpfs, orgsync.db included, so that
 *    the history and the status cannot be written either (needs root, else skipped).
 *
 * Each time the run stops with exit code 1 and a message that says the disk is full,
 * records.db passes integrity_check and still holds every row, each as it was before
 * or as the simulator has it now; then, with space again, the next run converges. */

#define RECORDS 1500

static const char * const sim_args[] = {
  "--records", "Account=" G_STRINGIFY (RECORDS) ",Contact=10,Lead=10,Opportunity=10,Campaign=1",
  "--custom-objects", "0", NULL,
};

static void
select_fields (CliEnv     *env,
               const char *name)
{
  g_assert_cmpint (cli_run (env, NULL, NULL, "select", name, "--clear", "--add", "Account.Name", "--add",
                            "Account.Description", "--add", "Account.Industry", "--add", "Account.Phone",
                            NULL), ==, 0);
}

static char *
connection_id (CliEnv     *env,
               const char *name)
{
  g_autoptr(JsonNode) status = rel_status (env, name);

  return g_strdup (rel_member_string (status, "id"));
}

/* Every Account gets about 4 KB more text. */
static void
grow_org (CliEnv *env)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *json = NULL;

  while (text->len < 4000)
    g_string_append (text, "A long description that does not fit on the disk any more. ");
  json = g_strdup_printf ("{\"action\":\"update\",\"count\":%d,\"fields\":{\"Description\":\"%s\"}}", RECORDS,
                          text->str);
  rel_sim_post (env, "/_sim/data/Account", json);
}

static void
assert_stopped_disk_full (CliEnv     *env,
                          const char *name,
                          const char *snapshot,
                          gboolean    history_written)
{
  g_autofree char *records = cli_records_path (env, name);
  g_autofree char *out = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "sync", name, NULL };
  int status;

  process = rel_spawnv (env, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, args);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  status = cli_wait (process);
  g_test_message ("exit %d: %s", status, err);

  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "The disk is full"));

  if (history_written)
    {
      g_autoptr(JsonNode) run = rel_last_run (env, name);
      g_autoptr(JsonNode) connection = rel_status (env, name);

      g_assert_cmpstr (rel_member_string (run, "result"), ==, "failed");
      g_assert_nonnull (strstr (rel_member_string (run, "message"), "The disk is full"));
      g_assert_nonnull (strstr (rel_member_string (connection, "statusDetail"), "The disk is full"));
    }

  /* The data from before is all there, each row old or new, never broken. */
  rel_assert_integrity (records);
  rel_assert_no_duplicates (records, "Account");
  g_assert_cmpint (rel_count_rows (records, "Account"), ==, RECORDS);
  g_assert_cmpuint (rel_compare (env, records, "Account", REL_COMPARE_SUBSET, REL_VALUES_LOOSE, snapshot), ==,
                    RECORDS);
}

static void
assert_converges (CliEnv     *env,
                  const char *name)
{
  g_autofree char *records = cli_records_path (env, name);
  g_autoptr(JsonNode) connection = NULL;

  g_assert_cmpint (cli_run (env, NULL, NULL, "sync", name, NULL), ==, 0);
  rel_assert_integrity (records);
  g_assert_cmpuint (rel_compare (env, records, "Account", REL_COMPARE_EXACT, REL_VALUES_LOOSE, NULL), ==,
                    RECORDS);
  connection = rel_status (env, name);
  g_assert_cmpstr (rel_member_string (connection, "status"), ==, "active");
}

static gint64
page_count (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 pages;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return pages;
}

static void
test_max_pages (void)
{
  CliEnv env = { 0, };
  g_autofree char *records = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *limit = NULL;

  cli_env_start (&env, sim_args);
  cli_connect (&env, "Full");
  select_fields (&env, "Full");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Full", NULL), ==, 0);

  records = cli_records_path (&env, "Full");
  snapshot = g_build_filename (env.data_dir, "before.db", NULL);
  rel_snapshot (records, snapshot);

  grow_org (&env);
  limit = g_strdup_printf ("%" G_GINT64_FORMAT, page_count (records) + 8);
  cli_env_setenv (&env, "ORGSYNC_RECORDS_MAX_PAGES", limit);
  assert_stopped_disk_full (&env, "Full", snapshot, TRUE);
  /* And again: a second run does not make it worse. */
  assert_stopped_disk_full (&env, "Full", snapshot, TRUE);

  cli_env_setenv (&env, "ORGSYNC_RECORDS_MAX_PAGES", "");
  assert_converges (&env, "Full");

  cli_env_stop (&env);
}

typedef struct
{
  char *where;
  gboolean mounted;
} Tmpfs;

static gboolean
tmpfs_mount (Tmpfs      *fs,
             const char *where,
             const char *size)
{
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0700", size);

  g_assert_cmpint (g_mkdir_with_parents (where, 0700), ==, 0);
  if (mount ("orgsync-test", where, "tmpfs", 0, options) != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs here (%s)", g_strerror (errno));

      g_test_skip (why);
      return FALSE;
    }
  fs->where = g_strdup (where);
  fs->mounted = TRUE;
  return TRUE;
}

static void
tmpfs_resize (Tmpfs      *fs,
              const char *size)
{
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0700", size);

  g_assert_cmpint (mount ("orgsync-test", fs->where, "tmpfs", MS_REMOUNT, options), ==, 0);
}

static void
tmpfs_unmount (Tmpfs *fs)
{
  if (fs->mounted)
    {
      g_assert_cmpint (umount2 (fs->where, MNT_DETACH), ==, 0);
      g_rmdir (fs->where);
    }
  g_clear_pointer (&fs->where, g_free);
}

static void
test_tmpfs_records (void)
{
  CliEnv env = { 0, };
  Tmpfs fs = { 0, };
  g_autofree char *id = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *records = NULL;
  g_autofree char *snapshot = NULL;

  cli_env_start (&env, sim_args);
  cli_connect (&env, "Full");
  select_fields (&env, "Full");
  id = connection_id (&env, "Full");
  folder = g_build_filename (env.data_dir, "connections", id, NULL);
  if (!tmpfs_mount (&fs, folder, "1m"))
    {
      cli_env_stop (&env);
      return;
    }

  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Full", NULL), ==, 0);
  records = cli_records_path (&env, "Full");
  snapshot = g_build_filename (env.data_dir, "before.db", NULL);
  rel_snapshot (records, snapshot);

  grow_org (&env);
  assert_stopped_disk_full (&env, "Full", snapshot, TRUE);
  assert_stopped_disk_full (&env, "Full", snapshot, TRUE);

  tmpfs_resize (&fs, "64m");
  assert_converges (&env, "Full");

  tmpfs_unmount (&fs);
  cli_env_stop (&env);
}

static void
test_tmpfs_data_dir (void)
{
  CliEnv env = { 0, };
  Tmpfs fs = { 0, };
  g_autofree char *records = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *snapshot_dir = g_dir_make_tmp ("orgsync-rel-snapshot-XXXXXX", NULL);

  cli_env_start (&env, sim_args);
  if (!tmpfs_mount (&fs, env.data_dir, "2m"))
    {
      cli_env_stop (&env);
      return;
    }

  cli_connect (&env, "Full");
  select_fields (&env, "Full");
  g_assert_cmpint (cli_run (&env, NULL, NULL, "sync", "Full", NULL), ==, 0);
  records = cli_records_path (&env, "Full");
  settings = g_build_filename (env.data_dir, "orgsync.db", NULL);
  snapshot = g_build_filename (snapshot_dir, "before.db", NULL);
  rel_snapshot (records, snapshot);

  grow_org (&env);
  assert_stopped_disk_full (&env, "Full", snapshot, FALSE);
  rel_assert_integrity (settings);
  assert_stopped_disk_full (&env, "Full", snapshot, FALSE);
  rel_assert_integrity (settings);

  tmpfs_resize (&fs, "64m");
  assert_converges (&env, "Full");

  g_unlink (snapshot);
  g_rmdir (snapshot_dir);
  /* cli_env_stop() empties the data dir before it is unmounted. */
  cli_env_stop (&env);
  tmpfs_unmount (&fs);
}

int
main (int   argc,
      char *argv[])
{
  rel_test_init (&argc, &argv);

  g_test_add_func ("/disk-full/max-pages", test_max_pages);
  g_test_add_func ("/disk-full/tmpfs-records", test_tmpfs_records);
  g_test_add_func ("/disk-full/tmpfs-data-dir", test_tmpfs_data_dir);

  return g_test_run ();
}
