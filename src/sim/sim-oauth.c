/* sim-oauth.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-server-private.h"
#include "sim-util.h"

/* OAuth 2.0 as Salesforce does it: token errors are {"error",
 * "error_description"} with HTTP 400, issued_at is a string of
 * milliseconds, and there is no expires_in. */

void
sim_oauth_free_token (SimAccessToken *token)
{
  g_free (token->token);
  g_free (token->refresh);
  g_free (token->client_id);
  g_free (token->scope);
  g_free (token);
}

void
sim_oauth_free_refresh (SimRefreshToken *token)
{
  g_free (token->token);
  g_free (token->client_id);
  g_free (token->scope);
  g_free (token);
}

void
sim_oauth_free_code (SimAuthCode *code)
{
  g_free (code->code);
  g_free (code->client_id);
  g_free (code->redirect_uri);
  g_free (code->challenge);
  g_free (code->scope);
  g_free (code);
}

void
sim_oauth_free_issued (SimIssued *issued)
{
  g_free (issued->value);
  g_free (issued);
}

void
sim_oauth_record_issued (SimServer  *self,
                         const char *kind,
                         const char *value)
{
  SimIssued *issued = g_new0 (SimIssued, 1);

  issued->kind = kind;
  issued->value = g_strdup (value);
  g_ptr_array_add (self->issued, issued);
}

static void
oauth_error (SimRequest *req,
             const char *error,
             const char *description)
{
  GString *body = g_string_new ("{\"error\":");

  sim_json_append_string (body, error, -1);
  g_string_append (body, ",\"error_description\":");
  sim_json_append_string (body, description, -1);
  g_string_append_c (body, '}');
  sim_request_json (req, 400, body);
}

static char *
identity_url (SimServer *self)
{
  char user_id[19];

  sim_make_id (user_id, "005", 1);
  return g_strdup_printf ("%s/id/%s/%s", self->base_url, self->store->org_id, user_id);
}

static gboolean
is_loopback_redirect (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (parsed == NULL || g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0)
    return FALSE;
  host = g_uri_get_host (parsed);
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0;
}

static gboolean
redirect_allowed (SimServer  *self,
                  SimClient  *client,
                  const char *redirect_uri)
{
  if (redirect_uri == NULL)
    return FALSE;
  for (guint i = 0; i < client->callbacks->len; i++)
    if (g_str_equal (g_ptr_array_index (client->callbacks, i), redirect_uri))
      return TRUE;
  return client->any_loopback && is_loopback_redirect (redirect_uri);
}

static void
redirect_to (SimRequest *req,
             const char *redirect_uri,
             const char *first_key,
             ...)
{
  g_autoptr(GString) location = g_string_new (redirect_uri);
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  g_string_append_c (location, strchr (redirect_uri, '?') ? '&' : '?');
  while (key != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

          if (location->str[location->len - 1] != '?' && location->str[location->len - 1] != '&')
            g_string_append_c (location, '&');
          g_string_append_printf (location, "%s=%s", key, escaped);
        }
      key = va_arg (args, const char *);
    }
  va_end (args);

  req->status = 302;
  req->response_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_replace (req->response_headers, "Location", location->str);
  req->content_type = "text/html";
  req->response = g_string_new ("<html><body>Redirecting…</body></html>\n");
}

static void
html_page (SimRequest *req,
           guint       status,
           GString    *page)
{
  req->status = status;
  req->content_type = "text/html;charset=UTF-8";
  req->response = page;
}

static void
issue_code (SimRequest *req,
            SimClient  *client,
            const char *redirect_uri)
{
  SimServer *self = req->server;
  SimAuthCode *code = g_new0 (SimAuthCode, 1);
  g_autofree char *random = sim_random_token (48);

  /* Real codes are opaque base64 that often end in "==". */
  code->code = g_strconcat ("aPrx", random, "==", NULL);
  code->client_id = g_strdup (client->id);
  code->redirect_uri = g_strdup (redirect_uri);
  code->challenge = g_strdup (sim_request_param (req, "code_challenge"));
  code->scope = g_strdup (sim_request_param (req, "scope"));
  code->expires_ms = sim_server_now (self) + 15 * 60 * 1000;
  g_hash_table_insert (self->codes, code->code, code);
  sim_oauth_record_issued (self, "code", code->code);

  redirect_to (req, redirect_uri, "code", code->code, "state", sim_request_param (req, "state"), NULL);
}

