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

OrgsyncIndexModel *orgsync_index_model_new           (GListModel        *model,
                                                      GArray            *positions);
void               orgsync_index_model_set_positions (OrgsyncIndexModel *self,
                                                      GArray            *positions);
guint              orgsync_index_model_count_changes (OrgsyncIndexModel *self,
                                                      GArray            *positions);
void               orgsync_index_model_splice        (OrgsyncIndexModel *self,
                                                      guint              position,
                                                      guint              n_removed,
                                                      const guint       *added,
                                                      guint              n_added);

G_END_DECLS
