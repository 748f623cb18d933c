/* test-demo-org.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "orgsync-demo-org.h"

static char *
get (const char *url,
     guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_demo_org_serves_loopback (void)
{
  g_autofree char *data_dir = g_dir_make_tmp ("orgsync-demo-XXXXXX", NULL);
  g_autoptr(OrgsyncDemoOrg) first = orgsync_demo_org_new (data_dir);
  g_autoptr(OrgsyncDemoOrg) second = orgsync_demo_org_new (data_dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *versions_url = NULL;
  g_autofree char *body = NULL;
  g_autofree char *state = NULL;
  g_autofree char *state_dir = NULL;
  guint status = 0;

  g_assert_true (orgsync_demo_org_start (first, &error));
  g_assert_no_error (error);
  g_assert_true (orgsync_demo_org_start (first, &error));  /* idempotent */
  g_assert_true (g_str_has_prefix (orgsync_demo_org_get_url (first), "http://127.0.0.1:"));
  {
    g_autoptr(OrgsyncConnection) demo = orgsync_connection_new ("d");
    g_autoptr(OrgsyncConnection) moved = orgsync_connection_new ("m");
    g_autoptr(OrgsyncConnection) real = orgsync_connection_new ("r");
    g_autoptr(OrgsyncConnection) own_sim = orgsync_connection_new ("s");

    orgsync_connection_set_login_url (demo, orgsync_demo_org_get_url (first));
    orgsync_connection_set_login_url (moved, "http://127.0.0.1:1");
    orgsync_connection_set_username (moved, ORGSYNC_DEMO_USERNAME);
    orgsync_connection_set_login_url (real, "https://login.salesforce.com");
    orgsync_connection_set_username (real, ORGSYNC_DEMO_USERNAME);
    g_assert_true (orgsync_demo_org_owns (first, demo));
    g_assert_true (orgsync_demo_org_owns (first, moved));
    g_assert_false (orgsync_demo_org_owns (first, real));
    /* An orgsync-sim started by hand, with its default user, is not the demo org */
    orgsync_connection_set_login_url (own_sim, "http://127.0.0.1:2");
    orgsync_connection_set_username (own_sim, "demo@orgsync.test");
    g_assert_false (orgsync_demo_org_owns (first, own_sim));
  }

  /* A real peer: the versions list answers without a session. */
  versions_url = g_strconcat (orgsync_demo_org_get_url (first), "/services/data/", NULL);
  body = get (versions_url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "\"version\""));

  /* A second demo org while the first holds the usual port takes another one. */
  g_assert_true (orgsync_demo_org_start (second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (orgsync_demo_org_get_url (first), !=, orgsync_demo_org_get_url (second));

  orgsync_demo_org_trickle_now (first);
  orgsync_demo_org_stop (first);
  orgsync_demo_org_stop (second);
  g_assert_false (orgsync_demo_org_is_running (first));

  /* The org's state lives in the data folder, so the demo survives a restart. */
  state = g_build_filename (data_dir, "demo", "org-state.json", NULL);
  g_assert_true (g_file_test (state, G_FILE_TEST_EXISTS));
  state_dir = g_path_get_dirname (state);
  g_remove (state);
  g_rmdir (state_dir);
  g_rmdir (data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo-org/serves-loopback", test_demo_org_serves_loopback);

  return g_test_run ();
}