static void
consent_page (SimRequest *req,
              SimClient  *client)
{
  static const char *fields[] = { "response_type", "client_id", "redirect_uri", "code_challenge",
                                  "code_challenge_method", "state", "scope" };
  GString *page = g_string_new ("<!DOCTYPE html>\n<html><head><title>Allow Access?</title></head><body>\n");
  g_autofree char *client_html = g_markup_escape_text (client->id, -1);

  g_string_append_printf (page, "<h1>Allow Access?</h1>\n<p><b>%s</b> is asking to access your "
                          "basic information and manage your data (api, refresh_token).</p>\n"
                          "<form method=\"post\" action=\"/services/oauth2/authorize\">\n", client_html);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = sim_request_param (req, fields[i]);
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      escaped = g_markup_escape_text (value, -1);
      g_string_append_printf (page, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", fields[i], escaped);
    }
  g_string_append (page, "<button name=\"decision\" value=\"allow\" id=\"allow\">Allow</button>\n"
                         "<button name=\"decision\" value=\"deny\" id=\"deny\">Deny</button>\n"
                         "</form></body></html>\n");
  html_page (req, 200, page);
}

static void
handle_authorize (SimRequest *req)
{
  SimServer *self = req->server;
  const char *client_id = sim_request_param (req, "client_id");
  const char *redirect_uri = sim_request_param (req, "redirect_uri");
  const char *method = sim_request_param (req, "code_challenge_method");
  const char *prompt = sim_request_param (req, "prompt");
  const char *decision = sim_request_param (req, "decision");
  const char *state = sim_request_param (req, "state");
  SimClient *client = sim_server_find_client (self, client_id);

  /* With a bad client or callback Salesforce cannot redirect safely. */
  if (client == NULL)
    {
      html_page (req, 400, g_string_new ("<html><body><h1>error=invalid_client_id</h1>"
                                         "<p>error_description=client identifier invalid</p></body></html>\n"));
      return;
    }
  if (!redirect_allowed (self, client, redirect_uri))
    {
      html_page (req, 400, g_string_new ("<html><body><h1>error=redirect_uri_mismatch</h1>"
                                         "<p>error_description=redirect_uri must match configuration</p>"
                                         "</body></html>\n"));
      return;
    }
  if (g_strcmp0 (sim_request_param (req, "response_type"), "code") != 0)
    {
      redirect_to (req, redirect_uri, "error", "unsupported_response_type",
                   "error_description", "response type not supported", "state", state, NULL);
      return;
    }
  if (method != NULL && !g_str_equal (method, "S256"))
    {
      redirect_to (req, redirect_uri, "error", "invalid_request",
                   "error_description", "unsupported code_challenge_method", "state", state, NULL);
      return;
    }

  if (g_str_equal (req->method, "POST") && g_strcmp0 (decision, "deny") == 0)
    redirect_to (req, redirect_uri, "error", "access_denied",
                 "error_description", "end-user denied authorization", "state", state, NULL);
  else if (g_str_equal (req->method, "GET") && prompt != NULL && strstr (prompt, "consent") != NULL)
    consent_page (req, client);
  else
    issue_code (req, client, redirect_uri);
}

static void
client_credentials (SimRequest  *req,
                    const char **id_out,
                    const char **secret_out,
                    char       **basic_id,
                    char       **basic_secret)
{
  const char *auth = soup_message_headers_get_one (req->headers, "Authorization");

  *id_out = sim_request_param (req, "client_id");
  *secret_out = sim_request_param (req, "client_secret");

  if (auth != NULL && g_ascii_strncasecmp (auth, "Basic ", 6) == 0)
    {
      gsize len;
      g_autofree guchar *decoded = g_base64_decode (auth + 6, &len);
      g_autofree char *text = g_strndup ((const char *) decoded, len);
      char *colon = strchr (text, ':');

      if (colon != NULL)
        {
          *colon = '\0';
          *basic_id = g_uri_unescape_string (text, NULL);
          *basic_secret = g_uri_unescape_string (colon + 1, NULL);
          *id_out = *basic_id;
          *secret_out = *basic_secret;
        }
    }
}

