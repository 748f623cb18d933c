/* orgsync-field-row.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ORGSYNC_TYPE_FIELD_ROW (orgsync_field_row_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncFieldRow, orgsync_field_row, ORGSYNC, FIELD_ROW, GtkWidget)

GtkWidget *orgsync_field_row_new    (void);
void       orgsync_field_row_bind   (OrgsyncFieldRow *self,
                                     GtkTreeListRow  *list_row);
void       orgsync_field_row_unbind (OrgsyncFieldRow *self);

G_END_DECLS
