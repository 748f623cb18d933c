/* orgsync-field.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "orgsync-enums.h"
#include "orgsync-sobject-private.h"

/* The customizer holds 500 tables × 200 fields at once, so a field is kept small:
 * its strings share one allocation and its booleans are bits. */
struct _OrgsyncField
{
  GObject         parent_instance;

  /* Borrowed: the object owns its fields and outlives them in practice; it
   * detaches them in its dispose. */
  OrgsyncSObject *sobject;

  /* One block "name\0label\0compound\0"; label and compound_parent point into it. */
  char           *name;
  const char     *label;
  const char     *compound_parent;

  guint32         length;
  guint8          type;
  guint           custom : 1;
  guint           calculated : 1;
  guint           selected : 1;
  guint           locked : 1;
};

G_DEFINE_FINAL_TYPE (OrgsyncField, orgsync_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BULK_COMPATIBLE,
  PROP_CALCULATED,
  PROP_COMPOUND_PARENT,
  PROP_CUSTOM,
  PROP_FIELD_TYPE,
  PROP_LABEL,
  PROP_LENGTH,
  PROP_LOCKED,
  PROP_NAME,
  PROP_SELECTED,
  PROP_TYPE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const type_names[] = {
  [ORGSYNC_FIELD_TYPE_OTHER] = "other",
  [ORGSYNC_FIELD_TYPE_ID] = "id",
  [ORGSYNC_FIELD_TYPE_STRING] = "string",
  [ORGSYNC_FIELD_TYPE_BOOLEAN] = "boolean",
  [ORGSYNC_FIELD_TYPE_INT] = "int",
  [ORGSYNC_FIELD_TYPE_LONG] = "long",
  [ORGSYNC_FIELD_TYPE_DOUBLE] = "double",
  [ORGSYNC_FIELD_TYPE_CURRENCY] = "currency",
  [ORGSYNC_FIELD_TYPE_PERCENT] = "percent",
  [ORGSYNC_FIELD_TYPE_DATE] = "date",
  [ORGSYNC_FIELD_TYPE_DATETIME] = "datetime",
  [ORGSYNC_FIELD_TYPE_TIME] = "time",
  [ORGSYNC_FIELD_TYPE_REFERENCE] = "reference",
  [ORGSYNC_FIELD_TYPE_PICKLIST] = "picklist",
  [ORGSYNC_FIELD_TYPE_MULTIPICKLIST] = "multipicklist",
  [ORGSYNC_FIELD_TYPE_COMBOBOX] = "combobox",
  [ORGSYNC_FIELD_TYPE_TEXTAREA] = "textarea",
  [ORGSYNC_FIELD_TYPE_PHONE] = "phone",
  [ORGSYNC_FIELD_TYPE_EMAIL] = "email",
  [ORGSYNC_FIELD_TYPE_URL] = "url",
  [ORGSYNC_FIELD_TYPE_ENCRYPTEDSTRING] = "encryptedstring",
  [ORGSYNC_FIELD_TYPE_BASE64] = "base64",
  [ORGSYNC_FIELD_TYPE_ADDRESS] = "address",
  [ORGSYNC_FIELD_TYPE_LOCATION] = "location",
  [ORGSYNC_FIELD_TYPE_ANYTYPE] = "anyType",
  [ORGSYNC_FIELD_TYPE_COMPLEXVALUE] = "complexvalue",
  [ORGSYNC_FIELD_TYPE_JSON] = "json",
};

OrgsyncFieldType
orgsync_field_type_from_string (const char *type)
{
  if (type == NULL)
    return ORGSYNC_FIELD_TYPE_OTHER;

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    {
      if (g_ascii_strcasecmp (type, type_names[i]) == 0)
        return (OrgsyncFieldType) i;
    }

  return ORGSYNC_FIELD_TYPE_OTHER;
}

const char *
orgsync_field_type_to_string (OrgsyncFieldType type)
{
  if ((guint) type >= G_N_ELEMENTS (type_names))
    return type_names[ORGSYNC_FIELD_TYPE_OTHER];

  return type_names[type];
}

/* design.md §8: booleans as 0/1, whole numbers as INTEGER, double/currency/percent
 * as REAL, datetimes normalised to UTC with milliseconds and Z, the rest as TEXT. */
OrgsyncColumnType
orgsync_field_type_get_column_type (OrgsyncFieldType type)
{
  switch (type)
    {
    case ORGSYNC_FIELD_TYPE_BOOLEAN:
      return ORGSYNC_COLUMN_BOOLEAN;
    case ORGSYNC_FIELD_TYPE_INT:
    case ORGSYNC_FIELD_TYPE_LONG:
      return ORGSYNC_COLUMN_INTEGER;
    case ORGSYNC_FIELD_TYPE_DOUBLE:
    case ORGSYNC_FIELD_TYPE_CURRENCY:
    case ORGSYNC_FIELD_TYPE_PERCENT:
      return ORGSYNC_COLUMN_REAL;
    case ORGSYNC_FIELD_TYPE_DATETIME:
      return ORGSYNC_COLUMN_DATETIME;
    case ORGSYNC_FIELD_TYPE_OTHER:
    case ORGSYNC_FIELD_TYPE_ID:
    case ORGSYNC_FIELD_TYPE_STRING:
    case ORGSYNC_FIELD_TYPE_DATE:
    case ORGSYNC_FIELD_TYPE_TIME:
    case ORGSYNC_FIELD_TYPE_REFERENCE:
    case ORGSYNC_FIELD_TYPE_PICKLIST:
    case ORGSYNC_FIELD_TYPE_MULTIPICKLIST:
    case ORGSYNC_FIELD_TYPE_COMBOBOX:
    case ORGSYNC_FIELD_TYPE_TEXTAREA:
    case ORGSYNC_FIELD_TYPE_PHONE:
    case ORGSYNC_FIELD_TYPE_EMAIL:
    case ORGSYNC_FIELD_TYPE_URL:
    case ORGSYNC_FIELD_TYPE_ENCRYPTEDSTRING:
    case ORGSYNC_FIELD_TYPE_BASE64:
    case ORGSYNC_FIELD_TYPE_ADDRESS:
    case ORGSYNC_FIELD_TYPE_LOCATION:
    case ORGSYNC_FIELD_TYPE_ANYTYPE:
    case ORGSYNC_FIELD_TYPE_COMPLEXVALUE:
    case ORGSYNC_FIELD_TYPE_JSON:
    default:
      return ORGSYNC_COLUMN_TEXT;
    }
}

/* Address and location fields are compound: Bulk queries reject them and records.db
 * stores their component fields instead (design.md §5). */
gboolean
orgsync_field_type_is_compound (OrgsyncFieldType type)
{
  return type == ORGSYNC_FIELD_TYPE_ADDRESS || type == ORGSYNC_FIELD_TYPE_LOCATION;
}

static void
orgsync_field_finalize (GObject *object)
{
  OrgsyncField *self = (OrgsyncField *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (orgsync_field_parent_class)->finalize (object);
}

static void
orgsync_field_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OrgsyncField *self = ORGSYNC_FIELD (object);

  switch (prop_id)
    {
    case PROP_BULK_COMPATIBLE:
      g_value_set_boolean (value, orgsync_field_get_bulk_compatible (self));
      break;
    case PROP_CALCULATED:
      g_value_set_boolean (value, self->calculated);
      break;
    case PROP_COMPOUND_PARENT:
      g_value_set_string (value, self->compound_parent);
      break;
    case PROP_CUSTOM:
      g_value_set_boolean (value, self->custom);
      break;
    case PROP_FIELD_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_LENGTH:
      g_value_set_uint (value, self->length);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    case PROP_TYPE_NAME:
      g_value_set_string (value, orgsync_field_get_type_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_field_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OrgsyncField *self = ORGSYNC_FIELD (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      orgsync_field_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_field_class_init (OrgsyncFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgsync_field_finalize;
  object_class->get_property = orgsync_field_get_property;
  object_class->set_property = orgsync_field_set_property;

  properties[PROP_BULK_COMPATIBLE] =
    g_param_spec_boolean ("bulk-compatible", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CALCULATED] =
    g_param_spec_boolean ("calculated", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_COMPOUND_PARENT] =
    g_param_spec_string ("compound-parent", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOM] =
    g_param_spec_boolean ("custom", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIELD_TYPE] =
    g_param_spec_enum ("field-type", NULL, NULL,
                       ORGSYNC_TYPE_FIELD_TYPE, ORGSYNC_FIELD_TYPE_OTHER,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL, 0, G_MAXUINT32, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TYPE_NAME] =
    g_param_spec_string ("type-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orgsync_field_init (OrgsyncField *self)
{
}

/**
 * orgsync_field_new:
 * @info: describe data of the field
 *
 * Creates a field that belongs to no object yet; orgsync_sobject_set_fields() is the
 * usual way to make fields.
 */
OrgsyncField *
orgsync_field_new (const OrgsyncFieldInfo *info)
{
  OrgsyncField *self;
  const char *label;
  gsize name_len, label_len, compound_len;
  char *block;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->name != NULL, NULL);

  label = info->label != NULL ? info->label : info->name;
  name_len = strlen (info->name) + 1;
  label_len = strlen (label) + 1;
  compound_len = info->compound_field_name != NULL ? strlen (info->compound_field_name) + 1 : 0;

  block = g_malloc (name_len + label_len + compound_len);
  memcpy (block, info->name, name_len);
  memcpy (block + name_len, label, label_len);
  if (compound_len > 0)
    memcpy (block + name_len + label_len, info->compound_field_name, compound_len);

  /* Plain g_object_new() without properties: this runs 100,000 times when the
   * customizer opens, and construct properties would cost a GValue each. */
  self = g_object_new (ORGSYNC_TYPE_FIELD, NULL);
  self->name = block;
  self->label = block + name_len;
  self->compound_parent = compound_len > 0 ? block + name_len + label_len : NULL;
  self->type = orgsync_field_type_from_string (info->type);
  self->length = info->length;
  self->custom = (info->flags & ORGSYNC_FIELD_FLAG_CUSTOM) != 0;
  self->calculated = (info->flags & ORGSYNC_FIELD_FLAG_CALCULATED) != 0;

  return self;
}

const char *
orgsync_field_get_name (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), NULL);

  return self->name;
}

const char *
orgsync_field_get_label (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), NULL);

  return self->label;
}

OrgsyncFieldType
orgsync_field_get_field_type (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), ORGSYNC_FIELD_TYPE_OTHER);

  return (OrgsyncFieldType) self->type;
}

