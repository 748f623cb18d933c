/* sf-client.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-client-private.h"
#include "sf-json-private.h"
#include "sf-error-private.h"
#include "sf-redact.h"
#include "sf-url.h"

/* The HTTP layer every operation goes through: it asks the request filter,
 * counts what is sent, reads Sforce-Limit-Info from every response, refreshes
 * the session once on a 401 (one refresh shared by all requests that hit it),
 * and retries transport failures, 5xx and throttling with exponential backoff
 * and jitter. Nothing else in this library talks to libsoup's session. */

/* The priority every request runs at, one step above the default, because of
 * how libsoup 3.2 restarts a GET whose kept-alive connection turns out to be
 * closed. When that shows in the same main-loop iteration as the request was
 * written (the server reset the connection before the client got round to
 * reading: a busy machine), libsoup hands the failed attempt back from an idle
 * source at this priority, while its own queue source, at the default priority,
 * starts the second attempt. If the queue ran first, the failed attempt would
 * end the message and the second one then crashed in run_until_read_done(). At a
 * higher priority the failure is always handed back first, while the message is
 * still marked as restarting, and libsoup drops it as it should. The reliability
 * suite's mixed-fault run reproduces the order every time (a client slowed down
 * after each send). */
#define SF_IO_PRIORITY (G_PRIORITY_DEFAULT - 1)

struct _SfClient
{
  GObject           parent_instance;

  SoupSession      *session;
  char             *login_url;
  char             *client_id;
  char             *client_secret;
  char             *redirect_uri;
  char             *api_version;
  SfToken          *token;
  SfLimitInfo      *limit_info;

  guint64           requests_sent;
  guint64           api_calls_sent;

  SfRequestFilter   filter;
  gpointer          filter_data;
  GDestroyNotify    filter_destroy;

  guint             max_attempts;
  guint             initial_delay_ms;
  guint             max_delay_ms;
  guint             max_total_ms;

  /* GTasks waiting for the one refresh in flight. */
  GPtrArray        *refresh_waiters;
  guint             refreshing : 1;
};

G_DEFINE_FINAL_TYPE (SfClient, sf_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOGIN_URL,
  PROP_CLIENT_ID,
  PROP_REDIRECT_URI,
  PROP_API_VERSION,
  PROP_TOKEN,
  PROP_LIMIT_INFO,
  PROP_API_USAGE_USED,
  PROP_API_USAGE_MAX,
  PROP_REQUESTS_SENT,
  PROP_API_CALLS_SENT,
  N_PROPS
};

enum {
  USAGE_CHANGED,
  TOKEN_REFRESHED,
  SIGN_IN_LINK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  SfRequest    *request;
  SoupMessage  *message;
  SfToken      *token_used;
  GDateTime    *sent_at;
  gint64        started_us;
  gint64        attempt_us;
  guint         attempt;
  guint         failures;
  guint         refreshed : 1;
} SendState;

static void send_attempt (GTask *task);

/*
 * Requests and responses
 */

SfRequest *
_sf_request_new (const char    *method,
                 const char    *url,
                 SfRequestKind  kind)
{
  SfRequest *request = g_new0 (SfRequest, 1);

  request->method = g_strdup (method);
  request->url = g_strdup (url);
  request->kind = kind;
  request->api_calls = (kind == SF_REQUEST_KIND_REST || kind == SF_REQUEST_KIND_BULK) ? 1 : 0;
  request->headers = g_ptr_array_new_with_free_func (g_free);
  request->authenticated = kind != SF_REQUEST_KIND_VERSIONS && kind != SF_REQUEST_KIND_OAUTH;
  request->retry = TRUE;

  return request;
}

void
_sf_request_free (SfRequest *request)
{
  if (request == NULL)
    return;

  if (request->parser_data_free != NULL)
    request->parser_data_free (request->parser_data);
  g_free (request->method);
  g_free (request->url);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_ptr_array_unref (request->headers);
  g_free (request);
}

void
_sf_request_add_header (SfRequest  *request,
                        const char *name,
                        const char *value)
{
  g_ptr_array_add (request->headers, g_strdup (name));
  g_ptr_array_add (request->headers, g_strdup (value));
}

void
_sf_request_set_body (SfRequest  *request,
                      const char *content_type,
                      const char *data,
                      gsize       length)
{
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  request->body = g_bytes_new (data, length);
  request->content_type = g_strdup (content_type);
}

void
_sf_request_set_parser (SfRequest        *request,
                        SfResponseParser  parser,
                        gpointer          parser_data,
                        GDestroyNotify    parser_data_free,
                        GDestroyNotify    parsed_free)
{
  request->parser = parser;
  request->parser_data = parser_data;
  request->parser_data_free = parser_data_free;
  request->parsed_free = parsed_free;
}

void
_sf_response_free (SfResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_object (&response->stream);
  if (response->parsed != NULL && response->parsed_free != NULL)
    response->parsed_free (response->parsed);
  g_clear_pointer (&response->sent_at, g_date_time_unref);
  g_free (response);
}

