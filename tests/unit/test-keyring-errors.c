/* test-keyring-errors.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "orgsync-error.h"
#include "orgsync-keyring.h"

static void
result_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/* Without a Secret Service the keyring module says what to do instead of failing
 * with a D-Bus message, and never falls back to storing the token elsewhere. */
static void
test_keyring_without_service (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  orgsync_keyring_store_async ("conn-x", ORGSYNC_SECRET_REFRESH_TOKEN, "label", "secret",
                               NULL, result_ready_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (orgsync_keyring_store_finish (result, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_KEYRING_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_assert_null (strstr (error->message, "secret\""));
}

static void
test_keyring_kind_names (void)
{
  g_assert_cmpstr (orgsync_secret_kind_to_string (ORGSYNC_SECRET_REFRESH_TOKEN), ==, "refresh-token");
  g_assert_cmpstr (orgsync_secret_kind_to_string (ORGSYNC_SECRET_ACCESS_TOKEN), ==, "access-token");
  g_assert_cmpstr (orgsync_secret_kind_to_string (ORGSYNC_SECRET_CLIENT_SECRET), ==, "client-secret");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *missing_bus = NULL;

  /* A session bus address that leads nowhere: no daemon can answer. */
  missing_bus = g_strdup_printf ("unix:path=%s/no-such-bus-%d", g_get_tmp_dir (), (int) getpid ());
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", missing_bus, TRUE);
  g_unsetenv ("SECRET_BACKEND");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyring/without-service", test_keyring_without_service);
  g_test_add_func ("/keyring/kind-names", test_keyring_kind_names);

  return g_test_run ();
}
