/* test-sf-loopback.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <ifaddrs.h>
#include <netinet/in.h>

#include "sf-error.h"
#include "sf-loopback-listener-private.h"

/* The OAuth loopback listener on its own (issue 8): it listens on
 * 127.0.0.1 only, answers one valid redirect, refuses a wrong state, a
 * replayed code, other paths and methods, and is gone after success, cancel,
 * abort or time-out. The whole browser flow against the simulator is in
 * test-sf-client.c. Requests are made from a thread with plain sockets, as a
 * browser or any other local program would. */

#define STATE "pYb2-Tq8state"

typedef struct
{
  char     *address;
  guint     port;
  char     *request;
  guint     status;     /* 0: no HTTP answer */
  GError   *error;
  gboolean  done;

  /* For a request whose connection is made before it is sent. */
  gboolean  hold;
  gboolean  connected;
  gboolean  go;
  GMutex    mutex;
  GCond     cond;
} Call;

static void
call_free (Call *call)
{
  g_free (call->address);
  g_free (call->request);
  g_clear_error (&call->error);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static guint
parse_status (const char *response)
{
  guint status = 0;

  if (response != NULL && g_str_has_prefix (response, "HTTP/1.1 "))
    status = (guint) g_ascii_strtoull (response + 9, NULL, 10);

  return status;
}

static gpointer
call_thread (gpointer data)
{
  Call *call = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (call->address);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, call->port);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GString) response = g_string_new (NULL);
  char buffer[1024];
  gssize n;

  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &call->error);
  if (connection != NULL && call->hold)
    {
      g_mutex_lock (&call->mutex);
      g_atomic_int_set (&call->connected, TRUE);
      g_main_context_wakeup (NULL);
      while (!call->go)
        g_cond_wait (&call->cond, &call->mutex);
      g_mutex_unlock (&call->mutex);
    }
  if (connection != NULL &&
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                 call->request, strlen (call->request), NULL, NULL, &call->error))
    {
      while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                       buffer, sizeof buffer, NULL, &call->error)) > 0)
        g_string_append_len (response, buffer, n);
      call->status = parse_status (response->str);
    }

  g_atomic_int_set (&call->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static Call *
call_new (const char *address,
          guint       port,
          const char *method,
          const char *target)
{
  Call *call = g_new0 (Call, 1);

  call->address = g_strdup (address);
  call->port = port;
  call->request = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: %s:%u\r\nConnection: close\r\n\r\n",
                                   method, target, address, port);
  return call;
}