gpointer
_sf_response_steal_parsed (SfResponse *response)
{
  response->parsed_free = NULL;
  return g_steal_pointer (&response->parsed);
}

static void
send_state_free (gpointer data)
{
  SendState *state = data;

  _sf_request_free (state->request);
  g_clear_object (&state->message);
  g_clear_pointer (&state->token_used, sf_token_unref);
  g_clear_pointer (&state->sent_at, g_date_time_unref);
  g_free (state);
}

/*
 * Helpers
 */

/**
 * _sf_parse_json_object:
 * @what: a name for the resource, for the error message
 *
 * An #SfResponseParser that returns the body's root #JsonNode.
 */
gpointer
_sf_parse_json_object (GBytes   *body,
                       gpointer  what,
                       GError  **error)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  return _sf_json_parse (data, length, what ? (const char *) what : "server", error);
}

/**
 * _sf_client_backoff_delay:
 * @failures: how many attempts failed so far (1 after the first)
 *
 * Exponential backoff with "equal jitter": half the delay is fixed, half is
 * random, so that many clients that failed together do not retry together.
 * The randomness needs no cryptographic strength.
 */
guint
_sf_client_backoff_delay (guint initial_ms,
                          guint max_ms,
                          guint failures)
{
  guint64 delay = initial_ms;

  for (guint i = 1; i < failures && delay < max_ms; i++)
    delay *= 2;
  delay = MIN (delay, max_ms);

  return (guint) (delay / 2 + g_random_int_range (0, (gint32) (delay / 2) + 1));
}

typedef struct
{
  GTask       *task;
  GSourceFunc  func;
  GSource     *timeout;
  GSource     *cancel;
} Scheduled;

static void
scheduled_free (Scheduled *scheduled)
{
  if (scheduled->timeout != NULL)
    {
      g_source_destroy (scheduled->timeout);
      g_source_unref (scheduled->timeout);
    }
  if (scheduled->cancel != NULL)
    {
      g_source_destroy (scheduled->cancel);
      g_source_unref (scheduled->cancel);
    }
  g_object_unref (scheduled->task);
  g_free (scheduled);
}

static gboolean
scheduled_fire_cb (gpointer data)
{
  Scheduled *scheduled = data;
  GTask *task = g_object_ref (scheduled->task);
  GSourceFunc func = scheduled->func;

  scheduled_free (scheduled);
  func (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static gboolean
scheduled_cancelled_cb (GCancellable *cancellable,
                        gpointer      data)
{
  Scheduled *scheduled = data;
  GTask *task = g_object_ref (scheduled->task);

  scheduled_free (scheduled);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

/**
 * _sf_client_schedule:
 * @task: a task; @func is called with it (borrowed) after @delay_ms
 *
 * Waits on the task's own main context, and ends the wait with
 * G_IO_ERROR_CANCELLED as soon as the task's cancellable fires.
 */
void
_sf_client_schedule (GTask       *task,
                     guint        delay_ms,
                     GSourceFunc  func)
{
  Scheduled *scheduled = g_new0 (Scheduled, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  scheduled->task = g_object_ref (task);
  scheduled->func = func;
  scheduled->timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (scheduled->timeout, scheduled_fire_cb, scheduled, NULL);
  g_source_set_static_name (scheduled->timeout, "[orgsync-sf] backoff");
  g_source_attach (scheduled->timeout, context);

  if (cancellable != NULL)
    {
      scheduled->cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (scheduled->cancel, G_SOURCE_FUNC (scheduled_cancelled_cb), scheduled, NULL);
      g_source_attach (scheduled->cancel, context);
    }
}

char *
_sf_client_build_url (SfClient   *self,
                      const char *path)
{
  if (g_str_has_prefix (path, "https://") || g_str_has_prefix (path, "http://"))
    return g_strdup (path);

  return g_strconcat (sf_token_get_instance_url (self->token), path, NULL);
}

/**
 * _sf_client_data_path:
 * @path: a path below the version, such as `sobjects/` or `query`
 *
 * Returns: `/services/data/vXX.X/` followed by @path
 */
char *
_sf_client_data_path (SfClient   *self,
                      const char *path)
{
  return g_strdup_printf ("/services/data/v%s/%s", self->api_version, path);
}

char *
_sf_client_build_data_url (SfClient   *self,
                           const char *path)
{
  g_autofree char *data_path = _sf_client_data_path (self, path);

  return _sf_client_build_url (self, data_path);
}

/**
 * _sf_client_new_rest_request:
 * @path: a path below the version, or an absolute path starting with `/`
 *   (a `nextRecordsUrl`)
 *
 * Returns: (transfer full): a JSON REST request, or %NULL if not signed in
 */
SfRequest *
_sf_client_new_rest_request (SfClient    *self,
                             const char  *method,
                             const char  *path,
                             GError     **error)
{
  g_autofree char *url = NULL;
  SfRequest *request;

  if (self->token == NULL)
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_NOT_SIGNED_IN,
                           "There is no Salesforce session: sign in first");
      return NULL;
    }

  url = path[0] == '/' ? _sf_client_build_url (self, path)
                       : _sf_client_build_data_url (self, path);
  request = _sf_request_new (method, url,
                             strstr (url, "/jobs/") != NULL ? SF_REQUEST_KIND_BULK
                                                            : SF_REQUEST_KIND_REST);
  _sf_request_add_header (request, "Accept", "application/json");

  return request;
}

/*
 * Usage tracking
 */

static void
update_usage (SfClient           *self,
              SoupMessageHeaders *headers)
{
  g_autoptr(SfLimitInfo) info = NULL;
  const char *value;
  gboolean used_changed, max_changed;

  if (headers == NULL ||
      (value = soup_message_headers_get_one (headers, "Sforce-Limit-Info")) == NULL ||
      (info = sf_limit_info_parse (value)) == NULL)
    return;

  used_changed = self->limit_info == NULL || self->limit_info->api_used != info->api_used;
  max_changed = self->limit_info == NULL || self->limit_info->api_max != info->api_max;

  g_clear_pointer (&self->limit_info, sf_limit_info_free);
  self->limit_info = g_steal_pointer (&info);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT_INFO]);
  if (used_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_USAGE_USED]);
  if (max_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_USAGE_MAX]);

  g_signal_emit (self, signals[USAGE_CHANGED], 0, self->limit_info);
}

