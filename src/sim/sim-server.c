/* sim-server.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "sim-server-private.h"
#include "sim-util.h"

/* The simulator runs on its own thread with its own main context: a test
 * that blocks its main loop, or a GUI busy drawing, never stalls it.  All
 * org state is touched from that thread only. */

#define MAX_URI_LENGTH 16384

G_DEFINE_FINAL_TYPE (SimServer, sim_server, G_TYPE_OBJECT)

static void
client_free (SimClient *client)
{
  g_free (client->id);
  g_free (client->secret);
  g_ptr_array_unref (client->callbacks);
  g_free (client);
}

static void
sim_server_finalize (GObject *object)
{
  SimServer *self = (SimServer *) object;

  sim_server_stop (self);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->start_error, g_error_free);
  g_clear_pointer (&self->store, sim_store_free);
  g_clear_pointer (&self->schema, sim_schema_free);
  sim_counter_clear (&self->counter);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->access_tokens, g_hash_table_unref);
  g_clear_pointer (&self->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->issued, g_ptr_array_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->stats, g_hash_table_unref);
  g_clear_pointer (&self->cursors, g_hash_table_unref);
  g_clear_pointer (&self->jobs, g_hash_table_unref);
  sim_config_clear (&self->config);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (sim_server_parent_class)->finalize (object);
}

static void
sim_server_class_init (SimServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sim_server_finalize;
}

static void
sim_server_init (SimServer *self)
{
  sim_config_init (&self->config);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) sim_oauth_free_token);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) sim_oauth_free_refresh);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) sim_oauth_free_code);
  self->issued = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_oauth_free_issued);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_fault_free);
  self->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) sim_cursor_free);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify) sim_bulk_job_unref);
  self->next_fault_id = 1;
  self->next_cursor = 1;
  self->next_job = 1;
}

SimServer *
sim_server_new (void)
{
  return g_object_new (SIM_TYPE_SERVER, NULL);
}

