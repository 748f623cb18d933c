/* main.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "sim-server.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SimServer) server = sim_server_new ();
  g_autoptr(GError) error = NULL;

  if (!sim_server_start (server, &error))
    {
      fprintf (stderr, "orgsync-sim: %s\n", error->message);
      return 1;
    }

  return 0;
}
