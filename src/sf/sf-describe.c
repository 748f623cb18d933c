/* sf-describe.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "sf-describe-private.h"
#include "sf-error.h"
#include "sf-json-private.h"

/* The cache blob a caller persists: the describe as Salesforce sent it, and
 * the time the request that fetched it was sent. That time, not a Last-Modified
 * header (which Salesforce does not document), is what If-Modified-Since gets. */
#define CACHE_FORMAT_MEMBER "orgsyncDescribeCache"
#define CACHE_FORMAT        1

struct _SfSObjectDescribe
{
  gatomicrefcount  ref_count;
  JsonNode        *root;        /* keeps every string below alive */
  GDateTime       *fetched_at;
  SfSObjectInfo    info;
  GArray          *fields;      /* SfField */
  GPtrArray       *string_arrays;
};

struct _SfGlobalDescribe
{
  gatomicrefcount  ref_count;
  JsonNode        *root;
  GDateTime       *fetched_at;
  GArray          *sobjects;    /* SfSObjectInfo */
};

G_DEFINE_BOXED_TYPE (SfSObjectDescribe, sf_sobject_describe, sf_sobject_describe_ref, sf_sobject_describe_unref)
G_DEFINE_BOXED_TYPE (SfGlobalDescribe, sf_global_describe, sf_global_describe_ref, sf_global_describe_unref)

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_bool (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  return json_node_get_boolean (node);
}

static guint
get_uint (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return (guint) CLAMP (json_node_get_int (node), 0, G_MAXUINT);
  if (type == G_TYPE_DOUBLE)
    return (guint) CLAMP (json_node_get_double (node), 0, G_MAXUINT);

  return 0;
}

static void
parse_sobject_info (JsonObject    *object,
                    SfSObjectInfo *info)
{
  info->name = get_string (object, "name");
  info->label = get_string (object, "label");
  info->label_plural = get_string (object, "labelPlural");
  info->key_prefix = get_string (object, "keyPrefix");
  info->custom = get_bool (object, "custom");
  info->custom_setting = get_bool (object, "customSetting");
  info->queryable = get_bool (object, "queryable");
  info->retrieveable = get_bool (object, "retrieveable");
  info->replicateable = get_bool (object, "replicateable");
  info->searchable = get_bool (object, "searchable");
  info->createable = get_bool (object, "createable");
  info->updateable = get_bool (object, "updateable");
  info->deletable = get_bool (object, "deletable");
  info->deprecated_and_hidden = get_bool (object, "deprecatedAndHidden");

  if (info->label == NULL)
    info->label = info->name;
  if (info->label_plural == NULL)
    info->label_plural = info->label;
}

/* Returns a NULL-terminated array of the strings of @member (for picklists,
 * the `value` of each active entry), owned by @owner. */
static const char * const *
get_string_array (JsonObject *object,
                  const char *member,
                  gboolean    picklist,
                  GPtrArray  *owner)
{
  JsonNode *node = json_object_get_member (object, member);
  GPtrArray *strings = g_ptr_array_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (picklist && JSON_NODE_HOLDS_OBJECT (element))
            {
              JsonObject *entry = json_node_get_object (element);
              const char *value = get_string (entry, "value");

              if (value != NULL && (get_bool (entry, "active") || !json_object_has_member (entry, "active")))
                g_ptr_array_add (strings, (gpointer) value);
            }
          else if (!picklist && json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (strings, (gpointer) json_node_get_string (element));
        }
    }

  g_ptr_array_add (strings, NULL);
  g_ptr_array_add (owner, strings->pdata);
  return (const char * const *) g_ptr_array_free (strings, FALSE);
}

static void
parse_field (JsonObject *object,
             SfField    *field,
             GPtrArray  *owner)
{
  field->name = get_string (object, "name");
  field->label = get_string (object, "label");
  field->type_name = get_string (object, "type");
  field->type = sf_field_type_from_string (field->type_name);
  field->soap_type = get_string (object, "soapType");
  field->relationship_name = get_string (object, "relationshipName");
  field->compound_field_name = get_string (object, "compoundFieldName");
  field->extra_type_info = get_string (object, "extraTypeInfo");
  field->reference_to = get_string_array (object, "referenceTo", FALSE, owner);
  field->picklist_values = get_string_array (object, "picklistValues", TRUE, owner);
  field->length = get_uint (object, "length");
  field->byte_length = get_uint (object, "byteLength");
  field->precision = get_uint (object, "precision");
  field->scale = get_uint (object, "scale");
  field->digits = get_uint (object, "digits");
  field->nillable = get_bool (object, "nillable");
  field->calculated = get_bool (object, "calculated");
  field->custom = get_bool (object, "custom");
  field->filterable = get_bool (object, "filterable");
  field->sortable = get_bool (object, "sortable");
  field->createable = get_bool (object, "createable");
  field->updateable = get_bool (object, "updateable");
  field->id_lookup = get_bool (object, "idLookup");
  field->name_field = get_bool (object, "nameField");
  field->external_id = get_bool (object, "externalId");
  field->unique = get_bool (object, "unique");
  field->deprecated_and_hidden = get_bool (object, "deprecatedAndHidden");
  field->html_formatted = get_bool (object, "htmlFormatted");
  field->encrypted = get_bool (object, "encrypted");
  field->polymorphic = get_bool (object, "polymorphicForeignKey");

  if (field->label == NULL)
    field->label = field->name;
  if (field->type_name == NULL)
    field->type_name = "unknown";
  if (field->soap_type == NULL)
    field->soap_type = "";
}