/*
 * Sending
 */

static gboolean
is_retryable_status (guint status)
{
  return status >= 500 || status == 420 || status == 429;
}

static gboolean
is_retryable_transport_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  /* TLS failures are not going to heal by themselves: a wrong certificate is
   * an attack or a misconfiguration, not a glitch. */
  if (error->domain == G_TLS_ERROR)
    return FALSE;

  return error->domain == G_IO_ERROR ||
         error->domain == G_RESOLVER_ERROR ||
         error->domain == SOUP_SESSION_ERROR ||
         g_error_matches (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
}

/* GIO says what is wrong with a certificate, not whose it is: say both, in
 * words a person can act on. Domain and code stay, for callers that match. */
static GError *
explain_transport_error (SendState *state,
                         GError    *error)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  GError *explained;

  if (error->domain != G_TLS_ERROR)
    return error;

  uri = g_uri_parse (state->request->url, G_URI_FLAGS_NONE, NULL);
  host = uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : "the server";
  if (error->code == G_TLS_ERROR_BAD_CERTIFICATE)
    explained = g_error_new (G_TLS_ERROR, error->code,
                             "The certificate of %s is not trusted, so Org Sync did not "
                             "connect to it (%s)", host, error->message);
  else
    explained = g_error_new (G_TLS_ERROR, error->code,
                             "The secure connection to %s failed (%s)", host, error->message);

  g_error_free (error);
  return explained;
}

static gboolean
retry_cb (gpointer data)
{
  send_attempt (G_TASK (data));
  return G_SOURCE_REMOVE;
}

/* Retries after a failure that may heal, within the attempt and time bounds,
 * or gives up with @error. */
static void
fail_or_retry (GTask    *task,
               GError   *error,
               gboolean  retryable)
{
  SfClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  gint64 elapsed_ms = (g_get_monotonic_time () - state->started_us) / 1000;
  guint delay;

  state->failures++;
  if (!retryable || !state->request->retry || state->failures >= self->max_attempts)
    {
      g_task_return_error (task, error);
      return;
    }

  delay = _sf_client_backoff_delay (self->initial_delay_ms, self->max_delay_ms, state->failures);
  if (elapsed_ms + delay > self->max_total_ms)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Retrying %s in %u ms after: %s", state->request->method, delay, error->message);
  g_error_free (error);
  _sf_client_schedule (task, delay, retry_cb);
}

static void
finish_with_response (GTask        *task,
                      GBytes       *body,
                      GInputStream *stream,
                      gpointer      parsed)
{
  SendState *state = g_task_get_task_data (task);
  SfResponse *response = g_new0 (SfResponse, 1);

  response->status = soup_message_get_status (state->message);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (state->message));
  response->body = body ? g_bytes_ref (body) : NULL;
  response->stream = stream ? g_object_ref (stream) : NULL;
  response->parsed = parsed;
  response->parsed_free = state->request->parsed_free;
  response->sent_at = g_date_time_ref (state->sent_at);

  g_task_return_pointer (task, response, (GDestroyNotify) _sf_response_free);
}

static void
parse_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GTask *send_task = task_data;
  SendState *state = g_task_get_task_data (send_task);
  GBytes *body = g_object_get_data (G_OBJECT (task), "body");
  GError *error = NULL;
  gpointer parsed;

  parsed = state->request->parser (body, state->request->parser_data, &error);
  if (parsed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, parsed, NULL);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) send_task = user_data;
  GBytes *body = g_object_get_data (G_OBJECT (result), "body");
  GError *error = NULL;
  gpointer parsed;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (parsed == NULL)
    fail_or_retry (send_task, error, g_error_matches (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE));
  else
    finish_with_response (send_task, body, NULL, parsed);
}

