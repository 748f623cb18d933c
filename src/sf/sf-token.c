/* sf-token.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "sf-error.h"
#include "sf-json-private.h"
#include "sf-token.h"
#include "sf-url.h"

struct _SfToken
{
  gatomicrefcount  ref_count;
  char            *access_token;
  char            *refresh_token;
  char            *instance_url;
  char            *id_url;
  char            *org_id;
  char            *user_id;
  char            *scope;
  gint64           issued_at;
  guint            refresh_rotated : 1;
};

G_DEFINE_BOXED_TYPE (SfToken, sf_token, sf_token_ref, sf_token_unref)

/* The identity URL ends in /id/<orgId>/<userId>, and sfdx-core reads the two
 * ids from it the same way (reference §1.3). */
static void
parse_id_url (SfToken *self)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  if (self->id_url == NULL)
    return;

  parts = g_strsplit (self->id_url, "/", -1);
  n = g_strv_length (parts);
  if (n >= 3 && strcmp (parts[n - 3], "id") == 0)
    {
      self->org_id = g_strdup (parts[n - 2]);
      self->user_id = g_strdup (parts[n - 1]);
    }
}

static char *
strip_trailing_slash (const char *url)
{
  char *copy = g_strdup (url);
  gsize len = copy ? strlen (copy) : 0;

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return copy;
}

/**
 * sf_token_new:
 * @access_token: an access token
 * @refresh_token: (nullable): a refresh token
 * @instance_url: the org's instance URL
 * @id_url: (nullable): the identity URL
 *
 * Recreates a token from what a caller stored (the keyring copy).
 */
SfToken *
sf_token_new (const char *access_token,
              const char *refresh_token,
              const char *instance_url,
              const char *id_url)
{
  SfToken *self;

  g_return_val_if_fail (access_token != NULL, NULL);
  g_return_val_if_fail (instance_url != NULL, NULL);

  self = g_new0 (SfToken, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->access_token = g_strdup (access_token);
  self->refresh_token = g_strdup (refresh_token);
  self->instance_url = strip_trailing_slash (instance_url);
  self->id_url = g_strdup (id_url);
  parse_id_url (self);

  return self;
}

static gboolean
require_string (JsonObject  *object,
                const char  *member,
                const char **out,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                   "The token response has no “%s”", member);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

/**
 * sf_token_new_from_json:
 * @data: the body of a successful token response
 * @length: its length
 * @previous_refresh_token: (nullable): the refresh token that was used, for a
 *   refresh grant; it is kept when the response has none (no rotation)
 * @error: return location for an error
 *
 * An `instance_url` or `id` that would carry the token over plain HTTP to a
 * non-loopback host is refused (%SF_ERROR_INSECURE_URL).
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
SfToken *
sf_token_new_from_json (const char  *data,
                        gsize        length,
                        const char  *previous_refresh_token,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SfToken) self = NULL;
  const char *access_token, *instance_url;
  const char *refresh_token, *id_url, *issued_at;
  JsonObject *object;

  if ((root = _sf_json_parse_object (data, length, "token", error)) == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (!require_string (object, "access_token", &access_token, error) ||
      !require_string (object, "instance_url", &instance_url, error) ||
      !sf_url_check_secure (instance_url, error))
    return NULL;

  id_url = _sf_json_get_string (object, "id");
  if (id_url != NULL && !sf_url_check_secure (id_url, error))
    return NULL;

  refresh_token = _sf_json_get_string (object, "refresh_token");

  self = sf_token_new (access_token,
                       refresh_token ? refresh_token : previous_refresh_token,
                       instance_url, id_url);
  self->scope = g_strdup (_sf_json_get_string (object, "scope"));
  self->refresh_rotated = refresh_token != NULL && previous_refresh_token != NULL &&
                          strcmp (refresh_token, previous_refresh_token) != 0;

  /* A string of milliseconds (reference §1.3); accept a number too. */
  issued_at = _sf_json_get_string (object, "issued_at");
  if (issued_at != NULL)
    self->issued_at = g_ascii_strtoll (issued_at, NULL, 10);
  else if (json_object_has_member (object, "issued_at"))
    self->issued_at = _sf_json_get_int (object, "issued_at", 0);

  return g_steal_pointer (&self);
}

SfToken *
sf_token_ref (SfToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
free_secret (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
sf_token_unref (SfToken *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  free_secret (self->access_token);
  free_secret (self->refresh_token);
  g_free (self->instance_url);
  g_free (self->id_url);
  g_free (self->org_id);
  g_free (self->user_id);
  g_free (self->scope);
  g_free (self);
}

const char *
sf_token_get_access_token (SfToken *self)
{
  return self->access_token;
}

/**
 * sf_token_get_refresh_token:
 *
 * Returns: (nullable): the refresh token; %NULL when the app did not grant the
 *   `refresh_token` scope
 */
const char *
sf_token_get_refresh_token (SfToken *self)
{
  return self->refresh_token;
}

/**
 * sf_token_get_instance_url:
 *
 * Returns: the base URL of every REST call, without a trailing slash
 */
const char *
sf_token_get_instance_url (SfToken *self)
{
  return self->instance_url;
}

const char *
sf_token_get_id_url (SfToken *self)
{
  return self->id_url;
}

/**
 * sf_token_get_org_id:
 *
 * Returns: (nullable): the 18-character org id from the identity URL
 */
const char *
sf_token_get_org_id (SfToken *self)
{
  return self->org_id;
}

const char *
sf_token_get_user_id (SfToken *self)
{
  return self->user_id;
}

const char *
sf_token_get_scope (SfToken *self)
{
  return self->scope;
}

/**
 * sf_token_get_issued_at:
 *
 * Returns: milliseconds since the epoch, or 0 if unknown
 */
gint64
sf_token_get_issued_at (SfToken *self)
{
  return self->issued_at;
}

/**
 * sf_token_get_refresh_rotated:
 *
 * Returns: %TRUE if this token came from a refresh whose response carried a
 *   new refresh token: the caller must replace its stored copy
 */
gboolean
sf_token_get_refresh_rotated (SfToken *self)
{
  return self->refresh_rotated;
}
