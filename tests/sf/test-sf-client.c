/* test-sf-client.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sf-bulk-job.h"
#include "sf-client.h"
#include "sf-query.h"
#include "sim-server.h"

/* The client against orgsync-sim in-process: OAuth flows, refresh, paging,
 * errors, retries, usage tracking, redaction. */

static SimServer *sim;
static const char *base_url;
static SoupSession *control;
static GString *captured_log;
static GMutex log_mutex;

/*
 * Helpers
 */

static JsonNode *
sim_control (const char *method,
             const char *path,
             const char *json)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  body = soup_session_send_and_read (control, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));

  return json_node_ref (json_parser_get_root (parser));
}

static gint64
sim_used (void)
{
  g_autoptr(JsonNode) node = sim_control ("GET", "/_sim/limits", NULL);

  return json_object_get_int_member (json_node_get_object (node), "used");
}

static gint64
sim_calls (const char *key)
{
  g_autoptr(JsonNode) node = sim_control ("GET", "/_sim/stats", NULL);
  JsonObject *object = json_node_get_object (node);

  if (!json_object_has_member (object, key))
    return 0;

  return json_object_get_int_member (json_object_get_object_member (object, key), "calls");
}

static void
sim_reset (void)
{
  g_autoptr(JsonNode) a = sim_control ("DELETE", "/_sim/faults", NULL);
  g_autoptr(JsonNode) b = sim_control ("POST", "/_sim/permissions",
                                       "{\"apiEnabled\":true,\"viewSetup\":true,\"apiDisabledForOrg\":false,"
                                       "\"passwordGrant\":true}");
  g_autoptr(JsonNode) c = sim_control ("POST", "/_sim/limits", "{\"used\":0,\"max\":15000,\"lag\":0}");
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static SfClient *
new_client (void)
{
  g_autoptr(GError) error = NULL;
  SfClient *client = sf_client_new (base_url, &error);

  g_assert_no_error (error);
  /* Quick retries: tests count them, never time them. */
  sf_client_set_retry_policy (client, 4, 5, 20, 60000);
  return client;
}

static SfToken *
password_sign_in (SfClient *client,
                  GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_client_sign_in_with_password_async (client, "demo@orgsync.test", "demo1234", "DEMOTOKEN",
                                         NULL, result_cb, &result);
  return sf_client_sign_in_with_password_finish (client, wait_for (&result), error);
}

static SfToken *
browser_sign_in (SfClient     *client,
                 const char   *mode,
                 guint         timeout,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_setenv ("ORGSYNC_TEST_BROWSER_MODE", mode, TRUE);
  sf_client_sign_in_with_browser_async (client, NULL, timeout, cancellable, result_cb, &result);
  return sf_client_sign_in_with_browser_finish (client, wait_for (&result), error);
}

static SfClient *
browser_client (void)
{
  SfClient *client = new_client ();
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/OauthRedirect", free_port ());

  /* The simulator lets only its own registered app (not PlatformCLI) use
   * any loopback port once an app is registered. */
  sf_client_set_oauth_app (client, "OrgSyncTestApp", "app-secret-value", redirect);
  return client;
}

/* Signs in through the browser flow: the password flow grants no refresh
 * token, and most tests need one. */
static SfClient *
signed_in_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfToken) token = NULL;
  SfClient *client = browser_client ();

  token = browser_sign_in (client, "normal", 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  return client;
}

/*
 * OAuth
 */

static void
sign_in_link_cb (SfClient   *client,
                 const char *url,
                 char      **out)
{
  g_free (*out);
  *out = g_strdup (url);
}

static void
test_browser_flow (void)
{
  g_autoptr(SfClient) client = browser_client ();
  g_autoptr(SfToken) token = NULL;
  g_autoptr(SfUserInfo) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  g_autofree char *authorize = NULL;

  g_signal_connect (client, "sign-in-link", G_CALLBACK (sign_in_link_cb), &link);
  token = browser_sign_in (client, "normal", 30, NULL, &error);
  g_assert_no_error (error);

  /* The link a window offers to paste by hand: the authorize page with the PKCE
   * challenge, never the verifier. */
  authorize = g_strconcat (base_url, "/services/oauth2/authorize?", NULL);
  g_assert_nonnull (link);
  g_assert_true (g_str_has_prefix (link, authorize));
  g_assert_nonnull (strstr (link, "code_challenge="));
  g_assert_null (strstr (link, "code_verifier"));
  g_assert_nonnull (sf_token_get_access_token (token));
  g_assert_nonnull (sf_token_get_refresh_token (token));
  g_assert_cmpstr (sf_token_get_instance_url (token), ==, base_url);
  g_assert_nonnull (sf_token_get_org_id (token));
  g_assert_cmpint (sf_token_get_issued_at (token), >, 0);
  g_assert_true (sf_client_get_token (client) == token);

  sf_client_get_user_info_async (client, NULL, result_cb, &result);
  info = sf_client_get_user_info_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->username, ==, "demo@orgsync.test");
  g_assert_cmpstr (info->org_id, ==, sf_token_get_org_id (token));
  g_assert_cmpstr (info->user_id, ==, sf_token_get_user_id (token));
  g_assert_nonnull (info->display_name);
}

static void
test_browser_flow_rejections (void)
{
  struct { const char *mode; gint code; } cases[] = {
    { "wrong-state", SF_ERROR_STATE_MISMATCH },
    { "deny", SF_ERROR_ACCESS_DENIED },
    { "swap-code", SF_ERROR_INVALID_REQUEST },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SfClient) client = browser_client ();
      g_autoptr(SfToken) token = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("browser mode %s", cases[i].mode);
      token = browser_sign_in (client, cases[i].mode, 30, NULL, &error);
      g_assert_error (error, SF_ERROR, cases[i].code);
      g_assert_null (token);
      g_assert_null (sf_client_get_token (client));
    }
}

