/* test-oauth.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-test-util.h"
#include "sim-util.h"

/* The web-server flow with PKCE, the token grants, revoke, userinfo and
 * the identity URL. */

#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-this-is-a-long-enough-verifier"
#define REDIRECT "http://127.0.0.1:45678/callback"

static SimServer *server;
static SoupSession *session;
static const char *base;

static SimTestResponse *
token_request (const char *form)
{
  g_autofree char *url = g_strconcat (base, "/services/oauth2/token", NULL);

  return sim_test_request (session, "POST", url, NULL, "application/x-www-form-urlencoded", form, NULL);
}

static void
assert_oauth_error (SimTestResponse *response,
                    const char      *error,
                    const char      *description)
{
  JsonObject *object = sim_test_object (response);

  g_assert_cmpuint (response->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, error);
  if (description != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "error_description"), ==, description);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
}

/* Follows the authorize redirect and returns the code from it. */
static char *
authorize (const char *client_id,
           const char *redirect,
           const char *challenge,
           const char *extra)
{
  g_autofree char *escaped_redirect = g_uri_escape_string (redirect, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/services/oauth2/authorize?response_type=code&client_id=%s"
                                          "&redirect_uri=%s&code_challenge=%s&state=s%%26t&scope=api%%20refresh_token%s",
                                          base, client_id, escaped_redirect, challenge, extra ? extra : "");
  g_autoptr(SimTestResponse) response = sim_test_request (session, "GET", url, NULL, NULL, NULL, NULL);
  g_autoptr(GUri) location = NULL;
  g_autoptr(GHashTable) params = NULL;

  g_assert_cmpuint (response->status, ==, 302);
  location = g_uri_parse (soup_message_headers_get_one (response->headers, "Location"), G_URI_FLAGS_ENCODED, NULL);
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (response->headers, "Location"), redirect));
  params = soup_form_decode (g_uri_get_query (location));
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "s&t");
  return g_strdup (g_hash_table_lookup (params, "code"));
}

static char *
code_form (const char *code,
           const char *secret,
           const char *redirect,
           const char *verifier)
{
  g_autofree char *escaped = g_uri_escape_string (code, NULL, FALSE);
  g_autoptr(GString) form = g_string_new ("grant_type=authorization_code&client_id=OrgSyncTest");

  g_string_append_printf (form, "&code=%s&client_secret=%s&redirect_uri=%s", escaped, secret, redirect);
  if (verifier != NULL)
    g_string_append_printf (form, "&code_verifier=%s", verifier);
  return g_string_free (g_steal_pointer (&form), FALSE);
}

static void
test_pkce_flow (void)
{
  g_autofree char *challenge = sim_base64url_sha256 (VERIFIER);
  g_autofree char *code = authorize ("OrgSyncTest", REDIRECT, challenge, NULL);
  g_autofree char *form = NULL;
  g_autofree char *refresh_form = NULL;
  g_autoptr(SimTestResponse) tokens = NULL;
  g_autoptr(SimTestResponse) again = NULL;
  g_autoptr(SimTestResponse) refreshed = NULL;
  g_autoptr(SimTestResponse) limits = NULL;
  JsonObject *object;
  const char *issued_at;

  g_assert_true (g_str_has_suffix (code, "=="));
  form = code_form (code, "s3cret", REDIRECT, VERIFIER);
  tokens = token_request (form);
  g_assert_cmpuint (tokens->status, ==, 200);
  object = sim_test_object (tokens);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "access_token"), "00D"));
  g_assert_nonnull (json_object_get_string_member (object, "refresh_token"));
  g_assert_cmpstr (json_object_get_string_member (object, "instance_url"), ==, base);
  g_assert_cmpstr (json_object_get_string_member (object, "token_type"), ==, "Bearer");
  g_assert_false (json_object_has_member (object, "expires_in"));
  /* issued_at is a string of milliseconds. */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "issued_at")), ==, G_TYPE_STRING);
  issued_at = json_object_get_string_member (object, "issued_at");
  g_assert_cmpuint (strlen (issued_at), ==, 13);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "id"), base));

  /* Codes are single-use. */
  again = token_request (form);
  assert_oauth_error (again, "invalid_grant", NULL);

  refresh_form = g_strdup_printf ("grant_type=refresh_token&client_id=OrgSyncTest&client_secret=s3cret&refresh_token=%s",
                                  json_object_get_string_member (object, "refresh_token"));
  refreshed = token_request (refresh_form);
  g_assert_cmpuint (refreshed->status, ==, 200);
  g_assert_false (json_object_has_member (sim_test_object (refreshed), "refresh_token"));
  limits = sim_test_get (session, base, json_object_get_string_member (sim_test_object (refreshed), "access_token"),
                         "/services/data/v61.0/limits");
  g_assert_cmpuint (limits->status, ==, 200);
}