static void
parse_in_thread (GTask  *send_task,
                 GBytes *body)
{
  g_autoptr(GTask) task = g_task_new (NULL, g_task_get_cancellable (send_task),
                                      parsed_cb, g_object_ref (send_task));

  g_task_set_source_tag (task, parse_in_thread);
  g_task_set_task_data (task, g_object_ref (send_task), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "body", g_bytes_ref (body),
                          (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, parse_worker);
}

static void
refresh_done_for_send (GTask        *task,
                       const GError *refresh_error)
{
  if (refresh_error != NULL)
    g_task_return_error (task, g_error_copy (refresh_error));
  else
    send_attempt (task);
}

/* A 401: renew the session once and try again. If another request already
 * renewed it since this one was sent, just try again with the new token. */
static void
handle_unauthorized (GTask  *task,
                     GError *error)
{
  SfClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);

  if (state->refreshed || !state->request->authenticated || self->token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  state->refreshed = TRUE;

  if (self->token != state->token_used && !self->refreshing)
    {
      g_error_free (error);
      send_attempt (task);
      return;
    }

  if (sf_token_get_refresh_token (self->token) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Session expired; renewing it before retrying %s", state->request->method);
  g_error_free (error);
  g_object_set_data (G_OBJECT (task), "sf-refresh-waiter", refresh_done_for_send);
  _sf_client_refresh_shared (self, task);
}

static void
handle_status (GTask  *task,
               GBytes *body)
{
  SendState *state = g_task_get_task_data (task);
  guint status = soup_message_get_status (state->message);
  SoupMessageHeaders *headers = soup_message_get_response_headers (state->message);
  GError *error;
  gsize length = 0;
  const char *data = body ? g_bytes_get_data (body, &length) : NULL;

  if ((status >= 200 && status < 300) || status == 304)
    {
      if (state->request->parser != NULL && status != 304 && !state->request->stream)
        parse_in_thread (task, body);
      else
        finish_with_response (task, body, NULL, NULL);
      return;
    }

  error = _sf_error_new_from_response (status, soup_message_get_reason_phrase (state->message),
                                       soup_message_headers_get_content_type (headers, NULL),
                                       data, length);

  if (status == 401)
    handle_unauthorized (task, error);
  else
    fail_or_retry (task, error, is_retryable_status (status));
}

static void
log_response (SendState *state,
              gsize      length)
{
  g_autofree char *url = sf_redact_url (state->request->url);

  g_debug ("← %u %s %s (%" G_GINT64_FORMAT " ms, %" G_GSIZE_FORMAT " bytes)",
           soup_message_get_status (state->message), state->request->method, url,
           (g_get_monotonic_time () - state->attempt_us) / 1000, length);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  goffset content_length;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_debug ("✗ %s: %s", state->request->method, error->message);
      error = explain_transport_error (state, error);
      fail_or_retry (task, error, is_retryable_transport_error (error));
      return;
    }

  log_response (state, g_bytes_get_size (body));
  update_usage (self, soup_message_get_response_headers (state->message));

  /* libsoup 3.2 ends a body cut off by a connection reset as if it were complete. */
  content_length = soup_message_headers_get_content_length (soup_message_get_response_headers (state->message));
  if (soup_message_headers_get_encoding (soup_message_get_response_headers (state->message)) ==
        SOUP_ENCODING_CONTENT_LENGTH &&
      (goffset) g_bytes_get_size (body) < content_length)
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                           "The connection ended after %" G_GSIZE_FORMAT " of %" G_GOFFSET_FORMAT " bytes",
                           g_bytes_get_size (body), content_length);
      fail_or_retry (task, error, TRUE);
      return;
    }

  handle_status (task, body);
}

static void
error_body_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GOutputStream *out = G_OUTPUT_STREAM (object);
  g_autoptr(GBytes) body = NULL;

  /* A failed read of an error body still leaves the status to go by. */
  g_output_stream_splice_finish (out, result, NULL);
  body = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  handle_status (task, body);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) out = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      g_debug ("✗ %s: %s", state->request->method, error->message);
      error = explain_transport_error (state, error);
      fail_or_retry (task, error, is_retryable_transport_error (error));
      return;
    }

  log_response (state, 0);
  update_usage (self, soup_message_get_response_headers (state->message));

  status = soup_message_get_status (state->message);
  if (status >= 200 && status < 300)
    {
      finish_with_response (task, NULL, stream, NULL);
      return;
    }

  /* Error bodies are small: read it whole to find Salesforce's error code. (The
   * cancellable is read first: the order in which arguments are evaluated is not
   * defined, and the task is handed over in the same call.) */
  cancellable = g_task_get_cancellable (task);
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, cancellable,
                                error_body_cb, g_steal_pointer (&task));
}