/* The listener ignores other paths and serves its path once. */
static void
test_browser_flow_wrong_path_and_replay (void)
{
  const char *modes[] = { "wrong-path", "replay" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(SfClient) client = browser_client ();
      g_autoptr(SfToken) token = NULL;
      g_autoptr(GError) error = NULL;

      token = browser_sign_in (client, modes[i], 30, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (token);
    }
}

static void
test_browser_flow_reused_code (void)
{
  g_autoptr(SfClient) client = browser_client ();
  g_autoptr(SfClient) client2 = browser_client ();
  g_autofree char *save = g_build_filename (g_get_tmp_dir (), "sf-test-redirect-XXXXXX", NULL);
  g_autoptr(SfToken) token = NULL;
  g_autoptr(SfToken) token2 = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_mkstemp (save);

  close (fd);
  g_setenv ("ORGSYNC_TEST_BROWSER_SAVE", save, TRUE);
  token = browser_sign_in (client, "save", 30, NULL, &error);
  g_assert_no_error (error);

  token2 = browser_sign_in (client2, "reuse", 30, NULL, &error);
  g_assert_null (token2);
  /* The code was already exchanged; checked before the verifier. */
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_GRANT);
  g_assert_cmpstr (error->message, ==, "expired authorization code");
  g_unlink (save);
  g_unsetenv ("ORGSYNC_TEST_BROWSER_SAVE");
}

