/* sim-composite.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "sim-server-private.h"
#include "sim-util.h"

/* /composite (dependent subrequests, one API call) and /composite/batch
 * (independent subrequests, one call each).  Subrequests go through the
 * same dispatcher as HTTP requests, with the session of the outer one. */

static JsonNode *
resolve_reference (GHashTable *results,
                   const char *expr)
{
  g_auto(GStrv) parts = g_strsplit (expr, ".", -1);
  JsonNode *node = g_hash_table_lookup (results, parts[0]);

  for (guint i = 1; node != NULL && parts[i] != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');
      int index = -1;

      if (bracket != NULL)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), parts[i]);
      if (node != NULL && index >= 0)
        {
          if (!JSON_NODE_HOLDS_ARRAY (node) || index >= (int) json_array_get_length (json_node_get_array (node)))
            return NULL;
          node = json_array_get_element (json_node_get_array (node), index);
        }
    }
  return node;
}

/* "@{ref.path}" → the value from an earlier subrequest's response. */
static char *
substitute_references (GHashTable *results,
                       const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      const char *end;

      if (p[0] != '@' || p[1] != '{' || (end = strchr (p, '}')) == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      {
        g_autofree char *expr = g_strndup (p + 2, end - p - 2);
        JsonNode *node = resolve_reference (results, expr);

        if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
          {
            char number[G_ASCII_DTOSTR_BUF_SIZE];

            if (json_node_get_value_type (node) == G_TYPE_STRING)
              g_string_append (out, json_node_get_string (node));
            else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
              g_string_append (out, g_ascii_dtostr (number, sizeof number, json_node_get_double (node)));
            else
              {
                g_autofree char *s = json_to_string (node, FALSE);

                g_string_append (out, s);
              }
          }
        p = end + 1;
      }
    }
  return g_string_free (out, FALSE);
}

static void
run_subrequest (SimRequest *parent,
                SimRequest *sub,
                const char *method,
                const char *url,
                JsonNode   *body,
                JsonObject *headers)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *absolute = g_strconcat ("http://sim", url, NULL);

  memset (sub, 0, sizeof *sub);
  sub->server = parent->server;
  sub->method = method;
  sub->subrequest = TRUE;
  sub->token = parent->token;
  sub->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  if (headers != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (headers);

      for (GList *l = names; l != NULL; l = l->next)
        soup_message_headers_replace (sub->headers, l->data,
                                      json_object_get_string_member_with_default (headers, l->data, ""));
    }
  if (body != NULL && !JSON_NODE_HOLDS_NULL (body))
    {
      g_autofree char *text = json_to_string (body, FALSE);

      sub->body = g_bytes_new (text, strlen (text));
    }

  uri = g_uri_parse (absolute, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || !g_str_has_prefix (url, "/services/data/v"))
    {
      sub->path = g_strdup (url);
      sub->limit_header = FALSE;
      sim_request_error (sub, 400, "INVALID_API_INPUT",
                         "The subrequest URL must begin with /services/data/vXX.X/");
      return;
    }
  sub->path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
  sub->query = g_uri_get_query (uri) ? soup_form_decode (g_uri_get_query (uri)) : NULL;
  sim_request_dispatch (sub);
}

static JsonNode *
response_node (SimRequest *sub)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (sub->response == NULL || sub->response->len == 0 || sub->status == 204 ||
      !json_parser_load_from_data (parser, sub->response->str, sub->response->len, NULL))
    return json_node_new (JSON_NODE_NULL);
  return json_node_copy (json_parser_get_root (parser));
}

/* A subresponse's body as the endpoint wrote it, or null. Not parsed and written
 * again: json-glib 1.6 writes a double such as 1e+18 as "1e+18.0", which is not JSON. */
static const char *
response_text (SimRequest *sub,
               JsonNode   *node)
{
  return JSON_NODE_HOLDS_NULL (node) ? "null" : sub->response->str;
}

static gboolean
is_query_url (const char *url)
{
  return strstr (url, "/query") != NULL || strstr (url, "/composite/sobjects") != NULL;
}

