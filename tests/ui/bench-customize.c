/* bench-customize.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "orgsync-customize-window.h"
#include "orgsync-test-sobjects.h"

/* Customize Fields with 500 tables × 200 fields: time to open the window (build the
 * models as the describe cache would, construct, present, first frame), time from a
 * keystroke to the frame that shows its result over 20 keystrokes, and peak RSS.
 * Prints a table; asserts nothing about time. */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  static const char *typed = "renewal status 4";
  guint n_tables = 500;
  guint n_fields = 200;
  g_autoptr(GListModel) sobjects = NULL;
  OrgsyncCustomizeWindow *window;
  g_autoptr(GString) query = g_string_new (NULL);
  double keystrokes[20];
  guint n_keystrokes = 0;
  double t0, t_models, t_open;
  struct rusage usage;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (argc > 2)
    {
      n_tables = atoi (argv[1]);
      n_fields = atoi (argv[2]);
    }

  t0 = now_ms ();
  sobjects = orgsync_test_sobjects_new (n_tables, n_fields);
  t_models = now_ms () - t0;

  t0 = now_ms ();
  window = orgsync_customize_window_new ("Benchmark", sobjects);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  t_open = now_ms () - t0;

  /* Type the query, then take back four characters: 20 keystrokes. */
  for (guint i = 0; typed[i] != '\0' && n_keystrokes < 16; i++)
    {
      g_string_append_c (query, typed[i]);
      t0 = now_ms ();
      orgsync_customize_window_set_search (window, query->str);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      keystrokes[n_keystrokes++] = now_ms () - t0;
    }
  while (n_keystrokes < 20)
    {
      g_string_truncate (query, query->len - 1);
      t0 = now_ms ();
      orgsync_customize_window_set_search (window, query->str);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      keystrokes[n_keystrokes++] = now_ms () - t0;
    }

  printf ("Each keystroke, in order (ms):");
  for (guint i = 0; i < n_keystrokes; i++)
    printf (" %.0f", keystrokes[i]);
  printf ("\n");

  qsort (keystrokes, n_keystrokes, sizeof (double), compare_doubles);
  getrusage (RUSAGE_SELF, &usage);

  printf ("Customize Fields, %u tables x %u fields (%u fields)\n", n_tables, n_fields, n_tables * n_fields);
  printf ("  %-38s %10.1f ms\n", "build models (describe cache stand-in)", t_models);
  printf ("  %-38s %10.1f ms   (target < 1000 ms with models)\n", "open window to first frame", t_open);
  printf ("  %-38s %10.1f ms\n", "open incl. models", t_open + t_models);
  printf ("  %-38s %10.1f ms   (target < 50 ms)\n", "keystroke to frame, median of 20", keystrokes[n_keystrokes / 2]);
  printf ("  %-38s %10.1f ms   (target < 50 ms)\n", "keystroke to frame, worst of 20", keystrokes[n_keystrokes - 1]);
  printf ("  %-38s %10.1f MB   (target < 250 MB)\n", "peak RSS", usage.ru_maxrss / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