static void
test_browser_flow_timeout_and_cancel (void)
{
  g_autoptr(SfClient) client = browser_client ();
  g_autoptr(SfClient) client2 = browser_client ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SfToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  token = browser_sign_in (client, "none", 1, NULL, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_LOGIN_TIMED_OUT);

  g_setenv ("ORGSYNC_TEST_BROWSER_MODE", "none", TRUE);
  sf_client_sign_in_with_browser_async (client2, NULL, 0, cancellable, result_cb, &result);
  g_cancellable_cancel (cancellable);
  g_assert_null (sf_client_sign_in_with_browser_finish (client2, wait_for (&result), &error2));
  g_assert_error (error2, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_browser_flow_port_in_use (void)
{
  g_autoptr(SfClient) client = new_client ();
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SfToken) token = NULL;
  g_autofree char *redirect = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  redirect = g_strdup_printf ("http://localhost:%u/OauthRedirect", port);
  sf_client_set_oauth_app (client, "PlatformCLI", NULL, redirect);

  token = browser_sign_in (client, "normal", 5, NULL, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_CALLBACK_PORT_IN_USE);
  g_assert_nonnull (strstr (error->message, "in use"));
}

static void
test_browser_flow_default_client (void)
{
  g_autoptr(GSocketListener) probe = g_socket_listener_new ();
  g_autoptr(SfClient) client = new_client ();
  g_autoptr(SfToken) token = NULL;
  g_autoptr(GError) error = NULL;

  /* PlatformCLI only accepts http://localhost:1717/OauthRedirect. */
  if (!g_socket_listener_add_inet_port (probe, 1717, NULL, NULL))
    {
      g_test_skip ("port 1717 is taken on this machine");
      return;
    }
  g_socket_listener_close (probe);

  g_assert_cmpstr (sf_client_get_client_id (client), ==, SF_DEFAULT_CLIENT_ID);
  g_assert_cmpstr (sf_client_get_redirect_uri (client), ==, "http://localhost:1717/OauthRedirect");
  token = browser_sign_in (client, "normal", 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
}

/* The org's own External Client App, with a consumer secret. */
static void
test_browser_flow_own_app (void)
{
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", free_port ());
  g_autoptr(SfClient) client = new_client ();
  g_autoptr(SfClient) wrong = new_client ();
  g_autoptr(SfToken) token = NULL;
  g_autoptr(SfToken) none = NULL;
  g_autoptr(GError) error = NULL;

  sf_client_set_oauth_app (client, "OrgSyncTestApp", "app-secret-value", redirect);
  token = browser_sign_in (client, "normal", 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  sf_client_set_oauth_app (wrong, "OrgSyncTestApp", "not-the-secret", redirect);
  none = browser_sign_in (wrong, "normal", 30, NULL, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_CLIENT);
}

static void
test_password_flow (void)
{
  g_autoptr(SfClient) client = new_client ();
  g_autoptr(SfToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) blocked = NULL;

  token = password_sign_in (client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  /* A wrong password. */
  sf_client_sign_in_with_password_async (client, "demo@orgsync.test", "wrong", "DEMOTOKEN",
                                         NULL, result_cb, &result);
  g_assert_null (sf_client_sign_in_with_password_finish (client, wait_for (&result), &error));
  g_assert_error (error, SF_ERROR, SF_ERROR_AUTHENTICATION_FAILURE);
  g_clear_error (&error);

  /* An org that blocks the flow answers the same way (reference §1.4). */
  blocked = sim_control ("POST", "/_sim/permissions", "{\"passwordGrant\":false}");
  sf_client_sign_in_with_password_async (client, "demo@orgsync.test", "demo1234", "DEMOTOKEN",
                                         NULL, result_cb, &result2);
  g_assert_null (sf_client_sign_in_with_password_finish (client, wait_for (&result2), &error));
  g_assert_error (error, SF_ERROR, SF_ERROR_AUTHENTICATION_FAILURE);
  sim_reset ();
}

static void
refreshed_cb (SfClient *client,
              SfToken  *token,
              guint    *count)
{
  (*count)++;
}

static SfLimits *
get_limits (SfClient  *client,
            GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_client_get_limits_async (client, NULL, result_cb, &result);
  return sf_client_get_limits_finish (client, wait_for (&result), error);
}

/* Three requests fail with 401 at once; one refresh serves them all. */
static void
test_refresh_shared (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(JsonNode) expired = NULL;
  GAsyncResult *results[3] = { NULL, NULL, NULL };
  const char *old_access = NULL;
  g_autofree char *old_copy = NULL;
  gint64 token_calls;
  guint refreshed = 0;

  g_signal_connect (client, "token-refreshed", G_CALLBACK (refreshed_cb), &refreshed);
  old_access = sf_token_get_access_token (sf_client_get_token (client));
  old_copy = g_strdup (old_access);
  expired = sim_control ("POST", "/_sim/tokens/expire", "{}");
  token_calls = sim_calls ("POST /services/oauth2/token");

  for (guint i = 0; i < 3; i++)
    sf_client_get_limits_async (client, NULL, result_cb, &results[i]);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SfLimits) limits = NULL;

      limits = sf_client_get_limits_finish (client, wait_for (&results[i]), &error);
      g_assert_no_error (error);
      g_assert_true (sf_limits_lookup (limits, "DailyApiRequests", NULL, NULL, NULL));
      g_clear_object (&results[i]);
    }

  g_assert_cmpuint (refreshed, ==, 1);
  g_assert_cmpint (sim_calls ("POST /services/oauth2/token") - token_calls, ==, 1);
  g_assert_cmpstr (sf_token_get_access_token (sf_client_get_token (client)), !=, old_copy);
  g_assert_false (sf_token_get_refresh_rotated (sf_client_get_token (client)));
}

static void
test_refresh_revoked (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(JsonNode) revoked = sim_control ("POST", "/_sim/tokens/revoke", "{}");
  g_autoptr(SfLimits) limits = NULL;
  g_autoptr(GError) error = NULL;

  limits = get_limits (client, &error);
  g_assert_null (limits);
  g_assert_error (error, SF_ERROR, SF_ERROR_REAUTHORIZATION_REQUIRED);
  g_assert_true (sf_error_needs_reauthorization (error));
  g_assert_nonnull (strstr (error->message, "invalid_grant"));
}

static void
test_revoke (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfToken) token = sf_token_ref (sf_client_get_token (client));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfLimits) limits = NULL;

  sf_client_revoke_async (client, NULL, result_cb, &result);
  g_assert_true (sf_client_revoke_finish (client, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_null (sf_client_get_token (client));

  /* The revoked session no longer works, and cannot be renewed. */
  sf_client_set_token (client, token);
  limits = get_limits (client, &error);
  g_assert_true (sf_error_needs_reauthorization (error));
}

/*
 * REST
 */

static void
test_versions_and_describe (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autoptr(SfGlobalDescribe) global = NULL;
  g_autoptr(SfGlobalDescribe) global2 = NULL;
  g_autoptr(SfSObjectDescribe) account = NULL;
  g_autoptr(SfSObjectDescribe) account2 = NULL;
  g_autoptr(SfSObjectDescribe) restored = NULL;
  g_autoptr(GBytes) cache = NULL;
  g_autoptr(GPtrArray) many = NULL;
  g_auto(GStrv) unsupported = NULL;
  const char * const names[] = { "Account", "Contact", "Lead", "Opportunity", NULL };
  const SfField *field;
  guint64 calls;

  sf_client_negotiate_api_version_async (client, NULL, result_cb, &r1);
  version = sf_client_negotiate_api_version_finish (client, wait_for (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "66.0");

  sf_client_describe_global_async (client, NULL, NULL, result_cb, &r2);
  global = sf_client_describe_global_finish (client, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sf_global_describe_find_sobject (global, "Account"));
  g_assert_true (sf_global_describe_find_sobject (global, "account")->queryable);

  sf_client_describe_async (client, "Account", NULL, NULL, result_cb, &r3);
  account = sf_client_describe_finish (client, wait_for (&r3), &error);
  g_assert_no_error (error);
  field = sf_sobject_describe_find_field (account, "BillingAddress");
  g_assert_nonnull (field);
  g_assert_cmpint (field->type, ==, SF_FIELD_TYPE_ADDRESS);
  g_assert_cmpstr (sf_sobject_describe_find_field (account, "OwnerId")->relationship_name, ==, "Owner");
  unsupported = sf_sobject_describe_get_bulk_unsupported_fields (account);
  g_assert_true (g_strv_contains ((const char * const *) unsupported, "BillingAddress"));

  /* The cache blob survives a round trip, and If-Modified-Since gives it back. */
  cache = sf_sobject_describe_to_cache (account);
  restored = sf_sobject_describe_new_from_cache (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sf_sobject_describe_get_n_fields (restored), ==, sf_sobject_describe_get_n_fields (account));
  sf_client_describe_async (client, "Account", restored, NULL, result_cb, &r4);
  account2 = sf_client_describe_finish (client, wait_for (&r4), &error);
  g_assert_no_error (error);
  g_assert_true (account2 == restored);

  sf_client_describe_global_async (client, global, NULL, result_cb, &r5);
  global2 = sf_client_describe_global_finish (client, wait_for (&r5), &error);
  g_assert_no_error (error);
  g_assert_true (global2 == global);

  /* Four describes through /composite cost one API call. */
  {
    g_autoptr(GAsyncResult) r6 = NULL;

    calls = sf_client_get_api_calls_sent (client);
    sf_client_describe_many_async (client, names, NULL, NULL, result_cb, &r6);
    many = sf_client_describe_many_finish (client, wait_for (&r6), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (many->len, ==, 4);
    g_assert_cmpstr (sf_sobject_describe_get_name (g_ptr_array_index (many, 3)), ==, "Opportunity");
    g_assert_cmpuint (sf_client_get_api_calls_sent (client) - calls, ==, 1);
  }
}

/* Seven queries and thirty describes: split to respect /composite's limits
 * of 25 subrequests with at most 5 queries, each request one API call. */
static void
test_composite_limits (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(GPtrArray) subrequests = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_subrequest_free);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint64 calls = sf_client_get_api_calls_sent (client);
  gint64 used = sim_used ();

  for (guint i = 0; i < 37; i++)
    {
      g_autofree char *ref = g_strdup_printf ("r%u", i);
      g_autofree char *url = i < 7
        ? g_strdup_printf ("/services/data/v%s/query?q=SELECT+Id+FROM+Account+LIMIT+%u",
                           sf_client_get_api_version (client), i + 1)
        : g_strdup_printf ("/services/data/v%s/sobjects/%s/describe", sf_client_get_api_version (client),
                           (i % 2) ? "Account" : "Contact");

      g_ptr_array_add (subrequests, sf_subrequest_new ("GET", url, ref));
    }

  sf_client_composite_async (client, subrequests, NULL, result_cb, &result);
  responses = sf_client_composite_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (responses->len, ==, 37);
  for (guint i = 0; i < responses->len; i++)
    {
      SfSubresponse *sub = g_ptr_array_index (responses, i);
      g_autofree char *ref = g_strdup_printf ("r%u", i);

      g_assert_null (sub->error);
      g_assert_cmpuint (sub->status, ==, 200);
      g_assert_cmpstr (sub->reference_id, ==, ref);
    }

  /* Order is kept (later subrequests may refer to earlier ones): 5 queries;
   * 2 queries + 23 describes; 7 describes. */
  g_assert_cmpuint (sf_client_get_api_calls_sent (client) - calls, ==, 3);
  g_assert_cmpint (sim_used () - used, ==, 3);
}

static SfRecordBatch *
next_page (SfQuery  *query,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_query_next_page_async (query, NULL, result_cb, &result);
  return sf_query_next_page_finish (query, wait_for (&result), error);
}

static void
test_query_paging (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account");
  g_autoptr(SfQuery) query = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  guint pages = 0;

  sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
  sf_soql_builder_add_field (builder, "Name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_add_field (builder, "Owner.Name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_add_field (builder, "AnnualRevenue", SF_FIELD_TYPE_CURRENCY);
  sf_soql_builder_add_field (builder, "SystemModstamp", SF_FIELD_TYPE_DATETIME);
  query = sf_query_new (client, builder, SF_QUERY_FLAGS_NONE);
  sf_query_set_batch_size (query, 200);

  for (;;)
    {
      g_autoptr(SfRecordBatch) batch = next_page (query, &error);

      g_assert_no_error (error);
      if (batch == NULL)
        break;

      pages++;
      g_assert_cmpuint (sf_record_batch_get_n_rows (batch), <=, 200);
      g_assert_cmpuint (sf_record_batch_get_n_columns (batch), ==, 5);
      for (guint r = 0; r < sf_record_batch_get_n_rows (batch); r++)
        {
          const SfValue *row = sf_record_batch_get_row (batch, r);

          g_assert_cmpint (row[0].kind, ==, SF_VALUE_TEXT);
          g_assert_true (g_hash_table_add (ids, g_strdup (row[0].text)));
          g_assert_cmpint (row[4].kind, ==, SF_VALUE_TEXT);
          g_assert_cmpuint (row[4].length, ==, 24);
          g_assert_true (row[4].text[23] == 'Z');
          g_assert_true (row[3].kind == SF_VALUE_REAL || row[3].kind == SF_VALUE_NULL);
        }
    }

  g_assert_cmpint (sf_query_get_total_size (query), ==, 1000);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 1000);
  g_assert_cmpuint (pages, ==, 5);
  g_assert_true (sf_query_get_done (query));
}

static SfSoqlBuilder *
resume_cb (SfQuery  *query,
           gpointer  user_data)
{
  SfSoqlBuilder *resume = sf_soql_builder_copy (user_data);

  sf_soql_builder_where_string (resume, "Name", SF_SOQL_NE, "");
  return resume;
}

/* After the locator expires the query resumes from the caller's position. */
static void
test_query_locator_restart (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account");
  g_autoptr(SfQuery) query = NULL;
  g_autoptr(SfQuery) plain = NULL;
  g_autoptr(SfRecordBatch) first = NULL;
  g_autoptr(SfRecordBatch) second = NULL;
  g_autoptr(SfRecordBatch) failed = NULL;
  g_autoptr(JsonNode) clock = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GError) error = NULL;

  sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
  sf_soql_builder_add_field (builder, "Name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_order_by (builder, "Id", TRUE);

  query = sf_query_new (client, builder, SF_QUERY_FLAGS_NONE);
  plain = sf_query_new (client, builder, SF_QUERY_FLAGS_NONE);
  sf_query_set_batch_size (query, 200);
  sf_query_set_batch_size (plain, 200);
  sf_query_set_resume_func (query, resume_cb, sf_soql_builder_copy (builder),
                            (GDestroyNotify) sf_soql_builder_free);

  first = next_page (query, &error);
  g_assert_no_error (error);
  g_clear_pointer (&first, sf_record_batch_unref);
  first = next_page (plain, &error);
  g_assert_no_error (error);

  clock = sim_control ("POST", "/_sim/clock", "{\"advanceSeconds\":300000}");

  /* Without a resume function the caller sees the error… */
  failed = next_page (plain, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_QUERY_LOCATOR);
  g_clear_error (&error);

  /* …with one, the query goes on. */
  second = next_page (query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpuint (sf_query_get_restarts (query), ==, 1);

  back = sim_control ("POST", "/_sim/clock", "{\"offsetSeconds\":0}");
}

static void
test_query_errors (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  struct { const char *soql; gint code; } cases[] = {
    { "SELECT Id, Foo__c FROM Account", SF_ERROR_INVALID_FIELD },
    { "SELECT Id FROM NoSuchThing__c", SF_ERROR_INVALID_TYPE },
    { "SELECT Id FORM Account", SF_ERROR_MALFORMED_QUERY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SfQuery) query = sf_query_new_for_soql (client, cases[i].soql, SF_QUERY_FLAGS_NONE);
      g_autoptr(SfRecordBatch) batch = NULL;
      g_autoptr(GError) error = NULL;
      guint64 sent = sf_client_get_requests_sent (client);

      batch = next_page (query, &error);
      g_assert_error (error, SF_ERROR, cases[i].code);
      /* 4xx errors are not retried. */
      g_assert_cmpuint (sf_client_get_requests_sent (client) - sent, ==, 1);
    }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(SfSObjectDescribe) describe = NULL;
    g_autoptr(GError) error = NULL;

    sf_client_describe_async (client, "NoSuchThing__c", NULL, NULL, result_cb, &result);
    describe = sf_client_describe_finish (client, wait_for (&result), &error);
    g_assert_error (error, SF_ERROR, SF_ERROR_NOT_FOUND);
  }
}

static void
test_permission_errors (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  struct { const char *permissions; gint code; } cases[] = {
    { "{\"viewSetup\":false}", SF_ERROR_INSUFFICIENT_ACCESS },
    { "{\"apiEnabled\":false}", SF_ERROR_API_CURRENTLY_DISABLED },
    { "{\"apiDisabledForOrg\":true}", SF_ERROR_API_DISABLED_FOR_ORG },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) set = sim_control ("POST", "/_sim/permissions", cases[i].permissions);
      g_autoptr(SfLimits) limits = NULL;
      g_autoptr(GError) error = NULL;

      limits = get_limits (client, &error);
      g_assert_error (error, SF_ERROR, cases[i].code);
      sim_reset ();
    }

  {
    g_autoptr(JsonNode) set = sim_control ("POST", "/_sim/limits", "{\"used\":15001}");
    g_autoptr(SfLimits) limits = NULL;
    g_autoptr(GError) error = NULL;
    guint64 sent = sf_client_get_requests_sent (client);

    limits = get_limits (client, &error);
    g_assert_error (error, SF_ERROR, SF_ERROR_REQUEST_LIMIT_EXCEEDED);
    g_assert_cmpstr (error->message, ==, "TotalRequests Limit exceeded.");
    g_assert_cmpuint (sf_client_get_requests_sent (client) - sent, ==, 1);
    sim_reset ();
  }
}

static GHashTable *
get_record_counts (SfClient            *client,
                   const char * const  *sobjects,
                   GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_client_get_record_counts_async (client, sobjects, NULL, result_cb, &result);
  return sf_client_get_record_counts_finish (client, wait_for (&result), error);
}

/* /limits/recordCount: one call for several objects; names the org does not have
 * are left out; a name that is not an API name never leaves the process. */
static void
test_record_counts (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  const char *names[] = { "Account", "Contact", "Nope__c", NULL };
  const char *hostile[] = { "Account", "Lead&sObjects=User", NULL };
  g_autoptr(JsonNode) config = sim_control ("GET", "/_sim/config", NULL);
  JsonObject *objects = json_object_get_object_member (json_node_get_object (config), "objects");
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GError) error = NULL;
  guint64 sent = sf_client_get_requests_sent (client);
  gint64 *count;

  counts = get_record_counts (client, names, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sf_client_get_requests_sent (client) - sent, ==, 1);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 2);
  count = g_hash_table_lookup (counts, "Account");
  g_assert_nonnull (count);
  g_assert_cmpint (*count, ==, json_object_get_int_member (json_object_get_object_member (objects, "Account"), "live"));
  g_assert_null (g_hash_table_lookup (counts, "Nope__c"));
  g_clear_pointer (&counts, g_hash_table_unref);

  sent = sf_client_get_requests_sent (client);
  counts = get_record_counts (client, hostile, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
  g_assert_null (counts);
  g_assert_cmpuint (sf_client_get_requests_sent (client), ==, sent);
  g_clear_error (&error);

  {
    g_autoptr(JsonNode) set = sim_control ("POST", "/_sim/permissions", "{\"viewSetup\":false}");

    counts = get_record_counts (client, names, &error);
    g_assert_error (error, SF_ERROR, SF_ERROR_INSUFFICIENT_ACCESS);
    sim_reset ();
  }
}

/* The permission checks the engine makes (reference §9). */
static void
test_permission_queries (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfQuery) query = sf_query_new_for_soql (client,
    "SELECT PermissionsApiEnabled, PermissionsViewSetup, PermissionsViewAllUsers FROM UserPermissionAccess",
    SF_QUERY_FLAGS_NONE);
  g_autoptr(SfRecordBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  int column;

  batch = next_page (query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sf_record_batch_get_n_rows (batch), ==, 1);
  column = sf_record_batch_find_column (batch, "PermissionsApiEnabled");
  g_assert_cmpint (column, >=, 0);
  g_assert_cmpint (sf_record_batch_get_value (batch, 0, column)->kind, ==, SF_VALUE_INTEGER);
  g_assert_cmpint (sf_record_batch_get_value (batch, 0, column)->integer, ==, 1);
}

static void
test_retries (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  struct { const char *fault; guint requests; gboolean ok; gint code; } cases[] = {
    { "{\"kind\":\"status\",\"status\":503,\"times\":2,\"path\":\"*/limits*\"}", 3, TRUE, 0 },
    { "{\"kind\":\"status\",\"status\":500,\"path\":\"*/limits*\"}", 4, FALSE, SF_ERROR_UNKNOWN_EXCEPTION },
    { "{\"kind\":\"html-maintenance\",\"path\":\"*/limits*\"}", 4, FALSE, SF_ERROR_SERVER_UNAVAILABLE },
    { "{\"kind\":\"malformed-json\",\"times\":1,\"path\":\"*/limits*\"}", 2, TRUE, 0 },
    { "{\"kind\":\"truncate\",\"times\":1,\"path\":\"*/limits*\"}", 2, TRUE, 0 },
    { "{\"kind\":\"reset\",\"times\":1,\"path\":\"*/limits*\"}", 2, TRUE, 0 },
    { "{\"kind\":\"status\",\"status\":429,\"times\":1,\"path\":\"*/limits*\"}", 2, TRUE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) fault = sim_control ("POST", "/_sim/faults", cases[i].fault);
      g_autoptr(SfLimits) limits = NULL;
      g_autoptr(GError) error = NULL;
      guint64 sent = sf_client_get_requests_sent (client);

      g_test_message ("fault %s", cases[i].fault);
      limits = get_limits (client, &error);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (limits);
        }
      else
        g_assert_error (error, SF_ERROR, cases[i].code);
      g_assert_cmpuint (sf_client_get_requests_sent (client) - sent, ==, cases[i].requests);
      sim_reset ();
    }
}

