/* sf-client-oauth.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-client-private.h"
#include "sf-json-private.h"
#include "sf-loopback-listener.h"
#include "sf-pkce.h"
#include "sf-redact.h"

/* Sign-in: the web-server flow with PKCE through the system browser, the
 * legacy username-password flow, explicit refresh, revocation and the
 * identity lookup (reference §1). */

#define DEFAULT_SCOPE "refresh_token api"

typedef struct
{
  SfLoopbackListener *listener;
  char               *verifier;
  char               *state;
} BrowserSignIn;

static void
browser_sign_in_free (gpointer data)
{
  BrowserSignIn *sign_in = data;

  if (sign_in->listener != NULL)
    sf_loopback_listener_close (sign_in->listener);
  g_clear_object (&sign_in->listener);
  if (sign_in->verifier != NULL)
    explicit_bzero (sign_in->verifier, strlen (sign_in->verifier));
  g_free (sign_in->verifier);
  g_free (sign_in->state);
  g_free (sign_in);
}

static char *
form_encode (const char * const *pairs,
             guint               n_pairs)
{
  GString *form = g_string_new (NULL);

  for (guint i = 0; i < n_pairs; i++)
    {
      const char *name = pairs[2 * i];
      const char *value = pairs[2 * i + 1];

      if (value == NULL)
        continue;
      if (form->len > 0)
        g_string_append_c (form, '&');
      g_string_append_uri_escaped (form, name, NULL, FALSE);
      g_string_append_c (form, '=');
      g_string_append_uri_escaped (form, value, NULL, FALSE);
    }

  return g_string_free (form, FALSE);
}

static SfRequest *
new_oauth_post (SfClient   *self,
                const char *endpoint,
                char       *form)
{
  g_autofree char *url = g_strconcat (sf_client_get_login_url (self), endpoint, NULL);
  SfRequest *request = _sf_request_new ("POST", url, SF_REQUEST_KIND_OAUTH);

  _sf_request_add_header (request, "Accept", "application/json");
  _sf_request_set_body (request, "application/x-www-form-urlencoded", form, strlen (form));
  explicit_bzero (form, strlen (form));
  g_free (form);

  return request;
}

/* Completes a sign-in task from a token response. */
static void
token_response_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SfClient *self = SF_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  g_autoptr(SfToken) token = NULL;
  GError *error = NULL;
  const char *data;
  gsize length;

  if ((response = _sf_client_send_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_bytes_get_data (response->body, &length);
  if ((token = sf_token_new_from_json (data, length, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sf_client_set_token (self, token);
  g_task_return_pointer (task, g_steal_pointer (&token), (GDestroyNotify) sf_token_unref);
}

/*
 * Web-server flow with PKCE
 */

static void
exchange_code (GTask *task,
               char  *code)
{
  SfClient *self = g_task_get_source_object (task);
  BrowserSignIn *sign_in = g_task_get_task_data (task);
  SfRequest *request;
  const char *pairs[] = {
    "grant_type", "authorization_code",
    "code", code,
    "client_id", sf_client_get_client_id (self),
    "client_secret", _sf_client_get_client_secret (self),
    "redirect_uri", sf_client_get_redirect_uri (self),
    "code_verifier", sign_in->verifier,
  };

  request = new_oauth_post (self, "/services/oauth2/token", form_encode (pairs, G_N_ELEMENTS (pairs) / 2));
  /* A code works once: a retry after the server may have used it can only fail. */
  request->retry = FALSE;

  _sf_client_send_async (self, request, g_task_get_cancellable (task),
                         token_response_cb, g_object_ref (task));
}

static void
redirect_received_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *code = NULL;
  GError *error = NULL;

  code = sf_loopback_listener_wait_finish (SF_LOOPBACK_LISTENER (object), result, &error);
  if (code == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Received an authorization code; exchanging it");
  exchange_code (task, code);
  explicit_bzero (code, strlen (code));
}

static char *
build_authorize_url (SfClient      *self,
                     BrowserSignIn *sign_in,
                     const char    *scope)
{
  g_autofree char *challenge = sf_pkce_challenge (sign_in->verifier);
  g_autofree char *query = NULL;
  /* No code_challenge_method: Salesforce only does S256 and assumes it, as
   * jsforce relies on; whether it accepts the parameter is not documented. */
  const char *pairs[] = {
    "response_type", "code",
    "client_id", sf_client_get_client_id (self),
    "redirect_uri", sf_client_get_redirect_uri (self),
    "code_challenge", challenge,
    "state", sign_in->state,
    "scope", scope,
    "prompt", "login",
  };

  query = form_encode (pairs, G_N_ELEMENTS (pairs) / 2);
  return g_strconcat (sf_client_get_login_url (self), "/services/oauth2/authorize?", query, NULL);
}

static void
browser_exited_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  /* Only reaps the child; the redirect, not the exit status, tells success. */
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
}

/* ORGSYNC_BROWSER (design.md §8) is a command that gets the URL as its one
 * argument; tests use it to complete the flow without a person. */
static gboolean
launch_browser_command (const char  *command,
                        const char  *url,
                        GError     **error)
{
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) command_argv = NULL;
  GError *local_error = NULL;

  if (!g_shell_parse_argv (command, NULL, &command_argv, &local_error))
    {
      g_set_error (error, SF_ERROR, SF_ERROR_BROWSER_FAILED,
                   "ORGSYNC_BROWSER is not a valid command: %s", local_error->message);
      g_error_free (local_error);
      return FALSE;
    }

  g_strv_builder_addv (builder, (const char **) command_argv);
  g_strv_builder_add (builder, url);
  argv = g_strv_builder_end (builder);

  subprocess = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_NONE, &local_error);
  if (subprocess == NULL)
    {
      g_set_error (error, SF_ERROR, SF_ERROR_BROWSER_FAILED,
                   "Cannot start the browser: %s", local_error->message);
      g_error_free (local_error);
      return FALSE;
    }

  g_subprocess_wait_async (subprocess, NULL, browser_exited_cb, NULL);
  return TRUE;
}

static void
browser_launched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  BrowserSignIn *sign_in = g_task_get_task_data (task);

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    sf_loopback_listener_abort (sign_in->listener,
                                g_error_new (SF_ERROR, SF_ERROR_BROWSER_FAILED,
                                             "Cannot open the browser: %s", error->message));
}

