/* fuzz-redirect.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "fuzz-common.h"
#include "sf-error.h"
#include "sf-loopback-listener-private.h"

/* A request to the OAuth loopback listener, as any program on the machine
 * could send it: the request line and headers go through libsoup's parser,
 * the target becomes a path and a query the way SoupServer 3.2 hands them to
 * a handler (path percent-decoded, query form-decoded), and the listener
 * decides. Only GET on the callback path with exactly our state may ever
 * yield a code. */

#define CALLBACK_PATH "/OauthRedirect"
#define STATE         "xV3Jc9-state-Q2w"

/* SoupServer: a target that starts with '/' is resolved against the Host
 * header, anything else must be an absolute URI. */
static GUri *
target_uri (const char         *target,
            SoupMessageHeaders *headers)
{
  const char *host = soup_message_headers_get_one (headers, "Host");
  g_autofree char *url = NULL;

  if (*target != '/')
    return g_uri_parse (target, SOUP_HTTP_URI_FLAGS, NULL);
  if (host == NULL || strchr (host, '/') != NULL)
    return NULL;

  url = g_strconcat ("http://", host, target, NULL);
  return g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
}

static void
check (const char *method,
       const char *path,
       GHashTable *query)
{
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  SfRedirectVerdict verdict;

  verdict = _sf_redirect_check (method, path, query, CALLBACK_PATH, STATE, &code, &error);

  switch (verdict)
    {
    case SF_REDIRECT_NOT_FOUND:
      fuzz_check (code == NULL && error == NULL);
      fuzz_check (strcmp (method, "GET") != 0 || strcmp (path, CALLBACK_PATH) != 0);
      break;

    case SF_REDIRECT_BAD_STATE:
      fuzz_check (code == NULL && g_error_matches (error, SF_ERROR, SF_ERROR_STATE_MISMATCH));
      break;

    case SF_REDIRECT_CODE:
      fuzz_check (error == NULL && code != NULL && *code != '\0');
      fuzz_check (strcmp (method, "GET") == 0 && strcmp (path, CALLBACK_PATH) == 0);
      fuzz_check (query != NULL && g_strcmp0 (g_hash_table_lookup (query, "state"), STATE) == 0);
      fuzz_check (strcmp (code, g_hash_table_lookup (query, "code")) == 0);
      break;

    case SF_REDIRECT_ERROR:
      fuzz_check (code == NULL && fuzz_error_ok (error, SF_ERROR));
      break;

    default:
      fuzz_check (FALSE);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *method = NULL;
  g_autofree char *target = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupHTTPVersion version;

  if (size > G_MAXINT ||
      soup_headers_parse_request ((const char *) data, (int) size, headers,
                                  &method, &target, &version) != SOUP_STATUS_OK)
    return 0;

  if ((uri = target_uri (target, headers)) == NULL || g_uri_get_host (uri) == NULL)
    return 0;

  /* SoupServer refuses what does not decode, or decodes to new ".." segments. */
  path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
  if (path == NULL || strstr (path, "/../") != NULL || g_str_has_suffix (path, "/.."))
    return 0;

  if (g_uri_get_query (uri) != NULL)
    query = soup_form_decode (g_uri_get_query (uri));

  check (method, path, query);

  return 0;
}
