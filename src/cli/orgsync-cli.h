/* orgsync-cli.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of orgsync-cli (design.md §8); scripts rely on them. */
typedef enum
{
  ORGSYNC_CLI_EXIT_OK              = 0,
  ORGSYNC_CLI_EXIT_ERROR           = 1,
  ORGSYNC_CLI_EXIT_QUOTA           = 2,
  ORGSYNC_CLI_EXIT_REAUTHORIZE     = 3,
  ORGSYNC_CLI_EXIT_PERMISSION      = 4,
  ORGSYNC_CLI_EXIT_PAUSED          = 5,
  ORGSYNC_CLI_EXIT_ALREADY_SYNCING = 6,
  ORGSYNC_CLI_EXIT_USAGE           = 64,
  ORGSYNC_CLI_EXIT_CANCELLED       = 130,
} OrgsyncCliExit;

int orgsync_cli_run (int    argc,
                     char **argv);

G_END_DECLS