static gboolean
check_client (SimRequest  *req,
              SimClient  **client_out)
{
  g_autofree char *basic_id = NULL;
  g_autofree char *basic_secret = NULL;
  const char *id, *secret;
  SimClient *client;

  client_credentials (req, &id, &secret, &basic_id, &basic_secret);
  client = sim_server_find_client (req->server, id);
  if (client == NULL)
    {
      oauth_error (req, "invalid_client_id", "client identifier invalid");
      return FALSE;
    }
  if (client->secret != NULL && g_strcmp0 (client->secret, secret) != 0)
    {
      oauth_error (req, "invalid_client", "invalid client credentials");
      return FALSE;
    }
  *client_out = client;
  return TRUE;
}

static void
token_response (SimRequest *req,
                SimClient  *client,
                const char *scope,
                const char *refresh,
                const char *parent_refresh)
{
  SimServer *self = req->server;
  SimAccessToken *token = g_new0 (SimAccessToken, 1);
  g_autofree char *random = sim_random_token (72);
  g_autofree char *id = identity_url (self);
  g_autofree char *issued = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *org15 = g_strndup (self->store->org_id, 15);
  const char *instance_url = self->base_url;
  SimFault *fault;
  GString *body = g_string_new ("{\"access_token\":");

  token->token = g_strdup_printf ("%s!%s", org15, random);
  token->refresh = g_strdup (parent_refresh);
  token->client_id = g_strdup (client->id);
  token->scope = g_strdup (scope);
  token->issued_ms = sim_server_now (self);
  token->expires_ms = token->issued_ms + self->config.token_lifetime_s * 1000;
  g_hash_table_insert (self->access_tokens, token->token, token);
  sim_oauth_record_issued (self, "accessToken", token->token);
  issued = g_strdup_printf ("%" G_GINT64_FORMAT, token->issued_ms);

  {
    g_autofree char *message = g_strconcat (id, issued, NULL);
    g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) (client->secret ? client->secret : ""),
                                         client->secret ? strlen (client->secret) : 0);
    guint8 digest[32];
    gsize len = sizeof digest;

    g_hmac_update (hmac, (const guchar *) message, -1);
    g_hmac_get_digest (hmac, digest, &len);
    signature = g_base64_encode (digest, len);
  }

  fault = sim_faults_match (self, req->method, req->path, SIM_FAULTS_TOKEN);
  if (fault != NULL && fault->kind == SIM_FAULT_INSTANCE_URL)
    instance_url = fault->instance_url ? fault->instance_url : "http://na1.example.com";

  sim_json_append_string (body, token->token, -1);
  if (refresh != NULL)
    {
      g_string_append (body, ",\"refresh_token\":");
      sim_json_append_string (body, refresh, -1);
    }
  g_string_append (body, ",\"signature\":");
  sim_json_append_string (body, signature, -1);
  g_string_append (body, ",\"scope\":");
  sim_json_append_string (body, scope, -1);
  g_string_append (body, ",\"instance_url\":");
  sim_json_append_string (body, instance_url, -1);
  g_string_append (body, ",\"id\":");
  sim_json_append_string (body, id, -1);
  g_string_append (body, ",\"token_type\":\"Bearer\",\"issued_at\":");
  sim_json_append_string (body, issued, -1);
  g_string_append_c (body, '}');
  sim_request_json (req, 200, body);
  sim_server_schedule_save (self);
}

static char *
new_refresh_token (SimServer  *self,
                   SimClient  *client,
                   const char *scope)
{
  SimRefreshToken *refresh = g_new0 (SimRefreshToken, 1);
  g_autofree char *random = sim_random_token (60);

  refresh->token = g_strconcat ("5Aep861", random, NULL);
  refresh->client_id = g_strdup (client->id);
  refresh->scope = g_strdup (scope);
  g_hash_table_insert (self->refresh_tokens, refresh->token, refresh);
  sim_oauth_record_issued (self, "refreshToken", refresh->token);
  return g_strdup (refresh->token);
}

