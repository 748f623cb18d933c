/* sim-server.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SIM_TYPE_SERVER (sim_server_get_type ())

G_DECLARE_FINAL_TYPE (SimServer, sim_server, SIM, SERVER, GObject)

SimServer  *sim_server_new          (void);
gboolean    sim_server_configure    (SimServer          *self,
                                     const char * const *args,
                                     GError            **error);
gboolean    sim_server_start        (SimServer          *self,
                                     GError            **error);
const char *sim_server_get_base_url (SimServer          *self);
void        sim_server_stop         (SimServer          *self);

/* For the command line: parses argv (which may contain --help) into the
 * same configuration as sim_server_configure(). */
gboolean    sim_server_configure_argv (SimServer        *self,
                                       int              *argc,
                                       char           ***argv,
                                       GError          **error);

G_END_DECLS
