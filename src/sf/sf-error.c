/* sf-error.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sf-error-private.h"
#include "sf-json-private.h"

G_DEFINE_QUARK (sf-error-quark, sf_error)

typedef struct
{
  const char *name;
  SfError     code;
} CodeName;

/* Salesforce's REST errorCodes (reference §2.4, §2.5, §7.5, §8.2). */
static const CodeName api_codes[] = {
  { "INVALID_SESSION_ID",              SF_ERROR_INVALID_SESSION_ID },
  { "INVALID_AUTH_HEADER",             SF_ERROR_INVALID_AUTH_HEADER },
  { "REQUEST_LIMIT_EXCEEDED",          SF_ERROR_REQUEST_LIMIT_EXCEEDED },
  { "API_DISABLED_FOR_ORG",            SF_ERROR_API_DISABLED_FOR_ORG },
  { "API_CURRENTLY_DISABLED",          SF_ERROR_API_CURRENTLY_DISABLED },
  { "INSUFFICIENT_ACCESS_OR_READONLY", SF_ERROR_INSUFFICIENT_ACCESS_OR_READONLY },
  { "INSUFFICIENT_ACCESS",             SF_ERROR_INSUFFICIENT_ACCESS },
  { "INVALID_FIELD",                   SF_ERROR_INVALID_FIELD },
  { "MALFORMED_QUERY",                 SF_ERROR_MALFORMED_QUERY },
  { "INVALID_TYPE",                    SF_ERROR_INVALID_TYPE },
  { "INVALID_QUERY_FILTER_OPERATOR",   SF_ERROR_INVALID_QUERY_FILTER_OPERATOR },
  { "INVALID_QUERY_LOCATOR",           SF_ERROR_INVALID_QUERY_LOCATOR },
  { "QUERY_TIMEOUT",                   SF_ERROR_QUERY_TIMEOUT },
  { "QUERY_TOO_COMPLICATED",           SF_ERROR_QUERY_TOO_COMPLICATED },
  { "NUMBER_OUTSIDE_VALID_RANGE",      SF_ERROR_NUMBER_OUTSIDE_VALID_RANGE },
  { "EXCEEDED_ID_LIMIT",               SF_ERROR_EXCEEDED_ID_LIMIT },
  { "INVALID_REPLICATION_DATE",        SF_ERROR_INVALID_REPLICATION_DATE },
  { "NOT_FOUND",                       SF_ERROR_NOT_FOUND },
  { "METHOD_NOT_ALLOWED",              SF_ERROR_METHOD_NOT_ALLOWED },
  { "UNSUPPORTED_API_VERSION",         SF_ERROR_UNSUPPORTED_API_VERSION },
  { "SERVER_UNAVAILABLE",              SF_ERROR_SERVER_UNAVAILABLE },
  { "UNKNOWN_EXCEPTION",               SF_ERROR_UNKNOWN_EXCEPTION },
  { "BATCH_PROCESSING_HALTED",         SF_ERROR_BATCH_PROCESSING_HALTED },
  { "API_ERROR",                       SF_ERROR_BULK_API_ERROR },
  { "INVALIDJOB",                      SF_ERROR_BULK_INVALID_JOB },
  { "INVALIDENTITY",                   SF_ERROR_BULK_INVALID_ENTITY },
};

/* OAuth errors of the token, revoke and authorize endpoints (reference §1.3, §1.5). */
static const CodeName oauth_codes[] = {
  { "invalid_grant",          SF_ERROR_INVALID_GRANT },
  { "invalid_client_id",      SF_ERROR_INVALID_CLIENT_ID },
  { "invalid_client",         SF_ERROR_INVALID_CLIENT },
  { "redirect_uri_mismatch",  SF_ERROR_REDIRECT_URI_MISMATCH },
  { "unsupported_grant_type", SF_ERROR_UNSUPPORTED_GRANT_TYPE },
  { "invalid_request",        SF_ERROR_INVALID_REQUEST },
  { "invalid_app_access",     SF_ERROR_INVALID_APP_ACCESS },
  { "OAUTH_APP_BLOCKED",      SF_ERROR_APP_BLOCKED },
  { "app_blocked",            SF_ERROR_APP_BLOCKED },
  { "invalid_scope",          SF_ERROR_INVALID_SCOPE },
  { "access_denied",          SF_ERROR_ACCESS_DENIED },
  { "unsupported_token_type", SF_ERROR_UNSUPPORTED_TOKEN_TYPE },
  { "invalid_token",          SF_ERROR_INVALID_TOKEN },
};

