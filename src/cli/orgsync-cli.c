/* orgsync-cli.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "orgsync-cli.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage: orgsync-cli [--data-dir DIR] COMMAND [ARGUMENTS…]\n"
             "\n"
             "Keeps a local SQLite copy of Salesforce data current.\n"
             "\n"
             "Options:\n"
             "  --help       Show this help\n"
             "  --version    Show the version\n"));
}

int
orgsync_cli_run (int    argc,
                 char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr);
      return ORGSYNC_CLI_EXIT_USAGE;
    }

  if (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return ORGSYNC_CLI_EXIT_OK;
    }

  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      printf ("orgsync-cli %s\n", PACKAGE_VERSION);
      return ORGSYNC_CLI_EXIT_OK;
    }

  fprintf (stderr, _("orgsync-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return ORGSYNC_CLI_EXIT_USAGE;
}
