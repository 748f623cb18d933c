/* bench-startup.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "orgsync-application.h"
#include "orgsync-database.h"
#include "orgsync-paths.h"
#include "orgsync-test-utils.h"
#include "orgsync-window.h"

/* Start-up: from the start of the process (dynamic linking and GTK's own start
 * included) to the first frame of the Data Sources window, with 10 connections in
 * orgsync.db, as `orgsync` does it. Prints a table; asserts nothing about time. */

#define N_CONNECTIONS 10

/* Milliseconds since this process started, from /proc (boot-relative clocks). */
static double
ms_since_process_start (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;
  double start_ticks;

  g_assert_true (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL));
  after_name = strrchr (stat, ')');
  fields = g_strsplit (after_name + 2, " ", -1);
  start_ticks = g_ascii_strtod (fields[19], NULL);  /* field 22: starttime */
  clock_gettime (CLOCK_BOOTTIME, &now);

  return (now.tv_sec + now.tv_nsec / 1e9 - start_ticks / sysconf (_SC_CLK_TCK)) * 1000.0;
}

static void
add_connections (void)
{
  g_autofree char *data_dir = orgsync_paths_dup_default_data_dir ();
  g_autoptr(OrgsyncDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = orgsync_database_open (data_dir, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_autofree char *id = orgsync_connection_generate_id ();
      g_autofree char *name = g_strdup_printf ("Org %02u", i + 1);
      g_autoptr(OrgsyncConnection) connection = orgsync_connection_new (id);
      g_autoptr(GDateTime) last = g_date_time_new_now_utc ();

      orgsync_connection_set_display_name (connection, name);
      orgsync_connection_set_login_url (connection, "https://login.salesforce.com");
      orgsync_connection_set_instance_url (connection, "https://example.my.salesforce.com");
      orgsync_connection_set_username (connection, "ops@example.com");
      orgsync_connection_set_org_id (connection, "00D000000000001EAA");
      orgsync_connection_set_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE);
      orgsync_connection_set_api_usage (connection, 1200 + i, 15000);
      orgsync_connection_set_last_sync (connection, last);
      orgsync_database_save_connection (db, connection, &error);
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OrgsyncApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  OrgsyncWindow *window;
  double before_init, t_startup, t_frame;
  struct rusage usage;

  orgsync_test_isolate_dirs ();
  before_init = ms_since_process_start ();

  /* The data is there before the clock that matters starts: a second launch. */
  add_connections ();

  gtk_init ();
  app = orgsync_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  t_startup = ms_since_process_start ();

  window = orgsync_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  t_frame = ms_since_process_start ();
  getrusage (RUSAGE_SELF, &usage);

  g_assert_cmpuint (g_list_model_get_n_items (orgsync_application_get_connections (app)), ==, N_CONNECTIONS);

  printf ("Start-up with %d connections\n", N_CONNECTIONS);
  printf ("  %-44s %8.1f ms\n", "process start to main()", before_init);
  printf ("  %-44s %8.1f ms\n", "to application started (orgsync.db loaded)", t_startup);
  printf ("  %-44s %8.1f ms   (target < 500 ms)\n", "to first frame of Data Sources", t_frame);
  printf ("  %-44s %8.1f MB\n", "peak RSS", usage.ru_maxrss / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