static JsonNode *
parse_root (const char  *data,
            gsize        length,
            const char  *what,
            GError     **error)
{
  return _sf_json_parse_object (data, length, what, error);
}

SfSObjectDescribe *
_sf_sobject_describe_new_from_node (JsonNode   *root,
                                    GDateTime  *fetched_at,
                                    GError    **error)
{
  g_autoptr(SfSObjectDescribe) self = g_new0 (SfSObjectDescribe, 1);
  JsonObject *object = json_node_get_object (root);
  JsonNode *fields;

  g_atomic_ref_count_init (&self->ref_count);
  self->root = json_node_ref (root);
  self->fetched_at = fetched_at ? g_date_time_ref (fetched_at) : g_date_time_new_now_utc ();
  self->fields = g_array_new (FALSE, TRUE, sizeof (SfField));
  self->string_arrays = g_ptr_array_new_with_free_func (g_free);

  parse_sobject_info (object, &self->info);
  fields = json_object_get_member (object, "fields");
  if (self->info.name == NULL || fields == NULL || !JSON_NODE_HOLDS_ARRAY (fields))
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                           "The describe response has no name or no fields");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (fields)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (fields), i);
      SfField field = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      parse_field (json_node_get_object (element), &field, self->string_arrays);
      if (field.name != NULL)
        g_array_append_val (self->fields, field);
    }

  return g_steal_pointer (&self);
}

/**
 * sf_sobject_describe_new_from_json:
 * @data: the body of a `/sobjects/{Name}/describe` response
 * @length: its length
 * @fetched_at: (nullable): when the request was sent; now if %NULL
 */
SfSObjectDescribe *
sf_sobject_describe_new_from_json (const char  *data,
                                   gsize        length,
                                   GDateTime   *fetched_at,
                                   GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, length, "describe", error);

  if (root == NULL)
    return NULL;

  return _sf_sobject_describe_new_from_node (root, fetched_at, error);
}

static GBytes *
cache_to_bytes (JsonNode  *root,
                GDateTime *fetched_at)
{
  g_autofree char *when = g_date_time_format_iso8601 (fetched_at);
  GString *out = g_string_new ("{\"" CACHE_FORMAT_MEMBER "\":");

  /* Not json-glib's generator: see _sf_json_append(). */
  g_string_append_printf (out, "%d,\"fetchedAt\":\"%s\",\"describe\":", CACHE_FORMAT, when);
  _sf_json_append (out, root);
  g_string_append_c (out, '}');

  return g_string_free_to_bytes (out);
}

static JsonNode *
cache_from_bytes (GBytes      *cache,
                  GDateTime  **fetched_at,
                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *describe;
  const char *when;
  gsize length;
  const char *data = g_bytes_get_data (cache, &length);

  if ((root = parse_root (data, length, "cached describe", error)) == NULL)
    return NULL;

  object = json_node_get_object (root);
  when = get_string (object, "fetchedAt");
  describe = json_object_get_member (object, "describe");
  if (_sf_json_get_int (object, CACHE_FORMAT_MEMBER, 0) != CACHE_FORMAT ||
      when == NULL || describe == NULL || !JSON_NODE_HOLDS_OBJECT (describe) ||
      (*fetched_at = g_date_time_new_from_iso8601 (when, NULL)) == NULL)
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                           "The cached describe is not in a format this version knows");
      return NULL;
    }

  return json_node_ref (describe);
}

/**
 * sf_sobject_describe_new_from_cache:
 * @cache: what sf_sobject_describe_to_cache() returned
 */
SfSObjectDescribe *
sf_sobject_describe_new_from_cache (GBytes  *cache,
                                    GError **error)
{
  g_autoptr(GDateTime) fetched_at = NULL;
  g_autoptr(JsonNode) describe = cache_from_bytes (cache, &fetched_at, error);

  if (describe == NULL)
    return NULL;

  return _sf_sobject_describe_new_from_node (describe, fetched_at, error);
}

/**
 * sf_sobject_describe_to_cache:
 *
 * Returns: (transfer full): a blob to store (in the describe cache table) and
 *   give back to sf_sobject_describe_new_from_cache() later
 */
GBytes *
sf_sobject_describe_to_cache (SfSObjectDescribe *self)
{
  return cache_to_bytes (self->root, self->fetched_at);
}

SfSObjectDescribe *
sf_sobject_describe_ref (SfSObjectDescribe *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sf_sobject_describe_unref (SfSObjectDescribe *self)
{
  if (self == NULL)
    return;

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->string_arrays);
  g_array_unref (self->fields);
  g_date_time_unref (self->fetched_at);
  json_node_unref (self->root);
  g_free (self);
}

