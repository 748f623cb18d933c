/* test-ui-format.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "orgsync-ui-format.h"

/* The short texts of the windows, in the C locale. */

static void
test_estimate (void)
{
  OrgsyncSyncEstimate fits = { 13530, 30, 200, 15000 };
  OrgsyncSyncEstimate too_much = { 250000, 20, 11990, 15000 };
  OrgsyncSyncEstimate unknown = { 0, 3, -1, -1 };
  OrgsyncSyncEstimate tiny = { 0, 1, 0, 5000000 };
  g_autofree char *a = orgsync_format_estimate (&fits, 80);
  g_autofree char *b = orgsync_format_estimate (&too_much, 80);
  g_autofree char *c = orgsync_format_estimate (&unknown, 80);
  g_autofree char *d = orgsync_format_estimate (&tiny, 80);

  g_assert_cmpstr (a, ==, "Syncing the added fields fetches about 13,530 records with about "
                          "30 API calls, 0.2% of the org’s daily limit of 15,000.");
  /* 11,990 + 20 is more than 80% of 15,000 */
  g_assert_cmpstr (b, ==, "Syncing the added fields fetches about 250,000 records with about "
                          "20 API calls, 0.1% of the org’s daily limit of 15,000. That is more than is left "
                          "today under the 80% limit: syncing stops there and goes on when usage falls.");
  g_assert_cmpstr (c, ==, "The next sync costs about 3 API calls.");
  g_assert_cmpstr (d, ==, "The next sync costs about 1 API call, less than 0.1% of the org’s daily limit "
                          "of 5,000,000.");
}

static void
test_estimate_calls (void)
{
  /* One /composite call per five tables */
  g_assert_cmpuint (orgsync_sync_estimate_idle_run_calls (0), ==, 0);
  g_assert_cmpuint (orgsync_sync_estimate_idle_run_calls (5), ==, 1);
  g_assert_cmpuint (orgsync_sync_estimate_idle_run_calls (6), ==, 2);

  /* REST pages of 2,000 … */
  g_assert_cmpuint (orgsync_sync_estimate_query_calls (0, TRUE), ==, 0);
  g_assert_cmpuint (orgsync_sync_estimate_query_calls (1, TRUE), ==, 1);
  g_assert_cmpuint (orgsync_sync_estimate_query_calls (10000, TRUE), ==, 5);
  /* … or, past 10,000 rows, one Bulk job: create, two polls, 100,000-row chunks */
  g_assert_cmpuint (orgsync_sync_estimate_query_calls (200000, TRUE), ==, 3 + 2);
  g_assert_cmpuint (orgsync_sync_estimate_query_calls (1000000, TRUE), ==, 3 + 10);
  g_assert_cmpuint (orgsync_sync_estimate_query_calls (200000, FALSE), ==, 100);
}

static void
test_clock_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 1, 23, 0, 0);   /* a Thursday */
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 1, 1, 23, 30, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_new_utc (2026, 1, 2, 9, 10, 0);
  g_autoptr(GDateTime) far = g_date_time_new_utc (2026, 2, 14, 8, 0, 0);
  g_autofree char *a = orgsync_format_clock_time (later, now);
  g_autofree char *b = orgsync_format_clock_time (tomorrow, now);
  g_autofree char *c = orgsync_format_clock_time (far, now);
  g_autofree char *next = orgsync_format_next_sync (tomorrow, now);

  g_assert_cmpstr (a, ==, "23:30");
  g_assert_cmpstr (b, ==, "Fri 09:10");
  g_assert_cmpstr (c, ==, "14 Feb 2026 08:00");
  g_assert_cmpstr (next, ==, "Next sync at Fri 09:10");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui-format/estimate", test_estimate);
  g_test_add_func ("/ui-format/estimate-calls", test_estimate_calls);
  g_test_add_func ("/ui-format/clock-time", test_clock_time);

  return g_test_run ();
}
