/* sf-test-server.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sf-test-server.h"

typedef struct
{
  guint  status;
  char  *body;
} Response;

struct _SfTestServer
{
  SoupServer     *server;
  GSocketService *service;
  char           *url;
  GHashTable     *responses;   /* path (NULL: any other) → Response */
  Response       *fallback;
  guint           hits;
};

static void
response_free (Response *response)
{
  g_free (response->body);
  g_free (response);
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SfTestServer *self = user_data;
  Response *response = g_hash_table_lookup (self->responses, path);

  self->hits++;
  if (response == NULL)
    response = self->fallback;
  if (response == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (message, response->status, NULL);
  soup_server_message_set_response (message, "application/json;charset=UTF-8", SOUP_MEMORY_COPY,
                                    response->body, strlen (response->body));
}

/* libsoup 3.2.3 leaks the socket of every connection its own listener
 * accepts: accept them here, as SfLoopbackListener does. */
static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  SfTestServer *self = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);

  soup_server_accept_iostream (self->server, G_IO_STREAM (connection), local, remote, NULL);
  return TRUE;
}

SfTestServer *
sf_test_server_new (void)
{
  SfTestServer *self = g_new0 (SfTestServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  self->responses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) response_free);
  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->server, NULL, serve_cb, self, NULL);

  self->service = g_socket_service_new ();
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  self->url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  return self;
}

void
sf_test_server_free (SfTestServer *self)
{
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  soup_server_disconnect (self->server);
  g_clear_object (&self->service);
  g_clear_object (&self->server);
  g_hash_table_unref (self->responses);
  g_clear_pointer (&self->fallback, response_free);
  g_free (self->url);
  g_free (self);
}

const char *
sf_test_server_get_url (SfTestServer *self)
{
  return self->url;
}

/**
 * sf_test_server_respond:
 * @path: (nullable): the request path (without the query), or %NULL for
 *   every path not named otherwise
 */
void
sf_test_server_respond (SfTestServer *self,
                        const char   *path,
                        guint         status,
                        const char   *body)
{
  Response *response = g_new0 (Response, 1);

  response->status = status;
  response->body = g_strdup (body);

  if (path == NULL)
    {
      g_clear_pointer (&self->fallback, response_free);
      self->fallback = response;
    }
  else
    g_hash_table_replace (self->responses, g_strdup (path), response);
}

/* How many requests reached the server. */
guint
sf_test_server_get_hits (SfTestServer *self)
{
  return self->hits;
}
