/* sf-client-rest.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "sf-client-private.h"
#include "sf-json-private.h"
#include "sf-describe-private.h"
#include "sf-error-private.h"
#include "sf-soql-builder-private.h"
#include "sf-value.h"

/* Versions, describe, /composite, /limits and getUpdated/getDeleted
 * (reference §2, §3, §5, §6, §8). Query paging is in sf-query.c, Bulk in
 * sf-bulk-job.c. */

/* Salesforce's /composite limits (reference §8.1). */
#define COMPOSITE_MAX_SUBREQUESTS 25
#define COMPOSITE_MAX_QUERIES     5

static gboolean
return_if_signed_out (SfClient *self,
                      GTask    *task)
{
  if (sf_client_get_token (self) != NULL)
    return FALSE;

  g_task_return_new_error (task, SF_ERROR, SF_ERROR_NOT_SIGNED_IN,
                           "There is no Salesforce session: sign in first");
  return TRUE;
}

/*
 * Versions
 */

static double
parse_version (const char *version)
{
  if (version == NULL)
    return 0;
  if (version[0] == 'v')
    version++;

  return g_ascii_strtod (version, NULL);
}

static void
versions_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SfClient *self = SF_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  const char *best = NULL;
  double best_value = 0;
  GError *error = NULL;
  JsonArray *array;

  if ((response = _sf_client_send_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY ((JsonNode *) response->parsed))
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                               "The version list is not a JSON array");
      return;
    }

  array = json_node_get_array (response->parsed);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *version;
      double value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      version = _sf_json_get_string (json_node_get_object (element), "version");
      value = parse_version (version);
      if (value >= parse_version (SF_API_VERSION_MIN) &&
          value <= parse_version (SF_API_VERSION_MAX) + 0.001 &&
          value > best_value)
        {
          best = version;
          best_value = value;
        }
    }

  if (best == NULL)
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_UNSUPPORTED_API_VERSION,
                               "The org offers no API version between %s and %s",
                               SF_API_VERSION_MIN, SF_API_VERSION_MAX);
      return;
    }

  g_debug ("Using API version %s", best);
  sf_client_set_api_version (self, best);
  g_task_return_pointer (task, g_strdup (best), g_free);
}

/**
 * sf_client_negotiate_api_version_async:
 *
 * Reads the org's version list (not counted against the daily allocation)
 * and switches to the highest version both sides support.
 */
void
sf_client_negotiate_api_version_async (SfClient            *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  SfRequest *request;
  SfToken *token;

  g_return_if_fail (SF_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_negotiate_api_version_async);

  token = sf_client_get_token (self);
  url = g_strconcat (token ? sf_token_get_instance_url (token) : sf_client_get_login_url (self),
                     "/services/data/", NULL);
  request = _sf_request_new ("GET", url, SF_REQUEST_KIND_VERSIONS);
  _sf_request_add_header (request, "Accept", "application/json");
  _sf_request_set_parser (request, _sf_parse_json_object, (gpointer) "version list", NULL,
                          (GDestroyNotify) json_node_unref);

  _sf_client_send_async (self, request, cancellable, versions_cb, g_steal_pointer (&task));
}

/**
 * sf_client_negotiate_api_version_finish:
 *
 * Returns: (transfer full): the version now in use, such as `61.0`
 */
