/* test-sf-tls.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sf-client.h"
#include "sim-server.h"

/* Where a token may go (issue 8): over TLS with a certificate the client
 * trusts, or over plain HTTP on loopback only. Against orgsync-sim in HTTPS
 * mode with the self-signed test certificate of tests/sim/data (test data,
 * not a secret), and in HTTP mode with its instance-url fault. */

#define USERNAME "demo@orgsync.test"
#define PASSWORD "demo1234"
#define SECURITY_TOKEN "DEMOTOKEN"

static char *cert_file;
static char *key_file;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static SimServer *
start_sim (const char *first_arg,
           ...) G_GNUC_NULL_TERMINATED;

static SimServer *
start_sim (const char *first_arg,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  SimServer *sim = sim_server_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  if (!sim_server_configure (sim, (const char * const *) args->pdata, &error) ||
      !sim_server_start (sim, &error))
    g_error ("Cannot start the simulator: %s", error->message);

  return sim;
}

static SfToken *
password_sign_in (SfClient  *client,
                  GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_client_sign_in_with_password_async (client, USERNAME, PASSWORD, SECURITY_TOKEN,
                                         NULL, result_cb, &result);
  return sf_client_sign_in_with_password_finish (client, wait_for (&result), error);
}

/* The simulator's own count of requests that reached its handlers: a TLS
 * handshake that failed never gets there. */
static gint64
sim_calls (SoupSession *control,
           const char  *base_url,
           const char  *key)
{
  g_autofree char *url = g_strconcat (base_url, "/_sim/stats", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *stats;

  body = soup_session_send_and_read (control, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  stats = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (stats, key))
    return 0;

  return json_object_get_int_member (json_object_get_object_member (stats, key), "calls");
}

static gboolean
tls_testable (void)
{
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("glib-networking is not installed");
      return FALSE;
    }
#if defined(__SANITIZE_ADDRESS__)
  /* LeakSanitizer's tracer crashes at exit after GnuTLS handshakes on
   * Debian 12 (as in tests/sim/test-tls.c); valgrind covers this test. */
  g_test_skip ("TLS is not checked under AddressSanitizer");
  return FALSE;
#endif
  return TRUE;
}

/* An untrusted (self-signed) certificate: refused, with a message that says
 * whose certificate, before any credential is sent, and not retried. */
static void
test_untrusted_certificate (void)
{
  g_autoptr(SimServer) sim = NULL;
  g_autoptr(SfClient) client = NULL;
  g_autoptr(SfToken) token = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) control = NULL;
  g_autoptr(GError) error = NULL;
  const char *base_url;

  if (!tls_testable ())
    return;

  sim = start_sim ("--tls-cert", cert_file, "--tls-key", key_file, "--records", "Account=5", NULL);
  base_url = sim_server_get_base_url (sim);
  g_assert_true (g_str_has_prefix (base_url, "https://127.0.0.1:"));

  client = sf_client_new (base_url, &error);
  g_assert_no_error (error);
  sf_client_set_retry_policy (client, 5, 1, 10, 10000);
  token = password_sign_in (client, &error);

  g_assert_null (token);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "certificate of 127.0.0.1 is not trusted"));
  g_assert_null (sf_client_get_token (client));
  g_assert_cmpuint (sf_client_get_requests_sent (client), ==, 1);

  /* The password never reached the server. */
  g_clear_error (&error);
  database = g_tls_file_database_new (cert_file, &error);
  g_assert_no_error (error);
  control = soup_session_new_with_options ("tls-database", database, NULL);
  g_assert_cmpint (sim_calls (control, base_url, "POST /services/oauth2/token"), ==, 0);
}

/* The same server, once its certificate is trusted: sign-in and REST work. */
static void
test_trusted_certificate (void)
{
  g_autoptr(SimServer) sim = NULL;
  g_autoptr(SfClient) client = NULL;
  g_autoptr(SfToken) token = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SfGlobalDescribe) global = NULL;
  g_autoptr(GError) error = NULL;
  const char *base_url;

  if (!tls_testable ())
    return;

  sim = start_sim ("--tls-cert", cert_file, "--tls-key", key_file, "--records", "Account=5", NULL);
  base_url = sim_server_get_base_url (sim);
  database = g_tls_file_database_new (cert_file, &error);
  g_assert_no_error (error);

  client = sf_client_new (base_url, &error);
  g_assert_no_error (error);
  sf_client_set_tls_database (client, database);
  token = password_sign_in (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sf_token_get_instance_url (token), ==, base_url);

  sf_client_describe_global_async (client, NULL, NULL, result_cb, &result);
  global = sf_client_describe_global_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sf_global_describe_find_sobject (global, "Account"));
}

