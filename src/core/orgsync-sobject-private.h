/* orgsync-sobject-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "orgsync-field.h"
#include "orgsync-sobject.h"

G_BEGIN_DECLS

/* The object owns the selection state of its fields so that its counts stay right
 * without rescans: fields forward every toggle here. */
void     _orgsync_sobject_field_toggled  (OrgsyncSObject *self,
                                          OrgsyncField   *field,
                                          gboolean        selected);

/* Only the owning object calls these. */
void     _orgsync_field_attach           (OrgsyncField   *self,
                                          OrgsyncSObject *sobject);
gboolean _orgsync_field_store_selected   (OrgsyncField   *self,
                                          gboolean        selected);
void     _orgsync_field_notify_selected  (OrgsyncField   *self);
void     _orgsync_field_set_locked       (OrgsyncField   *self,
                                          gboolean        locked);

G_END_DECLS
