/* orgsync-sobject.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-field.h"
#include "orgsync-types.h"

G_BEGIN_DECLS

/* Plain describe data for one object (see #OrgsyncFieldInfo for its fields). */
typedef struct
{
  const char *name;
  const char *label;
  gboolean    custom;
  gboolean    queryable;
} OrgsyncSObjectInfo;

#define ORGSYNC_TYPE_SOBJECT (orgsync_sobject_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncSObject, orgsync_sobject, ORGSYNC, SOBJECT, GObject)

OrgsyncSObject *orgsync_sobject_new                     (const char              *name,
                                                         const char              *label,
                                                         gboolean                 custom,
                                                         gboolean                 queryable);
void            orgsync_sobject_set_fields              (OrgsyncSObject          *self,
                                                         const OrgsyncFieldInfo  *infos,
                                                         guint                    n_infos);
const char     *orgsync_sobject_get_name                (OrgsyncSObject          *self);
const char     *orgsync_sobject_get_label               (OrgsyncSObject          *self);
gboolean        orgsync_sobject_get_custom              (OrgsyncSObject          *self);
gboolean        orgsync_sobject_get_queryable           (OrgsyncSObject          *self);
GListModel     *orgsync_sobject_get_fields              (OrgsyncSObject          *self);
OrgsyncField   *orgsync_sobject_lookup_field            (OrgsyncSObject          *self,
                                                         const char              *name);
const char     *orgsync_sobject_get_replication_key     (OrgsyncSObject          *self);
gboolean        orgsync_sobject_get_bulk_compatible     (OrgsyncSObject          *self);
guint           orgsync_sobject_get_n_fields            (OrgsyncSObject          *self);
guint           orgsync_sobject_get_n_selected          (OrgsyncSObject          *self);
gboolean        orgsync_sobject_get_selected            (OrgsyncSObject          *self);
void            orgsync_sobject_set_selected            (OrgsyncSObject          *self,
                                                         gboolean                 selected);
gboolean        orgsync_sobject_get_inconsistent        (OrgsyncSObject          *self);
char          **orgsync_sobject_dup_selected_field_names (OrgsyncSObject         *self);
gboolean        orgsync_sobject_select_fields           (OrgsyncSObject          *self,
                                                         const char * const      *names,
                                                         gboolean                 replace,
                                                         GPtrArray               *missing);

OrgsyncSObject *orgsync_sobject_list_lookup             (GListModel              *sobjects,
                                                         const char              *name);
char          **orgsync_sobject_list_save_selection     (GListModel              *sobjects);
void            orgsync_sobject_list_restore_selection  (GListModel              *sobjects,
                                                         const char * const      *selection);

G_END_DECLS