gboolean
sim_server_configure_argv (SimServer   *self,
                           int         *argc,
                           char      ***argv,
                           GError     **error)
{
  g_return_val_if_fail (SIM_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  return sim_config_parse (&self->config, argc, argv, TRUE, error);
}

gboolean
sim_server_configure (SimServer          *self,
                      const char * const *args,
                      GError            **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char **argv_data;
  char **vector;
  gboolean ok;
  int argc;

  g_return_val_if_fail (SIM_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  g_ptr_array_add (argv, (gpointer) "orgsync-sim");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* GOption reorders the vector it is given: hand it a copy of the pointers. */
  argc = argv->len - 1;
  argv_data = g_memdup2 (argv->pdata, sizeof (char *) * argv->len);
  vector = argv_data;
  ok = sim_config_parse (&self->config, &argc, &vector, FALSE, error);
  g_free (argv_data);
  return ok;
}

gint64
sim_server_now (SimServer *self)
{
  return g_get_real_time () / 1000 + self->clock_offset_ms;
}

SimClient *
sim_server_find_client (SimServer  *self,
                        const char *client_id)
{
  for (guint i = 0; client_id != NULL && i < self->clients->len; i++)
    {
      SimClient *client = g_ptr_array_index (self->clients, i);

      if (g_str_equal (client->id, client_id))
        return client;
    }
  return NULL;
}

/*
 * Responses
 */

void
sim_request_json (SimRequest *req,
                  guint       status,
                  GString    *body)
{
  req->status = status;
  req->content_type = "application/json;charset=UTF-8";
  if (req->response != NULL)
    g_string_free (req->response, TRUE);
  req->response = body;
}

void
sim_request_error (SimRequest *req,
                   guint       status,
                   const char *error_code,
                   const char *message)
{
  GString *body = g_string_new ("[{\"message\":");

  sim_json_append_string (body, message, -1);
  g_string_append (body, ",\"errorCode\":");
  sim_json_append_string (body, error_code, -1);
  g_string_append (body, "}]");
  sim_request_json (req, status, body);
}

const char *
sim_request_param (SimRequest *req,
                   const char *name)
{
  return req->query ? g_hash_table_lookup (req->query, name) : NULL;
}

void
sim_request_clear (SimRequest *req)
{
  g_clear_pointer (&req->path, g_free);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->headers, soup_message_headers_unref);
  g_clear_pointer (&req->response_headers, soup_message_headers_unref);
  g_clear_pointer (&req->version, g_free);
  if (req->response != NULL)
    g_string_free (g_steal_pointer (&req->response), TRUE);
  if (req->stream_destroy != NULL)
    g_clear_pointer (&req->stream_data, req->stream_destroy);
  req->stream = NULL;
}

/* Generates the rest of a streamed body now: a fault or a composite response needs
 * the whole body. */
void
sim_request_complete_stream (SimRequest *req)
{
  if (req->stream == NULL)
    return;

  while (req->stream (req->stream_data, req->response))
    ;
  if (req->stream_destroy != NULL)
    g_clear_pointer (&req->stream_data, req->stream_destroy);
  req->stream = NULL;
}

static void
record_stats (SimServer  *self,
              SimRequest *req)
{
  g_autofree char *key = g_strdup_printf ("%s %s", req->method, req->route ? req->route : "other");
  SimStats *stats = g_hash_table_lookup (self->stats, key);

  if (stats == NULL)
    {
      stats = g_new0 (SimStats, 1);
      g_hash_table_insert (self->stats, g_steal_pointer (&key), stats);
    }
  stats->calls++;
  if (req->status >= 400)
    stats->errors++;
}

/*
 * Dispatch
 */

static void
handle_versions (SimRequest *req)
{
  GString *body = g_string_new ("[");

  /* v31.0 was Summer '14; three releases a year since. */
  for (int v = SIM_API_VERSION_MIN; v <= SIM_API_VERSION_MAX; v++)
    {
      static const char *seasons[] = { "Summer", "Winter", "Spring" };
      int k = v - 31;

      if (v > SIM_API_VERSION_MIN)
        g_string_append_c (body, ',');
      g_string_append_printf (body, "{\"label\":\"%s '%02d\",\"url\":\"/services/data/v%d.0\",\"version\":\"%d.0\"}",
                              seasons[k % 3], 14 + (k + 2) / 3, v, v);
    }
  g_string_append_c (body, ']');
  req->route = "/services/data/";
  sim_request_json (req, 200, body);
}

static gboolean
parse_version (const char  *path,
               char       **version_out,
               const char **rest_out)
{
  const char *p = path;
  int major = 0;

  if (*p++ != 'v' || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    major = major * 10 + (*p++ - '0');
  if (*p++ != '.' || *p++ != '0' || (*p != '/' && *p != '\0'))
    return FALSE;
  if (major < SIM_API_VERSION_MIN || major > SIM_API_VERSION_MAX)
    return FALSE;

  *version_out = g_strdup_printf ("%d.0", major);
  *rest_out = p;
  return TRUE;
}

static guint
count_for (SimRequest *req,
           const char *rest)
{
  /* /composite/batch counts each subrequest; /composite counts once. */
  if (g_str_equal (req->method, "POST") && g_str_equal (rest, "/composite/batch") && req->body)
    {
      gsize len;
      const char *data = g_bytes_get_data (req->body, &len);
      g_autofree char *text = g_strndup (data, len);
      guint n = 0;

      for (const char *p = text; (p = strstr (p, "\"url\"")) != NULL; p++)
        n++;
      return MAX (n, 1);
    }
  return 1;
}

static void
handle_data (SimRequest *req)
{
  SimServer *self = req->server;
  const char *rest = NULL;
  guint n;

  /* Every REST response but the version list carries the usage header. */
  req->limit_header = TRUE;
  if (!parse_version (req->path + strlen ("/services/data/"), &req->version, &rest))
    {
      req->route = "/services/data/unknown";
      sim_request_error (req, 404, "NOT_FOUND", "The requested resource does not exist");
      return;
    }

  if (req->subrequest)
    {
      sim_rest_handle (req, rest);
      return;
    }

  req->token = sim_oauth_authenticate (self, req->headers, req->query);
  if (req->token == NULL)
    {
      req->route = "unauthenticated";
      sim_request_error (req, 401, "INVALID_SESSION_ID", "Session expired or invalid");
      return;
    }
  if (self->api_disabled_for_org)
    {
      req->route = "api-disabled";
      sim_request_error (req, 403, "API_DISABLED_FOR_ORG",
                         "The REST API is not enabled for this Organization.");
      return;
    }
  if (!self->store->perms.api_enabled)
    {
      req->route = "api-disabled";
      sim_request_error (req, 403, "API_CURRENTLY_DISABLED", "API is disabled for this User");
      return;
    }

  n = count_for (req, rest);
  if (sim_counter_used (&self->counter, sim_server_now (self)) + n > self->counter.limit)
    {
      req->route = "limit-exceeded";
      sim_request_error (req, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
      return;
    }
  sim_counter_add (&self->counter, sim_server_now (self), n);
  sim_server_schedule_save (self);

  sim_rest_handle (req, rest);
}

void
sim_request_dispatch (SimRequest *req)
{
  const char *path = req->path;

  if (g_str_equal (path, "/services/data") || g_str_equal (path, "/services/data/"))
    handle_versions (req);
  else if (g_str_has_prefix (path, "/services/data/"))
    handle_data (req);
  else if (g_str_has_prefix (path, "/services/oauth2/"))
    sim_oauth_handle (req);
  else if (g_str_has_prefix (path, "/id/"))
    sim_oauth_identity (req);
  else if (g_str_equal (path, "/_sim") || g_str_has_prefix (path, "/_sim/"))
    sim_control_handle (req);
  else
    {
      req->route = "not-found";
      sim_request_error (req, 404, "NOT_FOUND", "The requested resource does not exist");
    }
}

/*
 * HTTP glue
 */

static void
reset_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (G_IS_SOCKET_CONNECTION (stream))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream));
      struct linger linger = { 1, 0 };

      /* SO_LINGER with a zero timeout turns close() into a TCP reset. */
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  g_io_stream_close (stream, NULL, NULL);
}

