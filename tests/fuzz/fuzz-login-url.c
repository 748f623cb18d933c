/* fuzz-login-url.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-error.h"
#include "sf-url.h"

/* The login URL a person types (sf_url_normalize_login) and the URLs a token
 * is sent to (sf_url_check_secure). A normalized URL is a fixed point of
 * normalization, is secure by the same rules, and never sends a token over
 * plain HTTP beyond loopback. */

static void
check_normalized (const char *normalized)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *again = sf_url_normalize_login (normalized, &error);
  g_autoptr(GUri) uri = g_uri_parse (normalized, G_URI_FLAGS_NONE, NULL);

  fuzz_check (again != NULL);
  fuzz_check (strcmp (again, normalized) == 0);
  fuzz_check (sf_url_check_secure (normalized, NULL));
  fuzz_check (uri != NULL);
  fuzz_check (g_uri_get_userinfo (uri) == NULL && g_uri_get_query (uri) == NULL &&
              g_uri_get_fragment (uri) == NULL && *g_uri_get_path (uri) == '\0');
  fuzz_check (strcmp (g_uri_get_scheme (uri), "https") == 0 ||
              (strcmp (g_uri_get_scheme (uri), "http") == 0 &&
               sf_url_host_is_loopback (g_uri_get_host (uri))));
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
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) secure_error = NULL;
  g_autofree char *normalized = NULL;

  normalized = sf_url_normalize_login (text, &error);
  if (normalized != NULL)
    check_normalized (normalized);
  else
    fuzz_check (fuzz_error_ok (error, SF_ERROR));

  if (!sf_url_check_secure (text, &secure_error))
    fuzz_check (fuzz_error_ok (secure_error, SF_ERROR));
  sf_url_host_is_loopback (text);

  return 0;
}