void
sim_composite_handle (SimRequest *req)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) json_node_unref);
  JsonObject *body;
  JsonArray *requests;
  gboolean all_or_none, failed = FALSE;
  guint n_queries = 0;
  GString *out;

  req->route = "/services/data/vXX.X/composite";
  if (!g_str_equal (req->method, "POST"))
    {
      sim_request_error (req, 405, "METHOD_NOT_ALLOWED", "HTTP Method not allowed. Allowed are POST");
      return;
    }
  body = sim_request_body_object (req, parser);
  if (body == NULL)
    return;
  if (!json_object_has_member (body, "compositeRequest") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "compositeRequest")))
    {
      sim_request_error (req, 400, "JSON_PARSER_ERROR", "compositeRequest is required");
      return;
    }
  requests = json_object_get_array_member (body, "compositeRequest");
  all_or_none = json_object_get_boolean_member_with_default (body, "allOrNone", FALSE);

  if (json_array_get_length (requests) > 25)
    {
      sim_request_error (req, 400, "LIMIT_EXCEEDED",
                         "Limit Exceeded: a composite request can have at most 25 subrequests");
      return;
    }
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *sub = json_array_get_object_element (requests, i);

      if (sub != NULL && is_query_url (json_object_get_string_member_with_default (sub, "url", "")))
        n_queries++;
    }
  if (n_queries > 5)
    {
      sim_request_error (req, 400, "LIMIT_EXCEEDED",
                         "Limit Exceeded: a composite request can have at most 5 query or sObject "
                         "Collections subrequests");
      return;
    }

  out = g_string_new ("{\"compositeResponse\":[");
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *spec = json_array_get_object_element (requests, i);
      const char *ref = json_object_get_string_member_with_default (spec, "referenceId", "");
      g_autofree char *url = substitute_references (results,
                                                    json_object_get_string_member_with_default (spec, "url", ""));
      const char *method = json_object_get_string_member_with_default (spec, "method", "GET");
      JsonNode *sub_body = json_object_get_member (spec, "body");
      JsonObject *headers = json_object_has_member (spec, "httpHeaders") ?
                            json_object_get_object_member (spec, "httpHeaders") : NULL;
      g_autoptr(JsonNode) node = NULL;
      SimRequest sub;

      if (failed && all_or_none)
        {
          memset (&sub, 0, sizeof sub);
          sim_request_error (&sub, 400, "PROCESSING_HALTED",
                             "The transaction was rolled back since another operation in the same "
                             "transaction failed.");
        }
      else
        {
          g_autoptr(JsonNode) substituted = NULL;

          if (sub_body != NULL)
            {
              g_autofree char *text = json_to_string (sub_body, FALSE);
              g_autofree char *resolved = substitute_references (results, text);

              substituted = json_from_string (resolved, NULL);
            }
          run_subrequest (req, &sub, method, url, substituted, headers);
        }

      if (sub.status >= 400)
        failed = TRUE;
      node = response_node (&sub);
      g_hash_table_insert (results, g_strdup (ref), json_node_ref (node));
      g_string_append_printf (out, "%s{\"body\":%s,\"httpHeaders\":{},\"httpStatusCode\":%u,\"referenceId\":",
                              i ? "," : "", response_text (&sub, node), sub.status);
      sim_json_append_string (out, ref, -1);
      g_string_append_c (out, '}');
      sim_request_clear (&sub);
    }
  g_string_append (out, "]}");
  sim_request_json (req, 200, out);
}

void
sim_composite_batch_handle (SimRequest *req)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body;
  JsonArray *requests;
  gboolean halt, halted = FALSE, has_errors = FALSE;
  GString *out;
  GString *results = g_string_new (NULL);

  req->route = "/services/data/vXX.X/composite/batch";
  body = sim_request_body_object (req, parser);
  if (body == NULL || !json_object_has_member (body, "batchRequests"))
    {
      if (body != NULL)
        sim_request_error (req, 400, "JSON_PARSER_ERROR", "batchRequests is required");
      g_string_free (results, TRUE);
      return;
    }
  requests = json_object_get_array_member (body, "batchRequests");
  halt = json_object_get_boolean_member_with_default (body, "haltOnError", FALSE);
  if (json_array_get_length (requests) > 25)
    {
      g_string_free (results, TRUE);
      sim_request_error (req, 400, "LIMIT_EXCEEDED", "Limit Exceeded: a batch can have at most 25 subrequests");
      return;
    }

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *spec = json_array_get_object_element (requests, i);
      g_autofree char *url = g_strconcat ("/services/data/",
                                          json_object_get_string_member_with_default (spec, "url", ""), NULL);
      g_autoptr(JsonNode) node = NULL;
      SimRequest sub;

      if (halted)
        {
          memset (&sub, 0, sizeof sub);
          sim_request_error (&sub, 412, "BATCH_PROCESSING_HALTED", "Batch processing halted per request");
        }
      else
        run_subrequest (req, &sub, json_object_get_string_member_with_default (spec, "method", "GET"),
                        url, json_object_get_member (spec, "richInput"), NULL);

      if (sub.status >= 400)
        {
          has_errors = TRUE;
          halted = halt;
        }
      node = response_node (&sub);
      g_string_append_printf (results, "%s{\"statusCode\":%u,\"result\":%s}", i ? "," : "", sub.status,
                              response_text (&sub, node));
      sim_request_clear (&sub);
    }

  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"hasErrors\":%s,\"results\":[%s]}", has_errors ? "true" : "false", results->str);
  g_string_free (results, TRUE);
  sim_request_json (req, 200, out);
}
