/* test-counter.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sim-counter.h"

#define HOUR (G_GINT64_CONSTANT (3600) * 1000)

static void
test_rolling_window (void)
{
  SimCounter counter;
  gint64 t0 = G_GINT64_CONSTANT (1700000000000);

  sim_counter_init (&counter, 15000);
  sim_counter_add (&counter, t0, 1);
  sim_counter_add (&counter, t0 + 500, 1);
  sim_counter_add (&counter, t0 + 23 * HOUR, 3);
  g_assert_cmpuint (sim_counter_used (&counter, t0 + 23 * HOUR), ==, 5);

  /* Calls age out of the window one by one, with no midnight reset. */
  g_assert_cmpuint (sim_counter_used (&counter, t0 + 24 * HOUR - 1), ==, 5);
  g_assert_cmpuint (sim_counter_used (&counter, t0 + 24 * HOUR + 1), ==, 3);
  g_assert_cmpuint (sim_counter_used (&counter, t0 + 47 * HOUR + 1), ==, 0);
  sim_counter_clear (&counter);
}

static void
test_set_and_lag (void)
{
  SimCounter counter;
  gint64 t0 = G_GINT64_CONSTANT (1700000000000);

  sim_counter_init (&counter, 100);
  sim_counter_set (&counter, t0, 40);
  g_assert_cmpuint (sim_counter_used (&counter, t0), ==, 40);
  counter.lag = 5;
  g_assert_cmpuint (sim_counter_reported (&counter, t0), ==, 35);
  counter.lag = 50;
  g_assert_cmpuint (sim_counter_reported (&counter, t0), ==, 0);
  sim_counter_set (&counter, t0, 0);
  g_assert_cmpuint (sim_counter_used (&counter, t0), ==, 0);
  sim_counter_clear (&counter);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/counter/rolling-window", test_rolling_window);
  g_test_add_func ("/sim/counter/set-and-lag", test_set_and_lag);

  return g_test_run ();
}
