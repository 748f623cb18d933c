/* orgsync-keyring.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "orgsync-error.h"
#include "orgsync-keyring.h"

/* One schema for every secret the app keeps (design.md §8). The token values only ever
 * live here and in memory; SQLite, GSettings and logs never see them. */
static const SecretSchema *
orgsync_keyring_get_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.orgsync.OrgSync.Secret",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "connection-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

const char *
orgsync_secret_kind_to_string (OrgsyncSecretKind kind)
{
  switch (kind)
    {
    case ORGSYNC_SECRET_REFRESH_TOKEN:
      return "refresh-token";
    case ORGSYNC_SECRET_ACCESS_TOKEN:
      return "access-token";
    case ORGSYNC_SECRET_CLIENT_SECRET:
      return "client-secret";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* libsecret reports a missing daemon, a locked collection and a missing login keyring
 * through several D-Bus and libsecret codes. Turn them into the two cases a person can
 * act on, and say what to do. */
static GError *
translate_error (GError *error)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new (ORGSYNC_ERROR, ORGSYNC_ERROR_KEYRING_LOCKED,
                        _("The keyring is locked. Unlock it (sign in to the desktop again, "
                          "or use the Passwords and Keys app), then try again."));

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    return g_error_new (ORGSYNC_ERROR, ORGSYNC_ERROR_KEYRING_LOCKED,
                        _("There is no default keyring to keep sign-in tokens in. Create "
                          "one with the Passwords and Keys app, then try again."));

  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR)
    return g_error_new (ORGSYNC_ERROR, ORGSYNC_ERROR_KEYRING_UNAVAILABLE,
                        _("No keyring service is running. Org Sync keeps sign-in tokens "
                          "only in the system keyring: start GNOME Keyring or another "
                          "Secret Service, then try again (%s)."),
                        error->message);

  return g_steal_pointer (&owned);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
orgsync_keyring_store_async (const char          *connection_id,
                             OrgsyncSecretKind    kind,
                             const char          *label,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (connection_id != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_keyring_store_async);

  secret_password_store (orgsync_keyring_get_schema (),
                         SECRET_COLLECTION_DEFAULT,
                         label,
                         secret,
                         cancellable,
                         store_cb,
                         g_steal_pointer (&task),
                         "connection-id", connection_id,
                         "kind", orgsync_secret_kind_to_string (kind),
                         NULL);
}

gboolean
orgsync_keyring_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

void
orgsync_keyring_lookup_async (const char          *connection_id,
                              OrgsyncSecretKind    kind,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (connection_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_keyring_lookup_async);

  secret_password_lookup (orgsync_keyring_get_schema (),
                          cancellable,
                          lookup_cb,
                          g_steal_pointer (&task),
                          "connection-id", connection_id,
                          "kind", orgsync_secret_kind_to_string (kind),
                          NULL);
}

/**
 * orgsync_keyring_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL without an error when none
 *   is stored. Free it with orgsync_keyring_free_secret(), which wipes the memory.
 */
char *
orgsync_keyring_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error only means there was nothing to remove. */
  secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Removes every secret of the connection, whatever its kind. */
void
orgsync_keyring_clear_async (const char          *connection_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (connection_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, orgsync_keyring_clear_async);

  secret_password_clear (orgsync_keyring_get_schema (),
                         cancellable,
                         clear_cb,
                         g_steal_pointer (&task),
                         "connection-id", connection_id,
                         NULL);
}

gboolean
orgsync_keyring_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
orgsync_keyring_free_secret (char *secret)
{
  secret_password_free (secret);
}