/* Makes one request from another thread while this one serves it. */
static Call *
http (const char *address,
      guint       port,
      const char *method,
      const char *target)
{
  Call *call = call_new (address, port, method, target);
  GThread *thread = g_thread_new ("client", call_thread, call);

  while (!g_atomic_int_get (&call->done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  return call;
}

/* Runs what is already due (the listener closes from an idle). */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
assert_refused (const char *address,
                guint       port)
{
  g_autoptr(Call) call = http (address, port, "GET", "/OauthRedirect");

  g_assert_cmpuint (call->status, ==, 0);
  g_assert_error (call->error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static SfLoopbackListener *
new_listener (const char *host,
              guint      *port)
{
  g_autofree char *redirect = NULL;
  g_autoptr(GError) error = NULL;
  SfLoopbackListener *listener;

  *port = free_port ();
  redirect = g_strdup_printf ("http://%s:%u/OauthRedirect", host, *port);
  listener = sf_loopback_listener_new (redirect, STATE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sf_loopback_listener_get_port (listener), ==, *port);
  return listener;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* An IPv4 address of this machine that is not loopback, if it has one. */
static char *
find_external_ipv4 (void)
{
  struct ifaddrs *list = NULL;
  char *found = NULL;

  if (getifaddrs (&list) != 0)
    return NULL;

  for (struct ifaddrs *i = list; i != NULL && found == NULL; i = i->ifa_next)
    {
      g_autoptr(GInetAddress) address = NULL;

      if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)
        continue;
      address = g_inet_address_new_from_bytes ((const guint8 *) &((struct sockaddr_in *) i->ifa_addr)->sin_addr,
                                               G_SOCKET_FAMILY_IPV4);
      if (!g_inet_address_get_is_loopback (address))
        found = g_inet_address_to_string (address);
    }

  freeifaddrs (list);
  return found;
}

/* 127.0.0.1, not 0.0.0.0: the rest of 127.0.0.0/8 reaches the same interface
 * and is still refused, and so is the machine's network address. */
static void
test_binds_loopback_only (void)
{
  const char * const hosts[] = { "127.0.0.1", "localhost" };
  g_autofree char *external = find_external_ipv4 ();

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      guint port;
      g_autoptr(SfLoopbackListener) listener = new_listener (hosts[i], &port);
      g_autoptr(Call) ok = http ("127.0.0.1", port, "GET", "/favicon.ico");

      g_test_message ("callback on %s:%u: HTTP %u%s%s", hosts[i], port, ok->status,
                      ok->error ? ", " : "", ok->error ? ok->error->message : "");
      g_assert_cmpuint (ok->status, ==, 404);
      assert_refused ("127.0.0.2", port);
      if (external != NULL)
        assert_refused (external, port);
      sf_loopback_listener_close (listener);
    }

  if (external == NULL)
    g_test_message ("no non-loopback IPv4 address here; 127.0.0.2 stood in for it");
}

static Call *
call_start_held (const char  *target,
                 guint        port,
                 GThread    **thread)
{
  Call *call = call_new ("127.0.0.1", port, "GET", target);

  call->hold = TRUE;
  *thread = g_thread_new ("held", call_thread, call);
  while (!g_atomic_int_get (&call->connected) && !g_atomic_int_get (&call->done))
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (call->error);

  return call;
}

static void
call_release (Call *call)
{
  g_mutex_lock (&call->mutex);
  call->go = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->mutex);
}

/* One valid redirect gives its code, once: the same redirect sent twice at
 * the same moment on two connections gets one 200, and the other 410 or a
 * closed connection, depending on who runs first. Afterwards nothing
 * listens. */
static void
test_one_valid_redirect (void)
{
  guint port;
  g_autoptr(SfLoopbackListener) listener = new_listener ("127.0.0.1", &port);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(Call) first = NULL;
  g_autoptr(Call) replay = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *target = g_strdup_printf ("/OauthRedirect?code=aPrx%%3D%%3D&state=%s", STATE);
  GThread *threads[2];

  sf_loopback_listener_wait_async (listener, 0, NULL, result_cb, &result);

  first = call_start_held (target, port, &threads[0]);
  replay = call_start_held (target, port, &threads[1]);
  call_release (first);
  call_release (replay);
  while (!g_atomic_int_get (&first->done) || !g_atomic_int_get (&replay->done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (threads[0]);
  g_thread_join (threads[1]);

  g_test_message ("HTTP %u and %u", first->status, replay->status);
  g_assert_true ((first->status == 200) != (replay->status == 200));
  g_assert_true (first->status == 410 || first->status == 0 || replay->status == 410 || replay->status == 0);

  code = sf_loopback_listener_wait_finish (listener, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "aPrx==");

  settle ();
  assert_refused ("127.0.0.1", port);
}

/* Other paths and methods are answered 404 and the wait goes on; the real
 * redirect still works after them. */
static void
test_other_paths (void)
{
  const char * const requests[][2] = {
    { "GET", "/" },
    { "GET", "/favicon.ico" },
    { "GET", "/OauthRedirect/extra?code=x&state=" STATE },
    { "GET", "/oauthredirect?code=x&state=" STATE },
    { "GET", "/OauthRedirect/..?code=x&state=" STATE },
    { "POST", "/OauthRedirect?code=x&state=" STATE },
    { "HEAD", "/OauthRedirect?code=x&state=" STATE },
  };
  guint port;
  g_autoptr(SfLoopbackListener) listener = new_listener ("localhost", &port);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(Call) call = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  sf_loopback_listener_wait_async (listener, 0, NULL, result_cb, &result);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(Call) other = http ("127.0.0.1", port, requests[i][0], requests[i][1]);

      g_test_message ("%s %s: %u", requests[i][0], requests[i][1], other->status);
      g_assert_cmpuint (other->status, >=, 400);
      g_assert_null (result);
    }

  call = http ("127.0.0.1", port, "GET", "/OauthRedirect?state=" STATE "&code=c0de");
  g_assert_cmpuint (call->status, ==, 200);
  code = sf_loopback_listener_wait_finish (listener, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "c0de");
  settle ();
  assert_refused ("127.0.0.1", port);
}

/* A wrong or missing state ends the wait without a code: it may be another
 * sign-in's redirect, or a forged one. */
static void
test_wrong_state (void)
{
  const char * const targets[] = {
    "/OauthRedirect?code=x&state=forged",
    "/OauthRedirect?code=x",
    "/OauthRedirect?code=x&state=" STATE "x",
    "/OauthRedirect?code=x&state=",
  };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      guint port;
      g_autoptr(SfLoopbackListener) listener = new_listener ("127.0.0.1", &port);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(Call) call = NULL;
      g_autoptr(Call) after = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *code = NULL;
      g_autofree char *good = g_strdup_printf ("/OauthRedirect?code=y&state=%s", STATE);

      sf_loopback_listener_wait_async (listener, 0, NULL, result_cb, &result);
      call = http ("127.0.0.1", port, "GET", targets[i]);
      g_assert_cmpuint (call->status, ==, 400);
      code = sf_loopback_listener_wait_finish (listener, wait_for (&result), &error);
      g_assert_null (code);
      g_assert_error (error, SF_ERROR, SF_ERROR_STATE_MISMATCH);

      settle ();
      after = http ("127.0.0.1", port, "GET", good);
      g_assert_cmpuint (after->status, ==, 0);
    }
}

/* Salesforce's own error on the redirect (the person clicked Deny). */
static void
test_denied (void)
{
  guint port;
  g_autoptr(SfLoopbackListener) listener = new_listener ("127.0.0.1", &port);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(Call) call = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  sf_loopback_listener_wait_async (listener, 0, NULL, result_cb, &result);
  call = http ("127.0.0.1", port, "GET",
               "/OauthRedirect?error=access_denied&error_description=end-user+denied+authorization"
               "&state=" STATE);
  g_assert_cmpuint (call->status, ==, 200);
  code = sf_loopback_listener_wait_finish (listener, wait_for (&result), &error);
  g_assert_null (code);
  g_assert_error (error, SF_ERROR, SF_ERROR_ACCESS_DENIED);
  g_assert_cmpstr (error->message, ==, "end-user denied authorization");
  settle ();
  assert_refused ("127.0.0.1", port);
}

static void
test_closes_after_cancel (void)
{
  guint port;
  g_autoptr(SfLoopbackListener) listener = new_listener ("127.0.0.1", &port);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(Call) before = NULL;
  g_autoptr(GError) error = NULL;

  sf_loopback_listener_wait_async (listener, 0, cancellable, result_cb, &result);
  before = http ("127.0.0.1", port, "GET", "/favicon.ico");
  g_assert_cmpuint (before->status, ==, 404);

  g_cancellable_cancel (cancellable);
  g_assert_null (sf_loopback_listener_wait_finish (listener, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  settle ();
  assert_refused ("127.0.0.1", port);
}

/* One second: the shortest the API has. The test waits for the result; it
 * does not time it. */
static void
test_closes_after_timeout (void)
{
  guint port;
  g_autoptr(SfLoopbackListener) listener = new_listener ("127.0.0.1", &port);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_loopback_listener_wait_async (listener, 1, NULL, result_cb, &result);
  g_assert_null (sf_loopback_listener_wait_finish (listener, wait_for (&result), &error));
  g_assert_error (error, SF_ERROR, SF_ERROR_LOGIN_TIMED_OUT);
  settle ();
  assert_refused ("127.0.0.1", port);
}

/* The browser could not be started. */
static void
test_closes_after_abort (void)
{
  guint port;
  g_autoptr(SfLoopbackListener) listener = new_listener ("127.0.0.1", &port);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_loopback_listener_wait_async (listener, 0, NULL, result_cb, &result);
  sf_loopback_listener_abort (listener, g_error_new_literal (SF_ERROR, SF_ERROR_BROWSER_FAILED, "no browser"));
  g_assert_null (sf_loopback_listener_wait_finish (listener, wait_for (&result), &error));
  g_assert_error (error, SF_ERROR, SF_ERROR_BROWSER_FAILED);
  settle ();
  assert_refused ("127.0.0.1", port);
}

static void
test_redirect_uri_checked (void)
{
  const char * const refused[] = {
    "http://0.0.0.0:1717/OauthRedirect",
    "http://192.168.1.10:1717/OauthRedirect",
    "https://localhost:1717/OauthRedirect",
    "http://localhost/OauthRedirect",
    "http://example.com:1717/OauthRedirect",
    "not a url",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SfLoopbackListener) listener = sf_loopback_listener_new (refused[i], STATE, &error);

      g_test_message ("%s", refused[i]);
      g_assert_null (listener);
      g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
    }
}

/* The decision alone, for the cases a socket test cannot reach cheaply. */
static void
test_decision (void)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpint (_sf_redirect_check ("GET", "/OauthRedirect", NULL, "/OauthRedirect", STATE,
                                       &code, &error), ==, SF_REDIRECT_BAD_STATE);
  g_assert_error (error, SF_ERROR, SF_ERROR_STATE_MISMATCH);
  g_clear_error (&error);

  g_hash_table_insert (query, (char *) "state", (char *) STATE);
  g_assert_cmpint (_sf_redirect_check ("GET", "/OauthRedirect", query, "/OauthRedirect", STATE,
                                       &code, &error), ==, SF_REDIRECT_ERROR);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_hash_table_insert (query, (char *) "code", (char *) "");
  g_assert_cmpint (_sf_redirect_check ("GET", "/OauthRedirect", query, "/OauthRedirect", STATE,
                                       &code, &error), ==, SF_REDIRECT_ERROR);
  g_clear_error (&error);

  g_hash_table_insert (query, (char *) "code", (char *) "c");
  g_assert_cmpint (_sf_redirect_check ("PUT", "/OauthRedirect", query, "/OauthRedirect", STATE,
                                       &code, &error), ==, SF_REDIRECT_NOT_FOUND);
  g_assert_cmpint (_sf_redirect_check ("GET", "/OauthRedirect", query, "/OauthRedirect", STATE,
                                       &code, &error), ==, SF_REDIRECT_CODE);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "c");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sf/loopback/binds-loopback-only", test_binds_loopback_only);
  g_test_add_func ("/sf/loopback/one-valid-redirect", test_one_valid_redirect);
  g_test_add_func ("/sf/loopback/other-paths", test_other_paths);
  g_test_add_func ("/sf/loopback/wrong-state", test_wrong_state);
  g_test_add_func ("/sf/loopback/denied", test_denied);
  g_test_add_func ("/sf/loopback/closes-after-cancel", test_closes_after_cancel);
  g_test_add_func ("/sf/loopback/closes-after-timeout", test_closes_after_timeout);
  g_test_add_func ("/sf/loopback/closes-after-abort", test_closes_after_abort);
  g_test_add_func ("/sf/loopback/redirect-uri-checked", test_redirect_uri_checked);
  g_test_add_func ("/sf/loopback/decision", test_decision);

  return g_test_run ();
}