static gboolean
refuse_filter (SfClient             *client,
               const SfRequestInfo  *info,
               gpointer              user_data,
               GError              **error)
{
  guint *seen = user_data;

  (*seen)++;
  if (info->api_calls == 0)
    return TRUE;

  g_set_error_literal (error, SF_ERROR, SF_ERROR_REQUEST_REFUSED, "over the threshold");
  return FALSE;
}

static void
test_request_filter (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfLimits) limits = NULL;
  g_autoptr(GError) error = NULL;
  guint64 sent = sf_client_get_requests_sent (client);
  gint64 used = sim_used ();
  guint seen = 0;

  sf_client_set_request_filter (client, refuse_filter, &seen, NULL);
  limits = get_limits (client, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_REQUEST_REFUSED);
  g_assert_cmpuint (seen, ==, 1);
  g_assert_cmpuint (sf_client_get_requests_sent (client), ==, sent);
  g_assert_cmpint (sim_used (), ==, used);
}

/* The client's own count and the last Sforce-Limit-Info both match the
 * simulator's counter exactly. */
static void
test_usage_tracking (void)
{
  g_autoptr(SfClient) client = NULL;
  g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Contact");
  g_autoptr(SfQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  guint signals = 0;

  sim_reset ();
  client = signed_in_client ();
  g_signal_connect (client, "usage-changed", G_CALLBACK (refreshed_cb), &signals);
  start = sim_used ();

  sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
  query = sf_query_new (client, builder, SF_QUERY_FLAGS_NONE);
  sf_query_set_batch_size (query, 500);
  for (;;)
    {
      g_autoptr(SfRecordBatch) batch = next_page (query, &error);

      g_assert_no_error (error);
      if (batch == NULL)
        break;
    }
  g_clear_pointer (&error, g_error_free);
  {
    g_autoptr(SfLimits) limits = get_limits (client, &error);
    gint64 max, remaining;

    g_assert_no_error (error);
    g_assert_true (sf_limits_lookup (limits, "DailyApiRequests", NULL, &max, &remaining));
    g_assert_cmpint (max, ==, 15000);
  }

  g_assert_cmpint (sf_client_get_api_usage_used (client), ==, sim_used ());
  g_assert_cmpint (sf_client_get_api_usage_max (client), ==, 15000);
  g_assert_cmpint ((gint64) sf_client_get_api_calls_sent (client), ==, sim_used () - start);
  g_assert_cmpuint (signals, ==, sf_client_get_api_calls_sent (client));
}

static void
test_updated_deleted (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(JsonNode) changed = sim_control ("POST", "/_sim/data/Account", "{\"action\":\"update\",\"count\":5}");
  g_autoptr(JsonNode) deleted = sim_control ("POST", "/_sim/data/Account", "{\"action\":\"delete\",\"count\":2}");
  /* Windows are truncated to the minute: let two pass so the changes are in. */
  g_autoptr(JsonNode) later = sim_control ("POST", "/_sim/clock", "{\"advanceSeconds\":120}");
  g_autoptr(JsonNode) now_node = sim_control ("GET", "/_sim/clock", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (
    json_object_get_string_member (json_node_get_object (now_node), "now"), NULL);
  g_autoptr(GDateTime) start = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) end = g_date_time_ref (now);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  g_autoptr(SfChangedRecords) updated = NULL;
  g_autoptr(SfChangedRecords) removed = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *ids = json_object_get_array_member (json_node_get_object (changed), "ids");
  JsonArray *deleted_ids = json_object_get_array_member (json_node_get_object (deleted), "ids");

  sf_client_get_updated_async (client, "Account", start, end, NULL, result_cb, &r1);
  updated = sf_client_get_updated_finish (client, wait_for (&r1), &error);
  g_assert_no_error (error);
  /* The simulator deleted the first records it had just updated: the rest
   * are updated and still there. */
  g_assert_cmpuint (g_strv_length (updated->ids), ==, json_array_get_length (ids) - json_array_get_length (deleted_ids));
  for (guint i = json_array_get_length (deleted_ids); i < json_array_get_length (ids); i++)
    g_assert_true (g_strv_contains ((const char * const *) updated->ids,
                                    json_array_get_string_element (ids, i)));
  g_assert_nonnull (updated->latest_date_covered);

  sf_client_get_deleted_async (client, "Account", start, end, NULL, result_cb, &r2);
  removed = sf_client_get_deleted_finish (client, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (removed->ids), ==, json_array_get_length (deleted_ids));
  g_assert_cmpuint (g_strv_length (removed->deleted_dates), ==, json_array_get_length (deleted_ids));
  for (guint i = 0; i < json_array_get_length (deleted_ids); i++)
    g_assert_true (g_strv_contains ((const char * const *) removed->ids,
                                    json_array_get_string_element (deleted_ids, i)));
  g_assert_nonnull (removed->earliest_date_available);
  back = sim_control ("POST", "/_sim/clock", "{\"offsetSeconds\":0}");
}

/*
 * Bulk API 2.0
 */

static SfBulkJob *
create_job (SfClient       *client,
            SfSoqlBuilder  *builder,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  SfBulkJob *job;

  sf_bulk_job_create_async (client, builder, FALSE, NULL, result_cb, &result);
  job = sf_bulk_job_create_finish (wait_for (&result), error);
  if (job != NULL)
    sf_bulk_job_set_poll_interval (job, 10, 40);
  return job;
}

static gboolean
wait_job (SfBulkJob  *job,
          GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_bulk_job_wait_async (job, NULL, result_cb, &result);
  return sf_bulk_job_wait_finish (job, wait_for (&result), error);
}

static SfRecordBatch *
next_chunk (SfBulkJob  *job,
            guint       max_records,
            GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_bulk_job_next_chunk_async (job, max_records, NULL, result_cb, &result);
  return sf_bulk_job_next_chunk_finish (job, wait_for (&result), error);
}

static SfSoqlBuilder *
account_builder (void)
{
  SfSoqlBuilder *builder = sf_soql_builder_new ("Account");

  sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
  sf_soql_builder_add_field (builder, "Name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_add_field (builder, "AnnualRevenue", SF_FIELD_TYPE_CURRENCY);
  sf_soql_builder_add_field (builder, "NumberOfEmployees", SF_FIELD_TYPE_INT);
  sf_soql_builder_add_field (builder, "BillingCity", SF_FIELD_TYPE_STRING);
  sf_soql_builder_add_field (builder, "Owner.Name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_add_field (builder, "SystemModstamp", SF_FIELD_TYPE_DATETIME);
  return builder;
}

/* Reads every row of a query into Id → "Name|AnnualRevenue|…" strings. */
static void
collect_rows (SfRecordBatch *batch,
              GHashTable    *rows)
{
  for (guint r = 0; r < sf_record_batch_get_n_rows (batch); r++)
    {
      const SfValue *row = sf_record_batch_get_row (batch, r);
      GString *text = g_string_new (NULL);

      for (guint c = 1; c < sf_record_batch_get_n_columns (batch); c++)
        {
          const SfValue *v = &row[c];

          if (v->kind == SF_VALUE_TEXT && v->length > 0)
            g_string_append_printf (text, "%s|", v->text);
          else if (v->kind == SF_VALUE_INTEGER)
            g_string_append_printf (text, "%" G_GINT64_FORMAT "|", v->integer);
          else if (v->kind == SF_VALUE_REAL)
            g_string_append_printf (text, "%.2f|", v->real);
          else
            g_string_append (text, "NULL|");
        }
      g_hash_table_insert (rows, g_strdup (row[0].text), g_string_free (text, FALSE));
    }
}

static void
test_bulk_happy_path (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfSoqlBuilder) builder = account_builder ();
  g_autoptr(SfBulkJob) job = NULL;
  g_autoptr(SfQuery) query = NULL;
  g_autoptr(GHashTable) bulk_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) rest_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonNode) fault = sim_control ("POST", "/_sim/faults",
                                           "{\"kind\":\"csv-truncated\",\"times\":1,\"path\":\"*/results*\"}");
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id, text;
  guint chunks = 0;

  job = create_job (client, builder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sf_bulk_job_get_id (job));
  g_assert_true (wait_job (job, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sf_bulk_job_get_state (job), ==, "JobComplete");

  for (;;)
    {
      g_autoptr(SfRecordBatch) batch = next_chunk (job, 300, &error);

      g_assert_no_error (error);
      if (batch == NULL)
        break;
      chunks++;
      g_assert_cmpuint (sf_record_batch_get_n_rows (batch), <=, 300);
      collect_rows (batch, bulk_rows);
    }
  /* 1000 Accounts, less the ones an earlier test deleted. */
  g_assert_cmpuint (g_hash_table_size (bulk_rows), >=, 990);
  g_assert_cmpuint (chunks, ==, (g_hash_table_size (bulk_rows) + 299) / 300);
  g_assert_cmpuint (sf_bulk_job_get_records_received (job), ==, g_hash_table_size (bulk_rows));

  /* The same records through REST give the same typed values (except that
   * Bulk cannot tell an empty string from null, and both are NULL). */
  query = sf_query_new (client, builder, SF_QUERY_FLAGS_NONE);
  for (;;)
    {
      g_autoptr(SfRecordBatch) batch = next_page (query, &error);

      g_assert_no_error (error);
      if (batch == NULL)
        break;
      collect_rows (batch, rest_rows);
    }

  g_assert_cmpuint (g_hash_table_size (rest_rows), ==, g_hash_table_size (bulk_rows));
  g_hash_table_iter_init (&iter, bulk_rows);
  while (g_hash_table_iter_next (&iter, &id, &text))
    g_assert_cmpstr (text, ==, g_hash_table_lookup (rest_rows, id));

  {
    g_autoptr(GAsyncResult) result = NULL;

    sf_bulk_job_delete_async (job, NULL, result_cb, &result);
    g_assert_true (sf_bulk_job_delete_finish (job, wait_for (&result), &error));
    g_assert_no_error (error);
  }
  sim_reset ();
}

static SfRecordBatch *
next_batch (SfBulkJob  *job,
            guint       max_records,
            guint       max_rows,
            GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_bulk_job_next_batch_async (job, max_records, max_rows, NULL, result_cb, &result);
  return sf_bulk_job_next_batch_finish (job, wait_for (&result), error);
}

/* Large chunks in small batches: every row once, also when a chunk breaks off after
 * some of its rows were handed out (they are skipped when it is fetched again). */
static void
test_bulk_batches (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfSoqlBuilder) builder = account_builder ();
  g_autoptr(SfBulkJob) job = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) fault = sim_control ("POST", "/_sim/faults",
                                           "{\"kind\":\"csv-truncated\",\"every\":2,\"times\":1,"
                                           "\"path\":\"*/results*\"}");
  g_autoptr(GError) error = NULL;
  guint batches = 0, rows = 0;

  job = create_job (client, builder, &error);
  g_assert_no_error (error);
  g_assert_true (wait_job (job, &error));

  for (;;)
    {
      g_autoptr(SfRecordBatch) batch = next_batch (job, 400, 150, &error);

      g_assert_no_error (error);
      if (batch == NULL)
        break;
      batches++;
      g_assert_cmpuint (sf_record_batch_get_n_rows (batch), <=, 150);
      g_assert_cmpuint (sf_record_batch_get_n_columns (batch), ==, 7);
      for (guint r = 0; r < sf_record_batch_get_n_rows (batch); r++, rows++)
        g_assert_true (g_hash_table_add (ids, g_strdup (sf_record_batch_get_row (batch, r)[0].text)));
    }

  /* 1000 Accounts, less the ones an earlier test deleted; chunks of 400 rows, each in
   * batches of 150 (the last of a chunk smaller). */
  g_assert_cmpuint (rows, >=, 990);
  g_assert_cmpuint (sf_bulk_job_get_records_received (job), ==, rows);
  g_assert_cmpuint (batches, ==, 3 + 3 + (rows - 800 + 149) / 150);
  sim_reset ();
}