char *
sf_client_negotiate_api_version_finish (SfClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Describe
 */

typedef struct
{
  GDateTime *fetched_at;
  gboolean   global;
} DescribeParse;

static void
describe_parse_free (gpointer data)
{
  DescribeParse *parse = data;

  g_date_time_unref (parse->fetched_at);
  g_free (parse);
}

static gpointer
parse_describe (GBytes    *body,
                gpointer   data,
                GError   **error)
{
  DescribeParse *parse = data;
  gsize length;
  const char *bytes = g_bytes_get_data (body, &length);

  if (parse->global)
    return sf_global_describe_new_from_json (bytes, length, parse->fetched_at, error);

  return sf_sobject_describe_new_from_json (bytes, length, parse->fetched_at, error);
}

static void
describe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SfClient *self = SF_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  GError *error = NULL;
  gpointer cached = g_task_get_task_data (task);
  gboolean global = g_task_get_source_tag (task) == sf_client_describe_global_async;
  GDestroyNotify unref = global ? (GDestroyNotify) sf_global_describe_unref
                                : (GDestroyNotify) sf_sobject_describe_unref;

  if ((response = _sf_client_send_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (response->status == 304 && cached != NULL)
    {
      g_debug ("Describe not modified; using the cached copy");
      g_task_return_pointer (task, global ? (gpointer) sf_global_describe_ref (cached)
                                          : (gpointer) sf_sobject_describe_ref (cached),
                             unref);
      return;
    }

  if (response->parsed == NULL)
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                               "The describe response is empty");
      return;
    }

  g_task_return_pointer (task, _sf_response_steal_parsed (response), unref);
}