static gboolean
wants_refresh (const char *scope)
{
  return scope == NULL || strstr (scope, "refresh_token") != NULL ||
         strstr (scope, "offline_access") != NULL || strstr (scope, "full") != NULL;
}

static void
grant_authorization_code (SimRequest *req,
                          SimClient  *client)
{
  SimServer *self = req->server;
  const char *code_text = sim_request_param (req, "code");
  const char *verifier = sim_request_param (req, "code_verifier");
  SimAuthCode *code = code_text ? g_hash_table_lookup (self->codes, code_text) : NULL;
  g_autofree char *refresh = NULL;
  const char *scope;

  /* Whatever the client sent, right or wrong: it is a secret it must not show. */
  if (verifier != NULL)
    sim_oauth_record_issued (self, "codeVerifier", verifier);

  if (code == NULL)
    {
      oauth_error (req, "invalid_grant", "invalid authorization code");
      return;
    }
  if (code->used || code->expires_ms < sim_server_now (self) || !g_str_equal (code->client_id, client->id))
    {
      oauth_error (req, "invalid_grant", "expired authorization code");
      return;
    }
  if (g_strcmp0 (code->redirect_uri, sim_request_param (req, "redirect_uri")) != 0)
    {
      oauth_error (req, "redirect_uri_mismatch", "redirect_uri must match configuration");
      return;
    }
  if (code->challenge != NULL)
    {
      g_autofree char *computed = NULL;

      if (verifier == NULL)
        {
          oauth_error (req, "invalid_grant", "invalid code verifier");
          return;
        }
      computed = sim_base64url_sha256 (verifier);
      if (!g_str_equal (computed, code->challenge))
        {
          oauth_error (req, "invalid_request", "invalid code verifier");
          return;
        }
    }

  code->used = TRUE;
  scope = code->scope ? code->scope : "refresh_token web api";
  if (wants_refresh (code->scope))
    refresh = new_refresh_token (self, client, scope);
  token_response (req, client, scope, refresh, refresh);
}

static void
grant_refresh_token (SimRequest *req,
                     SimClient  *client)
{
  SimServer *self = req->server;
  const char *text = sim_request_param (req, "refresh_token");
  SimRefreshToken *refresh = text ? g_hash_table_lookup (self->refresh_tokens, text) : NULL;
  g_autofree char *scope = NULL;

  if (refresh == NULL || !g_str_equal (refresh->client_id, client->id))
    {
      oauth_error (req, "invalid_grant", "expired access/refresh token");
      return;
    }

  /* No new refresh token: rotation is off, as on most connected apps. */
  scope = g_strdup (refresh->scope);
  token_response (req, client, scope, NULL, refresh->token);
}

static void
grant_password (SimRequest *req,
                SimClient  *client)
{
  SimServer *self = req->server;
  const char *username = sim_request_param (req, "username");
  const char *password = sim_request_param (req, "password");
  g_autofree char *expected = g_strconcat (self->config.password, self->config.security_token, NULL);

  if (self->config.no_password_grant || g_strcmp0 (username, self->config.username) != 0 ||
      g_strcmp0 (password, expected) != 0)
    {
      oauth_error (req, "invalid_grant", "authentication failure");
      return;
    }

  token_response (req, client, "api web", NULL, NULL);
}

static void
handle_token (SimRequest *req)
{
  const char *grant = sim_request_param (req, "grant_type");
  SimClient *client;

  if (!g_str_equal (req->method, "POST"))
    {
      sim_request_error (req, 405, "METHOD_NOT_ALLOWED", "HTTP Method 'GET' not allowed. Allowed are POST");
      return;
    }
  if (req->server->config.count_oauth)
    sim_counter_add (&req->server->counter, sim_server_now (req->server), 1);

  if (grant == NULL ||
      (!g_str_equal (grant, "authorization_code") && !g_str_equal (grant, "refresh_token") &&
       !g_str_equal (grant, "password")))
    {
      oauth_error (req, "unsupported_grant_type", "grant type not supported");
      return;
    }
  if (!check_client (req, &client))
    return;

  if (g_str_equal (grant, "authorization_code"))
    grant_authorization_code (req, client);
  else if (g_str_equal (grant, "refresh_token"))
    grant_refresh_token (req, client);
  else
    grant_password (req, client);
}