static void
test_bulk_failure_and_abort (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfSoqlBuilder) builder = account_builder ();
  g_autoptr(SfBulkJob) failed = NULL;
  g_autoptr(SfBulkJob) aborted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) slow = NULL;
  g_autoptr(JsonNode) fast = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) fault = sim_control ("POST", "/_sim/faults",
                                           "{\"kind\":\"bulk-failed\",\"times\":1,\"path\":\"*/jobs/query*\"}");

  failed = create_job (client, builder, &error);
  g_assert_no_error (error);
  g_assert_false (wait_job (failed, &error));
  g_assert_error (error, SF_ERROR, SF_ERROR_BULK_JOB_FAILED);
  g_clear_error (&error);
  sim_reset ();

  /* A job that takes long, so that it is still running when aborted. */
  slow = sim_control ("POST", "/_sim/config", "{\"bulkDelayMs\":600000}");
  aborted = create_job (client, builder, &error);
  g_assert_no_error (error);
  sf_bulk_job_abort_async (aborted, NULL, result_cb, &result);
  g_assert_true (sf_bulk_job_abort_finish (aborted, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_false (wait_job (aborted, &error));
  g_assert_error (error, SF_ERROR, SF_ERROR_BULK_JOB_ABORTED);
  fast = sim_control ("POST", "/_sim/config", "{\"bulkDelayMs\":20}");
}

static void
test_bulk_compound_fields (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfSoqlBuilder) typed = sf_soql_builder_new ("Account");
  g_autoptr(SfSoqlBuilder) untyped = sf_soql_builder_new ("Account");
  g_autoptr(SfBulkJob) job = NULL;
  g_autoptr(SfBulkJob) job2 = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unsupported = NULL;
  guint64 sent = sf_client_get_requests_sent (client);

  sf_soql_builder_add_field (typed, "Id", SF_FIELD_TYPE_ID);
  sf_soql_builder_add_field (typed, "BillingAddress", SF_FIELD_TYPE_ADDRESS);
  unsupported = sf_soql_builder_get_bulk_unsupported_fields (typed);
  g_assert_cmpstrv (unsupported, ((const char *[]) { "BillingAddress", NULL }));

  /* Known from the describe: refused before anything is sent. */
  job = create_job (client, typed, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (sf_client_get_requests_sent (client), ==, sent);
  g_clear_error (&error);

  /* Unknown: Salesforce's own error. */
  sf_soql_builder_add_field (untyped, "Id", SF_FIELD_TYPE_ID);
  sf_soql_builder_add_field (untyped, "BillingAddress", SF_FIELD_TYPE_UNKNOWN);
  job2 = create_job (client, untyped, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_BULK_API_ERROR);
  g_assert_cmpstr (error->message, ==, "Selecting compound data not supported in Bulk Query");
}

/*
 * Logging
 */

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_mutex);
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      {
        g_string_append_len (captured_log, fields[i].value,
                             fields[i].length < 0 ? (gssize) strlen (fields[i].value) : fields[i].length);
        g_string_append_c (captured_log, '\n');
      }
  g_mutex_unlock (&log_mutex);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