/* The headers with the length of the whole body, half of the body, then the end of
 * the connection: closed (truncate) or reset (reset-body). */
static void
write_truncated (SoupServerMessage *msg,
                 SimRequest        *req,
                 gboolean           reset)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (stream);
  gsize full = req->response ? req->response->len : 0;
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: %s\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "Connection: close\r\n\r\n",
                                           req->status, soup_status_get_phrase (req->status),
                                           req->content_type ? req->content_type : "text/plain",
                                           full);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  if (full > 1)
    g_output_stream_write_all (out, req->response->str, full / 2, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  if (reset && G_IS_SOCKET_CONNECTION (stream))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream));
      struct linger linger = { 1, 0 };

      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  g_io_stream_close (stream, NULL, NULL);
}

static void
apply_body_fault (SimRequest *req,
                  SimFault   *fault)
{
  if (req->response == NULL)
    return;

  switch (fault->kind)
    {
    case SIM_FAULT_MALFORMED_JSON:
      /* Cut mid-value and add garbage, so any JSON parser fails. */
      g_string_truncate (req->response, req->response->len / 2);
      g_string_append (req->response, "{\"unterminated\": [tru");
      break;
    case SIM_FAULT_CSV_MALFORMED:
      g_string_append (req->response, "\"unterminated,\"field\n\"a\"b\"\n");
      break;
    case SIM_FAULT_CSV_TRUNCATED:
      {
        /* Stop in the middle of a quoted value. */
        gsize cut = req->response->len / 2;

        while (cut > 0 && req->response->str[cut] != '"')
          cut--;
        g_string_truncate (req->response, cut + 1);
        g_string_append (req->response, "Trunc");
      }
      break;
    case SIM_FAULT_STATUS:
    case SIM_FAULT_RESET:
    case SIM_FAULT_DELAY:
    case SIM_FAULT_TRUNCATE:
    case SIM_FAULT_HTML:
    case SIM_FAULT_BULK_FAILED:
    case SIM_FAULT_BULK_ABORTED:
    case SIM_FAULT_INSTANCE_URL:
    case SIM_FAULT_RESET_BODY:
    case SIM_FAULT_EXPIRE_SESSION:
    default:
      break;
    }
}