static void
test_pkce_errors (void)
{
  g_autofree char *challenge = sim_base64url_sha256 (VERIFIER);
  g_autofree char *code1 = authorize ("OrgSyncTest", REDIRECT, challenge, NULL);
  g_autofree char *code2 = authorize ("OrgSyncTest", REDIRECT, challenge, NULL);
  g_autofree char *code3 = authorize ("OrgSyncTest", REDIRECT, challenge, NULL);
  g_autofree char *wrong = code_form (code1, "s3cret", REDIRECT, "wrong-verifier");
  g_autofree char *missing = code_form (code2, "s3cret", REDIRECT, NULL);
  g_autofree char *bad_secret = code_form (code3, "nope", REDIRECT, VERIFIER);
  g_autofree char *bad_redirect = code_form (code3, "s3cret", "http://evil/", VERIFIER);
  g_autoptr(SimTestResponse) r1 = token_request (wrong);
  g_autoptr(SimTestResponse) r2 = token_request (missing);
  g_autoptr(SimTestResponse) r3 = token_request (bad_secret);
  g_autoptr(SimTestResponse) r4 = token_request (bad_redirect);
  g_autoptr(SimTestResponse) r5 = token_request ("grant_type=client_credentials&client_id=OrgSyncTest");
  g_autoptr(SimTestResponse) r6 = token_request ("grant_type=password&client_id=Nobody&username=x&password=y");

  assert_oauth_error (r1, "invalid_request", NULL);
  assert_oauth_error (r2, "invalid_grant", NULL);
  assert_oauth_error (r3, "invalid_client", "invalid client credentials");
  assert_oauth_error (r4, "redirect_uri_mismatch", NULL);
  assert_oauth_error (r5, "unsupported_grant_type", NULL);
  assert_oauth_error (r6, "invalid_client_id", NULL);
}

static void
test_authorize_checks (void)
{
  g_autofree char *bad_redirect = g_strdup_printf ("%s/services/oauth2/authorize?response_type=code&client_id=PlatformCLI"
                                                   "&redirect_uri=http%%3A%%2F%%2Flocalhost%%3A1718%%2FOauthRedirect", base);
  g_autofree char *consent = g_strdup_printf ("%s/services/oauth2/authorize?response_type=code&client_id=PlatformCLI"
                                              "&redirect_uri=http%%3A%%2F%%2Flocalhost%%3A1717%%2FOauthRedirect"
                                              "&prompt=consent&state=x", base);
  g_autofree char *deny_url = g_strconcat (base, "/services/oauth2/authorize", NULL);
  g_autoptr(SimTestResponse) r1 = sim_test_request (session, "GET", bad_redirect, NULL, NULL, NULL, NULL);
  g_autoptr(SimTestResponse) r2 = sim_test_request (session, "GET", consent, NULL, NULL, NULL, NULL);
  g_autoptr(SimTestResponse) r3 = NULL;
  g_autofree char *code = NULL;

  /* PlatformCLI only knows port 1717. */
  g_assert_cmpuint (r1->status, ==, 400);
  g_assert_nonnull (strstr (sim_test_body (r1), "redirect_uri_mismatch"));

  g_assert_cmpuint (r2->status, ==, 200);
  g_assert_nonnull (strstr (sim_test_body (r2), "Allow"));

  r3 = sim_test_request (session, "POST", deny_url, NULL, "application/x-www-form-urlencoded",
                         "response_type=code&client_id=PlatformCLI&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect"
                         "&state=x&decision=deny", NULL);
  g_assert_cmpuint (r3->status, ==, 302);
  g_assert_nonnull (strstr (soup_message_headers_get_one (r3->headers, "Location"), "error=access_denied"));

  /* The default client's own callback works without any option. */
  code = authorize ("PlatformCLI", "http://localhost:1717/OauthRedirect", "abc", NULL);
  g_assert_nonnull (code);
}