/* Names for the codes that have no Salesforce counterpart. */
static const CodeName local_codes[] = {
  { "FAILED",                    SF_ERROR_FAILED },
  { "INVALID_RESPONSE",          SF_ERROR_INVALID_RESPONSE },
  { "INVALID_ARGUMENT",          SF_ERROR_INVALID_ARGUMENT },
  { "INSECURE_URL",              SF_ERROR_INSECURE_URL },
  { "REQUEST_REFUSED",           SF_ERROR_REQUEST_REFUSED },
  { "URI_TOO_LONG",              SF_ERROR_URI_TOO_LONG },
  { "NOT_SIGNED_IN",             SF_ERROR_NOT_SIGNED_IN },
  { "authentication failure",    SF_ERROR_AUTHENTICATION_FAILURE },
  { "reauthorization required",  SF_ERROR_REAUTHORIZATION_REQUIRED },
  { "STATE_MISMATCH",            SF_ERROR_STATE_MISMATCH },
  { "CALLBACK_PORT_IN_USE",      SF_ERROR_CALLBACK_PORT_IN_USE },
  { "LOGIN_TIMED_OUT",           SF_ERROR_LOGIN_TIMED_OUT },
  { "BROWSER_FAILED",            SF_ERROR_BROWSER_FAILED },
  { "CONCURRENT_REQUEST_LIMIT",  SF_ERROR_CONCURRENT_REQUEST_LIMIT },
  { "RATE_LIMITED",              SF_ERROR_RATE_LIMITED },
  { "SERVER_ERROR",              SF_ERROR_SERVER_ERROR },
  { "CONFLICT",                  SF_ERROR_CONFLICT },
  { "HTTP",                      SF_ERROR_HTTP },
  { "JOB_FAILED",                SF_ERROR_BULK_JOB_FAILED },
  { "JOB_ABORTED",               SF_ERROR_BULK_JOB_ABORTED },
};

/**
 * sf_error_code_to_string:
 * @code: an #SfError
 *
 * Returns: Salesforce's name for @code (an errorCode such as `INVALID_FIELD`
 *   or an OAuth error such as `invalid_grant`), or this library's own name for
 *   the codes Salesforce has no name for. Never translated.
 */
const char *
sf_error_code_to_string (SfError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_codes); i++)
    if (api_codes[i].code == code)
      return api_codes[i].name;

  for (guint i = 0; i < G_N_ELEMENTS (oauth_codes); i++)
    if (oauth_codes[i].code == code)
      return oauth_codes[i].name;

  for (guint i = 0; i < G_N_ELEMENTS (local_codes); i++)
    if (local_codes[i].code == code)
      return local_codes[i].name;

  return "FAILED";
}

/**
 * sf_error_code_from_api_error_code:
 * @error_code: (nullable): the `errorCode` of a REST or Bulk error object
 * @message: (nullable): its `message`
 *
 * The message is needed because Salesforce uses REQUEST_LIMIT_EXCEEDED both for
 * the daily allocation and for the concurrent long-running request limit, and
 * a governor must treat those differently: one waits hours, the other seconds.
 */
