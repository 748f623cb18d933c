/* sim-server.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sim-server.h"

/* Placeholder until the simulator lands: it refuses to start. */
struct _SimServer
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SimServer, sim_server, G_TYPE_OBJECT)

static void
sim_server_class_init (SimServerClass *klass)
{
}

static void
sim_server_init (SimServer *self)
{
}

SimServer *
sim_server_new (void)
{
  return g_object_new (SIM_TYPE_SERVER, NULL);
}

gboolean
sim_server_start (SimServer  *self,
                  GError    **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "The simulator is not implemented yet");
  return FALSE;
}

const char *
sim_server_get_base_url (SimServer *self)
{
  return NULL;
}

void
sim_server_stop (SimServer *self)
{
}
