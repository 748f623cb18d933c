/* sf-loopback-listener.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sf-error.h"
#include "sf-loopback-listener-private.h"
#include "sf-url.h"

/* The one-shot HTTP server the browser is redirected to after sign-in. It
 * listens on loopback only, answers only the registered callback path, checks
 * the state it was given, and accepts one authorization code, once: any
 * other process on the machine could talk to it, so it trusts nothing else. */

struct _SfLoopbackListener
{
  GObject             parent_instance;

  SoupServer         *server;
  GSocketService     *service;
  char               *path;
  char               *state;
  guint               port;

  GTask              *task;            /* the pending wait */
  SoupServerMessage  *final_message;   /* the response that ends the wait */
  char               *code;
  GError             *error;
  GSource            *timeout;
  gulong              cancelled_id;
  guint               used : 1;
};

G_DEFINE_FINAL_TYPE (SfLoopbackListener, sf_loopback_listener, G_TYPE_OBJECT)

static const char done_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Org Sync</title>"
  "<style>body{font-family:sans-serif;margin:4em;text-align:center;color:#333}</style></head>"
  "<body><h1>&#10003;</h1><p>Org Sync is connected. You can close this tab.</p></body></html>";

static const char failed_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Org Sync</title>"
  "<style>body{font-family:sans-serif;margin:4em;text-align:center;color:#333}</style></head>"
  "<body><h1>&#10007;</h1><p>Sign-in did not complete. Return to Org Sync for details. "
  "You can close this tab.</p></body></html>";

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *page)
{
  soup_server_message_set_status (message, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Connection", "close");
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (message, "text/html; charset=utf-8",
                                    SOUP_MEMORY_STATIC, page, strlen (page));
}

static void
clear_timeout (SfLoopbackListener *self)
{
  if (self->timeout != NULL)
    {
      g_source_destroy (self->timeout);
      g_clear_pointer (&self->timeout, g_source_unref);
    }
}

static gboolean
close_idle_cb (gpointer user_data)
{
  sf_loopback_listener_close (user_data);
  return G_SOURCE_REMOVE;
}

static void
complete (SfLoopbackListener *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  GSource *source;

  clear_timeout (self);
  if (self->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
    }

  /* Not from inside the server's own signal emission. */
  source = g_idle_source_new ();
  g_source_set_callback (source, close_idle_cb, g_object_ref (self), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);

  if (self->error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&self->code), g_free);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *message,
                     gpointer           user_data)
{
  SfLoopbackListener *self = user_data;

  /* Finish only once the page is on its way, so closing the server does not
   * cut the browser off. */
  if (message == self->final_message && self->task != NULL)
    {
      self->final_message = NULL;
      complete (self);
    }
}

/* A redirect with the expected state: either a code or Salesforce's error. */
static SfRedirectVerdict
check_oauth_result (GHashTable  *query,
                    char       **code,
                    GError     **error)
{
  const char *value = g_hash_table_lookup (query, "code");
  const char *oauth_error = g_hash_table_lookup (query, "error");
  const char *description = g_hash_table_lookup (query, "error_description");

  if (value != NULL && *value != '\0')
    {
      *code = g_strdup (value);
      return SF_REDIRECT_CODE;
    }

  if (oauth_error != NULL)
    {
      /* Any program can send this request: its text goes into a message that
       * is shown as is, so it must at least be UTF-8. */
      g_autofree char *text = g_utf8_make_valid (description ? description : oauth_error, -1);

      g_set_error_literal (error, SF_ERROR,
                           sf_error_code_from_oauth_error (oauth_error, description), text);
    }
  else
    g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                         "The sign-in redirect carried neither a code nor an error");

  return SF_REDIRECT_ERROR;
}

/**
 * _sf_redirect_check:
 * @method: the request's method
 * @path: the request's path, as libsoup hands it to a handler (still
 *   percent-encoded)
 * @query: (nullable): the decoded query, as soup_form_decode() gives it
 * @expected_path: the path of the registered callback
 * @expected_state: the state the authorize request carried
 * @code: (out): the authorization code, for %SF_REDIRECT_CODE
 * @error: the reason, for %SF_REDIRECT_BAD_STATE and %SF_REDIRECT_ERROR
 *
 * What the listener makes of one request, apart from sockets and state, so
 * that it can be tested and fuzzed on its own.
 */