static gboolean
ask_filter (SfClient   *self,
            SendState  *state,
            GError    **error)
{
  g_autoptr(GUri) uri = NULL;
  SfRequestInfo info = { 0 };
  GError *local_error = NULL;

  if (self->filter == NULL)
    return TRUE;

  uri = g_uri_parse (state->request->url, G_URI_FLAGS_ENCODED, NULL);
  info.kind = state->request->kind;
  info.method = state->request->method;
  info.path = uri ? g_uri_get_path (uri) : "";
  info.api_calls = state->request->api_calls;
  info.attempt = state->attempt;

  if (self->filter (self, &info, self->filter_data, &local_error))
    return TRUE;

  if (local_error == NULL)
    local_error = g_error_new_literal (SF_ERROR, SF_ERROR_REQUEST_REFUSED,
                                       "The request was refused before it was sent");
  g_propagate_error (error, local_error);
  return FALSE;
}

/* libsoup sends an idempotent request again by itself when a kept-alive
 * connection turns out to be closed; that is a request sent too. */
static void
message_restarted_cb (SoupMessage *message,
                      SfClient    *self)
{
  self->requests_sent++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS_SENT]);
}

static SoupMessage *
build_message (SfClient   *self,
               SendState  *state,
               GError    **error)
{
  SfRequest *request = state->request;
  SoupMessageHeaders *headers;
  SoupMessage *message;

  message = soup_message_new (request->method, request->url);
  if (message == NULL)
    {
      g_autofree char *url = sf_redact_url (request->url);

      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT, "“%s” is not a valid URL", url);
      return NULL;
    }

  g_signal_connect_object (message, "restarted", G_CALLBACK (message_restarted_cb), self, 0);

  headers = soup_message_get_request_headers (message);
  for (guint i = 0; i + 1 < request->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (request->headers, i),
                                  g_ptr_array_index (request->headers, i + 1));

  if (request->authenticated)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", sf_token_get_access_token (self->token), NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
      explicit_bzero (bearer, strlen (bearer));
      g_clear_pointer (&state->token_used, sf_token_unref);
      state->token_used = sf_token_ref (self->token);
    }

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, request->content_type, request->body);

  return message;
}

static void
send_attempt (GTask *task)
{
  SfClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *url = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (state->request->authenticated && self->token == NULL)
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_NOT_SIGNED_IN,
                               "There is no Salesforce session: sign in first");
      return;
    }

  /* Another request is renewing the session: wait for it, do not send a
   * request that is bound to fail with the old token. */
  if (state->request->authenticated && self->refreshing)
    {
      g_object_set_data (G_OBJECT (task), "sf-refresh-waiter", refresh_done_for_send);
      _sf_client_refresh_shared (self, task);
      return;
    }

  state->attempt++;
  g_clear_object (&state->message);
  if ((state->message = build_message (self, state, &error)) == NULL ||
      !ask_filter (self, state, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  self->requests_sent++;
  self->api_calls_sent += state->request->api_calls;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS_SENT]);
  if (state->request->api_calls > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_CALLS_SENT]);

  url = sf_redact_url (state->request->url);
  g_debug ("→ %s %s (attempt %u)", state->request->method, url, state->attempt);

  g_clear_pointer (&state->sent_at, g_date_time_unref);
  state->sent_at = g_date_time_new_now_utc ();
  state->attempt_us = g_get_monotonic_time ();

  if (state->request->stream)
    soup_session_send_async (self->session, state->message, SF_IO_PRIORITY,
                             g_task_get_cancellable (task), sent_cb, g_object_ref (task));
  else
    soup_session_send_and_read_async (self->session, state->message, SF_IO_PRIORITY,
                                      g_task_get_cancellable (task), read_cb, g_object_ref (task));
}

/**
 * _sf_client_send_async:
 * @request: (transfer full): the request
 *
 * Sends @request with the filter, counting, usage tracking, session renewal
 * and retries described at the top of this file. A non-2xx status (other than
 * 304) ends as an error in SF_ERROR.
 */
void
_sf_client_send_async (SfClient            *self,
                       SfRequest           *request,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendState *state;

  g_return_if_fail (SF_IS_CLIENT (self));
  g_return_if_fail (request != NULL);

  state = g_new0 (SendState, 1);
  state->request = request;
  state->started_us = g_get_monotonic_time ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _sf_client_send_async);
  g_task_set_task_data (task, state, send_state_free);

  send_attempt (task);
}

SfResponse *
_sf_client_send_finish (SfClient      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Session renewal, shared by all requests
 */

static void
resume_refresh_waiters (SfClient     *self,
                        const GError *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->refreshing = FALSE;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);
      void (*done) (GTask *, const GError *) = g_object_get_data (G_OBJECT (waiter), "sf-refresh-waiter");

      done (waiter, error);
    }
}

/* Every failure of a refresh grant that is not transient means the grant is
 * gone: revoked, expired, the user deactivated, the app blocked. */
static GError *
refresh_error_to_reauthorization (GError *error)
{
  GError *reauth;

  if (error->domain != SF_ERROR || sf_error_is_transient (error) ||
      error->code == SF_ERROR_REQUEST_REFUSED)
    return error;

  reauth = g_error_new (SF_ERROR, SF_ERROR_REAUTHORIZATION_REQUIRED, "%s: %s",
                        sf_error_code_to_string (error->code), error->message);
  g_error_free (error);
  return reauth;
}

