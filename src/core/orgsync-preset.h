/* orgsync-preset.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-types.h"

G_BEGIN_DECLS

/* Returns the translation of @msgid (or @msgid itself), owned by the callee. */
typedef const char *(*OrgsyncTranslateFunc) (const char *msgid,
                                              gpointer    user_data);

#define ORGSYNC_TYPE_PRESET (orgsync_preset_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncPreset, orgsync_preset, ORGSYNC, PRESET, GObject)

const char          *orgsync_preset_get_id            (OrgsyncPreset         *self);
const char          *orgsync_preset_get_name          (OrgsyncPreset         *self);
const char          *orgsync_preset_get_description   (OrgsyncPreset         *self);
gboolean             orgsync_preset_get_recommended   (OrgsyncPreset         *self);
const char * const  *orgsync_preset_get_objects       (OrgsyncPreset         *self);
const char * const  *orgsync_preset_get_fields        (OrgsyncPreset         *self,
                                                       const char            *object);
gboolean             orgsync_preset_apply             (OrgsyncPreset         *self,
                                                       GListModel            *sobjects,
                                                       GPtrArray             *missing);

GListModel          *orgsync_preset_list_load         (GError               **error);
GListModel          *orgsync_preset_list_load_full    (GBytes                *xml,
                                                       OrgsyncTranslateFunc   translate,
                                                       gpointer               user_data,
                                                       GError               **error);
OrgsyncPreset       *orgsync_preset_list_lookup       (GListModel            *presets,
                                                       const char            *id);

G_END_DECLS