/*
 * Streamed bodies: a piece at a time, each generated once the one before is written,
 * so that a client reads the first rows of a large Bulk chunk at once.
 */

typedef struct
{
  SimStreamFunc   func;
  gpointer        data;
  GDestroyNotify  destroy;
} Stream;

static void
stream_free (Stream *stream)
{
  if (stream->destroy != NULL)
    stream->destroy (stream->data);
  g_free (stream);
}

static void
stream_next (SoupServerMessage *msg,
             Stream            *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  GString *piece = g_string_new (NULL);
  gboolean more = TRUE;
  gsize len;

  while (more && piece->len == 0)
    more = stream->func (stream->data, piece);

  len = piece->len;
  if (len > 0)
    soup_message_body_append (body, SOUP_MEMORY_TAKE, g_string_free (g_steal_pointer (&piece), FALSE), len);
  else
    g_string_free (piece, TRUE);
  if (!more)
    soup_message_body_complete (body);
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                Stream            *stream)
{
  stream_next (msg, stream);
}

static void
start_stream (SoupServerMessage *msg,
              SimRequest        *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  Stream *stream = g_new0 (Stream, 1);
  gsize len = req->response->len;

  stream->func = req->stream;
  stream->data = req->stream_data;
  stream->destroy = req->stream_destroy;
  req->stream = NULL;
  req->stream_data = NULL;
  req->stream_destroy = NULL;
  g_object_set_data_full (G_OBJECT (msg), "sim-stream", stream, (GDestroyNotify) stream_free);

  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, req->content_type, NULL);
  soup_message_body_set_accumulate (body, FALSE);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), stream);

  /* What the handler wrote already (the CSV header) goes first. */
  if (len > 0)
    soup_message_body_append (body, SOUP_MEMORY_TAKE, g_string_free (g_steal_pointer (&req->response), FALSE), len);
  else
    stream_next (msg, stream);
}

static void
finish_message (SimServer         *self,
                SoupServerMessage *msg,
                SimRequest        *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SimFault *fault;

  record_stats (self, req);

  if (req->limit_header)
    {
      g_autofree char *value = g_strdup_printf ("api-usage=%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                                                sim_counter_reported (&self->counter, sim_server_now (self)),
                                                self->counter.limit);

      soup_message_headers_replace (headers, "Sforce-Limit-Info", value);
    }

  if (req->response_headers != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name, *value;

      soup_message_headers_iter_init (&iter, req->response_headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        soup_message_headers_replace (headers, name, value);
    }

  fault = g_str_has_prefix (req->path, "/_sim") ? NULL :
          sim_faults_match (self, req->method, req->path, SIM_FAULTS_BODY);
  if (fault != NULL)
    sim_request_complete_stream (req);
  if (fault != NULL && (fault->kind == SIM_FAULT_TRUNCATE || fault->kind == SIM_FAULT_RESET_BODY))
    {
      write_truncated (msg, req, fault->kind == SIM_FAULT_RESET_BODY);
      return;
    }
  if (fault != NULL)
    apply_body_fault (req, fault);

  soup_server_message_set_status (msg, req->status, NULL);
  if (req->stream != NULL)
    start_stream (msg, req);
  else if (req->response != NULL && req->status != 204 && req->status != 304)
    {
      gsize len = req->response->len;
      char *data = g_string_free (g_steal_pointer (&req->response), FALSE);

      soup_server_message_set_response (msg, req->content_type ? req->content_type : "text/plain",
                                        SOUP_MEMORY_TAKE, data, len);
    }
}

static GHashTable *
collect_params (SoupServerMessage *msg,
                GHashTable        *query,
                GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (params, g_strdup (key), g_strdup (value));
    }

  if (body != NULL && g_bytes_get_size (body) > 0 && content_type != NULL &&
      g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autoptr(GHashTable) form = soup_form_decode (text);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (params, g_strdup (key), g_strdup (value));
    }

  return params;
}