SfRedirectVerdict
_sf_redirect_check (const char  *method,
                    const char  *path,
                    GHashTable  *query,
                    const char  *expected_path,
                    const char  *expected_state,
                    char       **code,
                    GError     **error)
{
  const char *state;

  if (g_strcmp0 (method, "GET") != 0 || g_strcmp0 (path, expected_path) != 0)
    return SF_REDIRECT_NOT_FOUND;

  state = query ? g_hash_table_lookup (query, "state") : NULL;
  if (state == NULL || g_strcmp0 (state, expected_state) != 0)
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_STATE_MISMATCH,
                           "The sign-in redirect carried an unexpected state");
      return SF_REDIRECT_BAD_STATE;
    }

  return check_oauth_result (query, code, error);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SfLoopbackListener *self = user_data;
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  SfRedirectVerdict verdict;

  verdict = _sf_redirect_check (soup_server_message_get_method (message), path, query,
                                self->path, self->state, &code, &error);

  if (verdict == SF_REDIRECT_NOT_FOUND)
    {
      respond (message, SOUP_STATUS_NOT_FOUND, failed_page);
      return;
    }

  if (self->used || self->task == NULL)
    {
      respond (message, SOUP_STATUS_GONE, failed_page);
      return;
    }

  /* Whatever the verdict, the wait ends here: after a wrong state (someone
   * else's redirect, or a forged one) it is safer to stop than to exchange a
   * code that may not be ours. */
  self->used = TRUE;
  self->final_message = message;
  self->code = g_steal_pointer (&code);
  self->error = g_steal_pointer (&error);

  if (verdict == SF_REDIRECT_BAD_STATE)
    {
      g_debug ("Rejected a sign-in redirect with the wrong state");
      respond (message, SOUP_STATUS_BAD_REQUEST, failed_page);
    }
  else
    respond (message, SOUP_STATUS_OK, verdict == SF_REDIRECT_CODE ? done_page : failed_page);
}

/* Connections are accepted here and handed to libsoup, rather than through
 * soup_server_listen(): libsoup 3.2.3 leaks the socket of every connection
 * its own listener accepts. */
static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  SfLoopbackListener *self = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  if (!soup_server_accept_iostream (self->server, G_IO_STREAM (connection), local, remote, &error))
    g_debug ("Dropped a connection to the sign-in listener: %s", error->message);

  return TRUE;
}

static gboolean
listen_on (SfLoopbackListener  *self,
           const char          *address,
           GError             **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, self->port);

  return g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), socket_address,
                                        G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                        NULL, NULL, error);
}

static gboolean
parse_redirect_uri (const char  *redirect_uri,
                    char       **host,
                    guint       *port,
                    char       **path,
                    GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 ||
      !sf_url_host_is_loopback (g_uri_get_host (uri)) || g_uri_get_port (uri) <= 0)
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                   "The callback URL “%s” must be http:// on localhost or 127.0.0.1 with a port",
                   redirect_uri);
      return FALSE;
    }

  *host = g_strdup (g_uri_get_host (uri));
  *port = (guint) g_uri_get_port (uri);
  *path = g_strdup (*g_uri_get_path (uri) ? g_uri_get_path (uri) : "/");
  return TRUE;
}

/**
 * sf_loopback_listener_new:
 * @redirect_uri: the callback URL registered on the OAuth app
 * @state: the state the redirect must carry
 * @error: return location for an error
 *
 * Starts listening on 127.0.0.1 at the callback's port (and on ::1 too when
 * the callback names `localhost`, since a browser may resolve it to either).
 *
 * Returns: (transfer full): the listener, or %NULL; %SF_ERROR_CALLBACK_PORT_IN_USE
 *   when another program holds the port
 */