static void
refresh_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SfClient *self = SF_CLIENT (object);
  g_autoptr(SfResponse) response = NULL;
  g_autoptr(SfToken) token = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data;

  response = _sf_client_send_finish (self, result, &error);
  if (response != NULL)
    {
      data = g_bytes_get_data (response->body, &length);
      token = sf_token_new_from_json (data, length,
                                      self->token ? sf_token_get_refresh_token (self->token) : NULL,
                                      &error);
    }

  if (token == NULL)
    {
      error = refresh_error_to_reauthorization (g_steal_pointer (&error));
      g_debug ("Renewing the session failed: %s", error->message);
      resume_refresh_waiters (self, error);
    }
  else
    {
      g_debug ("Session renewed%s", sf_token_get_refresh_rotated (token) ? "; refresh token rotated" : "");
      _sf_client_replace_token (self, token, TRUE);
      resume_refresh_waiters (self, NULL);
    }

  g_object_unref (self);
}

static char *
form_encode (const char * const *pairs)
{
  GString *form = g_string_new (NULL);

  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      if (form->len > 0)
        g_string_append_c (form, '&');
      g_string_append_uri_escaped (form, pairs[i], NULL, FALSE);
      g_string_append_c (form, '=');
      g_string_append_uri_escaped (form, pairs[i + 1], NULL, FALSE);
    }

  return g_string_free (form, FALSE);
}

/**
 * _sf_client_refresh_shared:
 * @waiter: a task with an "sf-refresh-waiter" callback in its data, called
 *   (with the refresh's error or %NULL) when the refresh ends
 *
 * Joins the refresh in flight, or starts one.
 */
void
_sf_client_refresh_shared (SfClient *self,
                           GTask    *waiter)
{
  g_autofree char *url = NULL;
  g_autofree char *form = NULL;
  SfRequest *request;
  const char *pairs[] = {
    "grant_type", "refresh_token",
    "refresh_token", NULL,
    "client_id", self->client_id,
    "client_secret", self->client_secret,
    NULL, NULL
  };

  g_ptr_array_add (self->refresh_waiters, g_object_ref (waiter));
  if (self->refreshing)
    return;

  if (self->token == NULL || sf_token_get_refresh_token (self->token) == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (SF_ERROR, SF_ERROR_REAUTHORIZATION_REQUIRED,
                                                     "There is no refresh token: sign in again");

      resume_refresh_waiters (self, error);
      return;
    }

  self->refreshing = TRUE;
  pairs[3] = sf_token_get_refresh_token (self->token);
  form = form_encode (pairs);

  url = g_strconcat (self->login_url ? self->login_url : sf_token_get_instance_url (self->token),
                     "/services/oauth2/token", NULL);
  request = _sf_request_new ("POST", url, SF_REQUEST_KIND_OAUTH);
  _sf_request_add_header (request, "Accept", "application/json");
  _sf_request_set_body (request, "application/x-www-form-urlencoded", form, strlen (form));
  explicit_bzero (form, strlen (form));

  /* Not tied to any waiter's cancellable: others may still need the result. */
  _sf_client_send_async (self, request, NULL, refresh_sent_cb, g_object_ref (self));
}

/*
 * Token
 */

void
_sf_client_replace_token (SfClient *self,
                          SfToken  *token,
                          gboolean  refreshed)
{
  if (self->token == token)
    return;

  g_clear_pointer (&self->token, sf_token_unref);
  self->token = token ? sf_token_ref (token) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);

  if (refreshed && token != NULL)
    g_signal_emit (self, signals[TOKEN_REFRESHED], 0, token);
}

const char *
_sf_client_get_client_secret (SfClient *self)
{
  return self->client_secret;
}

/*
 * GObject
 */

static void
sf_client_finalize (GObject *object)
{
  SfClient *self = (SfClient *)object;

  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);

  g_clear_object (&self->session);
  g_clear_pointer (&self->login_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  if (self->client_secret != NULL)
    explicit_bzero (self->client_secret, strlen (self->client_secret));
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_pointer (&self->api_version, g_free);
  g_clear_pointer (&self->token, sf_token_unref);
  g_clear_pointer (&self->limit_info, sf_limit_info_free);
  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (sf_client_parent_class)->finalize (object);
}

