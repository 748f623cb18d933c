/* orgsync-index-model.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ORGSYNC_TYPE_INDEX_MODEL (orgsync_index_model_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncIndexModel, orgsync_index_model, ORGSYNC, INDEX_MODEL, GObject)

OrgsyncIndexModel *orgsync_index_model_new (GListModel *model,
                                            GArray     *positions);

G_END_DECLS
