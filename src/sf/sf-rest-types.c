/* sf-rest-types.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-error.h"
#include "sf-rest-types.h"
#include "sf-json-private.h"

G_DEFINE_BOXED_TYPE (SfUserInfo, sf_user_info, sf_user_info_copy, sf_user_info_free)
G_DEFINE_BOXED_TYPE (SfLimits, sf_limits, sf_limits_ref, sf_limits_unref)
G_DEFINE_BOXED_TYPE (SfChangedRecords, sf_changed_records, sf_changed_records_copy, sf_changed_records_free)
G_DEFINE_BOXED_TYPE (SfSubrequest, sf_subrequest, sf_subrequest_copy, sf_subrequest_free)
G_DEFINE_BOXED_TYPE (SfSubresponse, sf_subresponse, sf_subresponse_copy, sf_subresponse_free)

SfUserInfo *
sf_user_info_copy (const SfUserInfo *self)
{
  SfUserInfo *copy = g_new0 (SfUserInfo, 1);

  copy->org_id = g_strdup (self->org_id);
  copy->user_id = g_strdup (self->user_id);
  copy->username = g_strdup (self->username);
  copy->display_name = g_strdup (self->display_name);
  copy->email = g_strdup (self->email);
  copy->user_type = g_strdup (self->user_type);
  copy->language = g_strdup (self->language);
  copy->locale = g_strdup (self->locale);
  copy->timezone = g_strdup (self->timezone);

  return copy;
}

void
sf_user_info_free (SfUserInfo *self)
{
  if (self == NULL)
    return;

  g_free (self->org_id);
  g_free (self->user_id);
  g_free (self->username);
  g_free (self->display_name);
  g_free (self->email);
  g_free (self->user_type);
  g_free (self->language);
  g_free (self->locale);
  g_free (self->timezone);
  g_free (self);
}

/*
 * Limits
 */

struct _SfLimits
{
  gatomicrefcount  ref_count;
  JsonNode        *root;
};

SfLimits *
sf_limits_new_from_json (const char  *data,
                         gsize        length,
                         GError     **error)
{
  JsonNode *root = _sf_json_parse_object (data, length, "limits", error);
  SfLimits *self;

  if (root == NULL)
    return NULL;

  self = g_new0 (SfLimits, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->root = root;

  return self;
}

SfLimits *
sf_limits_ref (SfLimits *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sf_limits_unref (SfLimits *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  json_node_unref (self->root);
  g_free (self);
}

/* Current responses use integers; very old ones used strings (reference §5). */
static gboolean
get_number (JsonObject *object,
            const char *member,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = (gint64) json_node_get_double (node);
  else if (type == G_TYPE_STRING)
    {
      char *end = NULL;

      *out = g_ascii_strtoll (json_node_get_string (node), &end, 10);
      if (end == json_node_get_string (node))
        return FALSE;
    }
  else
    return FALSE;

  return TRUE;
}

/**
 * sf_limits_lookup:
 * @name: a limit such as `DailyApiRequests`
 * @sub_name: (nullable): a nested entry, such as a connected app's name
 *   inside `DailyApiRequests`
 * @max: (out) (optional): the allocation
 * @remaining: (out) (optional): what is left
 *
 * Returns: %FALSE if the org does not report that limit
 */
gboolean
sf_limits_lookup (SfLimits   *self,
                  const char *name,
                  const char *sub_name,
                  gint64     *max,
                  gint64     *remaining)
{
  JsonObject *object = json_node_get_object (self->root);
  JsonNode *node = json_object_get_member (object, name);
  gint64 m, r;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  if (sub_name != NULL)
    {
      node = json_object_get_member (object, sub_name);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      object = json_node_get_object (node);
    }

  if (!get_number (object, "Max", &m) || !get_number (object, "Remaining", &r))
    return FALSE;

  if (max != NULL)
    *max = m;
  if (remaining != NULL)
    *remaining = r;

  return TRUE;
}

/**
 * sf_limits_get_names:
 *
 * Returns: (transfer full): the names of all limits the org reports
 */
GStrv
sf_limits_get_names (SfLimits *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, json_node_get_object (self->root));
  while (json_object_iter_next_ordered (&iter, &member, &node))
    g_strv_builder_add (builder, member);

  return g_strv_builder_end (builder);
}

/*
 * Changed records
 */

SfChangedRecords *
sf_changed_records_copy (const SfChangedRecords *self)
{
  SfChangedRecords *copy = g_new0 (SfChangedRecords, 1);

  copy->ids = g_strdupv (self->ids);
  copy->deleted_dates = g_strdupv (self->deleted_dates);
  copy->latest_date_covered = self->latest_date_covered ? g_date_time_ref (self->latest_date_covered) : NULL;
  copy->earliest_date_available = self->earliest_date_available ? g_date_time_ref (self->earliest_date_available) : NULL;

  return copy;
}

void
sf_changed_records_free (SfChangedRecords *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->ids);
  g_strfreev (self->deleted_dates);
  g_clear_pointer (&self->latest_date_covered, g_date_time_unref);
  g_clear_pointer (&self->earliest_date_available, g_date_time_unref);
  g_free (self);
}

/*
 * Composite
 */

SfSubrequest *
sf_subrequest_new (const char *method,
                   const char *url,
                   const char *reference_id)
{
  SfSubrequest *self = g_new0 (SfSubrequest, 1);

  self->method = g_strdup (method);
  self->url = g_strdup (url);
  self->reference_id = g_strdup (reference_id);

  return self;
}

void
sf_subrequest_add_header (SfSubrequest *self,
                          const char   *name,
                          const char   *value)
{
  if (self->headers == NULL)
    self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_replace (self->headers, g_strdup (name), g_strdup (value));
}

/**
 * sf_subrequest_is_query:
 *
 * Returns: %TRUE for the kinds of subrequest of which a /composite request
 *   may hold at most five: query, queryAll and sObject Collections
 */
gboolean
sf_subrequest_is_query (const SfSubrequest *self)
{
  const char *path = self->url;
  const char *data = strstr (path, "/services/data/v");
  const char *rest;

  if (data == NULL)
    return FALSE;

  rest = strchr (data + strlen ("/services/data/v"), '/');
  if (rest == NULL)
    return FALSE;

  return g_str_has_prefix (rest, "/query") ||
         g_str_has_prefix (rest, "/composite/sobjects");
}

SfSubrequest *
sf_subrequest_copy (const SfSubrequest *self)
{
  SfSubrequest *copy = sf_subrequest_new (self->method, self->url, self->reference_id);

  if (self->headers != NULL)
    {
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, self->headers);
      while (g_hash_table_iter_next (&iter, &name, &value))
        sf_subrequest_add_header (copy, name, value);
    }

  return copy;
}

void
sf_subrequest_free (SfSubrequest *self)
{
  if (self == NULL)
    return;

  g_free (self->method);
  g_free (self->url);
  g_free (self->reference_id);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_free (self);
}

SfSubresponse *
sf_subresponse_copy (const SfSubresponse *self)
{
  SfSubresponse *copy = g_new0 (SfSubresponse, 1);

  copy->status = self->status;
  copy->reference_id = g_strdup (self->reference_id);
  copy->body = self->body ? json_node_ref (self->body) : NULL;
  copy->error = self->error ? g_error_copy (self->error) : NULL;

  return copy;
}

void
sf_subresponse_free (SfSubresponse *self)
{
  if (self == NULL)
    return;

  g_free (self->reference_id);
  g_clear_pointer (&self->body, json_node_unref);
  g_clear_error (&self->error);
  g_free (self);
}
