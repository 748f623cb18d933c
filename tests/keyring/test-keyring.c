/* test-keyring.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "orgsync-error.h"
#include "orgsync-keyring.h"

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} Waiter;

static void
result_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static GAsyncResult *
wait_for_result (Waiter *waiter)
{
  g_main_loop_run (waiter->loop);
  return waiter->result;
}

static void
store (const char        *connection_id,
       OrgsyncSecretKind  kind,
       const char        *secret)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { loop, NULL };
  gboolean ok;

  orgsync_keyring_store_async (connection_id, kind, "Org Sync test secret", secret,
                               NULL, result_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  ok = orgsync_keyring_store_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static char *
lookup (const char        *connection_id,
        OrgsyncSecretKind  kind)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { loop, NULL };
  char *secret;

  orgsync_keyring_lookup_async (connection_id, kind, NULL, result_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  secret = orgsync_keyring_lookup_finish (result, &error);
  g_assert_no_error (error);

  return secret;
}

static void
clear (const char *connection_id)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { loop, NULL };
  gboolean ok;

  orgsync_keyring_clear_async (connection_id, NULL, result_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  ok = orgsync_keyring_clear_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
assert_secret (const char        *connection_id,
               OrgsyncSecretKind  kind,
               const char        *expected)
{
  char *secret = lookup (connection_id, kind);

  g_assert_cmpstr (secret, ==, expected);
  orgsync_keyring_free_secret (secret);
}

static void
test_keyring_round_trip (void)
{
  assert_secret ("conn-a", ORGSYNC_SECRET_REFRESH_TOKEN, NULL);

  store ("conn-a", ORGSYNC_SECRET_REFRESH_TOKEN, "5Aep861-refresh");
  store ("conn-a", ORGSYNC_SECRET_ACCESS_TOKEN, "00D000000000001!access");
  store ("conn-a", ORGSYNC_SECRET_CLIENT_SECRET, "client-secret-ä€");
  store ("conn-b", ORGSYNC_SECRET_REFRESH_TOKEN, "other-refresh");

  assert_secret ("conn-a", ORGSYNC_SECRET_REFRESH_TOKEN, "5Aep861-refresh");
  assert_secret ("conn-a", ORGSYNC_SECRET_ACCESS_TOKEN, "00D000000000001!access");
  assert_secret ("conn-a", ORGSYNC_SECRET_CLIENT_SECRET, "client-secret-ä€");
  assert_secret ("conn-b", ORGSYNC_SECRET_REFRESH_TOKEN, "other-refresh");

  /* Storing again replaces, as a rotated refresh token must. */
  store ("conn-a", ORGSYNC_SECRET_REFRESH_TOKEN, "5Aep861-rotated");
  assert_secret ("conn-a", ORGSYNC_SECRET_REFRESH_TOKEN, "5Aep861-rotated");

  /* Removing a connection removes all of its secrets and nobody else's. */
  clear ("conn-a");
  assert_secret ("conn-a", ORGSYNC_SECRET_REFRESH_TOKEN, NULL);
  assert_secret ("conn-a", ORGSYNC_SECRET_ACCESS_TOKEN, NULL);
  assert_secret ("conn-a", ORGSYNC_SECRET_CLIENT_SECRET, NULL);
  assert_secret ("conn-b", ORGSYNC_SECRET_REFRESH_TOKEN, "other-refresh");

  clear ("conn-b");
  clear ("conn-never-stored");
}

static void
test_keyring_schema_attributes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autolist(SecretRetrievable) items = NULL;
  SecretSchema schema = {
    "io.github.orgsync.OrgSync.Secret", SECRET_SCHEMA_NONE,
    {
      { "connection-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  store ("conn-c", ORGSYNC_SECRET_ACCESS_TOKEN, "token-c");

  /* Another Secret Service client sees exactly the schema of design.md §8. */
  attributes = secret_attributes_build (&schema,
                                        "connection-id", "conn-c",
                                        "kind", "access-token",
                                        NULL);
  items = secret_password_searchv_sync (&schema, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);

  clear ("conn-c");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyring/round-trip", test_keyring_round_trip);
  g_test_add_func ("/keyring/schema-attributes", test_keyring_schema_attributes);

  ret = g_test_run ();
  secret_service_disconnect ();

  return ret;
}