/* The describe type ("string", "currency", …), for display and for the cache. */
const char *
orgsync_field_get_type_name (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), NULL);

  return orgsync_field_type_to_string (self->type);
}

guint
orgsync_field_get_length (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), 0);

  return self->length;
}

gboolean
orgsync_field_get_custom (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), FALSE);

  return self->custom;
}

gboolean
orgsync_field_get_calculated (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), FALSE);

  return self->calculated;
}

/**
 * orgsync_field_get_compound_parent:
 *
 * Returns: (nullable): the compound field this one is a component of, such as
 *   "BillingAddress" for BillingCity, or %NULL.
 */
const char *
orgsync_field_get_compound_parent (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), NULL);

  return self->compound_parent;
}

/* Bulk API 2.0 queries reject base64 and compound fields (reference §3.3); the
 * engine reads objects with such fields through REST. */
gboolean
orgsync_field_get_bulk_compatible (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), FALSE);

  return self->type != ORGSYNC_FIELD_TYPE_BASE64 &&
         !orgsync_field_type_is_compound (self->type);
}

/* Locked fields (Id, the replication key, IsDeleted) are synced whenever their object
 * is, and cannot be deselected on their own. */
gboolean
orgsync_field_get_locked (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), FALSE);

  return self->locked;
}

gboolean
orgsync_field_get_selected (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), FALSE);

  return self->selected;
}

