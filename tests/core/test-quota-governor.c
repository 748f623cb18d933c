/* test-quota-governor.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include "core-test-util.h"
#include "orgsync-error.h"
#include "orgsync-format.h"
#include "orgsync-quota-governor.h"

#define ORG "00D000000000001AAA"
#define T0 (G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC)   /* 2026-01-01 00:00 UTC */
#define SECOND G_GINT64_CONSTANT (1000000)
#define MINUTE (60 * SECOND)
#define HOUR (60 * MINUTE)

typedef struct
{
  char            *data_dir;
  OrgsyncDatabase *db;
  OrgsyncClock    *clock;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->data_dir = core_test_new_dir ();
  fixture->db = orgsync_database_open (fixture->data_dir, &error);
  g_assert_no_error (error);
  fixture->clock = orgsync_clock_new_manual (T0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  g_assert_finalize_object (fixture->clock);
  g_free (fixture->data_dir);
}

static guint
acquire_until_refused (OrgsyncQuotaGovernor  *governor,
                       OrgsyncClock          *clock,
                       GError               **error)
{
  guint allowed = 0;

  while (orgsync_quota_governor_try_acquire (governor, error))
    {
      allowed++;
      orgsync_clock_advance (clock, SECOND);
      g_assert_cmpuint (allowed, <, 100000);
    }

  return allowed;
}

/* Limit 1,000, usage 790, T = 80 %: the 800th call is allowed, the 801st refused. */
static void
test_threshold_exact (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(OrgsyncQuotaGovernor) governor = orgsync_quota_governor_new (fixture->db, fixture->clock, ORG, "c1");
  g_autoptr(GError) error = NULL;
  gint64 estimate, max;

  g_assert_cmpuint (orgsync_quota_governor_get_threshold (governor), ==, 80);
  g_assert_true (orgsync_quota_governor_record_usage (governor, 790, 1000, "limits", &error));
  orgsync_clock_advance (fixture->clock, SECOND);

  for (guint call = 791; call <= 800; call++)
    {
      g_assert_true (orgsync_quota_governor_try_acquire (governor, &error));
      g_assert_no_error (error);
      orgsync_clock_advance (fixture->clock, SECOND);
    }

  g_assert_false (orgsync_quota_governor_try_acquire (governor, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_QUOTA_THRESHOLD);
  g_assert_cmpstr (error->message, ==,
                   "API usage reached 80% of the daily limit (800 of 1,000). Syncing resumes "
                   "automatically when usage falls below the limit.");

  g_assert_true (orgsync_quota_governor_get_usage (governor, &estimate, &max, NULL));
  g_assert_cmpint (estimate, ==, 800);
  g_assert_cmpint (max, ==, 1000);
}

static void
test_stop_message (void)
{
  g_autofree char *message = orgsync_quota_format_stop_message (80, 12000, 15000);
  g_autofree char *big = orgsync_format_count (1234567);
  g_autofree char *small = orgsync_format_count (999);

  g_assert_cmpstr (message, ==,
                   "API usage reached 80% of the daily limit (12,000 of 15,000). Syncing resumes "
                   "automatically when usage falls below the limit.");
  g_assert_cmpstr (big, ==, "1,234,567");
  g_assert_cmpstr (small, ==, "999");
  g_assert_cmpint (orgsync_quota_threshold_calls (15000, 80), ==, 12000);
  g_assert_cmpint (orgsync_quota_threshold_calls (999, 80), ==, 799);
}

/* A header that has not caught up with our calls cannot push usage over. */
static void
test_lagging_header (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(OrgsyncQuotaGovernor) governor = orgsync_quota_governor_new (fixture->db, fixture->clock, ORG, "c1");
  g_autoptr(GError) error = NULL;

  g_assert_true (orgsync_quota_governor_record_usage (governor, 790, 1000, NULL, &error));
  orgsync_clock_advance (fixture->clock, SECOND);
  g_assert_cmpuint (acquire_until_refused (governor, fixture->clock, &error), ==, 10);
  g_clear_error (&error);

  /* The response to the 10th call says 795: five of our calls are not in it yet. */
  g_assert_true (orgsync_quota_governor_record_header (governor, "api-usage=795/1000", &error));
  g_assert_false (orgsync_quota_governor_try_acquire (governor, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_QUOTA_THRESHOLD);
  g_clear_error (&error);

  /* Long after our last call the header has caught up: 800, still at the limit. */
  orgsync_clock_advance (fixture->clock, 10 * MINUTE);
  g_assert_true (orgsync_quota_governor_record_header (governor, "api-usage=800/1000", &error));
  g_assert_false (orgsync_quota_governor_try_acquire (governor, &error));
  g_clear_error (&error);

  /* Usage falls as old calls leave the 24-hour window: syncing may resume. */
  orgsync_clock_advance (fixture->clock, 10 * MINUTE);
  g_assert_true (orgsync_quota_governor_record_header (governor, "api-usage=795/1000; api-bursts=1/750", &error));
  g_assert_cmpuint (acquire_until_refused (governor, fixture->clock, &error), ==, 5);
  g_clear_error (&error);

  /* A response without the header records nothing and is not an error. */
  g_assert_true (orgsync_quota_governor_record_header (governor, NULL, &error));
  g_assert_no_error (error);
}

/* Two connections to one org, through two handles as two processes would have. */
static void
test_shared_org (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(OrgsyncDatabase) other_db = orgsync_database_open (fixture->data_dir, NULL);
  g_autoptr(OrgsyncQuotaGovernor) a = orgsync_quota_governor_new (fixture->db, fixture->clock, ORG, "a");
  g_autoptr(OrgsyncQuotaGovernor) b = orgsync_quota_governor_new (other_db, fixture->clock, ORG, "b");
  g_autoptr(OrgsyncQuotaGovernor) elsewhere = orgsync_quota_governor_new (fixture->db, fixture->clock,
                                                                          "00D000000000002AAA", "c");
  g_autoptr(GError) error = NULL;
  guint allowed_a = 0, allowed_b = 0;
  gboolean a_open = TRUE, b_open = TRUE;

  g_assert_true (orgsync_quota_governor_record_usage (a, 790, 1000, NULL, &error));
  g_assert_true (orgsync_quota_governor_record_usage (elsewhere, 10, 1000, NULL, &error));
  orgsync_clock_advance (fixture->clock, SECOND);

  while (a_open || b_open)
    {
      if (a_open && (a_open = orgsync_quota_governor_try_acquire (a, NULL)))
        allowed_a++;
      if (b_open && (b_open = orgsync_quota_governor_try_acquire (b, NULL)))
        allowed_b++;
      orgsync_clock_advance (fixture->clock, SECOND);
    }

  g_assert_cmpuint (allowed_a + allowed_b, ==, 10);
  g_assert_cmpuint (allowed_a, ==, 5);

  /* Another org is not affected. */
  g_assert_true (orgsync_quota_governor_try_acquire (elsewhere, &error));
  g_assert_no_error (error);

  /* A connection with a higher threshold may go on where the others stop. */
  orgsync_quota_governor_set_threshold (b, 90);
  g_assert_cmpuint (acquire_until_refused (b, fixture->clock, &error), ==, 100);
  g_clear_error (&error);
  g_assert_false (orgsync_quota_governor_try_acquire (a, NULL));
}

/* Two processes race for the last calls: together they never take more than ten. */
static void
test_cross_process (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(OrgsyncQuotaGovernor) governor = orgsync_quota_governor_new (fixture->db, fixture->clock, ORG, "parent");
  g_autoptr(GError) error = NULL;
  guint parent_allowed = 0;
  guint32 child_allowed = 0;
  int fds[2];
  int status;
  pid_t pid;

  g_assert_true (orgsync_quota_governor_record_usage (governor, 700, 1000, NULL, &error));
  orgsync_clock_advance (fixture->clock, SECOND);

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      OrgsyncDatabase *db = orgsync_database_open (fixture->data_dir, NULL);
      OrgsyncClock *clock = orgsync_clock_new_manual (T0 + SECOND);
      OrgsyncQuotaGovernor *child = db ? orgsync_quota_governor_new (db, clock, ORG, "child") : NULL;
      GError *child_error = NULL;
      guint32 allowed = 0;
      gboolean ok;

      close (fds[0]);
      while (child != NULL && orgsync_quota_governor_try_acquire (child, &child_error))
        allowed++;
      ok = child != NULL && g_error_matches (child_error, ORGSYNC_ERROR, ORGSYNC_ERROR_QUOTA_THRESHOLD);

      /* The count goes through a pipe: under valgrind the exit status is valgrind's. */
      if (!ok || write (fds[1], &allowed, sizeof allowed) != sizeof allowed)
        _exit (2);

      g_clear_error (&child_error);
      g_clear_object (&child);
      g_clear_object (&clock);
      g_clear_object (&db);
      _exit (0);
    }

  close (fds[1]);
  while (orgsync_quota_governor_try_acquire (governor, &error))
    parent_allowed++;
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_QUOTA_THRESHOLD);

  g_assert_cmpint (read (fds[0], &child_allowed, sizeof child_allowed), ==, sizeof child_allowed);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpuint (parent_allowed + child_allowed, ==, 100);
}

/* When usage will be back under the threshold, from the samples (rolling 24 hours). */
static void
test_resume_estimate (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(OrgsyncQuotaGovernor) governor = orgsync_quota_governor_new (fixture->db, fixture->clock, ORG, "c1");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (orgsync_quota_governor_estimate_resume (governor, &error), ==, -1);
  g_assert_no_error (error);

  g_assert_true (orgsync_quota_governor_record_usage (governor, 100, 1000, NULL, &error));
  g_assert_cmpint (orgsync_quota_governor_estimate_resume (governor, &error), ==, T0);

  orgsync_clock_advance (fixture->clock, HOUR);
  g_assert_true (orgsync_quota_governor_record_usage (governor, 500, 1000, NULL, &error));
  orgsync_clock_advance (fixture->clock, HOUR);
  g_assert_true (orgsync_quota_governor_record_usage (governor, 800, 1000, NULL, &error));

  /* One call over: the 100 calls of the first sample leave at T0 + 24 h. */
  g_assert_cmpint (orgsync_quota_governor_estimate_resume (governor, &error), ==, T0 + 24 * HOUR);

  /* With T = 70 % (limit 700), 101 calls must leave: the first hour's 400 too. */
  orgsync_quota_governor_set_threshold (governor, 70);
  g_assert_cmpint (orgsync_quota_governor_estimate_resume (governor, &error), ==, T0 + 25 * HOUR);

  /* At that time, a sample showing the decay lets syncing resume. */
  orgsync_clock_set_now (fixture->clock, T0 + 25 * HOUR);
  g_assert_true (orgsync_quota_governor_record_usage (governor, 300, 1000, NULL, &error));
  g_assert_cmpint (orgsync_quota_governor_estimate_resume (governor, &error), ==, T0 + 25 * HOUR);
  g_assert_true (orgsync_quota_governor_try_acquire (governor, &error));
}

static void
test_parse_and_refresh (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(OrgsyncQuotaGovernor) governor = orgsync_quota_governor_new (fixture->db, fixture->clock, ORG, "c1");
  struct { const char *header; gboolean ok; gint64 used; gint64 max; } cases[] = {
    { "api-usage=18/15000", TRUE, 18, 15000 },
    { "api-usage=18/15000; api-bursts=1/750", TRUE, 18, 15000 },
    { " api-bursts=1/750;api-usage=5/100 ", TRUE, 5, 100 },
    { "api-usage=/15000", FALSE, 0, 0 },
    { "api-usage=18", FALSE, 0, 0 },
    { "api-usage=-1/10", FALSE, 0, 0 },
    { "api-usage=1/x", FALSE, 0, 0 },
    { "per-app-api-usage=1/10", FALSE, 0, 0 },
    { "", FALSE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 used = 0, max = 0;

      g_assert_cmpint (orgsync_quota_parse_limit_info (cases[i].header, &used, &max), ==, cases[i].ok);
      g_assert_cmpint (used, ==, cases[i].used);
      g_assert_cmpint (max, ==, cases[i].max);
    }

  g_assert_true (orgsync_quota_governor_needs_refresh (governor));
  g_assert_true (orgsync_quota_governor_record_header (governor, "api-usage=1/100", NULL));
  g_assert_false (orgsync_quota_governor_needs_refresh (governor));
  orgsync_clock_advance (fixture->clock, 16 * MINUTE);
  g_assert_true (orgsync_quota_governor_needs_refresh (governor));

  orgsync_quota_governor_set_threshold (governor, 5);
  g_assert_cmpuint (orgsync_quota_governor_get_threshold (governor), ==, 10);
  orgsync_quota_governor_set_threshold (governor, 99);
  g_assert_cmpuint (orgsync_quota_governor_get_threshold (governor), ==, 95);
}

int
main (int   argc,
      char *argv[])
{
  core_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/quota-governor/threshold-exact", test_threshold_exact);
  g_test_add_func ("/quota-governor/stop-message", test_stop_message);
  ADD ("/quota-governor/lagging-header", test_lagging_header);
  ADD ("/quota-governor/shared-org", test_shared_org);
  ADD ("/quota-governor/cross-process", test_cross_process);
  ADD ("/quota-governor/resume-estimate", test_resume_estimate);
  ADD ("/quota-governor/parse-and-refresh", test_parse_and_refresh);
#undef ADD

  return core_test_run ();
}