static void
process_message (SimServer         *self,
                 SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  const char *raw_query = g_uri_get_query (uri);
  g_autoptr(GHashTable) query = raw_query ? soup_form_decode (raw_query) : NULL;
  SimRequest req = { 0 };

  req.server = self;
  req.method = soup_server_message_get_method (msg);
  req.path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
  if (req.path == NULL)
    req.path = g_strdup (g_uri_get_path (uri));
  req.headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  req.body = soup_message_body_flatten (request_body);
  req.query = collect_params (msg, query, req.body);
  req.client_host = soup_server_message_get_remote_host (msg);

  sim_request_dispatch (&req);
  finish_message (self, msg, &req);
  sim_request_clear (&req);
}

typedef struct
{
  SimServer         *self;
  SoupServerMessage *msg;
  gboolean           gone;   /* the client hung up meanwhile */
} Delayed;

static void
delayed_gone_cb (SoupServerMessage *msg,
                 Delayed           *delayed)
{
  delayed->gone = TRUE;
}

static gboolean
delayed_cb (gpointer data)
{
  Delayed *delayed = data;

  /* A fault of the answer itself (a reset) may end the connection, too. */
  if (!delayed->gone)
    process_message (delayed->self, delayed->msg);
  if (!delayed->gone)
    soup_server_message_unpause (delayed->msg);
  g_signal_handlers_disconnect_by_func (delayed->msg, delayed_gone_cb, delayed);
  g_object_unref (delayed->msg);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
respond_html_maintenance (SoupServerMessage *msg)
{
  static const char page[] =
    "<!DOCTYPE html>\n<html><head><title>Salesforce - Maintenance</title></head>\n"
    "<body><h1>Down for Maintenance</h1>\n<p>Salesforce is undergoing scheduled maintenance. "
    "We apologize for the inconvenience. Please try again later.</p></body></html>\n";

  soup_server_message_set_status (msg, 503, NULL);
  soup_server_message_set_response (msg, "text/html;charset=UTF-8", SOUP_MEMORY_STATIC,
                                    page, sizeof page - 1);
}

static void
respond_fault_status (SoupServerMessage *msg,
                      SimFault          *fault)
{
  GString *body = g_string_new ("[{\"message\":");
  gsize len;

  sim_json_append_string (body, fault->message ? fault->message : "Server unavailable", -1);
  g_string_append (body, ",\"errorCode\":");
  sim_json_append_string (body, fault->error_code ? fault->error_code : "SERVER_UNAVAILABLE", -1);
  g_string_append (body, "}]");
  len = body->len;
  soup_server_message_set_status (msg, fault->status ? fault->status : 503, NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), len);
}