void
orgsync_field_set_selected (OrgsyncField *self,
                            gboolean      selected)
{
  g_return_if_fail (ORGSYNC_IS_FIELD (self));

  if (self->sobject != NULL)
    _orgsync_sobject_field_toggled (self->sobject, self, !!selected);
  else
    _orgsync_field_store_selected (self, selected);
}

/**
 * orgsync_field_get_sobject:
 *
 * Returns: (transfer none) (nullable): the object the field belongs to
 */
OrgsyncSObject *
orgsync_field_get_sobject (OrgsyncField *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD (self), NULL);

  return self->sobject;
}

void
_orgsync_field_attach (OrgsyncField   *self,
                       OrgsyncSObject *sobject)
{
  self->sobject = sobject;
}

/* Returns whether the value changed. */
gboolean
_orgsync_field_store_selected (OrgsyncField *self,
                               gboolean      selected)
{
  selected = !!selected;

  if (self->selected == (guint) selected)
    return FALSE;

  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);

  return TRUE;
}

void
_orgsync_field_set_locked (OrgsyncField *self,
                           gboolean      locked)
{
  locked = !!locked;

  if (self->locked == (guint) locked)
    return;

  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/* A refused change: tells bindings to read the value back. */
void
_orgsync_field_notify_selected (OrgsyncField *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}
