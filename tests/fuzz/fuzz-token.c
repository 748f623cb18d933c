/* fuzz-token.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-error.h"
#include "sf-token.h"
#include "sf-url.h"

/* OAuth token responses (reference §1.3), for a sign-in and for a refresh:
 * a token is only ever made with an access token and an instance URL that
 * may carry it (https, or http on loopback). */

static void
check (const char *data,
       gsize       size,
       const char *previous_refresh_token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfToken) token = sf_token_new_from_json (data, size, previous_refresh_token, &error);
  const char *instance_url;

  if (token == NULL)
    {
      fuzz_check (fuzz_error_ok (error, SF_ERROR));
      return;
    }

  fuzz_check (*sf_token_get_access_token (token) != '\0');
  instance_url = sf_token_get_instance_url (token);
  fuzz_check (instance_url != NULL);
  /* The stored URL has lost its trailing slashes: it must still be safe. */
  fuzz_check (sf_url_check_secure (instance_url, NULL));
  if (sf_token_get_id_url (token) != NULL)
    fuzz_check (sf_url_check_secure (sf_token_get_id_url (token), NULL));
  if (previous_refresh_token != NULL)
    fuzz_check (sf_token_get_refresh_token (token) != NULL);
  if (sf_token_get_org_id (token) != NULL)
    fuzz_touch (sf_token_get_user_id (token), strlen (sf_token_get_user_id (token)));
  if (sf_token_get_scope (token) != NULL)
    fuzz_touch (sf_token_get_scope (token), strlen (sf_token_get_scope (token)));
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
  check ((const char *) data, size, NULL);
  check ((const char *) data, size, "5Aep861previous.refresh.token");

  return 0;
}