static void
handle_revoke (SimRequest *req)
{
  SimServer *self = req->server;
  const char *token = sim_request_param (req, "token");

  if (token != NULL && g_hash_table_remove (self->access_tokens, token))
    ;
  else if (token != NULL && g_hash_table_contains (self->refresh_tokens, token))
    {
      GHashTableIter iter;
      gpointer value;

      /* Revoking a refresh token revokes its access tokens too. */
      g_hash_table_iter_init (&iter, self->access_tokens);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (g_strcmp0 (((SimAccessToken *) value)->refresh, token) == 0)
          g_hash_table_iter_remove (&iter);
      g_hash_table_remove (self->refresh_tokens, token);
    }
  else
    {
      oauth_error (req, "invalid_token", "invalid token");
      return;
    }

  req->status = 200;
  req->content_type = "text/plain";
  req->response = g_string_new (NULL);
  sim_server_schedule_save (self);
}

SimAccessToken *
sim_oauth_authenticate (SimServer          *self,
                        SoupMessageHeaders *headers,
                        GHashTable         *query)
{
  const char *auth = headers ? soup_message_headers_get_one (headers, "Authorization") : NULL;
  const char *text = NULL;
  SimAccessToken *token;

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    text = auth + 7;
  else if (auth != NULL && g_ascii_strncasecmp (auth, "OAuth ", 6) == 0)
    text = auth + 6;
  else if (query != NULL)
    text = g_hash_table_lookup (query, "oauth_token");

  if (text == NULL)
    return NULL;
  while (*text == ' ')
    text++;

  token = g_hash_table_lookup (self->access_tokens, text);
  if (token == NULL || token->expires_ms <= sim_server_now (self))
    return NULL;

  /* Sessions extend with activity, as Salesforce's do. */
  token->expires_ms = MAX (token->expires_ms,
                           sim_server_now (self) + self->config.token_lifetime_s * 1000 / 2);
  return token;
}

static void
append_urls (GString   *body,
             SimServer *self)
{
  static const char *keys[][2] = {
    { "enterprise", "/services/Soap/c/{version}/%s" },
    { "metadata", "/services/Soap/m/{version}/%s" },
    { "partner", "/services/Soap/u/{version}/%s" },
    { "rest", "/services/data/v{version}/" },
    { "sobjects", "/services/data/v{version}/sobjects/" },
    { "search", "/services/data/v{version}/search/" },
    { "query", "/services/data/v{version}/query/" },
    { "recent", "/services/data/v{version}/recent/" },
    { "tooling_soap", "/services/Soap/T/{version}/%s" },
    { "tooling_rest", "/services/data/v{version}/tooling/" },
    { "profile", "/%s" },
    { "feeds", "/services/data/v{version}/chatter/feeds" },
    { "groups", "/services/data/v{version}/chatter/groups" },
    { "users", "/services/data/v{version}/chatter/users" },
    { "feed_items", "/services/data/v{version}/chatter/feed-items" },
    { "feed_elements", "/services/data/v{version}/chatter/feed-elements" },
  };
  char user_id[19];
  g_autofree char *org15 = g_strndup (self->store->org_id, 15);

  sim_make_id (user_id, "005", 1);
  g_string_append (body, "\"urls\":{");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *path = NULL;
      g_auto(GStrv) halves = g_strsplit (keys[i][1], "%s", 2);

      if (halves[1] != NULL)
        path = g_strconcat (halves[0], g_str_equal (keys[i][0], "profile") ? user_id : org15, halves[1], NULL);
      else
        path = g_strdup (keys[i][1]);
      g_string_append_printf (body, "%s\"%s\":\"%s%s\"", i ? "," : "", keys[i][0], self->base_url, path);
    }
  g_string_append_printf (body, ",\"custom_domain\":\"%s\"}", self->base_url);
}

