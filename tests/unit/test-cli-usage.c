/* test-cli-usage.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

/* Runs the installed-to-be orgsync-cli as a user would and checks its exit codes. */
static int
run_cli (const char  *first_arg,
         char       **out,
         char       **err)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("ORGSYNC_CLI"), first_arg, NULL };
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

static void
test_cli_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ("--version", &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "orgsync-cli " PACKAGE_VERSION));
}

static void
test_cli_unknown_command (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ("frobnicate", &out, &err), ==, 64);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_assert_nonnull (strstr (err, "Usage:"));
}

static void
test_cli_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ("--help", &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Usage:"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/unknown-command", test_cli_unknown_command);
  g_test_add_func ("/cli/help", test_cli_help);

  return g_test_run ();
}
