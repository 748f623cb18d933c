/* test-process.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "sim-test-util.h"

/* The orgsync-sim program: its one stdout line, its signals, its usage
 * errors; and the library's configuration errors. */

static void
run_until_signal (int signal_number)
{
  const char *sim = g_getenv ("ORGSYNC_SIM");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) session = sim_test_session ();
  g_autoptr(SimTestResponse) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  g_assert_nonnull (sim);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, sim, "--records", "Account=10", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  base = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (base, "http://127.0.0.1:"));

  versions = sim_test_get (session, base, NULL, "/services/data/");
  g_assert_cmpuint (versions->status, ==, 200);

  g_subprocess_send_signal (process, signal_number);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_sigterm (void)
{
  run_until_signal (SIGTERM);
}

static void
test_sigint (void)
{
  run_until_signal (SIGINT);
}

static void
test_usage_errors (void)
{
  const char *sim = g_getenv ("ORGSYNC_SIM");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err_text = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              sim, "--records", "Account=lots", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 64);
  g_assert_nonnull (strstr (err_text, "lots"));
}

static void
test_configure_errors (void)
{
  const char *bad_records[] = { "--records", "Acount=10", NULL };
  const char *bad_tls[] = { "--tls-cert", "/nonexistent.pem", NULL };
  const char *unknown[] = { "--frobnicate", NULL };
  g_autoptr(SimServer) s1 = sim_server_new ();
  g_autoptr(SimServer) s2 = sim_server_new ();
  g_autoptr(SimServer) s3 = sim_server_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sim_server_configure (s1, bad_records, &error));
  g_assert_false (sim_server_start (s1, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);

  g_assert_false (sim_server_configure (s2, bad_tls, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (sim_server_configure (s3, unknown, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/process/sigterm", test_sigterm);
  g_test_add_func ("/sim/process/sigint", test_sigint);
  g_test_add_func ("/sim/process/usage-errors", test_usage_errors);
  g_test_add_func ("/sim/process/configure-errors", test_configure_errors);

  return g_test_run ();
}