const SfSObjectInfo *
sf_sobject_describe_get_info (SfSObjectDescribe *self)
{
  return &self->info;
}

const char *
sf_sobject_describe_get_name (SfSObjectDescribe *self)
{
  return self->info.name;
}

GDateTime *
sf_sobject_describe_get_fetched_at (SfSObjectDescribe *self)
{
  return self->fetched_at;
}

guint
sf_sobject_describe_get_n_fields (SfSObjectDescribe *self)
{
  return self->fields->len;
}

const SfField *
sf_sobject_describe_get_field (SfSObjectDescribe *self,
                               guint              index)
{
  g_return_val_if_fail (index < self->fields->len, NULL);

  return &g_array_index (self->fields, SfField, index);
}

const SfField *
sf_sobject_describe_find_field (SfSObjectDescribe *self,
                                const char        *name)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      const SfField *field = &g_array_index (self->fields, SfField, i);

      if (g_ascii_strcasecmp (field->name, name) == 0)
        return field;
    }

  return NULL;
}

/**
 * sf_sobject_describe_get_bulk_unsupported_fields:
 *
 * Returns: (transfer full): the fields a Bulk API query cannot select
 *   (compound address and location fields, base64 blobs): leave them out of a
 *   Bulk job and select their component fields, or read them through REST
 */
GStrv
sf_sobject_describe_get_bulk_unsupported_fields (SfSObjectDescribe *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->fields->len; i++)
    {
      const SfField *field = &g_array_index (self->fields, SfField, i);

      if (!sf_field_type_is_bulk_selectable (field->type))
        g_strv_builder_add (builder, field->name);
    }

  return g_strv_builder_end (builder);
}

/*
 * Global describe
 */

static SfGlobalDescribe *
global_describe_new_from_node (JsonNode   *root,
                               GDateTime  *fetched_at,
                               GError    **error)
{
  g_autoptr(SfGlobalDescribe) self = g_new0 (SfGlobalDescribe, 1);
  JsonNode *sobjects = json_object_get_member (json_node_get_object (root), "sobjects");
  JsonArray *array;

  g_atomic_ref_count_init (&self->ref_count);
  self->root = json_node_ref (root);
  self->fetched_at = fetched_at ? g_date_time_ref (fetched_at) : g_date_time_new_now_utc ();
  self->sobjects = g_array_new (FALSE, TRUE, sizeof (SfSObjectInfo));

  if (sobjects == NULL || !JSON_NODE_HOLDS_ARRAY (sobjects))
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                           "The describeGlobal response has no sobjects");
      return NULL;
    }

  array = json_node_get_array (sobjects);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      SfSObjectInfo info = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      parse_sobject_info (json_node_get_object (element), &info);
      if (info.name != NULL)
        g_array_append_val (self->sobjects, info);
    }

  return g_steal_pointer (&self);
}

SfGlobalDescribe *
sf_global_describe_new_from_json (const char  *data,
                                  gsize        length,
                                  GDateTime   *fetched_at,
                                  GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, length, "describeGlobal", error);

  if (root == NULL)
    return NULL;

  return global_describe_new_from_node (root, fetched_at, error);
}

SfGlobalDescribe *
sf_global_describe_new_from_cache (GBytes  *cache,
                                   GError **error)
{
  g_autoptr(GDateTime) fetched_at = NULL;
  g_autoptr(JsonNode) describe = cache_from_bytes (cache, &fetched_at, error);

  if (describe == NULL)
    return NULL;

  return global_describe_new_from_node (describe, fetched_at, error);
}

GBytes *
sf_global_describe_to_cache (SfGlobalDescribe *self)
{
  return cache_to_bytes (self->root, self->fetched_at);
}

SfGlobalDescribe *
sf_global_describe_ref (SfGlobalDescribe *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sf_global_describe_unref (SfGlobalDescribe *self)
{
  if (self == NULL)
    return;

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->sobjects);
  g_date_time_unref (self->fetched_at);
  json_node_unref (self->root);
  g_free (self);
}

GDateTime *
sf_global_describe_get_fetched_at (SfGlobalDescribe *self)
{
  return self->fetched_at;
}

guint
sf_global_describe_get_n_sobjects (SfGlobalDescribe *self)
{
  return self->sobjects->len;
}

const SfSObjectInfo *
sf_global_describe_get_sobject (SfGlobalDescribe *self,
                                guint             index)
{
  g_return_val_if_fail (index < self->sobjects->len, NULL);

  return &g_array_index (self->sobjects, SfSObjectInfo, index);
}

const SfSObjectInfo *
sf_global_describe_find_sobject (SfGlobalDescribe *self,
                                 const char       *name)
{
  for (guint i = 0; i < self->sobjects->len; i++)
    {
      const SfSObjectInfo *info = &g_array_index (self->sobjects, SfSObjectInfo, i);

      if (g_ascii_strcasecmp (info->name, name) == 0)
        return info;
    }

  return NULL;
}