/* Sign-in, refresh and requests with every debug message on: no token,
 * code or password appears in any of them. Runs last, over everything the
 * other tests logged too. */
static void
test_no_secrets_in_log (void)
{
  g_autoptr(SfClient) client = browser_client ();
  g_autoptr(SfToken) first = NULL;
  g_autoptr(SfLimits) limits = NULL;
  g_autoptr(JsonNode) expired = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *access = NULL;
  SfToken *token;

  first = browser_sign_in (client, "normal", 30, NULL, &error);
  g_assert_no_error (error);
  access = g_strdup (sf_token_get_access_token (first));
  expired = sim_control ("POST", "/_sim/tokens/expire", "{}");
  limits = get_limits (client, &error);
  g_assert_no_error (error);
  token = sf_client_get_token (client);

  g_mutex_lock (&log_mutex);
  g_assert_cmpuint (captured_log->len, >, 0);
  g_assert_nonnull (strstr (captured_log->str, "→ GET"));
  g_assert_null (strstr (captured_log->str, access));
  g_assert_null (strstr (captured_log->str, sf_token_get_access_token (token)));
  g_assert_null (strstr (captured_log->str, sf_token_get_refresh_token (token)));
  g_assert_null (strstr (captured_log->str, "demo1234"));
  g_assert_null (strstr (captured_log->str, "DEMOTOKEN"));
  g_assert_null (strstr (captured_log->str, "app-secret-value"));
  g_assert_null (strstr (captured_log->str, "code_verifier="));
  g_assert_null (strstr (captured_log->str, "Bearer"));
  g_mutex_unlock (&log_mutex);
}