static void
test_password_grant (void)
{
  g_autoptr(SimTestResponse) ok = token_request ("grant_type=password&client_id=OrgSyncTest&client_secret=s3cret"
                                                 "&username=demo%40orgsync.test&password=demo1234DEMOTOKEN");
  g_autoptr(SimTestResponse) no_token = token_request ("grant_type=password&client_id=OrgSyncTest&client_secret=s3cret"
                                                       "&username=demo%40orgsync.test&password=demo1234");
  g_autoptr(SimTestResponse) off = NULL;
  g_autoptr(SimTestResponse) blocked = NULL;
  g_autoptr(SimTestResponse) on = NULL;

  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_false (json_object_has_member (sim_test_object (ok), "refresh_token"));
  assert_oauth_error (no_token, "invalid_grant", "authentication failure");

  off = sim_test_control (session, base, "/permissions", "{\"passwordGrant\": false}");
  blocked = token_request ("grant_type=password&client_id=OrgSyncTest&client_secret=s3cret"
                           "&username=demo%40orgsync.test&password=demo1234DEMOTOKEN");
  assert_oauth_error (blocked, "invalid_grant", "authentication failure");
  on = sim_test_control (session, base, "/permissions", "{\"passwordGrant\": true}");
}

static void
test_revoke_and_identity (void)
{
  g_autofree char *challenge = sim_base64url_sha256 (VERIFIER);
  g_autofree char *code = authorize ("OrgSyncTest", REDIRECT, challenge, NULL);
  g_autofree char *form = code_form (code, "s3cret", REDIRECT, VERIFIER);
  g_autoptr(SimTestResponse) tokens = token_request (form);
  const char *access = json_object_get_string_member (sim_test_object (tokens), "access_token");
  const char *refresh = json_object_get_string_member (sim_test_object (tokens), "refresh_token");
  const char *id_url = json_object_get_string_member (sim_test_object (tokens), "id");
  g_autofree char *revoke_url = g_strconcat (base, "/services/oauth2/revoke", NULL);
  g_autofree char *revoke_form = g_strdup_printf ("token=%s", refresh);
  g_autofree char *refresh_form = g_strdup_printf ("grant_type=refresh_token&client_id=OrgSyncTest"
                                                   "&client_secret=s3cret&refresh_token=%s", refresh);
  g_autoptr(SimTestResponse) identity = sim_test_request (session, "GET", id_url, access, NULL, NULL, NULL);
  g_autoptr(SimTestResponse) userinfo = sim_test_get (session, base, access, "/services/oauth2/userinfo");
  g_autoptr(SimTestResponse) revoked = NULL;
  g_autoptr(SimTestResponse) again = NULL;
  g_autoptr(SimTestResponse) after = NULL;
  g_autoptr(SimTestResponse) refresh_after = NULL;
  JsonObject *urls;

  g_assert_cmpuint (identity->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (identity), "username"), ==, "demo@orgsync.test");
  urls = json_object_get_object_member (sim_test_object (identity), "urls");
  g_assert_nonnull (strstr (json_object_get_string_member (urls, "rest"), "{version}"));
  g_assert_cmpuint (userinfo->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (userinfo), "preferred_username"), ==,
                   "demo@orgsync.test");
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (userinfo), "sub"), ==, id_url);

  /* Revoking the refresh token revokes its access tokens. */
  revoked = sim_test_request (session, "POST", revoke_url, NULL, "application/x-www-form-urlencoded", revoke_form, NULL);
  g_assert_cmpuint (revoked->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (revoked->body), ==, 0);
  after = sim_test_get (session, base, access, "/services/data/v61.0/limits");
  g_assert_cmpuint (after->status, ==, 401);
  refresh_after = token_request (refresh_form);
  assert_oauth_error (refresh_after, "invalid_grant", "expired access/refresh token");
  again = sim_test_request (session, "POST", revoke_url, NULL, "application/x-www-form-urlencoded", revoke_form, NULL);
  assert_oauth_error (again, "invalid_token", NULL);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = sim_test_start_server ("--client-id", "OrgSyncTest", "--client-secret", "s3cret",
                                  "--callback", "http://127.0.0.1/unused", "--callback-any-loopback",
                                  "--records", "Account=10,Contact=10,Lead=10,Opportunity=10", NULL);
  session = sim_test_session ();
  base = sim_server_get_base_url (server);

  g_test_add_func ("/sim/oauth/pkce-flow", test_pkce_flow);
  g_test_add_func ("/sim/oauth/pkce-errors", test_pkce_errors);
  g_test_add_func ("/sim/oauth/authorize-checks", test_authorize_checks);
  g_test_add_func ("/sim/oauth/password-grant", test_password_grant);
  g_test_add_func ("/sim/oauth/revoke-identity", test_revoke_and_identity);

  ret = g_test_run ();
  g_object_unref (session);
  g_object_unref (server);
  return ret;
}
