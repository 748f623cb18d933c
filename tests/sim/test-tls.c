/* test-tls.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sim-test-util.h"

/* --tls-cert/--tls-key: HTTPS on loopback, so that clients can test their
 * certificate checks. */

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  return TRUE;
}

static void
test_tls (void)
{
  g_autofree char *cert = g_build_filename (SIM_TEST_DATA_DIR, "test-cert.pem", NULL);
  g_autofree char *key = g_build_filename (SIM_TEST_DATA_DIR, "test-key.pem", NULL);
  g_autoptr(SimServer) tls = NULL;
  g_autoptr(SoupSession) s = sim_test_session ();
  g_autoptr(SoupMessage) rejected = NULL;
  g_autoptr(SoupMessage) accepted = NULL;
  g_autoptr(GBytes) body1 = NULL;
  g_autoptr(GBytes) body2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("glib-networking is not installed");
      return;
    }
#if defined(__SANITIZE_ADDRESS__)
  /* LeakSanitizer's tracer crashes at exit after GnuTLS handshakes on
   * Debian 12; valgrind covers this test instead. */
  g_test_skip ("TLS is not checked under AddressSanitizer");
  return;
#endif

  tls = sim_test_start_server ("--tls-cert", cert, "--tls-key", key, "--records", "Account=5", NULL);
  g_assert_true (g_str_has_prefix (sim_server_get_base_url (tls), "https://127.0.0.1:"));
  url = g_strconcat (sim_server_get_base_url (tls), "/services/data/", NULL);

  /* A self-signed certificate is refused unless the client accepts it. */
  rejected = soup_message_new ("GET", url);
  body1 = soup_session_send_and_read (s, rejected, NULL, &error);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);

  accepted = soup_message_new ("GET", url);
  g_signal_connect (accepted, "accept-certificate", G_CALLBACK (accept_certificate_cb), NULL);
  g_clear_error (&error);
  body2 = soup_session_send_and_read (s, accepted, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (accepted), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/tls/self-signed", test_tls);

  return g_test_run ();
}