SfLoopbackListener *
sf_loopback_listener_new (const char  *redirect_uri,
                          const char  *state,
                          GError     **error)
{
  g_autoptr(SfLoopbackListener) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (redirect_uri != NULL, NULL);
  g_return_val_if_fail (state != NULL, NULL);

  self = g_object_new (SF_TYPE_LOOPBACK_LISTENER, NULL);
  if (!parse_redirect_uri (redirect_uri, &host, &self->port, &self->path, error))
    return NULL;

  self->state = g_strdup (state);
  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  g_signal_connect_object (self->server, "request-finished",
                           G_CALLBACK (request_finished_cb), self, 0);

  /* A new GSocketService is active: adding a second address (::1) would
   * cancel the accept the first one started, and GLib 2.74 closes a
   * connection that that cancelled accept had already taken. A browser
   * quick enough got a reset. Start only once every address is there. */
  self->service = g_socket_service_new ();
  g_socket_service_stop (self->service);
  g_signal_connect_object (self->service, "incoming", G_CALLBACK (incoming_cb), self, 0);

  if (!listen_on (self, strcmp (host, "::1") == 0 ? "::1" : "127.0.0.1", &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, SF_ERROR, SF_ERROR_CALLBACK_PORT_IN_USE,
                     "Port %u is already in use by another program", self->port);
      else
        g_set_error (error, SF_ERROR, SF_ERROR_FAILED,
                     "Cannot listen on port %u: %s", self->port, local_error->message);
      return NULL;
    }

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    listen_on (self, "::1", NULL);

  g_socket_service_start (self->service);

  return g_steal_pointer (&self);
}

guint
sf_loopback_listener_get_port (SfLoopbackListener *self)
{
  g_return_val_if_fail (SF_IS_LOOPBACK_LISTENER (self), 0);

  return self->port;
}

static gboolean
timeout_cb (gpointer user_data)
{
  SfLoopbackListener *self = user_data;

  g_clear_pointer (&self->timeout, g_source_unref);
  g_clear_error (&self->error);
  self->error = g_error_new_literal (SF_ERROR, SF_ERROR_LOGIN_TIMED_OUT,
                                     "Nobody completed the sign-in in the browser in time");
  complete (self);

  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  g_autoptr(SfLoopbackListener) self = user_data;

  if (self->task == NULL)
    return G_SOURCE_REMOVE;

  g_clear_error (&self->error);
  self->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Sign-in was cancelled");
  complete (self);

  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  SfLoopbackListener *self = user_data;
  GSource *source = g_idle_source_new ();

  /* The cancellable may fire on any thread, and disconnecting from inside
   * its handler deadlocks: finish on the listener's own context. */
  g_source_set_callback (source, cancelled_idle_cb, g_object_ref (self), NULL);
  g_source_attach (source, g_task_get_context (self->task));
  g_source_unref (source);
}

/**
 * sf_loopback_listener_wait_async:
 * @timeout_seconds: how long to wait for the browser; 0 waits forever
 *
 * Waits for the one redirect. The listener closes when the wait ends, for
 * any reason.
 */
void
sf_loopback_listener_wait_async (SfLoopbackListener  *self,
                                 guint                timeout_seconds,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SF_IS_LOOPBACK_LISTENER (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, sf_loopback_listener_wait_async);

  if (timeout_seconds > 0)
    {
      self->timeout = g_timeout_source_new_seconds (timeout_seconds);
      g_source_set_callback (self->timeout, timeout_cb, self, NULL);
      g_source_attach (self->timeout, g_task_get_context (self->task));
    }

  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);
}

/**
 * sf_loopback_listener_wait_finish:
 *
 * Returns: (transfer full): the authorization code
 */
char *
sf_loopback_listener_wait_finish (SfLoopbackListener  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sf_loopback_listener_abort:
 * @error: (transfer full): why the wait ends
 *
 * Ends a pending wait with @error, for example because the browser could
 * not be started.
 */
void
sf_loopback_listener_abort (SfLoopbackListener *self,
                            GError             *error)
{
  g_return_if_fail (SF_IS_LOOPBACK_LISTENER (self));

  if (self->task == NULL)
    {
      g_error_free (error);
      return;
    }

  g_clear_error (&self->error);
  self->error = error;
  complete (self);
}

void
sf_loopback_listener_close (SfLoopbackListener *self)
{
  g_return_if_fail (SF_IS_LOOPBACK_LISTENER (self));

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }
  if (self->server != NULL)
    soup_server_disconnect (self->server);
}

static void
sf_loopback_listener_finalize (GObject *object)
{
  SfLoopbackListener *self = (SfLoopbackListener *)object;

  g_assert (self->task == NULL);

  clear_timeout (self);
  sf_loopback_listener_close (self);
  g_clear_object (&self->service);
  g_clear_object (&self->server);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (sf_loopback_listener_parent_class)->finalize (object);
}

static void
sf_loopback_listener_class_init (SfLoopbackListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_loopback_listener_finalize;
}

static void
sf_loopback_listener_init (SfLoopbackListener *self)
{
}