int
main (int   argc,
      char *argv[])
{
  const char * const args[] = {
    "--records", "Account=1000,Contact=1200",
    "--callback-any-loopback",
    "--client-id", "OrgSyncTestApp",
    "--client-secret", "app-secret-value",
    "--bulk-delay", "20",
    "--locator-lifetime", "3600",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *browser = NULL;
  g_autofree char *dir = g_path_get_dirname (argv[0]);
  int ret;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

  /* Built next to this test. */
  browser = g_build_filename (dir, "sf-test-browser", NULL);
  g_setenv ("ORGSYNC_BROWSER", browser, TRUE);

  sim = sim_server_new ();
  if (!sim_server_configure (sim, args, &error) || !sim_server_start (sim, &error))
    g_error ("Cannot start the simulator: %s", error->message);
  base_url = sim_server_get_base_url (sim);
  control = soup_session_new ();

  g_test_add_func ("/sf/client/oauth/browser", test_browser_flow);
  g_test_add_func ("/sf/client/oauth/browser-rejections", test_browser_flow_rejections);
  g_test_add_func ("/sf/client/oauth/browser-wrong-path-and-replay", test_browser_flow_wrong_path_and_replay);
  g_test_add_func ("/sf/client/oauth/browser-reused-code", test_browser_flow_reused_code);
  g_test_add_func ("/sf/client/oauth/browser-timeout-and-cancel", test_browser_flow_timeout_and_cancel);
  g_test_add_func ("/sf/client/oauth/browser-port-in-use", test_browser_flow_port_in_use);
  g_test_add_func ("/sf/client/oauth/browser-default-client", test_browser_flow_default_client);
  g_test_add_func ("/sf/client/oauth/browser-own-app", test_browser_flow_own_app);
  g_test_add_func ("/sf/client/oauth/password", test_password_flow);
  g_test_add_func ("/sf/client/oauth/refresh-shared", test_refresh_shared);
  g_test_add_func ("/sf/client/oauth/refresh-revoked", test_refresh_revoked);
  g_test_add_func ("/sf/client/oauth/revoke", test_revoke);
  g_test_add_func ("/sf/client/rest/versions-and-describe", test_versions_and_describe);
  g_test_add_func ("/sf/client/rest/composite-limits", test_composite_limits);
  g_test_add_func ("/sf/client/rest/query-paging", test_query_paging);
  g_test_add_func ("/sf/client/rest/query-locator-restart", test_query_locator_restart);
  g_test_add_func ("/sf/client/rest/query-errors", test_query_errors);
  g_test_add_func ("/sf/client/rest/permission-errors", test_permission_errors);
  g_test_add_func ("/sf/client/rest/permission-queries", test_permission_queries);
  g_test_add_func ("/sf/client/rest/record-counts", test_record_counts);
  g_test_add_func ("/sf/client/rest/retries", test_retries);
  g_test_add_func ("/sf/client/rest/request-filter", test_request_filter);
  g_test_add_func ("/sf/client/rest/usage-tracking", test_usage_tracking);
  g_test_add_func ("/sf/client/rest/updated-deleted", test_updated_deleted);
  g_test_add_func ("/sf/client/bulk/happy-path", test_bulk_happy_path);
  g_test_add_func ("/sf/client/bulk/batches", test_bulk_batches);
  g_test_add_func ("/sf/client/bulk/failure-and-abort", test_bulk_failure_and_abort);
  g_test_add_func ("/sf/client/bulk/compound-fields", test_bulk_compound_fields);
  g_test_add_func ("/sf/client/zz/no-secrets-in-log", test_no_secrets_in_log);

  ret = g_test_run ();

  g_object_unref (control);
  sim_server_stop (sim);
  g_object_unref (sim);
  g_string_free (captured_log, TRUE);

  return ret;
}