static void
start_describe (SfClient   *self,
                GTask      *task,
                const char *path,
                GDateTime  *cached_at,
                gboolean    global)
{
  g_autoptr(GError) error = NULL;
  DescribeParse *parse;
  SfRequest *request;

  if ((request = _sf_client_new_rest_request (self, "GET", path, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (cached_at != NULL)
    {
      g_autofree char *since = soup_date_time_to_string (cached_at, SOUP_DATE_HTTP);

      _sf_request_add_header (request, "If-Modified-Since", since);
    }

  parse = g_new0 (DescribeParse, 1);
  /* The time the request is made, earlier than Salesforce's answer: a
   * conservative If-Modified-Since for the next time. */
  parse->fetched_at = g_date_time_new_now_utc ();
  parse->global = global;
  _sf_request_set_parser (request, parse_describe, parse, describe_parse_free,
                          global ? (GDestroyNotify) sf_global_describe_unref
                                 : (GDestroyNotify) sf_sobject_describe_unref);

  _sf_client_send_async (self, request, g_task_get_cancellable (task),
                         describe_cb, g_object_ref (task));
}

/**
 * sf_client_describe_global_async:
 * @cached: (nullable): the last result, from memory or
 *   sf_global_describe_new_from_cache()
 *
 * Lists the objects the user can see. With @cached, asks with
 * If-Modified-Since and returns @cached itself when nothing changed.
 */
void
sf_client_describe_global_async (SfClient            *self,
                                 SfGlobalDescribe    *cached,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_describe_global_async);
  if (cached != NULL)
    g_task_set_task_data (task, sf_global_describe_ref (cached),
                          (GDestroyNotify) sf_global_describe_unref);

  if (return_if_signed_out (self, task))
    return;

  start_describe (self, task, "sobjects/",
                  cached ? sf_global_describe_get_fetched_at (cached) : NULL, TRUE);
}

/**
 * sf_client_describe_global_finish:
 *
 * Returns: (transfer full): the objects, or %NULL with @error set
 */
SfGlobalDescribe *
sf_client_describe_global_finish (SfClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sf_client_describe_async:
 * @sobject: an object API name
 * @cached: (nullable): the last describe of @sobject
 *
 * Describes one object, with If-Modified-Since when @cached is given.
 * Fields the user cannot read are absent (field-level security).
 */
void
sf_client_describe_async (SfClient            *self,
                          const char          *sobject,
                          SfSObjectDescribe   *cached,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (SF_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_describe_async);
  if (cached != NULL)
    g_task_set_task_data (task, sf_sobject_describe_ref (cached),
                          (GDestroyNotify) sf_sobject_describe_unref);

  if (!sf_soql_is_identifier (sobject))
    {
      g_autofree char *shown = _sf_soql_shown_name (sobject);

      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                               "“%s” is not a Salesforce object name", shown);
      return;
    }

  if (return_if_signed_out (self, task))
    return;

  path = g_strdup_printf ("sobjects/%s/describe/", sobject);
  start_describe (self, task, path,
                  cached ? sf_sobject_describe_get_fetched_at (cached) : NULL, FALSE);
}

SfSObjectDescribe *
sf_client_describe_finish (SfClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Composite
 */

typedef struct
{
  GPtrArray *subrequests;   /* SfSubrequest, owned */
  GPtrArray *responses;     /* SfSubresponse */
  guint      next;          /* first subrequest not sent yet */
} Composite;

static void
composite_free (gpointer data)
{
  Composite *composite = data;

  g_ptr_array_unref (composite->subrequests);
  g_ptr_array_unref (composite->responses);
  g_free (composite);
}

/* How many subrequests from @start fit in one /composite request. */
static guint
composite_chunk_end (GPtrArray *subrequests,
                     guint      start)
{
  guint queries = 0;
  guint end = start;

  while (end < subrequests->len && end - start < COMPOSITE_MAX_SUBREQUESTS)
    {
      if (sf_subrequest_is_query (g_ptr_array_index (subrequests, end)))
        {
          if (queries == COMPOSITE_MAX_QUERIES)
            break;
          queries++;
        }
      end++;
    }

  return end;
}

static char *
composite_body (GPtrArray *subrequests,
                guint      start,
                guint      end,
                gsize     *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "allOrNone");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "compositeRequest");
  json_builder_begin_array (builder);
  for (guint i = start; i < end; i++)
    {
      SfSubrequest *sub = g_ptr_array_index (subrequests, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, sub->method);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, sub->url);
      json_builder_set_member_name (builder, "referenceId");
      json_builder_add_string_value (builder, sub->reference_id);
      if (sub->headers != NULL && g_hash_table_size (sub->headers) > 0)
        {
          GHashTableIter iter;
          gpointer name, value;

          json_builder_set_member_name (builder, "httpHeaders");
          json_builder_begin_object (builder);
          g_hash_table_iter_init (&iter, sub->headers);
          while (g_hash_table_iter_next (&iter, &name, &value))
            {
              json_builder_set_member_name (builder, name);
              json_builder_add_string_value (builder, value);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

static SfSubresponse *
subresponse_from_json (JsonObject *object)
{
  SfSubresponse *sub = g_new0 (SfSubresponse, 1);
  JsonNode *body = json_object_get_member (object, "body");

  sub->status = (guint) _sf_json_get_int (object, "httpStatusCode", 0);
  sub->reference_id = g_strdup (_sf_json_get_string (object, "referenceId"));
  sub->body = (body && !JSON_NODE_HOLDS_NULL (body)) ? json_node_ref (body) : NULL;
  if (sub->status < 200 || (sub->status >= 300 && sub->status != 304))
    sub->error = _sf_error_new_from_json_node (sub->status, sub->body);

  return sub;
}

static void send_composite_chunk (GTask *task);

static void
composite_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SfClient *self = SF_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  Composite *composite = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *array;

  if ((response = _sf_client_send_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  array = JSON_NODE_HOLDS_OBJECT ((JsonNode *) response->parsed)
          ? json_object_get_member (json_node_get_object (response->parsed), "compositeResponse")
          : NULL;
  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array))
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                               "The composite response has no compositeResponse");
      return;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (array)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (array), i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (composite->responses, subresponse_from_json (json_node_get_object (element)));
    }

  send_composite_chunk (task);
}

static void
send_composite_chunk (GTask *task)
{
  SfClient *self = g_task_get_source_object (task);
  Composite *composite = g_task_get_task_data (task);
  g_autofree char *body = NULL;
  GError *error = NULL;
  SfRequest *request;
  gsize length;
  guint end;

  if (composite->next >= composite->subrequests->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (composite->responses),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  if ((request = _sf_client_new_rest_request (self, "POST", "composite", &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  end = composite_chunk_end (composite->subrequests, composite->next);
  body = composite_body (composite->subrequests, composite->next, end, &length);
  composite->next = end;

  _sf_request_set_body (request, "application/json", body, length);
  _sf_request_set_parser (request, _sf_parse_json_object, (gpointer) "composite", NULL,
                          (GDestroyNotify) json_node_unref);

  _sf_client_send_async (self, request, g_task_get_cancellable (task),
                         composite_cb, g_object_ref (task));
}

/**
 * sf_client_composite_async:
 * @subrequests: (element-type SfSubrequest): the subrequests, any number
 *
 * Sends the subrequests through /composite, split into as few requests as
 * Salesforce's limits allow (25 subrequests, at most 5 of them queries), each
 * of which counts as one API call.
 */
void
sf_client_composite_async (SfClient            *self,
                           GPtrArray           *subrequests,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Composite *composite;

  g_return_if_fail (SF_IS_CLIENT (self));
  g_return_if_fail (subrequests != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_composite_async);

  composite = g_new0 (Composite, 1);
  composite->subrequests = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_subrequest_free);
  for (guint i = 0; i < subrequests->len; i++)
    g_ptr_array_add (composite->subrequests, sf_subrequest_copy (g_ptr_array_index (subrequests, i)));
  composite->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_subresponse_free);
  g_task_set_task_data (task, composite, composite_free);

  if (return_if_signed_out (self, task))
    return;

  send_composite_chunk (task);
}

/**
 * sf_client_composite_finish:
 *
 * Returns: (transfer full) (element-type SfSubresponse): one response per
 *   subrequest, in order; a failed subrequest has its own error, the call
 *   only fails as a whole when a /composite request does
 */
GPtrArray *
sf_client_composite_finish (SfClient      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Describe many
 */

typedef struct
{
  GStrv       names;
  GPtrArray  *cached;       /* SfSObjectDescribe or NULL, per name */
  GDateTime  *fetched_at;
} DescribeMany;

static void
describe_many_free (gpointer data)
{
  DescribeMany *many = data;

  g_strfreev (many->names);
  g_ptr_array_unref (many->cached);
  g_date_time_unref (many->fetched_at);
  g_free (many);
}

static gpointer
cached_for (DescribeMany *many,
            guint         index)
{
  return index < many->cached->len ? g_ptr_array_index (many->cached, index) : NULL;
}

static void
describe_many_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) describes = NULL;
  DescribeMany *many = g_task_get_task_data (task);
  GError *error = NULL;

  if ((responses = sf_client_composite_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  describes = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_sobject_describe_unref);
  for (guint i = 0; i < g_strv_length (many->names); i++)
    {
      SfSubresponse *sub = i < responses->len ? g_ptr_array_index (responses, i) : NULL;
      SfSObjectDescribe *describe = NULL;

      if (sub == NULL)
        error = g_error_new (SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                             "The composite response has no answer for %s", many->names[i]);
      else if (sub->status == 304 && cached_for (many, i) != NULL)
        describe = sf_sobject_describe_ref (cached_for (many, i));
      else if (sub->error != NULL &&
               (g_error_matches (sub->error, SF_ERROR, SF_ERROR_NOT_FOUND) ||
                g_error_matches (sub->error, SF_ERROR, SF_ERROR_INVALID_TYPE)))
        describe = NULL;   /* the user cannot see this object (any more) */
      else if (sub->error != NULL)
        error = g_error_copy (sub->error);
      else if (sub->body == NULL ||
               (describe = _sf_sobject_describe_new_from_node (sub->body, many->fetched_at, &error)) == NULL)
        {
          if (error == NULL)
            error = g_error_new (SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                                 "The describe of %s is empty", many->names[i]);
        }

      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }

      g_ptr_array_add (describes, describe);
    }

  g_task_return_pointer (task, g_steal_pointer (&describes), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * sf_client_describe_many_async:
 * @sobjects: object API names
 * @cached: (nullable) (element-type SfSObjectDescribe): the last describe of
 *   each object, in the same order, %NULL elements for none
 *
 * Describes several objects through /composite: 25 describes cost one API
 * call instead of 25. Each subrequest carries If-Modified-Since when a cached
 * describe is given; an answer without 304 is handled too.
 */
void
sf_client_describe_many_async (SfClient            *self,
                               const char * const  *sobjects,
                               GPtrArray           *cached,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) subrequests = NULL;
  DescribeMany *many;

  g_return_if_fail (SF_IS_CLIENT (self));
  g_return_if_fail (sobjects != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_describe_many_async);

  many = g_new0 (DescribeMany, 1);
  many->names = g_strdupv ((char **) sobjects);
  many->cached = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_sobject_describe_unref);
  many->fetched_at = g_date_time_new_now_utc ();
  g_task_set_task_data (task, many, describe_many_free);

  subrequests = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_subrequest_free);
  for (guint i = 0; sobjects[i] != NULL; i++)
    {
      SfSObjectDescribe *old = (cached && i < cached->len) ? g_ptr_array_index (cached, i) : NULL;
      g_autofree char *path = NULL;
      g_autofree char *url = NULL;
      g_autofree char *ref = g_strdup_printf ("d%u", i);
      SfSubrequest *sub;

      if (!sf_soql_is_identifier (sobjects[i]))
        {
          g_autofree char *shown = _sf_soql_shown_name (sobjects[i]);

          g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                                   "“%s” is not a Salesforce object name", shown);
          return;
        }

      g_ptr_array_add (many->cached, old ? sf_sobject_describe_ref (old) : NULL);
      path = g_strdup_printf ("sobjects/%s/describe", sobjects[i]);
      url = _sf_client_data_path (self, path);
      sub = sf_subrequest_new ("GET", url, ref);
      if (old != NULL)
        {
          g_autofree char *since = soup_date_time_to_string (sf_sobject_describe_get_fetched_at (old),
                                                              SOUP_DATE_HTTP);

          sf_subrequest_add_header (sub, "If-Modified-Since", since);
        }
      g_ptr_array_add (subrequests, sub);
    }

  sf_client_composite_async (self, subrequests, cancellable, describe_many_cb, g_steal_pointer (&task));
}