static void
sf_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SfClient *self = SF_CLIENT (object);

  switch (prop_id)
    {
    case PROP_LOGIN_URL:
      g_value_set_string (value, self->login_url);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_REDIRECT_URI:
      g_value_set_string (value, self->redirect_uri);
      break;
    case PROP_API_VERSION:
      g_value_set_string (value, self->api_version);
      break;
    case PROP_TOKEN:
      g_value_set_boxed (value, self->token);
      break;
    case PROP_LIMIT_INFO:
      g_value_set_boxed (value, self->limit_info);
      break;
    case PROP_API_USAGE_USED:
      g_value_set_int64 (value, sf_client_get_api_usage_used (self));
      break;
    case PROP_API_USAGE_MAX:
      g_value_set_int64 (value, sf_client_get_api_usage_max (self));
      break;
    case PROP_REQUESTS_SENT:
      g_value_set_uint64 (value, self->requests_sent);
      break;
    case PROP_API_CALLS_SENT:
      g_value_set_uint64 (value, self->api_calls_sent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SfClient *self = SF_CLIENT (object);

  switch (prop_id)
    {
    case PROP_API_VERSION:
      sf_client_set_api_version (self, g_value_get_string (value));
      break;
    case PROP_TOKEN:
      sf_client_set_token (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_client_class_init (SfClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_client_finalize;
  object_class->get_property = sf_client_get_property;
  object_class->set_property = sf_client_set_property;

  properties[PROP_LOGIN_URL] =
    g_param_spec_string ("login-url", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_REDIRECT_URI] =
    g_param_spec_string ("redirect-uri", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_VERSION] =
    g_param_spec_string ("api-version", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOKEN] =
    g_param_spec_boxed ("token", NULL, NULL, SF_TYPE_TOKEN,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIMIT_INFO] =
    g_param_spec_boxed ("limit-info", NULL, NULL, SF_TYPE_LIMIT_INFO,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_USAGE_USED] =
    g_param_spec_int64 ("api-usage-used", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_USAGE_MAX] =
    g_param_spec_int64 ("api-usage-max", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REQUESTS_SENT] =
    g_param_spec_uint64 ("requests-sent", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_CALLS_SENT] =
    g_param_spec_uint64 ("api-calls-sent", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SfClient::usage-changed:
   * @info: the `Sforce-Limit-Info` of the response just received
   *
   * Emitted for every response that carries usage, so that a quota governor
   * always knows the org's usage without calling /limits.
   */
  signals[USAGE_CHANGED] =
    g_signal_new ("usage-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  SF_TYPE_LIMIT_INFO | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * SfClient::token-refreshed:
   * @token: the new session
   *
   * Emitted after a refresh grant, automatic or requested. Store the new
   * access token; if sf_token_get_refresh_rotated() is %TRUE, replace the
   * stored refresh token too, because the old one may stop working.
   */
  signals[TOKEN_REFRESHED] =
    g_signal_new ("token-refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SF_TYPE_TOKEN);

  /**
   * SfClient::sign-in-link:
   * @url: the authorize URL the browser is being sent to
   *
   * Emitted by a browser sign-in just before the browser is opened, so that a
   * window can offer the link to paste by hand when no browser comes up. The
   * URL carries the PKCE challenge and the state, never the verifier.
   */
  signals[SIGN_IN_LINK] =
    g_signal_new ("sign-in-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
_sf_client_emit_sign_in_link (SfClient   *self,
                              const char *url)
{
  g_signal_emit (self, signals[SIGN_IN_LINK], 0, url);
}

static void
sf_client_init (SfClient *self)
{
  self->session = soup_session_new_with_options ("user-agent", "OrgSync/" PACKAGE_VERSION " ",
                                                 "timeout", 120,
                                                 "idle-timeout", 60,
                                                 NULL);
  self->client_id = g_strdup (SF_DEFAULT_CLIENT_ID);
  self->redirect_uri = g_strdup (SF_DEFAULT_REDIRECT_URI);
  self->api_version = g_strdup (SF_API_VERSION_MAX);
  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->max_attempts = 5;
  self->initial_delay_ms = 1000;
  self->max_delay_ms = 30000;
  self->max_total_ms = 120000;
}

/*
 * Public API
 */

/**
 * sf_client_new:
 * @login_url: the login host: production, sandbox, My Domain or a loopback
 *   URL for the simulator (see sf_url_normalize_login())
 * @error: return location for an error
 *
 * Returns: (transfer full): a client without a session, or %NULL if
 *   @login_url is not acceptable
 */
SfClient *
sf_client_new (const char  *login_url,
               GError     **error)
{
  g_autofree char *normalized = NULL;
  SfClient *self;

  g_return_val_if_fail (login_url != NULL, NULL);

  if ((normalized = sf_url_normalize_login (login_url, error)) == NULL)
    return NULL;

  self = g_object_new (SF_TYPE_CLIENT, NULL);
  self->login_url = g_steal_pointer (&normalized);

  return self;
}

/**
 * sf_client_set_tls_database:
 * @database: (nullable): the certificates to trust, or %NULL for the
 *   system's
 *
 * Replaces the certificate authorities the client trusts. Certificates are
 * always checked; this only says against what. Tests use it to trust the
 * simulator's self-signed certificate, and it would serve an organisation
 * that inspects TLS with its own authority.
 */
void
sf_client_set_tls_database (SfClient     *self,
                            GTlsDatabase *database)
{
  g_return_if_fail (SF_IS_CLIENT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  if (database == NULL)
    database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  else
    g_object_ref (database);

  soup_session_set_tls_database (self->session, database);
  g_clear_object (&database);
}

const char *
sf_client_get_login_url (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), NULL);

  return self->login_url;
}

/**
 * sf_client_set_oauth_app:
 * @client_id: (nullable): the consumer key of the org's External Client App
 *   or Connected App; %NULL for the public Salesforce CLI client
 * @client_secret: (nullable): its consumer secret, if the app requires one
 * @redirect_uri: (nullable): its callback URL, which must be a loopback
 *   `http://` URL with a port (`http://localhost:1717/OauthRedirect`); %NULL
 *   for the CLI client's
 */
void
sf_client_set_oauth_app (SfClient   *self,
                         const char *client_id,
                         const char *client_secret,
                         const char *redirect_uri)
{
  g_return_if_fail (SF_IS_CLIENT (self));

  g_free (self->client_id);
  self->client_id = g_strdup (client_id ? client_id : SF_DEFAULT_CLIENT_ID);

  if (self->client_secret != NULL)
    explicit_bzero (self->client_secret, strlen (self->client_secret));
  g_free (self->client_secret);
  self->client_secret = (client_secret && *client_secret) ? g_strdup (client_secret) : NULL;

  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup (redirect_uri ? redirect_uri : SF_DEFAULT_REDIRECT_URI);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECT_URI]);
}

const char *
sf_client_get_client_id (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), NULL);

  return self->client_id;
}

const char *
sf_client_get_redirect_uri (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), NULL);

  return self->redirect_uri;
}

/**
 * sf_client_get_token:
 *
 * Returns: (transfer none) (nullable): the current session
 */
SfToken *
sf_client_get_token (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), NULL);

  return self->token;
}