SfError
sf_error_code_from_api_error_code (const char *error_code,
                                   const char *message)
{
  if (error_code == NULL)
    return SF_ERROR_FAILED;

  for (guint i = 0; i < G_N_ELEMENTS (api_codes); i++)
    {
      if (strcmp (api_codes[i].name, error_code) != 0)
        continue;

      if (api_codes[i].code == SF_ERROR_REQUEST_LIMIT_EXCEEDED &&
          message != NULL && strstr (message, "ConcurrentPerOrgLongTxn") != NULL)
        return SF_ERROR_CONCURRENT_REQUEST_LIMIT;

      return api_codes[i].code;
    }

  return SF_ERROR_FAILED;
}

/**
 * sf_error_code_from_oauth_error:
 * @oauth_error: (nullable): the `error` member of an OAuth error response
 * @description: (nullable): its `error_description`
 *
 * Maps an OAuth error as the token endpoint reports it during sign-in. The
 * refresh path turns the ones that mean "the grant is gone" into
 * %SF_ERROR_REAUTHORIZATION_REQUIRED itself.
 */
SfError
sf_error_code_from_oauth_error (const char *oauth_error,
                                const char *description)
{
  if (oauth_error == NULL)
    return SF_ERROR_FAILED;

  if (strcmp (oauth_error, "invalid_grant") == 0 &&
      description != NULL &&
      g_str_has_prefix (description, "authentication failure"))
    return SF_ERROR_AUTHENTICATION_FAILURE;

  for (guint i = 0; i < G_N_ELEMENTS (oauth_codes); i++)
    if (g_ascii_strcasecmp (oauth_codes[i].name, oauth_error) == 0)
      return oauth_codes[i].code;

  /* Seen as "app blocked" in descriptions with varying error names. */
  if (description != NULL && strstr (description, "app blocked") != NULL)
    return SF_ERROR_APP_BLOCKED;

  return SF_ERROR_FAILED;
}

/**
 * sf_error_code_from_http_status:
 * @status: an HTTP status of a failed response without a usable error body
 */
SfError
sf_error_code_from_http_status (guint status)
{
  switch (status)
    {
    case 401:
      return SF_ERROR_INVALID_SESSION_ID;
    case 404:
      return SF_ERROR_NOT_FOUND;
    case 405:
      return SF_ERROR_METHOD_NOT_ALLOWED;
    case 409:
      return SF_ERROR_CONFLICT;
    case 414:
    case 431:
      return SF_ERROR_URI_TOO_LONG;
    case 420:
    case 429:
      return SF_ERROR_RATE_LIMITED;
    case 500:
      return SF_ERROR_UNKNOWN_EXCEPTION;
    case 503:
      return SF_ERROR_SERVER_UNAVAILABLE;
    default:
      if (status >= 500 && status < 600)
        return SF_ERROR_SERVER_ERROR;
      return SF_ERROR_HTTP;
    }
}

/**
 * sf_error_is_transient:
 * @error: an error from this library
 *
 * Returns: %TRUE for failures that may go away by themselves (network, 5xx,
 *   throttling), which the library already retried with backoff before giving
 *   up. A sync engine counts these before it puts a connection into an error
 *   state. REQUEST_LIMIT_EXCEEDED is not transient in this sense: it lasts until
 *   the rolling 24-hour usage falls.
 */