/**
 * sf_client_describe_many_finish:
 *
 * Returns: (transfer full) (element-type SfSObjectDescribe): one describe per
 *   name, in order; %NULL for an object the user cannot see (NOT_FOUND or
 *   INVALID_TYPE); any other failure fails the call
 */
GPtrArray *
sf_client_describe_many_finish (SfClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Limits
 */

static gpointer
parse_limits (GBytes    *body,
              gpointer   data,
              GError   **error)
{
  gsize length;
  const char *bytes = g_bytes_get_data (body, &length);

  return sf_limits_new_from_json (bytes, length, error);
}

static void
parsed_result_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  GDestroyNotify free_func = g_task_get_task_data (task);
  GError *error = NULL;

  if ((response = _sf_client_send_finish (SF_CLIENT (object), result, &error)) == NULL)
    g_task_return_error (task, error);
  else if (response->parsed == NULL)
    g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_RESPONSE, "The response is empty");
  else
    g_task_return_pointer (task, _sf_response_steal_parsed (response), free_func);
}

/**
 * sf_client_get_limits_async:
 *
 * Reads /limits (needs "View Setup and Configuration"). The quota governor
 * rarely needs it: every response's Sforce-Limit-Info already tells the
 * daily usage.
 */
void
sf_client_get_limits_async (SfClient            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SfRequest *request;

  g_return_if_fail (SF_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_get_limits_async);
  g_task_set_task_data (task, sf_limits_unref, NULL);

  if ((request = _sf_client_new_rest_request (self, "GET", "limits/", &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _sf_request_set_parser (request, parse_limits, NULL, NULL, (GDestroyNotify) sf_limits_unref);
  _sf_client_send_async (self, request, cancellable, parsed_result_cb, g_steal_pointer (&task));
}

SfLimits *
sf_client_get_limits_finish (SfClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Record counts
 */

static gpointer
parse_record_counts (GBytes    *body,
                     gpointer   data,
                     GError   **error)
{
  gsize length;
  const char *bytes = g_bytes_get_data (body, &length);
  g_autoptr(JsonNode) root = _sf_json_parse_object (bytes, length, "record counts", error);
  g_autoptr(GHashTable) counts = NULL;
  JsonNode *list;

  if (root == NULL)
    return NULL;

  list = json_object_get_member (json_node_get_object (root), "sObjects");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE, "The record counts have no sObjects list");
      return NULL;
    }

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (list), i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *name = entry ? _sf_json_get_string (entry, "name") : NULL;
      gint64 count = entry ? _sf_json_get_int (entry, "count", -1) : -1;

      /* An entry that is not an object name and a count is left out, not trusted. */
      if (name == NULL || !sf_soql_is_identifier (name) || count < 0)
        continue;
      g_hash_table_replace (counts, g_strdup (name), g_memdup2 (&count, sizeof count));
    }

  return g_steal_pointer (&counts);
}

/**
 * sf_client_get_record_counts_async:
 * @sobjects: object API names
 *
 * Reads /limits/recordCount (needs "View Setup and Configuration"): Salesforce's
 * cached, approximate count of each object's records, without the recycle bin. One
 * API call for all of them; objects the org does not have are left out of the answer.
 */
void
sf_client_get_record_counts_async (SfClient            *self,
                                   const char * const  *sobjects,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) path = g_string_new ("limits/recordCount?sObjects=");
  GError *error = NULL;
  SfRequest *request;

  g_return_if_fail (SF_IS_CLIENT (self));
  g_return_if_fail (sobjects != NULL && sobjects[0] != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_get_record_counts_async);
  g_task_set_task_data (task, g_hash_table_unref, NULL);

  for (guint i = 0; sobjects[i] != NULL; i++)
    {
      if (!sf_soql_is_identifier (sobjects[i]))
        {
          g_autofree char *shown = _sf_soql_shown_name (sobjects[i]);

          g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                                   "“%s” is not a Salesforce object name", shown);
          return;
        }
      g_string_append_printf (path, "%s%s", i > 0 ? "," : "", sobjects[i]);
    }

  if (return_if_signed_out (self, task))
    return;

  if ((request = _sf_client_new_rest_request (self, "GET", path->str, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _sf_request_set_parser (request, parse_record_counts, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  _sf_client_send_async (self, request, cancellable, parsed_result_cb, g_steal_pointer (&task));
}

/**
 * sf_client_get_record_counts_finish:
 *
 * Returns: (transfer full) (element-type utf8 gint64): object name → its record count
 *   (a pointer to a #gint64)
 */
GHashTable *
sf_client_get_record_counts_finish (SfClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * getUpdated / getDeleted
 */

static GDateTime *
parse_salesforce_datetime (JsonObject *object,
                           const char *member)
{
  const char *text = _sf_json_get_string (object, member);
  char normalized[25];

  if (text == NULL || !sf_normalize_datetime (text, strlen (text), normalized))
    return NULL;

  return g_date_time_new_from_iso8601 (normalized, NULL);
}

static gpointer
parse_changed (GBytes    *body,
               gpointer   deleted,
               GError   **error)
{
  g_autoptr(JsonNode) root = _sf_parse_json_object (body, (gpointer) "getUpdated/getDeleted", error);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) dates = g_strv_builder_new ();
  SfChangedRecords *changed;
  JsonObject *object;
  JsonNode *list;

  if (root == NULL)
    return NULL;

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  list = object ? json_object_get_member (object, deleted ? "deletedRecords" : "ids") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                           "The getUpdated/getDeleted response has no records");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (list), i);

      if (!deleted && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (ids, json_node_get_string (element));
      else if (deleted && JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *record = json_node_get_object (element);
          const char *id = _sf_json_get_string (record, "id");
          const char *date = _sf_json_get_string (record, "deletedDate");
          char normalized[25];

          /* A record without a string id cannot be deleted locally anyway,
           * and the two arrays must stay the same length. */
          if (id == NULL)
            continue;
          if (date == NULL)
            date = "";
          g_strv_builder_add (ids, id);
          g_strv_builder_add (dates, sf_normalize_datetime (date, strlen (date), normalized)
                                     ? normalized : date);
        }
    }

  changed = g_new0 (SfChangedRecords, 1);
  changed->ids = g_strv_builder_end (ids);
  changed->deleted_dates = deleted ? g_strv_builder_end (dates) : NULL;
  changed->latest_date_covered = parse_salesforce_datetime (object, "latestDateCovered");
  changed->earliest_date_available = parse_salesforce_datetime (object, "earliestDateAvailable");

  return changed;
}

static void
get_changed (SfClient            *self,
             gboolean             deleted,
             const char          *sobject,
             GDateTime           *start,
             GDateTime           *end,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) start_utc = NULL;
  g_autoptr(GDateTime) end_utc = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *start_escaped = NULL;
  g_autofree char *end_escaped = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  SfRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, deleted ? sf_client_get_deleted_async : sf_client_get_updated_async);
  g_task_set_task_data (task, sf_changed_records_free, NULL);

  if (!sf_soql_is_identifier (sobject))
    {
      g_autofree char *shown = _sf_soql_shown_name (sobject);

      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                               "“%s” is not a Salesforce object name", shown);
      return;
    }

  /* ISO 8601 in UTC, URL-encoded (reference §6). */
  start_utc = g_date_time_to_utc (start);
  end_utc = g_date_time_to_utc (end);
  start_text = g_date_time_format (start_utc, "%Y-%m-%dT%H:%M:%S+00:00");
  end_text = g_date_time_format (end_utc, "%Y-%m-%dT%H:%M:%S+00:00");
  start_escaped = g_uri_escape_string (start_text, NULL, FALSE);
  end_escaped = g_uri_escape_string (end_text, NULL, FALSE);
  path = g_strdup_printf ("sobjects/%s/%s/?start=%s&end=%s", sobject,
                          deleted ? "deleted" : "updated", start_escaped, end_escaped);

  if ((request = _sf_client_new_rest_request (self, "GET", path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _sf_request_set_parser (request, parse_changed, GINT_TO_POINTER (deleted), NULL,
                          (GDestroyNotify) sf_changed_records_free);
  _sf_client_send_async (self, request, cancellable, parsed_result_cb, g_steal_pointer (&task));
}

/**
 * sf_client_get_updated_async:
 * @start: the window's start (at most 30 days back; truncated to the minute)
 * @end: the window's end, after @start
 *
 * The Ids of records of @sobject changed in the window (reference §6). Use
 * #SfChangedRecords.latest_date_covered as the next @start.
 */
void
sf_client_get_updated_async (SfClient            *self,
                             const char          *sobject,
                             GDateTime           *start,
                             GDateTime           *end,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SF_IS_CLIENT (self));
  g_return_if_fail (start != NULL && end != NULL);

  get_changed (self, FALSE, sobject, start, end, cancellable, callback, user_data);
}

SfChangedRecords *
sf_client_get_updated_finish (SfClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sf_client_get_deleted_async:
 *
 * The records of @sobject deleted in the window, while they are in the
 * Recycle Bin (15 days). If the caller's position is older than
 * #SfChangedRecords.earliest_date_available, deletions were lost.
 */
void
sf_client_get_deleted_async (SfClient            *self,
                             const char          *sobject,
                             GDateTime           *start,
                             GDateTime           *end,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SF_IS_CLIENT (self));
  g_return_if_fail (start != NULL && end != NULL);

  get_changed (self, TRUE, sobject, start, end, cancellable, callback, user_data);
}

SfChangedRecords *
sf_client_get_deleted_finish (SfClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