static void
server_callback (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  SimServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *raw_query = g_uri_get_query (uri);
  SimFault *fault;

  if (strlen (g_uri_get_path (uri)) + (raw_query ? strlen (raw_query) + 1 : 0) > MAX_URI_LENGTH)
    {
      static const char page[] = "<html><body><h1>414 Request-URI Too Large</h1></body></html>\n";

      soup_server_message_set_status (msg, 414, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, sizeof page - 1);
      return;
    }

  fault = g_str_has_prefix (path, "/_sim") ? NULL :
          sim_faults_match (self, soup_server_message_get_method (msg), path, SIM_FAULTS_BEFORE);
  if (fault != NULL)
    {
      switch (fault->kind)
        {
        case SIM_FAULT_STATUS:
          respond_fault_status (msg, fault);
          return;
        case SIM_FAULT_RESET:
          reset_connection (msg);
          return;
        case SIM_FAULT_HTML:
          respond_html_maintenance (msg);
          return;
        case SIM_FAULT_DELAY:
          {
            Delayed *delayed = g_new0 (Delayed, 1);
            GSource *source = g_timeout_source_new (fault->delay_ms);

            delayed->self = self;
            delayed->msg = g_object_ref (msg);
            g_signal_connect (msg, "finished", G_CALLBACK (delayed_gone_cb), delayed);
            g_signal_connect (msg, "disconnected", G_CALLBACK (delayed_gone_cb), delayed);
            soup_server_message_pause (msg);
            g_source_set_callback (source, delayed_cb, delayed, NULL);
            g_source_attach (source, self->context);
            g_source_unref (source);
            return;
          }
        case SIM_FAULT_EXPIRE_SESSION:
          /* Every session ends now, as after a long pause; this request finds out. */
          sim_server_expire_sessions (self);
          break;
        case SIM_FAULT_TRUNCATE:
        case SIM_FAULT_MALFORMED_JSON:
        case SIM_FAULT_CSV_MALFORMED:
        case SIM_FAULT_CSV_TRUNCATED:
        case SIM_FAULT_BULK_FAILED:
        case SIM_FAULT_BULK_ABORTED:
        case SIM_FAULT_INSTANCE_URL:
        case SIM_FAULT_RESET_BODY:
        default:
          break;
        }
    }

  process_message (self, msg);
}

/*
 * Start and stop
 */

static gboolean
build_org (SimServer  *self,
           GError    **error)
{
  SimConfig *config = &self->config;
  GHashTableIter iter;
  gpointer key, value;

  if (config->username == NULL)
    config->username = g_strdup ("demo@orgsync.test");
  if (config->password == NULL)
    config->password = g_strdup ("demo1234");
  if (config->security_token == NULL)
    config->security_token = g_strdup ("DEMOTOKEN");

  self->schema = sim_schema_new (config->custom_objects, config->custom_fields);
  self->store = sim_store_new (self->schema, config->seed, config->username);
  sim_counter_init (&self->counter, config->daily_limit);
  self->rand = g_rand_new_with_seed ((guint32) config->seed);
  self->describe_modified_ms = self->store->epoch_ms;

  g_hash_table_iter_init (&iter, config->record_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SimObject *object = sim_schema_lookup (self->schema, key);

      if (object == NULL || object->kind != SIM_OBJECT_DATA)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--records: there is no object named %s", (const char *) key);
          return FALSE;
        }
      /* The first user is the one who logs in: there is always one. */
      sim_store_set_count (self->store, object, MAX (*(guint64 *) value,
                                                     g_str_equal (object->name, "User") ? 1 : 0));
    }

  self->clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  {
    SimClient *cli = g_new0 (SimClient, 1);

    cli->id = g_strdup ("PlatformCLI");
    cli->callbacks = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (cli->callbacks, g_strdup ("http://localhost:1717/OauthRedirect"));
    /* --callback-any-loopback is for the --client-id client, or for this
     * one when no other is registered. */
    cli->any_loopback = config->any_loopback && config->client_id == NULL;
    g_ptr_array_add (self->clients, cli);
  }
  if (config->client_id != NULL)
    {
      SimClient *client = g_new0 (SimClient, 1);

      client->id = g_strdup (config->client_id);
      client->secret = g_strdup (config->client_secret);
      client->callbacks = g_ptr_array_new_with_free_func (g_free);
      client->any_loopback = config->any_loopback;
      for (guint i = 0; config->callbacks && config->callbacks[i]; i++)
        g_ptr_array_add (client->callbacks, g_strdup (config->callbacks[i]));
      g_ptr_array_add (self->clients, client);
    }

  return TRUE;
}