gboolean
sf_error_is_transient (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED;

  if (error->domain == G_RESOLVER_ERROR)
    return TRUE;

  if (error->domain != SF_ERROR)
    return FALSE;

  switch ((SfError) error->code)
    {
    case SF_ERROR_SERVER_UNAVAILABLE:
    case SF_ERROR_UNKNOWN_EXCEPTION:
    case SF_ERROR_SERVER_ERROR:
    case SF_ERROR_RATE_LIMITED:
    case SF_ERROR_CONCURRENT_REQUEST_LIMIT:
    case SF_ERROR_QUERY_TIMEOUT:
    case SF_ERROR_INVALID_RESPONSE:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * sf_error_needs_reauthorization:
 * @error: an error from this library
 *
 * Returns: %TRUE when only a new sign-in can fix @error: the refresh token was
 *   revoked or expired, the user was deactivated, the app was blocked, or the
 *   session expired without a refresh token to renew it.
 */
gboolean
sf_error_needs_reauthorization (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != SF_ERROR)
    return FALSE;

  switch ((SfError) error->code)
    {
    case SF_ERROR_REAUTHORIZATION_REQUIRED:
    case SF_ERROR_INVALID_SESSION_ID:
    case SF_ERROR_NOT_SIGNED_IN:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The error objects of REST (`[{"message","errorCode"}]`, sometimes a single
 * object) and of OAuth (`{"error","error_description"}`). */
static GError *
error_from_json (JsonNode *root)
{
  JsonObject *object = NULL;
  const char *code, *message;

  if (JSON_NODE_HOLDS_ARRAY (root) && json_array_get_length (json_node_get_array (root)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (root), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        object = json_node_get_object (first);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);

  if (object == NULL)
    return NULL;

  code = _sf_json_get_string (object, "errorCode");
  message = _sf_json_get_string (object, "message");
  if (code != NULL)
    {
      SfError sf_code = sf_error_code_from_api_error_code (code, message);

      if (sf_code == SF_ERROR_FAILED)
        return g_error_new (SF_ERROR, sf_code, "%s: %s", code, message ? message : "");
      return g_error_new_literal (SF_ERROR, sf_code, message ? message : code);
    }

  code = _sf_json_get_string (object, "error");
  message = _sf_json_get_string (object, "error_description");
  if (code != NULL)
    {
      SfError sf_code = sf_error_code_from_oauth_error (code, message);

      if (sf_code == SF_ERROR_FAILED)
        return g_error_new (SF_ERROR, sf_code, "%s: %s", code, message ? message : "");
      return g_error_new_literal (SF_ERROR, sf_code, message ? message : code);
    }

  return NULL;
}

/**
 * _sf_error_new_from_response:
 * @status: the HTTP status of a failed response
 * @reason: (nullable): its reason phrase
 * @content_type: (nullable): its Content-Type
 * @body: (nullable): its body
 * @length: the body's length
 *
 * A body that is not a Salesforce error (an HTML maintenance page, an empty
 * or truncated body) gives an error from the status alone: it never reaches a
 * parser that could be confused by it.
 *
 * Returns: (transfer full): the error
 */
GError *
_sf_error_new_from_response (guint        status,
                             const char  *reason,
                             const char  *content_type,
                             const char  *body,
                             gsize        length)
{
  gboolean is_json = content_type != NULL && strstr (content_type, "json") != NULL;
  gboolean is_html = content_type != NULL && strstr (content_type, "html") != NULL;
  /* The reason phrase is whatever bytes the server put on its status line. */
  g_autofree char *phrase = g_utf8_make_valid (reason ? reason : "", -1);
  SfError code;

  while (length > 0 && g_ascii_isspace (*body))
    body++, length--;

  if (length > 0 && !is_html && (is_json || *body == '[' || *body == '{'))
    {
      g_autoptr(JsonNode) root = _sf_json_parse (body, length, "error", NULL);

      if (root != NULL)
        {
          GError *error = error_from_json (root);

          if (error != NULL)
            return error;
        }
    }

  code = sf_error_code_from_http_status (status);
  if (is_html || (length > 0 && *body == '<'))
    return g_error_new (SF_ERROR, code,
                        "HTTP %u %s: the server sent a web page instead of data "
                        "(Salesforce may be down for maintenance)",
                        status, phrase);

  return g_error_new (SF_ERROR, code, "HTTP %u %s", status, phrase);
}

/**
 * _sf_error_new_from_json_node:
 * @status: the HTTP status of a composite subresponse
 * @node: (nullable): its body
 */
GError *
_sf_error_new_from_json_node (guint     status,
                              JsonNode *node)
{
  GError *error = node ? error_from_json (node) : NULL;

  if (error != NULL)
    return error;

  return g_error_new (SF_ERROR, sf_error_code_from_http_status (status), "HTTP %u", status);
}
