/* orgsync-connection-row.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "orgsync-connection.h"

G_BEGIN_DECLS

#define ORGSYNC_TYPE_CONNECTION_ROW (orgsync_connection_row_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncConnectionRow, orgsync_connection_row, ORGSYNC, CONNECTION_ROW, GtkListBoxRow)

GtkWidget         *orgsync_connection_row_new            (OrgsyncConnection    *connection);
OrgsyncConnection *orgsync_connection_row_get_connection (OrgsyncConnectionRow *self);
void               orgsync_connection_row_refresh_times  (OrgsyncConnectionRow *self,
                                                          GDateTime            *now);

G_END_DECLS
