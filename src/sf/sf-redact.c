/* sf-redact.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-redact.h"

/* Parameter names whose values are credentials, or lead to credentials (an
 * authorization code, a PKCE verifier, the state of a login in progress). */
static const char * const secret_names[] = {
  "access_token",
  "refresh_token",
  "code",
  "code_verifier",
  "password",
  "client_secret",
  "token",
  "state",
  "id_token",
  "oauth_token",
  "sid",
  "signature",
  "authorization",
};

/**
 * sf_redact_is_secret_name:
 * @name: a query, form or JSON member name, or an HTTP header name
 *
 * Returns: %TRUE if the value of @name must never be logged
 */
gboolean
sf_redact_is_secret_name (const char *name)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (secret_names); i++)
    if (g_ascii_strcasecmp (name, secret_names[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Rewrites `a=1&b=2` with the values of secret names replaced. The input is
 * left encoded: a redacted string is for reading, not for sending. */
static void
append_redacted_params (GString    *out,
                        const char *params)
{
  g_auto(GStrv) pairs = g_strsplit (params, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *name = NULL;

      if (i > 0)
        g_string_append_c (out, '&');

      if (eq == NULL)
        {
          g_string_append (out, pairs[i]);
          continue;
        }

      name = g_uri_unescape_segment (pairs[i], eq, NULL);
      if (name == NULL || sf_redact_is_secret_name (name))
        {
          g_string_append_len (out, pairs[i], eq - pairs[i]);
          g_string_append (out, "=" SF_REDACTED);
        }
      else
        g_string_append (out, pairs[i]);
    }
}

/* Replaces `user:password@` in an authority with a marker. */
static void
append_redacted_base (GString    *out,
                      const char *base)
{
  const char *authority = strstr (base, "://");
  const char *slash;
  const char *at;

  if (authority == NULL)
    {
      g_string_append (out, base);
      return;
    }

  authority += 3;
  slash = strchr (authority, '/');
  at = strchr (authority, '@');
  if (at == NULL || (slash != NULL && at > slash))
    {
      g_string_append (out, base);
      return;
    }

  g_string_append_len (out, base, authority - base);
  g_string_append (out, SF_REDACTED "@");
  g_string_append (out, at + 1);
}

/**
 * sf_redact_url:
 * @url: (nullable): a URL
 *
 * Returns: (transfer full): @url with the values of secret query (and
 *   fragment) parameters and any user information replaced, fit for a log line
 */
char *
sf_redact_url (const char *url)
{
  g_autofree char *base = NULL;
  g_autofree char *query = NULL;
  const char *fragment;
  const char *question;
  GString *out;

  if (url == NULL)
    return g_strdup ("(null)");

  fragment = strchr (url, '#');
  question = strchr (url, '?');
  if (question != NULL && fragment != NULL && question > fragment)
    question = NULL;

  if (question != NULL)
    {
      base = g_strndup (url, question - url);
      query = fragment ? g_strndup (question + 1, fragment - question - 1)
                       : g_strdup (question + 1);
    }
  else
    base = fragment ? g_strndup (url, fragment - url) : g_strdup (url);

  out = g_string_new (NULL);
  append_redacted_base (out, base);

  if (query != NULL)
    {
      g_string_append_c (out, '?');
      append_redacted_params (out, query);
    }

  /* A fragment can carry tokens too: the user-agent flow puts them there. */
  if (fragment != NULL)
    {
      g_string_append_c (out, '#');
      append_redacted_params (out, fragment + 1);
    }

  return g_string_free (out, FALSE);
}

/**
 * sf_redact_form:
 * @form: (nullable): an application/x-www-form-urlencoded body
 *
 * Returns: (transfer full): @form with the values of secret fields replaced
 */
char *
sf_redact_form (const char *form)
{
  GString *out = g_string_new (NULL);

  if (form != NULL)
    append_redacted_params (out, form);

  return g_string_free (out, FALSE);
}