/**
 * sf_client_sign_in_with_browser_async:
 * @scope: (nullable): the OAuth scopes; %NULL for `refresh_token api`
 * @timeout_seconds: how long to wait for the person; 0 for no limit
 *
 * Runs the web-server flow with PKCE: starts the loopback listener on the
 * callback URL's port, opens the authorize page in the browser (through the
 * portal inside Flatpak, or ORGSYNC_BROWSER), waits for the redirect, checks
 * its state and exchanges the code. Cancellation or the time-out close the
 * listener. On success the client holds the new session.
 */
void
sf_client_sign_in_with_browser_async (SfClient            *self,
                                      const char          *scope,
                                      guint                timeout_seconds,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *redacted = NULL;
  BrowserSignIn *sign_in;
  const char *browser;
  GError *error = NULL;

  g_return_if_fail (SF_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_sign_in_with_browser_async);

  sign_in = g_new0 (BrowserSignIn, 1);
  g_task_set_task_data (task, sign_in, browser_sign_in_free);

  if ((sign_in->verifier = sf_pkce_new_verifier (&error)) == NULL ||
      (sign_in->state = sf_oauth_new_state (&error)) == NULL ||
      (sign_in->listener = sf_loopback_listener_new (sf_client_get_redirect_uri (self),
                                                     sign_in->state, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  url = build_authorize_url (self, sign_in, scope ? scope : DEFAULT_SCOPE);
  redacted = sf_redact_url (url);
  g_debug ("Opening the browser at %s", redacted);

  sf_loopback_listener_wait_async (sign_in->listener, timeout_seconds, cancellable,
                                   redirect_received_cb, g_object_ref (task));
  _sf_client_emit_sign_in_link (self, url);

  browser = g_getenv ("ORGSYNC_BROWSER");
  if (browser != NULL && *browser != '\0')
    {
      if (!launch_browser_command (browser, url, &error))
        sf_loopback_listener_abort (sign_in->listener, error);
      return;
    }

  g_app_info_launch_default_for_uri_async (url, NULL, cancellable,
                                           browser_launched_cb, g_object_ref (task));
}

/**
 * sf_client_sign_in_with_browser_finish:
 *
 * Returns: (transfer full): the new session, or %NULL with @error set:
 *   %SF_ERROR_CALLBACK_PORT_IN_USE, %SF_ERROR_STATE_MISMATCH,
 *   %SF_ERROR_ACCESS_DENIED, %SF_ERROR_LOGIN_TIMED_OUT, an OAuth error of the
 *   code exchange, or G_IO_ERROR_CANCELLED
 */
SfToken *
sf_client_sign_in_with_browser_finish (SfClient      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Username-password flow
 */

/**
 * sf_client_sign_in_with_password_async:
 * @username: the Salesforce username
 * @password: the password
 * @security_token: (nullable): the security token, appended to the password
 *   as Salesforce expects unless the request comes from a trusted IP range
 *
 * The legacy OAuth username-password flow. Orgs created since Summer '23
 * block it by default, and Salesforce then answers exactly as for a wrong
 * password: %SF_ERROR_AUTHENTICATION_FAILURE stands for both.
 */
void
sf_client_sign_in_with_password_async (SfClient            *self,
                                       const char          *username,
                                       const char          *password,
                                       const char          *security_token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *secret = NULL;
  SfRequest *request;
  const char *pairs[] = {
    "grant_type", "password",
    "client_id", sf_client_get_client_id (self),
    "client_secret", _sf_client_get_client_secret (self),
    "username", username,
    "password", NULL,
  };

  g_return_if_fail (SF_IS_CLIENT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_sign_in_with_password_async);

  secret = g_strconcat (password, security_token ? security_token : "", NULL);
  pairs[9] = secret;
  request = new_oauth_post (self, "/services/oauth2/token", form_encode (pairs, G_N_ELEMENTS (pairs) / 2));
  explicit_bzero (secret, strlen (secret));

  _sf_client_send_async (self, request, cancellable, token_response_cb, g_steal_pointer (&task));
}

SfToken *
sf_client_sign_in_with_password_finish (SfClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Refresh
 */

static void
refresh_done_for_caller (GTask        *task,
                         const GError *error)
{
  SfClient *self = g_task_get_source_object (task);

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_pointer (task, sf_token_ref (sf_client_get_token (self)),
                           (GDestroyNotify) sf_token_unref);
}

/**
 * sf_client_refresh_token_async:
 *
 * Renews the session now. Requests renew it by themselves on a 401, so this
 * is only needed to check that a stored refresh token still works. Joins a
 * refresh already in flight rather than starting a second one.
 */
void
sf_client_refresh_token_async (SfClient            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_refresh_token_async);
  g_object_set_data (G_OBJECT (task), "sf-refresh-waiter", refresh_done_for_caller);

  _sf_client_refresh_shared (self, task);
}

/**
 * sf_client_refresh_token_finish:
 *
 * Returns: (transfer full): the new session, or %NULL with @error set;
 *   %SF_ERROR_REAUTHORIZATION_REQUIRED when only a new sign-in helps
 */
SfToken *
sf_client_refresh_token_finish (SfClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Revoke
 */

static void
revoked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SfClient *self = SF_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  GError *error = NULL;

  if ((response = _sf_client_send_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sf_client_set_token (self, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * sf_client_revoke_async:
 *
 * Revokes the refresh token (which revokes every access token issued from
 * it), or the access token when there is no refresh token, and forgets the
 * session.
 */
void
sf_client_revoke_async (SfClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SfToken *token;
  SfRequest *request;
  const char *pairs[] = { "token", NULL };

  g_return_if_fail (SF_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_client_revoke_async);

  if ((token = sf_client_get_token (self)) == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  pairs[1] = sf_token_get_refresh_token (token) ? sf_token_get_refresh_token (token)
                                                : sf_token_get_access_token (token);
  request = new_oauth_post (self, "/services/oauth2/revoke", form_encode (pairs, 1));
  _sf_client_send_async (self, request, cancellable, revoked_cb, g_steal_pointer (&task));
}

gboolean
sf_client_revoke_finish (SfClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * Identity
 */

static char *
dup_member (JsonObject *object,
            const char *first,
            const char *second)
{
  const char *value = _sf_json_get_string (object, first);

  if (value == NULL && second != NULL)
    value = _sf_json_get_string (object, second);

  return g_strdup (value);
}

/* Reads both the identity URL's fields (§1.6) and UserInfo's (§1.7). */
static SfUserInfo *
user_info_from_json (JsonObject *object)
{
  SfUserInfo *info = g_new0 (SfUserInfo, 1);

  info->org_id = dup_member (object, "organization_id", NULL);
  info->user_id = dup_member (object, "user_id", NULL);
  info->username = dup_member (object, "username", "preferred_username");
  info->display_name = dup_member (object, "display_name", "name");
  info->email = dup_member (object, "email", NULL);
  info->user_type = dup_member (object, "user_type", NULL);
  info->language = dup_member (object, "language", NULL);
  info->locale = dup_member (object, "locale", NULL);
  info->timezone = dup_member (object, "timezone", "zoneinfo");

  return info;
}

static void
user_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SfClient *self = SF_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  GError *error = NULL;
  JsonNode *root;

  if ((response = _sf_client_send_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  root = response->parsed;
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "user_id"))
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                               "The identity response has no user_id");
      return;
    }

  g_task_return_pointer (task, user_info_from_json (json_node_get_object (root)),
                         (GDestroyNotify) sf_user_info_free);
}

/**
 * sf_client_get_user_info_async:
 *
 * Looks up who is signed in: org id, user id, username, display name. Uses
 * the identity URL of the token response, or /services/oauth2/userinfo.
 */
void
sf_client_get_user_info_async (SfClient            *self,
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
  g_task_set_source_tag (task, sf_client_get_user_info_async);

  if ((token = sf_client_get_token (self)) == NULL)
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_NOT_SIGNED_IN,
                               "There is no Salesforce session: sign in first");
      return;
    }

  if (sf_token_get_id_url (token) != NULL)
    url = g_strdup (sf_token_get_id_url (token));
  else
    url = g_strconcat (sf_token_get_instance_url (token), "/services/oauth2/userinfo", NULL);

  request = _sf_request_new ("GET", url, SF_REQUEST_KIND_OAUTH);
  request->authenticated = TRUE;
  _sf_request_add_header (request, "Accept", "application/json");
  _sf_request_set_parser (request, _sf_parse_json_object, (gpointer) "identity", NULL,
                          (GDestroyNotify) json_node_unref);

  _sf_client_send_async (self, request, cancellable, user_info_cb, g_steal_pointer (&task));
}

/**
 * sf_client_get_user_info_finish:
 *
 * Returns: (transfer full): who is signed in, or %NULL with @error set
 */
SfUserInfo *
sf_client_get_user_info_finish (SfClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