static void
user_fields (GString   *body,
             SimServer *self)
{
  char user_id[19];

  sim_make_id (user_id, "005", 1);
  g_string_append_printf (body, "\"user_id\":\"%s\",\"organization_id\":\"%s\",", user_id, self->store->org_id);
  g_string_append (body, "\"email\":");
  sim_json_append_string (body, self->config.username, -1);
  g_string_append (body, ",\"email_verified\":true,\"active\":true,\"user_type\":\"STANDARD\","
                         "\"language\":\"en_US\",\"locale\":\"en_US\",\"utcOffset\":-28800000,"
                         "\"is_app_installed\":true,");
  g_string_append_printf (body, "\"photos\":{\"picture\":\"%s/profilephoto/005/F\",\"thumbnail\":\"%s/profilephoto/005/T\"},",
                          self->base_url, self->base_url);
  append_urls (body, self);
}

static void
handle_userinfo (SimRequest *req)
{
  SimServer *self = req->server;
  g_autofree char *id = identity_url (self);
  GString *body;

  req->token = sim_oauth_authenticate (self, req->headers, req->query);
  if (req->token == NULL)
    {
      sim_request_error (req, 401, "INVALID_SESSION_ID", "Session expired or invalid");
      return;
    }
  if (self->config.count_oauth)
    sim_counter_add (&self->counter, sim_server_now (self), 1);

  body = g_string_new ("{\"sub\":");
  sim_json_append_string (body, id, -1);
  g_string_append (body, ",\"preferred_username\":");
  sim_json_append_string (body, self->config.username, -1);
  g_string_append (body, ",\"nickname\":\"demo\",\"name\":\"Demo Admin\",\"given_name\":\"Demo\","
                         "\"family_name\":\"Admin\",\"zoneinfo\":\"America/Los_Angeles\","
                         "\"is_salesforce_integration_user\":false,\"address\":{\"country\":\"US\"},"
                         "\"updated_at\":\"2025-09-30T12:00:00Z\",");
  g_string_append_printf (body, "\"profile\":\"%s/%s\",\"picture\":\"%s/profilephoto/005/F\",",
                          self->base_url, strrchr (id, '/') + 1, self->base_url);
  user_fields (body, self);
  g_string_append_c (body, '}');
  sim_request_json (req, 200, body);
}

void
sim_oauth_identity (SimRequest *req)
{
  SimServer *self = req->server;
  g_autofree char *id = identity_url (self);
  GString *body;

  req->route = "/id/{orgId}/{userId}";
  req->token = sim_oauth_authenticate (self, req->headers, req->query);
  if (req->token == NULL)
    {
      sim_request_error (req, 401, "INVALID_SESSION_ID", "Session expired or invalid");
      return;
    }
  if (!g_str_has_suffix (id, req->path))
    {
      sim_request_error (req, 404, "NOT_FOUND", "The requested resource does not exist");
      return;
    }
  if (self->config.count_oauth)
    sim_counter_add (&self->counter, sim_server_now (self), 1);

  body = g_string_new ("{\"id\":");
  sim_json_append_string (body, id, -1);
  g_string_append (body, ",\"asserted_user\":true,\"username\":");
  sim_json_append_string (body, self->config.username, -1);
  g_string_append (body, ",\"nick_name\":\"demo\",\"display_name\":\"Demo Admin\",\"first_name\":\"Demo\","
                         "\"last_name\":\"Admin\",\"timezone\":\"America/Los_Angeles\","
                         "\"addr_street\":null,\"addr_city\":null,\"addr_state\":null,\"addr_country\":\"US\","
                         "\"addr_zip\":null,\"mobile_phone\":null,\"mobile_phone_verified\":false,"
                         "\"is_lightning_login_user\":false,\"status\":{\"created_date\":null,\"body\":null},"
                         "\"last_modified_date\":\"2025-09-30T12:00:00.000+0000\",");
  user_fields (body, self);
  g_string_append_c (body, '}');
  sim_request_json (req, 200, body);
}

void
sim_oauth_handle (SimRequest *req)
{
  const char *name = req->path + strlen ("/services/oauth2/");

  req->route = req->path;
  if (g_str_equal (name, "authorize"))
    handle_authorize (req);
  else if (g_str_equal (name, "token"))
    handle_token (req);
  else if (g_str_equal (name, "revoke"))
    handle_revoke (req);
  else if (g_str_equal (name, "userinfo"))
    handle_userinfo (req);
  else
    {
      req->route = "/services/oauth2/unknown";
      sim_request_error (req, 404, "NOT_FOUND", "The requested resource does not exist");
    }
}
