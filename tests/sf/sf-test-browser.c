/* sf-test-browser.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A stand-in for the person at the browser, run through ORGSYNC_BROWSER:
 * it opens the authorize URL, lets the simulator approve, and delivers the
 * redirect to the loopback listener, or misbehaves as ORGSYNC_TEST_BROWSER_MODE
 * says: wrong-state, wrong-path, replay, deny, swap-code, save, reuse, none. */

#include "config.h"

#include <libsoup/soup.h>

static SoupSession *session;
static gboolean tolerant;

static char *
fetch (const char  *method,
       const char  *url,
       const char  *form,
       guint       *status)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (message == NULL)
    g_error ("bad URL %s", url);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
    }

  body = soup_session_send_and_read (session, message, NULL, &error);
  if (body == NULL && tolerant)
    {
      *status = 0;
      return NULL;
    }
  if (body == NULL)
    g_error ("%s %s: %s", method, url, error->message);

  *status = soup_message_get_status (message);
  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                 "Location"));
}

/* Returns @url with the query parameter @name set to @value. */
static char *
with_param (const char *url,
            const char *name,
            const char *value)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GUri) changed = NULL;
  GHashTableIter iter;
  gpointer key, val;

  g_hash_table_replace (params, g_strdup (name), g_strdup (value));
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &val))
    {
      if (query->len > 0)
        g_string_append_c (query, '&');
      g_string_append_uri_escaped (query, key, NULL, FALSE);
      g_string_append_c (query, '=');
      g_string_append_uri_escaped (query, val, NULL, FALSE);
    }

  changed = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                         g_uri_get_port (uri), g_uri_get_path (uri), query->str, NULL);
  return g_uri_to_string (changed);
}

static char *
get_param (const char *url,
           const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);

  return g_strdup (g_hash_table_lookup (params, name));
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = g_getenv ("ORGSYNC_TEST_BROWSER_MODE");
  const char *save = g_getenv ("ORGSYNC_TEST_BROWSER_SAVE");
  g_autofree char *location = NULL;
  guint status = 0;

  if (argc != 2)
    g_error ("usage: %s URL", argv[0]);
  if (mode == NULL)
    mode = "normal";
  if (g_str_equal (mode, "none"))
    return 0;

  session = soup_session_new ();

  if (g_str_equal (mode, "deny"))
    location = fetch ("POST", argv[1], "decision=deny", &status);
  else
    location = fetch ("GET", argv[1], NULL, &status);
  if (location == NULL)
    g_error ("the authorize page answered %u without a redirect", status);

  if (g_str_equal (mode, "wrong-state"))
    {
      char *forged = with_param (location, "state", "forged-state");

      g_free (location);
      location = forged;
    }
  else if (g_str_equal (mode, "wrong-path"))
    {
      g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_ENCODED, NULL);
      g_autofree char *other = g_strdup_printf ("http://127.0.0.1:%d/Other?code=x", g_uri_get_port (uri));
      g_autofree char *ignored = fetch ("GET", other, NULL, &status);

      if (status != 404)
        g_error ("a wrong path got %u, not 404", status);
    }
  else if (g_str_equal (mode, "swap-code"))
    {
      /* A code issued for another challenge, delivered with the right state. */
      g_autofree char *other_url = with_param (argv[1], "code_challenge",
                                               "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
      g_autofree char *other = fetch ("GET", other_url, NULL, &status);
      g_autofree char *code = get_param (other, "code");
      char *swapped = with_param (location, "code", code);

      g_free (location);
      location = swapped;
    }
  else if (g_str_equal (mode, "save") && save != NULL)
    g_file_set_contents (save, location, -1, NULL);
  else if (g_str_equal (mode, "reuse") && save != NULL)
    {
      g_autofree char *saved = NULL;
      g_autofree char *code = NULL;
      char *reused;

      g_file_get_contents (save, &saved, NULL, NULL);
      code = get_param (saved, "code");
      reused = with_param (location, "code", code);
      g_free (location);
      location = reused;
    }

  g_free (fetch ("GET", location, NULL, &status));
  if (g_str_equal (mode, "replay"))
    {
      guint again = 0;

      tolerant = TRUE;
      g_free (fetch ("GET", location, NULL, &again));
      if (again != 410 && again != 0)
        g_error ("a replayed redirect got %u, not 410", again);
    }

  g_object_unref (session);
  return 0;
}
