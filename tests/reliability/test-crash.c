/* test-crash.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "rel-util.h"

/* Crash safety (issue 8): `orgsync-cli sync` is killed with SIGKILL at random moments
 * of a large first sync and of an incremental sync. After each kill:
 *
 *  - PRAGMA integrity_check of records.db and orgsync.db is ok;
 *  - no Id twice; every row is the simulator's record as it is now, or (incremental)
 *    exactly the row from before the run;
 *  - the status no longer says "syncing", and the history no longer says "running";
 *  - the next run succeeds and the tables are exactly the simulator's: no duplicate,
 *    no missing row, no stale value.
 *
 * ORGSYNC_REL_KILLS kills of each kind (default 5; 25 for the full local run) on
 * ORGSYNC_REL_RECORDS Account records (default 20,000; 100,000 locally), plus a
 * quarter as many Contacts, so that a kill meets Bulk chunks and REST pages, the
 * describes, the writer thread's commits and the bookkeeping at the end. The moments
 * are random in the time an undisturbed run of the same kind took (the test's seed
 * makes them repeatable: run with --seed). */

static const char * const objects[] = { "Account", "Contact", NULL };

static const char * const fields[] = {
  "Account.Name", "Account.Phone", "Account.Industry", "Account.AnnualRevenue", "Account.Description",
  "Account.BillingCity", "Account.Score__c", "Account.Is_Strategic__c", "Account.CreatedDate",
  "Contact.FirstName", "Contact.LastName", "Contact.Email", "Contact.AccountId", "Contact.Title",
  "Contact.Description", NULL,
};

typedef struct
{
  CliEnv   env;
  guint    records;
  guint    kills;
  guint    serial;
  GString *report;
} Crash;

static Crash crash;

static void
select_fields (CliEnv     *env,
               const char *name)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;

  g_ptr_array_add (args, (gpointer) "select");
  g_ptr_array_add (args, (gpointer) name);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_ptr_array_add (args, (gpointer) "--add");
      g_ptr_array_add (args, (gpointer) fields[i]);
    }
  g_ptr_array_add (args, NULL);

  process = rel_spawnv (env, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, (const char * const *) args->pdata);
  g_assert_cmpint (cli_wait (process), ==, 0);
}

static char *
new_connection (void)
{
  char *name = g_strdup_printf ("crash %u", ++crash.serial);

  cli_connect (&crash.env, name);
  select_fields (&crash.env, name);
  return name;
}

static double
timed_sync (const char *name)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  g_assert_cmpint (cli_run (&crash.env, NULL, NULL, "sync", name, NULL), ==, 0);
  return g_timer_elapsed (timer, NULL);
}

/* Starts a sync and kills it after @delay seconds. Returns whether it was still
 * running then (a run that finished first proves nothing about a crash). */
static gboolean
sync_and_kill (const char *name,
               double      delay)
{
  g_autoptr(GSubprocess) process = rel_spawn (&crash.env, "sync", name, NULL);
  gboolean killed;
  int status;

  g_usleep ((gulong) (delay * G_USEC_PER_SEC));
  g_subprocess_send_signal (process, SIGKILL);
  status = cli_wait (process);
  killed = status == 128 + SIGKILL;
  if (!killed)
    g_assert_cmpint (status, ==, 0);

  return killed;
}

static void
assert_after_kill (const char *name,
                   const char *snapshot)
{
  g_autofree char *records = cli_records_path (&crash.env, name);
  g_autofree char *settings = g_build_filename (crash.env.data_dir, "orgsync.db", NULL);
  g_autoptr(JsonNode) status = rel_status (&crash.env, name);
  g_autoptr(JsonNode) history = cli_run_json (&crash.env, 0, "history", name, "--json", NULL);
  JsonArray *runs = json_node_get_array (history);

  rel_assert_integrity (settings);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (status), "syncing"));
  for (guint i = 0; i < json_array_get_length (runs); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (runs, i), "result"), !=,
                     "running");

  if (!g_file_test (records, G_FILE_TEST_EXISTS))
    return;

  rel_assert_integrity (records);
  for (guint i = 0; objects[i] != NULL; i++)
    {
      rel_assert_no_duplicates (records, objects[i]);
      rel_compare (&crash.env, records, objects[i], REL_COMPARE_SUBSET, REL_VALUES_LOOSE, snapshot);
    }
}

static guint64
assert_converged (const char *name)
{
  g_autofree char *records = cli_records_path (&crash.env, name);
  guint64 rows = 0;

  g_assert_cmpint (cli_run (&crash.env, NULL, NULL, "sync", name, NULL), ==, 0);
  rel_assert_integrity (records);
  for (guint i = 0; objects[i] != NULL; i++)
    {
      rel_assert_no_duplicates (records, objects[i]);
      rows += rel_compare (&crash.env, records, objects[i], REL_COMPARE_EXACT, REL_VALUES_LOOSE, NULL);
      g_assert_cmpint (rel_count_rows (records, objects[i]), ==, rel_sim_live_count (&crash.env, objects[i]));
    }

  return rows;
}

static double
random_moment (double duration)
{
  /* From the start of the process to just before an undisturbed run would end. */
  return g_test_rand_double_range (0.0, duration);
}

