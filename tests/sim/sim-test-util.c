/* sim-test-util.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sim-test-util.h"

/* The simulator runs on its own thread, so tests use libsoup's blocking
 * calls from the test's main thread. */

SimServer *
sim_test_start_server (const char *first_arg,
                       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  SimServer *server = sim_server_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  sim_server_configure (server, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  sim_server_start (server, &error);
  g_assert_no_error (error);
  return server;
}

SoupSession *
sim_test_session (void)
{
  return soup_session_new_with_options ("timeout", 60, "max-conns-per-host", 4, NULL);
}

SimTestResponse *
sim_test_request (SoupSession *session,
                  const char  *method,
                  const char  *url,
                  const char  *token,
                  const char  *content_type,
                  const char  *body,
                  ...)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  SimTestResponse *response = g_new0 (SimTestResponse, 1);
  SoupMessageHeaders *headers;
  va_list ap;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  va_start (ap, body);
  for (const char *name = va_arg (ap, const char *); name != NULL; name = va_arg (ap, const char *))
    soup_message_headers_replace (headers, name, va_arg (ap, const char *));
  va_end (ap);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type ? content_type : "application/json", bytes);
    }
  soup_message_set_flags (msg, SOUP_MESSAGE_NO_REDIRECT);

  response->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  if (g_bytes_get_size (response->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                      g_bytes_get_size (response->body), NULL))
        response->json = json_node_copy (json_parser_get_root (parser));
    }
  return response;
}

void
sim_test_response_free (SimTestResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

const char *
sim_test_body (SimTestResponse *response)
{
  gsize len;
  const char *data = g_bytes_get_data (response->body, &len);

  /* Response bodies from libsoup are NUL-terminated past their length. */
  return data ? data : "";
}

char *
sim_test_login (SoupSession *session,
                const char  *base)
{
  g_autofree char *url = g_strconcat (base, "/services/oauth2/token", NULL);
  g_autoptr(SimTestResponse) response = NULL;

  response = sim_test_request (session, "POST", url, NULL, "application/x-www-form-urlencoded",
                               "grant_type=password&client_id=PlatformCLI&username=demo%40orgsync.test"
                               "&password=demo1234DEMOTOKEN", NULL);
  g_assert_cmpuint (response->status, ==, 200);
  return g_strdup (json_object_get_string_member (sim_test_object (response), "access_token"));
}

SimTestResponse *
sim_test_control (SoupSession *session,
                  const char  *base,
                  const char  *path,
                  const char  *json_body)
{
  g_autofree char *url = g_strconcat (base, "/_sim", path, NULL);

  return sim_test_request (session, json_body ? "POST" : "GET", url, NULL, "application/json", json_body, NULL);
}

SimTestResponse *
sim_test_get (SoupSession *session,
              const char  *base,
              const char  *token,
              const char  *path)
{
  g_autofree char *url = g_strconcat (base, path, NULL);

  return sim_test_request (session, "GET", url, token, NULL, NULL, NULL);
}

static JsonObject *
first_error (SimTestResponse *response)
{
  JsonArray *array;

  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (response->json));
  array = json_node_get_array (response->json);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return json_array_get_object_element (array, 0);
}

const char *
sim_test_error_code (SimTestResponse *response)
{
  return json_object_get_string_member (first_error (response), "errorCode");
}

const char *
sim_test_error_message (SimTestResponse *response)
{
  return json_object_get_string_member (first_error (response), "message");
}

JsonObject *
sim_test_object (SimTestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}
