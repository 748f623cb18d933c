/* main.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "sim-server.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SimServer) server = sim_server_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;

  if (!sim_server_configure_argv (server, &argc, &argv, &error))
    {
      fprintf (stderr, "orgsync-sim: %s\n", error->message);
      return 64;
    }

  /* Handlers first: whoever reads the URL line may signal at once. */
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);

  if (!sim_server_start (server, &error))
    {
      fprintf (stderr, "orgsync-sim: %s\n", error->message);
      return 1;
    }

  /* One line, flushed: whoever started us waits for it. */
  printf ("%s\n", sim_server_get_base_url (server));
  fflush (stdout);

  g_main_loop_run (loop);

  sim_server_stop (server);
  return 0;
}
