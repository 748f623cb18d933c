/* orgsync-field.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "orgsync-types.h"

G_BEGIN_DECLS

typedef enum
{
  ORGSYNC_FIELD_FLAG_NONE       = 0,
  ORGSYNC_FIELD_FLAG_CUSTOM     = 1 << 0,
  ORGSYNC_FIELD_FLAG_CALCULATED = 1 << 1,  /* formula field */
} OrgsyncFieldFlags;

/* Plain describe data for one field: what the engine maps sf's describe results onto,
 * and what the describe cache in orgsync.db stores. Strings are copied. */
typedef struct
{
  const char        *name;               /* API name, e.g. "BillingCity" */
  const char        *label;              /* may be NULL: the API name is used */
  const char        *type;               /* describe "type", e.g. "string" */
  guint              length;
  OrgsyncFieldFlags  flags;
  const char        *compound_field_name; /* e.g. "BillingAddress", or NULL */
} OrgsyncFieldInfo;

#define ORGSYNC_TYPE_FIELD (orgsync_field_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncField, orgsync_field, ORGSYNC, FIELD, GObject)

OrgsyncField      *orgsync_field_new                 (const OrgsyncFieldInfo *info);
const char        *orgsync_field_get_name            (OrgsyncField           *self);
const char        *orgsync_field_get_label           (OrgsyncField           *self);
OrgsyncFieldType   orgsync_field_get_field_type      (OrgsyncField           *self);
const char        *orgsync_field_get_type_name       (OrgsyncField           *self);
guint              orgsync_field_get_length          (OrgsyncField           *self);
gboolean           orgsync_field_get_custom          (OrgsyncField           *self);
gboolean           orgsync_field_get_calculated      (OrgsyncField           *self);
const char        *orgsync_field_get_compound_parent (OrgsyncField           *self);
gboolean           orgsync_field_get_bulk_compatible (OrgsyncField           *self);
gboolean           orgsync_field_get_locked          (OrgsyncField           *self);
gboolean           orgsync_field_get_selected        (OrgsyncField           *self);
void               orgsync_field_set_selected        (OrgsyncField           *self,
                                                      gboolean                selected);
OrgsyncSObject    *orgsync_field_get_sobject         (OrgsyncField           *self);

OrgsyncFieldType   orgsync_field_type_from_string    (const char             *type);
const char        *orgsync_field_type_to_string      (OrgsyncFieldType        type);
OrgsyncColumnType  orgsync_field_type_get_column_type (OrgsyncFieldType       type);
gboolean           orgsync_field_type_is_compound    (OrgsyncFieldType        type);

G_END_DECLS
