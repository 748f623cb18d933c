/* sf-pkce.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <sys/random.h>

#include "sf-error.h"
#include "sf-pkce.h"

/* 64 bytes give an 86-character verifier: inside RFC 7636's 43..128 and far
 * beyond what could be guessed. */
#define VERIFIER_BYTES 64
#define STATE_BYTES    16

/**
 * sf_random_bytes:
 *
 * Fills @buffer from the kernel's CSPRNG. g_random_*() is a Mersenne Twister
 * whose output can be predicted from earlier output, so it must never produce
 * anything an attacker could benefit from guessing.
 */
gboolean
sf_random_bytes (guint8  *buffer,
                 gsize    length,
                 GError **error)
{
  gsize filled = 0;

  while (filled < length)
    {
      ssize_t n = getrandom (buffer + filled, length - filled, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_set_error (error, SF_ERROR, SF_ERROR_FAILED,
                       "No secure random numbers: %s", g_strerror (saved_errno));
          return FALSE;
        }

      filled += (gsize) n;
    }

  return TRUE;
}

/**
 * sf_base64url_encode:
 *
 * Returns: (transfer full): base64url of @data without padding (RFC 4648 §5)
 */
char *
sf_base64url_encode (const guint8 *data,
                     gsize         length)
{
  char *encoded = g_base64_encode (data, length);
  char *out = encoded;

  for (char *p = encoded; *p != '\0'; p++)
    {
      if (*p == '=')
        continue;
      else if (*p == '+')
        *out++ = '-';
      else if (*p == '/')
        *out++ = '_';
      else
        *out++ = *p;
    }
  *out = '\0';

  return encoded;
}

/**
 * sf_pkce_new_verifier:
 *
 * Returns: (transfer full): a new PKCE code verifier, or %NULL with @error set
 */
char *
sf_pkce_new_verifier (GError **error)
{
  guint8 bytes[VERIFIER_BYTES];
  char *verifier;

  if (!sf_random_bytes (bytes, sizeof bytes, error))
    return NULL;

  verifier = sf_base64url_encode (bytes, sizeof bytes);
  explicit_bzero (bytes, sizeof bytes);

  return verifier;
}

/**
 * sf_pkce_challenge:
 * @verifier: a code verifier
 *
 * Returns: (transfer full): the S256 challenge: base64url(SHA-256(verifier))
 */
char *
sf_pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &digest_len);

  return sf_base64url_encode (digest, digest_len);
}

/**
 * sf_oauth_new_state:
 *
 * Returns: (transfer full): an unguessable `state` for one authorization request
 */
char *
sf_oauth_new_state (GError **error)
{
  guint8 bytes[STATE_BYTES];

  if (!sf_random_bytes (bytes, sizeof bytes, error))
    return NULL;

  return sf_base64url_encode (bytes, sizeof bytes);
}
