/* test-connect-dialog.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-connect-dialog.h"
#include "orgsync-test-utils.h"

static void
sign_in_cb (OrgsyncConnectDialog *dialog,
            int                   method,
            int                  *last_method)
{
  *last_method = method;
}

static void
test_connect_dialog_login_urls (void)
{
  OrgsyncConnectDialog *dialog = orgsync_connect_dialog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  int method = -1;

  g_signal_connect (dialog, "sign-in", G_CALLBACK (sign_in_cb), &method);
  gtk_window_present (GTK_WINDOW (dialog));

  url = orgsync_connect_dialog_dup_login_url (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://login.salesforce.com");
  g_clear_pointer (&url, g_free);

  /* A My Domain address typed without a scheme becomes https. */
  orgsync_connect_dialog_set_login_url (dialog, "acme.my.salesforce.com");
  url = orgsync_connect_dialog_dup_login_url (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://acme.my.salesforce.com");
  g_clear_pointer (&url, g_free);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.browser", NULL);
  g_assert_cmpint (method, ==, ORGSYNC_SIGN_IN_BROWSER);

  /* Plain http to another computer, a path, spaces, javascript: — refused with a
   * message, and sign-in stays off. */
  {
    const char *bad[] = {
      "http://acme.my.salesforce.com", "https://acme.my.salesforce.com/home",
      "acme my salesforce", "javascript:alert(1)",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_test_message ("refusing %s", bad[i]);
        orgsync_connect_dialog_set_login_url (dialog, bad[i]);
        url = orgsync_connect_dialog_dup_login_url (dialog, &error);
        g_assert_null (url);
        g_assert_nonnull (error);
        g_clear_error (&error);
        /* A disabled action does nothing when activated. */
        method = -1;
        gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.browser", NULL);
        g_assert_cmpint (method, ==, -1);
      }
  }
  orgsync_test_save_screenshot (GTK_WIDGET (dialog), "connect-bad-url");

  /* Loopback is allowed over http: the simulator and the demo org. */
  orgsync_connect_dialog_set_login_url (dialog, "http://127.0.0.1:8080");
  url = orgsync_connect_dialog_dup_login_url (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8080");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_connect_dialog_password_needs_fields (void)
{
  OrgsyncConnectDialog *dialog = orgsync_connect_dialog_new ();
  int method = -1;

  g_signal_connect (dialog, "sign-in", G_CALLBACK (sign_in_cb), &method);
  gtk_window_present (GTK_WINDOW (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.password", NULL);
  g_assert_cmpint (method, ==, -1);

  orgsync_connect_dialog_set_credentials (dialog, "demo@orgsync.test", "demo1234", "DEMOTOKEN");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.password", NULL);
  g_assert_cmpint (method, ==, ORGSYNC_SIGN_IN_PASSWORD);
  g_assert_cmpstr (orgsync_connect_dialog_get_security_token (dialog), ==, "DEMOTOKEN");

  /* Secrets do not outlive their use. */
  orgsync_connect_dialog_clear_secrets (dialog);
  g_assert_cmpstr (orgsync_connect_dialog_get_password (dialog), ==, "");
  g_assert_cmpstr (orgsync_connect_dialog_get_security_token (dialog), ==, "");
  g_assert_cmpstr (orgsync_connect_dialog_get_username (dialog), ==, "demo@orgsync.test");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
count_cb (OrgsyncConnectDialog *dialog,
          int                  *count)
{
  (*count)++;
}

static void
test_connect_dialog_checklist (void)
{
  OrgsyncConnectDialog *dialog = orgsync_connect_dialog_new ();
  int continues = 0;

  g_signal_connect (dialog, "continue", G_CALLBACK (count_cb), &continues);
  gtk_window_present (GTK_WINDOW (dialog));

  orgsync_connect_dialog_show_waiting (dialog, "https://login.salesforce.com/services/oauth2/authorize?x=1");
  g_assert_cmpstr (orgsync_connect_dialog_get_page (dialog), ==, "waiting");
  orgsync_test_save_screenshot (GTK_WIDGET (dialog), "connect-waiting");

  /* One missing permission: the dialog does not pretend success. */
  orgsync_connect_dialog_add_check (dialog, "API Enabled", TRUE, NULL);
  orgsync_connect_dialog_add_check (dialog, "View All Users", FALSE,
                                    "In Setup, edit the user’s profile and turn on View All Users.");
  orgsync_connect_dialog_show_checklist (dialog);
  g_assert_cmpstr (orgsync_connect_dialog_get_page (dialog), ==, "checklist");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.continue", NULL);
  g_assert_cmpint (continues, ==, 0);
  orgsync_test_save_screenshot (GTK_WIDGET (dialog), "connect-checklist");

  orgsync_connect_dialog_clear_checks (dialog);
  orgsync_connect_dialog_add_check (dialog, "API Enabled", TRUE, NULL);
  orgsync_connect_dialog_add_check (dialog, "View All Users", TRUE, NULL);
  orgsync_connect_dialog_show_checklist (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.continue", NULL);
  g_assert_cmpint (continues, ==, 1);

  orgsync_connect_dialog_show_error (dialog, "Sign-In Refused", "The org blocks this client.", TRUE, NULL);
  g_assert_cmpstr (orgsync_connect_dialog_get_page (dialog), ==, "error");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.try-again", NULL));
  g_assert_cmpstr (orgsync_connect_dialog_get_page (dialog), ==, "sign-in");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  orgsync_test_isolate_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/connect-dialog/login-urls", test_connect_dialog_login_urls);
  g_test_add_func ("/connect-dialog/password-needs-fields", test_connect_dialog_password_needs_fields);
  g_test_add_func ("/connect-dialog/checklist", test_connect_dialog_checklist);

  return g_test_run ();
}
