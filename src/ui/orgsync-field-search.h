/* orgsync-field-search.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-sobject.h"

G_BEGIN_DECLS

#define ORGSYNC_TYPE_FIELD_SEARCH (orgsync_field_search_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncFieldSearch, orgsync_field_search, ORGSYNC, FIELD_SEARCH, GObject)

OrgsyncFieldSearch *orgsync_field_search_new             (GListModel         *sobjects);
gboolean            orgsync_field_search_set_query       (OrgsyncFieldSearch *self,
                                                          const char         *query);
gboolean            orgsync_field_search_is_active       (OrgsyncFieldSearch *self);
guint               orgsync_field_search_count_changes   (OrgsyncFieldSearch *self);
void                orgsync_field_search_update_models   (OrgsyncFieldSearch *self);
GListModel         *orgsync_field_search_dup_tables      (OrgsyncFieldSearch *self);
GListModel         *orgsync_field_search_dup_fields      (OrgsyncFieldSearch *self,
                                                          OrgsyncSObject     *sobject);
guint               orgsync_field_search_get_n_matches   (OrgsyncFieldSearch *self);

G_END_DECLS