/* Plain HTTP is for loopback only, whatever the spelling. */
static void
test_insecure_login_urls (void)
{
  const char * const refused[] = {
    "http://login.salesforce.com",
    "http://acme.my.salesforce.com:443",
    "HTTP://test.salesforce.com/",
    "http://10.0.0.1:8080",
    "http://[2001:db8::1]",
    "http://localhost.example.com",
    "http://127.0.0.1.nip.io",
  };
  const char * const accepted[] = {
    "http://127.0.0.1:8080", "http://localhost:1717", "http://[::1]:9000", "https://login.salesforce.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SfClient) client = sf_client_new (refused[i], &error);

      g_test_message ("%s", refused[i]);
      g_assert_null (client);
      g_assert_error (error, SF_ERROR, SF_ERROR_INSECURE_URL);
      g_assert_nonnull (strstr (error->message, "HTTPS"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SfClient) client = sf_client_new (accepted[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (client);
    }
}

static void
add_fault (SoupSession *control,
           const char  *base_url,
           const char  *json)
{
  g_autofree char *url = g_strconcat (base_url, "/_sim/faults", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/json", request);
  body = soup_session_send_and_read (control, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
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

/* A token response that names a non-loopback http:// instance: no session
 * is made from it, neither at sign-in nor at a refresh. */
static void
test_insecure_instance_url (void)
{
  g_autoptr(SimServer) sim = start_sim ("--records", "Account=5", "--callback-any-loopback", NULL);
  const char *base_url = sim_server_get_base_url (sim);
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/OauthRedirect", free_port ());
  g_autoptr(SoupSession) control = soup_session_new ();
  g_autoptr(SfClient) client = NULL;
  g_autoptr(SfToken) refused = NULL;
  g_autoptr(SfToken) token = NULL;
  g_autoptr(SfToken) refreshed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;

  client = sf_client_new (base_url, &error);
  g_assert_no_error (error);
  sf_client_set_retry_policy (client, 1, 1, 1, 1000);
  sf_client_set_oauth_app (client, NULL, NULL, redirect);

  /* A session with a refresh token, from the browser flow. */
  sf_client_sign_in_with_browser_async (client, NULL, 30, NULL, result_cb, &result);
  token = sf_client_sign_in_with_browser_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sf_token_get_refresh_token (token));

  add_fault (control, base_url,
             "{\"kind\":\"instance-url\",\"path\":\"/services/oauth2/token\","
             "\"instanceUrl\":\"http://na1.example.com\"}");

  sf_client_refresh_token_async (client, NULL, result_cb, &result2);
  refreshed = sf_client_refresh_token_finish (client, wait_for (&result2), &error);
  g_assert_null (refreshed);
  /* A refresh that cannot succeed asks for a new sign-in, and says why. */
  g_assert_error (error, SF_ERROR, SF_ERROR_REAUTHORIZATION_REQUIRED);
  g_assert_true (g_str_has_prefix (error->message, "INSECURE_URL: "));
  g_assert_nonnull (strstr (error->message, "http://na1.example.com"));
  g_assert_true (sf_client_get_token (client) == token);

  /* And a new sign-in gets no session at all. */
  g_clear_error (&error);
  refused = password_sign_in (client, &error);
  g_assert_null (refused);
  g_assert_error (error, SF_ERROR, SF_ERROR_INSECURE_URL);
  g_assert_true (sf_client_get_token (client) == token);
  g_assert_cmpstr (sf_token_get_instance_url (sf_client_get_token (client)), ==, base_url);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_path_get_dirname (argv[0]);
  g_autofree char *browser = g_build_filename (dir, "sf-test-browser", NULL);
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* Stands in for the person at the browser; built next to this test. */
  g_setenv ("ORGSYNC_BROWSER", browser, TRUE);
  g_setenv ("ORGSYNC_TEST_BROWSER_MODE", "normal", TRUE);
  cert_file = g_build_filename (SF_TEST_SIM_DATA_DIR, "test-cert.pem", NULL);
  key_file = g_build_filename (SF_TEST_SIM_DATA_DIR, "test-key.pem", NULL);

  g_test_add_func ("/sf/tls/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/sf/tls/trusted-certificate", test_trusted_certificate);
  g_test_add_func ("/sf/tls/insecure-login-urls", test_insecure_login_urls);
  g_test_add_func ("/sf/tls/insecure-instance-url", test_insecure_instance_url);

  ret = g_test_run ();
  g_free (cert_file);
  g_free (key_file);
  return ret;
}
