/* sf-url.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sf-error.h"
#include "sf-url.h"

/**
 * sf_url_host_is_loopback:
 * @host: a host as it appears in a URL (IPv6 literals without brackets)
 *
 * Loopback is 127.0.0.0/8, ::1 and the name localhost. Only there may a token
 * travel over plain HTTP: that traffic never leaves the machine.
 */
gboolean
sf_url_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return FALSE;

  /* g_inet_address_get_is_loopback() covers all of 127.0.0.0/8 and ::1, but
   * also IPv4-mapped forms; those are loopback too, so that is fine. */
  return g_inet_address_get_is_loopback (address);
}

/* Host names are letters, digits, hyphens and dots; anything else (a space, a
 * percent sign) is a typo or a trick. IP literals are checked by GInetAddress. */
static gboolean
is_valid_host (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

  if (address != NULL)
    return TRUE;

  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;

  return TRUE;
}

static gboolean
check_scheme_and_host (GUri        *uri,
                       const char  *url,
                       GError     **error)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  if (host == NULL || *host == '\0' || !is_valid_host (host))
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                   "“%s” has no valid host name", url);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (sf_url_host_is_loopback (host))
        return TRUE;

      g_set_error (error, SF_ERROR, SF_ERROR_INSECURE_URL,
                   "“%s” uses plain HTTP; Salesforce must be reached over HTTPS", url);
      return FALSE;
    }

  g_set_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
               "“%s” is not an http or https URL", url);
  return FALSE;
}

/**
 * sf_url_normalize_login:
 * @url: a login URL as a person typed it: `https://login.salesforce.com`,
 *   `acme.my.salesforce.com`, `http://127.0.0.1:8080/`
 * @error: return location for an error
 *
 * A URL without a scheme gets https. The result is `scheme://host[:port]`
 * without a trailing slash; a path, query, fragment or user name is refused
 * because Salesforce's OAuth paths are appended to it.
 *
 * Returns: (transfer full): the normalized URL, or %NULL with @error set
 */
char *
sf_url_normalize_login (const char  *url,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *with_scheme = NULL;
  const char *path;

  g_return_val_if_fail (url != NULL, NULL);

  /* Error messages quote the URL; a command line may pass any bytes. */
  if (!g_utf8_validate (url, -1, NULL))
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                           "The login URL is not valid text");
      return NULL;
    }

  stripped = g_strstrip (g_strdup (url));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                           "The login URL is empty");
      return NULL;
    }

  /* GUri would turn an international name into its xn-- form. Salesforce's hosts
   * are plain ASCII, so such a name is a typo at best and at worst a look-alike
   * of the real login host that would receive the password. */
  if (!g_str_is_ascii (stripped))
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                   "“%s” contains characters that are not plain letters, digits or punctuation; "
                   "Salesforce host names never do", stripped);
      return NULL;
    }

  if (strstr (stripped, "://") == NULL)
    with_scheme = g_strconcat ("https://", stripped, NULL);
  else
    with_scheme = g_strdup (stripped);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a valid URL", stripped);
      return NULL;
    }

  if (!check_scheme_and_host (uri, stripped, error))
    return NULL;

  path = g_uri_get_path (uri);
  if (g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL ||
      (path[0] != '\0' && strcmp (path, "/") != 0))
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                   "“%s” must be just a scheme and host, such as https://login.salesforce.com",
                   stripped);
      return NULL;
    }

  {
    g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
    g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
    gboolean ipv6 = strchr (host, ':') != NULL;
    int port = g_uri_get_port (uri);

    if (port > 0)
      return g_strdup_printf ("%s://%s%s%s:%d", scheme,
                              ipv6 ? "[" : "", host, ipv6 ? "]" : "", port);
    return g_strdup_printf ("%s://%s%s%s", scheme, ipv6 ? "[" : "", host, ipv6 ? "]" : "");
  }
}

/**
 * sf_url_check_secure:
 * @url: an absolute URL a token would be sent to (an `instance_url`, an
 *   identity URL)
 * @error: return location for an error
 *
 * Returns: %TRUE if @url is https, or http on loopback
 */
gboolean
sf_url_check_secure (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || !g_utf8_validate (url, -1, NULL))
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                           "A URL from the server is not valid text");
      return FALSE;
    }

  if ((uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) == NULL)
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE, "“%s” is not a valid URL", url);
      return FALSE;
    }

  return check_scheme_and_host (uri, url, error);
}