static void
test_initial (void)
{
  g_autofree char *reference = new_connection ();
  double duration = timed_sync (reference);
  guint killed = 0, missed = 0;
  gint64 rows;

  g_assert_cmpint (cli_run (&crash.env, NULL, NULL, "remove", reference, NULL), ==, 0);
  g_string_append_printf (crash.report, "first sync of %u+%u records, undisturbed: %.1f s\n", crash.records,
                          crash.records / 4, duration);

  while (killed < crash.kills)
    {
      g_autofree char *name = new_connection ();
      double moment = random_moment (duration);
      g_autofree char *records = NULL;

      if (!sync_and_kill (name, moment))
        {
          /* It finished first: not a kill, try another moment. */
          g_assert_cmpuint (++missed, <, crash.kills * 4);
          g_assert_cmpint (cli_run (&crash.env, NULL, NULL, "remove", name, NULL), ==, 0);
          continue;
        }
      killed++;

      records = cli_records_path (&crash.env, name);
      rows = g_file_test (records, G_FILE_TEST_EXISTS) ? MAX (rel_count_rows (records, "Account"), 0) +
                                                         MAX (rel_count_rows (records, "Contact"), 0)
                                                       : 0;
      assert_after_kill (name, NULL);
      assert_converged (name);
      g_string_append_printf (crash.report, "  first sync killed at %.2f s with %" G_GINT64_FORMAT
                              " rows written: ok, converged\n", moment, rows);
      g_assert_cmpint (cli_run (&crash.env, NULL, NULL, "remove", name, NULL), ==, 0);
    }
}

/* Changes a fifth of the records (new values each round), creates, deletes and
 * hard-deletes some. */
static void
change_org (guint round)
{
  g_autofree char *update = g_strdup_printf ("{\"action\":\"update\",\"count\":%u,\"fields\":"
                                             "{\"Description\":\"Round %u, \\\"quoted\\\",\\nchanged\"}}",
                                             crash.records / 5, round);
  g_autofree char *update_contacts = g_strdup_printf ("{\"action\":\"update\",\"count\":%u,\"fields\":"
                                                      "{\"Title\":\"Title of round %u\"}}",
                                                      crash.records / 20, round);
  g_autofree char *create = g_strdup_printf ("{\"action\":\"create\",\"count\":%u,\"fields\":"
                                             "{\"Name\":\"Created in round %u\"}}", crash.records / 100, round);

  rel_sim_post (&crash.env, "/_sim/data/Account", update);
  rel_sim_post (&crash.env, "/_sim/data/Contact", update_contacts);
  rel_sim_post (&crash.env, "/_sim/data/Account", create);
  rel_sim_post (&crash.env, "/_sim/data/Account", "{\"action\":\"delete\",\"count\":13}");
  rel_sim_post (&crash.env, "/_sim/data/Contact", "{\"action\":\"hard-delete\",\"count\":3}");
  rel_sim_post (&crash.env, "/_sim/clock", "{\"advanceSeconds\":120}");
}

static void
test_incremental (void)
{
  g_autofree char *name = new_connection ();
  g_autofree char *snapshot = g_build_filename (crash.env.data_dir, "snapshot.db", NULL);
  g_autofree char *records = NULL;
  guint killed = 0, missed = 0, round = 0;
  double duration;

  g_assert_cmpint (cli_run (&crash.env, NULL, NULL, "sync", name, NULL), ==, 0);
  records = cli_records_path (&crash.env, name);

  change_org (++round);
  duration = timed_sync (name);
  assert_converged (name);
  g_string_append_printf (crash.report, "incremental sync (%u changed, %u created), undisturbed: %.1f s\n",
                          crash.records / 5 + crash.records / 20, crash.records / 100, duration);

  while (killed < crash.kills)
    {
      double moment = random_moment (duration);

      change_org (++round);
      rel_snapshot (records, snapshot);
      if (!sync_and_kill (name, moment))
        {
          g_assert_cmpuint (++missed, <, crash.kills * 4);
          assert_converged (name);
          continue;
        }
      killed++;

      assert_after_kill (name, snapshot);
      assert_converged (name);
      g_string_append_printf (crash.report, "  incremental sync killed at %.2f s: ok, converged\n", moment);
    }

  g_unlink (snapshot);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *records = NULL;
  const char *sim_args[] = { "--records", NULL, "--custom-objects", "0", "--bulk-delay", "300",
                             "--token-lifetime", "1000000", NULL };
  int status;

  rel_test_init (&argc, &argv);

  crash.records = rel_env_uint ("ORGSYNC_REL_RECORDS", 20000);
  crash.kills = rel_env_uint ("ORGSYNC_REL_KILLS", 5);
  records = g_strdup_printf ("Account=%u,Contact=%u,Lead=10,Opportunity=10,Campaign=1", crash.records,
                             crash.records / 4);
  sim_args[1] = records;
  crash.report = g_string_new (NULL);

  cli_env_start (&crash.env, sim_args);

  g_test_add_func ("/crash/first-sync", test_initial);
  g_test_add_func ("/crash/incremental-sync", test_incremental);
  status = g_test_run ();

  {
    g_auto(GStrv) lines = g_strsplit (crash.report->str, "\n", -1);

    g_test_message ("SIGKILL runs, %u kills of each kind:", crash.kills);
    for (guint i = 0; lines[i] != NULL; i++)
      if (*lines[i] != '\0')
        g_test_message ("%s", lines[i]);
  }

  cli_env_stop (&crash.env);
  g_string_free (crash.report, TRUE);
  return status;
}