/**
 * sf_client_set_token:
 * @token: (nullable): a session restored from the keyring, or %NULL to forget
 *   the session
 */
void
sf_client_set_token (SfClient *self,
                     SfToken  *token)
{
  g_return_if_fail (SF_IS_CLIENT (self));

  _sf_client_replace_token (self, token, FALSE);
}

const char *
sf_client_get_api_version (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), NULL);

  return self->api_version;
}

/**
 * sf_client_set_api_version:
 * @version: a version such as `61.0`, usually the one
 *   sf_client_negotiate_api_version_async() picked and the caller stored
 */
void
sf_client_set_api_version (SfClient   *self,
                           const char *version)
{
  g_return_if_fail (SF_IS_CLIENT (self));
  g_return_if_fail (version != NULL);

  if (g_strcmp0 (version, self->api_version) == 0)
    return;

  g_free (self->api_version);
  self->api_version = g_strdup (version[0] == 'v' ? version + 1 : version);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_VERSION]);
}

/**
 * sf_client_get_limit_info:
 *
 * Returns: (transfer none) (nullable): the usage of the last response that
 *   reported it
 */
SfLimitInfo *
sf_client_get_limit_info (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), NULL);

  return self->limit_info;
}

/**
 * sf_client_get_api_usage_used:
 *
 * Returns: the org's API requests in the last 24 hours as of the last
 *   response, or -1 if no response has reported it yet
 */
gint64
sf_client_get_api_usage_used (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), -1);

  return self->limit_info ? self->limit_info->api_used : -1;
}

gint64
sf_client_get_api_usage_max (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), -1);

  return self->limit_info ? self->limit_info->api_max : -1;
}

/**
 * sf_client_get_requests_sent:
 *
 * Returns: every HTTP request this client sent, retries and OAuth included
 */
guint64
sf_client_get_requests_sent (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), 0);

  return self->requests_sent;
}

/**
 * sf_client_get_api_calls_sent:
 *
 * Returns: the API calls those requests cost, by #SfRequestInfo.api_calls
 */
guint64
sf_client_get_api_calls_sent (SfClient *self)
{
  g_return_val_if_fail (SF_IS_CLIENT (self), 0);

  return self->api_calls_sent;
}

/**
 * sf_client_set_request_filter:
 * @filter: (nullable): the filter, or %NULL for none
 *
 * Installs the function consulted before every request (see #SfRequestFilter).
 */
void
sf_client_set_request_filter (SfClient        *self,
                              SfRequestFilter  filter,
                              gpointer         user_data,
                              GDestroyNotify   destroy)
{
  g_return_if_fail (SF_IS_CLIENT (self));

  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);

  self->filter = filter;
  self->filter_data = user_data;
  self->filter_destroy = destroy;
}

/**
 * sf_client_set_retry_policy:
 * @max_attempts: tries per request, at least 1 (default 5)
 * @initial_delay_ms: the first backoff (default 1000)
 * @max_delay_ms: the longest backoff (default 30000)
 * @max_total_ms: no retry starts after this much time (default 120000)
 */
void
sf_client_set_retry_policy (SfClient *self,
                            guint     max_attempts,
                            guint     initial_delay_ms,
                            guint     max_delay_ms,
                            guint     max_total_ms)
{
  g_return_if_fail (SF_IS_CLIENT (self));

  self->max_attempts = MAX (max_attempts, 1);
  self->initial_delay_ms = initial_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, initial_delay_ms);
  self->max_total_ms = max_total_ms;
}