/* Connections are accepted here and handed to libsoup, rather than through
 * soup_server_listen_local(): libsoup 3.2.3 leaks the socket of every
 * connection its own listener accepts. */
static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  SimServer *self = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  /* Headers and body go out in separate writes: without this, Nagle and
   * delayed ACKs add 40 ms to every request on a kept-alive connection. */
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  if (self->certificate != NULL)
    stream = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate, &error);
  else
    stream = g_object_ref (G_IO_STREAM (connection));

  if (stream == NULL ||
      !soup_server_accept_iostream (self->soup, stream, local, remote, &error))
    g_debug ("Dropped a connection: %s", error->message);
  return TRUE;
}

/* libsoup keeps a connection alive only while the server has a listener of
 * its own: give it one on another port that nobody connects to. */
static gboolean
add_idle_listener (SimServer     *self,
                   GInetAddress  *loopback,
                   GError       **error)
{
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocket) idle = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                          G_SOCKET_PROTOCOL_TCP, error);

  return idle != NULL &&
         g_socket_bind (idle, any_port, FALSE, error) &&
         g_socket_listen (idle, error) &&
         soup_server_listen_socket (self->soup, idle, 0, error);
}

static gboolean
listen_server (SimServer  *self,
               GError    **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, self->config.port);
  g_autoptr(GSocketAddress) effective = NULL;

  if (self->config.tls_cert != NULL)
    {
      if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "TLS is not available: install glib-networking");
          return FALSE;
        }
      self->certificate = g_tls_certificate_new_from_files (self->config.tls_cert, self->config.tls_key, error);
      if (self->certificate == NULL)
        return FALSE;
    }

  self->soup = g_object_new (SOUP_TYPE_SERVER, "server-header", "orgsync-sim", NULL);
  soup_server_add_handler (self->soup, NULL, server_callback, self, NULL);
  if (!add_idle_listener (self, loopback, error))
    return FALSE;

  self->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, error))
    return FALSE;
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);

  self->base_url = g_strdup_printf ("%s://127.0.0.1:%u", self->certificate ? "https" : "http",
                                    g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  SimServer *self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);

  ok = listen_server (self, &error);
  if (ok && self->config.state_file != NULL && !sim_state_load (self, &error))
    ok = FALSE;

  g_mutex_lock (&self->mutex);
  self->ready = TRUE;
  if (!ok)
    self->start_error = g_steal_pointer (&error);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (ok)
    g_main_loop_run (self->loop);

  if (self->config.state_file != NULL && ok)
    sim_state_save (self, NULL);
  if (self->save_source != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->save_source);

      if (source != NULL)
        g_source_destroy (source);
      self->save_source = 0;
    }

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
  g_clear_object (&self->certificate);
  /* Let pending connection teardown run before the context goes away. */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

gboolean
sim_server_start (SimServer  *self,
                  GError    **error)
{
  g_return_val_if_fail (SIM_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (self->schema == NULL, FALSE);

  if (!build_org (self, error))
    return FALSE;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->ready = FALSE;
  self->thread = g_thread_new ("orgsync-sim", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      sim_server_stop (self);
      return FALSE;
    }
  return TRUE;
}

const char *
sim_server_get_base_url (SimServer *self)
{
  g_return_val_if_fail (SIM_IS_SERVER (self), NULL);

  return self->base_url;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
sim_server_stop (SimServer *self)
{
  g_return_if_fail (SIM_IS_SERVER (self));

  if (self->thread == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}

static gboolean
save_cb (gpointer data)
{
  SimServer *self = data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!sim_state_save (self, &error))
    g_warning ("Could not save %s: %s", self->config.state_file, error->message);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts: write the state file at most twice a second. */
void
sim_server_schedule_save (SimServer *self)
{
  GSource *source;

  if (self->config.state_file == NULL || self->save_source != 0)
    return;

  source = g_timeout_source_new (500);
  g_source_set_callback (source, save_cb, self, NULL);
  self->save_source = g_source_attach (source, self->context);
  g_source_unref (source);
}
